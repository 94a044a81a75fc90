"""The council's web client: the members' ballot and the secretariat's session desk.

Plain HTML forms (every POST with its CSRF token) that work without JavaScript; a few lines of
script refresh the participation count on the secretariat's page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from app.auth.policies import Actor
from app.core.db import SessionDep
from app.core.errors import BadRequest, Forbidden
from app.core.params import MAX_ID, IdPath
from app.core.web import CsrfChecked, WebActor, render
from app.council import policies, service
from app.council.models import Choice, CouncilRole
from app.council.schemas import MAX_AGENDA, SessionCreate, VoteIn

router = APIRouter(include_in_schema=False)

ATTACHMENT_LABELS = {
    "to_trinh": "Tờ trình",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "bien_ban": "Biên bản",
    "other": "Tài liệu khác",
}

COMMON = {
    "status_labels": policies.STATUS_LABELS,
    "role_labels": policies.ROLE_LABELS,
    "choice_labels": policies.CHOICE_LABELS,
    "choices": list(Choice),
    "attachment_labels": ATTACHMENT_LABELS,
    "chair_role": CouncilRole.CHAIR,
}


def _page(request: Request, template: str, actor: Actor, status_code: int = 200, **context):
    return render(
        request,
        template,
        {**COMMON, "percent": policies.percent, **context},
        actor=actor,
        status_code=status_code,
    )


async def _form_votes(request: Request) -> list[tuple[str, str]]:
    """The ``vote-{nomination_id}`` fields of a ballot form, as sent."""
    form = await request.form()
    return [(k, str(v)) for k, v in form.multi_items() if k.startswith("vote-")]


FormVotes = Annotated[list[tuple[str, str]], Depends(_form_votes)]


def _votes(fields: list[tuple[str, str]]) -> list[VoteIn]:
    votes = []
    for name, value in fields:
        raw_id = name.removeprefix("vote-")
        if (
            # ASCII digits only ("²" is a digit that int() refuses), and few of them (int()
            # refuses more than 4300)
            not (raw_id.isascii() and raw_id.isdigit() and len(raw_id) <= 10)
            or not 1 <= int(raw_id) <= MAX_ID
            or value not in set(Choice)
        ):
            raise BadRequest("Phiếu có lựa chọn không hợp lệ.")
        votes.append(VoteIn(nomination_id=int(raw_id), choice=Choice(value)))
    return votes


# ---------------------------------------------------------------------------- lists


@router.get("/council", response_class=HTMLResponse)
def council_home(request: Request, session: SessionDep, actor: WebActor) -> HTMLResponse:
    sessions = service.recent_sessions(session, actor=actor)
    reads = service.session_reads(session, sessions)
    return _page(
        request,
        "council/index.html",
        actor,
        sessions=reads,
        is_office=policies.is_office(actor),
        can_prepare=policies.can_prepare(actor),
    )


@router.get("/council/sessions/new", response_class=HTMLResponse)
def prepare_page(request: Request, session: SessionDep, actor: WebActor) -> HTMLResponse:
    if not policies.can_prepare(actor):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng chuẩn bị phiên họp Hội đồng.")
    return _page(
        request,
        "council/new.html",
        actor,
        nominations=service.eligible_nominations(session, actor=actor),
        members=service.list_members(session, actor=actor),
        today=service.today(),
    )


@router.post("/council/sessions", dependencies=[CsrfChecked])
def prepare_submit(
    session: SessionDep,
    actor: WebActor,
    title: Annotated[str, Form(max_length=300)] = "",
    meeting_date: Annotated[str, Form(max_length=20)] = "",
    nomination_ids: Annotated[list[int], Form()] = [],  # noqa: B006 - FastAPI form default
) -> RedirectResponse:
    try:
        day = dt.date.fromisoformat(meeting_date)
    except ValueError as exc:
        raise BadRequest("Ngày họp không hợp lệ.") from exc
    if not title.strip():
        raise BadRequest("Hãy nhập tên phiên họp.")
    if not nomination_ids:
        raise BadRequest("Hãy chọn ít nhất một đề nghị để đưa vào chương trình phiên họp.")
    if any(not 1 <= i <= MAX_ID for i in nomination_ids):
        raise BadRequest("Đề nghị không hợp lệ.")
    if len(nomination_ids) > MAX_AGENDA:
        raise BadRequest(f"Một phiên họp xét tối đa {MAX_AGENDA} đề nghị.")
    data = SessionCreate(title=title, meeting_date=day, nomination_ids=nomination_ids)
    council_session = service.create_session(session, actor=actor, data=data)
    return RedirectResponse(f"/council/sessions/{council_session.id}", status_code=303)


# ---------------------------------------------------------------------------- one session


def _session_page(
    request: Request,
    session,
    actor: Actor,
    session_id: int,
    *,
    status_code: int = 200,
    error: str | None = None,
    selected: dict[str, str] | None = None,
    written_error: str | None = None,
) -> HTMLResponse:
    page = service.session_page(session, actor=actor, session_id=session_id)
    return _page(
        request,
        "council/session.html",
        actor,
        status_code=status_code,
        p=page,
        s=page.council_session,
        read=page.read,
        error=error,
        written_error=written_error,
        selected=selected or {},
    )


@router.get("/council/sessions/{session_id}", response_class=HTMLResponse)
def session_page(
    request: Request, session: SessionDep, actor: WebActor, session_id: IdPath
) -> HTMLResponse:
    return _session_page(request, session, actor, session_id)


@router.post("/council/sessions/{session_id}/ballot", dependencies=[CsrfChecked])
def ballot_submit(
    request: Request, session: SessionDep, actor: WebActor, session_id: IdPath, fields: FormVotes
) -> HTMLResponse:
    try:
        receipt = service.cast_ballot(
            session, actor=actor, session_id=session_id, votes=_votes(fields)
        )
    except (service.InvalidBallot, service.NotOnAgenda, BadRequest) as exc:
        # Refused before anything was written: show the ballot again with the member's choices.
        return _session_page(
            request,
            session,
            actor,
            session_id,
            status_code=exc.status_code,
            error=exc.detail,
            selected={name.removeprefix("vote-"): value for name, value in fields},
        )
    response = _page(
        request,
        "council/receipt.html",
        actor,
        status_code=201,
        receipt=receipt,
        s=service.get_session(session, actor=actor, session_id=session_id),
        written_for=None,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/council/sessions/{session_id}/written-ballot", dependencies=[CsrfChecked])
def written_ballot_submit(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    session_id: IdPath,
    fields: FormVotes,
    member_id: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> HTMLResponse:
    try:
        receipt = service.record_written_ballot(
            session, actor=actor, session_id=session_id, member_id=member_id, votes=_votes(fields)
        )
    except (service.InvalidBallot, service.NotOnAgenda, service.BallotAlreadyCast) as exc:
        return _session_page(
            request,
            session,
            actor,
            session_id,
            status_code=exc.status_code,
            written_error=exc.detail,
        )
    council_session = service.get_session(session, actor=actor, session_id=session_id)
    read = service.session_read(session, council_session)
    member = next(m for m in read.member_details if m.user_id == member_id)
    response = _page(
        request,
        "council/receipt.html",
        actor,
        status_code=201,
        receipt=receipt,
        s=council_session,
        written_for=member.full_name,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/council/sessions/{session_id}/receipt", dependencies=[CsrfChecked])
def receipt_check(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    session_id: IdPath,
    receipt: Annotated[str, Form(max_length=64)] = "",
) -> HTMLResponse:
    try:
        check = service.check_receipt(
            session, actor=actor, session_id=session_id, receipt=receipt or "-"
        )
        found, detail = True, check.detail
    except service.ReceiptNotFound as exc:
        found, detail = False, exc.detail
    return _page(
        request,
        "council/receipt_check.html",
        actor,
        status_code=200 if found else 404,
        s=service.get_session(session, actor=actor, session_id=session_id),
        found=found,
        detail=detail,
    )


def _steer_action(action):
    def endpoint(session: SessionDep, actor: WebActor, session_id: IdPath) -> RedirectResponse:
        action(session, actor=actor, session_id=session_id)
        return RedirectResponse(f"/council/sessions/{session_id}", status_code=303)

    return endpoint


router.add_api_route(
    "/council/sessions/{session_id}/open",
    _steer_action(service.open_session),
    methods=["POST"],
    dependencies=[CsrfChecked],
)
router.add_api_route(
    "/council/sessions/{session_id}/close",
    _steer_action(service.close_session),
    methods=["POST"],
    dependencies=[CsrfChecked],
)


@router.post("/council/sessions/{session_id}/cancel", dependencies=[CsrfChecked])
def cancel_submit(
    session: SessionDep,
    actor: WebActor,
    session_id: IdPath,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    if not reason.strip():
        raise BadRequest("Hãy nêu lý do hủy phiên họp.")
    service.cancel_session(session, actor=actor, session_id=session_id, reason=reason.strip())
    return RedirectResponse(f"/council/sessions/{session_id}", status_code=303)


@router.get("/council/sessions/{session_id}/participation")
def participation(session: SessionDep, actor: WebActor, session_id: IdPath) -> dict:
    """Who has voted so far, for the secretariat's page to refresh itself."""
    read = service.session_read(
        session, service.get_session(session, actor=actor, session_id=session_id)
    )
    return {
        "status": read.status.value,
        "voted": read.voted,
        "voted_count": read.voted_count,
        "members_total": read.members_total,
        "quorum_needed": read.quorum_needed,
        "quorum_reached": read.quorum_reached,
    }


@router.get("/council/sessions/{session_id}/minutes.pdf")
def minutes(session: SessionDep, actor: WebActor, session_id: IdPath) -> Response:
    pdf, filename = service.minutes_pdf(session, actor=actor, session_id=session_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@router.get("/council/sessions/{session_id}/attachments/{attachment_id}")
def attachment(
    session: SessionDep, actor: WebActor, session_id: IdPath, attachment_id: IdPath
) -> FileResponse:
    item, path = service.agenda_attachment(
        session, actor=actor, session_id=session_id, attachment_id=attachment_id
    )
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=item.original_name,
        content_disposition_type="inline",
    )
