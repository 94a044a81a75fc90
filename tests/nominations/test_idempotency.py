"""Idempotent dossier creation, including concurrent replays against a real server."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.factories import dossier_body


def test_idempotent_replay_gives_the_same_dossier(client, login):
    headers = {**login("donvi1"), "Idempotency-Key": str(uuid.uuid4())}
    body = dossier_body(client, headers)

    first = client.post("/api/v1/dossiers", json=body, headers=headers)
    replay = client.post("/api/v1/dossiers", json=body, headers=headers)

    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"


def test_idempotency_key_with_another_body_is_409(client, login):
    headers = {**login("donvi1"), "Idempotency-Key": str(uuid.uuid4())}
    body = dossier_body(client, headers)
    client.post("/api/v1/dossiers", json=body, headers=headers)

    response = client.post("/api/v1/dossiers", json={**body, "title": "Khác"}, headers=headers)

    assert response.status_code == 409
    assert response.json()["error"] == "IdempotencyConflict"


def test_idempotency_keys_are_per_caller(client, login):
    key = str(uuid.uuid4())
    one = client.post(
        "/api/v1/dossiers",
        json=dossier_body(client, login("donvi1")),
        headers={**login("donvi1"), "Idempotency-Key": key},
    )
    two = client.post(
        "/api/v1/dossiers",
        json=dossier_body(client, login("donvi2")),
        headers={**login("donvi2"), "Idempotency-Key": key},
    )

    assert (one.status_code, two.status_code) == (201, 201)
    assert one.json()["id"] != two.json()["id"]


@pytest.mark.slow
def test_concurrent_replays_create_exactly_one_dossier(live_server):
    with httpx.Client(base_url=live_server, timeout=60) as http:
        token = http.post(
            "/api/v1/auth/token", data={"username": "donvi1", "password": "demo"}
        ).json()
        headers = {
            "Authorization": f"Bearer {token['access_token']}",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        campaigns = http.get("/api/v1/campaigns", headers=headers).json()["items"]
    body = {
        "campaign_id": campaigns[0]["id"],
        "year": 2022,
        "title": "Đồng thời",
        "nominations": [
            {
                "award_type": "LDTT",
                "achievement": "x",
                "person": {
                    "full_name": "Lương Văn Tám",
                    "citizen_id": uuid.uuid4().int.__str__()[:12],
                },
            }
        ],
    }

    def post(_: int) -> httpx.Response:
        with httpx.Client(base_url=live_server, timeout=60) as http:
            return http.post("/api/v1/dossiers", json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=12) as pool:
        responses = list(pool.map(post, range(12)))

    assert [r.status_code for r in responses] == [201] * 12
    assert len({r.json()["id"] for r in responses}) == 1
    assert len({r.json()["nominations"][0]["nominee"]["person_id"] for r in responses}) == 1
