"""Casting ballots: every refusal, written ballots, receipts. Nothing is half-saved."""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import Role, UserRole
from app.council.models import Ballot, BallotChoice, Participation
from tests.council.helpers import API, MEMBERS, ballot, close, opened, prepare, vote, votes_by
from tests.factories import appraised_nominations


def _box(db, session_id: int) -> tuple[int, int, int]:
    """(participations, ballots, choices) of a session."""
    return tuple(
        db.scalar(select(func.count()).select_from(m).where(m.session_id == session_id))
        for m in (Participation, Ballot, BallotChoice)
    )


def test_a_member_casts_a_ballot_and_gets_a_receipt(client, login, as_user, db):
    session = opened(client, login, count=2)

    response = vote(client, as_user("hoidong04"), session)

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"session_id", "receipt", "detail"}
    assert len(body["receipt"].replace("-", "")) == 20
    me = client.get("/api/v1/auth/me", headers=as_user("hoidong04")).json()["id"]
    after = client.get(f"{API}/sessions/{session['id']}", headers=login("thuky")).json()
    assert (after["voted"], after["voted_count"]) == ([me], 1)
    assert _box(db, session["id"]) == (1, 1, 2)


def test_a_second_ballot_from_the_same_member_is_409(client, login, as_user, db):
    session = opened(client, login)
    vote(client, as_user("hoidong01"), session, "agree")

    again = vote(client, as_user("hoidong01"), session, "disagree")

    assert again.status_code == 409
    assert again.json()["error"] == "BallotAlreadyCast"
    assert "một lần" in again.json()["detail"]
    assert _box(db, session["id"]) == (1, 1, 1)


def test_a_ballot_before_the_session_opens_is_409(client, login, as_user, db):
    session = prepare(client, login)

    response = vote(client, as_user("hoidong01"), session)

    assert response.status_code == 409
    assert response.json()["error"] == "SessionNotOpen"
    assert "chưa mở" in response.json()["detail"]
    assert _box(db, session["id"]) == (0, 0, 0)


def test_a_ballot_after_the_session_closed_is_409(client, login, as_user, db):
    session = opened(client, login)
    votes_by(client, as_user, session, ["agree"] * 10)
    close(client, login, session)

    response = vote(client, as_user("hoidong10"), session)

    assert response.status_code == 409
    assert response.json()["error"] == "SessionNotOpen"
    assert "đã kết thúc" in response.json()["detail"]
    assert _box(db, session["id"]) == (10, 10, 10)


def test_a_ballot_with_a_nomination_not_on_the_agenda_is_409_and_saves_nothing(
    client, login, as_user, db
):
    session = opened(client, login)
    (other,) = appraised_nominations(client, login("donvi1"), login("thuky"))
    body = ballot(session["nomination_ids"])
    body["votes"].append({"nomination_id": other, "choice": "agree"})

    response = client.post(
        f"{API}/sessions/{session['id']}/ballots", json=body, headers=as_user("hoidong02")
    )

    assert response.status_code == 409
    assert response.json()["error"] == "NotOnAgenda"
    assert str(other) in response.json()["detail"]
    assert _box(db, session["id"]) == (0, 0, 0)
    assert vote(client, as_user("hoidong02"), session).status_code == 201


def test_a_vote_by_someone_outside_the_council_is_403(client, login, as_user, db):
    session = opened(client, login)

    responses = [vote(client, as_user(u), session) for u in ("thuky", "donvi1", "admin")]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert responses[0].json()["error"] == "NotACouncilMember"
    assert _box(db, session["id"]) == (0, 0, 0)


def test_a_vote_by_a_member_whose_term_began_after_the_session_opened_is_403(
    client, login, as_user, db
):
    session = opened(client, login)
    user_id = client.get("/api/v1/auth/me", headers=as_user("thuky")).json()["id"]
    # The secretariat officer is given a council role and a term only now.
    db.add(UserRole(user_id=user_id, role=Role.COUNCIL_MEMBER))
    db.commit()  # a savepoint: a refused request in between must not roll it back
    added = client.post(f"{API}/members", json={"user_id": user_id}, headers=login("admin"))

    response = vote(client, as_user("thuky"), session)

    assert added.status_code == 201
    assert response.status_code == 403


def test_a_ballot_that_misses_a_nomination_is_400_and_saves_nothing(client, login, as_user, db):
    session = opened(client, login, count=3)
    first, second, third = session["nomination_ids"]
    body = {"votes": [{"nomination_id": first, "choice": "agree"}]}

    response = client.post(
        f"{API}/sessions/{session['id']}/ballots", json=body, headers=as_user("hoidong03")
    )

    assert response.status_code == 400
    assert response.json()["error"] == "InvalidBallot"
    assert f"{second}, {third}" in response.json()["detail"]
    assert _box(db, session["id"]) == (0, 0, 0)


def test_a_ballot_that_chooses_twice_for_one_nomination_is_400(client, login, as_user, db):
    session = opened(client, login)
    (nid,) = session["nomination_ids"]
    body = {
        "votes": [
            {"nomination_id": nid, "choice": "agree"},
            {"nomination_id": nid, "choice": "disagree"},
        ]
    }

    response = client.post(
        f"{API}/sessions/{session['id']}/ballots", json=body, headers=as_user("hoidong03")
    )

    assert response.status_code == 400
    assert "hơn một lựa chọn" in response.json()["detail"]
    assert _box(db, session["id"]) == (0, 0, 0)


def test_an_empty_ballot_is_400_and_an_unknown_choice_is_422(client, login, as_user):
    session = opened(client, login)
    url = f"{API}/sessions/{session['id']}/ballots"
    (nid,) = session["nomination_ids"]

    empty = client.post(url, json={"votes": []}, headers=as_user("hoidong03"))
    unknown = client.post(
        url,
        json={"votes": [{"nomination_id": nid, "choice": "yes"}]},
        headers=as_user("hoidong03"),
    )

    assert (empty.status_code, unknown.status_code) == (400, 422)


def test_a_ballot_for_a_missing_session_is_404(client, as_user):
    response = client.post(
        f"{API}/sessions/2147483647/ballots", json={"votes": []}, headers=as_user("hoidong01")
    )

    assert response.status_code == 404


# ---------------------------------------------------------------------------- written ballots


def test_the_secretariat_records_a_written_ballot_that_counts_like_any_other(
    client, login, as_user
):
    session = opened(client, login)
    absent = client.get("/api/v1/auth/me", headers=as_user("hoidong10")).json()["id"]
    votes_by(client, as_user, session, ["agree"] * 7)

    written = client.post(
        f"{API}/sessions/{session['id']}/written-ballots",
        json={"member_id": absent, **ballot(session["nomination_ids"], "agree")},
        headers=login("thuky"),
    )
    closed = close(client, login, session)
    results = client.get(f"{API}/sessions/{session['id']}/results", headers=login("thuky"))

    assert written.status_code == 201
    assert written.json()["receipt"]
    assert closed.status_code == 200
    assert closed.json()["voted_count"] == 8
    assert closed.json()["written_count"] == 1
    details = {m["user_id"]: m for m in closed.json()["member_details"]}
    assert details[absent]["in_writing"] is True
    assert results.json()[0]["agree"] == 8


def test_a_member_who_sent_a_written_ballot_cannot_vote_again(client, login, as_user):
    session = opened(client, login)
    member = client.get("/api/v1/auth/me", headers=as_user("hoidong06")).json()["id"]
    client.post(
        f"{API}/sessions/{session['id']}/written-ballots",
        json={"member_id": member, **ballot(session["nomination_ids"])},
        headers=login("thuky"),
    )

    response = vote(client, as_user("hoidong06"), session)

    assert response.status_code == 409


def test_a_written_ballot_for_a_non_member_is_400_and_needs_the_secretariat(client, login, as_user):
    session = opened(client, login)
    outsider = client.get("/api/v1/auth/me", headers=login("donvi1")).json()["id"]
    member = client.get("/api/v1/auth/me", headers=as_user("hoidong06")).json()["id"]
    url = f"{API}/sessions/{session['id']}/written-ballots"

    not_member = client.post(
        url,
        json={"member_id": outsider, **ballot(session["nomination_ids"])},
        headers=login("thuky"),
    )
    by_member = client.post(
        url,
        json={"member_id": member, **ballot(session["nomination_ids"])},
        headers=as_user("hoidong05"),
    )

    assert not_member.status_code == 400
    assert by_member.status_code == 403


def test_a_written_ballot_after_closing_is_409(client, login, as_user):
    session = opened(client, login)
    votes_by(client, as_user, session, ["agree"] * 8)
    close(client, login, session)
    member = client.get("/api/v1/auth/me", headers=as_user("hoidong10")).json()["id"]

    response = client.post(
        f"{API}/sessions/{session['id']}/written-ballots",
        json={"member_id": member, **ballot(session["nomination_ids"])},
        headers=login("thuky"),
    )

    assert response.status_code == 409


# ---------------------------------------------------------------------------- receipts


def test_a_receipt_shows_the_ballot_in_the_box_then_counted(client, login, as_user):
    session = opened(client, login)
    receipts = votes_by(client, as_user, session, ["agree"] * 8)
    url = f"{API}/sessions/{session['id']}/receipts/check"
    mine = receipts[3]["receipt"]

    before = client.post(url, json={"receipt": mine}, headers=as_user(MEMBERS[3]))
    close(client, login, session)
    after = client.post(url, json={"receipt": mine.lower()}, headers=as_user(MEMBERS[3]))
    wrong = client.post(url, json={"receipt": "AAAA-BBBB"}, headers=as_user(MEMBERS[3]))

    assert before.status_code == 200
    assert (before.json()["found"], before.json()["counted"]) == (True, False)
    assert after.status_code == 200
    assert after.json()["counted"] is True
    assert after.json()["ballots_total"] == 8
    assert wrong.status_code == 404


def test_a_receipt_of_one_session_is_unknown_in_another(client, login, as_user):
    first = opened(client, login)
    second = opened(client, login)
    receipt = vote(client, as_user("hoidong01"), first).json()["receipt"]

    response = client.post(
        f"{API}/sessions/{second['id']}/receipts/check",
        json={"receipt": receipt},
        headers=as_user("hoidong01"),
    )

    assert response.status_code == 404
