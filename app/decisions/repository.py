from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.decisions.models import Decision, DecisionItem, DecisionStatus

if TYPE_CHECKING:
    from app.nominations.models import Nomination


def get(session: Session, decision_id: int, *, for_update: bool = False) -> Decision | None:
    stmt = select(Decision).where(Decision.id == decision_id)
    if for_update:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def items(session: Session, decision_id: int) -> list[DecisionItem]:
    stmt = (
        select(DecisionItem)
        .where(DecisionItem.decision_id == decision_id)
        .order_by(DecisionItem.position)
    )
    return list(session.scalars(stmt))


def nominations_already_in_a_decision(session: Session, nomination_ids: list[int]) -> list[int]:
    stmt = select(DecisionItem.nomination_id).where(DecisionItem.nomination_id.in_(nomination_ids))
    return sorted(session.scalars(stmt))


def decisions_query(
    *, status: DecisionStatus | None, unit_id: int | None = None
) -> Select[tuple[Decision]]:
    """Decisions, of one status if given; with ``unit_id``, only signed ones that award a
    nomination of that unit."""
    stmt = select(Decision)
    if status is not None:
        stmt = stmt.where(Decision.status == status)
    if unit_id is not None:
        from app.nominations.models import Nomination

        awarding_the_unit = (
            select(DecisionItem.decision_id)
            .join(Nomination, Nomination.id == DecisionItem.nomination_id)
            .where(Nomination.unit_id == unit_id)
        )
        stmt = stmt.where(
            Decision.status == DecisionStatus.SIGNED, Decision.id.in_(awarding_the_unit)
        )
    return stmt


def _approved_without_decision() -> Select[tuple[Nomination]]:
    from app.nominations.models import Nomination, NominationStatus

    taken = select(DecisionItem.nomination_id)
    return select(Nomination).where(
        Nomination.status == NominationStatus.APPROVED, Nomination.id.not_in(taken)
    )


def approved_without_decision(session: Session, *, limit: int = 500):
    """Approved nominations that no decision holds yet, oldest first."""
    from app.nominations.models import Nomination

    stmt = _approved_without_decision().order_by(Nomination.id).limit(limit)
    return list(session.scalars(stmt))


def count_approved_without_decision(session: Session) -> int:
    """How many approved nominations wait for a decision (the office's home page)."""
    stmt = select(func.count()).select_from(_approved_without_decision().subquery())
    return session.scalar(stmt) or 0


def signed_decisions_of(session: Session, nomination_ids: list[int]) -> dict[int, Decision]:
    """Nomination id → the signed decision that holds it (one at most: a nomination is in one
    decision)."""
    if not nomination_ids:
        return {}
    stmt = (
        select(DecisionItem.nomination_id, Decision)
        .join(Decision, Decision.id == DecisionItem.decision_id)
        .where(
            DecisionItem.nomination_id.in_(nomination_ids),
            Decision.status == DecisionStatus.SIGNED,
        )
    )
    return {nomination_id: decision for nomination_id, decision in session.execute(stmt)}
