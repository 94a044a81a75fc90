"""Reference data on units and clusters. Every signed-in user may read it: units pick from it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.pagination import PageParams, paginate
from app.units import repository
from app.units.models import Cluster, Unit


def list_units(
    session: Session, *, params: PageParams, cluster_id: int | None, parent_id: int | None
) -> tuple[list[Unit], str | None]:
    stmt = repository.units_query(cluster_id=cluster_id, parent_id=parent_id)
    return paginate(session, stmt, key=Unit.id, params=params)


def get_unit(session: Session, *, unit_id: int) -> Unit:
    unit = repository.get_unit(session, unit_id)
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    return unit


def list_clusters(session: Session, *, params: PageParams) -> tuple[list[Cluster], str | None]:
    return paginate(session, repository.clusters_query(), key=Cluster.id, params=params)
