"""Results: thresholds counted on the whole membership, exact at their edges, and the quorum."""

from __future__ import annotations

import pytest

from app.core.config import get_settings
from app.council import policies
from tests.council.helpers import API, MEMBERS, close, opened, prepare, votes_by
from tests.factories import appraised_nominations


def _results(client, login, session) -> list[dict]:
    response = client.get(f"{API}/sessions/{session['id']}/results", headers=login("thuky"))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("agree", "passed"),
    [(11, True), (10, True), (9, False), (0, False)],
    ids=["11/11", "10/11 = 90.9 %", "9/11 = 81.8 %", "0/11"],
)
def test_provincial_emulation_fighter_needs_90_percent_of_the_whole_council(
    client, login, as_user, agree, passed
):
    session = opened(client, login, award="CSTD_TINH")
    votes_by(client, as_user, session, ["agree"] * agree + ["disagree"] * (11 - agree))

    assert close(client, login, session).status_code == 200
    (result,) = _results(client, login, session)

    assert result["threshold"] == 0.9
    assert (result["agree"], result["disagree"], result["abstain"]) == (agree, 11 - agree, 0)
    assert result["members_total"] == 11
    assert result["agree_ratio"] == agree / 11
    assert result["passed"] is passed


@pytest.mark.parametrize(
    ("agree", "passed"), [(8, True), (7, False)], ids=["8/11 = 72.7 %", "7/11 = 63.6 %"]
)
def test_base_emulation_fighter_needs_70_percent(client, login, as_user, agree, passed):
    session = opened(client, login, award="CSTDCS")
    votes_by(client, as_user, session, ["agree"] * agree + ["abstain"] * (11 - agree))

    close(client, login, session)
    (result,) = _results(client, login, session)

    assert result["threshold"] == 0.7
    assert (result["agree"], result["abstain"]) == (agree, 11 - agree)
    assert result["passed"] is passed


def test_the_ratio_counts_absent_members_not_only_those_who_voted(client, login, as_user):
    # 8 of 11 vote, all agree: 100 % of those present, 72.7 % of the council.
    ids_90 = appraised_nominations(client, login("donvi1"), login("thuky"), award="CSTD_TINH")
    ids_70 = appraised_nominations(client, login("donvi1"), login("thuky"), award="CSTDCS")
    session = opened(client, login, ids=ids_90 + ids_70)
    votes_by(client, as_user, session, ["agree"] * 8)

    close(client, login, session)
    by_id = {r["nomination_id"]: r for r in _results(client, login, session)}

    assert by_id[ids_90[0]]["agree_ratio"] == 8 / 11
    assert by_id[ids_90[0]]["passed"] is False
    assert by_id[ids_70[0]]["passed"] is True


def test_seven_of_ten_passes_seventy_percent_exactly(client, login, as_user):
    # 0.7 * 10 == 7.000000000000001 in floating point: a float comparison would fail this.
    terms = client.get(f"{API}/members", headers=login("thuky")).json()
    leaving = next(t for t in terms if t["username"] == "hoidong10")
    ended = client.post(
        f"{API}/members/{leaving['id']}/end",
        json={"valid_to": "2022-12-31"},
        headers=login("admin"),
    )
    session = opened(client, login, award="CSTDCS")
    votes_by(client, as_user, session, ["agree"] * 7 + ["disagree"] * 3)

    close(client, login, session)
    (result,) = _results(client, login, session)

    assert ended.status_code == 200
    assert result["members_total"] == 10
    assert (result["agree"], result["passed"]) == (7, True)


@pytest.mark.parametrize(
    ("agree", "total", "threshold", "passed"),
    [
        (10, 11, 0.9, True),
        (9, 11, 0.9, False),
        (9, 10, 0.9, True),
        (7, 10, 0.7, True),
        (69, 100, 0.7, False),
        (14, 20, 0.7, True),
        (2, 3, 2 / 3, True),
        (18, 20, 0.9, True),
        (17, 20, 0.9, False),
        (0, 0, 0.7, False),
    ],
)
def test_threshold_arithmetic_is_exact(agree, total, threshold, passed):
    assert policies.passes(agree, total, threshold) is passed


@pytest.mark.parametrize(
    ("voted", "total", "reached", "needed"),
    [(8, 11, True, 8), (7, 11, False, 8), (8, 12, True, 8), (7, 12, False, 8), (2, 3, True, 2)],
)
def test_quorum_of_two_thirds(voted, total, reached, needed):
    assert policies.quorum_reached(voted, total, 2 / 3) is reached
    assert policies.quorum_needed(total, 2 / 3) == needed


def test_close_without_quorum_is_409_and_changes_nothing(client, login, as_user):
    session = opened(client, login)
    votes_by(client, as_user, session, ["agree"] * 7)

    response = close(client, login, session)

    assert response.status_code == 409
    assert response.json()["error"] == "QuorumNotReached"
    assert "7/11" in response.json()["detail"] and "8" in response.json()["detail"]
    after = client.get(f"{API}/sessions/{session['id']}", headers=login("thuky")).json()
    assert after["status"] == "open"
    nomination = client.get(
        f"/api/v1/nominations/{session['nomination_ids'][0]}", headers=login("thuky")
    ).json()
    assert nomination["status"] == "in_council"


def test_close_with_exactly_the_quorum_succeeds(client, login, as_user):
    session = opened(client, login)
    votes_by(client, as_user, session, [None, None, None] + ["agree"] * 8)

    response = close(client, login, session)

    assert response.status_code == 200
    assert response.json()["voted_count"] == 8
    assert response.json()["quorum_reached"] is True


def test_the_quorum_is_a_setting(client, login, as_user, monkeypatch):
    monkeypatch.setattr(get_settings(), "council_quorum", 0.5)
    session = opened(client, login)
    votes_by(client, as_user, session, ["agree"] * 6)

    response = close(client, login, session)

    assert response.status_code == 200
    assert response.json()["quorum"] == 0.5


def test_results_before_closing_are_409(client, login, as_user):
    session = opened(client, login)
    votes_by(client, as_user, session, ["agree"] * 11)

    response = client.get(f"{API}/sessions/{session['id']}/results", headers=as_user("chutich"))

    assert response.status_code == 409
    assert response.json()["error"] == "ResultsNotReady"


def test_members_read_the_results_after_closing(client, login, as_user):
    session = opened(client, login, count=2)
    votes_by(client, as_user, session, ["agree"] * 11)
    close(client, login, session)

    answers = [
        client.get(f"{API}/sessions/{session['id']}/results", headers=as_user(u)) for u in MEMBERS
    ]

    assert {a.status_code for a in answers} == {200}
    assert [r["nomination_id"] for r in answers[0].json()] == session["nomination_ids"]
    assert set(answers[0].json()[0]) >= {
        "nomination_id",
        "agree",
        "disagree",
        "abstain",
        "members_total",
        "agree_ratio",
        "threshold",
        "passed",
    }


def test_a_draft_session_has_no_results(client, login):
    session = prepare(client, login)

    response = client.get(f"{API}/sessions/{session['id']}/results", headers=login("thuky"))

    assert response.status_code == 409
