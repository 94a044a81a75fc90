from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.factories import appraised_nominations, approved_nominations


def _draft(client, headers, ids, title="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2022"):
    return client.post(
        "/api/v1/decisions", json={"title": title, "nomination_ids": ids}, headers=headers
    )


def test_decision_drafted_signed_numbered_with_bonuses_and_certificates(client, db, login):
    unit, office, signer = login("donvi1"), login("thuky"), login("chutich")
    ids = approved_nominations(client, db, unit, office, count=2, award="CSTDCS")

    draft = _draft(client, office, ids)
    signed = client.post(f"/api/v1/decisions/{draft.json()['id']}/sign", headers=signer)
    certificates = client.get(
        "/api/v1/certificates", params={"decision_id": draft.json()["id"]}, headers=office
    )

    assert draft.status_code == 201
    assert draft.json()["status"] == "draft"
    assert draft.json()["number"] is None
    assert signed.status_code == 200, signed.text
    body = signed.json()
    assert re.fullmatch(r"\d+/QĐ-UBND", body["number"])
    assert body["status"] == "signed"
    assert body["signer_name"] == "Hồ Tiến Thiệu"
    # 1.0 × lương cơ sở (2,340,000 đ since 01/7/2024), rounded up to 10,000 đ.
    assert [i["bonus"] for i in body["items"]] == [2_340_000, 2_340_000]
    assert body["total_bonus"] == 4_680_000
    assert len(certificates.json()["items"]) == 2
    statuses = [
        client.get(f"/api/v1/nominations/{i}", headers=office).json()["status"] for i in ids
    ]
    assert statuses == ["decided", "decided"]


def test_decision_needs_approved_nominations(client, login):
    unit, office = login("donvi1"), login("thuky")
    ids = appraised_nominations(client, unit, office)

    response = _draft(client, office, ids)

    assert response.status_code == 409
    assert "Hội đồng thông qua" in response.json()["detail"]


def test_decision_nomination_in_two_decisions_is_409(client, db, login):
    unit, office = login("donvi1"), login("thuky")
    ids = approved_nominations(client, db, unit, office)
    _draft(client, office, ids)

    assert _draft(client, office, ids).status_code == 409


@pytest.mark.parametrize("username", ["donvi1", "hoidong01", "chutich"])
def test_decision_draft_needs_the_secretariat(client, db, login, username):
    ids = approved_nominations(client, db, login("donvi1"), login("thuky"))

    assert _draft(client, login(username), ids).status_code == 403


@pytest.mark.parametrize("username", ["thuky", "donvi1", "hoidong01", "admin"])
def test_decision_sign_needs_the_signer(client, db, login, username):
    office = login("thuky")
    decision = _draft(
        client, office, approved_nominations(client, db, login("donvi1"), office)
    ).json()

    response = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=login(username))

    assert response.status_code == 403


def test_decision_signed_twice_is_409(client, db, login):
    office, signer = login("thuky"), login("chutich")
    decision = _draft(
        client, office, approved_nominations(client, db, login("donvi1"), office)
    ).json()
    client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer)

    again = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer)

    assert again.status_code == 409


def test_decision_numbers_follow_each_other_within_a_year(client, db, login):
    office, signer = login("thuky"), login("chutich")
    numbers = []
    for _ in range(3):
        decision = _draft(
            client, office, approved_nominations(client, db, login("donvi1"), office)
        ).json()
        signed = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer).json()
        numbers.append(int(signed["number"].split("/")[0]))

    assert numbers == list(range(numbers[0], numbers[0] + 3))


def test_decision_pdf_has_number_motto_annex_and_embedded_fonts(client, db, login):
    office, signer = login("thuky"), login("chutich")
    decision = _draft(
        client, office, approved_nominations(client, db, login("donvi1"), office, count=2)
    ).json()
    signed = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer).json()

    response = client.get(f"/api/v1/decisions/{decision['id']}/pdf", headers=signer)

    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Số: {signed['number']}" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Chiến sĩ thi đua cơ sở" in text
    assert "Nguyễn Văn Thắng 0" in text
    assert "4.680.000" in text
    assert "Bốn triệu sáu trăm tám mươi nghìn đồng" in text
    assert "có tên tại Điều 1 chịu trách nhiệm" in " ".join(text.split())
    fonts = _fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts)
    assert any("Liberation" in name or "Times" in name for name, _ in fonts)


def test_decision_draft_pdf_says_draft(client, db, login):
    office = login("thuky")
    decision = _draft(
        client, office, approved_nominations(client, db, login("donvi1"), office)
    ).json()

    text = (
        PdfReader(
            io.BytesIO(
                client.get(f"/api/v1/decisions/{decision['id']}/pdf", headers=office).content
            )
        )
        .pages[0]
        .extract_text()
    )

    assert "DỰ THẢO" in text


def test_decision_pdf_of_three_awards_keeps_the_signature_on_one_page(client, db, login):
    unit, office, signer = login("donvi1"), login("thuky"), login("chutich")
    ids = []
    for award in ("CSTDCS", "LDTT", "BK_TINH"):
        ids += approved_nominations(client, db, unit, office, count=2, award=award)
    decision = _draft(client, office, ids, title="Về việc khen thưởng năm 2022").json()
    client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer)

    response = client.get(f"/api/v1/decisions/{decision['id']}/pdf", headers=signer)

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    lines = [[line.strip() for line in text.splitlines()] for text in pages]
    # The decision itself runs over two pages; the annex starts on the third.
    assert [i for i, text in enumerate(pages) if "DANH SÁCH TẬP THỂ" in text] == [2]
    assert [i for i, page in enumerate(lines) if "CHỦ TỊCH" in page] == [1]
    assert [i for i, page in enumerate(lines) if "Hồ Tiến Thiệu" in page] == [1]
    text = " ".join(" ".join(pages).split())
    assert "cá nhân có tên tại Điều 1, Điều 2 và Điều 3 chịu trách nhiệm" in text


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Điều 1"),
        (2, "Điều 1 và Điều 2"),
        (3, "Điều 1, Điều 2 và Điều 3"),
        (4, "Điều 1, Điều 2, Điều 3 và Điều 4"),
    ],
)
def test_decision_recipient_articles_name_every_award_article(count, expected):
    from app.decisions.document import _articles_text

    assert _articles_text(count) == expected


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    found = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Quyết định về việc tặng Bằng khen", "Về việc tặng Bằng khen"),
        ("QUYẾT ĐỊNH: về việc khen thưởng năm 2024", "Về việc khen thưởng năm 2024"),
        ("Về việc tặng danh hiệu", "Về việc tặng danh hiệu"),
    ],
)
def test_decision_pdf_does_not_repeat_the_word_quyet_dinh(client, db, login, title, subject):
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office, count=1)
    decision = _draft(client, office, ids, title=title).json()

    response = client.get(f"/api/v1/decisions/{decision['id']}/pdf", headers=office)

    lines = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().splitlines()
    assert subject in [line.strip() for line in lines]
    # The heading, then the subject; the word is not said again before "về việc".
    assert not any(re.match(r"(?i)quyết định\W*về", line.strip()) for line in lines)
