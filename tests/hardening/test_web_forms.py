"""Hostile input to the server-rendered pages and their forms (the API has its own fuzzing)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.council.models import Ballot, BallotChoice, CouncilSession, Participation
from app.council.schemas import MAX_AGENDA
from app.nominations.models import Dossier, Nomination
from tests.council.helpers import HTML, opened, sign_in
from tests.factories import campaign_id, create_dossier

# Digits to ``str.isdigit`` that ``int`` does not read: a superscript two, a circled one.
NOT_NUMBERS = ["²", "①", "1²"]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_unicode_digit_in_a_list_filter_is_ignored(client, value):
    sign_in(client, "donvi1")

    for query in (f"campaign_id={value}", f"year={value}"):
        response = client.get(f"/dossiers?{query}", headers=HTML)

        assert response.status_code == 200, query


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_unicode_digit_in_the_new_dossier_form_is_refused(client, login, db, value):
    token = sign_in(client, "donvi1")
    campaign = str(campaign_id(client, login("donvi1")))
    before = db.scalar(select(func.count()).select_from(Dossier))

    for field, form in (
        ("campaign_id", {"campaign_id": value, "year": "2022"}),
        ("year", {"campaign_id": campaign, "year": value}),
    ):
        response = client.post(
            "/dossiers/new",
            data={"csrf_token": token, "title": "Tờ trình", **form},
            headers=HTML,
            follow_redirects=False,
        )

        assert response.status_code == 400, field
    assert db.scalar(select(func.count()).select_from(Dossier)) == before


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_unicode_digit_in_a_collective_member_count_is_refused(client, login, db, value):
    dossier = create_dossier(client, login("donvi1"))
    token = sign_in(client, "donvi1")
    before = db.scalar(select(func.count()).select_from(Nomination))

    response = client.post(
        f"/dossiers/{dossier['id']}/nominations",
        data={
            "csrf_token": token,
            "award_type": "TTLDXS",
            "collective_name": "Khoa Nội",
            "members_total": value,
            "achievement": "Hoàn thành xuất sắc nhiệm vụ.",
        },
        headers=HTML,
        follow_redirects=False,
    )

    assert response.status_code == 400
    assert "phải là số nguyên không âm" in response.text
    assert db.scalar(select(func.count()).select_from(Nomination)) == before


def _counts(db, *models) -> list[int]:
    return [db.scalar(select(func.count()).select_from(m)) for m in models]


@pytest.mark.parametrize("field", ["vote-²", "vote-①", "vote-" + "1" * 5000])
def test_a_ballot_field_naming_no_number_is_refused_and_nothing_is_cast(client, login, db, field):
    session = opened(client, login)
    votes = {f"vote-{n}": "agree" for n in session["nomination_ids"]}
    before = _counts(db, Ballot, BallotChoice, Participation)

    token = sign_in(client, "hoidong01")
    online = client.post(
        f"/council/sessions/{session['id']}/ballot",
        data={"csrf_token": token, **votes, field: "agree"},
        headers=HTML,
    )
    token = sign_in(client, "thuky")
    member_id = db.scalar(select(User.id).where(User.username == "hoidong02"))
    written = client.post(
        f"/council/sessions/{session['id']}/written-ballot",
        data={"csrf_token": token, "member_id": member_id, **votes, field: "agree"},
        headers=HTML,
    )

    for response in (online, written):
        assert response.status_code == 400
        assert "Phiếu có lựa chọn không hợp lệ." in response.text
    assert _counts(db, Ballot, BallotChoice, Participation) == before


def test_a_session_form_with_more_nominations_than_an_agenda_holds_is_refused(client, db):
    token = sign_in(client, "thuky")
    before = _counts(db, CouncilSession)

    response = client.post(
        "/council/sessions",
        data={
            "csrf_token": token,
            "title": "Phiên họp xét khen thưởng",
            "meeting_date": "2023-01-05",
            "nomination_ids": [str(i) for i in range(1, MAX_AGENDA + 2)],
        },
        headers=HTML,
        follow_redirects=False,
    )

    assert response.status_code == 400
    assert f"tối đa {MAX_AGENDA} đề nghị" in response.text
    assert _counts(db, CouncilSession) == before
