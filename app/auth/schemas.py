from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from app.auth.models import Role


class TokenRead(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class MeRead(BaseModel):
    id: int
    username: str
    full_name: str
    roles: list[Role]
    unit_id: int | None


class ApiTokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="Hệ thống của đơn vị", min_length=1, max_length=100)


class ApiTokenCreated(BaseModel):
    id: int
    name: str
    unit_id: int
    token: str = Field(description="Shown once; only its digest is stored.")


class ApiTokenRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    unit_id: int
    user_id: int
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
