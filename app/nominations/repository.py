from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from app.awards.models import AwardType
from app.nominations.models import (
    Attachment,
    Dossier,
    DossierStatus,
    Nomination,
    NominationStatus,
)
from app.people.models import Person

# A duplicate is counted among nominations the secretariat has received: every status but
# draft. Said as "!= draft", not "IN (9 statuses)": without ANALYZE statistics SQLite would walk
# the status index over the whole table instead of searching ix_nominations_duplicate_key.


def get_dossier(session: Session, dossier_id: int, *, for_update: bool = False) -> Dossier | None:
    stmt = select(Dossier).where(Dossier.id == dossier_id)
    if for_update:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def dossier_by_idempotency_key(session: Session, *, user_id: int, key: str) -> Dossier | None:
    stmt = select(Dossier).where(Dossier.created_by_id == user_id, Dossier.idempotency_key == key)
    return session.scalars(stmt).one_or_none()


def dossiers_query(
    *,
    unit_id: int | None,
    status: DossierStatus | None,
    campaign_id: int | None,
    year: int | None,
) -> Select[tuple[Dossier]]:
    stmt = select(Dossier)
    if unit_id is not None:
        stmt = stmt.where(Dossier.unit_id == unit_id)
    if status is not None:
        stmt = stmt.where(Dossier.status == status)
    if campaign_id is not None:
        stmt = stmt.where(Dossier.campaign_id == campaign_id)
    if year is not None:
        stmt = stmt.where(Dossier.year == year)
    return stmt


def nominations_of_dossier(session: Session, dossier_id: int) -> list[Nomination]:
    stmt = select(Nomination).where(Nomination.dossier_id == dossier_id).order_by(Nomination.id)
    return list(session.scalars(stmt))


def attachments_of_dossier(session: Session, dossier_id: int) -> list[Attachment]:
    stmt = select(Attachment).where(Attachment.dossier_id == dossier_id).order_by(Attachment.id)
    return list(session.scalars(stmt))


def get_attachment(session: Session, dossier_id: int, attachment_id: int) -> Attachment | None:
    stmt = select(Attachment).where(
        Attachment.id == attachment_id, Attachment.dossier_id == dossier_id
    )
    return session.scalars(stmt).one_or_none()


def get_nomination(session: Session, nomination_id: int) -> Nomination | None:
    return session.get(Nomination, nomination_id)


def nominations_by_ids(session: Session, ids: Iterable[int]) -> list[Nomination]:
    ids = list(ids)
    if not ids:
        return []
    return list(session.scalars(select(Nomination).where(Nomination.id.in_(ids))))


@dataclass(frozen=True)
class NominationFilters:
    unit_id: int | None = None
    campaign_id: int | None = None
    status: NominationStatus | None = None
    award_type_id: int | None = None
    year: int | None = None
    dossier_id: int | None = None
    folded_query: str | None = None
    duplicates_only: bool = False


def _like_contains(folded: str) -> str:
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def nominations_query(filters: NominationFilters) -> Select[tuple[Nomination]]:
    stmt = select(Nomination)
    f = filters
    for column, value in (
        (Nomination.unit_id, f.unit_id),
        (Nomination.campaign_id, f.campaign_id),
        (Nomination.status, f.status),
        (Nomination.award_type_id, f.award_type_id),
        (Nomination.year, f.year),
        (Nomination.dossier_id, f.dossier_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.folded_query:
        stmt = stmt.where(
            Nomination.nominee_name_folded.like(_like_contains(f.folded_query), escape="\\")
        )
    if f.duplicates_only:
        other = aliased(Nomination)
        stmt = stmt.where(
            Nomination.person_id.is_not(None),
            exists().where(
                and_(
                    other.person_id == Nomination.person_id,
                    other.award_type_id == Nomination.award_type_id,
                    other.year == Nomination.year,
                    other.id != Nomination.id,
                    other.status != NominationStatus.DRAFT,
                )
            ),
        )
    return stmt


def duplicates_for(session: Session, nominations: list[Nomination]) -> dict[int, list[int]]:
    """For each nomination of a person, the other received nominations with the same key."""
    keyed = [n for n in nominations if n.person_id is not None]
    if not keyed:
        return {}
    person_ids = {n.person_id for n in keyed}
    stmt = select(
        Nomination.id, Nomination.person_id, Nomination.award_type_id, Nomination.year
    ).where(
        Nomination.person_id.in_(person_ids),
        Nomination.status != NominationStatus.DRAFT,
    )
    by_key: dict[tuple[int, int, int], list[int]] = {}
    for nid, pid, aid, year in session.execute(stmt):
        by_key.setdefault((pid, aid, year), []).append(nid)
    result = {}
    for n in keyed:
        others = [i for i in by_key.get((n.person_id, n.award_type_id, n.year), []) if i != n.id]
        if others:
            result[n.id] = sorted(others)
    return result


def award_types_by_id(session: Session, ids: Iterable[int]) -> dict[int, AwardType]:
    ids = set(ids)
    if not ids:
        return {}
    return {a.id: a for a in session.scalars(select(AwardType).where(AwardType.id.in_(ids)))}


def people_by_id(session: Session, ids: Iterable[int]) -> dict[int, Person]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def dossier_with_children(session: Session, dossier_id: int) -> Dossier | None:
    stmt = (
        select(Dossier)
        .where(Dossier.id == dossier_id)
        .options(selectinload(Dossier.nominations), selectinload(Dossier.attachments))
    )
    return session.scalars(stmt).one_or_none()


def dossier_status_counts(
    session: Session, *, unit_id: int | None, campaign_id: int | None, year: int | None
) -> dict[str, int]:
    stmt = select(Dossier.status, func.count()).group_by(Dossier.status)
    if unit_id is not None:
        stmt = stmt.where(Dossier.unit_id == unit_id)
    if campaign_id is not None:
        stmt = stmt.where(Dossier.campaign_id == campaign_id)
    if year is not None:
        stmt = stmt.where(Dossier.year == year)
    return {str(status): count for status, count in session.execute(stmt)}


def nomination_counts(session: Session, dossier_ids: list[int]) -> dict[int, int]:
    if not dossier_ids:
        return {}
    stmt = (
        select(Nomination.dossier_id, func.count())
        .where(Nomination.dossier_id.in_(dossier_ids))
        .group_by(Nomination.dossier_id)
    )
    return {dossier_id: count for dossier_id, count in session.execute(stmt)}
