from __future__ import annotations

import pytest

from tests.factories import LiveApi

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_browser_print_job_progress_reaches_the_download(
    live_server, engine, page, tmp_path_factory
):
    api = LiveApi(live_server)
    ids = api.approved_nominations(engine, count=6)
    decision = api.http.post(
        "/api/v1/decisions",
        json={"title": "In thử", "nomination_ids": ids},
        headers=api.headers("thuky"),
    ).json()
    api.http.post(
        f"/api/v1/decisions/{decision['id']}/sign", headers=api.headers("chutich")
    ).raise_for_status()

    page.goto(f"{live_server}/login")
    page.fill('input[name="username"]', "thuky")
    page.fill('input[name="password"]', "demo")
    page.click('button[type="submit"]')
    page.goto(f"{live_server}/decisions/{decision['id']}")
    page.click("text=In bằng (giấy trắng)")
    page.wait_for_selector('#job[data-status="done"]', timeout=120_000)

    assert page.locator("#done").inner_text() == "6"
    assert page.locator("#download a").is_visible()
    out = tmp_path_factory.getbasetemp() / "screens"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "print-job.png"), full_page=True)
    response = page.request.get(
        f"{live_server}/print-jobs/{page.locator('#job').get_attribute('data-job')}/pdf"
    )
    assert response.headers["content-type"] == "application/pdf"
