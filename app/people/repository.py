from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.people.models import Person, PersonRecord


def get(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def get_by_citizen_id(session: Session, citizen_id: str) -> Person | None:
    return session.scalars(select(Person).where(Person.citizen_id == citizen_id)).one_or_none()


def people_query(*, unit_id: int | None, folded_query: str | None) -> Select[tuple[Person]]:
    stmt = select(Person)
    if unit_id is not None:
        stmt = stmt.where(Person.unit_id == unit_id)
    if folded_query:
        escaped = folded_query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Person.name_folded.like(f"%{escaped}%", escape="\\"))
    return stmt


def records(session: Session, person_id: int) -> list[PersonRecord]:
    stmt = (
        select(PersonRecord).where(PersonRecord.person_id == person_id).order_by(PersonRecord.year)
    )
    return list(session.scalars(stmt))


def record_for_year(session: Session, person_id: int, year: int) -> PersonRecord | None:
    stmt = select(PersonRecord).where(
        PersonRecord.person_id == person_id, PersonRecord.year == year
    )
    return session.scalars(stmt).one_or_none()
