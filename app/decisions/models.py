"""Decisions (quyết định khen thưởng) signed by the chairman, and their recipients."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, PortableJSON, UTCDateTime
from app.core.models import CreatedAtMixin, str_enum


class DecisionStatus(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"


class Decision(CreatedAtMixin, Base):
    """A decision; its number ``N/QĐ-UBND`` comes from a per-year gapless counter at signing."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    status: Mapped[DecisionStatus] = mapped_column(str_enum(DecisionStatus, "decision_status"))
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    number_text: Mapped[str | None] = mapped_column(String(40))
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signer_name: Mapped[str | None] = mapped_column(String(200))
    # What the signed decision printed, copied at signing so that a reprint years later shows
    # what was signed: {"province": ..., "lines": {nomination id: {"name", "position",
    # "unit_name", "award_name"}}}. None for a draft (and for decisions signed before 0011).
    printed: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    items: Mapped[list[DecisionItem]] = relationship(
        back_populates="decision", lazy="raise", order_by="DecisionItem.position"
    )


class DecisionItem(Base):
    """One recipient of a decision: the nomination and, once signed, the bonus."""

    __tablename__ = "decision_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decisions.id", ondelete="CASCADE"), index=True
    )
    # A nomination is in one decision at most.
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    coefficient: Mapped[float | None] = mapped_column(Float)
    base_salary: Mapped[int | None] = mapped_column(Integer)
    bonus: Mapped[int | None] = mapped_column(Integer)

    decision: Mapped[Decision] = relationship(back_populates="items", lazy="raise")
