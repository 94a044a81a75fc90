"""Hostile input to the server-rendered pages and their forms (the API has its own fuzzing)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.nominations.models import Dossier, Nomination
from tests.council.helpers import HTML, sign_in
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
