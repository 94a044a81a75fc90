from __future__ import annotations

from fastapi import APIRouter

from app.auth.deps import CurrentActor
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.params import IdPath, IdQuery
from app.core.responses import error_responses
from app.units import service
from app.units.schemas import ClusterRead, UnitRead

router = APIRouter(tags=["units"])


@router.get("/units", response_model=Page[UnitRead], responses=error_responses(400, 401))
def list_units(
    session: SessionDep,
    _actor: CurrentActor,
    params: PageDep,
    cluster_id: IdQuery = None,
    parent_id: IdQuery = None,
) -> Page[UnitRead]:
    items, cursor = service.list_units(
        session, params=params, cluster_id=cluster_id, parent_id=parent_id
    )
    return Page[UnitRead](items=[UnitRead.model_validate(u) for u in items], next_cursor=cursor)


@router.get("/units/{unit_id}", response_model=UnitRead, responses=error_responses(401, 404))
def get_unit(session: SessionDep, _actor: CurrentActor, unit_id: IdPath) -> UnitRead:
    return UnitRead.model_validate(service.get_unit(session, unit_id=unit_id))


@router.get("/clusters", response_model=Page[ClusterRead], responses=error_responses(400, 401))
def list_clusters(session: SessionDep, _actor: CurrentActor, params: PageDep) -> Page[ClusterRead]:
    items, cursor = service.list_clusters(session, params=params)
    return Page[ClusterRead](
        items=[ClusterRead.model_validate(c) for c in items], next_cursor=cursor
    )
