"""The dossier pages: a unit officer's submission and the secretariat's inbox and appraisal."""

from __future__ import annotations

import re

import pytest

from app.nominations.models import Nomination
from tests.factories import (
    MINIMAL_PDF,
    approved_nominations,
    campaign_id,
    create_dossier,
    individual,
    submitted_dossier,
)

HTML = {"accept": "text/html"}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _sign_in(client, username: str, password: str = "demo") -> None:
    client.cookies.clear()
    token = CSRF.search(client.get("/login", headers=HTML).text).group(1)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def _token(client, path: str = "/dossiers") -> str:
    return CSRF.search(client.get(path, headers=HTML).text).group(1)


def _post(client, path: str, data: dict, **kwargs):
    return client.post(
        path, data={"csrf_token": _token(client), **data}, follow_redirects=False, **kwargs
    )


def _create_dossier(client, login, title: str = "Tờ trình đề nghị khen thưởng năm 2022") -> int:
    form = client.get("/dossiers/new", headers=HTML).text
    form_key = re.search(r'name="form_key" value="([^"]+)"', form).group(1)
    response = _post(
        client,
        "/dossiers/new",
        {
            "campaign_id": campaign_id(client, login("donvi1")),
            "year": "2022",
            "title": title,
            "form_key": form_key,
        },
    )
    assert response.status_code == 303, response.text
    return int(re.fullmatch(r"/dossiers/(\d+)", response.headers["location"]).group(1))


PERSON = {
    "award_type": "CSTDCS",
    "full_name": "Nguyễn Văn Thắng",
    "gender": "nam",
    "birth_date": "05/09/1980",
    "citizen_id": "001080012345",
    "position": "Trưởng khoa Nội",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2022; có sáng kiến được công nhận.",
    "award_method": "thuong_xuyen",
}


def _add_nomination(client, dossier_id: int, **fields):
    return _post(client, f"/dossiers/{dossier_id}/nominations", {**PERSON, **fields})


def _upload(client, dossier_id: int, kind: str = "to_trinh", content: bytes = MINIMAL_PDF):
    return _post(
        client,
        f"/dossiers/{dossier_id}/attachments",
        {"kind": kind},
        files={"file": ("to-trinh.pdf", content, "application/pdf")},
    )


def test_unit_officer_submits_and_secretariat_returns_with_reason(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)

    added = _add_nomination(client, dossier_id)
    uploaded = _upload(client, dossier_id)
    draft = client.get(f"/dossiers/{dossier_id}", headers=HTML).text
    link = re.search(rf'href="(/dossiers/{dossier_id}/attachments/\d+)"', draft).group(1)
    download = client.get(link)
    submitted = _post(client, f"/dossiers/{dossier_id}/submit", {})
    after_submit = client.get(f"/dossiers/{dossier_id}", headers=HTML).text

    _sign_in(client, "thuky")
    inbox = client.get("/dossiers", headers=HTML).text
    appraisal = client.get(f"/dossiers/{dossier_id}", headers=HTML).text
    returned = _post(
        client, f"/dossiers/{dossier_id}/return", {"reason": "Thiếu biên bản họp xét của đơn vị."}
    )

    _sign_in(client, "donvi1")
    unit_list = client.get("/dossiers", headers=HTML).text
    unit_page = client.get(f"/dossiers/{dossier_id}", headers=HTML).text

    assert [added.status_code, uploaded.status_code, submitted.status_code] == [303, 303, 303]
    assert "Nguyễn Văn Thắng" in draft
    assert "Chiến sĩ thi đua cơ sở" in draft
    assert "Đang soạn" in draft
    assert (download.status_code, download.content) == (200, MINIMAL_PDF)
    assert download.headers["content-type"] == "application/pdf"
    assert "Đã gửi" in after_submit
    assert f'action="/dossiers/{dossier_id}/submit"' not in after_submit
    assert f'data-dossier-id="{dossier_id}"' in inbox
    assert "Sở Y tế" in inbox
    assert "Kiểm tra tiêu chuẩn" in appraisal
    assert 'class="check ' in appraisal
    assert "Điều" in appraisal  # each check carries its legal citation
    assert f'action="/dossiers/{dossier_id}/nominations/' in appraisal
    assert 'value="ineligible"' in appraisal
    assert returned.status_code == 303
    assert "Thiếu biên bản họp xét của đơn vị." in unit_list
    assert "Bị trả lại" in unit_list
    assert 'class="alert return-reason"' in unit_page
    assert "Thiếu biên bản họp xét của đơn vị." in unit_page
    assert "Trả lại hồ sơ" in unit_page  # the history names the return
    assert f'action="/dossiers/{dossier_id}/submit"' in unit_page  # and it may be sent again


def test_new_dossier_form_lists_active_campaigns_and_replays_a_double_submit(client, login):
    _sign_in(client, "donvi1")
    form = client.get("/dossiers/new", headers=HTML).text
    form_key = re.search(r'name="form_key" value="([^"]+)"', form).group(1)
    data = {
        "campaign_id": campaign_id(client, login("donvi1")),
        "year": "2022",
        "title": "Hồ sơ gửi hai lần",
        "form_key": form_key,
    }

    first = _post(client, "/dossiers/new", data)
    second = _post(client, "/dossiers/new", data)

    assert "bảo đảm quốc phòng, an ninh năm 2022" in form
    assert first.status_code == 303
    assert second.headers["location"] == first.headers["location"]


def test_new_dossier_with_missing_fields_shows_errors_and_keeps_input(client):
    _sign_in(client, "donvi1")

    response = _post(
        client, "/dossiers/new", {"campaign_id": "", "year": "20x2", "title": "Giữ lại tên này"}
    )

    assert response.status_code == 400
    assert "Hãy chọn một phong trào thi đua đang triển khai." in response.text
    assert "Năm đề nghị phải là một năm từ 1990 đến 2100." in response.text
    assert 'value="Giữ lại tên này"' in response.text


def test_post_without_csrf_token_is_refused(client, login):
    _sign_in(client, "donvi1")
    client.get("/dossiers", headers=HTML)

    response = client.post(
        "/dossiers/new",
        data={"campaign_id": campaign_id(client, login("donvi1")), "year": "2022", "title": "X"},
        follow_redirects=False,
    )

    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.text


def test_another_units_officer_gets_404_on_the_dossier_and_its_file(client, login):
    dossier = submitted_dossier(client, login("donvi1"))
    attachment_id = client.get(f"/api/v1/dossiers/{dossier['id']}", headers=login("donvi1")).json()[
        "attachments"
    ][0]["id"]
    _sign_in(client, "donvi2")

    page = client.get(f"/dossiers/{dossier['id']}", headers=HTML)
    download = client.get(f"/dossiers/{dossier['id']}/attachments/{attachment_id}")
    listing = client.get("/dossiers", headers=HTML)

    assert page.status_code == 404
    assert "Không tìm thấy hồ sơ." in page.text
    assert download.status_code == 404
    assert f'data-dossier-id="{dossier["id"]}"' not in listing.text


def test_nominee_name_with_markup_is_shown_escaped(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)

    _add_nomination(client, dossier_id, full_name="<script>alert(1)</script>", citizen_id="")
    page = client.get(f"/dossiers/{dossier_id}", headers=HTML).text

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_bad_citizen_id_is_refused_in_vietnamese_and_the_form_keeps_input(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)

    response = _add_nomination(client, dossier_id, citizen_id="12345")

    assert response.status_code == 400
    assert "Số căn cước công dân phải gồm đúng 12 chữ số." in response.text
    assert 'value="Nguyễn Văn Thắng"' in response.text
    assert "Hoàn thành xuất sắc nhiệm vụ năm 2022" in response.text
    assert 'id="nomination-' not in response.text  # nothing was saved


def test_collective_award_needs_a_collective_name(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)

    missing = _add_nomination(client, dossier_id, award_type="TTLDTT", collective_name="")
    added = _add_nomination(
        client,
        dossier_id,
        award_type="TTLDTT",
        collective_name="Khoa Hồi sức tích cực",
        members_total="20",
        members_completed_tasks="20",
        members_ldtt="16",
    )
    page = client.get(f"/dossiers/{dossier_id}", headers=HTML).text

    assert missing.status_code == 400
    assert "hãy nhập tên tập thể được đề nghị" in missing.text
    assert added.status_code == 303
    assert "Khoa Hồi sức tích cực" in page
    assert "Tập thể lao động tiên tiến" in page


def test_unit_officer_removes_a_nomination(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)
    _add_nomination(client, dossier_id)
    nomination_id = re.search(
        r'id="nomination-(\d+)"', client.get(f"/dossiers/{dossier_id}", headers=HTML).text
    ).group(1)

    removed = _post(client, f"/dossiers/{dossier_id}/nominations/{nomination_id}/delete", {})
    page = client.get(f"/dossiers/{dossier_id}", headers=HTML).text

    assert removed.status_code == 303
    assert "Nguyễn Văn Thắng" not in page


def test_file_that_is_not_a_pdf_is_refused_on_the_page(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)

    response = _upload(client, dossier_id, content=b"<html>not a pdf</html>")

    assert response.status_code == 415
    assert "Tệp không phải là PDF" in response.text


def test_submit_without_cover_letter_shows_the_reason(client, login):
    _sign_in(client, "donvi1")
    dossier_id = _create_dossier(client, login)
    _add_nomination(client, dossier_id)

    response = _post(client, f"/dossiers/{dossier_id}/submit", {})

    assert response.status_code == 400
    assert "Hồ sơ thiếu tờ trình" in response.text
    assert "Đang soạn" in response.text


def test_secretariat_appraises_and_needs_a_note_to_refuse(client, login):
    dossier = submitted_dossier(client, login("donvi1"))
    nomination_id = dossier["nominations"][0]["id"]
    _sign_in(client, "thuky")
    url = f"/dossiers/{dossier['id']}/nominations/{nomination_id}/appraise"

    refused = _post(client, url, {"result": "ineligible", "note": ""})
    accepted = _post(client, url, {"result": "eligible", "note": "Đủ tiêu chuẩn."})
    page = client.get(f"/dossiers/{dossier['id']}", headers=HTML).text

    assert refused.status_code == 400
    assert "hãy ghi rõ lý do" in refused.text
    assert accepted.status_code == 303
    assert "Đủ điều kiện" in page
    assert "Đủ tiêu chuẩn." in page


def test_return_without_reason_is_refused(client, login):
    dossier = submitted_dossier(client, login("donvi1"))
    _sign_in(client, "thuky")

    response = _post(client, f"/dossiers/{dossier['id']}/return", {"reason": "  "})

    assert response.status_code == 400
    assert "Hãy ghi lý do trả lại hồ sơ" in response.text
    assert "Đã gửi" in response.text


def test_duplicate_nomination_is_flagged_to_the_secretariat(client, login):
    person = individual()
    submitted_dossier(client, login("donvi1"), [person])
    second = submitted_dossier(client, login("donvi1"), [{**person}])
    _sign_in(client, "thuky")

    page = client.get(f"/dossiers/{second['id']}", headers=HTML).text

    assert "Trùng đề nghị:" in page
    assert "ở đề nghị số" in page


def test_nomination_search_can_show_only_the_flagged_duplicates(client, login):
    # Names of their own: tests that commit (live server) leave nominations behind.
    person = individual(name="Lục Văn Khải")
    first = submitted_dossier(client, login("donvi1"), [person])
    second = submitted_dossier(client, login("donvi1"), [{**person}])
    alone = submitted_dossier(client, login("donvi1"), [individual(name="Bế Thị Lan", gender="nu")])
    _sign_in(client, "thuky")

    def page(**params) -> str:
        return client.get("/nominations", params=params, headers=HTML).text

    flagged = page(q="luc van khai", duplicates_only="1")
    assert f'href="/dossiers/{alone["id"]}#' in page(q="be thi lan")
    assert f'href="/dossiers/{alone["id"]}#' not in page(q="be thi lan", duplicates_only="1")
    for dossier in (first, second):
        assert f'href="/dossiers/{dossier["id"]}#' in flagged
    assert 'name="duplicates_only" value="1" checked' in flagged


def test_admin_reads_the_dossier_without_appraise_or_return_forms(client, login):
    dossier = submitted_dossier(client, login("donvi1"))
    _sign_in(client, "admin")

    page = client.get(f"/dossiers/{dossier['id']}", headers=HTML)
    refused = _post(client, f"/dossiers/{dossier['id']}/return", {"reason": "Không được"})

    assert page.status_code == 200
    assert "Kiểm tra tiêu chuẩn" in page.text
    assert "/appraise" not in page.text
    assert f'action="/dossiers/{dossier["id"]}/return"' not in page.text
    assert refused.status_code == 403


def test_inbox_filters_by_status_and_counts(client, login):
    kept = submitted_dossier(client, login("donvi1"))
    sent_back = submitted_dossier(client, login("donvi2"))
    client.post(
        f"/api/v1/dossiers/{sent_back['id']}/return",
        json={"reason": "Bổ sung báo cáo thành tích."},
        headers=login("thuky"),
    )
    _sign_in(client, "thuky")

    returned = client.get("/dossiers", params={"status": "returned"}, headers=HTML).text

    assert f'data-dossier-id="{sent_back["id"]}"' in returned
    assert f'data-dossier-id="{kept["id"]}"' not in returned
    assert "UBND huyện Cao Lộc" in returned
    assert "Bổ sung báo cáo thành tích." in returned
    assert re.search(r'data-status="returned"[^>]*>Bị trả lại <span class="count">\d+', returned)


@pytest.mark.parametrize("query", ["nguyen van thang", "NGUYỄN VĂN THẮNG", "van thang"])
def test_nomination_search_ignores_diacritics(client, login, query):
    dossier = submitted_dossier(client, login("donvi1"))
    _sign_in(client, "thuky")

    page = client.get("/nominations", params={"q": query}, headers=HTML).text

    assert f'href="/dossiers/{dossier["id"]}#nomination-' in page
    assert "Nguyễn Văn Thắng" in page


def test_nomination_search_is_for_the_office(client):
    _sign_in(client, "donvi1")

    response = client.get("/nominations", headers=HTML)

    assert response.status_code == 403


def test_pages_without_sign_in_redirect_to_login(client):
    response = client.get("/dossiers/new", headers=HTML, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/dossiers/new"


def test_the_unit_sees_the_decision_number_and_date_of_its_decided_nominations(client, db, login):
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office, count=2)
    decision = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": ids[:1]},
        headers=office,
    ).json()
    signed = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=login("chutich"))
    number, signed_on = signed.json()["number"], signed.json()["signed_on"]
    _sign_in(client, "donvi1")

    page = client.get(f"/dossiers/{db.get(Nomination, ids[0]).dossier_id}", headers=HTML).text

    y, m, d = signed_on.split("-")
    decided = page[page.index(f'id="nomination-{ids[0]}"') :].split("</article>", 1)[0]
    waiting = page[page.index(f'id="nomination-{ids[1]}"') :].split("</article>", 1)[0]
    assert f"Quyết định số {number} ngày {d}/{m}/{y} của Chủ tịch UBND tỉnh" in decided
    assert "Quyết định số" not in waiting


def test_a_returned_dossiers_file_is_removed_from_its_page_and_a_submitted_ones_is_not(
    client, login
):
    unit = login("donvi1")
    dossier = submitted_dossier(client, unit)
    attachment = dossier["attachments"][0]
    _sign_in(client, "donvi1")

    page = client.get(f"/dossiers/{dossier['id']}", headers=HTML).text
    refused = _post(client, f"/dossiers/{dossier['id']}/attachments/{attachment['id']}/delete", {})
    client.post(
        f"/api/v1/dossiers/{dossier['id']}/return",
        json={"reason": "Tờ trình chưa ký."},
        headers=login("thuky"),
    )
    returned_page = client.get(f"/dossiers/{dossier['id']}", headers=HTML).text
    removed = _post(client, f"/dossiers/{dossier['id']}/attachments/{attachment['id']}/delete", {})
    after = client.get(f"/api/v1/dossiers/{dossier['id']}", headers=unit).json()

    assert "Xóa tệp" not in page
    assert refused.status_code == 409
    assert "Xóa tệp" in returned_page
    assert removed.status_code == 303
    assert removed.headers["location"] == f"/dossiers/{dossier['id']}#attachments"
    assert after["attachments"] == []


def test_a_draft_nomination_is_edited_in_place_and_a_submitted_one_is_not(client, login):
    unit = login("donvi1")
    draft = create_dossier(client, unit)
    nomination = draft["nominations"][0]
    path = f"/dossiers/{draft['id']}/nominations/{nomination['id']}/edit"
    _sign_in(client, "donvi1")

    page = client.get(f"/dossiers/{draft['id']}", headers=HTML).text
    edited = _post(
        client,
        path,
        {"award_type": "LDTT", "award_method": "thuong_xuyen", "achievement": "Bổ sung số liệu."},
    )
    empty = _post(client, path, {"award_type": "LDTT", "achievement": "  "})
    wrong = _post(client, path, {"award_type": "CO_TINH", "achievement": "Sai đối tượng."})
    after = client.get(f"/api/v1/nominations/{nomination['id']}", headers=unit).json()
    sent = submitted_dossier(client, unit)
    refused = _post(
        client,
        f"/dossiers/{sent['id']}/nominations/{sent['nominations'][0]['id']}/edit",
        {"award_type": "LDTT", "achievement": "Sửa sau khi gửi."},
    )

    assert "Sửa đề nghị này" in page
    assert edited.status_code == 303
    assert edited.headers["location"] == f"/dossiers/{draft['id']}#nomination-{nomination['id']}"
    assert empty.status_code == 400
    assert wrong.status_code == 400
    assert "CO_TINH" in wrong.text and "chỉ xét cho tập thể" in wrong.text
    assert (after["award_type"], after["achievement"]) == ("LDTT", "Bổ sung số liệu.")
    assert refused.status_code == 409
