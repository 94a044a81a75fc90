"""The council's membership changes over time; a session keeps the one it was opened with."""

from __future__ import annotations

from app.auth.models import Role, UserRole
from tests.council.helpers import API, MEMBERS, opened, prepare
from tests.factories import appraised_nominations


def _me(client, headers) -> int:
    return client.get("/api/v1/auth/me", headers=headers).json()["id"]


def test_the_demo_council_has_a_chair_a_standing_vice_chair_two_vice_chairs_and_members(
    client, login
):
    terms = client.get(f"{API}/members", headers=login("thuky")).json()

    assert [t["username"] for t in terms] == MEMBERS
    assert [t["role"] for t in terms] == [
        "chair",
        "standing_vice_chair",
        "vice_chair",
        "vice_chair",
        *["member"] * 7,
    ]


def test_a_session_keeps_the_membership_it_was_opened_with(client, login, as_user, db):
    session = opened(client, login)
    terms = client.get(f"{API}/members", headers=login("thuky")).json()
    leaving = next(t for t in terms if t["username"] == "hoidong09")
    newcomer = _me(client, login("donvi2"))
    db.add(UserRole(user_id=newcomer, role=Role.COUNCIL_MEMBER))
    db.commit()  # a savepoint: a refused request in between must not roll it back

    too_early = client.post(
        f"{API}/members/{leaving['id']}/end",
        json={"valid_to": "2021-06-30"},
        headers=login("thuky"),
    )
    ended = client.post(
        f"{API}/members/{leaving['id']}/end",
        json={"valid_to": "2022-12-31"},
        headers=login("thuky"),
    )
    added = client.post(f"{API}/members", json={"user_id": newcomer}, headers=login("thuky"))
    later = prepare(client, login)
    after = client.get(f"{API}/sessions/{session['id']}", headers=login("thuky")).json()

    assert too_early.status_code == 400
    assert (ended.status_code, added.status_code) == (200, 201)
    assert after["members"] == session["members"]
    assert leaving["user_id"] in after["members"] and newcomer not in after["members"]
    assert newcomer in later["members"] and leaving["user_id"] not in later["members"]
    assert later["members_total"] == 11


def test_opening_refreshes_the_membership_of_a_draft(client, login):
    draft = prepare(client, login)
    terms = client.get(f"{API}/members", headers=login("thuky")).json()
    leaving = next(t for t in terms if t["username"] == "hoidong08")
    client.post(
        f"{API}/members/{leaving['id']}/end",
        json={"valid_to": "2022-12-31"},
        headers=login("thuky"),
    )

    response = client.post(f"{API}/sessions/{draft['id']}/open", headers=login("thuky"))

    assert leaving["user_id"] in draft["members"]
    assert leaving["user_id"] not in response.json()["members"]
    assert response.json()["members_total"] == 10


def test_membership_history_keeps_past_terms(client, login):
    terms = client.get(f"{API}/members", headers=login("thuky")).json()
    leaving = next(t for t in terms if t["username"] == "hoidong07")
    client.post(
        f"{API}/members/{leaving['id']}/end",
        json={"valid_to": "2022-12-31"},
        headers=login("thuky"),
    )

    current = client.get(f"{API}/members", headers=login("thuky")).json()
    in_2022 = client.get(f"{API}/members", params={"on": "2022-06-01"}, headers=login("thuky"))
    history = client.get(f"{API}/members", params={"history": True}, headers=login("thuky"))

    assert "hoidong07" not in [t["username"] for t in current]
    assert "hoidong07" in [t["username"] for t in in_2022.json()]
    assert [t["valid_to"] for t in history.json() if t["username"] == "hoidong07"] == ["2022-12-31"]


def test_overlapping_terms_and_a_second_chair_are_409(client, login, db):
    chair = _me(client, login("chutich"))
    newcomer = _me(client, login("donvi2"))
    db.add(UserRole(user_id=newcomer, role=Role.COUNCIL_CHAIR))
    db.commit()  # a savepoint: a refused request in between must not roll it back

    twice = client.post(f"{API}/members", json={"user_id": chair}, headers=login("thuky"))
    second_chair = client.post(
        f"{API}/members", json={"user_id": newcomer, "role": "chair"}, headers=login("thuky")
    )

    assert (twice.status_code, second_chair.status_code) == (409, 409)
    assert "Chủ tịch Hội đồng" in second_chair.json()["detail"]


def test_only_council_accounts_join_and_only_the_office_appoints(client, login, as_user):
    unit_officer = _me(client, login("donvi1"))

    not_council = client.post(
        f"{API}/members", json={"user_id": unit_officer}, headers=login("thuky")
    )
    by_member = client.post(
        f"{API}/members", json={"user_id": unit_officer}, headers=as_user("hoidong01")
    )
    read_by_unit = client.get(f"{API}/members", headers=login("donvi1"))

    assert not_council.status_code == 400
    assert by_member.status_code == 403
    assert read_by_unit.status_code == 403


def test_an_empty_council_cannot_hold_a_session(client, login):
    office = login("thuky")
    for term in client.get(f"{API}/members", headers=office).json():
        client.post(
            f"{API}/members/{term['id']}/end", json={"valid_to": "2022-12-31"}, headers=office
        )

    (nid,) = appraised_nominations(client, login("donvi1"), office)
    response = client.post(
        f"{API}/sessions",
        json={"title": "x", "meeting_date": "2023-01-05", "nomination_ids": [nid]},
        headers=office,
    )

    assert response.status_code == 409
    assert response.json()["error"] == "EmptyCouncil"
