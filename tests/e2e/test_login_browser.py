from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _sign_in(page, base: str, username: str, password: str = "demo") -> None:
    page.goto(f"{base}/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.click('button[type="submit"]')


def test_browser_secretariat_signs_in_and_sees_role_and_campaigns(live_server, page):
    _sign_in(page, live_server, "thuky")

    page.wait_for_url(f"{live_server}/")
    assert (
        page.locator('[data-role="secretariat"]').inner_text()
        == "Ban Thi đua - Khen thưởng (Sở Nội vụ)"
    )
    annual = page.locator('.campaign[data-kind="annual"]')
    assert "Siết chặt kỷ cương" in annual.inner_text()
    assert page.locator('.campaign[data-kind="movement"]').count() == 6
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["thidua_token"]["httpOnly"] is True


def test_browser_wrong_password_stays_on_login_with_message(live_server, page):
    _sign_in(page, live_server, "donvi1", password="sai-mat-khau")

    assert page.locator(".alert").inner_text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert "thidua_token" not in {c["name"] for c in page.context.cookies()}


def test_browser_screenshots_of_login_and_home(live_server, page, tmp_path_factory):
    out = tmp_path_factory.getbasetemp() / "screens"
    out.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}/login")
    page.screenshot(path=str(out / "login.png"), full_page=True)
    _sign_in(page, live_server, "chutich")
    page.wait_for_url(f"{live_server}/")
    page.screenshot(path=str(out / "home.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(out / "home-phone.png"), full_page=True)

    assert (out / "home-phone.png").stat().st_size > 0
    print(f"screenshots in {out}")


def test_browser_signs_out_from_the_header(live_server, page):
    _sign_in(page, live_server, "donvi1")
    page.wait_for_url(f"{live_server}/")

    page.get_by_role("button", name="Đăng xuất").click()

    page.wait_for_url(f"{live_server}/login")
    assert "thidua_token" not in {c["name"] for c in page.context.cookies()}
    page.goto(f"{live_server}/dossiers")
    page.wait_for_url(f"{live_server}/login?next=/dossiers")
