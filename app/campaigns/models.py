"""Campaigns (phong trào thi đua) and their targets (chỉ tiêu)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, PortableJSON
from app.core.models import CreatedAtMixin, str_enum


class CampaignKind(enum.StrEnum):
    ANNUAL = "annual"  # thường xuyên, hằng năm
    MOVEMENT = "movement"  # a long-running movement (phong trào)
    THEMATIC = "thematic"  # theo đợt, chuyên đề


class CampaignScope(enum.StrEnum):
    """Scope as the statutory report 0601 counts it."""

    NATIONAL = "national"
    PROVINCE = "province"
    CLUSTER = "cluster"
    AGENCY = "agency"


class CampaignStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class Campaign(CreatedAtMixin, Base):
    """An emulation campaign or movement, launched by a document (launch_document)."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[CampaignKind] = mapped_column(str_enum(CampaignKind, "campaign_kind"))
    scope: Mapped[CampaignScope] = mapped_column(str_enum(CampaignScope, "campaign_scope"))
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[CampaignStatus] = mapped_column(
        str_enum(CampaignStatus, "campaign_status"), index=True
    )
    # {"kind", "number", "title", "issued_on", "signer", "signer_title"}
    launch_document: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    launch_document_text: Mapped[str | None] = mapped_column(Text)

    targets: Mapped[list[Target]] = relationship(
        back_populates="campaign",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="Target.position",
    )


class Target(Base):
    """A measurable goal (chỉ tiêu); a range keeps both bounds, 'at least' only the lower."""

    __tablename__ = "campaign_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    group: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    lower: Mapped[float | None] = mapped_column(Float)
    upper: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(60))
    qualifier: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)

    campaign: Mapped[Campaign] = relationship(back_populates="targets", lazy="raise")
