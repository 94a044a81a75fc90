from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from app.units.models import Cluster, Unit


def get_unit(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def get_unit_by_code(session: Session, code: str) -> Unit | None:
    return session.scalars(select(Unit).where(Unit.code == code)).one_or_none()


def get_cluster_by_code(session: Session, code: str) -> Cluster | None:
    return session.scalars(select(Cluster).where(Cluster.code == code)).one_or_none()


def units_query(
    *, cluster_id: int | None = None, parent_id: int | None = None
) -> Select[tuple[Unit]]:
    stmt = select(Unit)
    if cluster_id is not None:
        stmt = stmt.where(Unit.cluster_id == cluster_id)
    if parent_id is not None:
        stmt = stmt.where(Unit.parent_id == parent_id)
    return stmt


def clusters_query() -> Select[tuple[Cluster]]:
    return select(Cluster).options(selectinload(Cluster.units))


def units_by_id(session: Session, ids: set[int]) -> list[Unit]:
    if not ids:
        return []
    return list(session.scalars(select(Unit).where(Unit.id.in_(ids))))
