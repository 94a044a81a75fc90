from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.nominations.models import (
    AttachmentKind,
    AwardMethod,
    DossierStatus,
    NominationStatus,
    NomineeKind,
)
from app.people.models import Discipline, Rating
from app.people.schemas import PersonCreate

_ID = Field(ge=1, le=2_147_483_647)
_OPTIONAL_ID = Field(default=None, ge=1, le=2_147_483_647)


class CollectiveFactsIn(BaseModel):
    """What a collective title is judged on (Điều 27, 28 Luật TĐKT): counts of members."""

    model_config = ConfigDict(extra="forbid")

    rating: Rating | None = None
    members_total: int = Field(ge=1, le=1_000_000)
    members_completed_tasks: int = Field(ge=0, le=1_000_000)
    members_ldtt: int = Field(ge=0, le=1_000_000)
    members_cstdcs: int = Field(default=0, ge=0, le=1_000_000)
    members_disciplined: dict[Discipline, int] = Field(default_factory=dict)
    unity: bool = True
    grassroots_democracy: bool = True
    led_cluster: bool = False
    consecutive_excellent_years: int | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _counts_fit(self) -> CollectiveFactsIn:
        for name in ("members_completed_tasks", "members_ldtt", "members_cstdcs"):
            if getattr(self, name) > self.members_total:
                raise ValueError(f"{name} must not exceed members_total")
        if any(n < 0 or n > self.members_total for n in self.members_disciplined.values()):
            raise ValueError("members_disciplined counts must be between 0 and members_total")
        return self


class CollectiveIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=300)
    unit_id: int | None = _OPTIONAL_ID
    is_enterprise: bool = False
    facts: CollectiveFactsIn | None = None


class NominationIn(BaseModel):
    """One nominee: exactly one of ``person_id``, ``person`` or ``collective``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    award_type: str = Field(min_length=1, max_length=30)
    person_id: int | None = _OPTIONAL_ID
    person: PersonCreate | None = None
    collective: CollectiveIn | None = None
    achievement: str = Field(min_length=1, max_length=20_000)
    award_method: AwardMethod = AwardMethod.THUONG_XUYEN

    @model_validator(mode="after")
    def _one_nominee(self) -> NominationIn:
        given = [x for x in (self.person_id, self.person, self.collective) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of person_id, person or collective")
        return self


class DossierCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    campaign_id: int = _ID
    year: int = Field(ge=1990, le=2100)
    title: str = Field(min_length=1, max_length=300)
    nominations: list[NominationIn] = Field(default_factory=list, max_length=1000)


class DossierUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1, max_length=300)


class NominationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    award_type: str | None = Field(default=None, min_length=1, max_length=30)
    achievement: str | None = Field(default=None, min_length=1, max_length=20_000)
    award_method: AwardMethod | None = None
    collective_facts: CollectiveFactsIn | None = None


class ReturnIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(min_length=1, max_length=5000)


class AppraiseIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    result: Literal["eligible", "ineligible"]
    note: str | None = Field(default=None, max_length=5000)

    @model_validator(mode="after")
    def _reason_for_refusal(self) -> AppraiseIn:
        if self.result == "ineligible" and not self.note:
            raise ValueError("a note (the reason) is required when the result is ineligible")
        return self


class NominationQuery(BaseModel):
    """The query parameters of ``GET /nominations``: filters and the page.

    One model rather than a dozen separate parameters, validated against the query string in
    one call by ``core.params.query_parser`` (the service's busiest read; see there why not by
    FastAPI itself).
    """

    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(default=None, max_length=64)
    campaign_id: int | None = _OPTIONAL_ID
    status: NominationStatus | None = None
    award_type: str | None = Field(default=None, max_length=30)
    unit_id: int | None = _OPTIONAL_ID
    year: int | None = Field(default=None, ge=1990, le=2100)
    dossier_id: int | None = _OPTIONAL_ID
    q: str | None = Field(default=None, max_length=200, description="Name; diacritics ignored")
    duplicates_only: bool = False


class NomineeRead(BaseModel):
    kind: NomineeKind
    name: str
    person_id: int | None = None
    position: str | None = None
    gender: str | None = None
    unit_id: int | None = None
    is_enterprise: bool | None = None


class NominationRead(BaseModel):
    id: int
    dossier_id: int
    award_type: str
    award_name: str
    nominee: NomineeRead
    status: NominationStatus
    unit_id: int
    campaign_id: int
    year: int
    achievement: str
    award_method: AwardMethod
    appraisal_note: str | None
    collective_facts: CollectiveFactsIn | None = None
    duplicates: list[int] = Field(
        default_factory=list,
        description="Other submitted nominations of the same person for the same award and year"
        " (shown to the secretariat)",
    )
    created_at: dt.datetime
    updated_at: dt.datetime


class AttachmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: AttachmentKind
    original_name: str
    size: int
    sha256: str
    created_at: dt.datetime


class DossierSummary(BaseModel):
    id: int
    unit_id: int
    campaign_id: int
    year: int
    title: str
    status: DossierStatus
    return_reason: str | None
    submitted_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class DossierRead(DossierSummary):
    nominations: list[NominationRead]
    attachments: list[AttachmentRead]


class HistoryItem(BaseModel):
    at: dt.datetime
    actor: str | None
    action: str
    from_status: str | None
    to_status: str | None
    reason: str | None
