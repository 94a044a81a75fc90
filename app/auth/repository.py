from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from app.auth.models import ApiToken, User


def get_user(session: Session, user_id: int) -> User | None:
    stmt = select(User).where(User.id == user_id).options(selectinload(User.role_rows))
    return session.scalars(stmt).one_or_none()


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
