"""Every query of the council domain.

The ballot tables (``council_ballots``, ``council_ballot_choices``) are written only through
:func:`store_ballot`, which keeps a session's rows in the order of their random keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.awards.models import AwardType
from app.council.models import (
    AgendaItem,
    Ballot,
    BallotChoice,
    Choice,
    CouncilMember,
    CouncilSession,
    Participation,
    SessionMember,
    SessionStatus,
)
from app.nominations.models import Attachment, Nomination
from app.units.models import Unit

# ---------------------------------------------------------------------------- membership


def get_member(session: Session, member_id: int) -> CouncilMember | None:
    return session.get(CouncilMember, member_id)


def members_on(session: Session, day: dt.date) -> list[tuple[CouncilMember, User]]:
    """The terms in force on ``day``, with their users, in the order they were appointed."""
    stmt = (
        select(CouncilMember, User)
        .join(User, User.id == CouncilMember.user_id)
        .where(
            CouncilMember.valid_from <= day,
            or_(CouncilMember.valid_to.is_(None), CouncilMember.valid_to >= day),
            User.is_active.is_(True),
        )
        .order_by(CouncilMember.id)
    )
    return [(m, u) for m, u in session.execute(stmt)]


def all_terms(session: Session) -> list[tuple[CouncilMember, User]]:
    stmt = (
        select(CouncilMember, User)
        .join(User, User.id == CouncilMember.user_id)
        .order_by(CouncilMember.id)
    )
    return [(m, u) for m, u in session.execute(stmt)]


def terms_of_user(session: Session, user_id: int) -> list[CouncilMember]:
    stmt = select(CouncilMember).where(CouncilMember.user_id == user_id)
    return list(session.scalars(stmt.order_by(CouncilMember.id)))


def terms_with_role(session: Session, role: Any) -> list[CouncilMember]:
    stmt = select(CouncilMember).where(CouncilMember.role == role)
    return list(session.scalars(stmt.order_by(CouncilMember.id)))


def add(session: Session, obj: Any) -> None:
    session.add(obj)


def add_all(session: Session, objs: Iterable[Any]) -> None:
    session.add_all(list(objs))


# ---------------------------------------------------------------------------- sessions


def get_session(
    session: Session, session_id: int, *, for_update: bool = False
) -> CouncilSession | None:
    stmt = select(CouncilSession).where(CouncilSession.id == session_id)
    if for_update:
        # Casting and closing serialise on the session row (PostgreSQL; SQLite's writers
        # already hold the database's write lock from BEGIN IMMEDIATE).
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return session.scalars(stmt).one_or_none()


def sessions_query(
    *, member_id: int | None, status: SessionStatus | None
) -> Select[tuple[CouncilSession]]:
    stmt = select(CouncilSession)
    if member_id is not None:
        stmt = stmt.where(
            select(SessionMember.user_id)
            .where(
                SessionMember.session_id == CouncilSession.id,
                SessionMember.user_id == member_id,
            )
            .exists()
        )
    if status is not None:
        stmt = stmt.where(CouncilSession.status == status)
    return stmt


def recent_sessions(
    session: Session, *, member_id: int | None, limit: int = 100
) -> list[CouncilSession]:
    """Newest meetings first, for the web list."""
    stmt = sessions_query(member_id=member_id, status=None).order_by(
        CouncilSession.meeting_date.desc(), CouncilSession.id.desc()
    )
    return list(session.scalars(stmt.limit(limit)))


def session_members(session: Session, session_ids: Iterable[int]) -> dict[int, list[SessionMember]]:
    ids = set(session_ids)
    result: dict[int, list[SessionMember]] = {i: [] for i in ids}
    if not ids:
        return result
    stmt = (
        select(SessionMember)
        .where(SessionMember.session_id.in_(ids))
        .order_by(SessionMember.session_id, SessionMember.position)
    )
    for row in session.scalars(stmt):
        result[row.session_id].append(row)
    return result


def replace_session_members(session: Session, session_id: int, rows: list[SessionMember]) -> None:
    session.execute(delete(SessionMember).where(SessionMember.session_id == session_id))
    session.add_all(rows)
    session.flush()


def agenda(session: Session, session_ids: Iterable[int]) -> dict[int, list[AgendaItem]]:
    ids = set(session_ids)
    result: dict[int, list[AgendaItem]] = {i: [] for i in ids}
    if not ids:
        return result
    stmt = (
        select(AgendaItem)
        .where(AgendaItem.session_id.in_(ids))
        .order_by(AgendaItem.session_id, AgendaItem.position)
    )
    for row in session.scalars(stmt):
        result[row.session_id].append(row)
    return result


def voters(session: Session, session_ids: Iterable[int]) -> dict[int, dict[int, bool]]:
    """Per session, who voted (user id → whether in writing), by user id: never by time."""
    ids = set(session_ids)
    result: dict[int, dict[int, bool]] = {i: {} for i in ids}
    if not ids:
        return result
    stmt = (
        select(Participation.session_id, Participation.user_id, Participation.written)
        .where(Participation.session_id.in_(ids))
        .order_by(Participation.session_id, Participation.user_id)
    )
    for sid, uid, written in session.execute(stmt):
        result[sid][uid] = written
    return result


def has_participated(session: Session, session_id: int, user_id: int) -> bool:
    stmt = select(Participation.user_id).where(
        Participation.session_id == session_id, Participation.user_id == user_id
    )
    return session.scalar(stmt) is not None


def nominations_for_update(session: Session, ids: Iterable[int]) -> dict[int, Nomination]:
    """The nominations, locked, re-read from the database (a concurrent agenda may have won)."""
    ids = list(ids)
    if not ids:
        return {}
    stmt = (
        select(Nomination)
        .where(Nomination.id.in_(ids))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {n.id: n for n in session.scalars(stmt)}


def nominations_by_id(session: Session, ids: Iterable[int]) -> dict[int, Nomination]:
    ids = list(ids)
    if not ids:
        return {}
    return {n.id: n for n in session.scalars(select(Nomination).where(Nomination.id.in_(ids)))}


def attachments_of_dossiers(
    session: Session, dossier_ids: Iterable[int]
) -> dict[int, list[Attachment]]:
    ids = set(dossier_ids)
    result: dict[int, list[Attachment]] = {i: [] for i in ids}
    if not ids:
        return result
    stmt = select(Attachment).where(Attachment.dossier_id.in_(ids)).order_by(Attachment.id)
    for row in session.scalars(stmt):
        result[row.dossier_id].append(row)
    return result


def get_attachment(session: Session, attachment_id: int) -> Attachment | None:
    return session.get(Attachment, attachment_id)


def award_types(session: Session, ids: Iterable[int]) -> dict[int, AwardType]:
    ids = set(ids)
    if not ids:
        return {}
    return {a.id: a for a in session.scalars(select(AwardType).where(AwardType.id.in_(ids)))}


def unit_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())


def user_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = set(ids)
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.full_name).where(User.id.in_(ids))).all())


# ---------------------------------------------------------------------------- the ballot box


def store_ballot(
    session: Session, *, ballot: dict[str, Any], choices: list[dict[str, Any]]
) -> None:
    """Put one ballot and its choices in the box, leaving no trace of when they arrived.

    The session's ballot rows are deleted and written again in the order of their random keys
    in the same transaction. On SQLite (WITHOUT ROWID) rows are stored in key order anyway; on
    PostgreSQL this makes the heap order of the live rows the key order, and gives every live
    row the same inserting transaction (``xmin``), so neither tells the ballots apart by time.
    """
    session_id = ballot["session_id"]
    session.flush()
    for table, new_rows in ((Ballot.__table__, [ballot]), (BallotChoice.__table__, choices)):
        existing = session.execute(select(table).where(table.c.session_id == session_id))
        rows = [dict(r) for r in existing.mappings()] + new_rows
        rows.sort(key=lambda r: r["id"])
        session.execute(delete(table).where(table.c.session_id == session_id))
        session.execute(insert(table), rows)


def ballot_count(session: Session, session_id: int) -> int:
    stmt = select(func.count()).select_from(Ballot).where(Ballot.session_id == session_id)
    return session.scalar(stmt) or 0


def ballot_by_receipt(session: Session, session_id: int, digest: str) -> Ballot | None:
    stmt = select(Ballot).where(Ballot.session_id == session_id, Ballot.receipt_digest == digest)
    return session.scalars(stmt).one_or_none()


def tally(session: Session, session_id: int) -> dict[int, dict[Choice, int]]:
    """Counts per agenda nomination and choice: the only way choices are ever read."""
    stmt = (
        select(BallotChoice.nomination_id, BallotChoice.choice, func.count())
        .where(BallotChoice.session_id == session_id)
        .group_by(BallotChoice.nomination_id, BallotChoice.choice)
    )
    result: dict[int, dict[Choice, int]] = {}
    for nomination_id, choice, count in session.execute(stmt):
        result.setdefault(nomination_id, {c: 0 for c in Choice})[Choice(choice)] = count
    return result
