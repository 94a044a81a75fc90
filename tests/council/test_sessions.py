"""Preparing, opening, closing and cancelling sessions; who may do it."""

from __future__ import annotations

import pytest

from tests.council.helpers import API, MEMBERS, close, opened, prepare, vote, votes_by
from tests.factories import appraised_nominations, submitted_dossier


def _user_ids(client, as_user) -> dict[str, int]:
    return {u: client.get("/api/v1/auth/me", headers=as_user(u)).json()["id"] for u in MEMBERS}


def test_create_session_snapshots_the_current_council_and_puts_nominations_in_council(
    client, login, as_user
):
    ids = appraised_nominations(client, login("donvi1"), login("thuky"), count=2)

    session = prepare(client, login, ids=ids)

    assert session["status"] == "draft"
    assert session["nomination_ids"] == ids
    assert sorted(session["members"]) == sorted(_user_ids(client, as_user).values())
    assert session["members_total"] == 11
    assert session["member_details"][0]["role"] == "chair"
    assert session["voted"] == [] and session["voted_count"] == 0
    statuses = [
        client.get(f"/api/v1/nominations/{i}", headers=login("thuky")).json()["status"] for i in ids
    ]
    assert statuses == ["in_council", "in_council"]


def test_create_session_refuses_a_nomination_that_is_not_eligible(client, login):
    dossier = submitted_dossier(client, login("donvi1"))  # submitted, not appraised
    nomination_id = dossier["nominations"][0]["id"]

    response = client.post(
        f"{API}/sessions",
        json={"title": "x", "meeting_date": "2023-01-05", "nomination_ids": [nomination_id]},
        headers=login("thuky"),
    )

    assert response.status_code == 409
    assert "Đã gửi" in response.json()["detail"]


def test_a_nomination_cannot_sit_on_two_agendas(client, login):
    first = prepare(client, login)

    response = client.post(
        f"{API}/sessions",
        json={
            "title": "x",
            "meeting_date": "2023-01-05",
            "nomination_ids": first["nomination_ids"],
        },
        headers=login("thuky"),
    )

    assert response.status_code == 409
    assert "Đang trình Hội đồng" in response.json()["detail"]


@pytest.mark.parametrize(("ids", "status"), [([], 422), ([999_999], 400)], ids=["empty", "unknown"])
def test_create_session_with_bad_agenda_is_refused(client, login, ids, status):
    response = client.post(
        f"{API}/sessions",
        json={"title": "x", "meeting_date": "2023-01-05", "nomination_ids": ids},
        headers=login("thuky"),
    )

    assert response.status_code == status


def test_create_session_with_a_repeated_nomination_is_400_and_saves_nothing(client, login):
    (nid,) = appraised_nominations(client, login("donvi1"), login("thuky"))

    response = client.post(
        f"{API}/sessions",
        json={"title": "x", "meeting_date": "2023-01-05", "nomination_ids": [nid, nid]},
        headers=login("thuky"),
    )

    assert response.status_code == 400
    status = client.get(f"/api/v1/nominations/{nid}", headers=login("thuky")).json()["status"]
    assert status == "eligible"


@pytest.mark.parametrize("username", ["hoidong01", "chutich", "donvi1", "admin"])
def test_only_the_secretariat_prepares_sessions(client, login, as_user, username):
    (nid,) = appraised_nominations(client, login("donvi1"), login("thuky"))

    response = client.post(
        f"{API}/sessions",
        json={"title": "x", "meeting_date": "2023-01-05", "nomination_ids": [nid]},
        headers=as_user(username),
    )

    assert response.status_code == 403


def test_the_chair_may_open_and_close_a_session(client, login, as_user):
    session = prepare(client, login)

    opened_ = client.post(f"{API}/sessions/{session['id']}/open", headers=as_user("chutich"))
    votes_by(client, as_user, opened_.json(), ["agree"] * 11)
    closed = client.post(f"{API}/sessions/{session['id']}/close", headers=as_user("chutich"))

    assert (opened_.status_code, closed.status_code) == (200, 200)
    assert closed.json()["status"] == "closed"


@pytest.mark.parametrize("username", ["hoidong01", "hoidong05"])
def test_a_member_who_is_not_the_chair_cannot_open_or_close(client, login, as_user, username):
    session = prepare(client, login)

    response = client.post(f"{API}/sessions/{session['id']}/open", headers=as_user(username))

    assert response.status_code == 403


def test_opening_twice_is_409(client, login):
    session = opened(client, login)

    response = client.post(f"{API}/sessions/{session['id']}/open", headers=login("thuky"))

    assert response.status_code == 409
    assert response.json()["error"] == "InvalidSessionTransition"


def test_closing_a_draft_session_is_409(client, login):
    session = prepare(client, login)

    response = close(client, login, session)

    assert response.status_code == 409


def test_closing_moves_each_nomination_to_approved_or_rejected(client, login, as_user):
    ids = appraised_nominations(client, login("donvi1"), login("thuky"), count=2)
    session = opened(client, login, ids=ids)
    pattern = [{ids[0]: "agree", ids[1]: "disagree"}] * 11
    votes_by(client, as_user, session, pattern)

    response = close(client, login, session)

    assert response.status_code == 200
    statuses = [
        client.get(f"/api/v1/nominations/{i}", headers=login("thuky")).json()["status"] for i in ids
    ]
    assert statuses == ["approved", "rejected"]
    history = client.get(f"/api/v1/nominations/{ids[0]}/history", headers=login("thuky")).json()
    assert [h["action"] for h in history][-2:] == ["put_on_agenda", "approve"]


def test_cancel_returns_the_nominations_to_eligible(client, login, as_user):
    session = opened(client, login, count=2)
    vote(client, as_user("hoidong01"), session)

    response = client.post(
        f"{API}/sessions/{session['id']}/cancel",
        json={"reason": "Hoãn phiên họp"},
        headers=login("thuky"),
    )

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    statuses = {
        client.get(f"/api/v1/nominations/{i}", headers=login("thuky")).json()["status"]
        for i in session["nomination_ids"]
    }
    assert statuses == {"eligible"}
    assert vote(client, as_user("hoidong02"), session).status_code == 409


def test_members_list_only_their_sessions_and_the_office_lists_all(client, login, as_user):
    session = prepare(client, login)

    member = client.get(f"{API}/sessions", params={"limit": 200}, headers=as_user("hoidong03"))
    outsider = client.get(f"{API}/sessions", headers=login("donvi1"))
    office = client.get(f"{API}/sessions", params={"limit": 200}, headers=login("thuky"))

    assert session["id"] in [s["id"] for s in member.json()["items"]]
    assert outsider.json() == {"items": [], "next_cursor": None}
    assert session["id"] in [s["id"] for s in office.json()["items"]]


def test_a_unit_officer_cannot_read_a_session(client, login):
    session = prepare(client, login)

    response = client.get(f"{API}/sessions/{session['id']}", headers=login("donvi1"))

    assert response.status_code == 404
