from __future__ import annotations

import re

import pytest

from app.auth.models import ROLE_LABELS, Role

HTML = {"accept": "text/html"}


def _csrf(client) -> str:
    page = client.get("/login", headers=HTML)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def _sign_in(client, username: str, password: str = "demo", next_: str = "/"):
    token = _csrf(client)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next_},
        follow_redirects=False,
    )


def test_login_page_has_the_contract_form(client):
    page = client.get("/login", headers=HTML)

    assert page.status_code == 200
    assert 'name="username"' in page.text
    assert 'name="password"' in page.text
    assert 'type="submit"' in page.text
    assert "thidua_csrf" in page.headers["set-cookie"]


def test_home_without_sign_in_redirects_to_login(client):
    response = client.get("/", headers=HTML, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/"


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("thuky", Role.SECRETARIAT),
        ("chutich", Role.SIGNER),
        ("donvi2", Role.UNIT_OFFICER),
        ("hoidong03", Role.COUNCIL_MEMBER),
        ("admin", Role.ADMIN),
    ],
)
def test_home_shows_role_and_current_campaigns(client, username, role):
    signed_in = _sign_in(client, username)

    home = client.get("/", headers=HTML)

    assert signed_in.status_code == 303
    assert "httponly" in signed_in.headers["set-cookie"].lower()
    assert "samesite=lax" in signed_in.headers["set-cookie"].lower()
    assert home.status_code == 200
    assert ROLE_LABELS[role] in home.text
    assert "Siết chặt kỷ cương, tăng cường trách nhiệm" in home.text
    assert "Vì an ninh Tổ quốc" in home.text


def test_login_without_csrf_token_is_refused(client):
    client.get("/login", headers=HTML)

    response = client.post("/login", data={"username": "thuky", "password": "demo"}, headers=HTML)

    assert response.status_code == 403
    assert "thidua_token" not in response.headers.get("set-cookie", "")


def test_login_wrong_password_shows_error_in_vietnamese(client):
    response = _sign_in(client, "thuky", password="sai")

    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.text
    assert "thidua_token" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_login_next_cannot_leave_the_site(client, target):
    response = _sign_in(client, "thuky", next_=target)

    assert response.headers["location"] == "/"


def test_campaign_page_lists_targets_in_vietnamese_number_format(client):
    _sign_in(client, "donvi1")
    campaigns = client.get("/", headers=HTML).text
    campaign_id = re.search(r'href="/campaigns/(\d+)"', campaigns).group(1)

    page = client.get(f"/campaigns/{campaign_id}", headers=HTML)

    assert page.status_code == 200
    assert "7 - 7,5" in page.text
    assert "3.460" in page.text


def test_logout_clears_the_session(client):
    _sign_in(client, "thuky")
    token = re.search(
        r'name="csrf_token" value="([^"]+)"', client.get("/", headers=HTML).text
    ).group(1)

    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    after = client.get("/", headers=HTML, follow_redirects=False)

    assert out.status_code == 303
    assert after.status_code == 303


def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co", headers=HTML)

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text


def test_health_answers_ok(client):
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    assert client.get("/health").json() == {"status": "ok"}


def test_home_says_which_campaigns_are_past_their_period(client):
    _sign_in(client, "thuky")

    home = client.get("/", headers=HTML).text

    # The 2022 campaign ended on 31/12/2022 and is still active: it is being judged.
    annual = home[home.index('data-kind="annual"') :].split("</li>", 1)[0]
    assert "đã hết thời gian thi đua, đang xét khen thưởng" in annual
    # "Quyết thắng" has no end date: under way, nothing said.
    movement = home[home.index("Quyết thắng") :].split("</li>", 1)[0]
    assert "đã hết thời gian" not in movement


@pytest.mark.parametrize(("path", "status"), [("/decisions", 403), ("/dossiers/999999", 404)])
def test_an_error_page_keeps_the_signed_in_users_menu(client, path, status):
    _sign_in(client, "donvi1")
    me = client.get("/", headers=HTML).text

    page = client.get(path, headers=HTML)

    assert page.status_code == status
    assert "Đăng xuất" in page.text
    assert 'href="/dossiers">Hồ sơ của đơn vị</a>' in page.text
    assert "Trần Thị Mai" in me and "Trần Thị Mai" in page.text


def test_home_lists_what_waits_for_each_role(client, db, login):
    from tests.factories import approved_nominations, create_dossier, submitted_dossier

    def tasks(username: str) -> dict[str, int]:
        """The home page's tasks: label → count (other tests' committed rows may be counted)."""
        _sign_in(client, username)
        page = client.get("/", headers=HTML).text
        if 'id="tasks"' not in page:
            return {}
        section = page[page.index('id="tasks"') :].split("</section>", 1)[0]
        items = [" ".join(re.sub(r"<[^>]+>", "", li).split()) for li in section.split("<li>")[1:]]
        # "3 đề nghị …" counts; an item naming one thing ("Phiên họp …") has no number.
        counted = (item.split(" ", 1) for item in items)
        return {
            **{item: 1 for item in items if not item.split(" ", 1)[0].isdigit()},
            **{label: int(count) for count, label in counted if count.isdigit()},
        }

    def grew(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
        return {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}

    before = {u: tasks(u) for u in ("thuky", "chutich", "donvi1", "donvi2")}
    unit, office = login("donvi1"), login("thuky")
    submitted_dossier(client, unit)  # one nomination to appraise
    create_dossier(client, unit)  # a draft not yet sent
    ids = approved_nominations(client, db, unit, office, count=2)
    client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": ids[:1]},
        headers=office,
    )
    after = {u: tasks(u) for u in ("thuky", "chutich", "donvi1", "donvi2")}

    assert grew(before["thuky"], after["thuky"]) == {
        "đề nghị chờ thẩm định": 1,
        "đề nghị đã được Hội đồng thông qua, chờ lập quyết định": 1,
    }
    assert grew(before["chutich"], after["chutich"]) == {"dự thảo quyết định chờ ký": 1}
    # Only the draft: every dossier the factories made was submitted.
    assert grew(before["donvi1"], after["donvi1"]) == {"hồ sơ đang soạn, chưa gửi": 1}
    assert after["donvi2"] == before["donvi2"]
