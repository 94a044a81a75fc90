from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from app.auth.deps import CurrentActor
from app.awards.schemas import EligibilityRead
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.params import IdPath, IdQuery
from app.core.responses import error_responses
from app.people import service
from app.people.schemas import PersonCreate, PersonRead, RecordRead, RecordWrite

router = APIRouter(tags=["people"])

YearQuery = Annotated[int, Query(ge=1990, le=2100)]


@router.post(
    "/people",
    status_code=status.HTTP_201_CREATED,
    response_model=PersonRead,
    responses=error_responses(400, 401, 403, 409),
)
def create_person(session: SessionDep, actor: CurrentActor, body: PersonCreate) -> PersonRead:
    return PersonRead.model_validate(service.create_person(session, actor=actor, data=body))


@router.get("/people", response_model=Page[PersonRead], responses=error_responses(400, 401, 403))
def list_people(
    session: SessionDep,
    actor: CurrentActor,
    params: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Name; diacritics ignored")] = None,
    unit_id: IdQuery = None,
) -> Page[PersonRead]:
    items, cursor = service.list_people(session, actor=actor, params=params, q=q, unit_id=unit_id)
    return Page[PersonRead](items=[PersonRead.model_validate(p) for p in items], next_cursor=cursor)


@router.get(
    "/people/{person_id}", response_model=PersonRead, responses=error_responses(401, 403, 404)
)
def get_person(session: SessionDep, actor: CurrentActor, person_id: IdPath) -> PersonRead:
    return PersonRead.model_validate(service.get_person(session, actor=actor, person_id=person_id))


@router.get(
    "/people/{person_id}/records",
    response_model=Page[RecordRead],
    responses=error_responses(400, 401, 403, 404),
)
def list_records(
    session: SessionDep, actor: CurrentActor, person_id: IdPath, params: PageDep
) -> Page[RecordRead]:
    """The person's history by year; titles granted by decisions of this service count by
    themselves (``decided_titles``), with or without a record of the unit for that year."""
    items, cursor = service.list_records(session, actor=actor, person_id=person_id, params=params)
    return Page[RecordRead](items=items, next_cursor=cursor)


@router.post(
    "/people/{person_id}/records",
    status_code=status.HTTP_201_CREATED,
    response_model=RecordRead,
    responses=error_responses(400, 401, 403, 404, 409),
)
def add_record(
    session: SessionDep, actor: CurrentActor, person_id: IdPath, body: RecordWrite
) -> RecordRead:
    return service.add_record(session, actor=actor, person_id=person_id, data=body)


@router.put(
    "/people/{person_id}/records/{year}",
    response_model=RecordRead,
    responses=error_responses(400, 401, 403, 404),
)
def replace_record(
    session: SessionDep,
    actor: CurrentActor,
    person_id: IdPath,
    year: Annotated[int, Path(ge=1990, le=2100)],
    body: RecordWrite,
) -> RecordRead:
    return service.replace_record(session, actor=actor, person_id=person_id, year=year, data=body)


@router.get(
    "/people/{person_id}/eligibility",
    response_model=EligibilityRead,
    responses=error_responses(400, 401, 403, 404),
    summary="Check a person against an individual award's criteria for a year",
)
def eligibility(
    session: SessionDep,
    actor: CurrentActor,
    person_id: IdPath,
    award_type: Annotated[str, Query(min_length=1, max_length=30)],
    year: YearQuery,
) -> EligibilityRead:
    return service.eligibility(
        session, actor=actor, person_id=person_id, award_code=award_type, year=year
    )
