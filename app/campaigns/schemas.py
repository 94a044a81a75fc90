from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.campaigns.models import CampaignKind, CampaignScope, CampaignStatus


class LaunchDocument(BaseModel):
    """The document that launches a campaign (chỉ thị, kế hoạch, quyết định phát động)."""

    model_config = ConfigDict(extra="forbid")

    kind: str | None = Field(
        default=None, max_length=60, description="e.g. Chỉ thị, Kế hoạch, Quyết định"
    )
    number: str | None = Field(default=None, max_length=60)
    title: str = Field(max_length=500)
    issued_on: dt.date | None = None
    signer: str | None = Field(default=None, max_length=200)
    signer_title: str | None = Field(default=None, max_length=200)


class TargetBase(BaseModel):
    group: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=300)
    lower: float | None = Field(default=None, allow_inf_nan=False)
    upper: float | None = Field(default=None, allow_inf_nan=False)
    unit: str | None = Field(default=None, max_length=60)
    qualifier: str = Field(
        default="exact", pattern="^(range|exact|at_least|at_most|about)$", max_length=20
    )
    direction: str | None = Field(default=None, pattern="^(increase|decrease)$", max_length=20)
    text: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _bounds_in_order(self) -> TargetBase:
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError("lower must not exceed upper")
        return self


class TargetCreate(TargetBase):
    model_config = ConfigDict(extra="forbid")


class TargetRead(TargetBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    position: int


class CampaignBase(BaseModel):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=300)
    theme: str | None = Field(default=None, max_length=300)
    kind: CampaignKind
    scope: CampaignScope = CampaignScope.PROVINCE
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    status: CampaignStatus = CampaignStatus.ACTIVE
    launch_document: LaunchDocument | None = None


class CampaignCreate(CampaignBase):
    model_config = ConfigDict(extra="forbid")

    targets: list[TargetCreate] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _period_in_order(self) -> CampaignCreate:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class CampaignRead(CampaignBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    targets: list[TargetRead]
