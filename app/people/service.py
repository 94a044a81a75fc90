"""The person registry and each person's yearly history."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth.policies import Actor, unit_scope
from app.awards import repository as awards_repository
from app.awards import service as awards_service
from app.awards.schemas import EligibilityRead
from app.core.errors import BadRequest, Conflict, Forbidden, NotFound
from app.core.pagination import PageParams, decode_cursor, encode_cursor, paginate
from app.core.text import fold
from app.people import policies, repository
from app.people.models import Person, PersonRecord
from app.people.schemas import PersonCreate, RecordRead, RecordWrite
from app.units import repository as units_repository


def _require_registry(actor: Actor) -> None:
    if not policies.can_use_registry(actor):
        raise Forbidden(
            "Chỉ cán bộ thi đua của đơn vị và Ban Thi đua - Khen thưởng quản lý hồ sơ cá nhân."
        )


def create_person(session: Session, *, actor: Actor, data: PersonCreate) -> Person:
    """Register a person in a unit the actor may act for; the citizen ID must be new."""
    _require_registry(actor)
    unit_id = data.unit_id if data.unit_id is not None else actor.unit_id
    if unit_id is None:
        raise BadRequest("Cần chọn đơn vị (unit_id) của cá nhân.")
    if not policies.can_see_person_of_unit(actor, unit_id):
        raise Forbidden("Không thể thêm cá nhân vào đơn vị khác.")
    if units_repository.get_unit(session, unit_id) is None:
        raise BadRequest("Đơn vị không tồn tại.")
    if data.citizen_id and repository.get_by_citizen_id(session, data.citizen_id) is not None:
        raise Conflict("Số căn cước công dân này đã có trong hệ thống.")
    person = Person(
        full_name=" ".join(data.full_name.split()),
        name_folded=fold(data.full_name),
        gender=data.gender,
        birth_date=data.birth_date,
        citizen_id=data.citizen_id,
        position=data.position,
        unit_id=unit_id,
    )
    session.add(person)
    audit_service.record(
        session, actor=actor, action="person.create", target=person, data={"unit_id": unit_id}
    )
    return person


def get_person(session: Session, *, actor: Actor, person_id: int) -> Person:
    """A person the actor may see; another unit's person is answered as missing."""
    _require_registry(actor)
    person = repository.get(session, person_id)
    if person is None or not policies.can_see_person_of_unit(actor, person.unit_id):
        raise NotFound("Không tìm thấy cá nhân.")
    return person


def list_people(
    session: Session, *, actor: Actor, params: PageParams, q: str | None, unit_id: int | None
) -> tuple[list[Person], str | None]:
    """People the actor may see, optionally filtered by unit and by name (diacritics ignored)."""
    _require_registry(actor)
    scope = unit_scope(actor)
    if scope is not None:
        if unit_id is not None and unit_id != scope:
            return [], None
        unit_id = scope
    stmt = repository.people_query(unit_id=unit_id, folded_query=fold(q) if q else None)
    return paginate(session, stmt, key=Person.id, params=params)


def list_records(
    session: Session, *, actor: Actor, person_id: int, params: PageParams
) -> tuple[list[RecordRead], str | None]:
    """One page of a person's history by year: the unit's records with decided titles joined in.

    The history is merged in memory (a person has at most one row a year, so some dozens),
    then paged on the year with the service's cursor."""
    person = get_person(session, actor=actor, person_id=person_id)
    recorded = {r.year: r for r in repository.records(session, person.id)}
    decided = awards_repository.decided_titles(session, person_id=person.id)
    years = sorted(recorded.keys() | decided.keys())
    if params.cursor:
        after = decode_cursor(params.cursor)
        years = [y for y in years if y > after]
    next_cursor = encode_cursor(years[params.limit - 1]) if len(years) > params.limit else None
    items = [
        _record_read(year, recorded.get(year), decided.get(year, set()))
        for year in years[: params.limit]
    ]
    return items, next_cursor


def _record_read(year: int, record: PersonRecord | None, decided: set[str]) -> RecordRead:
    """A year as read: the recorded titles in the unit's order, then the decided ones not
    among them, so that no record of the unit hides a title a decision granted."""
    recorded_titles = list(record.titles or ()) if record is not None else []
    extra = sorted(decided.difference(recorded_titles))
    return RecordRead(
        year=year,
        rating=record.rating if record is not None else None,
        titles=recorded_titles + extra,
        decided_titles=sorted(decided),
        initiatives=list(record.initiatives or ()) if record is not None else [],
        discipline=record.discipline if record is not None else None,
        months_worked=record.months_worked if record is not None else None,
        note=record.note if record is not None else None,
    )


def _record_as_read(session: Session, record: PersonRecord) -> RecordRead:
    decided = awards_repository.decided_titles(session, person_id=record.person_id)
    return _record_read(record.year, record, decided.get(record.year, set()))


def _check_titles(session: Session, titles: list[str]) -> None:
    unknown = [t for t in titles if awards_repository.get_by_code(session, t) is None]
    if unknown:
        raise BadRequest(f"Mã danh hiệu không tồn tại: {', '.join(unknown)}.")


def add_record(session: Session, *, actor: Actor, person_id: int, data: RecordWrite) -> RecordRead:
    """Record one year of a person's history; a year already recorded is a conflict.

    A year that only decided titles fill has no record yet: it may be recorded; the decided
    titles stay in the year as read whatever ``titles`` the unit sends."""
    person = get_person(session, actor=actor, person_id=person_id)
    _check_titles(session, data.titles)
    if repository.record_for_year(session, person.id, data.year) is not None:
        raise Conflict(f"Năm {data.year} của cá nhân này đã được ghi; hãy sửa bản ghi đó (PUT).")
    record = PersonRecord(person_id=person.id, **_record_fields(data))
    session.add(record)
    audit_service.record(
        session,
        actor=actor,
        action="person.record.create",
        target=record,
        data={"person_id": person.id, "year": data.year},
    )
    return _record_as_read(session, record)


def replace_record(
    session: Session, *, actor: Actor, person_id: int, year: int, data: RecordWrite
) -> RecordRead:
    """Replace the unit's record of ``year`` with ``data``; decided titles stay as they are."""
    person = get_person(session, actor=actor, person_id=person_id)
    if data.year != year:
        raise BadRequest("Năm trong nội dung không khớp với năm trên đường dẫn.")
    _check_titles(session, data.titles)
    record = repository.record_for_year(session, person.id, year)
    if record is None:
        raise NotFound(f"Chưa có bản ghi năm {year} của cá nhân này.")
    for key, value in _record_fields(data).items():
        setattr(record, key, value)
    audit_service.record(
        session,
        actor=actor,
        action="person.record.update",
        target=record,
        data={"person_id": person.id, "year": year},
    )
    return _record_as_read(session, record)


def _record_fields(data: RecordWrite) -> dict:
    return {
        "year": data.year,
        "rating": data.rating,
        "titles": data.titles,
        "initiatives": [i.model_dump(mode="json") for i in data.initiatives],
        "discipline": data.discipline,
        "months_worked": data.months_worked,
        "note": data.note,
    }


def eligibility(
    session: Session, *, actor: Actor, person_id: int, award_code: str, year: int
) -> EligibilityRead:
    """Whether a person meets an individual award's criteria in ``year``, rule by rule."""
    person = get_person(session, actor=actor, person_id=person_id)
    records = repository.records(session, person.id)
    return awards_service.evaluate_person(
        session, person=person, records=records, award_code=award_code, year=year
    )
