from __future__ import annotations

import re

from tests.factories import approved_nominations

HTML = {"accept": "text/html"}


def _sign_in(client, username: str) -> str:
    page = client.get("/login", headers=HTML)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post(
        "/login",
        data={"username": username, "password": "demo", "csrf_token": token},
        follow_redirects=False,
    )
    return token


def _draft(client, office: dict, ids: list[int]) -> dict:
    """A draft decision of these approved nominations, through the API."""
    response = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": ids},
        headers=office,
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_secretariat_drafts_and_chairman_signs_through_the_pages(client, db, login):
    ids = approved_nominations(client, db, login("donvi1"), login("thuky"), count=2)
    csrf = _sign_in(client, "thuky")

    listing = client.get("/decisions", headers=HTML)
    created = client.post(
        "/decisions",
        data={
            "csrf_token": csrf,
            "title": "Về việc khen thưởng năm 2022",
            "nomination_ids": [str(i) for i in ids],
        },
        follow_redirects=False,
    )
    decision_url = created.headers["location"]
    csrf = _sign_in(client, "chutich")
    signed = client.post(f"{decision_url}/sign", data={"csrf_token": csrf}, follow_redirects=False)
    page = client.get(decision_url, headers=HTML)

    assert "Lập dự thảo quyết định" in listing.text
    assert all(f'value="{i}"' in listing.text for i in ids)
    assert created.status_code == 303
    assert signed.status_code == 303
    assert re.search(r"Quyết định số \d+/QĐ-UBND", page.text)
    assert "Đã ký" in page.text
    assert "Ký quyết định" not in page.text


def test_unit_officer_cannot_open_decisions(client):
    _sign_in(client, "donvi1")

    response = client.get("/decisions", headers=HTML)

    assert response.status_code == 403


def test_sign_without_csrf_is_refused(client, db, login):
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office)
    decision = client.post(
        "/api/v1/decisions", json={"title": "T", "nomination_ids": ids}, headers=office
    ).json()
    _sign_in(client, "chutich")

    response = client.post(f"/decisions/{decision['id']}/sign", data={}, follow_redirects=False)

    assert response.status_code == 403
    assert (
        client.get(f"/api/v1/decisions/{decision['id']}", headers=office).json()["status"]
        == "draft"
    )


def test_the_draft_form_proposes_the_year_of_the_waiting_nominations(client, db, login):
    from app.nominations.models import Nomination

    ids = approved_nominations(client, db, login("donvi1"), login("thuky"), count=2)
    db.get(Nomination, ids[1]).year = 2024
    db.flush()
    _sign_in(client, "thuky")

    listing = client.get("/decisions", headers=HTML)

    assert 'value="Về việc khen thưởng thành tích năm 2024"' in listing.text


def test_the_chairman_sees_the_estimated_bonuses_of_a_draft_before_signing(client, db, login):
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office, count=2)
    draft = _draft(client, office, ids)
    _sign_in(client, "chutich")

    before = client.get(f"/decisions/{draft['id']}", headers=HTML).text
    signed = client.post(f"/api/v1/decisions/{draft['id']}/sign", headers=login("chutich")).json()
    after = client.get(f"/decisions/{draft['id']}", headers=HTML).text

    # CSTĐCS: 1.0 × lương cơ sở, the same today as on the day it is signed (the same day here).
    each = [i["bonus"] for i in signed["items"]]
    total = f"{sum(each):,}".replace(",", ".")
    assert "Tổng tiền thưởng dự kiến" in before
    assert f"{total} đồng" in before
    assert before.count(f"{each[0]:,}".replace(",", ".")) >= 2
    assert "dự kiến" not in after
    assert f"{total} đồng" in after


def test_drafting_or_signing_without_the_role_is_403_and_changes_nothing(client, db, login):
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office, count=1)
    draft = _draft(client, office, ids)

    csrf = _sign_in(client, "chutich")
    created = client.post(
        "/decisions",
        data={"csrf_token": csrf, "title": "Về việc khác", "nomination_ids": [str(ids[0])]},
        headers=HTML,
    )
    csrf = _sign_in(client, "thuky")
    signed = client.post(f"/decisions/{draft['id']}/sign", data={"csrf_token": csrf}, headers=HTML)

    assert created.status_code == 403
    assert "Chỉ Ban Thi đua - Khen thưởng lập dự thảo quyết định." in created.text
    assert signed.status_code == 403
    decisions = client.get("/api/v1/decisions", headers=office).json()["items"]
    assert [(d["id"], d["status"]) for d in decisions if ids[0] in d["nomination_ids"]] == [
        (draft["id"], "draft")
    ]


def _signed_decision(client, db, login, count: int = 2) -> dict:
    office = login("thuky")
    ids = approved_nominations(client, db, login("donvi1"), office, count=count)
    draft = _draft(client, office, ids)
    client.post(f"/api/v1/decisions/{draft['id']}/sign", headers=login("chutich"))
    return draft


def test_a_signed_decisions_page_lists_its_certificates_and_the_office_revokes_one(
    client, db, login
):
    decision = _signed_decision(client, db, login)
    office = login("thuky")
    issued = client.get(
        "/api/v1/certificates", params={"decision_id": decision["id"]}, headers=office
    ).json()["items"]
    first = issued[0]
    csrf = _sign_in(client, "thuky")

    page = client.get(f"/decisions/{decision['id']}", headers=HTML).text
    empty = client.post(
        f"/certificates/{first['id']}/revoke", data={"csrf_token": csrf, "reason": " "}
    )
    revoked = client.post(
        f"/certificates/{first['id']}/revoke",
        data={"csrf_token": csrf, "reason": "Phát hiện kê khai thành tích không đúng."},
        follow_redirects=False,
    )
    after = client.get(f"/decisions/{decision['id']}", headers=HTML).text
    pdf = client.get(f"/certificates/{issued[1]['id']}/pdf")
    verify = client.get(f"/api/v1/verify/{first['verify_code']}").json()

    assert all(c["serial"] in page and c["verify_code"] in page for c in issued)
    assert page.count("Còn hiệu lực") == 2
    assert page.count('action="/certificates/') == 2
    assert empty.status_code == 400
    assert revoked.status_code == 303
    assert revoked.headers["location"] == f"/decisions/{decision['id']}#certificate-{first['id']}"
    row = after[after.index(f'id="certificate-{first["id"]}"') :].split("</tr>", 1)[0]
    assert "Đã thu hồi" in row and "Phát hiện kê khai thành tích không đúng." in row
    assert f'action="/certificates/{first["id"]}/revoke"' not in after
    assert verify["status"] == "revoked"
    assert pdf.headers["content-type"] == "application/pdf"


def test_the_signer_sees_the_certificates_but_may_not_revoke(client, db, login):
    decision = _signed_decision(client, db, login, count=1)
    certificate = client.get(
        "/api/v1/certificates", params={"decision_id": decision["id"]}, headers=login("thuky")
    ).json()["items"][0]
    csrf = _sign_in(client, "chutich")

    page = client.get(f"/decisions/{decision['id']}", headers=HTML).text
    refused = client.post(
        f"/certificates/{certificate['id']}/revoke",
        data={"csrf_token": csrf, "reason": "Không có thẩm quyền."},
        headers=HTML,
    )

    assert certificate["serial"] in page
    assert 'action="/certificates/' not in page
    assert refused.status_code == 403
