from __future__ import annotations

import pytest

from app.demo.data import ACCOUNTS

ERROR_KEYS = {"error", "detail"}


@pytest.mark.parametrize("account", ACCOUNTS, ids=[a["username"] for a in ACCOUNTS])
def test_login_demo_account_sees_its_roles(client, account):
    response = client.post(
        "/api/v1/auth/token", data={"username": account["username"], "password": "demo"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] > 0

    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})

    assert me.status_code == 200
    assert me.json()["username"] == account["username"]
    assert me.json()["full_name"] == account["full_name"]
    assert sorted(me.json()["roles"]) == sorted(account["roles"])
    assert set(me.json()) == {"id", "username", "full_name", "roles", "unit_id"}


def test_login_wrong_password_is_401_with_error_body(client):
    response = client.post("/api/v1/auth/token", data={"username": "thuky", "password": "nope"})

    assert response.status_code == 401
    assert response.json() == {
        "error": "InvalidCredentials",
        "detail": "Tên đăng nhập hoặc mật khẩu không đúng.",
    }


def test_login_unknown_user_answers_like_wrong_password(client):
    unknown = client.post("/api/v1/auth/token", data={"username": "ghost", "password": "demo"})
    wrong = client.post("/api/v1/auth/token", data={"username": "thuky", "password": "x"})

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def test_login_missing_fields_is_422(client):
    response = client.post("/api/v1/auth/token", data={"username": "thuky"})

    assert response.status_code == 422


def test_login_json_body_instead_of_form_is_422(client):
    response = client.post("/api/v1/auth/token", json={"username": "thuky", "password": "demo"})

    assert response.status_code == 422


def test_me_without_token_is_401(client):
    response = client.get("/api/v1/auth/me")

    assert response.status_code == 401
    assert set(response.json()) == ERROR_KEYS
    assert response.headers["www-authenticate"] == "Bearer"


def test_login_inactive_user_is_refused(client, db):
    from sqlalchemy import select

    from app.auth.models import User

    user = db.scalars(select(User).where(User.username == "hoidong05")).one()
    user.is_active = False
    db.flush()

    response = client.post("/api/v1/auth/token", data={"username": "hoidong05", "password": "demo"})

    assert response.status_code == 401
