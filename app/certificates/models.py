"""Certificates (bằng khen, giấy khen, giấy chứng nhận), one per decided nomination that has one.

What the certificate prints is copied here when the decision is signed, so that a reprint years
later shows what was signed even if a unit or a person was renamed since.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, PortableJSON, UTCDateTime
from app.core.models import CreatedAtMixin, str_enum


class CertificateStatus(enum.StrEnum):
    VALID = "valid"
    REVOKED = "revoked"


class Certificate(CreatedAtMixin, Base):
    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("serial_year", "serial_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), unique=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    # Số sổ vàng: the golden-book number, a gapless sequence per year.
    serial_year: Mapped[int] = mapped_column(Integer)
    serial_number: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(20), unique=True)
    verify_code: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[CertificateStatus] = mapped_column(
        str_enum(CertificateStatus, "certificate_status")
    )
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    recipient_name: Mapped[str] = mapped_column(String(300))
    award_name: Mapped[str] = mapped_column(String(200))
    decision_number: Mapped[str] = mapped_column(String(40))
    decision_date: Mapped[dt.date] = mapped_column(Date)
    # Everything else the layout prints (kind, subject, unit, position, achievement, signer, ...).
    printed: Mapped[dict[str, Any]] = mapped_column(PortableJSON)


class PrintJobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class PrintJob(CreatedAtMixin, Base):
    """Certificates rendered into one PDF in worker processes, with progress."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[PrintJobStatus] = mapped_column(str_enum(PrintJobStatus, "print_job_status"))
    mode: Mapped[str] = mapped_column(String(20))  # "full" or "blank" (phôi)
    certificate_ids: Mapped[list[int]] = mapped_column(PortableJSON)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    total: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON, default=list)
    output_name: Mapped[str | None] = mapped_column(String(80))
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # Written as chunks finish; a running job whose heartbeat is stale lost its process.
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class PrintLayout(Base):
    """The office's calibrated positions for printing onto pre-printed blanks (phôi): one JSON
    document, the shape of ``render_blank.DEFAULT_BLANK_LAYOUT``. Without a row, the default."""

    __tablename__ = "print_layouts"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    layout: Mapped[dict[str, Any]] = mapped_column(PortableJSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
