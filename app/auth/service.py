"""Sign-in, access tokens, API tokens for units' systems, and user accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth import repository
from app.auth.models import ApiToken, Role, User, UserRole
from app.auth.policies import Actor, can_access_unit
from app.core import security
from app.core.config import get_settings
from app.core.db import Reads, utcnow
from app.core.errors import (
    AppError,
    BadRequest,
    Conflict,
    Forbidden,
    InvalidCredentials,
    InvalidToken,
    NotFound,
)

# last_used_at is written at most this often, and only by requests that write anyway.
_LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


def actor_of(user: User | repository.UserFacts, *, api_token: ApiToken | None = None) -> Actor:
    roles = frozenset(user.roles)
    unit_id = user.unit_id
    if api_token is not None:
        roles = frozenset({Role.UNIT_OFFICER})
        unit_id = api_token.unit_id
    return Actor(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        roles=roles,
        unit_id=unit_id,
        api_token_id=api_token.id if api_token else None,
    )


class TooManyAttempts(AppError):
    status_code = 429
    default_detail = "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau ít phút."


# Throttling, not lockout: a name that anyone can see must not let anyone lock its owner out.
# Within the window, an address that failed on an account is refused after PAIR_LIMIT
# failures; any address after ADDRESS_LIMIT failures whatever the names; and an account under
# attack from many addresses (ACCOUNT_LIMIT) stays open to addresses that have not failed on it.
THROTTLE_WINDOW = dt.timedelta(minutes=15)
PAIR_LIMIT = 5
ADDRESS_LIMIT = 30
ACCOUNT_LIMIT = 20


def _throttled(session: Session, *, username: str, address: str) -> bool:
    since = utcnow() - THROTTLE_WINDOW
    pair = repository.count_failures(session, since=since, username=username, address=address)
    if pair >= PAIR_LIMIT:
        return True
    if repository.count_failures(session, since=since, address=address) >= ADDRESS_LIMIT:
        return True
    return (
        pair > 0
        and repository.count_failures(session, since=since, username=username) >= ACCOUNT_LIMIT
    )


def authenticate(session: Session, *, username: str, password: str, address: str = "") -> User:
    """The active user with this username and password.

    A failure raises InvalidCredentials (or TooManyAttempts while throttled) and is recorded in
    the session, so the caller must let the session commit (see the login endpoints).
    """
    name = username.strip().lower()[:64]
    if _throttled(session, username=name, address=address):
        raise TooManyAttempts()
    user = repository.get_user_by_username(session, username.strip())
    ok = security.verify_password(password, user.password_hash if user else None)
    if user is None or not ok or not user.is_active:
        repository.add_failure(session, username=name, address=address[:64], at=utcnow())
        raise InvalidCredentials()
    return user


def issue_access_token(user: User) -> tuple[str, int]:
    settings = get_settings()
    return security.create_access_token(
        user_id=user.id,
        secret_key=settings.resolved_secret_key(),
        minutes=settings.access_token_minutes,
    )


def actor_from_access_token(on: Reads, token: str) -> Actor:
    """The actor behind a signed access token; the account must still exist and be active."""
    claims = security.decode_access_token(token, secret_key=get_settings().resolved_secret_key())
    user = repository.user_facts(on, claims.user_id)
    if user is None or not user.is_active:
        raise InvalidToken()
    return actor_of(user)


def actor_from_api_token(session: Session, token: str, *, record_use: bool = False) -> Actor:
    """The actor behind a unit's API token: its creator, as a unit officer of the token's unit.

    ``record_use`` (the request writes anyway) updates the token's ``last_used_at``, at most
    every few minutes: a read stays a read, so it never waits for SQLite's write lock or fails
    on it, and ``last_used_at`` says when the token last submitted or changed something.
    """
    api_token = repository.get_api_token_by_digest(session, security.api_token_digest(token))
    if api_token is None or api_token.revoked_at is not None:
        raise InvalidToken()
    user = repository.user_facts(session, api_token.user_id)
    if (
        user is None
        or not user.is_active
        or Role.UNIT_OFFICER not in user.roles
        or user.unit_id != api_token.unit_id
    ):
        raise InvalidToken()
    now = utcnow()
    stale = api_token.last_used_at is None or now - api_token.last_used_at > _LAST_USED_RESOLUTION
    if record_use and stale:
        api_token.last_used_at = now
    return actor_of(user, api_token=api_token)


def actor_from_bearer(on: Reads, token: str, *, record_use: bool = False) -> Actor:
    """The actor behind a bearer token, on a request's session or a read connection."""
    if not token.startswith(security.API_TOKEN_PREFIX):
        return actor_from_access_token(on, token)
    if isinstance(on, Session):
        return actor_from_api_token(on, token, record_use=record_use)
    with Session(bind=on) as session:  # the token is an entity: read it on the connection
        return actor_from_api_token(session, token)


def create_api_token(session: Session, *, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """A new API token for the actor's unit; the raw token is returned once and never stored."""
    if not actor.has_role(Role.UNIT_OFFICER) or actor.unit_id is None:
        raise Forbidden("Chỉ cán bộ thi đua của một đơn vị mới tạo được mã API cho đơn vị đó.")
    if actor.api_token_id is not None:
        raise Forbidden("Không thể dùng một mã API để tạo mã API khác; hãy đăng nhập.")
    raw, digest = security.new_api_token()
    api_token = ApiToken(name=name.strip(), digest=digest, user_id=actor.id, unit_id=actor.unit_id)
    session.add(api_token)
    audit_service.record(
        session, actor=actor, action="api_token.create", target=api_token, data={"name": name}
    )
    return api_token, raw


def list_api_tokens(session: Session, *, actor: Actor) -> list[ApiToken]:
    """Tokens the actor may see: their unit's, or every unit's for the admin."""
    if actor.has_role(Role.ADMIN):
        unit_id = None
    elif actor.has_role(Role.UNIT_OFFICER) and actor.unit_id is not None:
        unit_id = actor.unit_id
    else:
        raise Forbidden()
    return list(session.scalars(repository.api_tokens_query(unit_id=unit_id).order_by(ApiToken.id)))


def revoke_api_token(session: Session, *, actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token of the actor's unit (the admin may revoke any)."""
    api_token = repository.get_api_token(session, token_id)
    allowed = api_token is not None and (
        actor.has_role(Role.ADMIN)
        or (actor.has_role(Role.UNIT_OFFICER) and can_access_unit(actor, api_token.unit_id))
    )
    if api_token is None or not allowed:
        # Another unit's token is answered as missing: its existence is not the actor's business.
        raise NotFound("Không tìm thấy mã API.")
    if api_token.revoked_at is None:
        api_token.revoked_at = utcnow()
        audit_service.record(session, actor=actor, action="api_token.revoke", target=api_token)
    return api_token


def create_user(
    session: Session,
    *,
    actor: Actor | None,
    username: str,
    password: str,
    full_name: str,
    roles: Iterable[Role],
    unit_id: int | None = None,
    title: str | None = None,
) -> User:
    """Create an account; unit officers must belong to a unit."""
    roles = set(roles)
    username = username.strip()
    if not username or len(username) > 64:
        raise BadRequest("Tên đăng nhập phải có từ 1 đến 64 ký tự.")
    if len(password) < 4:
        raise BadRequest("Mật khẩu quá ngắn.")
    if Role.UNIT_OFFICER in roles and unit_id is None:
        raise BadRequest("Cán bộ thi đua của đơn vị phải được gắn với một đơn vị.")
    if repository.get_user_by_username(session, username) is not None:
        raise Conflict(f"Tên đăng nhập {username!r} đã tồn tại.")
    user = User(
        username=username,
        full_name=full_name.strip(),
        title=title,
        password_hash=security.hash_password(password),
        unit_id=unit_id,
        is_active=True,
        role_rows=[UserRole(role=r) for r in sorted(roles)],
    )
    session.add(user)
    audit_service.record(
        session,
        actor=actor,
        action="user.create",
        target=user,
        data={"username": username, "roles": sorted(r.value for r in roles), "unit_id": unit_id},
    )
    return user


def get_user(session: Session, user_id: int) -> User:
    user = repository.get_user(session, user_id)
    if user is None:
        raise NotFound("Không tìm thấy người dùng.")
    return user
