"""A unit reads the signed decisions that award its nominees, and only its own lines of them."""

from __future__ import annotations

import pytest

from app.nominations.models import Nomination
from tests.factories import approved_nominations


@pytest.fixture
def decisions(client, db, login):
    """A signed decision awarding two nominees of donvi1 and one of donvi2, and a draft awarding
    another nominee of donvi1."""
    office, signer = login("thuky"), login("chutich")
    ours = approved_nominations(client, db, login("donvi1"), office, count=2)
    theirs = approved_nominations(client, db, login("donvi2"), office, count=1)
    waiting = approved_nominations(client, db, login("donvi1"), office, count=1)
    signed = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": [ours[0], theirs[0], ours[1]]},
        headers=office,
    ).json()["id"]
    assert client.post(f"/api/v1/decisions/{signed}/sign", headers=signer).status_code == 200
    draft = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu (dự thảo)", "nomination_ids": waiting},
        headers=office,
    ).json()["id"]
    whole = client.get(f"/api/v1/decisions/{signed}", headers=office).json()
    return {"signed": signed, "draft": draft, "ours": ours, "theirs": theirs, "whole": whole}


def test_a_unit_reads_its_own_lines_of_a_signed_decision(client, login, decisions):
    read = client.get(f"/api/v1/decisions/{decisions['signed']}", headers=login("donvi1"))

    assert read.status_code == 200
    body, whole = read.json(), decisions["whole"]
    assert body["number"] == whole["number"]
    assert body["signed_on"] == whole["signed_on"]
    assert [i["nomination_id"] for i in body["items"]] == decisions["ours"]
    assert body["nomination_ids"] == decisions["ours"]
    assert body["total_bonus"] == sum(i["bonus"] for i in body["items"])
    assert body["total_bonus"] < whole["total_bonus"]


def test_the_other_unit_reads_only_its_own_line(client, login, decisions):
    body = client.get(f"/api/v1/decisions/{decisions['signed']}", headers=login("donvi2")).json()

    assert [i["nomination_id"] for i in body["items"]] == decisions["theirs"]


def test_a_unit_lists_only_signed_decisions_awarding_its_nominees(client, db, login, decisions):
    unit_id = client.get("/api/v1/auth/me", headers=login("donvi1")).json()["unit_id"]

    listed = client.get("/api/v1/decisions", params={"limit": 200}, headers=login("donvi1"))
    drafts = client.get("/api/v1/decisions", params={"status": "draft"}, headers=login("donvi1"))

    assert listed.status_code == 200
    by_id = {d["id"]: d for d in listed.json()["items"]}
    assert decisions["signed"] in by_id
    assert decisions["draft"] not in by_id
    assert [i["nomination_id"] for i in by_id[decisions["signed"]]["items"]] == decisions["ours"]
    # Decisions other tests left behind may be listed too: all signed, each with lines, every
    # line a nomination of this unit.
    assert {d["status"] for d in by_id.values()} == {"signed"}
    lines = [i["nomination_id"] for d in by_id.values() for i in d["items"]]
    assert all(d["items"] for d in by_id.values())
    assert {db.get(Nomination, n).unit_id for n in lines} == {unit_id}
    assert drafts.json()["items"] == []


def test_a_draft_is_missing_to_the_unit_and_the_pdf_stays_the_offices(client, login, decisions):
    unit = login("donvi1")

    assert client.get(f"/api/v1/decisions/{decisions['draft']}", headers=unit).status_code == 404
    pdf = client.get(f"/api/v1/decisions/{decisions['signed']}/pdf", headers=unit)
    assert pdf.status_code == 403


def test_a_units_api_token_reads_as_its_officer(client, login, decisions):
    created = client.post("/api/v1/api-tokens", json={"name": "HRM"}, headers=login("donvi1"))
    token = {"Authorization": f"Bearer {created.json()['token']}"}

    body = client.get(f"/api/v1/decisions/{decisions['signed']}", headers=token).json()

    assert [i["nomination_id"] for i in body["items"]] == decisions["ours"]


def test_council_members_still_read_no_decision(client, login, decisions):
    member = login("hoidong01")

    assert client.get("/api/v1/decisions", headers=member).status_code == 403
    assert client.get(f"/api/v1/decisions/{decisions['signed']}", headers=member).status_code == 403
