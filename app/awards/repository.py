from __future__ import annotations

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from app.awards.models import AwardType


def all_award_types(session: Session) -> list[AwardType]:
    return list(session.scalars(select(AwardType).order_by(AwardType.position, AwardType.id)))


def award_types_after(session: Session, *, after_id: int | None, limit: int) -> list[AwardType]:
    """Up to ``limit`` awards in catalog order (position, then id), after the award ``after_id``.

    The keyset is the pair (position, id) of that award; an id that is not in the catalog
    ends the list."""
    stmt = select(AwardType).order_by(AwardType.position, AwardType.id).limit(limit)
    if after_id is not None:
        position = select(AwardType.position).where(AwardType.id == after_id).scalar_subquery()
        stmt = stmt.where(
            or_(
                AwardType.position > position,
                and_(AwardType.position == position, AwardType.id > after_id),
            )
        )
    return list(session.scalars(stmt))


def get_by_code(session: Session, code: str) -> AwardType | None:
    return session.scalars(select(AwardType).where(AwardType.code == code)).one_or_none()


def counterpart(session: Session, award: AwardType) -> AwardType | None:
    """The same award for the other subject (same rules code), if the catalog has one."""
    stmt = (
        select(AwardType)
        .where(AwardType.rule_code == award.rule_code, AwardType.subject != award.subject)
        .order_by(AwardType.position, AwardType.id)
        .limit(1)
    )
    return session.scalars(stmt).first()


def _decided_awards(person_id: int) -> Select[tuple[int, str, str]]:
    """Year, catalog code and rules code of every award that a signed decision of this service
    granted to the person and that still stands: signing moves a nomination to ``decided``;
    revoking its certificate moves it on to ``revoked``, and it counts no more."""
    from app.nominations.models import Nomination, NominationStatus

    return (
        select(Nomination.year, AwardType.code, AwardType.rule_code)
        .join(AwardType, AwardType.id == Nomination.award_type_id)
        .where(Nomination.person_id == person_id, Nomination.status == NominationStatus.DECIDED)
    )


def granted_titles(session: Session, *, person_id: int) -> dict[int, set[str]]:
    """Year → rules codes of the awards decided for this person by signed decisions."""
    granted: dict[int, set[str]] = {}
    for year, _code, rule_code in session.execute(_decided_awards(person_id)):
        granted.setdefault(year, set()).add(rule_code)
    return granted


def decided_titles(session: Session, *, person_id: int) -> dict[int, set[str]]:
    """Year → catalog codes (as in a person's records) of the same awards as ``granted_titles``."""
    decided: dict[int, set[str]] = {}
    for year, code, _rule_code in session.execute(_decided_awards(person_id)):
        decided.setdefault(year, set()).add(code)
    return decided
