from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.auth.deps import CurrentActor, SecretariatDep, SignerDep
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.params import IdPath
from app.core.responses import error_responses
from app.decisions import document, service
from app.decisions.models import DecisionStatus
from app.decisions.schemas import DecisionCreate, DecisionRead

router = APIRouter(tags=["decisions"])


@router.post(
    "/decisions",
    status_code=status.HTTP_201_CREATED,
    response_model=DecisionRead,
    responses=error_responses(400, 401, 403, 409),
    summary="Draft a decision from approved nominations (secretariat)",
)
def create_decision(
    session: SessionDep, actor: SecretariatDep, body: DecisionCreate
) -> DecisionRead:
    decision = service.create_decision(session, actor=actor, data=body)
    return service.decision_read(session, decision)


@router.get(
    "/decisions", response_model=Page[DecisionRead], responses=error_responses(400, 401, 403)
)
def list_decisions(
    session: SessionDep, actor: CurrentActor, params: PageDep, status: DecisionStatus | None = None
) -> Page[DecisionRead]:
    """Decisions: all of them for the office, the signer and the council chair; for a unit
    officer or the unit's API token, the signed ones awarding the unit's nominees, each with the
    unit's own lines only."""
    items, cursor = service.read_decisions(session, actor=actor, params=params, status=status)
    return Page[DecisionRead](items=items, next_cursor=cursor)


@router.get(
    "/decisions/{decision_id}",
    response_model=DecisionRead,
    responses=error_responses(401, 403, 404),
)
def get_decision(session: SessionDep, actor: CurrentActor, decision_id: IdPath) -> DecisionRead:
    """One decision; a unit reads a signed one awarding its nominees, with its own lines only."""
    return service.read_decision(session, actor=actor, decision_id=decision_id)


@router.post(
    "/decisions/{decision_id}/sign",
    response_model=DecisionRead,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Sign (the chairman): number, date, bonuses, certificates",
)
def sign_decision(session: SessionDep, actor: SignerDep, decision_id: IdPath) -> DecisionRead:
    decision = service.sign_decision(session, actor=actor, decision_id=decision_id)
    return service.decision_read(session, decision)


@router.get(
    "/decisions/{decision_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **error_responses(401, 403, 404)},
)
def decision_pdf(session: SessionDep, actor: CurrentActor, decision_id: IdPath) -> Response:
    decision = service.get_decision(session, actor=actor, decision_id=decision_id)
    pdf = document.render_decision(decision, service.recipients(session, decision))
    name = f"quyet-dinh-{decision.number or 'du-thao'}-{decision.year or ''}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
