from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.awards.models import AwardType


def all_award_types(session: Session) -> list[AwardType]:
    return list(session.scalars(select(AwardType).order_by(AwardType.position, AwardType.id)))


def get_by_code(session: Session, code: str) -> AwardType | None:
    return session.scalars(select(AwardType).where(AwardType.code == code)).one_or_none()


def granted_titles(session: Session, *, person_id: int) -> dict[int, set[str]]:
    """Year → rules codes of the awards decided for this person by signed decisions."""
    from app.nominations.models import Nomination, NominationStatus

    stmt = (
        select(Nomination.year, AwardType.rule_code)
        .join(AwardType, AwardType.id == Nomination.award_type_id)
        .where(Nomination.person_id == person_id, Nomination.status == NominationStatus.DECIDED)
    )
    granted: dict[int, set[str]] = {}
    for year, code in session.execute(stmt):
        granted.setdefault(year, set()).add(code)
    return granted
