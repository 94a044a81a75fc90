"""Campaigns and movements, with their targets."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth.policies import Actor
from app.campaigns import repository
from app.campaigns.models import Campaign, CampaignKind, CampaignStatus, Target
from app.campaigns.schemas import CampaignCreate
from app.core.errors import Conflict, NotFound
from app.core.pagination import PageParams, paginate


def create_campaign(
    session: Session,
    *,
    actor: Actor | None,
    data: CampaignCreate,
    launch_document_text: str | None = None,
) -> Campaign:
    """Create a campaign with its targets, in the order given."""
    if repository.get_by_code(session, data.code) is not None:
        raise Conflict(f"Mã phong trào {data.code!r} đã tồn tại.")
    campaign = Campaign(
        code=data.code,
        name=data.name,
        theme=data.theme,
        kind=data.kind,
        scope=data.scope,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        status=data.status,
        launch_document=data.launch_document.model_dump(mode="json")
        if data.launch_document
        else None,
        launch_document_text=launch_document_text,
        targets=[Target(position=i, **t.model_dump()) for i, t in enumerate(data.targets, start=1)],
    )
    session.add(campaign)
    audit_service.record(
        session,
        actor=actor,
        action="campaign.create",
        target=campaign,
        data={"code": data.code, "targets": len(data.targets)},
    )
    return campaign


def get_campaign(session: Session, *, campaign_id: int) -> Campaign:
    campaign = repository.get(session, campaign_id)
    if campaign is None:
        raise NotFound("Không tìm thấy phong trào thi đua.")
    return campaign


def list_campaigns(
    session: Session,
    *,
    params: PageParams,
    status: CampaignStatus | None = None,
    kind: CampaignKind | None = None,
) -> tuple[list[Campaign], str | None]:
    stmt = repository.campaigns_query(status=status, kind=kind)
    return paginate(session, stmt, key=Campaign.id, params=params)


def current_campaigns(session: Session) -> list[Campaign]:
    """Campaigns under way (status active): the annual one first, then the movements."""
    return repository.active_campaigns(session)
