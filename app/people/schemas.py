from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.people.models import Discipline, Gender, InitiativeLevel, Rating

CITIZEN_ID_PATTERN = r"^[0-9]{12}$"  # ASCII digits only: \d would admit full-width ones


class PersonCreate(BaseModel):
    """A person; ``unit_id`` defaults to the unit officer's own unit."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    full_name: str = Field(min_length=1, max_length=200)
    gender: Gender | None = None
    birth_date: dt.date | None = None
    citizen_id: str | None = Field(
        default=None,
        pattern=CITIZEN_ID_PATTERN,
        description="Số căn cước công dân: exactly 12 digits",
    )
    position: str | None = Field(default=None, max_length=200)
    unit_id: int | None = Field(default=None, ge=1, le=2_147_483_647)

    @field_validator("birth_date")
    @classmethod
    def _plausible_birth_date(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not (dt.date(1900, 1, 1) <= value <= dt.date.today()):
            raise ValueError("birth_date must be between 1900-01-01 and today")
        return value


class PersonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    full_name: str
    gender: Gender | None
    birth_date: dt.date | None
    citizen_id: str | None
    position: str | None
    unit_id: int


class InitiativeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=500)
    level: InitiativeLevel


class RecordWrite(BaseModel):
    """One year of a person's history."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=1990, le=2100)
    rating: Rating | None = None
    titles: list[str] = Field(default_factory=list, max_length=20)
    initiatives: list[InitiativeIn] = Field(default_factory=list, max_length=50)
    discipline: Discipline | None = None
    months_worked: int | None = Field(
        default=None, ge=0, le=12, description="Months worked in the year, when under 12"
    )
    note: str | None = Field(default=None, max_length=2000)

    @field_validator("titles")
    @classmethod
    def _distinct_titles(cls, value: list[str]) -> list[str]:
        cleaned = [t.strip().upper() for t in value]
        if len(set(cleaned)) != len(cleaned):
            raise ValueError("titles must not repeat")
        return cleaned


class RecordRead(BaseModel):
    """One year of a person's history: what the unit recorded, with the titles that signed
    decisions of this service granted joined in. A year with such a title but no record of the
    unit still has its row, with nothing recorded (``rating`` and the rest null or empty)."""

    model_config = ConfigDict(from_attributes=True)

    year: int
    rating: Rating | None
    titles: list[str] = Field(
        description="Award codes: those the unit recorded, then those in decided_titles"
    )
    decided_titles: list[str] = Field(
        default_factory=list,
        description="Award codes granted by signed, not revoked decisions of this service; "
        "always also in titles, and a unit's record cannot remove them",
    )
    initiatives: list[InitiativeIn]
    discipline: Discipline | None
    months_worked: int | None
    note: str | None
