from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Query, Response, status
from fastapi.responses import FileResponse

from app.auth.deps import CurrentActor, SecretariatDep
from app.certificates import service
from app.certificates.schemas import (
    CertificateRead,
    PrintJobCreate,
    PrintJobRead,
    RevokeIn,
    VerifyRead,
)
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.params import IdPath, IdQuery
from app.core.responses import error_responses

router = APIRouter(tags=["certificates"])
public_router = APIRouter(tags=["public"])

VerifyCode = Annotated[str, Path(min_length=1, max_length=100)]


@router.get(
    "/certificates", response_model=Page[CertificateRead], responses=error_responses(400, 401, 403)
)
def list_certificates(
    session: SessionDep, actor: CurrentActor, params: PageDep, decision_id: IdQuery = None
) -> Page[CertificateRead]:
    items, cursor = service.list_certificates(
        session, actor=actor, params=params, decision_id=decision_id
    )
    return Page[CertificateRead](
        items=[service.certificate_read(c) for c in items], next_cursor=cursor
    )


@router.get(
    "/certificates/{certificate_id}",
    response_model=CertificateRead,
    responses=error_responses(401, 403, 404),
)
def get_certificate(
    session: SessionDep, actor: CurrentActor, certificate_id: IdPath
) -> CertificateRead:
    return service.certificate_read(
        service.get_certificate(session, actor=actor, certificate_id=certificate_id)
    )


@router.get(
    "/certificates/{certificate_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **error_responses(401, 403, 404)},
    summary="The certificate as a PDF (cached by content)",
)
def certificate_pdf(session: SessionDep, actor: CurrentActor, certificate_id: IdPath) -> Response:
    pdf = service.certificate_pdf(session, actor=actor, certificate_id=certificate_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="bang-{certificate_id}.pdf"'},
    )


@router.post(
    "/certificates/{certificate_id}/revoke",
    response_model=CertificateRead,
    responses=error_responses(401, 403, 404, 409),
    summary="Revoke a certificate with its reason (secretariat)",
)
def revoke_certificate(
    session: SessionDep, actor: SecretariatDep, certificate_id: IdPath, body: RevokeIn
) -> CertificateRead:
    return service.certificate_read(
        service.revoke(session, actor=actor, certificate_id=certificate_id, reason=body.reason)
    )


@router.post(
    "/print-jobs",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=PrintJobRead,
    responses=error_responses(400, 401, 403, 404),
    summary="Print a decision's certificates, or a list of them, into one PDF (in the background)",
)
def create_print_job(
    session: SessionDep, actor: CurrentActor, body: PrintJobCreate, background: BackgroundTasks
) -> PrintJobRead:
    job = service.create_print_job(session, actor=actor, data=body)
    session.flush()
    service.start_soon(background, job.id)
    return PrintJobRead.model_validate(job, from_attributes=True)


@router.get(
    "/print-jobs/{job_id}", response_model=PrintJobRead, responses=error_responses(401, 403, 404)
)
def get_print_job(session: SessionDep, actor: CurrentActor, job_id: IdPath) -> PrintJobRead:
    return PrintJobRead.model_validate(
        service.get_print_job(session, actor=actor, job_id=job_id), from_attributes=True
    )


@router.get(
    "/print-jobs/{job_id}/pdf",
    response_class=FileResponse,
    responses={200: {"content": {"application/pdf": {}}}, **error_responses(401, 403, 404, 409)},
)
def print_job_pdf(session: SessionDep, actor: CurrentActor, job_id: IdPath) -> FileResponse:
    path = service.print_job_file(session, actor=actor, job_id=job_id)
    return FileResponse(path, media_type="application/pdf", filename=f"lenh-in-{job_id}.pdf")


@public_router.get(
    "/verify/{code}",
    response_model=VerifyRead,
    responses=error_responses(404),
    summary="Public: is this certificate genuine and still valid?",
)
def verify(session: SessionDep, code: VerifyCode) -> VerifyRead:
    return service.verify(session, code=code)


@router.get(
    "/print-layout",
    responses=error_responses(401, 403),
    summary="Field positions (mm) for printing onto pre-printed blanks, per certificate kind",
)
def get_print_layout(session: SessionDep, actor: CurrentActor) -> dict:
    service._require(actor, service.OFFICE_ROLES, "Chỉ Ban Thi đua - Khen thưởng.")
    return service.blank_layout(session).to_dict()


@router.put(
    "/print-layout",
    responses=error_responses(400, 401, 403),
    summary="Store the calibrated positions (kinds or fields left out keep the defaults)",
)
def put_print_layout(session: SessionDep, actor: CurrentActor, body: dict) -> dict:
    return service.save_blank_layout(session, actor=actor, data=body).to_dict()


@router.get(
    "/print-layout/calibration.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **error_responses(400, 401, 403)},
    summary="A calibration page to print on plain paper and hold against a blank",
)
def calibration_pdf(
    session: SessionDep,
    actor: CurrentActor,
    kind: Annotated[str | None, Query(max_length=30)] = None,
) -> Response:
    return Response(
        service.calibration_pdf(session, actor=actor, kind=kind), media_type="application/pdf"
    )
