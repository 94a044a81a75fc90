from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Header, Query, Request, Response, UploadFile, status
from fastapi.responses import FileResponse

from app.auth.deps import BEARER_OPENAPI, CurrentActor, SecretariatDep, bearer_token, read_as_actor
from app.auth.policies import Actor
from app.awards.schemas import EligibilityRead
from app.core.config import get_settings
from app.core.db import ReadConnections, Reads, SessionDep, run_db
from app.core.errors import PayloadTooLarge
from app.core.pagination import Page, PageDep, PageParams
from app.core.params import IdPath, IdQuery, query_parser
from app.core.responses import ImportErrorBody, error_responses
from app.nominations import service
from app.nominations.models import AttachmentKind, DossierStatus, NominationStatus
from app.nominations.repository import NominationFilters
from app.nominations.schemas import (
    AppraiseIn,
    AttachmentRead,
    DossierCreate,
    DossierRead,
    DossierSummary,
    DossierUpdate,
    HistoryItem,
    NominationIn,
    NominationQuery,
    NominationRead,
    NominationUpdate,
    ReturnIn,
)

router = APIRouter(tags=["dossiers and nominations"])

# The list of nominations comes first: routes are tried in order, and it is the busiest.
_nomination_query, _nomination_query_openapi = query_parser(NominationQuery)


@router.get(
    "/nominations",
    response_model=Page[NominationRead],
    responses=error_responses(400, 401, 403),
    openapi_extra={**_nomination_query_openapi, **BEARER_OPENAPI},
)
async def list_nominations(request: Request, reads: ReadConnections) -> Response:
    """Nominations the caller may read, filtered, 50 at most a page (``next_cursor``).

    The busiest read of the service, so it reads its own request (query: NominationQuery;
    bearer token) instead of having FastAPI solve dependencies, runs as an ``async`` endpoint
    (see run_db), and sends the page as the JSON the database wrote for each nomination
    (repository.list_json).
    """
    token = await bearer_token(request)
    query = _nomination_query(request)
    filters = NominationFilters(
        unit_id=query.unit_id,
        campaign_id=query.campaign_id,
        status=query.status,
        award_code=query.award_type,
        year=query.year,
        dossier_id=query.dossier_id,
        folded_query=service.fold(query.q) if query.q else None,
        duplicates_only=query.duplicates_only,
    )
    params = PageParams(limit=query.limit, cursor=query.cursor)

    def read_page(on: Reads, actor: Actor) -> tuple[list[str], str | None]:
        return service.list_nomination_json(on, actor=actor, params=params, filters=filters)

    items, cursor = await run_db(read_as_actor, reads, token, read_page)
    return Response(service.page_json(items, cursor), media_type="application/json")


def _read_limited(file: UploadFile) -> bytes:
    """The upload's bytes, refused with 413 past the configured limit."""
    limit = get_settings().max_upload_bytes
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise PayloadTooLarge(f"Tệp vượt quá giới hạn {limit // (1024 * 1024)} MB.")
    return content


YearQuery = Annotated[int | None, Query(ge=1990, le=2100)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="The same key and body give back the same dossier; another body is a 409",
    ),
]


@router.post(
    "/dossiers",
    status_code=status.HTTP_201_CREATED,
    response_model=DossierRead,
    responses=error_responses(400, 401, 403, 409),
    summary="Create a draft dossier with its nominations (unit officer or the unit's API token)",
)
def create_dossier(
    session: SessionDep,
    actor: CurrentActor,
    body: DossierCreate,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> DossierRead:
    dossier, replayed = service.create_dossier(
        session, actor=actor, data=body, idempotency_key=idempotency_key
    )
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return service.dossier_read(session, actor=actor, dossier=dossier)


@router.get(
    "/dossiers", response_model=Page[DossierSummary], responses=error_responses(400, 401, 403)
)
def list_dossiers(
    session: SessionDep,
    actor: CurrentActor,
    params: PageDep,
    status: DossierStatus | None = None,
    campaign_id: IdQuery = None,
    year: YearQuery = None,
) -> Page[DossierSummary]:
    items, cursor = service.list_dossiers(
        session, actor=actor, params=params, status=status, campaign_id=campaign_id, year=year
    )
    return Page[DossierSummary](
        items=[DossierSummary.model_validate(d, from_attributes=True) for d in items],
        next_cursor=cursor,
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/dossiers/import-template",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}, **error_responses(401)},
    summary="The Excel template for a unit's nominee list",
)
def import_template(session: SessionDep, _actor: CurrentActor) -> Response:
    return Response(
        service.import_template(session),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="mau-danh-sach-de-nghi.xlsx"'},
    )


@router.get(
    "/dossiers/{dossier_id}", response_model=DossierRead, responses=error_responses(401, 404)
)
def get_dossier(session: SessionDep, actor: CurrentActor, dossier_id: IdPath) -> DossierRead:
    dossier = service.get_dossier(session, actor=actor, dossier_id=dossier_id)
    return service.dossier_read(session, actor=actor, dossier=dossier)


@router.patch(
    "/dossiers/{dossier_id}",
    response_model=DossierRead,
    responses=error_responses(401, 403, 404, 409),
)
def update_dossier(
    session: SessionDep, actor: CurrentActor, dossier_id: IdPath, body: DossierUpdate
) -> DossierRead:
    dossier = service.update_dossier(session, actor=actor, dossier_id=dossier_id, data=body)
    return service.dossier_read(session, actor=actor, dossier=dossier)


@router.post(
    "/dossiers/{dossier_id}/nominations",
    status_code=status.HTTP_201_CREATED,
    response_model=NominationRead,
    responses=error_responses(400, 401, 403, 404, 409),
)
def add_nomination(
    session: SessionDep, actor: CurrentActor, dossier_id: IdPath, body: NominationIn
) -> NominationRead:
    nomination = service.add_nomination(session, actor=actor, dossier_id=dossier_id, item=body)
    session.flush()
    return service.nomination_reads(session, actor=actor, nominations=[nomination])[0]


@router.post(
    "/dossiers/{dossier_id}/attachments",
    status_code=status.HTTP_201_CREATED,
    response_model=AttachmentRead,
    responses=error_responses(400, 401, 403, 404, 409, 413, 415, 507),
    summary="Attach a PDF (checked by content, size-limited)",
)
def add_attachment(
    session: SessionDep,
    actor: CurrentActor,
    dossier_id: IdPath,
    kind: Annotated[AttachmentKind, Form()],
    file: UploadFile,
) -> AttachmentRead:
    content = _read_limited(file)
    attachment = service.add_attachment(
        session,
        actor=actor,
        dossier_id=dossier_id,
        kind=kind,
        filename=file.filename or "tep.pdf",
        content=content,
    )
    return AttachmentRead.model_validate(attachment)


@router.get(
    "/dossiers/{dossier_id}/attachments/{attachment_id}",
    response_class=FileResponse,
    responses={200: {"content": {"application/pdf": {}}}, **error_responses(401, 404)},
)
def download_attachment(
    session: SessionDep, actor: CurrentActor, dossier_id: IdPath, attachment_id: IdPath
) -> FileResponse:
    attachment, path = service.attachment_file(
        session, actor=actor, dossier_id=dossier_id, attachment_id=attachment_id
    )
    return FileResponse(path, media_type="application/pdf", filename=attachment.original_name)


@router.delete(
    "/dossiers/{dossier_id}/attachments/{attachment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409),
)
def delete_attachment(
    session: SessionDep, actor: CurrentActor, dossier_id: IdPath, attachment_id: IdPath
) -> None:
    service.delete_attachment(
        session, actor=actor, dossier_id=dossier_id, attachment_id=attachment_id
    )


@router.post(
    "/dossiers/{dossier_id}/import",
    status_code=status.HTTP_201_CREATED,
    response_model=list[NominationRead],
    responses={
        400: {"model": ImportErrorBody, "description": "Rows with errors; nothing saved"},
        **error_responses(401, 403, 404, 409, 413, 415),
    },
    summary="Add the nominees of an Excel list (all rows or none)",
)
def import_nominations(
    session: SessionDep, actor: CurrentActor, dossier_id: IdPath, file: UploadFile
) -> list[NominationRead]:
    content = _read_limited(file)
    created = service.import_rows(session, actor=actor, dossier_id=dossier_id, content=content)
    return service.nomination_reads(session, actor=actor, nominations=created)


@router.post(
    "/dossiers/{dossier_id}/submit",
    response_model=DossierRead,
    responses=error_responses(400, 401, 403, 404, 409),
)
def submit_dossier(session: SessionDep, actor: CurrentActor, dossier_id: IdPath) -> DossierRead:
    dossier = service.submit_dossier(session, actor=actor, dossier_id=dossier_id)
    return service.dossier_read(session, actor=actor, dossier=dossier)


@router.post(
    "/dossiers/{dossier_id}/return",
    response_model=DossierRead,
    responses=error_responses(401, 403, 404, 409),
    summary="Return a dossier to its unit with the reason (secretariat)",
)
def return_dossier(
    session: SessionDep, actor: SecretariatDep, dossier_id: IdPath, body: ReturnIn
) -> DossierRead:
    dossier = service.return_dossier(
        session, actor=actor, dossier_id=dossier_id, reason=body.reason
    )
    return service.dossier_read(session, actor=actor, dossier=dossier)


@router.get(
    "/dossiers/{dossier_id}/history",
    response_model=list[HistoryItem],
    responses=error_responses(401, 404),
)
def dossier_history(
    session: SessionDep, actor: CurrentActor, dossier_id: IdPath
) -> list[HistoryItem]:
    return service.dossier_history(session, actor=actor, dossier_id=dossier_id)


@router.get(
    "/nominations/export.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}, **error_responses(401, 403)},
    summary="The filtered list as Excel (secretariat; no citizen IDs or birth dates)",
)
def export_nominations(
    session: SessionDep,
    actor: CurrentActor,
    campaign_id: IdQuery = None,
    status: NominationStatus | None = None,
    award_type: Annotated[str | None, Query(max_length=30)] = None,
    unit_id: IdQuery = None,
    year: YearQuery = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    duplicates_only: bool = False,
) -> Response:
    filters = NominationFilters(
        unit_id=unit_id,
        campaign_id=campaign_id,
        status=status,
        award_code=award_type,
        year=year,
        folded_query=service.fold(q) if q else None,
        duplicates_only=duplicates_only,
    )
    content = service.export_nominations(session, actor=actor, filters=filters)
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="de-nghi-khen-thuong.xlsx"'},
    )


@router.get(
    "/nominations/{nomination_id}",
    response_model=NominationRead,
    responses=error_responses(401, 404),
)
def get_nomination(
    session: SessionDep, actor: CurrentActor, nomination_id: IdPath
) -> NominationRead:
    nomination = service.get_nomination(session, actor=actor, nomination_id=nomination_id)
    return service.nomination_reads(session, actor=actor, nominations=[nomination])[0]


@router.patch(
    "/nominations/{nomination_id}",
    response_model=NominationRead,
    responses=error_responses(400, 401, 403, 404, 409),
)
def update_nomination(
    session: SessionDep, actor: CurrentActor, nomination_id: IdPath, body: NominationUpdate
) -> NominationRead:
    nomination = service.update_nomination(
        session, actor=actor, nomination_id=nomination_id, data=body
    )
    return service.nomination_reads(session, actor=actor, nominations=[nomination])[0]


@router.delete(
    "/nominations/{nomination_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409),
)
def delete_nomination(session: SessionDep, actor: CurrentActor, nomination_id: IdPath) -> None:
    service.delete_nomination(session, actor=actor, nomination_id=nomination_id)


@router.get(
    "/nominations/{nomination_id}/eligibility",
    response_model=EligibilityRead,
    responses=error_responses(400, 401, 404),
)
def nomination_eligibility(
    session: SessionDep, actor: CurrentActor, nomination_id: IdPath
) -> EligibilityRead:
    return service.eligibility(session, actor=actor, nomination_id=nomination_id)


@router.post(
    "/nominations/{nomination_id}/appraise",
    response_model=NominationRead,
    responses=error_responses(401, 403, 404, 409),
    summary="Appraise one nomination (secretariat)",
)
def appraise(
    session: SessionDep, actor: SecretariatDep, nomination_id: IdPath, body: AppraiseIn
) -> NominationRead:
    nomination = service.appraise(session, actor=actor, nomination_id=nomination_id, data=body)
    return service.nomination_reads(session, actor=actor, nominations=[nomination])[0]


@router.get(
    "/nominations/{nomination_id}/history",
    response_model=list[HistoryItem],
    responses=error_responses(401, 404),
)
def nomination_history(
    session: SessionDep, actor: CurrentActor, nomination_id: IdPath
) -> list[HistoryItem]:
    return service.history(session, actor=actor, nomination_id=nomination_id)
