from __future__ import annotations

from fastapi import APIRouter, status

from app.auth.deps import CurrentActor, OfficeDep
from app.campaigns import service
from app.campaigns.models import CampaignKind, CampaignStatus
from app.campaigns.schemas import CampaignCreate, CampaignRead
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.params import IdPath
from app.core.responses import error_responses

router = APIRouter(tags=["campaigns"])


@router.get("/campaigns", response_model=Page[CampaignRead], responses=error_responses(400, 401))
def list_campaigns(
    session: SessionDep,
    _actor: CurrentActor,
    params: PageDep,
    status: CampaignStatus | None = None,
    kind: CampaignKind | None = None,
) -> Page[CampaignRead]:
    items, cursor = service.list_campaigns(session, params=params, status=status, kind=kind)
    return Page[CampaignRead](
        items=[CampaignRead.model_validate(c) for c in items], next_cursor=cursor
    )


@router.get(
    "/campaigns/{campaign_id}", response_model=CampaignRead, responses=error_responses(401, 404)
)
def get_campaign(session: SessionDep, _actor: CurrentActor, campaign_id: IdPath) -> CampaignRead:
    return CampaignRead.model_validate(service.get_campaign(session, campaign_id=campaign_id))


@router.post(
    "/campaigns",
    status_code=status.HTTP_201_CREATED,
    response_model=CampaignRead,
    responses=error_responses(401, 403, 409),
    summary="Launch a campaign (admin or secretariat)",
)
def create_campaign(session: SessionDep, actor: OfficeDep, body: CampaignCreate) -> CampaignRead:
    campaign = service.create_campaign(session, actor=actor, data=body)
    return CampaignRead.model_validate(campaign)
