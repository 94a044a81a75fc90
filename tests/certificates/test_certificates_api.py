"""Certificates through the API: issued at signing, PDFs read back, verification, revocation,
the PDF cache, print jobs and concurrent signing (the last two against a live server)."""

from __future__ import annotations

import io
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader

from tests.conftest import IS_POSTGRES
from tests.factories import LiveApi, approved_nominations


@pytest.fixture
def signed(client, db, login):
    office, signer = login("thuky"), login("chutich")
    ids = approved_nominations(client, db, login("donvi1"), office, count=2, award="CSTDCS")
    decision = client.post(
        "/api/v1/decisions",
        json={"title": "Về việc tặng danh hiệu", "nomination_ids": ids},
        headers=office,
    ).json()
    signed = client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer).json()
    certificates = client.get(
        "/api/v1/certificates", params={"decision_id": decision["id"]}, headers=office
    ).json()
    return signed, certificates["items"]


def _qr_payloads(pdf: bytes, tmp_path) -> list[str]:
    import zxingcpp
    from PIL import Image

    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(tmp_path / "c.pdf"), str(tmp_path / "p")], check=True
    )
    found = []
    for png in sorted(tmp_path.glob("p*.png")):
        found += [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    return found


def test_certificates_issued_with_gapless_serials_and_unguessable_codes(signed):
    decision, certificates = signed

    serials = sorted(int(c["serial"].split("/")[0]) for c in certificates)
    assert serials == list(range(serials[0], serials[0] + 2))
    assert all(len(c["verify_code"]) >= 20 for c in certificates)
    assert all(c["decision_number"] == decision["number"] for c in certificates)
    assert {c["status"] for c in certificates} == {"valid"}


def test_certificate_pdf_has_name_fonts_and_qr(client, login, signed, tmp_path):
    _, certificates = signed
    certificate = certificates[0]

    response = client.get(f"/api/v1/certificates/{certificate['id']}/pdf", headers=login("thuky"))

    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert certificate["recipient"] in text
    assert "BẰNG CHỨNG NHẬN" in text
    assert _qr_payloads(response.content, tmp_path) == [
        f"http://testserver/verify/{certificate['verify_code']}"
    ]


def test_certificate_pdf_second_download_comes_from_the_cache(client, login, signed, monkeypatch):
    from app.certificates import render

    _, certificates = signed
    url = f"/api/v1/certificates/{certificates[0]['id']}/pdf"
    first = client.get(url, headers=login("thuky")).content
    monkeypatch.setattr(render, "render_one", lambda *a, **k: pytest.fail("rendered again"))

    second = client.get(url, headers=login("thuky")).content

    assert second == first


def test_verify_is_public_and_private_data_stays_private(client, signed):
    _, certificates = signed
    code = certificates[0]["verify_code"]

    api = client.get(f"/api/v1/verify/{code}")
    page = client.get(f"/verify/{code}", headers={"accept": "text/html"})

    assert api.status_code == 200
    body = api.json()
    assert (body["valid"], body["status"], body["recipient"]) == (
        True,
        "valid",
        certificates[0]["recipient"],
    )
    assert {"recipient", "award", "decision_number", "signed_on", "issuer"} <= set(body)
    assert "Còn hiệu lực" in page.text
    for private in ("citizen_id", "birth_date", "020", "gender"):
        assert private not in api.text


def test_verify_names_the_issuer_printed_at_signing_with_capitals(client, signed, monkeypatch):
    from app.core.config import get_settings

    _, certificates = signed
    code = certificates[0]["verify_code"]
    # A later change of the setting does not rewrite who issued a certificate already signed.
    monkeypatch.setattr(get_settings(), "province_name", "Cao Bằng")

    api = client.get(f"/api/v1/verify/{code}").json()
    page = client.get(f"/verify/{code}", headers={"accept": "text/html"}).text

    assert api["issuer"] == "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"
    assert "<dd>Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn</dd>" in page


@pytest.mark.parametrize("code", ["khong-co-ma-nay-12345", "x", "a" * 100, "%27%20OR%201%3D1"])
def test_verify_unknown_code_is_404(client, code):
    assert client.get(f"/api/v1/verify/{code}").status_code == 404
    assert client.get(f"/verify/{code}", headers={"accept": "text/html"}).status_code == 404


def test_revocation_shows_on_the_verification_page_at_once(client, login, signed):
    _, certificates = signed
    certificate = certificates[0]

    revoked = client.post(
        f"/api/v1/certificates/{certificate['id']}/revoke",
        json={"reason": "Kê khai thành tích không đúng sự thật."},
        headers=login("thuky"),
    )
    api = client.get(f"/api/v1/verify/{certificate['verify_code']}").json()
    page = client.get(f"/verify/{certificate['verify_code']}", headers={"accept": "text/html"})
    nomination = client.get(
        f"/api/v1/nominations/{certificate['nomination_id']}", headers=login("thuky")
    ).json()

    assert revoked.json()["status"] == "revoked"
    assert (api["valid"], api["status"]) == (False, "revoked")
    assert "Đã bị thu hồi" in page.text
    assert nomination["status"] == "revoked"
    again = client.post(
        f"/api/v1/certificates/{certificate['id']}/revoke",
        json={"reason": "x"},
        headers=login("thuky"),
    )
    assert again.status_code == 409


@pytest.mark.parametrize("username", ["donvi1", "hoidong01", "chutich"])
def test_revocation_needs_the_secretariat(client, login, signed, username):
    _, certificates = signed

    response = client.post(
        f"/api/v1/certificates/{certificates[0]['id']}/revoke",
        json={"reason": "x"},
        headers=login(username),
    )

    assert response.status_code == 403


def test_certificates_are_closed_to_units(client, login, signed):
    _, certificates = signed

    assert client.get("/api/v1/certificates", headers=login("donvi1")).status_code == 403
    assert (
        client.get(
            f"/api/v1/certificates/{certificates[0]['id']}/pdf", headers=login("donvi1")
        ).status_code
        == 403
    )


def test_name_with_markup_prints_as_text(client, db, login):
    from tests.factories import appraised_nominations, individual  # noqa: F401

    office, signer = login("thuky"), login("chutich")
    name = '<script>alert(1)</script> Lê "Bé" O\'Brien'
    unit = login("donvi1")
    from tests.factories import submitted_dossier

    dossier = submitted_dossier(client, unit, [individual("CSTDCS", name)])
    nid = dossier["nominations"][0]["id"]
    client.post(f"/api/v1/nominations/{nid}/appraise", json={"result": "eligible"}, headers=office)
    from app.nominations import service as nomination_service
    from app.nominations.models import Nomination

    nomination = db.get(Nomination, nid)
    nomination_service.transition(db, actor=None, nomination=nomination, action="put_on_agenda")
    nomination_service.transition(db, actor=None, nomination=nomination, action="approve")
    db.flush()
    decision = client.post(
        "/api/v1/decisions", json={"title": "T", "nomination_ids": [nid]}, headers=office
    ).json()
    client.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer)
    certificate = client.get(
        "/api/v1/certificates", params={"decision_id": decision["id"]}, headers=office
    ).json()["items"][0]

    pdf = client.get(f"/api/v1/certificates/{certificate['id']}/pdf", headers=office).content
    page = client.get(f"/verify/{certificate['verify_code']}", headers={"accept": "text/html"}).text

    assert "<script>alert(1)</script>" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.slow
def test_print_job_for_a_decision_yields_one_page_per_certificate(live_server, engine):
    api = LiveApi(live_server)
    office, signer = api.headers("thuky"), api.headers("chutich")
    ids = api.approved_nominations(engine, count=5)
    decision = api.http.post(
        "/api/v1/decisions", json={"title": "In bằng", "nomination_ids": ids}, headers=office
    ).json()
    api.http.post(f"/api/v1/decisions/{decision['id']}/sign", headers=signer).raise_for_status()

    started = api.http.post(
        "/api/v1/print-jobs", json={"decision_id": decision["id"]}, headers=office
    )
    deadline = time.monotonic() + 120
    while True:
        job = api.http.get(f"/api/v1/print-jobs/{started.json()['id']}", headers=office).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    pdf = api.http.get(f"/api/v1/print-jobs/{job['id']}/pdf", headers=office)

    assert started.status_code == 202
    assert started.json()["status"] == "queued"
    assert (job["status"], job["done"], job["total"], job["failed"]) == ("done", 5, 5, [])
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 5
    texts = [p.extract_text() for p in reader.pages]
    assert [any(f"Người nhận {i}" in t for t in texts) for i in range(5)] == [True] * 5


@pytest.mark.slow
def test_concurrent_signing_gives_distinct_gapless_numbers(live_server, engine):
    api = LiveApi(live_server)
    office = api.headers("thuky")
    ids = api.approved_nominations(engine, count=8)
    decisions = [
        api.http.post(
            "/api/v1/decisions", json={"title": f"QĐ {i}", "nomination_ids": [nid]}, headers=office
        ).json()["id"]
        for i, nid in enumerate(ids)
    ]
    signer = api.headers("chutich")

    def sign(decision_id: int):
        import httpx

        with httpx.Client(base_url=live_server, timeout=120) as http:
            return http.post(f"/api/v1/decisions/{decision_id}/sign", headers=signer)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(sign, decisions))

    assert [r.status_code for r in responses] == [200] * 8
    numbers = sorted(int(r.json()["number"].split("/")[0]) for r in responses)
    assert numbers == list(range(numbers[0], numbers[0] + 8))
    serials = sorted(
        int(c["serial"].split("/")[0])
        for d in decisions
        for c in api.http.get(
            "/api/v1/certificates", params={"decision_id": d}, headers=office
        ).json()["items"]
    )
    assert serials == list(range(serials[0], serials[0] + 8))


def test_print_layout_default_then_calibrated_and_calibration_page(client, login, tmp_path):
    office = login("thuky")
    default = client.get("/api/v1/print-layout", headers=office).json()

    saved = client.put(
        "/api/v1/print-layout",
        json={
            "offset_dx_mm": 1.5,
            "offset_dy_mm": -2,
            "kinds": {"bang_khen": {"fields": {"name": {"y_mm": 140}}}},
        },
        headers=office,
    )
    reread = client.get("/api/v1/print-layout", headers=office).json()
    calibration = client.get(
        "/api/v1/print-layout/calibration.pdf", params={"kind": "bang_khen"}, headers=office
    )

    assert set(default["kinds"]) == {"bang_khen", "giay_khen", "chung_nhan_cstd"}
    assert saved.status_code == 200
    assert (reread["offset_dx_mm"], reread["offset_dy_mm"]) == (1.5, -2.0)
    assert reread["kinds"]["bang_khen"]["fields"]["name"]["y_mm"] == 140
    assert (
        reread["kinds"]["bang_khen"]["fields"]["name"]["width_mm"]
        == default["kinds"]["bang_khen"]["fields"]["name"]["width_mm"]
    )
    assert calibration.headers["content-type"] == "application/pdf"
    assert "Họ và tên" in PdfReader(io.BytesIO(calibration.content)).pages[0].extract_text()


@pytest.mark.parametrize(
    "body",
    [
        {"kinds": {"huy_chuong": {}}},
        {"kinds": {"bang_khen": {"fields": {"name": {"width_mm": -1}}}}},
        {"kinds": {"bang_khen": {"fields": {"tieu_de": {}}}}},
        {"offset_dx_mm": "trái"},
    ],
)
def test_print_layout_invalid_is_400_and_not_saved(client, login, body):
    office = login("thuky")
    before = client.get("/api/v1/print-layout", headers=office).json()

    response = client.put("/api/v1/print-layout", json=body, headers=office)

    assert response.status_code == 400
    assert client.get("/api/v1/print-layout", headers=office).json() == before


def test_print_layout_is_for_the_office(client, login):
    assert client.put("/api/v1/print-layout", json={}, headers=login("donvi1")).status_code == 403
    assert (
        client.get("/api/v1/print-layout/calibration.pdf", headers=login("hoidong01")).status_code
        == 403
    )


@pytest.mark.parametrize(
    "body",
    [
        {"offset_dx_mm": 10**400},
        {"offset_dx_mm": "nan"},
        {"offset_dy_mm": "inf"},
        {"kinds": {"bang_khen": {"width_mm": 1e9}}},
        {"kinds": []},
        {"kinds": {"bang_khen": "x"}},
    ],
)
def test_print_layout_absurd_numbers_are_400(client, login, body):
    response = client.put("/api/v1/print-layout", json=body, headers=login("thuky"))

    assert response.status_code == 400


@pytest.mark.slow
def test_parallel_print_jobs_each_complete_with_their_own_pages(live_server, engine):
    api = LiveApi(live_server)
    office, signer = api.headers("thuky"), api.headers("chutich")
    decisions = []
    for count in (4, 7):
        ids = api.approved_nominations(engine, count=count)
        d = api.http.post(
            "/api/v1/decisions", json={"title": "Song song", "nomination_ids": ids}, headers=office
        ).json()
        api.http.post(f"/api/v1/decisions/{d['id']}/sign", headers=signer).raise_for_status()
        decisions.append((d["id"], count))

    def run(item):
        import httpx

        decision_id, count = item
        with httpx.Client(base_url=live_server, timeout=120) as http:
            job = http.post(
                "/api/v1/print-jobs", json={"decision_id": decision_id}, headers=office
            ).json()
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                state = http.get(f"/api/v1/print-jobs/{job['id']}", headers=office).json()
                if state["status"] in ("done", "failed"):
                    break
                time.sleep(0.3)
            pdf = http.get(f"/api/v1/print-jobs/{job['id']}/pdf", headers=office).content
        return state, len(PdfReader(io.BytesIO(pdf)).pages), count

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, decisions))

    assert [(s["status"], pages) for s, pages, _ in results] == [("done", c) for _, _, c in results]


@pytest.mark.skipif(IS_POSTGRES, reason="the write lock in question is SQLite's")
def test_idle_job_runner_round_does_not_wait_for_the_write_lock(engine):
    """Each process looks for print jobs every few seconds; with none waiting, a round must not
    take (or wait for) SQLite's write lock, which the users' requests need."""
    from app.certificates.service import run_pending_jobs

    holder = engine.raw_connection()  # another writer, mid-transaction
    holder.cursor().execute("BEGIN IMMEDIATE")
    try:
        # A round that wanted the lock would wait out busy_timeout and fail "database is locked".
        assert run_pending_jobs() == 0
    finally:
        holder.rollback()
        holder.close()
