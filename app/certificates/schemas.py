from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from app.certificates.models import CertificateStatus, PrintJobStatus
from app.core.params import BodyId


class CertificateRead(BaseModel):
    id: int
    serial: str = Field(description="Số sổ vàng: golden-book number, gapless per year")
    verify_code: str
    verify_url: str
    status: CertificateStatus
    nomination_id: int
    decision_id: int
    decision_number: str
    decision_date: dt.date
    recipient: str
    award: str
    kind: str
    revoked_reason: str | None
    revoked_at: dt.datetime | None


class RevokeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(min_length=1, max_length=5000)


class VerifyRead(BaseModel):
    """What anyone may learn from a certificate's code: nothing private."""

    valid: bool
    status: CertificateStatus
    recipient: str
    award: str
    decision_number: str
    signed_on: dt.date
    issuer: str
    serial: str
    revoked_on: dt.date | None = None


class PrintJobCreate(BaseModel):
    """A decision's certificates, or a list of certificates (one of the two)."""

    model_config = ConfigDict(extra="forbid")

    decision_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    certificate_ids: list[BodyId] | None = Field(default=None, min_length=1, max_length=5000)
    mode: str = Field(
        default="full",
        pattern="^(full|blank)$",
        description="full: the whole layout; blank: only the variable fields, for phôi",
    )


class PrintJobRead(BaseModel):
    id: int
    status: PrintJobStatus
    mode: str
    done: int
    total: int
    failed: list[dict]
    error: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
