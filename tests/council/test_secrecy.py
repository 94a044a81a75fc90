"""The secret ballot: nothing in the database or the API ties a member to a choice.

Eleven members cast ballots with known, pairwise distinct patterns (one of them in writing through
the secretariat). Then every row of every table and every answer of the API is searched for a
member and a choice side by side, and the storage order of the ballot rows is compared with the
order in which they were cast.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from sqlalchemy import DateTime, select, text
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.core.db import UTCDateTime
from app.council.models import Ballot, BallotChoice, Choice, Participation
from app.models import Base
from tests.conftest import IS_POSTGRES
from tests.council.helpers import API, MEMBERS, ballot, close, opened, sign_in
from tests.factories import appraised_nominations

CHOICES = {c.value for c in Choice}
USER_KEYS = {"user_id", "member_id", "actor", "actor_id", "username", "voter", "voted_by"}


def _patterns(nomination_ids: list[int]) -> list[dict[int, str]]:
    """Eleven distinct ballots over three nominations (3³ = 27 possible)."""
    combos = list(itertools.product([c.value for c in Choice], repeat=len(nomination_ids)))
    return [dict(zip(nomination_ids, combos[(i * 5) % 27], strict=True)) for i in range(11)]


def _table_ids(db: Session, model, session_id: int) -> list[str]:
    """Primary keys in storage order (no ORDER BY: what a reader of the raw table sees)."""
    # Every column and no WHERE clause: a scan of the table itself, not of an index.
    rows = db.execute(select(model.__table__)).mappings()
    return [r["id"] for r in rows if r["session_id"] == session_id]


def _cast_everything(client, login, as_user, db):
    ids = appraised_nominations(client, login("donvi1"), login("thuky"), count=3, award="BK_TINH")
    session = opened(client, login, ids=ids)
    patterns = _patterns(ids)
    member_ids = {
        u: client.get("/api/v1/auth/me", headers=as_user(u)).json()["id"] for u in MEMBERS
    }
    answers: list[Any] = [session]
    cast_rank: dict[str, int] = {}  # ballot or choice row id -> the order in which it was cast
    for rank, (username, pattern) in enumerate(zip(MEMBERS, patterns, strict=True)):
        if username == "hoidong07":  # absent: a written ballot recorded by the secretariat
            response = client.post(
                f"{API}/sessions/{session['id']}/written-ballots",
                json={"member_id": member_ids[username], **ballot(ids, pattern)},
                headers=login("thuky"),
            )
        else:
            response = client.post(
                f"{API}/sessions/{session['id']}/ballots",
                json=ballot(ids, pattern),
                headers=as_user(username),
            )
        assert response.status_code == 201, response.text
        answers.append(response.json())
        for model in (Ballot, BallotChoice):
            for row_id in _table_ids(db, model, session["id"]):
                cast_rank.setdefault(row_id, rank)
        answers.append(
            client.get(f"{API}/sessions/{session['id']}", headers=as_user(username)).json()
        )
    assert close(client, login, session).status_code == 200
    return session, ids, patterns, member_ids, answers, cast_rank


def _api_answers(client, login, as_user, session, ids, receipts) -> list[Any]:
    sid = session["id"]
    answers = []
    for username in [*MEMBERS, "thuky", "admin"]:
        headers = as_user(username)
        answers.append(client.get(f"{API}/sessions/{sid}", headers=headers).json())
        answers.append(client.get(f"{API}/sessions", headers=headers).json())
        answers.append(client.get(f"{API}/sessions/{sid}/results", headers=headers).json())
        answers.append(client.get(f"{API}/members", headers=headers).json())
    for nid in ids:
        for path in (f"/api/v1/nominations/{nid}", f"/api/v1/nominations/{nid}/history"):
            answers.append(client.get(path, headers=login("thuky")).json())
    for username, receipt in zip(MEMBERS, receipts, strict=True):
        answers.append(
            client.post(
                f"{API}/sessions/{sid}/receipts/check",
                json={"receipt": receipt},
                headers=as_user(username),
            ).json()
        )
    return answers


def _links(node: Any, member_tokens: set[str]) -> list[Any]:
    """Every JSON object that holds both a member (by key or by name) and a choice."""
    found = []
    if isinstance(node, dict):
        values = [v for v in node.values() if not isinstance(v, dict | list)]
        has_choice = any(isinstance(v, str) and v in CHOICES for v in values) or any(
            k in CHOICES for k in node
        )
        has_member = bool(USER_KEYS & set(node)) or any(
            isinstance(v, str) and v in member_tokens for v in values
        )
        if has_choice and has_member:
            found.append(node)
        for v in node.values():
            found += _links(v, member_tokens)
    elif isinstance(node, list):
        for v in node:
            found += _links(v, member_tokens)
    return found


def test_no_table_and_no_api_answer_ties_a_member_to_a_choice(client, login, as_user, db):
    session, ids, patterns, member_ids, answers, cast_rank = _cast_everything(
        client, login, as_user, db
    )
    receipts = [a["receipt"] for a in answers if isinstance(a, dict) and "receipt" in a]
    answers += _api_answers(client, login, as_user, session, ids, receipts)
    usernames = set(member_ids)
    names = {client.get("/api/v1/auth/me", headers=as_user(u)).json()["full_name"] for u in MEMBERS}
    voter_ids = set(member_ids.values())

    # 1. Every row of every table.
    offending = []
    for table in Base.metadata.sorted_tables:
        user_columns = {
            c.name
            for c in table.columns
            if any(fk.column.table.name == "users" for fk in c.foreign_keys)
        }
        if table.name == "users":
            user_columns.add("id")
        for row in db.execute(select(table)).mappings():
            cells = {
                k: json.dumps(v, default=str) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
            has_member = any(row[c] in voter_ids for c in user_columns) or any(
                isinstance(v, str) and any(t in v for t in usernames | names)
                for v in cells.values()
            )
            has_choice = any(
                isinstance(v, str) and (v in CHOICES or any(f'"{c}"' in v for c in CHOICES))
                for v in cells.values()
            )
            has_receipt = any(
                isinstance(v, str) and any(r in v for r in receipts) for v in cells.values()
            )
            if (has_member and has_choice) or has_receipt:
                offending.append((table.name, dict(row)))
    assert offending == []

    # 2. The tables that hold choices name no user and keep no time.
    for model in (Ballot, BallotChoice, Participation):
        table = model.__table__
        assert not any(fk.column.table.name == "users" for fk in table.foreign_keys) or (
            model is Participation
        )
        assert not any(isinstance(c.type, DateTime | UTCDateTime) for c in table.columns)
        assert not any(c.autoincrement is True for c in table.columns)
    assert {c.name for c in BallotChoice.__table__.columns} == {
        "id",
        "session_id",
        "nomination_id",
        "choice",
    }
    assert {c.name for c in Ballot.__table__.columns} == {"id", "session_id", "receipt_digest"}
    assert {c.name for c in Participation.__table__.columns} == {"session_id", "user_id", "written"}
    # The session row keeps when it opened and closed, never when each ballot arrived.
    assert "updated_at" not in Base.metadata.tables["council_sessions"].columns

    # 3. The audit log says who voted, never what or with which receipt.
    entries = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action.like("council.%ballot%"),
            AuditEntry.target_id == str(session["id"]),
        )
    ).all()
    assert len(entries) == 11
    assert [e.data for e in entries if e.action == "council.ballot_cast"] == [{}] * 10
    assert [e.data for e in entries if e.action == "council.written_ballot_recorded"] == [
        {"member_id": member_ids["hoidong07"]}
    ]

    # 4. No API answer puts a member and a choice in one object.
    assert _links(answers, usernames | names) == []
    assert all(
        set(a) == {"session_id", "receipt", "detail"}
        for a in answers
        if isinstance(a, dict) and "receipt" in a
    )

    # 5. Storage order says nothing about the order of casting.
    for model in (Ballot, BallotChoice):
        stored = _table_ids(db, model, session["id"])
        ranks = [cast_rank[i] for i in stored]
        assert ranks != sorted(ranks), f"{model.__tablename__} is stored in casting order"
        if not IS_POSTGRES:  # WITHOUT ROWID: the random key is the storage order
            assert stored == sorted(stored)

    # 6. And the tallies are right.
    results = {
        r["nomination_id"]: r
        for r in client.get(
            f"{API}/sessions/{session['id']}/results", headers=login("thuky")
        ).json()
    }
    for nid in ids:
        expected = {c: sum(1 for p in patterns if p[nid] == c) for c in CHOICES}
        got = {c: results[nid][c] for c in CHOICES}
        assert got == expected


def test_on_postgresql_ballot_rows_share_one_inserting_transaction(client, login, as_user, db):
    if not IS_POSTGRES:
        return  # xmin is PostgreSQL's; SQLite keeps no such column
    session = opened(client, login, count=2)
    for username in MEMBERS[:5]:
        assert (
            client.post(
                f"{API}/sessions/{session['id']}/ballots",
                json=ballot(session["nomination_ids"], "agree"),
                headers=as_user(username),
            ).status_code
            == 201
        )

    def distinct_xmin(table: str, column: str = "session_id") -> int:
        stmt = text(f"SELECT count(DISTINCT xmin::text) FROM {table} WHERE {column} = :s")
        return db.scalar(stmt, {"s": session["id"]})

    assert distinct_xmin("council_ballot_choices") == 1
    assert distinct_xmin("council_ballots") == 1
    # While who voted is written once per ballot, as the audit log says anyway.
    assert distinct_xmin("council_participations") == 5


def test_after_voting_the_ballot_page_does_not_echo_the_choices(client, login, as_user):
    session = opened(client, login, count=2)
    client.post(
        f"{API}/sessions/{session['id']}/ballots",
        json=ballot(session["nomination_ids"], "disagree"),
        headers=as_user("hoidong05"),
    )
    sign_in(client, "hoidong05")
    page = client.get(f"/council/sessions/{session['id']}", headers={"accept": "text/html"})

    assert page.status_code == 200
    assert "Bạn đã bỏ phiếu" in page.text
    assert "checked" not in page.text
    assert 'name="vote-' not in page.text
