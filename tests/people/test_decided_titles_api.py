"""Titles granted by signed decisions of the service count in a person's history by themselves
(CONTRACT: "People and their history"), and stop counting once revoked."""

from __future__ import annotations

import pytest

from tests.factories import approved_nominations

REASON = "Kê khai thành tích không đúng sự thật."


@pytest.fixture
def decided(client, db, login):
    """A person granted CSTDCS for 2022 by a signed decision: (person id, certificate)."""
    office = login("thuky")
    [nomination_id] = approved_nominations(client, db, login("donvi1"), office, award="CSTDCS")
    decision = client.post(
        "/api/v1/decisions",
        json={
            "title": "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở",
            "nomination_ids": [nomination_id],
        },
        headers=office,
    ).json()
    signed = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=login("chutich"))
    assert signed.status_code == 200, signed.text
    nomination = client.get(f"/api/v1/nominations/{nomination_id}", headers=office).json()
    [certificate] = client.get(
        "/api/v1/certificates", params={"decision_id": decision["id"]}, headers=office
    ).json()["items"]
    return nomination["nominee"]["person_id"], certificate


def _records(client, headers, person_id: int) -> list[dict]:
    response = client.get(f"/api/v1/people/{person_id}/records", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_decided_title_appears_in_a_year_the_unit_never_recorded(client, login, decided):
    person_id, _ = decided

    records = _records(client, login("donvi1"), person_id)

    assert records == [
        {
            "year": 2022,
            "rating": None,
            "titles": ["CSTDCS"],
            "decided_titles": ["CSTDCS"],
            "initiatives": [],
            "discipline": None,
            "months_worked": None,
            "note": None,
        }
    ]


def test_decided_title_revoked_no_longer_counts(client, login, decided):
    person_id, certificate = decided

    revoked = client.post(
        f"/api/v1/certificates/{certificate['id']}/revoke",
        json={"reason": REASON},
        headers=login("thuky"),
    )

    assert revoked.status_code == 200, revoked.text
    assert _records(client, login("donvi1"), person_id) == []


def test_decided_title_kept_when_the_unit_records_the_year_without_it(client, login, decided):
    person_id, _ = decided
    headers = login("donvi1")
    url = f"/api/v1/people/{person_id}/records"
    body = {"year": 2022, "rating": "hoan_thanh_xuat_sac", "titles": ["LDTT"]}

    created = client.post(url, json=body, headers=headers)
    replaced = client.put(f"{url}/2022", json={**body, "titles": []}, headers=headers)
    records = _records(client, headers, person_id)

    assert created.status_code == 201, created.text
    assert (created.json()["titles"], created.json()["decided_titles"]) == (
        ["LDTT", "CSTDCS"],
        ["CSTDCS"],
    )
    assert (replaced.json()["titles"], replaced.json()["decided_titles"]) == (
        ["CSTDCS"],
        ["CSTDCS"],
    )
    assert [(r["year"], r["rating"], r["titles"]) for r in records] == [
        (2022, "hoan_thanh_xuat_sac", ["CSTDCS"])
    ]


def test_decided_title_recorded_by_the_unit_too_is_listed_once(client, login, decided):
    person_id, _ = decided
    headers = login("donvi1")
    body = {"year": 2022, "rating": "hoan_thanh_xuat_sac", "titles": ["LDTT", "CSTDCS"]}

    client.post(f"/api/v1/people/{person_id}/records", json=body, headers=headers)

    [record] = _records(client, headers, person_id)
    assert (record["titles"], record["decided_titles"]) == (["LDTT", "CSTDCS"], ["CSTDCS"])


def test_decided_title_counts_for_eligibility_as_it_shows_in_the_records(client, login, decided):
    person_id, _ = decided
    headers = login("donvi1")
    url = f"/api/v1/people/{person_id}/records"
    provincial = [{"name": "Quy trình cấp cứu liên viện", "level": "tinh"}]
    for year, titles in ((2020, ["LDTT", "CSTDCS"]), (2021, ["LDTT", "CSTDCS"]), (2022, ["LDTT"])):
        body = {
            "year": year,
            "rating": "hoan_thanh_xuat_sac",
            "titles": titles,
            "initiatives": provincial,
        }
        assert client.post(url, json=body, headers=headers).status_code == 201

    eligibility = client.get(
        f"/api/v1/people/{person_id}/eligibility",
        params={"award_type": "CSTD_TINH", "year": 2022},
        headers=headers,
    ).json()

    assert [r["titles"] for r in _records(client, headers, person_id)] == [
        ["LDTT", "CSTDCS"],
        ["LDTT", "CSTDCS"],
        ["LDTT", "CSTDCS"],
    ]
    assert eligibility["eligible"] is True, eligibility["checks"]
