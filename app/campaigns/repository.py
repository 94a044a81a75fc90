from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from app.campaigns.models import Campaign, CampaignKind, CampaignStatus


def get(session: Session, campaign_id: int) -> Campaign | None:
    stmt = (
        select(Campaign).where(Campaign.id == campaign_id).options(selectinload(Campaign.targets))
    )
    return session.scalars(stmt).one_or_none()


def get_by_code(session: Session, code: str) -> Campaign | None:
    stmt = select(Campaign).where(Campaign.code == code).options(selectinload(Campaign.targets))
    return session.scalars(stmt).one_or_none()


def campaigns_query(
    *, status: CampaignStatus | None = None, kind: CampaignKind | None = None
) -> Select[tuple[Campaign]]:
    stmt = select(Campaign).options(selectinload(Campaign.targets))
    if status is not None:
        stmt = stmt.where(Campaign.status == status)
    if kind is not None:
        stmt = stmt.where(Campaign.kind == kind)
    return stmt


def active_campaigns(session: Session) -> list[Campaign]:
    stmt = (
        select(Campaign)
        .where(Campaign.status == CampaignStatus.ACTIVE)
        .order_by(Campaign.kind, Campaign.id)
    )
    return list(session.scalars(stmt))
