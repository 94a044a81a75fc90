"""A council member votes in Chromium, sees the receipt, and after the secretariat closes the
session sees the results. Screenshots of the ballot page (desktop and phone) go to
$THIDUA_SCREENSHOT_DIR or <tmp>/thidua-screens.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import httpx
import pytest

from tests.council.helpers import MEMBERS, live_open_session, live_token

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCREENS = Path(
    os.environ.get("THIDUA_SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "thidua-screens"
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', "demo")
    page.click('button[type="submit"]')
    page.wait_for_url(f"{base}/")


def _screens(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_browser_member_votes_sees_receipt_then_results(live_server, page):
    with httpx.Client(base_url=live_server, timeout=60) as http:
        session = live_open_session(http, count=2)
    first, second = session["nomination_ids"]
    page.set_viewport_size(DESKTOP)

    _sign_in(page, live_server, "hoidong02")
    page.click('nav a[href="/council"]')
    page.click(f'a[href="/council/sessions/{session["id"]}"] >> nth=0')
    page.wait_for_url(f"{live_server}/council/sessions/{session['id']}")
    assert page.locator(f'input[name="vote-{first}"]').count() == 3
    # The contract's "one submit button": the page's only one, so a script that looks for
    # button[type=submit] anywhere finds the ballot's (not the header's sign-out).
    assert page.locator("button[type=submit]").count() == 1
    assert page.locator("#ballot button[type=submit]").count() == 1
    assert page.locator(f"#nomination-{first} .checks").count() == 1
    _screens(page, "council-ballot")

    page.check(f'input[name="vote-{first}"][value="agree"]')
    page.check(f'input[name="vote-{second}"][value="abstain"]')
    page.locator("button[type=submit]").click()

    receipt = page.locator("#receipt")
    receipt.wait_for()
    code = receipt.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert "đã được bỏ vào hòm phiếu" in page.locator(".done").inner_text()
    _screens(page, "council-receipt")

    # Seven more members vote through the API (8 of 11: the quorum), the secretariat closes.
    with httpx.Client(base_url=live_server, timeout=60) as http:
        body = {
            "votes": [
                {"nomination_id": first, "choice": "agree"},
                {"nomination_id": second, "choice": "disagree"},
            ]
        }
        for username in [m for m in MEMBERS if m != "hoidong02"][:7]:
            r = http.post(
                f"/api/v1/council/sessions/{session['id']}/ballots",
                json=body,
                headers=live_token(http, username),
            )
            assert r.status_code == 201, r.text
        closed = http.post(
            f"/api/v1/council/sessions/{session['id']}/close",
            headers=live_token(http, "thuky"),
        )
        assert closed.status_code == 200, closed.text

    page.goto(f"{live_server}/council/sessions/{session['id']}")
    results = page.locator("#results")
    assert "Kết quả kiểm phiếu" in results.inner_text()
    first_result = page.locator(f'.result[data-nomination="{first}"]')
    assert "8/11 = 72,7 %" in first_result.inner_text()
    assert first_result.locator(".badge").inner_text() == "Đạt"
    second_result = page.locator(f'.result[data-nomination="{second}"]')
    assert second_result.locator(".badge").inner_text() == "Không đạt"
    assert page.locator('input[name^="vote-"]').count() == 0
    _screens(page, "council-results")

    page.fill('input[name="receipt"]', code.lower())
    page.click(".receipt-check button[type=submit]")
    assert "đã được tính vào kết quả" in page.locator(".notice").inner_text()


def test_browser_secretariat_desk_shows_participation(live_server, page):
    with httpx.Client(base_url=live_server, timeout=60) as http:
        session = live_open_session(http, count=1)
        (nid,) = session["nomination_ids"]
        http.post(
            f"/api/v1/council/sessions/{session['id']}/ballots",
            json={"votes": [{"nomination_id": nid, "choice": "agree"}]},
            headers=live_token(http, "hoidong01"),
        )
    page.set_viewport_size(DESKTOP)
    _sign_in(page, live_server, "thuky")

    page.goto(f"{live_server}/council/sessions/{session['id']}")

    assert page.locator("#voted-count").inner_text() == "1"
    assert page.locator("#close-button").is_disabled()
    assert page.locator('select[name="member_id"] option').count() == 10
    _screens(page, "council-desk")
    page.goto(f"{live_server}/council")
    _screens(page, "council-list")
    page.click("text=Chuẩn bị phiên họp mới")
    page.wait_for_url(f"{live_server}/council/sessions/new")
    assert page.locator('input[name="title"]').count() == 1
    _screens(page, "council-prepare")
