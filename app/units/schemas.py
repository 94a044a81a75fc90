from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from app.units.models import ClusterKind, UnitKind


class UnitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    cluster_id: int | None


class ClusterMember(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str


class ClusterRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    kind: ClusterKind
    units: list[ClusterMember]
