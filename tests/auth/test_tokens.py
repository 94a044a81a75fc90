"""Access tokens that must be refused, and API tokens for units' systems."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from jose import jwt

from app.core.config import get_settings


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims(user_id: int, **overrides) -> dict:
    now = int(dt.datetime.now(dt.UTC).timestamp())
    claims = {"sub": str(user_id), "iat": now, "exp": now + 600, "typ": "access"}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _me(client, token: str):
    # Bytes, so that a non-ASCII token reaches the server as a client could send it.
    return client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}".encode()})


@pytest.fixture
def thuky_id(client, login) -> int:
    return client.get("/api/v1/auth/me", headers=login("thuky")).json()["id"]


def _tampered_tokens(user_id: int, key: str) -> dict[str, str]:
    good = jwt.encode(_claims(user_id), key, algorithm="HS256")
    header, payload, signature = good.split(".")
    admin_payload = _b64(_claims(1))
    return {
        "alg_none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "alg_none_uppercase": f"{_b64({'alg': 'NONE', 'typ': 'JWT'})}.{payload}.",
        "other_key": jwt.encode(_claims(user_id), "another-key-" + "x" * 40, algorithm="HS256"),
        "payload_swapped": f"{header}.{admin_payload}.{signature}",
        "signature_flipped": f"{header}.{payload}.{signature[:-2]}AA",
        "expired": jwt.encode(
            _claims(user_id, iat=1_600_000_000, exp=1_600_000_600), key, algorithm="HS256"
        ),
        "no_exp": jwt.encode(_claims(user_id, exp=None), key, algorithm="HS256"),
        "no_sub": jwt.encode(_claims(user_id, sub=None), key, algorithm="HS256"),
        "not_access_type": jwt.encode(_claims(user_id, typ="refresh"), key, algorithm="HS256"),
        "unknown_user": jwt.encode(_claims(987654), key, algorithm="HS256"),
        "sub_not_a_number": jwt.encode(_claims(user_id, sub="admin"), key, algorithm="HS256"),
        "hs512": jwt.encode(_claims(user_id), key, algorithm="HS512"),
        "garbage": "not-a-token",
        "three_dots": "...",
        "unicode": "ă.â.đ",
        "revoked_looking_api_token": "thd_thisTokenWasNeverIssued",
    }


CASES = list(_tampered_tokens(1, "k" * 40))


@pytest.mark.parametrize("case", CASES)
def test_tampered_token_is_401(client, thuky_id, case):
    token = _tampered_tokens(thuky_id, get_settings().resolved_secret_key())[case]

    response = _me(client, token)

    assert response.status_code == 401
    assert set(response.json()) == {"error", "detail"}


def test_well_formed_token_passes(client, thuky_id):
    token = jwt.encode(_claims(thuky_id), get_settings().resolved_secret_key(), algorithm="HS256")

    assert _me(client, token).status_code == 200


def test_a_token_that_passed_is_refused_once_it_expires(client, thuky_id, monkeypatch):
    # Verified tokens are remembered (security._verified_claims); their expiry is not.
    from app.core import security

    now = dt.datetime.now(dt.UTC).timestamp()
    claims = _claims(thuky_id, exp=int(now) + 60)
    token = jwt.encode(claims, get_settings().resolved_secret_key(), algorithm="HS256")
    assert _me(client, token).status_code == 200
    assert _me(client, token).status_code == 200

    monkeypatch.setattr(security.time, "time", lambda: now + 61)

    assert _me(client, token).status_code == 401


def test_a_deactivated_account_is_refused_at_once_with_a_token_that_passed(client, login, db):
    from app.auth.models import User

    headers = login("donvi2")
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    user = db.query(User).filter_by(username="donvi2").one()
    user.is_active = False
    db.flush()

    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_api_token_acts_as_unit_officer_of_its_unit(client, login):
    created = client.post(
        "/api/v1/api-tokens", json={"name": "Phần mềm nhân sự"}, headers=login("donvi1")
    )
    assert created.status_code == 201
    raw = created.json()["token"]

    me = _me(client, raw)

    assert me.status_code == 200
    assert me.json()["roles"] == ["unit_officer"]
    assert (
        me.json()["unit_id"]
        == client.get("/api/v1/auth/me", headers=login("donvi1")).json()["unit_id"]
    )


def test_api_token_revoked_is_401(client, login):
    created = client.post(
        "/api/v1/api-tokens", json={"name": "HRM"}, headers=login("donvi1")
    ).json()

    revoked = client.delete(f"/api/v1/api-tokens/{created['id']}", headers=login("donvi1"))

    assert revoked.status_code == 204
    assert _me(client, created["token"]).status_code == 401


def test_api_token_of_another_unit_cannot_be_revoked_or_listed(client, login):
    created = client.post(
        "/api/v1/api-tokens", json={"name": "HRM"}, headers=login("donvi1")
    ).json()

    other = client.delete(f"/api/v1/api-tokens/{created['id']}", headers=login("donvi2"))
    listed = client.get("/api/v1/api-tokens", headers=login("donvi2"))

    assert other.status_code == 404
    assert created["id"] not in [t["id"] for t in listed.json()]
    assert _me(client, created["token"]).status_code == 200


def test_api_token_cannot_mint_another_token(client, login):
    raw = client.post("/api/v1/api-tokens", json={}, headers=login("donvi1")).json()["token"]

    response = client.post(
        "/api/v1/api-tokens", json={"name": "x"}, headers={"Authorization": f"Bearer {raw}"}
    )

    assert response.status_code == 403


@pytest.mark.parametrize("username", ["thuky", "hoidong01", "chutich"])
def test_api_token_needs_a_unit_officer(client, login, username):
    response = client.post("/api/v1/api-tokens", json={"name": "x"}, headers=login(username))

    assert response.status_code == 403


def test_api_token_digest_only_is_stored(client, login, db):
    from sqlalchemy import select

    from app.auth.models import ApiToken

    created = client.post(
        "/api/v1/api-tokens", json={"name": "HRM"}, headers=login("donvi1")
    ).json()

    stored = db.scalars(select(ApiToken).where(ApiToken.id == created["id"])).one()

    assert created["token"] not in (stored.digest, stored.name)
    assert len(stored.digest) == 64


@pytest.mark.parametrize("body", [None, {}])
def test_api_token_needs_no_body_and_takes_the_default_name(client, login, body):
    headers = login("donvi1")

    created = client.post("/api/v1/api-tokens", json=body, headers=headers)

    assert created.status_code == 201
    assert created.json()["name"] == "Hệ thống của đơn vị"
    assert _me(client, created.json()["token"]).json()["roles"] == ["unit_officer"]
