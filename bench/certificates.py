"""Certificate rendering benchmark: prints figures, asserts nothing (never part of the test suite).

    .venv/bin/python bench/certificates.py              # the full run (about two minutes)
    .venv/bin/python bench/certificates.py --quick      # smaller counts, for a smoke run

Measured side by side in one run, with the same template and fonts:
  (a) one document per certificate, sequential, one process (the baseline);
  (b) one document holding N certificates, one process;
  (c) render_parallel with 2 worker processes for 1,000 certificates, end to end (views in,
      merged PDF written to disk), with a cold pool (worker start-up included) and a warm one;
  (d) first render of a single certificate in a fresh process (cold), and after warm_up();
  (e) peak resident memory of this process and of the largest worker (resource.getrusage).
Then the ablations: fonts (Liberation Serif vs DejaVu Serif), QR as PNG vs inline SVG, the garbage
collector paused or not, and the chunk size.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.certificates import pdf_engine, render  # noqa: E402
from app.certificates.render import CertificateView  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Hoàng", "Lường", "Nông", "Vi", "Lý", "Đỗ", "Hà", "Lương", "Triệu"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Ánh", "Minh", "Thị Thúy", "Quang", "Hữu", "Thị Ngọc"]
GIVEN = ["Tuyết", "Đức", "Hằng", "Hưng", "Ướng", "Duyên", "Thắng", "Phương", "Lộc", "Ánh", "Sơn"]
UNITS = [
    "Sở Nội vụ tỉnh Lạng Sơn",
    "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn",
    "Ủy ban nhân dân huyện Cao Lộc",
    "Công an tỉnh Lạng Sơn",
    "Bệnh viện Đa khoa tỉnh Lạng Sơn",
]
POSITIONS = ["Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng Tổ chức cán bộ", "Giáo viên", None]
COLLECTIVES = [
    "Phòng Tổ chức cán bộ",
    "Trường Tiểu học Thị trấn Cao Lộc",
    "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
    "Khoa Hồi sức tích cực - Chống độc",
]
ACHIEVEMENTS = [
    "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2022",
    "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2022, góp phần vào sự "
    "nghiệp xây dựng và phát triển kinh tế - xã hội của tỉnh Lạng Sơn",
    "Đã có thành tích xuất sắc trong công tác cải cách hành chính, chuyển đổi số và triển khai "
    "Đề án 06 năm 2022, góp phần vào sự nghiệp xây dựng và phát triển kinh tế - xã hội, bảo đảm "
    "quốc phòng, an ninh của tỉnh",
]


def make_views(n: int, kind: str = "bang_khen") -> list[CertificateView]:
    """N realistic certificates of one decision: mostly people, some collectives."""
    views = []
    for i in range(n):
        collective = i % 7 == 3
        name = (
            COLLECTIVES[i % len(COLLECTIVES)]
            if collective
            else f"{FAMILY[i % 11]} {MIDDLE[(i // 11) % 9]} {GIVEN[(i // 3) % 11]}"
        )
        views.append(
            CertificateView(
                kind=kind,
                subject="collective" if collective else "individual",
                issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
                heading={"bang_khen": "BẰNG KHEN", "giay_khen": "GIẤY KHEN"}.get(
                    kind, "GIẤY CHỨNG NHẬN"
                ),
                award_name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                recipient_name=name,
                recipient_position=None if collective else POSITIONS[i % len(POSITIONS)],
                recipient_unit=UNITS[i % len(UNITS)],
                achievement=ACHIEVEMENTS[i % len(ACHIEVEMENTS)],
                decision_number="163/QĐ-UBND",
                decision_date=dt.date(2023, 2, 5),
                serial=f"2022-{i + 1:06d}",
                verify_code=f"{i:05d}K7Q2M9XD4HRT",
                place="Lạng Sơn",
                signer_title="CHỦ TỊCH",
                signer_name="Hồ Tiến Thiệu",
            )
        )
    return views


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def one_per_document(views, **kw) -> float:
    seconds, _ = timed(lambda: [render.render_one(v, **kw) for v in views])
    return seconds


def naive_one_per_document(views) -> float:
    """What a first attempt does: a new FontConfiguration and stylesheet for every document."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    css_text = render._certificate_css_text(render._formats_key(None), render.FONT_FAMILY)
    base = render.STATIC_DIR.as_uri() + "/"
    start = time.perf_counter()
    for view in views:
        fonts = FontConfiguration()
        css = CSS(string=css_text, font_config=fonts)
        html = render.render_html([view])
        HTML(string=html, base_url=base).write_pdf(stylesheets=[css], font_config=fonts)
    return time.perf_counter() - start


def one_document(views, **kw) -> float:
    seconds, _ = timed(render.render_batch, views, **kw)
    return seconds


def best_of(repeats: int, fn, *args, **kwargs) -> float:
    return min(fn(*args, **kwargs) for _ in range(repeats))


COLD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from app.certificates import render
sys.path.insert(0, {bench!r})
from certificates import make_views
t1 = time.perf_counter()
view = make_views(1)[0]
a = time.perf_counter(); render.render_one(view); b = time.perf_counter()
render.render_one(make_views(2)[1]); c = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "first": b - a, "second": c - b}}))
"""

WARM_SCRIPT = """
import json, sys, time
sys.path.insert(0, {root!r})
from app.certificates import render
sys.path.insert(0, {bench!r})
from certificates import make_views
t0 = time.perf_counter(); render.warm_up(); t1 = time.perf_counter()
view = make_views(1)[0]
a = time.perf_counter(); render.render_one(view); b = time.perf_counter()
print(json.dumps({{"warm_up": t1 - t0, "first_after_warm_up": b - a}}))
"""


def fresh_process(script: str) -> dict[str, float]:
    code = script.format(root=str(ROOT), bench=str(Path(__file__).parent))
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def parallel(views, *, processes: int, chunk: int | None, cold: bool, start_method: str) -> float:
    if cold:
        render.shutdown_pool()
    else:
        pool = render.get_pool(processes, start_method)
        # Make sure every worker has started and warmed up before the clock starts.
        list(pool.map(abs, range(processes * 4)))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = render.render_parallel(
            views, processes=processes, chunk=chunk, start_method=start_method
        )
        Path(tmp, "job.pdf").write_bytes(result.pdf)
        seconds = time.perf_counter() - start
    assert not result.failed, result.failed[:3]
    return seconds


def workers_peak_mib() -> float:
    """Sum of the peak RSS (VmHWM) of the pool's live worker processes."""
    pool = render._pool
    total = 0.0
    for pid in list(getattr(pool, "_processes", {}) or {}):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
    return total


@contextlib.contextmanager
def gc_not_paused():
    original = pdf_engine.gc_paused
    pdf_engine.gc_paused = contextlib.nullcontext
    try:
        yield
    finally:
        pdf_engine.gc_paused = original


@contextlib.contextmanager
def qr_format(fmt: str):
    original = render.QR_FORMAT
    render.QR_FORMAT = fmt
    try:
        yield
    finally:
        render.QR_FORMAT = original


def fmt_row(label: str, count: int, seconds: float, baseline: float | None) -> str:
    rate = count / seconds
    ratio = f"{rate / baseline:5.2f}×" if baseline else "    —"
    return f"{label:<58} {count:>5} {seconds:>8.2f} {rate:>9.1f} {ratio:>7}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--total", type=int, default=1000, help="certificates in the print job")
    args = parser.parse_args()

    n_single = 40 if args.quick else 100
    n_doc = 100 if args.quick else 200
    total = 200 if args.quick else args.total
    repeats = 1 if args.quick else 3

    print(f"thidua certificate benchmark — {dt.datetime.now().isoformat(timespec='seconds')}")
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs "
        f"(usable {render.processes_available()}), Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    import weasyprint

    print(f"WeasyPrint {weasyprint.__version__}, fonts: {render.FONT_FAMILY}")
    fc = subprocess.run(
        ["fc-match", "Times New Roman"],  # noqa: S607 - fixed arguments
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print(f'fc-match "Times New Roman" -> {fc}')
    print()

    cold = [fresh_process(COLD_SCRIPT) for _ in range(3)]
    warm = [fresh_process(WARM_SCRIPT) for _ in range(3)]

    render.warm_up()  # this process: imports, fonts, stylesheet
    views = make_views(max(total, n_doc, n_single))

    header = f"{'':<58} {'certs':>5} {'seconds':>8} {'certs/s':>9} {'vs (a)':>7}"
    rows = [header, "-" * len(header)]

    a = best_of(repeats, one_per_document, views[:n_single])
    rows.append(fmt_row("(a) one document per certificate, 1 process", n_single, a, None))
    base = n_single / a
    naive = best_of(repeats, naive_one_per_document, views[:n_single])
    rows.append(
        fmt_row("(a′) the same, new FontConfiguration + CSS per document", n_single, naive, base)
    )
    b = best_of(repeats, one_document, views[:n_doc])
    rows.append(fmt_row(f"(b) one document of {n_doc}, 1 process", n_doc, b, base))
    b1000 = one_document(views[:total])
    rows.append(fmt_row(f"(b) one document of {total}, 1 process", total, b1000, base))

    c_cold = parallel(
        views[:total], processes=args.processes, chunk=None, cold=True, start_method="forkserver"
    )
    rows.append(
        fmt_row(
            f"(c) render_parallel, {args.processes} processes, cold pool (forkserver)",
            total,
            c_cold,
            base,
        )
    )
    c_warm = [
        parallel(
            views[:total],
            processes=args.processes,
            chunk=None,
            cold=False,
            start_method="forkserver",
        )
        for _ in range(repeats)
    ]
    rows.append(
        fmt_row(
            f"(c) render_parallel, {args.processes} processes, warm pool (median of {repeats})",
            total,
            statistics.median(c_warm),
            base,
        )
    )
    c_default_chunk = render.default_chunk(total, args.processes)
    for chunk in (25, 100) if not args.quick else ():
        seconds = parallel(
            views[:total],
            processes=args.processes,
            chunk=chunk,
            cold=False,
            start_method="forkserver",
        )
        rows.append(fmt_row(f"    chunk {chunk} (default {c_default_chunk})", total, seconds, base))
    workers_peak = workers_peak_mib()
    render.shutdown_pool()
    seconds = parallel(
        views[:total], processes=args.processes, chunk=None, cold=True, start_method="fork"
    )
    rows.append(fmt_row("    cold pool, start method fork", total, seconds, base))
    workers_peak = max(workers_peak, workers_peak_mib())
    render.shutdown_pool()

    rows.append("")
    rows.append("ablations, one process:")
    for family in ('"Liberation Serif", serif', '"DejaVu Serif", serif'):
        label = family.split(",")[0].strip('"')
        seconds = best_of(repeats, one_per_document, views[:n_single], font_family=family)
        rows.append(fmt_row(f"(a) one per document, {label}", n_single, seconds, base))
        seconds = best_of(repeats, one_document, views[:n_doc], font_family=family)
        rows.append(fmt_row(f"(b) one document of {n_doc}, {label}", n_doc, seconds, base))
    with qr_format("svg"):
        seconds = best_of(repeats, one_document, views[:n_doc])
    rows.append(fmt_row(f"(b) one document of {n_doc}, QR as inline SVG", n_doc, seconds, base))
    with gc_not_paused():
        seconds = best_of(repeats, one_document, views[:n_doc])
    rows.append(
        fmt_row(f"(b) one document of {n_doc}, garbage collector not paused", n_doc, seconds, base)
    )

    print("\n".join(rows))
    print()
    med = {k: statistics.median(r[k] for r in cold) for k in cold[0]}
    print(
        "(d) fresh process, median of 3: "
        f"import {med['import'] * 1000:.0f} ms, first render {med['first'] * 1000:.0f} ms, "
        f"second render {med['second'] * 1000:.0f} ms"
    )
    medw = {k: statistics.median(r[k] for r in warm) for k in warm[0]}
    print(
        "    with warm_up() at start-up: "
        f"warm_up {medw['warm_up'] * 1000:.0f} ms, then first render "
        f"{medw['first_after_warm_up'] * 1000:.0f} ms"
    )
    gc.collect()
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak = me + workers_peak
    print(
        f"(e) peak RSS (VmHWM): this process {me:.0f} MiB (it also ran the one-process rows), "
        f"workers together {workers_peak:.0f} MiB → {peak:.0f} MiB; "
        f"largest waited-for child {kids:.0f} MiB"
    )
    print()
    rate_c = total / statistics.median(c_warm)
    print(
        f"targets: ≥ 80 certs/s for {total} on {args.processes} cores → "
        f"{rate_c:.1f} (warm), {total / c_cold:.1f} (cold); "
        f"≥ 4× (a) → {rate_c / base:.2f}× (warm), {total / c_cold / base:.2f}× (cold), "
        f"{rate_c / (n_single / naive):.2f}× (a′); "
        f"peak < 1 GiB → {peak:.0f} MiB; "
        f"first render < 300 ms → {med['first'] * 1000:.0f} ms cold, "
        f"{medw['first_after_warm_up'] * 1000:.0f} ms after warm_up"
    )


if __name__ == "__main__":
    main()
