"""A collective title prints as a certificate of that title, not as a Bằng khen."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.nominations import service as nomination_service
from app.nominations.models import Nomination
from tests.factories import collective, submitted_dossier


def _signed_certificate(client, db, login, award: str) -> dict:
    unit, office, signer = login("donvi1"), login("thuky"), login("chutich")
    dossier = submitted_dossier(client, unit, [collective(award, "Phòng Kế hoạch - Tài chính")])
    nomination_id = dossier["nominations"][0]["id"]
    appraised = client.post(
        f"/api/v1/nominations/{nomination_id}/appraise", json={"result": "eligible"}, headers=office
    )
    assert appraised.status_code == 200, appraised.text
    nomination = db.get(Nomination, nomination_id)
    for action in ("put_on_agenda", "approve"):
        nomination_service.transition(db, actor=None, nomination=nomination, action=action)
    db.flush()
    decision = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": [nomination_id]},
        headers=office,
    ).json()
    assert (
        client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer).status_code == 200
    )
    listed = client.get(
        "/api/v1/certificates", params={"decision_id": decision["id"]}, headers=office
    ).json()
    return listed["items"][0]


@pytest.mark.parametrize(
    ("award", "title"),
    [("TTLDXS", "Tập thể lao động xuất sắc"), ("CO_TINH", "Cờ thi đua của UBND tỉnh")],
)
def test_a_collective_title_prints_the_title_not_a_bang_khen(client, db, login, award, title):
    certificate = _signed_certificate(client, db, login, award)

    pdf = client.get(f"/api/v1/certificates/{certificate['id']}/pdf", headers=login("thuky"))
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())

    assert certificate["kind"] == "chung_nhan_cstd"
    assert "BẰNG CHỨNG NHẬN" in text
    assert f"Đạt danh hiệu {title}" in text
    assert "Phòng Kế hoạch - Tài chính" in text
    assert "BẰNG KHEN" not in text
