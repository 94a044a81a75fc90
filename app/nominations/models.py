"""Dossiers (hồ sơ đề nghị) that units submit, their nominations (đề nghị khen thưởng) and
attachments (tờ trình, báo cáo thành tích, biên bản)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, PortableJSON, UTCDateTime, row_now, utcnow
from app.core.models import CreatedAtMixin, str_enum


class DossierStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"


class NominationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    IN_COUNCIL = "in_council"
    APPROVED = "approved"
    REJECTED = "rejected"
    DECIDED = "decided"
    REVOKED = "revoked"


class NomineeKind(enum.StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class AwardMethod(enum.StrEnum):
    """Hình thức tổ chức khen thưởng, as the statutory report 0603 counts it."""

    THUONG_XUYEN = "thuong_xuyen"  # regular (yearly)
    CHUYEN_DE = "chuyen_de"  # thematic, by campaign
    DOT_XUAT = "dot_xuat"  # sudden achievement
    DOI_NGOAI = "doi_ngoai"  # foreign
    CONG_HIEN = "cong_hien"  # career contribution
    NIEN_HAN = "nien_han"  # length of service


class AttachmentKind(enum.StrEnum):
    TO_TRINH = "to_trinh"  # cover letter
    BAO_CAO_THANH_TICH = "bao_cao_thanh_tich"  # achievement report
    BIEN_BAN = "bien_ban"  # minutes of the unit's review
    OTHER = "other"


class Dossier(CreatedAtMixin, Base):
    """A unit's submission (hồ sơ đề nghị khen thưởng) for one campaign and year."""

    __tablename__ = "dossiers"
    __table_args__ = (
        UniqueConstraint("created_by_id", "idempotency_key"),
        Index("ix_dossiers_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[DossierStatus] = mapped_column(str_enum(DossierStatus, "dossier_status"))
    return_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=row_now, onupdate=utcnow)

    nominations: Mapped[list[Nomination]] = relationship(
        back_populates="dossier", lazy="raise", order_by="Nomination.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="dossier", lazy="raise", order_by="Attachment.id"
    )


class Nomination(CreatedAtMixin, Base):
    """One nominee for one award type in a dossier.

    The unit, campaign, year and nominee's name are copied from the dossier and the person so
    that the secretariat's lists filter and search on one indexed table.
    """

    __tablename__ = "nominations"
    __table_args__ = (
        Index("ix_nominations_status_id", "status", "id"),
        Index("ix_nominations_unit_id_id", "unit_id", "id"),
        Index("ix_nominations_campaign_id_id", "campaign_id", "id"),
        Index("ix_nominations_award_type_id_id", "award_type_id", "id"),
        Index("ix_nominations_duplicate_key", "person_id", "award_type_id", "year"),
        # Years follow ids: a year filter must be inside the index that orders by id (see
        # repository.list_json, which names these on SQLite).
        Index("ix_nominations_year_id", "year", "id"),
        Index("ix_nominations_year_status_id", "year", "status", "id"),
        Index("ix_nominations_year_award_type_id_id", "year", "award_type_id", "id"),
        Index("ix_nominations_unit_id_year_id", "unit_id", "year", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    year: Mapped[int] = mapped_column(Integer)
    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_types.id"))
    nominee_kind: Mapped[NomineeKind] = mapped_column(str_enum(NomineeKind, "nominee_kind"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    collective_name: Mapped[str | None] = mapped_column(String(300))
    collective_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    # Facts a collective title is judged on (members, LĐTT share, discipline, ...).
    collective_facts: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    nominee_name: Mapped[str] = mapped_column(String(300))
    nominee_name_folded: Mapped[str] = mapped_column(String(300), index=True)
    achievement: Mapped[str] = mapped_column(Text)
    award_method: Mapped[AwardMethod] = mapped_column(str_enum(AwardMethod, "award_method"))
    status: Mapped[NominationStatus] = mapped_column(
        str_enum(NominationStatus, "nomination_status")
    )
    appraisal_note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=row_now, onupdate=utcnow)

    dossier: Mapped[Dossier] = relationship(back_populates="nominations", lazy="raise")


class Attachment(CreatedAtMixin, Base):
    """A PDF attached to a dossier, stored under a generated name in the data directory."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[AttachmentKind] = mapped_column(str_enum(AttachmentKind, "attachment_kind"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    dossier: Mapped[Dossier] = relationship(back_populates="attachments", lazy="raise")
