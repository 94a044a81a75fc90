"""A unit officer's dossier, end to end in Chromium, and the secretariat's view of it.

The live server commits for real into the session's test database: the names and citizen IDs
here are ones no other test uses.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
from pathlib import Path

import pytest

from tests.factories import MINIMAL_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCREENS = Path(
    os.environ.get("THIDUA_SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "thidua-screens"
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _sign_in(page, base: str, username: str, password: str = "demo") -> None:
    page.goto(f"{base}/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{base}/")


def _screens(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_browser_unit_officer_submits_and_secretariat_returns_with_checks_shown(
    live_server, browser, page, tmp_path
):
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    citizen_id = f"0990{random.randrange(10**8):08d}"  # noqa: S311 - a test value
    page.set_viewport_size(DESKTOP)
    _sign_in(page, live_server, "donvi2")

    page.click('a[href="/dossiers"]')
    page.click("text=Lập hồ sơ mới")
    page.select_option('select[name="campaign_id"]', index=1)
    page.fill('input[name="year"]', "2022")
    page.fill('input[name="title"]', "Tờ trình đề nghị khen thưởng năm 2022 (kiểm thử trình duyệt)")
    page.click("button:has-text('Lập hồ sơ')")
    page.wait_for_url(re.compile(r".*/dossiers/\d+$"))
    dossier_url = page.url

    page.select_option('select[name="award_type"]', "CSTDCS")
    page.fill('input[name="full_name"]', "Lương Thị Hồng Nhung")
    page.select_option('select[name="gender"]', "nu")
    page.fill('input[name="birth_date"]', "12/03/1985")
    page.fill('input[name="citizen_id"]', citizen_id)
    page.fill('input[name="position"]', "Phó Chánh Văn phòng")
    page.fill(
        'textarea[name="achievement"]',
        "Hoàn thành xuất sắc nhiệm vụ năm 2022.\nCó sáng kiến cải tiến quy trình một cửa.",
    )
    page.click("button:has-text('Thêm đề nghị')")
    page.wait_for_selector(".nomination")

    page.select_option('select[name="kind"]', "to_trinh")
    page.set_input_files('input[name="file"]', str(pdf))
    page.click("button:has-text('Tải lên')")
    page.wait_for_selector(".attachment")
    _screens(page, "unit-dossier-draft")

    page.click("button:has-text('Gửi hồ sơ')")
    page.wait_for_selector('.page-head [data-status="submitted"]')

    nomination = page.locator(".nomination").first
    assert nomination.locator(".nominee").inner_text() == "Lương Thị Hồng Nhung"
    assert "Chiến sĩ thi đua cơ sở" in nomination.inner_text()
    assert page.locator(".attachment .kind").inner_text() == "Tờ trình"
    assert page.locator(".page-head .status").inner_text() == "Đã gửi"
    assert page.locator("form[action$='/submit']").count() == 0
    assert [h.inner_text() for h in page.locator(".history .what strong").all()] == [
        "Lập hồ sơ",
        "Đính kèm tệp",
        "Gửi hồ sơ",
    ]

    office = browser.new_context(locale="vi-VN")
    try:
        secretariat = office.new_page()
        secretariat.set_viewport_size(DESKTOP)
        _sign_in(secretariat, live_server, "thuky")
        secretariat.goto(f"{live_server}/dossiers")
        dossier_id = dossier_url.rsplit("/", 1)[1]
        row = secretariat.locator(f'tr[data-dossier-id="{dossier_id}"]')
        assert "UBND huyện Cao Lộc" in row.inner_text()
        row.locator("a").first.click()
        secretariat.wait_for_url(dossier_url)
        checks = secretariat.locator(".nomination .checks")
        assert checks.locator(".check").count() > 0
        assert "Kiểm tra tiêu chuẩn" in checks.inner_text()
        assert secretariat.locator("form.appraise").count() == 1
        _screens(secretariat, "secretariat-appraisal")

        # "Không đủ điều kiện" without a reason is refused; the page comes back scrolled to the
        # nomination, so the message is in view (on a short window, too).
        secretariat.set_viewport_size({"width": 1280, "height": 500})
        secretariat.locator('form.appraise input[value="ineligible"]').check()
        secretariat.locator("form.appraise button[type=submit]").click()
        alert = secretariat.locator("form.appraise .alert")
        alert.wait_for()
        box = alert.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 500
        secretariat.set_viewport_size(DESKTOP)

        secretariat.fill('textarea[name="reason"]', "Bổ sung biên bản họp xét của đơn vị.")
        secretariat.click("button:has-text('Trả lại hồ sơ')")
        secretariat.wait_for_selector('.page-head [data-status="returned"]')
        secretariat.goto(f"{live_server}/dossiers")
        _screens(secretariat, "secretariat-inbox")
        secretariat.goto(f"{live_server}/nominations?q=luong thi hong nhung")
        found = secretariat.locator("tr[data-nomination-id]")
        assert found.count() == 1
        assert "Lương Thị Hồng Nhung" in found.inner_text()
        _screens(secretariat, "secretariat-search")
    finally:
        office.close()

    page.goto(f"{live_server}/dossiers")
    item = page.locator(f'li[data-dossier-id="{dossier_id}"]')
    assert "Bị trả lại" in item.inner_text()
    assert "Bổ sung biên bản họp xét của đơn vị." in item.inner_text()
    _screens(page, "unit-dossiers")
    page.goto(dossier_url)
    assert "Bổ sung biên bản họp xét của đơn vị." in page.locator(".return-reason").inner_text()
    _screens(page, "unit-dossier-returned")
