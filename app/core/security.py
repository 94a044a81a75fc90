"""Password hashing (Argon2), access tokens (JWT, HS256) and opaque API tokens.

python-jose is used only here. Decoding always names the accepted algorithm and requires
``exp`` and ``sub``, so ``alg: none`` and tokens signed with another key are refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from jose import JWTError, jwt
from pwdlib import PasswordHash

from app.core.errors import InvalidToken

ALGORITHM = "HS256"
API_TOKEN_PREFIX = "thd_"

_hasher = PasswordHash.recommended()
# Verified when the user does not exist, so a wrong username costs as much as a wrong password.
_DUMMY_HASH = _hasher.hash("thidua-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; with no hash, burn the same time and answer False."""
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    try:
        return _hasher.verify(password, password_hash)
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    expires_at: dt.datetime


def create_access_token(*, user_id: int, secret_key: str, minutes: int) -> tuple[str, int]:
    """A signed access token for ``user_id`` and its lifetime in seconds."""
    now = dt.datetime.now(dt.UTC)
    claims = {
        "sub": str(user_id),
        "iat": int(now.timestamp()),
        "exp": int((now + dt.timedelta(minutes=minutes)).timestamp()),
        "typ": "access",
    }
    return jwt.encode(claims, secret_key, algorithm=ALGORITHM), minutes * 60


def decode_access_token(token: str, *, secret_key: str) -> AccessClaims:
    """The claims of a valid, unexpired access token; InvalidToken for anything else."""
    claims = _verified_claims(token, secret_key)
    if claims.expires_at.timestamp() < time.time():  # python-jose's rule: valid until exp
        raise InvalidToken()
    return claims


@functools.lru_cache(maxsize=4096)
def _verified_claims(token: str, secret_key: str) -> AccessClaims:
    """Signature and claims checked once per token string: a signed-in user sends the same
    token with every request for hours, and verifying it (HMAC, base64, JSON, claims) cost a
    tenth of a list request. Only a string that verified is kept, its expiry still checked on
    every use by :func:`decode_access_token`; a refused one is not kept."""
    try:
        claims = jwt.decode(
            token,
            secret_key,
            algorithms=[ALGORITHM],
            options={"require_exp": True, "require_sub": True, "require_iat": True},
        )
    except JWTError as exc:
        raise InvalidToken() from exc
    except Exception as exc:  # malformed input of any shape is an invalid token, never a 500
        raise InvalidToken() from exc
    if claims.get("typ") != "access":
        raise InvalidToken()
    try:
        user_id = int(claims["sub"])
        expires_at = dt.datetime.fromtimestamp(claims["exp"], dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError) as exc:
        raise InvalidToken() from exc
    return AccessClaims(user_id=user_id, expires_at=expires_at)


def new_api_token() -> tuple[str, str]:
    """A fresh opaque API token and the digest stored in its place."""
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, api_token_digest(token)


def api_token_digest(token: str) -> str:
    # The token carries 256 random bits, so a plain SHA-256 is enough; nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(cookie_value: str | None, form_value: str | None) -> bool:
    if not cookie_value or not form_value:
        return False
    return hmac.compare_digest(cookie_value.encode(), form_value.encode())
