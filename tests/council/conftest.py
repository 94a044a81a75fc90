from __future__ import annotations

import pytest

from app.auth import repository as auth_repository
from app.auth import service as auth_service


@pytest.fixture
def as_user(db):
    """``as_user("hoidong01")`` → bearer headers, signed directly (no password hashing)."""
    cache: dict[str, dict[str, str]] = {}

    def _headers(username: str) -> dict[str, str]:
        if username not in cache:
            user = auth_repository.get_user_by_username(db, username)
            token, _ = auth_service.issue_access_token(user)
            cache[username] = {"Authorization": f"Bearer {token}"}
        return cache[username]

    return _headers
