"""The council's web pages: the ballot, the receipt, the results; the secretariat's desk."""

from __future__ import annotations

import re

from app.council.models import Choice
from tests.council.helpers import (
    API,
    HTML,
    MEMBERS,
    close,
    opened,
    prepare,
    sign_in,
    vote,
    votes_by,
)
from tests.factories import appraised_nominations


def _receipt(page_text: str) -> str:
    return re.search(r'data-receipt="([^"]+)"', page_text).group(1)


def test_council_pages_need_sign_in(client):
    response = client.get("/council", headers=HTML, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/council"


def test_a_member_sees_the_sessions_they_sit_in_with_links(client, login):
    session = prepare(client, login)
    sign_in(client, "hoidong02")

    page = client.get("/council", headers=HTML)

    assert page.status_code == 200
    assert f'href="/council/sessions/{session["id"]}"' in page.text
    assert "Phiên họp xét khen thưởng năm 2022" in page.text


def test_the_ballot_form_has_one_radio_group_per_nomination_and_one_submit(client, login):
    session = opened(client, login, count=3)
    sign_in(client, "hoidong01")

    page = client.get(f"/council/sessions/{session['id']}", headers=HTML)

    form = re.search(r'<form[^>]*id="ballot".*?</form>', page.text, re.S).group(0)
    for nid in session["nomination_ids"]:
        values = re.findall(rf'name="vote-{nid}" value="(\w+)"', form)
        assert values == [c.value for c in Choice]
    assert form.count('type="submit"') == 1
    assert 'name="csrf_token"' in form
    # What a member reads before voting: nominee, award, summary, attachments, eligibility.
    assert "Chiến sĩ thi đua cơ sở" in form
    assert "Tóm tắt thành tích" in form and "Hoàn thành xuất sắc nhiệm vụ năm 2022" in form
    assert re.search(rf'href="/council/sessions/{session["id"]}/attachments/\d+"', form)
    assert "Kiểm tra tiêu chuẩn" in form and "Điều" in form
    assert 'href="/static/council.css"' in page.text


def test_a_member_votes_in_the_browser_form_and_sees_the_receipt(client, login, as_user):
    session = opened(client, login, count=2)
    token = sign_in(client, "hoidong03")
    data = {f"vote-{n}": "agree" for n in session["nomination_ids"]} | {"csrf_token": token}

    response = client.post(f"/council/sessions/{session['id']}/ballot", data=data, headers=HTML)

    assert response.status_code == 201
    receipt = _receipt(response.text)
    check = client.post(
        f"{API}/sessions/{session['id']}/receipts/check",
        json={"receipt": receipt},
        headers=as_user("hoidong03"),
    )
    assert check.status_code == 200
    again = client.post(f"/council/sessions/{session['id']}/ballot", data=data, headers=HTML)
    assert again.status_code == 409
    assert "một lần" in again.text


def test_an_incomplete_form_is_shown_again_with_the_reason_and_the_choices_kept(client, login):
    session = opened(client, login, count=2)
    first, second = session["nomination_ids"]
    token = sign_in(client, "hoidong03")

    response = client.post(
        f"/council/sessions/{session['id']}/ballot",
        data={f"vote-{first}": "disagree", "csrf_token": token},
        headers=HTML,
    )

    assert response.status_code == 400
    assert f"chưa có lựa chọn cho đề nghị số {second}" in response.text
    assert re.search(rf'name="vote-{first}" value="disagree" required checked', response.text)
    state = client.get(f"{API}/sessions/{session['id']}", headers=login("thuky")).json()
    assert state["voted_count"] == 0


def test_a_ballot_form_without_the_csrf_token_is_refused(client, login):
    session = opened(client, login)
    sign_in(client, "hoidong03")

    response = client.post(
        f"/council/sessions/{session['id']}/ballot",
        data={f"vote-{session['nomination_ids'][0]}": "agree"},
        headers=HTML,
    )

    assert response.status_code == 403


def test_a_non_member_posting_a_ballot_gets_the_reason(client, login):
    session = opened(client, login)
    token = sign_in(client, "donvi1")

    response = client.post(
        f"/council/sessions/{session['id']}/ballot",
        data={f"vote-{session['nomination_ids'][0]}": "agree", "csrf_token": token},
        headers=HTML,
    )

    assert response.status_code == 403
    assert "không phải thành viên Hội đồng" in response.text


def test_after_closing_the_member_sees_the_results_and_the_minutes(client, login, as_user):
    session = opened(client, login)
    votes_by(client, as_user, session, ["agree"] * 10 + ["disagree"])
    close(client, login, session)
    sign_in(client, "hoidong10")

    page = client.get(f"/council/sessions/{session['id']}", headers=HTML)
    pdf = client.get(f"/council/sessions/{session['id']}/minutes.pdf")

    assert "Kết quả kiểm phiếu" in page.text
    assert "10/11 = 90,9 %" in page.text
    assert "Đạt" in page.text
    assert 'name="vote-' not in page.text
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_secretariat_prepares_opens_records_a_written_ballot_and_closes(client, login):
    ids = appraised_nominations(client, login("donvi1"), login("thuky"), count=2)
    token = sign_in(client, "thuky")

    new = client.get("/council/sessions/new", headers=HTML)
    created = client.post(
        "/council/sessions",
        data={
            "title": "Phiên họp tháng 01/2023",
            "meeting_date": "2023-01-05",
            "nomination_ids": [str(i) for i in ids],
            "csrf_token": token,
        },
        headers=HTML,
        follow_redirects=False,
    )
    url = created.headers["location"]
    session_id = int(url.rsplit("/", 1)[1])
    opened_ = client.post(f"{url}/open", data={"csrf_token": token}, follow_redirects=False)
    desk = client.get(url, headers=HTML)
    member = re.search(r'<option value="(\d+)">', desk.text).group(1)
    written = client.post(
        f"{url}/written-ballot",
        data={"member_id": member, "csrf_token": token} | {f"vote-{i}": "agree" for i in ids},
        headers=HTML,
    )

    assert new.status_code == 200
    assert all(f'name="nomination_ids" value="{i}"' in new.text for i in ids)
    assert created.status_code == 303
    assert opened_.status_code == 303
    assert "Ghi nhận phiếu bằng văn bản" in desk.text
    assert "0</strong>/11 đã bỏ phiếu" in desk.text
    assert written.status_code == 201
    assert _receipt(written.text)

    session = {"id": session_id, "nomination_ids": ids}
    for username in MEMBERS[1:8]:
        vote(client, login(username), session)
    participation = client.get(f"{url}/participation").json()
    closed = client.post(f"{url}/close", data={"csrf_token": token}, follow_redirects=False)
    listing = client.get("/council", headers=HTML)

    assert participation["voted_count"] == 8 and participation["quorum_reached"] is True
    assert closed.status_code == 303
    assert "Đã kiểm phiếu" in listing.text


def test_closing_without_quorum_in_the_web_shows_the_reason(client, login):
    session = opened(client, login)
    token = sign_in(client, "thuky")

    response = client.post(
        f"/council/sessions/{session['id']}/close", data={"csrf_token": token}, headers=HTML
    )

    assert response.status_code == 409
    assert "0/11" in response.text


def test_attachments_of_the_agenda_are_served_to_members_only(client, login, as_user):
    session = opened(client, login)
    sign_in(client, "hoidong01")
    page = client.get(f"/council/sessions/{session['id']}", headers=HTML)
    link = re.search(r'href="(/council/sessions/\d+/attachments/\d+)"', page.text).group(1)

    served = client.get(link)
    sign_in(client, "donvi2")
    outsider = client.get(link, headers=HTML)

    assert served.status_code == 200
    assert served.content.startswith(b"%PDF")
    assert outsider.status_code == 404


def test_the_receipt_check_form_answers(client, login, as_user):
    session = opened(client, login)
    receipt = vote(client, as_user("hoidong04"), session).json()["receipt"]
    token = sign_in(client, "hoidong04")
    url = f"/council/sessions/{session['id']}/receipt"

    found = client.post(url, data={"receipt": receipt, "csrf_token": token}, headers=HTML)
    missing = client.post(url, data={"receipt": "ZZZZ", "csrf_token": token}, headers=HTML)

    assert found.status_code == 200 and "có trong hòm phiếu" in found.text
    assert missing.status_code == 404 and "Không có phiếu" in missing.text


def test_home_sends_a_member_to_an_open_session_until_the_ballot_is_cast(client, login):
    session = opened(client, login)
    link = f'href="/council/sessions/{session["id"]}"'

    sign_in(client, "hoidong04")
    before = client.get("/", headers=HTML).text
    vote(client, login("hoidong04"), session)
    after = client.get("/", headers=HTML).text

    assert link in before
    assert "đang bỏ phiếu: bạn chưa bỏ phiếu" in before
    assert link not in after
