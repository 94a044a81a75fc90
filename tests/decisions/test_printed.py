"""A signed decision prints, and reads, as it was signed: later edits of the people, units,
awards or the province setting do not rewrite it; a draft shows the data of the day."""

from __future__ import annotations

import io

from pypdf import PdfReader

from app.awards.models import AwardType
from app.core.config import get_settings
from app.nominations.models import Nomination
from app.people.models import Person
from tests.factories import approved_nominations


def _pdf_text(client, headers, decision_id: int) -> str:
    response = client.get(f"/api/v1/decisions/{decision_id}/pdf", headers=headers)
    assert response.status_code == 200
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def _decision(client, db, login, *, sign: bool) -> tuple[int, Nomination]:
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office, count=1)
    created = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": ids},
        headers=office,
    ).json()["id"]
    if sign:
        signed = client.post(f"/api/v1/decisions/{created}/sign", headers=login("chutich"))
        assert signed.status_code == 200
    return created, db.get(Nomination, ids[0])


def _edit_everything(db, monkeypatch, nomination: Nomination) -> None:
    person = db.get(Person, nomination.person_id)
    person.full_name = "Nguyễn Văn Đổi Tên"
    person.position = "Phó Giám đốc"
    db.get(AwardType, nomination.award_type_id).name = "Danh hiệu đã đổi tên"
    db.flush()
    monkeypatch.setattr(get_settings(), "province_name", "Cao Bằng")


def test_a_signed_decision_keeps_what_it_printed(client, db, login, monkeypatch):
    decision_id, nomination = _decision(client, db, login, sign=True)
    signer = login("chutich")
    before = client.get(f"/api/v1/decisions/{decision_id}", headers=signer).json()["items"][0]

    _edit_everything(db, monkeypatch, nomination)
    text = _pdf_text(client, signer, decision_id)
    after = client.get(f"/api/v1/decisions/{decision_id}", headers=signer).json()["items"][0]

    assert after == before
    assert after["recipient"] == "Nguyễn Văn Thắng 0"
    assert after["award_name"] == "Chiến sĩ thi đua cơ sở"
    assert "TỈNH LẠNG SƠN" in text and "Cao Bằng" not in text.title()
    assert "Nguyễn Văn Thắng 0" in text and "Đổi Tên" not in text
    assert "Chiến sĩ thi đua cơ sở" in text and "đã đổi tên" not in text


def test_a_draft_shows_the_data_of_the_day(client, db, login, monkeypatch):
    decision_id, nomination = _decision(client, db, login, sign=False)
    office = login("thuky")

    _edit_everything(db, monkeypatch, nomination)
    text = _pdf_text(client, office, decision_id)
    item = client.get(f"/api/v1/decisions/{decision_id}", headers=office).json()["items"][0]

    assert item["recipient"] == "Nguyễn Văn Đổi Tên"
    assert item["award_name"] == "Danh hiệu đã đổi tên"
    assert "TỈNH CAO BẰNG" in text
    assert "Nguyễn Văn Đổi Tên" in text
