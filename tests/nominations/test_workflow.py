"""The nomination state machine, appraisal, search and the duplicate guard."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.nominations import policies
from app.nominations import service as nomination_service
from app.nominations.models import Nomination, NominationStatus
from tests.factories import (
    appraised_nominations,
    attach,
    create_dossier,
    individual,
    submitted_dossier,
)

ACTIONS = sorted({action for _, action in policies.NOMINATION_TRANSITIONS})


def test_transition_table_allows_exactly_its_entries(db, client, login):
    nomination_id = submitted_dossier(client, login("donvi1"))["nominations"][0]["id"]
    nomination = db.scalars(select(Nomination).where(Nomination.id == nomination_id)).one()
    observed: dict[tuple[NominationStatus, str], NominationStatus] = {}
    refusals_keep_status = True

    for status in NominationStatus:
        for action in ACTIONS:
            nomination.status = status
            try:
                nomination_service.transition(db, actor=None, nomination=nomination, action=action)
            except nomination_service.InvalidTransition as exc:
                refusals_keep_status &= nomination.status is status and "trạng thái" in exc.detail
            else:
                observed[(status, action)] = nomination.status

    assert observed == policies.NOMINATION_TRANSITIONS
    assert refusals_keep_status


def test_appraise_eligible_and_ineligible_with_reason(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = submitted_dossier(client, unit, [individual(), individual("LDTT", "Trần Thị Hoa")])
    first, second = (n["id"] for n in dossier["nominations"])

    ok = client.post(
        f"/api/v1/nominations/{first}/appraise", json={"result": "eligible"}, headers=office
    )
    no = client.post(
        f"/api/v1/nominations/{second}/appraise",
        json={"result": "ineligible", "note": "Chưa có sáng kiến được công nhận."},
        headers=office,
    )

    assert ok.json()["status"] == "eligible"
    assert (no.json()["status"], no.json()["appraisal_note"]) == (
        "ineligible",
        "Chưa có sáng kiến được công nhận.",
    )


def test_appraise_ineligible_without_reason_is_422(client, login):
    unit, office = login("donvi1"), login("thuky")
    nomination_id = submitted_dossier(client, unit)["nominations"][0]["id"]

    response = client.post(
        f"/api/v1/nominations/{nomination_id}/appraise",
        json={"result": "ineligible"},
        headers=office,
    )

    assert response.status_code == 422


@pytest.mark.parametrize("username", ["donvi1", "hoidong01", "chutich", "admin"])
def test_appraise_and_return_need_the_secretariat(client, login, username):
    unit = login("donvi1")
    dossier = submitted_dossier(client, unit)
    nomination_id = dossier["nominations"][0]["id"]

    appraise = client.post(
        f"/api/v1/nominations/{nomination_id}/appraise",
        json={"result": "eligible"},
        headers=login(username),
    )
    returned = client.post(
        f"/api/v1/dossiers/{dossier['id']}/return", json={"reason": "x"}, headers=login(username)
    )

    assert (appraise.status_code, returned.status_code) == (403, 403)


def test_appraise_a_draft_is_refused(client, login):
    dossier = create_dossier(client, login("donvi1"))

    response = client.post(
        f"/api/v1/nominations/{dossier['nominations'][0]['id']}/appraise",
        json={"result": "eligible"},
        headers=login("thuky"),
    )

    # The secretariat does not see a unit's draft at all (as if it were another unit's).
    assert response.status_code == 404


def test_return_twice_is_409(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = submitted_dossier(client, unit)
    url = f"/api/v1/dossiers/{dossier['id']}/return"
    client.post(url, json={"reason": "Thiếu báo cáo thành tích."}, headers=office)

    again = client.post(url, json={"reason": "Lần nữa"}, headers=office)

    assert again.status_code == 409
    assert again.json()["error"] == "InvalidTransition"


def test_submit_twice_is_409(client, login):
    headers = login("donvi1")
    dossier = submitted_dossier(client, headers)

    response = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=headers)

    assert response.status_code == 409


def test_return_after_council_agenda_is_409(client, login, db):
    unit, office = login("donvi1"), login("thuky")
    (nomination_id,) = appraised_nominations(client, unit, office)
    nomination = db.get(Nomination, nomination_id)
    nomination_service.transition(db, actor=None, nomination=nomination, action="put_on_agenda")
    db.flush()

    response = client.post(
        f"/api/v1/dossiers/{nomination.dossier_id}/return", json={"reason": "x"}, headers=office
    )

    assert response.status_code == 409
    assert str(nomination_id) in response.json()["detail"]


def test_search_ignores_diacritics_and_case(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = submitted_dossier(
        client, unit, [individual(name="Nguyễn Văn Thắng"), individual(name="Đặng Thị Ánh")]
    )
    ids = {n["nominee"]["name"]: n["id"] for n in dossier["nominations"]}

    def found(q: str) -> list[int]:
        items = client.get(
            "/api/v1/nominations", params={"q": q, "limit": 200}, headers=office
        ).json()["items"]
        return [n["id"] for n in items if n["id"] in ids.values()]

    assert found("nguyen van thang") == [ids["Nguyễn Văn Thắng"]]
    assert found("NGUYỄN VĂN THẮNG") == [ids["Nguyễn Văn Thắng"]]
    assert found("dang thi anh") == [ids["Đặng Thị Ánh"]]
    assert found("van thang") == [ids["Nguyễn Văn Thắng"]]
    assert found("thắng nguyễn") == []


@pytest.mark.parametrize("q", ["%", "_", "'; DROP TABLE nominations; --", "\\%", "x" * 200])
def test_search_metacharacters_are_literal(client, login, q):
    submitted_dossier(client, login("donvi1"))

    response = client.get("/api/v1/nominations", params={"q": q}, headers=login("thuky"))

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_filters_combine(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = submitted_dossier(
        client, unit, [individual("CSTDCS"), individual("LDTT", "Trần Thị Hoa")]
    )
    params = {
        "award_type": "LDTT",
        "status": "submitted",
        "unit_id": dossier["unit_id"],
        "campaign_id": dossier["campaign_id"],
        "dossier_id": dossier["id"],
        "year": 2022,
    }

    items = client.get("/api/v1/nominations", params=params, headers=office).json()["items"]

    assert [n["nominee"]["name"] for n in items] == ["Trần Thị Hoa"]


def test_nominations_paginate_without_repeats(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = submitted_dossier(client, unit, [individual(name=f"Người {i}") for i in range(7)])
    seen, cursor = [], None
    while True:
        params = {"dossier_id": dossier["id"], "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/nominations", params=params, headers=office).json()
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break

    assert seen == sorted(n["id"] for n in dossier["nominations"])


def test_duplicate_guard_flags_the_same_person_award_and_year_across_units(client, login):
    office = login("thuky")
    person = client.post(
        "/api/v1/people",
        json={"full_name": "Bế Văn Hùng", "citizen_id": "020099990001"},
        headers=login("donvi1"),
    ).json()
    first = submitted_dossier(
        client,
        login("donvi1"),
        [{"award_type": "CSTDCS", "person_id": person["id"], "achievement": "a"}],
    )
    second = submitted_dossier(
        client,
        login("donvi1"),
        [{"award_type": "CSTDCS", "person_id": person["id"], "achievement": "b"}],
    )
    other_award = submitted_dossier(
        client,
        login("donvi1"),
        [{"award_type": "LDTT", "person_id": person["id"], "achievement": "c"}],
    )
    a, b = first["nominations"][0]["id"], second["nominations"][0]["id"]

    flagged = client.get(
        "/api/v1/nominations", params={"duplicates_only": True, "limit": 200}, headers=office
    ).json()["items"]
    detail = client.get(f"/api/v1/nominations/{a}", headers=office).json()

    assert {n["id"] for n in flagged} >= {a, b}
    assert other_award["nominations"][0]["id"] not in {n["id"] for n in flagged}
    assert detail["duplicates"] == [b]


def test_duplicate_guard_across_two_units_by_citizen_id(client, login):
    office = login("thuky")
    body = individual("CSTDCS", "Hà Thị Mai", citizen_id="020099990002")
    a = submitted_dossier(client, login("donvi1"), [body])["nominations"][0]["id"]
    # The same citizen ID in another unit is refused at the source: one person, one unit.
    response = client.post(
        "/api/v1/dossiers",
        json={
            "campaign_id": client.get(f"/api/v1/nominations/{a}", headers=office).json()[
                "campaign_id"
            ],
            "year": 2022,
            "title": "x",
            "nominations": [body],
        },
        headers=login("donvi2"),
    )

    assert response.status_code == 403


def test_the_office_does_not_see_a_draft_by_id_either(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = create_dossier(client, unit)
    nomination_id = dossier["nominations"][0]["id"]

    assert client.get(f"/api/v1/dossiers/{dossier['id']}", headers=unit).status_code == 200
    assert client.get(f"/api/v1/dossiers/{dossier['id']}", headers=office).status_code == 404
    assert client.get(f"/api/v1/nominations/{nomination_id}", headers=office).status_code == 404
    history = client.get(f"/api/v1/dossiers/{dossier['id']}/history", headers=office)
    assert history.status_code == 404

    attach(client, unit, dossier["id"])
    assert client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=unit).status_code == 200
    assert client.get(f"/api/v1/dossiers/{dossier['id']}", headers=office).status_code == 200
    assert client.get(f"/api/v1/nominations/{nomination_id}", headers=office).status_code == 200
