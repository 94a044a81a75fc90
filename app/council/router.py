"""The council (Hội đồng Thi đua - Khen thưởng): membership, sessions, secret ballots."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.auth.deps import CurrentActor, SecretariatDep
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.params import IdPath
from app.core.responses import error_responses
from app.council import service
from app.council.models import SessionStatus
from app.council.schemas import (
    BallotIn,
    CancelIn,
    CouncilMemberCreate,
    CouncilMemberEnd,
    CouncilMemberRead,
    ReceiptCheckIn,
    ReceiptCheckRead,
    ReceiptRead,
    ResultRead,
    SessionCreate,
    SessionRead,
    WrittenBallotIn,
)

router = APIRouter(tags=["council"])


# ---------------------------------------------------------------------------- membership


@router.get(
    "/council/members",
    response_model=list[CouncilMemberRead],
    responses=error_responses(401, 403),
    summary="The council's membership on a day (today by default), or every term",
)
def list_members(
    session: SessionDep,
    actor: CurrentActor,
    on: dt.date | None = None,
    history: Annotated[bool, Query(description="every term, past and future")] = False,
) -> list[CouncilMemberRead]:
    return service.list_members(session, actor=actor, on=on, history=history)


@router.post(
    "/council/members",
    status_code=status.HTTP_201_CREATED,
    response_model=CouncilMemberRead,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Appoint a council member for a term (admin or secretariat)",
)
def add_member(
    session: SessionDep, actor: CurrentActor, body: CouncilMemberCreate
) -> CouncilMemberRead:
    return service.add_member(session, actor=actor, data=body)


@router.post(
    "/council/members/{member_id}/end",
    response_model=CouncilMemberRead,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="End a term (the last day); sessions already prepared keep their membership",
)
def end_member(
    session: SessionDep, actor: CurrentActor, member_id: IdPath, body: CouncilMemberEnd
) -> CouncilMemberRead:
    return service.end_member(session, actor=actor, member_id=member_id, valid_to=body.valid_to)


# ---------------------------------------------------------------------------- sessions


@router.post(
    "/council/sessions",
    status_code=status.HTTP_201_CREATED,
    response_model=SessionRead,
    responses=error_responses(400, 401, 403, 409),
    summary="Prepare a session from eligible nominations (secretariat); status draft",
)
def create_session(session: SessionDep, actor: SecretariatDep, body: SessionCreate) -> SessionRead:
    council_session = service.create_session(session, actor=actor, data=body)
    return service.session_read(session, council_session)


@router.get(
    "/council/sessions",
    response_model=Page[SessionRead],
    responses=error_responses(400, 401),
    summary="Every session for the office; the sessions one sits in for a member",
)
def list_sessions(
    session: SessionDep,
    actor: CurrentActor,
    params: PageDep,
    status: SessionStatus | None = None,
) -> Page[SessionRead]:
    items, cursor = service.list_sessions(session, actor=actor, params=params, status=status)
    return Page[SessionRead](items=service.session_reads(session, items), next_cursor=cursor)


@router.get(
    "/council/sessions/{session_id}",
    response_model=SessionRead,
    responses=error_responses(401, 404),
    summary="A session: its members, who has voted (never who voted what), its agenda",
)
def get_session(session: SessionDep, actor: CurrentActor, session_id: IdPath) -> SessionRead:
    council_session = service.get_session(session, actor=actor, session_id=session_id)
    return service.session_read(session, council_session)


@router.post(
    "/council/sessions/{session_id}/open",
    response_model=SessionRead,
    responses=error_responses(401, 403, 404, 409),
    summary="Open the ballot (secretariat or the council chair)",
)
def open_session(session: SessionDep, actor: CurrentActor, session_id: IdPath) -> SessionRead:
    council_session = service.open_session(session, actor=actor, session_id=session_id)
    return service.session_read(session, council_session)


@router.post(
    "/council/sessions/{session_id}/close",
    response_model=SessionRead,
    responses=error_responses(401, 403, 404, 409),
    summary="Close and count (secretariat or the council chair); needs the quorum",
)
def close_session(session: SessionDep, actor: CurrentActor, session_id: IdPath) -> SessionRead:
    council_session = service.close_session(session, actor=actor, session_id=session_id)
    return service.session_read(session, council_session)


@router.post(
    "/council/sessions/{session_id}/cancel",
    response_model=SessionRead,
    responses=error_responses(401, 403, 404, 409),
    summary="Withdraw a session not yet counted (secretariat); nominations back to eligible",
)
def cancel_session(
    session: SessionDep, actor: CurrentActor, session_id: IdPath, body: CancelIn
) -> SessionRead:
    council_session = service.cancel_session(
        session, actor=actor, session_id=session_id, reason=body.reason
    )
    return service.session_read(session, council_session)


@router.post(
    "/council/sessions/{session_id}/ballots",
    status_code=status.HTTP_201_CREATED,
    response_model=ReceiptRead,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Cast one's secret ballot (a member of the session, once) → a receipt",
)
def cast_ballot(
    session: SessionDep, actor: CurrentActor, session_id: IdPath, body: BallotIn, response: Response
) -> ReceiptRead:
    response.headers["Cache-Control"] = "no-store"
    return service.cast_ballot(session, actor=actor, session_id=session_id, votes=body.votes)


@router.post(
    "/council/sessions/{session_id}/written-ballots",
    status_code=status.HTTP_201_CREATED,
    response_model=ReceiptRead,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Record an absent member's written ballot (secretariat, while open) → a receipt",
)
def record_written_ballot(
    session: SessionDep,
    actor: CurrentActor,
    session_id: IdPath,
    body: WrittenBallotIn,
    response: Response,
) -> ReceiptRead:
    response.headers["Cache-Control"] = "no-store"
    return service.record_written_ballot(
        session, actor=actor, session_id=session_id, member_id=body.member_id, votes=body.votes
    )


@router.post(
    "/council/sessions/{session_id}/receipts/check",
    response_model=ReceiptCheckRead,
    responses=error_responses(401, 404),
    summary="Check that the ballot with this receipt is in the box and, after closing, counted",
)
def check_receipt(
    session: SessionDep, actor: CurrentActor, session_id: IdPath, body: ReceiptCheckIn
) -> ReceiptCheckRead:
    # A POST, so that the receipt stays out of URLs and access logs.
    return service.check_receipt(session, actor=actor, session_id=session_id, receipt=body.receipt)


@router.get(
    "/council/sessions/{session_id}/results",
    response_model=list[ResultRead],
    responses=error_responses(401, 404, 409),
    summary="Per nomination: counts, agree / whole membership, threshold, passed (after close)",
)
def results(session: SessionDep, actor: CurrentActor, session_id: IdPath) -> list[ResultRead]:
    return service.results(session, actor=actor, session_id=session_id)


@router.get(
    "/council/sessions/{session_id}/minutes.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **error_responses(401, 404, 409)},
    summary="The minutes of the count (biên bản kiểm phiếu), after close",
)
def minutes(session: SessionDep, actor: CurrentActor, session_id: IdPath) -> Response:
    pdf, filename = service.minutes_pdf(session, actor=actor, session_id=session_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
