"""The list of nominations on a live server: the read path as it runs in production (a read
connection, no Session; the tests that use TestClient substitute the test's session there)."""

from __future__ import annotations

import uuid

import pytest

from tests.factories import MINIMAL_PDF, LiveApi, individual

pytestmark = pytest.mark.slow


def test_the_read_path_with_an_access_token_an_api_token_a_search_and_bad_requests(live_server):
    api = LiveApi(live_server)
    unit, office = api.headers("donvi1"), api.headers("thuky")
    me = api.http.get("/api/v1/auth/me", headers=unit).json()
    # A name of its own: committed rows of other tests stay in this database.
    marker = uuid.uuid4().hex[:8]
    name = f"Quàng Thị Xuyến {marker}"
    campaign = api.http.get("/api/v1/campaigns", headers=unit).json()["items"][0]["id"]
    body = {
        "campaign_id": campaign,
        "year": 2022,
        "title": "Đề nghị",
        "nominations": [individual("CSTDCS", name), individual("LDTT", f"Lộc Văn An {marker}")],
    }
    dossier = api.http.post("/api/v1/dossiers", json=body, headers=unit).json()
    ids = sorted(n["id"] for n in dossier["nominations"])

    # The unit sees its own draft; the office does not see drafts.
    found = api.http.get("/api/v1/nominations", params={"q": marker}, headers=unit).json()
    assert [n["id"] for n in found["items"]] == ids
    assert {n["unit_id"] for n in found["items"]} == {me["unit_id"]}
    assert api.http.get("/api/v1/nominations", params={"q": marker}, headers=office).json() == {
        "items": [],
        "next_cursor": None,
    }
    api.http.post(
        f"/api/v1/dossiers/{dossier['id']}/attachments",
        data={"kind": "to_trinh"},
        files={"file": ("t.pdf", MINIMAL_PDF, "application/pdf")},
        headers=unit,
    ).raise_for_status()
    api.http.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=unit).raise_for_status()

    # A name search without diacritics, through the trigram table on SQLite, pages by cursor.
    first = api.http.get(
        "/api/v1/nominations",
        params={"q": f"quang thi xuyen {marker}", "limit": 1},
        headers=office,
    ).json()
    assert [n["nominee"]["name"] for n in first["items"]] == [name]
    assert first["items"][0]["duplicates"] == [] and first["next_cursor"] is None
    both = api.http.get(
        "/api/v1/nominations", params={"q": marker, "limit": 1}, headers=office
    ).json()
    rest = api.http.get(
        "/api/v1/nominations",
        params={"q": marker, "limit": 1, "cursor": both["next_cursor"]},
        headers=office,
    ).json()
    assert [both["items"][0]["id"], rest["items"][0]["id"]] == ids

    # A unit's API token reads its unit's nominations, as its systems do; revoked, it is refused.
    created = api.http.post(
        "/api/v1/api-tokens", json={"name": f"HRM {marker}"}, headers=unit
    ).json()
    system = {"Authorization": f"Bearer {created['token']}"}
    by_token = api.http.get("/api/v1/nominations", params={"q": marker}, headers=system)
    assert by_token.status_code == 200, by_token.text
    assert [n["id"] for n in by_token.json()["items"]] == ids
    elsewhere = api.http.get(
        "/api/v1/nominations", params={"unit_id": me["unit_id"] + 1}, headers=system
    )
    assert elsewhere.json() == {"items": [], "next_cursor": None}
    api.http.delete(f"/api/v1/api-tokens/{created['id']}", headers=unit).raise_for_status()
    assert api.http.get("/api/v1/nominations", headers=system).status_code == 401

    # Bad requests: no token, a bad token, a bad query (401 before 422).
    assert api.http.get("/api/v1/nominations").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert api.http.get("/api/v1/nominations", headers=bad).status_code == 401
    assert api.http.get("/api/v1/nominations", params={"limit": 0}).status_code == 401
    invalid = api.http.get("/api/v1/nominations", params={"limit": 0}, headers=office)
    assert invalid.status_code == 422 and invalid.json()["detail"][0]["loc"] == ["query", "limit"]
