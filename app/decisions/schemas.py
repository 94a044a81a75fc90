from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from app.core.params import BodyId
from app.decisions.models import DecisionStatus


class DecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=500)
    nomination_ids: list[BodyId] = Field(min_length=1, max_length=5000)


class DecisionItemRead(BaseModel):
    nomination_id: int
    position: int
    recipient: str
    kind: str
    unit_name: str | None
    award_type: str
    award_name: str
    coefficient: float | None
    bonus: int | None


class DecisionRead(BaseModel):
    id: int
    title: str
    status: DecisionStatus
    number: str | None = Field(description='Like "12/QĐ-UBND" once signed')
    signed_on: dt.date | None
    signer_name: str | None
    nomination_ids: list[int]
    items: list[DecisionItemRead]
    total_bonus: int | None
    created_at: dt.datetime
