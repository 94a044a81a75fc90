from __future__ import annotations

import pytest

from tests.factories import (
    MINIMAL_PDF,
    attach,
    collective,
    create_dossier,
    dossier_body,
    individual,
    submitted_dossier,
)


def test_dossier_created_as_draft_with_its_nominations(client, login):
    headers = login("donvi1")

    dossier = create_dossier(client, headers, [individual(), individual("LDTT", "Trần Thị Hoa")])

    assert dossier["status"] == "draft"
    assert [n["status"] for n in dossier["nominations"]] == ["draft", "draft"]
    assert [n["nominee"]["name"] for n in dossier["nominations"]] == [
        "Nguyễn Văn Thắng",
        "Trần Thị Hoa",
    ]
    assert dossier["nominations"][0]["award_type"] == "CSTDCS"


def test_a_new_row_is_created_and_updated_at_the_same_instant_and_an_edit_moves_only_updated_at(
    client, login
):
    headers = login("donvi1")
    dossier = create_dossier(client, headers, [individual(), individual("LDTT", "Trần Thị Hoa")])
    nomination_id = dossier["nominations"][0]["id"]

    edited = client.patch(
        f"/api/v1/nominations/{nomination_id}", json={"achievement": "Bổ sung."}, headers=headers
    ).json()

    for row in [dossier, *dossier["nominations"]]:
        assert row["updated_at"] == row["created_at"]
    assert edited["created_at"] == dossier["nominations"][0]["created_at"]
    assert edited["updated_at"] > edited["created_at"]


def test_dossier_with_collective_nomination(client, login):
    headers = login("donvi1")

    dossier = create_dossier(client, headers, [collective()])
    nomination_id = dossier["nominations"][0]["id"]
    eligibility = client.get(
        f"/api/v1/nominations/{nomination_id}/eligibility", headers=headers
    ).json()

    assert dossier["nominations"][0]["nominee"]["kind"] == "collective"
    assert eligibility["eligible"] is True
    assert any("70" in c["detail"] for c in eligibility["checks"])


@pytest.mark.parametrize(
    ("award", "is_collective", "detail"),
    [
        (
            "BK_TINH",
            True,
            "Đề nghị thứ 1: Bằng khen của Chủ tịch UBND tỉnh (BK_TINH) chỉ xét cho cá nhân; "
            "cho tập thể, dùng mã BK_TINH_TT (Bằng khen của Chủ tịch UBND tỉnh (tập thể)).",
        ),
        (
            "GIAY_KHEN_TT",
            False,
            "Đề nghị thứ 1: Giấy khen (tập thể) (GIAY_KHEN_TT) chỉ xét cho tập thể; "
            "cho cá nhân, dùng mã GIAY_KHEN (Giấy khen).",
        ),
        (
            "CO_TINH",
            False,
            "Đề nghị thứ 1: Cờ thi đua của UBND tỉnh (CO_TINH) chỉ xét cho tập thể.",
        ),
    ],
)
def test_an_award_for_the_other_subject_is_400_naming_the_code_to_send(
    client, login, award, is_collective, detail
):
    headers = login("donvi1")
    nomination = collective(award) if is_collective else individual(award)
    before = client.get("/api/v1/dossiers", headers=headers).json()["items"]

    response = client.post(
        "/api/v1/dossiers", json=dossier_body(client, headers, [nomination]), headers=headers
    )

    assert response.status_code == 400
    assert response.json()["detail"] == detail
    assert client.get("/api/v1/dossiers", headers=headers).json()["items"] == before


def test_dossier_submit_needs_to_trinh(client, login):
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    without = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=headers)
    attach(client, headers, dossier["id"])
    with_it = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=headers)

    assert without.status_code == 400
    assert "tờ trình" in without.json()["detail"]
    assert with_it.status_code == 200
    assert with_it.json()["status"] == "submitted"
    assert [n["status"] for n in with_it.json()["nominations"]] == ["submitted"]


def test_dossier_submit_empty_is_400(client, login):
    headers = login("donvi1")
    dossier = create_dossier(client, headers, [])
    attach(client, headers, dossier["id"])

    response = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=headers)

    assert response.status_code == 400


def test_dossier_return_with_reason_then_edit_and_resubmit(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = submitted_dossier(client, unit)
    nomination_id = dossier["nominations"][0]["id"]

    returned = client.post(
        f"/api/v1/dossiers/{dossier['id']}/return",
        json={"reason": "Thiếu biên bản họp xét."},
        headers=office,
    )
    edited = client.patch(
        f"/api/v1/nominations/{nomination_id}",
        json={"achievement": "Bổ sung thành tích."},
        headers=unit,
    )
    attach(client, unit, dossier["id"], kind="bien_ban")
    resubmitted = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=unit)
    history = client.get(f"/api/v1/nominations/{nomination_id}/history", headers=unit).json()

    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Thiếu biên bản họp xét."
    assert returned.json()["nominations"][0]["status"] == "returned"
    assert edited.status_code == 200
    assert resubmitted.json()["status"] == "submitted"
    assert [(h["action"], h["from_status"], h["to_status"]) for h in history] == [
        ("create", None, "draft"),
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("update", None, None),
        ("submit", "returned", "submitted"),
    ]
    assert history[2]["reason"] == "Thiếu biên bản họp xét."
    assert [h["actor"] for h in history] == ["donvi1", "donvi1", "thuky", "donvi1", "donvi1"]


def test_dossier_edit_after_submit_is_409_and_nothing_changes(client, login):
    headers = login("donvi1")
    dossier = submitted_dossier(client, headers)
    nomination_id = dossier["nominations"][0]["id"]

    patch = client.patch(
        f"/api/v1/nominations/{nomination_id}", json={"achievement": "Khác"}, headers=headers
    )
    add = client.post(
        f"/api/v1/dossiers/{dossier['id']}/nominations", json=individual(), headers=headers
    )
    title = client.patch(
        f"/api/v1/dossiers/{dossier['id']}", json={"title": "Khác"}, headers=headers
    )
    upload = attach(client, headers, dossier["id"])
    after = client.get(f"/api/v1/dossiers/{dossier['id']}", headers=headers).json()

    assert (patch.status_code, add.status_code, title.status_code, upload.status_code) == (
        409,
        409,
        409,
        409,
    )
    assert after["nominations"][0]["achievement"] == dossier["nominations"][0]["achievement"]
    assert len(after["nominations"]) == 1
    assert len(after["attachments"]) == 1


@pytest.mark.parametrize(
    ("mutate", "status"),
    [
        (lambda b: b["nominations"][0].update(award_type="KHONG_CO"), 400),
        (lambda b: b["nominations"][0].update(award_type="TTLDXS"), 400),
        (lambda b: b["nominations"][0]["person"].update(citizen_id="12345"), 422),
        (lambda b: b["nominations"][0].update(person_id=5), 422),
        (lambda b: b.update(campaign_id=999999), 400),
        (lambda b: b.update(year="năm nay"), 422),
        (lambda b: b["nominations"][0].pop("achievement"), 422),
        (lambda b: b.update(nominations="x"), 422),
    ],
    ids=[
        "unknown-award",
        "collective-award-for-person",
        "bad-cccd",
        "two-nominees",
        "unknown-campaign",
        "year-not-int",
        "no-achievement",
        "nominations-not-list",
    ],
)
def test_dossier_bad_input_is_4xx_and_nothing_saved(client, login, mutate, status):
    headers = login("donvi1")
    body = dossier_body(client, headers)
    mutate(body)
    before = client.get("/api/v1/dossiers", params={"status": "draft"}, headers=headers).json()[
        "items"
    ]

    response = client.post("/api/v1/dossiers", json=body, headers=headers)
    after = client.get("/api/v1/dossiers", params={"status": "draft"}, headers=headers).json()[
        "items"
    ]

    assert response.status_code == status
    assert after == before


def test_dossier_malformed_json_is_422(client, login):
    headers = {**login("donvi1"), "content-type": "application/json"}

    response = client.post("/api/v1/dossiers", content=b'{"title": ', headers=headers)

    assert response.status_code == 422


def test_dossier_nomination_of_a_person_of_another_unit_is_403(client, login):
    other_person = client.post(
        "/api/v1/people",
        json={"full_name": "Lò Văn Páo", "citizen_id": "020011112222"},
        headers=login("donvi2"),
    ).json()
    headers = login("donvi1")
    body = dossier_body(
        client,
        headers,
        [{"award_type": "LDTT", "person_id": other_person["id"], "achievement": "x"}],
    )

    response = client.post("/api/v1/dossiers", json=body, headers=headers)

    assert response.status_code == 403
    assert "đơn vị khác" in response.json()["detail"]


def test_dossier_inline_person_with_citizen_id_of_another_unit_is_403(client, login):
    client.post(
        "/api/v1/people",
        json={"full_name": "Lò Văn Páo", "citizen_id": "020011113333"},
        headers=login("donvi2"),
    )
    headers = login("donvi1")
    body = dossier_body(
        client, headers, [individual("LDTT", "Lò Văn Páo", citizen_id="020011113333")]
    )

    assert client.post("/api/v1/dossiers", json=body, headers=headers).status_code == 403


@pytest.mark.parametrize("username", ["thuky", "hoidong01", "chutich", "admin"])
def test_dossier_create_needs_a_unit_officer(client, login, username):
    headers = login(username)

    response = client.post(
        "/api/v1/dossiers", json=dossier_body(client, login("donvi1")), headers=headers
    )

    assert response.status_code == 403


def test_dossier_of_another_unit_is_404_on_every_endpoint(client, login):
    own = login("donvi1")
    dossier = create_dossier(client, own)
    nomination_id = dossier["nominations"][0]["id"]
    attachment = attach(client, own, dossier["id"]).json()
    other = login("donvi2")
    d = f"/api/v1/dossiers/{dossier['id']}"
    n = f"/api/v1/nominations/{nomination_id}"

    statuses = [
        client.get(d, headers=other).status_code,
        client.patch(d, json={"title": "x"}, headers=other).status_code,
        client.post(f"{d}/nominations", json=individual(), headers=other).status_code,
        attach(client, other, dossier["id"]).status_code,
        client.get(f"{d}/attachments/{attachment['id']}", headers=other).status_code,
        client.delete(f"{d}/attachments/{attachment['id']}", headers=other).status_code,
        client.post(f"{d}/submit", headers=other).status_code,
        client.get(f"{d}/history", headers=other).status_code,
        client.get(n, headers=other).status_code,
        client.patch(n, json={"achievement": "x"}, headers=other).status_code,
        client.delete(n, headers=other).status_code,
        client.get(f"{n}/eligibility", headers=other).status_code,
        client.get(f"{n}/history", headers=other).status_code,
    ]
    listed = client.get(
        "/api/v1/nominations", params={"unit_id": dossier["unit_id"]}, headers=other
    ).json()

    assert statuses == [404] * len(statuses)
    assert listed["items"] == []


def test_dossier_via_api_token_of_the_unit(client, login):
    token = client.post("/api/v1/api-tokens", json={"name": "HRM"}, headers=login("donvi1")).json()[
        "token"
    ]
    headers = {"Authorization": f"Bearer {token}"}

    dossier = create_dossier(client, headers)
    upload = attach(client, headers, dossier["id"])
    submitted = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=headers)

    assert upload.status_code == 201
    assert submitted.json()["status"] == "submitted"
    assert (
        client.get(f"/api/v1/dossiers/{dossier['id']}", headers=login("donvi2")).status_code == 404
    )


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"GIF89a not a pdf at all", 415),
        (b"<html><body>%PDF-1.4</body></html>", 415),
        (b"", 400),
        (MINIMAL_PDF.replace(b"%%EOF", b""), 415),
    ],
    ids=["gif", "html-claiming-pdf", "empty", "truncated"],
)
def test_attachment_must_be_a_pdf_by_content(client, login, content, status):
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    response = attach(client, headers, dossier["id"], content=content)

    assert response.status_code == status
    assert (
        client.get(f"/api/v1/dossiers/{dossier['id']}", headers=headers).json()["attachments"] == []
    )


def test_attachment_over_the_limit_is_413(client, login, monkeypatch):
    from app.core.config import get_settings

    monkeypatch.setattr(get_settings(), "max_upload_bytes", 1024)
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    response = attach(
        client, headers, dossier["id"], content=MINIMAL_PDF + b"%" * 2048 + b"\n%%EOF\n"
    )

    assert response.status_code == 413


def test_attachment_unknown_kind_is_422(client, login):
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    assert attach(client, headers, dossier["id"], kind="hinh_anh").status_code == 422


def test_attachment_downloads_as_stored(client, login):
    headers = login("donvi1")
    dossier = create_dossier(client, headers)
    attachment = attach(client, headers, dossier["id"]).json()

    response = client.get(
        f"/api/v1/dossiers/{dossier['id']}/attachments/{attachment['id']}", headers=headers
    )

    assert response.status_code == 200
    assert response.content == MINIMAL_PDF
    assert response.headers["content-type"] == "application/pdf"


def test_dossier_list_office_sees_submitted_not_drafts(client, login):
    unit = login("donvi1")
    draft = create_dossier(client, unit)
    sent = submitted_dossier(client, unit)

    office = client.get("/api/v1/dossiers", params={"limit": 200}, headers=login("thuky")).json()[
        "items"
    ]

    ids = [d["id"] for d in office]
    assert sent["id"] in ids
    assert draft["id"] not in ids


def _pdf_with_pages(n: int) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=100, height=100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_attachment_over_the_page_limit_is_413(client, login, monkeypatch):
    from app.core.config import get_settings

    monkeypatch.setattr(get_settings(), "max_upload_pages", 3)
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    ok = attach(client, headers, dossier["id"], content=_pdf_with_pages(3))
    too_many = attach(client, headers, dossier["id"], content=_pdf_with_pages(4))

    assert ok.status_code == 201
    assert too_many.status_code == 413
    assert "4 trang" in too_many.json()["detail"]


def test_attachment_broken_pdf_is_415(client, login):
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    response = attach(
        client, headers, dossier["id"], content=b"%PDF-1.7\nnot really a pdf\n%%EOF\n"
    )

    assert response.status_code == 415
    assert "hỏng" in response.json()["detail"]
