"""Decision pages: the secretariat drafts and prints, the chairman signs; print-job progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from app.auth.models import Role
from app.certificates import service as certificates_service
from app.certificates.schemas import PrintJobCreate
from app.core.db import SessionDep
from app.core.errors import AppError, Forbidden
from app.core.pagination import PageParams
from app.core.params import IdPath
from app.core.web import CsrfChecked, WebActor, render
from app.decisions import document, service
from app.decisions.models import DecisionStatus
from app.decisions.schemas import DecisionCreate
from app.nominations import service as nominations_service

router = APIRouter(include_in_schema=False)


def _list_page(
    request: Request, session, actor, *, error: str | None = None, status_code: int = 200
):
    decisions, _ = service.list_decisions(
        session, actor=actor, params=PageParams(limit=200), status=None
    )
    waiting = []
    if actor.has_role(Role.SECRETARIAT):
        waiting = nominations_service.nomination_reads(
            session, actor=actor, nominations=service.awaiting_decision(session, actor=actor)
        )
    return render(
        request,
        "decisions/list.html",
        {
            "decisions": [service.decision_read(session, d) for d in reversed(decisions)],
            "waiting": waiting,
            # The year the waiting nominations are for (the latest, if several), not a fixed one.
            "default_title": (
                f"Về việc khen thưởng thành tích năm {max(n.year for n in waiting)}"
                if waiting
                else ""
            ),
            "error": error,
        },
        actor=actor,
        status_code=status_code,
    )


@router.get("/decisions", response_class=HTMLResponse)
def decisions_page(request: Request, session: SessionDep, actor: WebActor) -> HTMLResponse:
    return _list_page(request, session, actor)


@router.post("/decisions", response_class=HTMLResponse, dependencies=[CsrfChecked])
def decisions_create(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    title: Annotated[str, Form(max_length=500)] = "",
    nomination_ids: Annotated[list[int], Form()] = [],  # noqa: B006 - FastAPI form default
) -> Response:
    try:
        if not actor.has_role(Role.SECRETARIAT):
            raise Forbidden("Chỉ Ban Thi đua - Khen thưởng lập dự thảo quyết định.")
        data = DecisionCreate(title=title, nomination_ids=nomination_ids)
        decision = service.create_decision(session, actor=actor, data=data)
    except ValidationError:
        return _list_page(
            request,
            session,
            actor,
            status_code=400,
            error="Cần nhập trích yếu và chọn ít nhất một đề nghị.",
        )
    except AppError as exc:
        session.rollback()
        return _list_page(request, session, actor, error=exc.detail, status_code=exc.status_code)
    return RedirectResponse(f"/decisions/{decision.id}", status_code=303)


def _detail(
    request: Request,
    session,
    actor,
    decision_id: int,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    decision = service.get_decision(session, actor=actor, decision_id=decision_id)
    estimates = (
        service.estimated_bonuses(session, decision)
        if decision.status is DecisionStatus.DRAFT
        else {}
    )
    return render(
        request,
        "decisions/detail.html",
        {
            "decision": service.decision_read(session, decision),
            "certificates": (
                certificates_service.certificates_of_decision(
                    session, actor=actor, decision_id=decision.id
                )
                if decision.status is DecisionStatus.SIGNED
                and certificates_service.can_read_certificates(actor)
                else []
            ),
            "estimates": estimates,
            "estimated_total": sum(b for b in estimates.values() if b is not None),
            "error": error,
        },
        actor=actor,
        status_code=status_code,
    )


@router.get("/decisions/{decision_id}", response_class=HTMLResponse)
def decision_page(
    request: Request, session: SessionDep, actor: WebActor, decision_id: IdPath
) -> HTMLResponse:
    return _detail(request, session, actor, decision_id)


@router.get("/decisions/{decision_id}/pdf")
def decision_pdf_page(session: SessionDep, actor: WebActor, decision_id: IdPath) -> Response:
    decision = service.get_decision(session, actor=actor, decision_id=decision_id)
    pdf = document.render_decision(decision, service.recipients(session, decision))
    return Response(pdf, media_type="application/pdf")


@router.post("/decisions/{decision_id}/sign", dependencies=[CsrfChecked])
def decision_sign(
    request: Request, session: SessionDep, actor: WebActor, decision_id: IdPath
) -> Response:
    try:
        if not actor.has_role(Role.SIGNER):
            raise Forbidden("Chỉ người có thẩm quyền ký quyết định.")
        service.sign_decision(session, actor=actor, decision_id=decision_id)
    except AppError as exc:
        session.rollback()
        return _detail(
            request, session, actor, decision_id, error=exc.detail, status_code=exc.status_code
        )
    return RedirectResponse(f"/decisions/{decision_id}", status_code=303)


@router.post("/decisions/{decision_id}/print", dependencies=[CsrfChecked])
def decision_print(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    decision_id: IdPath,
    background: BackgroundTasks,
    mode: Annotated[str, Form(pattern="^(full|blank)$")] = "full",
) -> Response:
    try:
        job = certificates_service.create_print_job(
            session, actor=actor, data=PrintJobCreate(decision_id=decision_id, mode=mode)
        )
        session.flush()
    except AppError as exc:
        session.rollback()
        return _detail(
            request, session, actor, decision_id, error=exc.detail, status_code=exc.status_code
        )
    certificates_service.start_soon(background, job.id)
    return RedirectResponse(f"/print-jobs/{job.id}", status_code=303)


@router.get("/print-jobs/{job_id}", response_class=HTMLResponse)
def print_job_page(
    request: Request, session: SessionDep, actor: WebActor, job_id: IdPath
) -> HTMLResponse:
    job = certificates_service.get_print_job(session, actor=actor, job_id=job_id)
    return render(request, "decisions/print_job.html", {"job": job}, actor=actor)


@router.get("/print-jobs/{job_id}/progress")
def print_job_progress(session: SessionDep, actor: WebActor, job_id: IdPath) -> JSONResponse:
    """What the progress bar polls (signed-in cookie, same origin)."""
    job = certificates_service.get_print_job(session, actor=actor, job_id=job_id)
    return JSONResponse(
        {
            "status": job.status.value,
            "done": job.done,
            "total": job.total,
            "failed": len(job.failed or []),
        }
    )


@router.get("/print-jobs/{job_id}/pdf")
def print_job_pdf_page(session: SessionDep, actor: WebActor, job_id: IdPath) -> FileResponse:
    path = certificates_service.print_job_file(session, actor=actor, job_id=job_id)
    return FileResponse(path, media_type="application/pdf", filename=f"lenh-in-{job_id}.pdf")
