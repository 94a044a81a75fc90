from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.awards.models import AwardType


def all_award_types(session: Session) -> list[AwardType]:
    return list(session.scalars(select(AwardType).order_by(AwardType.position, AwardType.id)))


def get_by_code(session: Session, code: str) -> AwardType | None:
    return session.scalars(select(AwardType).where(AwardType.code == code)).one_or_none()
