"""Races against a real server (real commits): eleven members voting at the same instant, and
one member sending the same ballot many times at once. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.council.helpers import MEMBERS, live_open_session, live_token

pytestmark = pytest.mark.slow


def _all_at_once(requests: list) -> list[httpx.Response]:
    """Run the callables in threads released by one barrier."""
    barrier = threading.Barrier(len(requests))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(run, requests))


def test_eleven_members_voting_at_the_same_instant_give_eleven_ballots(live_server):
    with httpx.Client(base_url=live_server, timeout=60) as http:
        session = live_open_session(http, count=2)
        first, second = session["nomination_ids"]
        headers = {u: live_token(http, u) for u in MEMBERS}
    # Member i agrees on the first nomination; the second gets 7 agree, 4 disagree.
    bodies = {
        u: {
            "votes": [
                {"nomination_id": first, "choice": "agree"},
                {"nomination_id": second, "choice": "agree" if i < 7 else "disagree"},
            ]
        }
        for i, u in enumerate(MEMBERS)
    }
    url = f"{live_server}/api/v1/council/sessions/{session['id']}/ballots"

    def cast(username):
        return lambda: httpx.post(url, json=bodies[username], headers=headers[username], timeout=60)

    responses = _all_at_once([cast(u) for u in MEMBERS])

    assert [r.status_code for r in responses] == [201] * 11
    assert len({r.json()["receipt"] for r in responses}) == 11
    with httpx.Client(base_url=live_server, timeout=60) as http:
        office = live_token(http, "thuky")
        state = http.get(f"/api/v1/council/sessions/{session['id']}", headers=office).json()
        closed = http.post(f"/api/v1/council/sessions/{session['id']}/close", headers=office)
        results = http.get(
            f"/api/v1/council/sessions/{session['id']}/results", headers=office
        ).json()
    assert state["voted_count"] == 11
    assert sorted(state["voted"]) == sorted(state["members"])
    assert closed.status_code == 200, closed.text
    counts = {r["nomination_id"]: (r["agree"], r["disagree"], r["abstain"]) for r in results}
    assert counts == {first: (11, 0, 0), second: (7, 4, 0)}
    assert [r["passed"] for r in results] == [True, False]  # 7/11 = 63.6 % < 70 %


def test_one_member_sending_ten_ballots_at_once_gets_exactly_one_counted(live_server):
    with httpx.Client(base_url=live_server, timeout=60) as http:
        session = live_open_session(http, count=1)
        member = live_token(http, "hoidong05")
    (nid,) = session["nomination_ids"]
    url = f"{live_server}/api/v1/council/sessions/{session['id']}/ballots"
    body = {"votes": [{"nomination_id": nid, "choice": "agree"}]}

    responses = _all_at_once(
        [lambda: httpx.post(url, json=body, headers=member, timeout=60) for _ in range(10)]
    )

    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 9
    with httpx.Client(base_url=live_server, timeout=60) as http:
        office = live_token(http, "thuky")
        state = http.get(f"/api/v1/council/sessions/{session['id']}", headers=office).json()
        receipts = [r.json()["receipt"] for r in responses if r.status_code == 201]
        check = http.post(
            f"/api/v1/council/sessions/{session['id']}/receipts/check",
            json={"receipt": receipts[0]},
            headers=member,
        ).json()
    assert state["voted_count"] == 1
    assert check["ballots_total"] == 1


def test_closing_while_members_vote_never_loses_or_half_counts_a_ballot(live_server):
    with httpx.Client(base_url=live_server, timeout=60) as http:
        session = live_open_session(http, count=1)
        headers = {u: live_token(http, u) for u in MEMBERS}
        office = live_token(http, "thuky")
    (nid,) = session["nomination_ids"]
    base = f"{live_server}/api/v1/council/sessions/{session['id']}"
    body = {"votes": [{"nomination_id": nid, "choice": "agree"}]}
    for username in MEMBERS[:8]:  # the quorum has voted
        assert (
            httpx.post(f"{base}/ballots", json=body, headers=headers[username]).status_code == 201
        )

    late = [
        (lambda u=u: httpx.post(f"{base}/ballots", json=body, headers=headers[u], timeout=60))
        for u in MEMBERS[8:]
    ]
    responses = _all_at_once([*late, lambda: httpx.post(f"{base}/close", headers=office)])

    *ballots, closed = responses
    assert closed.status_code == 200, closed.text
    accepted = sum(1 for r in ballots if r.status_code == 201)
    assert all(r.status_code in (201, 409) for r in ballots)
    results = httpx.get(f"{base}/results", headers=office).json()
    state = httpx.get(base, headers=office).json()
    assert results[0]["agree"] == 8 + accepted == state["voted_count"]
