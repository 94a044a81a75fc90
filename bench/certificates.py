"""Certificate rendering benchmark: prints figures, asserts nothing (never part of the test suite).

    .venv/bin/python bench/certificates.py              # the full run (about two minutes)
    .venv/bin/python bench/certificates.py --quick      # smaller counts, for a smoke run

Measured side by side in one run, with the same template and fonts:
  (a) one document per certificate, sequential, one process (the baseline);
  (b) one document holding N certificates, one process;
  (c) render_parallel with 2 worker processes for 1,000 certificates, end to end (views in,
      merged PDF written to disk), with a cold pool (worker start-up included) and a warm one;
  (d) first render of a single certificate in a fresh process (cold), and after warm_up();
  (e) peak resident memory (VmHWM) of this process and of the workers.
Then the ablations: fonts (Liberation Serif vs DejaVu Serif), QR as PNG vs inline SVG, the garbage
collector paused or not, the chunk size, the start method of the workers.

Each row gives wall-clock seconds (what a user waits) and CPU milliseconds per certificate, this
process and its workers together (what the work costs, whatever else the machine is doing).
Results and their reading: bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
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
from typing import NamedTuple

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


class Run(NamedTuple):
    """One measurement: wall-clock seconds and CPU seconds (this process and its workers)."""

    wall: float
    cpu: float


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _workers_cpu() -> float:
    pool = render._pool
    return sum(_proc_cpu(pid) for pid in list(getattr(pool, "_processes", {}) or {}))


def measure(fn, *args, **kwargs) -> Run:
    wall0, cpu0, workers0 = time.perf_counter(), time.process_time(), _workers_cpu()
    fn(*args, **kwargs)
    return Run(
        time.perf_counter() - wall0,
        time.process_time() - cpu0 + max(0.0, _workers_cpu() - workers0),
    )


def one_per_document(views, **kw) -> None:
    for view in views:
        render.render_one(view, **kw)


def naive_one_per_document(views) -> None:
    """What a first attempt does: a new FontConfiguration and stylesheet for every document."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    css_text = render._certificate_css_text(render._formats_key(None), render.FONT_FAMILY)
    base = render.STATIC_DIR.as_uri() + "/"
    for view in views:
        fonts = FontConfiguration()
        css = CSS(string=css_text, font_config=fonts)
        html = render.render_html([view])
        HTML(string=html, base_url=base).write_pdf(stylesheets=[css], font_config=fonts)


def one_document(views, **kw) -> None:
    render.render_batch(views, **kw)


def best_of(repeats: int, fn, *args, **kwargs) -> Run:
    """The fastest of a few runs (least disturbed by other work on the machine)."""
    runs = [measure(fn, *args, **kwargs) for _ in range(repeats)]
    return min(runs, key=lambda r: r.wall)


COLD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from app.certificates import render
import weasyprint  # the renderer imports it on first use; count it apart from the render
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


def _vm_hwm_mib(pid: int | str) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def job_process(args: argparse.Namespace) -> None:
    """``--job``: this process plays the server running print jobs; prints one JSON line."""
    import multiprocessing.forkserver as mp_forkserver

    views = make_views(args.total)
    if not args.cold:
        render.warm_pool(args.processes, args.start_method)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeats):
            wall0, cpu0, workers0 = time.perf_counter(), time.process_time(), _workers_cpu()
            result = render.render_parallel(
                views, processes=args.processes, chunk=args.chunk, start_method=args.start_method
            )
            Path(tmp, "job.pdf").write_bytes(result.pdf)
            assert not result.failed, result.failed[:3]
            # A cold pool's workers did not exist before the job: all their CPU is the job's.
            runs.append(
                (
                    time.perf_counter() - wall0,
                    time.process_time() - cpu0 + _workers_cpu() - workers0,
                )
            )
    pool = render._pool
    workers = sum(_vm_hwm_mib(pid) for pid in list(getattr(pool, "_processes", {}) or {}))
    server_pid = getattr(mp_forkserver._forkserver, "_forkserver_pid", None)
    fork_server = _vm_hwm_mib(server_pid) if server_pid else 0.0
    render.shutdown_pool()
    print(
        json.dumps(
            {
                "runs": runs,
                "parent_mib": _vm_hwm_mib("self"),
                "workers_mib": workers,
                "fork_server_mib": fork_server,
            }
        )
    )


def parallel_job(
    total: int,
    *,
    processes: int,
    chunk: int | None = None,
    cold: bool = False,
    start_method: str = "forkserver",
    repeats: int = 1,
) -> dict:
    """Run print jobs in a fresh process (as the server would) and return its JSON report."""
    cmd = [sys.executable, __file__, "--job", "--total", str(total)]
    cmd += ["--processes", str(processes), "--start-method", start_method]
    cmd += ["--repeats", str(repeats)] + (["--cold"] if cold else [])
    cmd += ["--chunk", str(chunk)] if chunk else []
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        cmd, capture_output=True, text=True, check=True, timeout=1800
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    report["runs"] = [Run(*r) for r in report["runs"]]
    return report


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


def fmt_row(label: str, count: int, run: Run, baseline: float | None) -> str:
    rate = count / run.wall
    ratio = f"{rate / baseline:5.2f}×" if baseline else "    —"
    cpu_ms = run.cpu * 1000 / count
    return f"{label:<60} {count:>5} {run.wall:>8.2f} {rate:>8.1f} {ratio:>7} {cpu_ms:>8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--total", type=int, default=1000, help="certificates in the print job")
    parser.add_argument("--job", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--chunk", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--start-method", default="forkserver", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.job:
        job_process(args)
        return

    n_single = 40 if args.quick else 100
    n_doc = 100 if args.quick else 200
    total = 200 if args.quick else args.total
    repeats = 1 if args.quick else 3
    procs = args.processes

    print(f"thidua certificate benchmark — {dt.datetime.now().isoformat(timespec='seconds')}")
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs "
        f"(usable {render.processes_available()}), Python {platform.python_version()}, "
        f"load average at start {os.getloadavg()[0]:.2f}"
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

    header = f"{'':<60} {'certs':>5} {'seconds':>8} {'certs/s':>8} {'vs (a)':>7} {'CPU ms':>8}"
    rows = [header, f"{'':<60} {'':>5} {'(wall)':>8} {'':>8} {'':>7} {'/cert':>8}"]
    rows.append("-" * len(header))

    a = best_of(repeats, one_per_document, views[:n_single], layered=False)
    rows.append(fmt_row("(a) one document per certificate, 1 process", n_single, a, None))
    base = n_single / a.wall
    naive = best_of(repeats, naive_one_per_document, views[:n_single])
    rows.append(
        fmt_row("(a′) the same, new FontConfiguration + CSS each time", n_single, naive, base)
    )
    run = best_of(repeats, one_per_document, views[:n_single])
    rows.append(fmt_row("(a″) one document per certificate, in two layers", n_single, run, base))
    run = best_of(repeats, one_document, views[:n_doc], layered=False)
    rows.append(fmt_row(f"(b′) one document of {n_doc}, in one piece", n_doc, run, base))
    b = best_of(repeats, one_document, views[:n_doc])
    rows.append(fmt_row(f"(b) one document of {n_doc}, in two layers", n_doc, b, base))
    b_all = measure(one_document, views[:total])
    rows.append(fmt_row(f"(b) one document of {total}, 1 process", total, b_all, base))

    c_cold = parallel_job(total, processes=procs, cold=True)["runs"][0]
    rows.append(fmt_row(f"(c) render_parallel, {procs} processes, cold pool", total, c_cold, base))
    job = parallel_job(total, processes=procs, repeats=repeats)
    c_warm = sorted(job["runs"], key=lambda r: r.wall)[len(job["runs"]) // 2]
    rows.append(
        fmt_row(
            f"(c) render_parallel, {procs} processes, warm pool (median of {repeats})",
            total,
            c_warm,
            base,
        )
    )
    chunk_default = render.default_chunk(total, procs)
    for chunk in () if args.quick else (25, 100):
        run = parallel_job(total, processes=procs, chunk=chunk)["runs"][0]
        rows.append(fmt_row(f"    warm, chunk {chunk} (default {chunk_default})", total, run, base))
    run = parallel_job(total, processes=procs, cold=True, start_method="fork")["runs"][0]
    rows.append(fmt_row("    cold pool, start method fork", total, run, base))

    rows.append("")
    rows.append("ablations, one process:")
    for family in ('"Liberation Serif", serif', '"DejaVu Serif", serif'):
        label = family.split(",")[0].strip('"')
        run = best_of(
            repeats, one_per_document, views[:n_single], font_family=family, layered=False
        )
        rows.append(fmt_row(f"(a) one per document, {label} only", n_single, run, base))
        run = best_of(repeats, one_document, views[:n_doc], font_family=family)
        rows.append(fmt_row(f"(b) one document of {n_doc}, {label} only", n_doc, run, base))
    with qr_format("svg"):
        run = best_of(repeats, one_document, views[:n_doc])
    rows.append(fmt_row(f"(b) one document of {n_doc}, QR as inline SVG", n_doc, run, base))
    with gc_not_paused():
        run = best_of(repeats, one_document, views[:n_doc])
    rows.append(fmt_row(f"(b) one document of {n_doc}, collector not paused", n_doc, run, base))

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
        f"warm_up {medw['warm_up'] * 1000:.0f} ms (import included), then first render "
        f"{medw['first_after_warm_up'] * 1000:.0f} ms"
    )
    peak = job["parent_mib"] + job["workers_mib"] + job["fork_server_mib"]
    print(
        f"(e) peak RSS (VmHWM) of the warm print-job run: job process {job['parent_mib']:.0f} MiB, "
        f"{procs} workers {job['workers_mib']:.0f} MiB together, fork server "
        f"{job['fork_server_mib']:.0f} MiB → at most {peak:.0f} MiB (shared pages counted twice)"
    )
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"    (this benchmark process, which ran every one-process row: {me:.0f} MiB)")
    print()
    rate = total / c_warm.wall
    print(
        f"targets: ≥ 80 certs/s for {total} on {procs} cores → {rate:.1f} warm, "
        f"{total / c_cold.wall:.1f} cold; ≥ 4× (a) → {rate / base:.2f}× "
        f"(vs (a′): {rate / (n_single / naive.wall):.2f}×); peak < 1 GiB → {peak:.0f} MiB; "
        f"first render < 300 ms → {med['first'] * 1000:.0f} ms cold, "
        f"{medw['first_after_warm_up'] * 1000:.0f} ms after warm_up()"
    )
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
