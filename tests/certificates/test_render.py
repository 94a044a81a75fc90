"""The certificate rendering core, checked on real PDFs: text read back with pypdf, fonts embedded,
the QR code decoded from a rasterised page, one page per certificate, failures isolated.

Pure tests: no database (the ``engine``/``db``/``client`` fixtures are not used).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from app.certificates import render
from app.certificates.render import (
    DEFAULT_BLANK_LAYOUT,
    PAGE_FORMATS,
    BlankLayout,
    CertificateView,
    PageFormat,
    RenderError,
    render_batch,
    render_blank,
    render_calibration,
    render_html,
    render_one,
    render_parallel,
    verify_url,
)
from app.certificates.render_data import long_date, place_and_date

MM = 72 / 25.4  # PDF points per millimetre
BASE = "https://thiduakhenthuong.langson.gov.vn"


def make_view(**changes) -> CertificateView:
    data = {
        "kind": "bang_khen",
        "subject": "individual",
        "issuer_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "heading": "BẰNG KHEN",
        "award_name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "recipient_name": "Nguyễn Thị Ánh Tuyết",
        "recipient_position": "Phó Trưởng phòng Tổ chức cán bộ",
        "recipient_unit": "Sở Nội vụ tỉnh Lạng Sơn",
        "achievement": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2022",
        "decision_number": "163/QĐ-UBND",
        "decision_date": dt.date(2023, 2, 5),
        "serial": "2022-000123",
        "verify_code": "K7Q2M9XD4HRTWP3C",
        "place": "Lạng Sơn",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Hồ Tiến Thiệu",
    }
    data.update(changes)
    return CertificateView(**data)


def pdf_text(pdf: bytes) -> list[str]:
    """The text of each page, NFC-normalised."""
    reader = PdfReader(io.BytesIO(pdf))
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def text_positions(pdf: bytes, page_number: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text run of a page, in PDF points from the bottom-left corner."""
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            # Text space -> user space: tm then cm.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((unicodedata.normalize("NFC", text), x, y))

    PdfReader(io.BytesIO(pdf)).pages[page_number].extract_text(visitor_text=visit)
    return runs


def decode_qr(pdf: bytes, tmp_path: Path, page: int = 1) -> list[str]:
    import zxingcpp

    (tmp_path / "page.pdf").write_bytes(pdf)
    out = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), "-singlefile"]
        + [str(tmp_path / "page.pdf"), str(out)],
        check=True,
        timeout=60,
    )
    with Image.open(f"{out}.png") as image:
        return [barcode.text for barcode in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    render.shutdown_pool()


@pytest.fixture(scope="module")
def one_pdf() -> bytes:
    return render_one(make_view(), base_url=BASE)


# --- text, fonts, page ------------------------------------------------------------------------


def test_render_one_text_has_full_vietnamese_name_and_heading(one_pdf):
    (text,) = pdf_text(one_pdf)

    assert ("Nguyễn Thị Ánh Tuyết" in text, "BẰNG KHEN" in text) == (True, True)


def test_render_one_text_has_motto_issuer_and_decision_lines(one_pdf):
    text = flat(pdf_text(one_pdf)[0])

    expected = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "Tặng",
        "Số quyết định: 163/QĐ-UBND",
        "ngày 05 tháng 02 năm 2023",
        "Số sổ vàng: 2022-000123",
        "Lạng Sơn, ngày 05 tháng 02 năm 2023",
        "Hồ Tiến Thiệu",
        "Phó Trưởng phòng Tổ chức cán bộ, Sở Nội vụ tỉnh Lạng Sơn",
    ]
    assert [e for e in expected if e not in text] == []


def _fonts_of(resources) -> dict:
    """Every font a page uses: its own and those of the form XObjects it draws (the static
    layer of a certificate is one)."""
    fonts = dict(resources.get("/Font", {}))
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            fonts.update(_fonts_of(xobject["/Resources"]))
    return fonts


def test_render_one_fonts_all_embedded(one_pdf):
    reader = PdfReader(io.BytesIO(one_pdf))
    fonts = _fonts_of(reader.pages[0]["/Resources"])
    missing = []
    for name, ref in fonts.items():
        font = ref.get_object()
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described["/FontDescriptor"].get_object()
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.append(name)

    assert (len(fonts) > 0, missing) == (True, [])


def test_render_one_default_bang_khen_page_is_400_by_300_mm(one_pdf):
    box = PdfReader(io.BytesIO(one_pdf)).pages[0].mediabox

    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (400, 300)


def test_render_one_giay_khen_page_is_a4_landscape():
    pdf = render_one(make_view(kind="giay_khen", heading="GIẤY KHEN"), base_url=BASE)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox

    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (297, 210)


def test_render_one_formats_override_page_size():
    formats = {**PAGE_FORMATS, "bang_khen": PageFormat.a3()}
    pdf = render_one(make_view(), base_url=BASE, formats=formats)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox

    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (420, 297)


@pytest.mark.parametrize(
    ("kind", "subject", "heading"),
    [
        ("bang_khen", "individual", "BẰNG KHEN"),
        ("bang_khen", "collective", "BẰNG KHEN"),
        ("giay_khen", "individual", "GIẤY KHEN"),
        ("giay_khen", "collective", "GIẤY KHEN"),
        ("chung_nhan_cstd", "individual", "GIẤY CHỨNG NHẬN"),
    ],
)
def test_render_one_each_layout_prints_name_and_heading(kind, subject, heading):
    name = "Hoàng Văn Đức" if subject == "individual" else "Phòng Cảnh sát giao thông"
    view = make_view(kind=kind, subject=subject, heading=heading, recipient_name=name)

    pages = pdf_text(render_one(view, base_url=BASE))

    assert (len(pages), name in pages[0], heading in pages[0]) == (1, True, True)


def test_render_one_cstd_prints_award_name():
    view = make_view(
        kind="chung_nhan_cstd", heading="GIẤY CHỨNG NHẬN", award_name="Chiến sĩ thi đua cấp tỉnh"
    )

    (text,) = pdf_text(render_one(view, base_url=BASE))

    assert "Chiến sĩ thi đua cấp tỉnh" in text


def test_render_one_revoked_prints_watermark():
    revoked = pdf_text(render_one(make_view(revoked=True), base_url=BASE))[0]
    valid = pdf_text(render_one(make_view(), base_url=BASE))[0]

    assert ("ĐÃ THU HỒI" in revoked, "ĐÃ THU HỒI" in valid) == (True, False)


# --- QR -----------------------------------------------------------------------------------------


def test_render_one_qr_decodes_to_verify_url(one_pdf, tmp_path):
    assert decode_qr(one_pdf, tmp_path) == [f"{BASE}/verify/K7Q2M9XD4HRTWP3C"]


def test_render_one_a4_qr_decodes_to_verify_url(tmp_path):
    view = make_view(kind="giay_khen", heading="GIẤY KHEN", verify_code="ZX81-QQ7P")

    pdf = render_one(view, base_url=BASE)

    assert decode_qr(pdf, tmp_path) == [f"{BASE}/verify/ZX81-QQ7P"]


def test_verify_url_uses_public_base_url_setting():
    # tests/conftest.py sets THIDUA_PUBLIC_BASE_URL=http://testserver
    assert verify_url("abc123") == "http://testserver/verify/abc123"


def test_render_one_default_base_url_reaches_qr(tmp_path):
    pdf = render_one(make_view(verify_code="DEFAULTBASE"))

    assert decode_qr(pdf, tmp_path) == ["http://testserver/verify/DEFAULTBASE"]


# --- escaping -----------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> "O\'Brien" & Đỗ'


def test_render_html_hostile_name_is_escaped():
    html = render_html(
        [make_view(recipient_name=HOSTILE, recipient_unit="<b>x</b>")], base_url=BASE
    )

    assert ("<script" in html, "&lt;script&gt;alert(1)&lt;/script&gt;" in html, "<b>x" in html) == (
        False,
        True,
        False,
    )


def test_render_one_hostile_name_prints_as_literal_text():
    (text,) = pdf_text(render_one(make_view(recipient_name=HOSTILE), base_url=BASE))

    assert flat(HOSTILE) in flat(text)


# --- batches and workers ------------------------------------------------------------------------

NAMES = [
    "Nguyễn Thị Ánh Tuyết",
    "Hoàng Văn Đức",
    "Lường Thị Thúy Hằng",
    "Vi Văn Ướng",
    "Nông Thị Ngọc Ánh",
    "Đỗ Quang Hưng",
    "Lý Thị Mỹ Duyên",
]


def numbered_views() -> list[CertificateView]:
    return [
        make_view(recipient_name=name, serial=f"2022-{i:06d}", verify_code=f"CODE{i:04d}")
        for i, name in enumerate(NAMES)
    ]


def test_render_batch_one_page_per_certificate_in_order():
    pages = pdf_text(render_batch(numbered_views(), base_url=BASE))

    assert [next(n for n in NAMES if n in page) for page in pages] == NAMES


def test_render_batch_mixed_kinds_keep_their_page_sizes():
    views = [make_view(), make_view(kind="giay_khen", heading="GIẤY KHEN"), make_view()]
    reader = PdfReader(io.BytesIO(render_batch(views, base_url=BASE)))

    sizes = [round(float(p.mediabox.width) / MM) for p in reader.pages]

    assert sizes == [400, 297, 400]


def test_render_parallel_one_page_per_certificate_in_order():
    result = render_parallel(numbered_views(), processes=2, chunk=2, base_url=BASE)

    pages = pdf_text(result.pdf)
    assert ([next(n for n in NAMES if n in p) for p in pages], result.failed) == (NAMES, [])


def test_render_parallel_reports_progress_up_to_total():
    seen: list[tuple[int, int]] = []

    render_parallel(
        numbered_views(),
        processes=2,
        chunk=3,
        base_url=BASE,
        on_progress=lambda d, t: seen.append((d, t)),
    )

    assert (sorted(seen)[-1], len(seen)) == ((7, 7), 3)


def test_render_parallel_failing_certificate_reported_others_kept():
    views = numbered_views()
    # A verification code too long for any QR code: this certificate cannot be rendered.
    views[3] = dataclasses.replace(views[3], verify_code="X" * 5000)
    # A citation too long for the paper even in the smallest type: refused, not printed garbled.
    views[5] = dataclasses.replace(views[5], achievement="Thành tích " * 1500)

    pdf, failed = render_parallel(views, processes=2, chunk=3, base_url=BASE)

    printed = [next(n for n in NAMES if n in p) for p in pdf_text(pdf)]
    assert (printed, [f.index for f in failed]) == (
        [n for i, n in enumerate(NAMES) if i not in (3, 5)],
        [3, 5],
    )


def test_render_parallel_worker_crash_loses_only_the_culprit(monkeypatch):
    real = render._render_indexed

    def crashing(items, opts):
        if any(view.verify_code == "CRASH" for _, view in items):
            os._exit(3)  # a worker killed mid-chunk (segfault, out of memory)
        return real(items, opts)

    # Workers started by fork inherit the patched function.
    monkeypatch.setattr(render, "_render_indexed", crashing)
    views = numbered_views()
    views[2] = dataclasses.replace(views[2], verify_code="CRASH")

    pdf, failed = render_parallel(views, processes=2, chunk=3, base_url=BASE, start_method="fork")
    render.shutdown_pool()

    printed = [next(n for n in NAMES if n in p) for p in pdf_text(pdf)]
    assert (printed, [f.index for f in failed]) == ([n for i, n in enumerate(NAMES) if i != 2], [2])


def test_render_parallel_too_long_failure_is_said_in_vietnamese():
    views = [make_view(achievement="Thành tích " * 1500), make_view()]

    _, failed = render_parallel(views, processes=1, base_url=BASE)

    assert [(f.index, f.error.startswith("Nội dung quá dài")) for f in failed] == [(0, True)]


def test_render_parallel_all_failed_gives_empty_pdf():
    pdf, failed = render_parallel([make_view(verify_code="X" * 5000)], processes=1, base_url=BASE)

    assert (pdf, [f.index for f in failed]) == (b"", [0])


def test_render_batch_failure_raises_render_error():
    views = [make_view(), make_view(verify_code="X" * 5000)]

    with pytest.raises(RenderError) as caught:
        render_batch(views, base_url=BASE)

    assert [f.index for f in caught.value.failures] == [1]


# --- fitting long text --------------------------------------------------------------------------

LONG = (
    "Đã có thành tích xuất sắc trong công tác tham mưu, tổ chức thực hiện nhiệm vụ cải cách hành "
    "chính, xây dựng chính quyền điện tử, chuyển đổi số; chủ trì triển khai hiệu quả Đề án 06 về "
    "phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử; đóng góp tích cực vào "
    "phong trào thi đua năm 2022, góp phần vào sự nghiệp xây dựng và phát triển kinh tế - xã hội, "
    "bảo đảm quốc phòng, an ninh của tỉnh Lạng Sơn. "
) * 3 + "CUỐI ĐOẠN"


@pytest.mark.parametrize("kind", ["bang_khen", "giay_khen"])
def test_render_one_long_citation_stays_above_signature_block(kind):
    view = make_view(
        kind=kind,
        subject="collective",
        recipient_name="Phòng Cảnh sát quản lý hành chính về trật tự xã hội và Đội Cảnh sát phòng "
        "cháy, chữa cháy và cứu nạn, cứu hộ khu vực thành phố Lạng Sơn",
        recipient_position=None,
        recipient_unit="Công an tỉnh Lạng Sơn",
        achievement=LONG,
    )

    pdf = render_one(view, base_url=BASE)

    runs = text_positions(pdf)
    end_y = min(y for text, _, y in runs if "CUỐI ĐOẠN" in text)
    place_y = max(y for text, _, y in runs if "Lạng Sơn, ngày" in text)
    # PDF y grows upwards: the citation's last line must sit above the place-and-date line.
    assert (len(pdf_text(pdf)), end_y > place_y) == (1, True)


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (dt.date(2023, 1, 20), "ngày 20 tháng 01 năm 2023"),
        (dt.date(2023, 3, 15), "ngày 15 tháng 3 năm 2023"),
        (dt.date(2023, 12, 1), "ngày 01 tháng 12 năm 2023"),
        (dt.date(2023, 9, 9), "ngày 09 tháng 9 năm 2023"),
    ],
)
def test_long_date_leading_zero_rules_of_nd30(value, expected):
    assert long_date(value) == expected


def test_place_and_date_joins_with_comma():
    assert place_and_date("Lạng Sơn", dt.date(2023, 2, 5)) == "Lạng Sơn, ngày 05 tháng 02 năm 2023"


def test_certificate_view_decomposed_text_normalised_to_nfc():
    view = make_view(recipient_name=unicodedata.normalize("NFD", "Hoàng Văn Đức"))

    assert view.recipient_name == unicodedata.normalize("NFC", "Hoàng Văn Đức")


def test_certificate_view_unknown_kind_rejected():
    with pytest.raises(ValueError, match="kind"):
        make_view(kind="huan_chuong")


# --- blanks (phôi) and calibration ------------------------------------------------------------


def test_render_blank_prints_only_variable_fields():
    (text,) = pdf_text(render_blank([make_view()], base_url=BASE))
    text = flat(text)

    printed = {
        "name": "Nguyễn Thị Ánh Tuyết" in text,
        "salutation": "Tặng" in text,
        "decision": "163/QĐ-UBND" in text and "2022-000123" in text,
        "place_date": "Lạng Sơn, ngày 05 tháng 02 năm 2023" in text,
        "signer": "Hồ Tiến Thiệu" in text and "CHỦ TỊCH" in text,
        "motto": "CỘNG HÒA" in text or "Độc lập" in text,
        "issuer": "ỦY BAN NHÂN DÂN" in text,
        "heading": "BẰNG KHEN" in text,
    }
    assert printed == {
        "name": True,
        "salutation": True,
        "decision": True,
        "place_date": True,
        "signer": True,
        "motto": False,
        "issuer": False,
        "heading": False,
    }


def test_render_blank_default_page_is_a3_landscape():
    box = PdfReader(io.BytesIO(render_blank([make_view()], base_url=BASE))).pages[0].mediabox

    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (420, 297)


def test_render_blank_printer_offset_moves_fields_by_millimetres():
    data = json.loads(json.dumps(DEFAULT_BLANK_LAYOUT))
    data["offset_dx_mm"], data["offset_dy_mm"] = 10.0, 5.0
    name = "Nguyễn Thị Ánh Tuyết"

    def name_xy(layout):
        pdf = render_blank([make_view()], layout, base_url=BASE)
        return next((x, y) for text, x, y in text_positions(pdf) if name in text)

    (x0, y0), (x1, y1) = name_xy(BlankLayout.default()), name_xy(BlankLayout.from_dict(data))

    assert (round((x1 - x0) / MM, 1), round((y0 - y1) / MM, 1)) == (10.0, 5.0)


def test_render_blank_one_page_per_certificate():
    pages = pdf_text(render_blank(numbered_views(), base_url=BASE))

    assert [next(n for n in NAMES if n in p) for p in pages] == NAMES


def test_render_parallel_blank_mode_prints_blanks():
    result = render_parallel(
        numbered_views()[:3], processes=1, base_url=BASE, blank_layout=BlankLayout.default()
    )

    pages = pdf_text(result.pdf)
    assert (len(pages), any("CỘNG HÒA" in p for p in pages)) == (3, False)


def test_blank_layout_round_trips_through_json():
    layout = BlankLayout.default()

    again = BlankLayout.from_dict(json.loads(json.dumps(layout.to_dict())))

    assert again == layout


def test_blank_layout_partial_dict_takes_defaults():
    layout = BlankLayout.from_dict({"kinds": {"giay_khen": {"fields": {"name": {"y_mm": 99}}}}})

    name = layout.kinds["giay_khen"].fields["name"]
    default = BlankLayout.default().kinds["giay_khen"].fields["name"]
    assert (name.y_mm, name.x_mm) == (99, default.x_mm)


def test_blank_layout_unknown_field_rejected():
    with pytest.raises(ValueError, match="unknown blank fields"):
        BlankLayout.from_dict({"kinds": {"bang_khen": {"fields": {"seal": {}}}}})


def test_render_calibration_one_page_per_kind_with_labels():
    pages = pdf_text(render_calibration())

    assert [("TRANG CĂN CHỈNH PHÔI" in p, "Họ và tên" in p) for p in pages] == [(True, True)] * 3


def test_render_calibration_single_kind():
    pages = pdf_text(render_calibration(kinds=["giay_khen"]))

    assert (len(pages), "Giấy khen" in pages[0]) == (1, True)


def test_local_only_fetcher_refuses_network_urls():
    from app.certificates import pdf_engine

    with pytest.raises(ValueError):
        pdf_engine.local_only_fetcher()("http://169.254.169.254/latest/meta-data")


def test_render_one_from_several_threads_all_print():
    from concurrent.futures import ThreadPoolExecutor

    views = numbered_views()[:4]

    with ThreadPoolExecutor(max_workers=4) as threads:
        pdfs = list(threads.map(lambda v: render_one(v, base_url=BASE), views))

    assert [next(n for n in NAMES if n in pdf_text(p)[0]) for p in pdfs] == NAMES[:4]


OWNER_SCRIPT = """
import os
from app.certificates import render

if __name__ == "__main__":
    pool = render.warm_pool(2)
    print(" ".join(str(pid) for pid in pool._processes), flush=True)
    os._exit(9)  # killed: no pool shutdown, no atexit handlers
"""


def test_render_pool_workers_exit_when_owner_is_killed(tmp_path):
    import sys
    import time

    script = tmp_path / "owner.py"
    script.write_text(OWNER_SCRIPT)
    root = Path(render.__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=root, timeout=120
    )
    pids = [int(p) for p in out.stdout.split()]

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.2)

    alive = [p for p in pids if Path(f"/proc/{p}").exists()]
    assert (len(pids), alive) == (2, [])


# --- two layers ---------------------------------------------------------------------------------


def _raster(pdf: bytes, tmp_path: Path, name: str, dpi: int = 60) -> Image.Image:
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(tmp_path / f"{name}.pdf")]
        + [str(tmp_path / name)],
        check=True,
        timeout=60,
    )
    with Image.open(tmp_path / f"{name}.png") as image:
        return image.convert("L")


def _differing(a: Image.Image, b: Image.Image) -> int:
    """How many pixels of two greyscale pictures differ by more than a shade of anti-aliasing."""
    return ImageChops.difference(a, b).point(lambda v: 255 if v > 48 else 0).histogram()[255]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"subject": "collective", "recipient_position": None},
        {"kind": "giay_khen", "heading": "GIẤY KHEN"},
        {"kind": "giay_khen", "subject": "collective", "heading": "GIẤY KHEN"},
        {"kind": "chung_nhan_cstd", "heading": "GIẤY CHỨNG NHẬN", "award_name": "Chiến sĩ thi đua"},
        {"revoked": True},
        {"issuer_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN " * 3},  # a taller static part
        {"subject": "collective", "recipient_position": None, "achievement": LONG},  # refitted
    ],
)
def test_two_layers_print_the_same_picture_as_the_sheet_in_one_piece(changes, tmp_path):
    view = make_view(**changes)

    whole = _raster(render_one(view, base_url=BASE, layered=False), tmp_path, "whole")
    layered = _raster(render_one(view, base_url=BASE, layered=True), tmp_path, "layered")

    assert whole.size == layered.size
    assert _differing(whole, layered) <= whole.size[0] * whole.size[1] // 2000  # anti-aliasing


def test_with_signature_the_seal_is_in_the_static_layer_and_shows(tmp_path):
    view = make_view()

    whole = _raster(
        render_one(view, base_url=BASE, with_signature=True, layered=False), tmp_path, "w"
    )
    layered = _raster(render_one(view, base_url=BASE, with_signature=True), tmp_path, "l")
    plain = _raster(render_one(view, base_url=BASE), tmp_path, "p")

    assert _differing(layered, plain) > 1000  # the seal and the signature
    assert _differing(whole, layered) <= whole.size[0] * whole.size[1] // 2000


def test_a_decision_static_layer_is_one_object_shared_by_its_pages():
    views = [make_view(serial=f"2022-{i:06d}", recipient_name=f"Người {i}") for i in range(4)]
    views.append(make_view(kind="giay_khen", heading="GIẤY KHEN", serial="2022-000999"))

    reader = PdfReader(io.BytesIO(render_batch(views, base_url=BASE)))

    drawn = []  # the form XObject each page draws first, under everything else
    for page in reader.pages:
        first = page["/Contents"][0].get_object().get_data().split()
        assert first[0] == b"q" and first[2] == b"Do", first
        ref = page["/Resources"]["/XObject"].raw_get(first[1].decode())
        assert ref.get_object()["/Subtype"] == "/Form"
        drawn.append(ref.idnum)
    assert drawn[0] == drawn[1] == drawn[2] == drawn[3] != drawn[4]
    texts = pdf_text(render_batch(views, base_url=BASE))
    assert all("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in t for t in texts)
    assert ["Người 2" in t for t in texts] == [False, False, True, False, False]


# --- the deployer's images ---------------------------------------------------------------------


def _pixels_of(pdf: bytes, rgb: tuple[int, int, int], tmp_path: Path) -> int:
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    out = tmp_path / "sheet"
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-singlefile", str(tmp_path / "sheet.pdf"), str(out)],
        check=True,
        timeout=60,
    )
    with Image.open(f"{out}.png") as image:
        raw = image.convert("RGB").tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    return sum(1 for p in pixels if all(abs(a - b) < 40 for a, b in zip(p, rgb, strict=True)))


def test_a_replaced_emblem_prints_at_once(tmp_path):
    """The deployer's emblem prints instead of the placeholder, and replacing the file while the
    service runs prints the new one: no cache (images, static layers, PDFs) keeps the old."""
    from app.core.config import get_settings

    folder = get_settings().data_dir / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    emblem = folder / "emblem.png"
    green, magenta = (0, 255, 0), (255, 0, 255)
    try:
        Image.new("RGB", (60, 60), green).save(emblem)
        first_key = render.cache_key(make_view(), base_url=BASE)
        first = render_one(make_view(), base_url=BASE)

        Image.new("RGB", (64, 64), magenta).save(emblem)
        second = render_one(make_view(), base_url=BASE)

        assert _pixels_of(first, green, tmp_path) > 20
        assert _pixels_of(first, magenta, tmp_path) == 0
        assert _pixels_of(second, magenta, tmp_path) > 20
        assert _pixels_of(second, green, tmp_path) == 0
        assert render.cache_key(make_view(), base_url=BASE) != first_key
    finally:
        emblem.unlink(missing_ok=True)
    placeholder = render_one(make_view(), base_url=BASE)
    assert _pixels_of(placeholder, magenta, tmp_path) == 0
