from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from app.awards.models import AwardCategory, AwardSubject


class AwardTypeRead(BaseModel):
    code: str
    name: str
    category: AwardCategory
    subject: AwardSubject
    level: str
    authority: str
    vote_threshold: float
    secret_ballot: bool
    bonus_coefficient: float | None
    certificate_kind: str | None
    valid_from: dt.date
    valid_to: dt.date | None


class CheckRead(BaseModel):
    rule: str
    passed: bool
    detail: str
    citation: str


class EligibilityRead(BaseModel):
    eligible: bool
    award_type: str
    year: int
    regime: str
    checks: list[CheckRead]
