"""Login throttling per account and address and per address; never a lockout of a clean address."""

from __future__ import annotations

import datetime as dt

from app.auth import service
from app.auth.models import LoginFailure


def _login(client, username, password="sai", address="10.0.0.1"):
    # TestClient's client address is fixed; the failures are seeded per address instead.
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def _seed(db, *, username: str, address: str, count: int, minutes_ago: int = 1) -> None:
    at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    db.add_all(LoginFailure(username=username, address=address, at=at) for _ in range(count))
    db.flush()


def test_failures_are_recorded_even_though_the_login_fails(client, db):
    from sqlalchemy import func, select

    before = db.scalar(select(func.count()).select_from(LoginFailure))

    response = _login(client, "thuky")

    assert response.status_code == 401
    assert db.scalar(select(func.count()).select_from(LoginFailure)) == before + 1


def test_same_address_is_throttled_after_five_failures_even_with_the_right_password(client):
    for _ in range(service.PAIR_LIMIT):
        assert _login(client, "hoidong07").status_code == 401

    response = _login(client, "hoidong07", password="demo")

    assert response.status_code == 429
    assert response.json()["error"] == "TooManyAttempts"
    assert response.headers["retry-after"] == "900"


def test_old_failures_do_not_count(client, db):
    _seed(db, username="hoidong08", address="testclient", count=10, minutes_ago=30)

    assert _login(client, "hoidong08", password="demo").status_code == 200


def test_account_under_attack_stays_open_to_a_clean_address(client, db):
    _seed(db, username="hoidong09", address="203.0.113.9", count=service.ACCOUNT_LIMIT + 5)

    assert _login(client, "hoidong09", password="demo").status_code == 200


def test_account_under_attack_refuses_an_address_that_also_failed(client, db):
    _seed(db, username="hoidong09", address="203.0.113.9", count=service.ACCOUNT_LIMIT)
    _seed(db, username="hoidong09", address="testclient", count=1)

    assert _login(client, "hoidong09", password="demo").status_code == 429


def test_address_spraying_many_names_is_throttled(client, db):
    for i in range(service.ADDRESS_LIMIT):
        _seed(db, username=f"ten{i}", address="testclient", count=1)

    assert _login(client, "hoidong10", password="demo").status_code == 429


def test_web_login_is_throttled_too(client, db):
    import re

    _seed(db, username="donvi2", address="testclient", count=service.PAIR_LIMIT)
    page = client.get("/login", headers={"accept": "text/html"})
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    response = client.post(
        "/login", data={"username": "donvi2", "password": "demo", "csrf_token": token}
    )

    assert response.status_code == 429
    assert "thử lại sau" in response.text
