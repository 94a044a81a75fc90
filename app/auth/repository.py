from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session, selectinload

from app.auth.models import ApiToken, LoginFailure, Role, User
from app.core.db import Reads, fetch_all


def get_user(session: Session, user_id: int) -> User | None:
    stmt = select(User).where(User.id == user_id).options(selectinload(User.role_rows))
    return session.scalars(stmt).one_or_none()


@dataclass(frozen=True)
class UserFacts:
    """What deciding who is acting needs of an account, read in one cheap statement."""

    id: int
    username: str
    full_name: str
    unit_id: int | None
    is_active: bool
    roles: frozenset[Role]


# Every authenticated request reads this: plain SQL, on the driver where it can (fetch_all).
_USER_FACTS = (
    "SELECT u.id, u.username, u.full_name, u.unit_id, u.is_active, r.role "
    "FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = :user_id"
)


def user_facts(on: Reads, user_id: int) -> UserFacts | None:
    rows = fetch_all(on, _USER_FACTS, {"user_id": user_id})
    if not rows:
        return None
    user_id, username, full_name, unit_id, is_active, _ = rows[0]
    return UserFacts(
        id=user_id,
        username=username,
        full_name=full_name,
        unit_id=unit_id,
        is_active=bool(is_active),
        roles=frozenset(Role(r[5]) for r in rows if r[5] is not None),
    )


def get_user_by_username(session: Session, username: str) -> User | None:
    stmt = select(User).where(User.username == username).options(selectinload(User.role_rows))
    return session.scalars(stmt).one_or_none()


def get_api_token_by_digest(session: Session, digest: str) -> ApiToken | None:
    return session.scalars(select(ApiToken).where(ApiToken.digest == digest)).one_or_none()


def get_api_token(session: Session, token_id: int) -> ApiToken | None:
    return session.get(ApiToken, token_id)


def api_tokens_query(*, unit_id: int | None) -> Select[tuple[ApiToken]]:
    stmt = select(ApiToken)
    if unit_id is not None:
        stmt = stmt.where(ApiToken.unit_id == unit_id)
    return stmt


def count_failures(
    session: Session, *, since: dt.datetime, username: str | None = None, address: str | None = None
) -> int:
    stmt = select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)
    if username is not None:
        stmt = stmt.where(LoginFailure.username == username)
    if address is not None:
        stmt = stmt.where(LoginFailure.address == address)
    return session.scalar(stmt) or 0


def add_failure(session: Session, *, username: str, address: str, at: dt.datetime) -> None:
    session.add(LoginFailure(username=username, address=address, at=at))
    # Old failures serve nothing; drop this name's older than a day while we are here.
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.username == username, LoginFailure.at < at - dt.timedelta(days=1)
        )
    )
