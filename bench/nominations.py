"""Benchmark: listing nominations (GET /api/v1/nominations) and ingesting dossiers.

Issue 4, "Performance": with 100,000 nominations in SQLite, listing 50 with filters must hold
p95 < 50 ms at 16 concurrent connections on one worker, and reach at least 30 % of the
throughput of a bare FastAPI endpoint on the same machine, measured side by side in one run.
Ingest of 500 dossiers x 10 nominations from 16 concurrent clients completes without an error.

    .venv/bin/python bench/nominations.py [--rows 100000] [--concurrency 16] [--seconds 20]

What it does, in a fresh temporary directory (nothing outside it is touched):
1. ``thidua migrate`` and ``thidua demo-data`` on a new SQLite file, then a bulk insert (one
   transaction, executemany) of realistic dossiers, people and ``--rows`` nominations.
2. Starts the real service (``thidua serve``, one worker) and, side by side, a bare FastAPI app
   (:func:`make_bare_app`, served by the same uvicorn with the same settings) whose endpoints
   return a page of 50 nominations captured from the real service: as a dict (``dict``), through
   the same response model (``model``) and as pre-serialised bytes (``bytes``).
3. A closed-loop load generator (``--concurrency`` keep-alive connections) sends the same mix
   of filtered list requests to every target, in interleaved rounds so that all targets share
   the machine's noise; it prints latency percentiles, requests per second, CPU spent per
   request by each server, and the ratios.
4. With ``--profile`` (on by default), in this process while the servers idle: a cProfile of
   300 list requests through the ASGI app (CPU time by package and top functions), the phases
   of one list request per kind (auth, list query, context queries, building the items,
   validation and JSON), and the SQL each kind runs with SQLite's plan for it.
5. Ingest: ``--dossiers`` dossiers of ``--per-dossier`` nominations each, created with
   POST /api/v1/dossiers by ``--concurrency`` concurrent clients (donvi1 and donvi2 in turn,
   unique Idempotency-Key, inline people with unique citizen IDs); with ``--submit`` each
   dossier also gets its tờ trình (a minimal PDF) and is submitted.

It prints figures and never asserts. The load generator runs on the same machine as the
servers and takes CPU from them: the report says how much.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import platform
import random
import re
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# `thidua ...`, run as a module so that the checkout this file is in provides `app`.
THIDUA = [sys.executable, "-m", "app.cli"]

# ------------------------------------------------------------------------------ the bare app

BARE_PAGE_ENV = "THIDUA_BENCH_BARE_PAGE"


def make_bare_app():
    """A bare FastAPI app (uvicorn factory): no database, no auth, a precomputed page.

    ``/bare/dict`` returns the page as a dict (FastAPI encodes it on every request),
    ``/bare/model`` returns it as a ``Page[NominationRead]`` through ``response_model`` (the
    same validation and JSON path as the real endpoint), ``/bare/bytes`` returns the JSON bytes.
    """
    from fastapi import FastAPI, Response

    raw = Path(os.environ[BARE_PAGE_ENV]).read_bytes()
    page_dict = json.loads(raw)

    from app.core.pagination import Page
    from app.nominations.schemas import NominationRead

    page_model = Page[NominationRead].model_validate(page_dict)

    app = FastAPI(title="bare")

    @app.get("/bare/dict")
    def bare_dict() -> dict:
        return page_dict

    @app.get("/bare/model", response_model=Page[NominationRead])
    def bare_model() -> Page[NominationRead]:
        return page_model

    @app.get("/bare/bytes")
    def bare_bytes() -> Response:
        return Response(raw, media_type="application/json")

    return app


# ------------------------------------------------------------------------------ realistic data

FAMILY = [
    ("Nguyễn", 20),
    ("Hoàng", 9),
    ("Nông", 7),
    ("Lương", 5),
    ("Vi", 5),
    ("Trần", 6),
    ("Lê", 5),
    ("Phạm", 3),
    ("Lăng", 3),
    ("Lộc", 3),
    ("Triệu", 3),
    ("Chu", 2),
    ("Mã", 2),
    ("Hà", 3),
    ("Đinh", 2),
    ("Lục", 2),
    ("Hứa", 2),
    ("Bế", 2),
    ("Vũ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 2),
    ("Phan", 2),
    ("Tô", 1),
    ("Đàm", 1),
    ("Ma", 1),
]
MIDDLE_M = [
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Xuân",
    "Thanh",
    "Ngọc",
    "Công",
    "Mạnh",
    "Tiến",
    "Đình",
    "Quốc",
]
MIDDLE_F = [
    "Thị",
    "Thị",
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Hồng",
    "Kim",
    "Minh",
    "Phương",
    "Thúy",
    "Thị Thu",
    "Thị Hồng",
    "Diệu",
    "Bích",
]
GIVEN_M = [
    "Thắng",
    "Đức",
    "Sơn",
    "Hùng",
    "Dũng",
    "Tuấn",
    "Long",
    "Cường",
    "Toàn",
    "Minh",
    "Hải",
    "Bình",
    "Khánh",
    "Tùng",
    "Quyết",
    "Giang",
    "Điệp",
    "Huy",
    "Hưng",
    "Phúc",
    "Việt",
    "Trường",
    "Nam",
    "Thành",
    "Quân",
    "Kiên",
    "Lâm",
    "Tâm",
    "Hiếu",
    "Đạt",
    "Lực",
    "Thịnh",
    "Vượng",
    "Chiến",
    "Nghĩa",
]
GIVEN_F = [
    "Hoa",
    "Lan",
    "Hương",
    "Mai",
    "Trang",
    "Hạnh",
    "Phương",
    "Thảo",
    "Linh",
    "Yến",
    "Nga",
    "Thủy",
    "Huyền",
    "Điệp",
    "Hà",
    "Nhung",
    "Loan",
    "Thúy",
    "Hằng",
    "Ngọc",
    "Liên",
    "Dung",
    "Vân",
    "Oanh",
    "Quỳnh",
    "Trâm",
    "Xuân",
    "Thơm",
    "Duyên",
    "Hiền",
    "Luyến",
    "Nguyệt",
    "Tuyết",
    "Ánh",
    "Chinh",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Giáo viên",
    "Bác sĩ",
    "Điều dưỡng",
    "Kế toán",
    "Cán bộ",
    "Phó Giám đốc",
    "Kỹ sư",
    "Đại úy",
    "Thiếu tá",
    "Văn thư",
    "Kiểm soát viên",
    "Thanh tra viên",
]
ACHIEVEMENT_SENTENCES = [
    "Hoàn thành xuất sắc nhiệm vụ được giao năm {y}.",
    "Có sáng kiến “Cải tiến quy trình tiếp nhận hồ sơ một cửa” được Hội đồng sáng kiến cơ sở "
    "công nhận, áp dụng hiệu quả tại đơn vị.",
    "Tích cực tham gia phong trào thi đua “Lạng Sơn chung sức xây dựng nông thôn mới”.",
    "Chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; có phẩm chất "
    "đạo đức tốt, đoàn kết, gương mẫu.",
    "Tham gia đầy đủ các lớp bồi dưỡng chuyên môn, nghiệp vụ; tích cực học tập nâng cao trình "
    "độ lý luận chính trị.",
    "Được đánh giá, xếp loại Hoàn thành xuất sắc nhiệm vụ năm {y}.",
    "Chủ trì xây dựng đề án chuyển đổi số của đơn vị, rút ngắn 30 % thời gian giải quyết thủ "
    "tục hành chính.",
    "Tham gia công tác phòng, chống dịch bệnh và hỗ trợ nhân dân các xã biên giới.",
    "Đơn vị phụ trách hoàn thành 100 % chỉ tiêu kế hoạch năm {y} được giao.",
    "Không có cán bộ, công chức vi phạm kỷ luật; nội bộ đoàn kết, thống nhất.",
    "Thực hiện tốt quy chế dân chủ ở cơ sở; tích cực tham gia các hoạt động xã hội, từ thiện.",
    "Tham mưu hiệu quả cho lãnh đạo trong công tác cải cách hành chính.",
]
INELIGIBLE_NOTES = [
    "Chưa đủ số năm liên tục đạt danh hiệu Lao động tiên tiến.",
    "Thiếu tờ trình và biên bản họp Hội đồng thi đua, khen thưởng cơ sở.",
    "Sáng kiến chưa được cấp có thẩm quyền công nhận.",
    "Tỷ lệ phiếu bầu tại cơ sở chưa đạt yêu cầu.",
]
COLLECTIVE_PREFIX = [
    "Phòng Tổ chức - Hành chính",
    "Phòng Kế hoạch - Tài chính",
    "Văn phòng",
    "Phòng Nghiệp vụ",
    "Phòng Thanh tra",
    "Phòng Chuyên môn",
    "Đội Kiểm tra",
    "Tổ Công tác",
]

IND_AWARDS = [("LDTT", 30), ("CSTDCS", 30), ("GIAY_KHEN", 20), ("BK_TINH", 15), ("CSTD_TINH", 5)]
COL_AWARDS = [
    ("TTLDTT", 40),
    ("GIAY_KHEN_TT", 20),
    ("BK_TINH_TT", 20),
    ("TTLDXS", 15),
    ("CO_TINH", 5),
]
YEARS = [(2021, 20), (2022, 25), (2023, 27), (2024, 28)]
# Status of a nomination in a submitted dossier, by year: old years are mostly decided.
STATUS_BY_YEAR = {
    2021: [
        ("decided", 55),
        ("approved", 4),
        ("rejected", 8),
        ("ineligible", 12),
        ("eligible", 5),
        ("revoked", 2),
        ("in_council", 3),
        ("submitted", 11),
    ],
    2022: [
        ("decided", 50),
        ("approved", 5),
        ("rejected", 8),
        ("ineligible", 12),
        ("eligible", 7),
        ("revoked", 2),
        ("in_council", 4),
        ("submitted", 12),
    ],
    2023: [
        ("decided", 30),
        ("approved", 10),
        ("rejected", 6),
        ("ineligible", 10),
        ("eligible", 15),
        ("revoked", 2),
        ("in_council", 10),
        ("submitted", 17),
    ],
    2024: [
        ("submitted", 45),
        ("eligible", 25),
        ("ineligible", 10),
        ("in_council", 12),
        ("approved", 5),
        ("rejected", 3),
    ],
}
LISTABLE_STATUSES = [
    "submitted",
    "returned",
    "eligible",
    "ineligible",
    "in_council",
    "approved",
    "rejected",
    "decided",
    "revoked",
]


def _pick(rng: random.Random, weighted):
    names = [n for n, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(names, weights)[0]


def person_name(rng: random.Random) -> tuple[str, str]:
    gender = "nu" if rng.random() < 0.48 else "nam"
    family = _pick(rng, FAMILY)
    if gender == "nu":
        name = f"{family} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
    else:
        name = f"{family} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return name, gender


def achievement(rng: random.Random, year: int) -> str:
    return " ".join(s.format(y=year) for s in rng.sample(ACHIEVEMENT_SENTENCES, rng.randint(3, 5)))


def collective_facts(rng: random.Random, *, is_enterprise: bool) -> dict:
    total = rng.randint(8, 120)
    ldtt = int(total * rng.uniform(0.6, 0.95))
    facts = {
        "rating": rng.choice(["hoan_thanh_xuat_sac", "hoan_thanh_tot"]),
        "members_total": total,
        "members_completed_tasks": total - rng.randint(0, min(3, total)),
        "members_ldtt": ldtt,
        "members_cstdcs": int(ldtt * rng.uniform(0.1, 0.3)),
        "members_disciplined": {} if rng.random() < 0.9 else {"khien_trach": 1},
        "unity": True,
        "grassroots_democracy": True,
        "led_cluster": rng.random() < 0.1,
        "consecutive_excellent_years": None if rng.random() < 0.5 else rng.randint(1, 5),
    }
    return {"is_enterprise": is_enterprise, "facts": facts}


def ts(value) -> str:
    """How SQLAlchemy stores a UTC datetime in SQLite."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def citizen_id(serial: int, gender: str, birth_year: int) -> str:
    # 3 digits of the province (020 = Lạng Sơn), gender and century, 2 of the year, 6 serial.
    century_gender = (0 if gender == "nam" else 1) + (2 if birth_year >= 2000 else 0)
    return f"020{century_gender}{birth_year % 100:02d}{serial:06d}"


# ------------------------------------------------------------------------------ setup


@dataclass
class Env:
    tmp: Path
    db_path: Path
    env: dict[str, str]


def make_env(tmp: Path) -> Env:
    db_path = tmp / "bench.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env.update(
        THIDUA_ENV="development",
        THIDUA_DATABASE_URL=f"sqlite:///{db_path}",
        THIDUA_DATA_DIR=str(tmp / "data"),
        THIDUA_SECRET_KEY=uuid.uuid4().hex + uuid.uuid4().hex,
        PYTHONDONTWRITEBYTECODE="1",
        # The code of this checkout, not whatever the venv's editable install points at.
        PYTHONPATH=str(REPO),
    )
    return Env(tmp=tmp, db_path=db_path, env=env)


def run_cli(env: Env, *args: str) -> float:
    t0 = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own fixed command line
        [*THIDUA, *args],
        cwd=REPO,
        env=env.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"thidua {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - t0


@dataclass
class Catalog:
    units: list[dict]
    campaigns: dict[str, int]
    awards: dict[str, int]
    users: dict[str, int]


def read_catalog(db_path: Path) -> Catalog:
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    units = [dict(r) for r in con.execute("SELECT id, code, name, kind, parent_id FROM units")]
    campaigns = {r["code"]: r["id"] for r in con.execute("SELECT id, code FROM campaigns")}
    awards = {r["code"]: r["id"] for r in con.execute("SELECT id, code FROM award_types")}
    users = {r["username"]: r["id"] for r in con.execute("SELECT id, username FROM users")}
    con.close()
    return Catalog(units, campaigns, awards, users)


def bulk_insert(db_path: Path, *, rows: int, seed: int) -> dict:
    """Insert dossiers, people, unit officers and ``rows`` nominations in one transaction."""
    import datetime as dt

    from app.core.text import fold

    rng = random.Random(seed)
    cat = read_catalog(db_path)
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA synchronous=NORMAL")
    t0 = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")

    # One unit officer per unit creates its dossiers (the demo's donvi1 and donvi2 for theirs).
    demo_officers = {"SO_Y_TE": cat.users["donvi1"], "H_CAO_LOC": cat.users["donvi2"]}
    password_hash = con.execute(
        "SELECT password_hash FROM users WHERE username='donvi1'"
    ).fetchone()[0]
    now = dt.datetime.now(dt.UTC)
    officer_of: dict[int, int] = {}
    for unit in cat.units:
        if unit["code"] in demo_officers:
            officer_of[unit["id"]] = demo_officers[unit["code"]]
            continue
        name, _ = person_name(rng)
        cur = con.execute(
            "INSERT INTO users (username, full_name, title, password_hash, unit_id, is_active,"
            " created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
            (
                f"bench_{unit['code'].lower()}",
                name,
                "Cán bộ phụ trách thi đua, khen thưởng",
                password_hash,
                unit["id"],
                ts(now),
            ),
        )
        officer_of[unit["id"]] = cur.lastrowid
        con.execute(
            "INSERT INTO user_roles (user_id, role) VALUES (?, 'unit_officer')", (cur.lastrowid,)
        )

    children: dict[int, list[dict]] = defaultdict(list)
    for unit in cat.units:
        if unit["parent_id"]:
            children[unit["parent_id"]].append(unit)
    campaign_weights = [
        (code, 55 if code == "TD_2022" else 45 / (len(cat.campaigns) - 1)) for code in cat.campaigns
    ]

    # Plan the dossiers (about 10 nominations each), then number them in time order.
    plans = []
    planned = 0
    while planned < rows:
        n = min(rng.randint(1, 19), rows - planned)
        year = _pick(rng, YEARS)
        created = dt.datetime(year, 9, 15, tzinfo=dt.UTC) + dt.timedelta(
            seconds=rng.randint(0, 150 * 86400)
        )
        plans.append((created, year, n))
        planned += n
    plans.sort()

    people_rows, dossier_rows, nomination_rows = [], [], []
    pool: dict[int, list[tuple[int, str, str]]] = defaultdict(list)  # unit -> people
    person_serial = 0
    nomination_id = 0
    for dossier_id, (created, year, n) in enumerate(plans, start=1):
        unit = rng.choice(cat.units)
        campaign = _pick(rng, campaign_weights)
        r = rng.random()
        dstatus = "draft" if r < 0.04 else "returned" if r < 0.08 else "submitted"
        submitted_at = created + dt.timedelta(days=rng.randint(1, 10))
        updated = submitted_at + dt.timedelta(days=rng.randint(0, 60))
        dossier_rows.append(
            (
                dossier_id,
                unit["id"],
                cat.campaigns[campaign],
                year,
                f"Tờ trình đề nghị khen thưởng năm {year} - {unit['name']}",
                dstatus,
                "Đề nghị bổ sung biên bản họp Hội đồng thi đua, khen thưởng cơ sở."
                if dstatus == "returned"
                else None,
                officer_of[unit["id"]],
                ts(submitted_at) if dstatus != "draft" else None,
                ts(updated),
                ts(created),
            )
        )
        for _ in range(n):
            nomination_id += 1
            status = _pick(rng, STATUS_BY_YEAR[year]) if dstatus == "submitted" else dstatus
            appraisal = None
            if status == "ineligible":
                appraisal = rng.choice(INELIGIBLE_NOTES)
            elif status in ("eligible", "in_council", "approved", "decided") and rng.random() < 0.3:
                appraisal = "Đủ điều kiện, tiêu chuẩn theo quy định."
            if campaign == "TD_2022":
                method = "dot_xuat" if rng.random() < 0.03 else "thuong_xuyen"
            else:
                method = "chuyen_de" if rng.random() < 0.8 else "thuong_xuyen"
            person_id = collective_name = collective_unit = facts = None
            if rng.random() < 0.85:
                kind = "individual"
                award = _pick(rng, IND_AWARDS)
                people = pool[unit["id"]]
                if people and rng.random() < 0.35:
                    person_id, name, _ = rng.choice(people)
                else:
                    person_serial += 1
                    name, gender = person_name(rng)
                    birth = dt.date(rng.randint(1965, 2001), rng.randint(1, 12), rng.randint(1, 28))
                    person_id = person_serial
                    people_rows.append(
                        (
                            person_id,
                            name,
                            fold(name),
                            gender,
                            birth.isoformat(),
                            citizen_id(person_serial, gender, birth.year),
                            rng.choice(POSITIONS),
                            unit["id"],
                            ts(created),
                        )
                    )
                    people.append((person_id, name, gender))
                nominee = name
            else:
                kind = "collective"
                award = _pick(rng, COL_AWARDS)
                kids = children.get(unit["id"])
                if kids and rng.random() < 0.5:
                    target = rng.choice(kids)
                    collective_name = target["name"]
                else:
                    target = unit
                    collective_name = f"{rng.choice(COLLECTIVE_PREFIX)}, {unit['name']}"
                collective_unit = target["id"]
                facts = json.dumps(
                    collective_facts(rng, is_enterprise=unit["kind"] == "doanh_nghiep"),
                    ensure_ascii=False,
                )
                nominee = collective_name
            nomination_rows.append(
                (
                    nomination_id,
                    dossier_id,
                    unit["id"],
                    cat.campaigns[campaign],
                    year,
                    cat.awards[award],
                    kind,
                    person_id,
                    collective_name,
                    collective_unit,
                    facts,
                    nominee,
                    fold(nominee),
                    achievement(rng, year),
                    method,
                    status,
                    appraisal,
                    ts(updated),
                    ts(created),
                )
            )

    con.executemany(
        "INSERT INTO people (id, full_name, name_folded, gender, birth_date, citizen_id,"
        " position, unit_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        people_rows,
    )
    con.executemany(
        "INSERT INTO dossiers (id, unit_id, campaign_id, year, title, status, return_reason,"
        " created_by_id, submitted_at, updated_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        dossier_rows,
    )
    con.executemany(
        "INSERT INTO nominations (id, dossier_id, unit_id, campaign_id, year, award_type_id,"
        " nominee_kind, person_id, collective_name, collective_unit_id, collective_facts,"
        " nominee_name, nominee_name_folded, achievement, award_method, status,"
        " appraisal_note, updated_at, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        nomination_rows,
    )
    con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    duplicates = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM nominations WHERE person_id IS NOT NULL"
        " AND status != 'draft' GROUP BY person_id, award_type_id, year HAVING count(*) > 1)"
    ).fetchone()[0]
    status_counts = dict(
        con.execute("SELECT status, count(*) FROM nominations GROUP BY status ORDER BY 2 DESC")
    )
    con.close()
    return {
        "seconds": elapsed,
        "dossiers": len(dossier_rows),
        "people": len(people_rows),
        "nominations": len(nomination_rows),
        "officers": len(officer_of) - len(demo_officers),
        "duplicate_groups": duplicates,
        "statuses": status_counts,
    }


def validate_sample(db_path: Path) -> None:
    """Check a sample of the inserted rows against the app's own schemas (fails loudly)."""
    from app.nominations.schemas import CollectiveFactsIn

    con = sqlite3.connect(db_path)
    for (raw,) in con.execute(
        "SELECT collective_facts FROM nominations WHERE collective_facts IS NOT NULL LIMIT 200"
    ):
        CollectiveFactsIn.model_validate(json.loads(raw)["facts"])
    con.close()


# ------------------------------------------------------------------------------ servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    port: int
    log: Path
    log_file: Any = None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log_file is not None:
            self.log_file.close()


def start_server(
    name: str, cmd: list[str], env: dict[str, str], port: int, log: Path, ready_path: str
) -> Server:
    fh = open(log, "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(  # noqa: S603 - our own fixed command line
        cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT
    )
    server = Server(name, proc, port, log, fh)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{name} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{ready_path}", timeout=2).status_code < 500:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    sys.exit(f"{name} did not answer within 60 s:\n{log.read_text(errors='replace')[-3000:]}")


UVICORN_SETTINGS = ["--workers", "1", "--proxy-headers", "--log-level", "info"]


def start_ours(env: Env) -> Server:
    port = free_port()
    # Exactly what `thidua serve` runs: uvicorn.run("app.main:create_app", factory=True,
    # workers=1, proxy_headers=True, log_level="info") -- so the access log is on.
    cmd = [*THIDUA, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    return start_server("ours", cmd, env.env, port, env.tmp / "ours.log", "/health")


def start_bare(env: Env, page_file: Path) -> Server:
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.nominations:make_bare_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *UVICORN_SETTINGS,
    ]
    bare_env = {**env.env, BARE_PAGE_ENV: str(page_file)}
    return start_server("bare", cmd, bare_env, port, env.tmp / "bare.log", "/bare/bytes")


def proc_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = parts[3] + parts[4]
    return (sum(parts[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def self_cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


# ------------------------------------------------------------------------------ HTTP clients

_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)
_NEXT_CURSOR = re.compile(rb'"next_cursor":"([^"]+)"')


class RawConnection:
    """A minimal HTTP/1.1 keep-alive GET client: far cheaper per request than httpx, so the
    load generator takes less CPU from the servers on a small machine."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode()
        self.reader = self.writer = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            await self._open()
        self.writer.write(
            b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + self.extra + b"\r\n"
        )
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            m = _CONTENT_LENGTH.search(head)
            body = await self.reader.readexactly(int(m.group(1))) if m else b""
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            return 0, b"connection closed"
        if b"\r\nconnection: close" in head.lower():
            await self.close()
        return int(head[9:12]), body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


class HttpxConnection:
    def __init__(self, client, headers: dict[str, str]) -> None:
        self.client = client
        self.headers = headers

    async def get(self, path: str) -> tuple[int, bytes]:
        import httpx

        try:
            r = await self.client.get(path, headers=self.headers)
        except httpx.HTTPError as exc:
            return 0, repr(exc).encode()
        return r.status_code, r.content

    async def close(self) -> None:
        pass


# ------------------------------------------------------------------------------ request mix


@dataclass
class Mix:
    units: list[int]
    campaigns: list[int]
    awards: list[str]
    common_q: list[str]
    rare_q: list[str]

    # (kind, weight): a realistic secretariat's day, every filter of the endpoint.
    KINDS = [
        ("all", 8),
        ("status", 14),
        ("award_type", 8),
        ("unit", 12),
        ("campaign", 6),
        ("year", 10),
        ("unit+year+status", 10),
        ("award+year", 6),
        ("status+year", 8),
        ("q common", 8),
        ("q rare", 6),
        ("q+unit", 4),
        ("duplicates only", 3),
    ]

    def request(self, rng: random.Random) -> tuple[str, dict]:
        kind = _pick(rng, self.KINDS)
        year = _pick(rng, YEARS)
        status = rng.choice(LISTABLE_STATUSES)
        params: dict = {}
        if kind == "status":
            params = {"status": status}
        elif kind == "award_type":
            params = {"award_type": rng.choice(self.awards)}
        elif kind == "unit":
            params = {"unit_id": rng.choice(self.units)}
        elif kind == "campaign":
            params = {"campaign_id": rng.choice(self.campaigns)}
        elif kind == "year":
            params = {"year": year}
        elif kind == "unit+year+status":
            params = {
                "unit_id": rng.choice(self.units),
                "year": year,
                "status": rng.choice(["submitted", "eligible", "decided"]),
            }
        elif kind == "award+year":
            params = {"award_type": rng.choice(self.awards), "year": year}
        elif kind == "status+year":
            params = {"status": status, "year": year}
        elif kind == "q common":
            params = {"q": rng.choice(self.common_q)}
        elif kind == "q rare":
            params = {"q": rng.choice(self.rare_q)}
        elif kind == "q+unit":
            params = {"q": rng.choice(self.common_q), "unit_id": rng.choice(self.units)}
        elif kind == "duplicates only":
            params = {"duplicates_only": "true"}
            if rng.random() < 0.5:
                params["year"] = year
        params["limit"] = 50
        return kind, params


def build_mix(db_path: Path, seed: int) -> Mix:
    rng = random.Random(seed + 1)
    con = sqlite3.connect(db_path)
    units = [r[0] for r in con.execute("SELECT id FROM units")]
    campaigns = [r[0] for r in con.execute("SELECT id FROM campaigns")]
    awards = [r[0] for r in con.execute("SELECT code FROM award_types")]
    names = [r[0] for r in con.execute("SELECT full_name FROM people ORDER BY id LIMIT 2000")]
    con.close()
    # Common fragments: given names and family + middle, folded or with their diacritics.
    common = [
        "thang",
        "Hoa",
        "nguyen thi",
        "Lương Văn",
        "huong",
        "nong van",
        "Thảo",
        "duc",
        "hoang thi",
        "lan",
        "Vi Văn",
        "son",
    ]
    # Rare: a person's full name (a handful of matches among 100,000), as typed, or folded.
    rare = [n if i % 2 else n.lower() for i, n in enumerate(rng.sample(names, min(40, len(names))))]
    return Mix(units, campaigns, awards, common, rare)


# ------------------------------------------------------------------------------ load rounds


@dataclass
class Samples:
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    requests: int = 0
    wall: float = 0.0
    server_cpu: float = 0.0
    gen_cpu: float = 0.0
    machine_busy: float = 0.0
    rounds: list[tuple[float, float]] = field(default_factory=list)  # (rps, p95 ms)


async def one_round(
    target: str,
    port: int,
    path_of,
    token: str,
    mix: Mix,
    *,
    concurrency: int,
    seconds: float,
    seed: int,
    client_kind: str,
    samples: Samples | None,
    follow: float = 0.3,
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    httpx_client = None
    if client_kind == "httpx":
        import httpx

        httpx_client = httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}",
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            timeout=60,
        )
        conns = [HttpxConnection(httpx_client, headers) for _ in range(concurrency)]
    else:
        conns = [RawConnection(port, headers) for _ in range(concurrency)]
        await asyncio.gather(*(c._open() for c in conns))

    local: list[tuple[str, float, int, bytes | None]] = []
    start = time.perf_counter()
    deadline = start + seconds

    async def worker(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        conn = conns[i]
        pending = None  # (kind, params, cursor) of a page whose next page may be asked for
        while time.perf_counter() < deadline:
            if pending is not None and rng.random() < 0.5:
                kind, params, cursor = pending
                params = {**params, "cursor": cursor}
                kind = "next page (cursor)"
                pending = None
            else:
                kind, params = mix.request(rng)
            path = path_of(urlencode(params))
            t0 = time.perf_counter()
            status, body = await conn.get(path)
            dt_ = time.perf_counter() - t0
            local.append((kind, dt_, status, body[:300] if status != 200 else None))
            if status == 200 and kind != "next page (cursor)" and rng.random() < follow:
                m = _NEXT_CURSOR.search(body, max(0, len(body) - 200))
                if m:
                    pending = (
                        kind,
                        {k: v for k, v in params.items() if k != "cursor"},
                        m.group(1).decode(),
                    )

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    wall = time.perf_counter() - start
    for c in conns:
        await c.close()
    if httpx_client is not None:
        await httpx_client.aclose()
    if samples is None:
        return
    lat = [x[1] for x in local]
    samples.requests += len(local)
    samples.wall += wall
    samples.latencies.extend(lat)
    for kind, d, status, body in local:
        samples.by_kind[kind].append(d)
        samples.statuses[status] += 1
        if status != 200 and len(samples.errors) < 5:
            samples.errors.append(f"{target}: {status} {body!r}")
    samples.rounds.append((len(local) / wall, pct(lat, 95) * 1000))


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


DEMO_PASSWORD = "demo"  # noqa: S105 - the demo accounts' documented password


def login(port: int, username: str, password: str = DEMO_PASSWORD) -> str:
    import httpx

    r = httpx.post(
        f"http://127.0.0.1:{port}/api/v1/auth/token",
        data={"username": username, "password": password},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["access_token"]


def run_listing(args, ours: Server, bare: Server, token: str, mix: Mix) -> dict[str, Samples]:
    targets = {"ours": (ours, lambda q: f"/api/v1/nominations?{q}")}
    for mode in args.bare_modes:
        targets[f"bare/{mode}"] = (bare, lambda q, m=mode: f"/bare/{m}?{q}")
    results = {name: Samples() for name in targets}
    names = list(targets)
    rounds = max(1, round(args.seconds / args.round_seconds))

    async def main() -> None:
        for name in names:  # warm up every target (connections, caches, compiled SQL)
            server, path_of = targets[name]
            await one_round(
                name,
                server.port,
                path_of,
                token,
                mix,
                concurrency=args.concurrency,
                seconds=args.warmup,
                seed=0,
                client_kind=args.client,
                samples=None,
            )
        for r in range(rounds):
            order = names if r % 2 == 0 else list(reversed(names))  # ABBA against drift
            for name in order:
                server, path_of = targets[name]
                s = results[name]
                c0, g0, m0 = (
                    proc_cpu_seconds(server.proc.pid),
                    self_cpu_seconds(),
                    machine_busy_seconds(),
                )
                await one_round(
                    name,
                    server.port,
                    path_of,
                    token,
                    mix,
                    concurrency=args.concurrency,
                    seconds=args.round_seconds,
                    seed=r + 1,
                    client_kind=args.client,
                    samples=s,
                )
                s.server_cpu += proc_cpu_seconds(server.proc.pid) - c0
                s.gen_cpu += self_cpu_seconds() - g0
                s.machine_busy += machine_busy_seconds() - m0
                print(
                    f"  round {r + 1}/{rounds} {name:<11} {s.rounds[-1][0]:7.1f} req/s"
                    f"  p95 {s.rounds[-1][1]:7.1f} ms",
                    flush=True,
                )

    asyncio.run(main())
    return results


# ------------------------------------------------------------------------------ ingest


@dataclass
class IngestResult:
    created: int = 0
    submitted: int = 0
    replayed: int = 0
    transport_errors: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    create_latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    server_cpu: float = 0.0


def ingest_body(
    rng: random.Random, *, index: int, campaign_id: int, per_dossier: int, serial0: int
) -> dict:
    noms = []
    for j in range(per_dossier):
        if j == per_dossier - 1 and per_dossier >= 5:
            noms.append(
                {
                    "award_type": "TTLDTT",
                    "collective": {
                        "name": f"{rng.choice(COLLECTIVE_PREFIX)} {index}",
                        "facts": collective_facts(rng, is_enterprise=False)["facts"],
                    },
                    "achievement": achievement(rng, 2024),
                }
            )
            continue
        name, gender = person_name(rng)
        birth_year = rng.randint(1965, 2001)
        noms.append(
            {
                "award_type": _pick(rng, IND_AWARDS),
                "person": {
                    "full_name": name,
                    "gender": gender,
                    "birth_date": f"{birth_year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    "citizen_id": citizen_id(serial0 + index * per_dossier + j, gender, birth_year),
                    "position": rng.choice(POSITIONS),
                },
                "achievement": achievement(rng, 2024),
            }
        )
    return {
        "campaign_id": campaign_id,
        "year": 2024,
        "title": f"Tờ trình đề nghị khen thưởng năm 2024 (lô {index})",
        "nominations": noms,
    }


def run_ingest(args, ours: Server, catalog: Catalog, run_id: str) -> IngestResult:
    import httpx

    from tests.factories import MINIMAL_PDF

    tokens = {u: login(ours.port, u) for u in ("donvi1", "donvi2")}
    result = IngestResult()
    rng = random.Random(args.seed + 7)
    bodies = [
        ingest_body(
            rng,
            index=i,
            campaign_id=catalog.campaigns["TD_2022"],
            per_dossier=args.per_dossier,
            serial0=900_000,
        )
        for i in range(args.dossiers)
    ]

    async def main() -> None:
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(args.dossiers):
            queue.put_nowait(i)
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{ours.port}",
            timeout=120,
            limits=httpx.Limits(
                max_connections=args.concurrency, max_keepalive_connections=args.concurrency
            ),
        ) as client:

            def fail(step: str, i: int, r) -> None:
                result.statuses[f"{step} {r.status_code}"] += 1
                if len(result.errors) < 10:
                    result.errors.append(f"dossier {i} {step}: {r.status_code} {r.text[:300]}")

            async def worker() -> None:
                while True:
                    try:
                        i = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    user = "donvi1" if i % 2 == 0 else "donvi2"
                    auth = {"Authorization": f"Bearer {tokens[user]}"}
                    t0 = time.perf_counter()
                    r = None
                    for attempt in range(3):
                        try:
                            r = await client.post(
                                "/api/v1/dossiers",
                                json=bodies[i],
                                headers={**auth, "Idempotency-Key": f"bench-{run_id}-{i}"},
                            )
                            break
                        except httpx.TransportError as exc:
                            # The same Idempotency-Key makes a retry safe: what a unit's
                            # system does when a connection drops.
                            result.transport_errors.append(
                                f"dossier {i} create, attempt {attempt + 1}: {exc!r}"
                            )
                    if r is None:
                        result.statuses["create transport error"] += 1
                        continue
                    result.create_latencies.append(time.perf_counter() - t0)
                    if r.status_code != 201:
                        fail("create", i, r)
                        continue
                    result.statuses["create 201"] += 1
                    result.created += 1
                    if r.headers.get("Idempotent-Replayed") == "true":
                        result.replayed += 1
                    if not args.submit:
                        continue
                    dossier_id = r.json()["id"]
                    try:
                        r = await client.post(
                            f"/api/v1/dossiers/{dossier_id}/attachments",
                            headers=auth,
                            data={"kind": "to_trinh"},
                            files={"file": ("to-trinh.pdf", MINIMAL_PDF, "application/pdf")},
                        )
                        if r.status_code != 201:
                            fail("attach", i, r)
                            continue
                        r = await client.post(f"/api/v1/dossiers/{dossier_id}/submit", headers=auth)
                    except httpx.TransportError as exc:
                        result.statuses["attach/submit transport error"] += 1
                        result.errors.append(f"dossier {i} attach/submit: {exc!r}")
                        continue
                    if r.status_code != 200:
                        fail("submit", i, r)
                        continue
                    result.statuses["submit 200"] += 1
                    result.submitted += 1

            c0 = proc_cpu_seconds(ours.proc.pid)
            t0 = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(args.concurrency)))
            result.wall = time.perf_counter() - t0
            result.server_cpu = proc_cpu_seconds(ours.proc.pid) - c0

    asyncio.run(main())
    return result


def count_ingested(db_path: Path, run_id: str) -> tuple[int, int, Counter]:
    con = sqlite3.connect(db_path)
    like = f"bench-{run_id}-%"
    d = con.execute("SELECT count(*) FROM dossiers WHERE idempotency_key LIKE ?", (like,))
    dossiers = d.fetchone()[0]
    rows = con.execute(
        "SELECT n.status, count(*) FROM nominations n JOIN dossiers d ON d.id = n.dossier_id"
        " WHERE d.idempotency_key LIKE ? GROUP BY n.status",
        (like,),
    ).fetchall()
    con.close()
    statuses = Counter(dict(rows))
    return dossiers, sum(statuses.values()), statuses


# ------------------------------------------------------------------------------ profile


def profile_requests(env: Env, token: str, mix: Mix, *, requests: int, seed: int):
    """cProfile the whole app (every thread: the event loop and the threadpool running the
    sync dependencies and endpoint) over ``requests`` list requests of the mix, sent in-process
    through httpx's ASGI transport. Returns (CPU seconds by package, top functions)."""
    import cProfile
    import pstats
    import threading

    os.environ.update({k: v for k, v in env.env.items() if k.startswith("THIDUA_")})
    import httpx

    from app.main import create_app

    app = create_app()
    # The app's own log lines (if it configures any) are formatted as in the server, but
    # written nowhere, so that they do not drown this report.
    devnull = open(os.devnull, "w")  # noqa: SIM115 - for the life of this process
    for name in ("", "thidua", "uvicorn"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(devnull)
    profilers: list[cProfile.Profile] = []
    lock = threading.Lock()

    def start_in_thread(*_):
        # Called once in each new thread: hand the thread over to its own profiler.
        prof = cProfile.Profile(time.thread_time)  # CPU time, not time spent waiting
        with lock:
            profilers.append(prof)
        prof.enable()

    rng = random.Random(seed)
    paths = []
    for _ in range(requests):
        _, params = mix.request(rng)
        paths.append(f"/api/v1/nominations?{urlencode(params)}")

    async def run(paths):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for path in paths:
                r = await client.get(path, headers={"Authorization": f"Bearer {token}"})
                r.raise_for_status()

    asyncio.run(run(paths[:20]))  # warm up caches and compiled statements
    threading.setprofile(start_in_thread)
    main_prof = cProfile.Profile(time.thread_time)
    t0 = time.perf_counter()
    main_prof.enable()
    try:
        asyncio.run(run(paths))
    finally:
        main_prof.disable()
        threading.setprofile(None)
        for prof in profilers:
            prof.disable()
    wall = time.perf_counter() - t0
    stats = pstats.Stats(main_prof)
    for prof in profilers:
        with contextlib.suppress(TypeError):  # a profiler that never ran
            stats.add(prof)

    def package(filename: str, func: str) -> str:
        f = filename.replace("\\", "/")
        if "site-packages/" in f:
            name = f.split("site-packages/", 1)[1].split("/", 1)[0]
            return {"_pytest": "pytest"}.get(name, name.removesuffix(".py"))
        if f.startswith(str(REPO)):
            rel = f[len(str(REPO)) + 1 :]
            return "/".join(rel.split("/")[:2]).removesuffix(".py")
        if f == "~":
            if "sqlite3" in func:
                return "sqlite3 (C: SQLite itself)"
            return "builtins"
        return "stdlib " + Path(f).stem

    by_package: Counter = Counter()
    top = []
    for (filename, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        by_package[package(filename, func)] += tt
        top.append((tt, ct, nc, f"{Path(filename).name}:{line}({func})"))
    top.sort(reverse=True)
    return wall, by_package, top[:25]


def list_filters(params: dict):
    """The filters the list endpoint builds from these query parameters."""
    from app.core.text import fold
    from app.nominations.models import NominationStatus
    from app.nominations.repository import NominationFilters

    q = params.get("q")
    return NominationFilters(
        unit_id=params.get("unit_id"),
        campaign_id=params.get("campaign_id"),
        status=NominationStatus(params["status"]) if "status" in params else None,
        award_code=params.get("award_type"),
        year=params.get("year"),
        folded_query=fold(q) if q else None,
        duplicates_only="duplicates_only" in params,
    )


def profile_phases(env: Env, token: str, mix: Mix, *, iterations: int, seed: int) -> list[dict]:
    """Time the phases of the list endpoint in-process, per request kind (median ms)."""
    os.environ.update({k: v for k, v in env.env.items() if k.startswith("THIDUA_")})
    from app.auth import service as auth_service
    from app.core.db import get_engine, read_connection
    from app.nominations import repository, service

    rng = random.Random(seed)
    kinds = [k for k, _ in Mix.KINDS]
    rows = []
    get_engine()
    for kind in kinds:
        phases: dict[str, list[float]] = defaultdict(list)
        for _ in range(iterations):
            while True:
                k, params = mix.request(rng)
                if k == kind:
                    break
            t = [time.perf_counter()]
            opened = read_connection()  # as the endpoint reads (auth.deps.read_as_actor)
            connection = opened.__enter__()
            t.append(time.perf_counter())
            actor = auth_service.actor_from_bearer(connection, token)
            t.append(time.perf_counter())
            filters = list_filters(params)
            query = service._listing_query(actor, filters, limit=51)
            result = repository.list_json(connection, query)
            t.append(time.perf_counter())
            opened.__exit__(None, None, None)
            t.append(time.perf_counter())
            service.page_json([item for _, item in result][:50], None)
            t.append(time.perf_counter())
            names = [
                "connection open",
                "auth (JWT + user)",
                "list query (JSON items)",
                "close",
                "page JSON",
            ]
            for name, a, b in zip(names, t[:-1], t[1:], strict=True):
                phases[name].append((b - a) * 1000)
        row = {"kind": kind, **{n: statistics.median(v) for n, v in phases.items()}}
        row["total"] = sum(v for n, v in row.items() if n != "kind")
        rows.append(row)
    return rows


def explain_plans(env: Env, token: str, mix: Mix, seed: int) -> list[tuple[str, str, str]]:
    """The SQL one list request of each kind runs (captured from the app's own code) and
    SQLite's plan for it, with the time the statement takes in plain sqlite3."""
    os.environ.update({k: v for k, v in env.env.items() if k.startswith("THIDUA_")})
    from app.auth import service as auth_service
    from app.core.db import session_scope
    from app.core.pagination import PageParams
    from app.nominations import repository, service

    captured: list[tuple[str, dict]] = []
    fetch_all = repository.fetch_all

    def capture(session, sql, params):  # the statements the listing sends to the driver
        captured.append((sql, dict(params)))
        return fetch_all(session, sql, params)

    rng = random.Random(seed)
    con = sqlite3.connect(env.db_path)
    out = []
    for kind, _ in Mix.KINDS:
        while True:
            k, params = mix.request(rng)
            if k == kind:
                break
        with session_scope(write=False) as session:
            actor = auth_service.actor_from_bearer(session, token)
            captured.clear()
            repository.fetch_all = capture
            try:
                filters = list_filters(params)
                service.list_nomination_json(
                    session, actor=actor, params=PageParams(limit=50), filters=filters
                )
            finally:
                repository.fetch_all = fetch_all
        label = f"{kind} {dict((k, v) for k, v in params.items() if k != 'limit')}"
        for sql, binds in captured:
            if "FROM nominations n" not in sql and "CROSS JOIN nominations n" not in sql:
                continue  # the trigram counts, read once an hour
            plan = "; ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, binds))
            t0 = time.perf_counter()
            con.execute(sql, binds).fetchall()
            took = (time.perf_counter() - t0) * 1000
            flat = re.sub(r"\s+", " ", sql)
            what = flat[flat.find(" FROM ") + 1 :][:150]
            out.append((label, what, f"{plan}  [{took:.1f} ms in plain sqlite3]"))
            label = ""
    con.close()
    return out


# ------------------------------------------------------------------------------ report


def machine_line() -> str:
    load = os.getloadavg()
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}),"
        f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" load avg {load[0]:.2f} {load[1]:.2f} {load[2]:.2f},"
        f" {time.strftime('%Y-%m-%d %H:%M:%S %Z')}"
    )


def print_table(headers: list[str], rows: list[list], aligns: str | None = None) -> None:
    cells = [[str(c) for c in r] for r in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]
    aligns = aligns or "l" + "r" * (len(headers) - 1)

    def fmt(row):
        return "  ".join(
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(row, widths, aligns, strict=True)
        )

    print(fmt(headers))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print(fmt(r))


def ms(v: float) -> str:
    return f"{v * 1000:.1f}"


def report_listing(args, results: dict[str, Samples]) -> dict:
    print(
        "\n== Listing: GET /api/v1/nominations?limit=50&<filters>, "
        f"{args.concurrency} connections, {args.client} client =="
    )
    rows = []
    for name, s in results.items():
        rps = s.requests / s.wall if s.wall else float("nan")
        spread = [r for r, _ in s.rounds]
        rows.append(
            [
                name,
                s.requests,
                ms(pct(s.latencies, 50)),
                ms(pct(s.latencies, 95)),
                ms(pct(s.latencies, 99)),
                ms(max(s.latencies)),
                f"{rps:.1f}",
                f"{min(spread):.0f}-{max(spread):.0f}",
                f"{s.server_cpu / s.requests * 1000:.2f}",
                f"{s.server_cpu / s.wall:.2f}",
                f"{s.gen_cpu / s.wall:.2f}",
                f"{max(0.0, (s.machine_busy - s.server_cpu - s.gen_cpu) / s.wall):.2f}",
                ", ".join(f"{k}:{v}" for k, v in sorted(s.statuses.items())),
            ]
        )
    print_table(
        [
            "target",
            "requests",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "req/s",
            "req/s per round",
            "server CPU ms/req",
            "server cores",
            "loadgen cores",
            "other cores",
            "HTTP status",
        ],
        rows,
        "lrrrrrrrrrrrl",
    )
    for s in results.values():
        for e in s.errors:
            print("  error:", e)

    ours = results["ours"]
    print("\nOurs by request kind (first pages; 'next page' follows a previous page's cursor):")
    rows = []
    for kind in [k for k, _ in Mix.KINDS] + ["next page (cursor)"]:
        lat = ours.by_kind.get(kind, [])
        if lat:
            rows.append(
                [kind, len(lat), ms(pct(lat, 50)), ms(pct(lat, 95)), ms(pct(lat, 99)), ms(max(lat))]
            )
    print_table(["kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows)

    ours_rps = ours.requests / ours.wall
    print("\nThroughput of ours against each bare endpoint (same run, interleaved rounds):")
    ratios = {}
    rows = []
    for name, s in results.items():
        if name == "ours":
            continue
        rps = s.requests / s.wall
        ratios[name] = ours_rps / rps
        per_cpu = (ours.requests / ours.server_cpu) / (s.requests / s.server_cpu)
        rows.append(
            [
                name,
                f"{rps:.1f}",
                f"{ours_rps:.1f}",
                f"{ratios[name] * 100:.1f} %",
                f"{per_cpu * 100:.1f} %",
            ]
        )
    print_table(
        [
            "baseline",
            "baseline req/s",
            "ours req/s",
            "ours / baseline",
            "same, per server CPU second",
        ],
        rows,
    )
    return {"p95": pct(ours.latencies, 95), "ratios": ratios}


def report_ingest(args, res: IngestResult, counted: tuple[int, int, Counter]) -> None:
    print(
        f"\n== Ingest: {args.dossiers} dossiers x {args.per_dossier} nominations, "
        f"{args.concurrency} concurrent clients (donvi1/donvi2), "
        f"{'create + attach + submit' if args.submit else 'create drafts'} =="
    )
    lat = res.create_latencies
    rows = [
        [
            res.created,
            res.submitted,
            f"{res.wall:.1f}",
            f"{res.created / res.wall:.1f}",
            f"{res.created * args.per_dossier / res.wall:.0f}",
            ms(pct(lat, 50)),
            ms(pct(lat, 95)),
            ms(max(lat)) if lat else "-",
            f"{res.server_cpu / res.wall:.2f}",
        ]
    ]
    print_table(
        [
            "created",
            "submitted",
            "seconds",
            "dossiers/s",
            "nominations/s",
            "create p50 ms",
            "create p95 ms",
            "create max ms",
            "server cores",
        ],
        rows,
        "rrrrrrrrr",
    )
    print(
        "responses:",
        ", ".join(f"{k}: {v}" for k, v in sorted(res.statuses.items())),
        f"(of the 201s, {res.replayed} were idempotent replays of a retried request)",
    )
    if res.transport_errors:
        print(
            f"transport errors, retried with the same Idempotency-Key "
            f"({len(res.transport_errors)}):"
        )
        for e in res.transport_errors[:10]:
            print("  ", e)
    dossiers, nominations, statuses = counted
    print(
        f"in the database: {dossiers} dossiers, {nominations} nominations "
        f"({', '.join(f'{k} {v}' for k, v in statuses.items())})"
    )
    if res.errors:
        print("errors (first 10):")
        for e in res.errors:
            print("  ", e)
    else:
        print("errors: none")


# ------------------------------------------------------------------------------ main


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    p.add_argument("--rows", type=int, default=100_000, help="nominations to bulk-insert")
    p.add_argument("--concurrency", type=int, default=16, help="connections / ingest clients")
    p.add_argument("--seconds", type=float, default=20, help="measured seconds per target")
    p.add_argument("--round-seconds", type=float, default=5, help="length of one round")
    p.add_argument("--warmup", type=float, default=2, help="unmeasured seconds per target")
    p.add_argument(
        "--client",
        choices=["raw", "httpx"],
        default="raw",
        help="load generator HTTP client (raw: minimal asyncio HTTP/1.1 keep-alive)",
    )
    p.add_argument(
        "--bare-modes",
        default="dict,model,bytes",
        help="bare endpoints to measure: comma-separated of dict, model, bytes",
    )
    p.add_argument("--dossiers", type=int, default=500, help="dossiers to ingest")
    p.add_argument("--per-dossier", type=int, default=10, help="nominations per dossier")
    p.add_argument(
        "--submit",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also attach a tờ trình and submit each ingested dossier",
    )
    p.add_argument(
        "--profile",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="time the phases of one list request in-process, per kind",
    )
    p.add_argument("--skip-listing", action="store_true")
    p.add_argument("--skip-ingest", action="store_true")
    p.add_argument(
        "--analyze",
        action="store_true",
        help="run ANALYZE after the bulk insert (the app never does)",
    )
    p.add_argument("--seed", type=int, default=4)
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = p.parse_args(argv)
    args.bare_modes = [m for m in args.bare_modes.split(",") if m]
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    env = make_env(tmp)
    servers: list[Server] = []
    print("thidua bench: nominations")
    print("machine:", machine_line())
    print(
        f"settings: rows={args.rows} concurrency={args.concurrency} seconds={args.seconds} "
        f"round={args.round_seconds}s warmup={args.warmup}s client={args.client} "
        f"bare={','.join(args.bare_modes)} ingest={args.dossiers}x{args.per_dossier}"
        f"{' +submit' if args.submit else ''} analyze={args.analyze}"
    )
    print(f"temporary directory: {tmp}")
    try:
        t_migrate = run_cli(env, "migrate")
        t_demo = run_cli(env, "demo-data")
        info = bulk_insert(env.db_path, rows=args.rows, seed=args.seed)
        validate_sample(env.db_path)
        if args.analyze:
            con = sqlite3.connect(env.db_path)
            con.execute("ANALYZE")
            con.close()
        print(
            f"setup: migrate {t_migrate:.1f} s, demo-data {t_demo:.1f} s, bulk insert "
            f"{info['seconds']:.1f} s: {info['nominations']} nominations in "
            f"{info['dossiers']} dossiers, {info['people']} people, {info['officers']} unit "
            f"officers; {info['duplicate_groups']} duplicate groups; database "
            f"{env.db_path.stat().st_size / 1e6:.0f} MB"
        )
        print("statuses:", ", ".join(f"{k} {v}" for k, v in info["statuses"].items()))
        catalog = read_catalog(env.db_path)
        mix = build_mix(env.db_path, args.seed)

        ours = start_ours(env)
        servers.append(ours)
        token = login(ours.port, "thuky")
        import httpx

        r = httpx.get(
            f"http://127.0.0.1:{ours.port}/api/v1/nominations?limit=50",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        r.raise_for_status()
        page_file = tmp / "bare_page.json"
        page_file.write_bytes(r.content)
        print(
            f"page of 50 (the bare endpoints return this one): {len(r.content)} bytes, "
            f"{len(r.json()['items'])} items"
        )
        bare = start_bare(env, page_file)
        servers.append(bare)
        for mode in args.bare_modes:
            b = httpx.get(f"http://127.0.0.1:{bare.port}/bare/{mode}", timeout=30)
            print(f"  bare/{mode}: {b.status_code}, {len(b.content)} bytes")

        verdict = {}
        if not args.skip_listing:
            print(
                f"\nlisting: {max(1, round(args.seconds / args.round_seconds))} rounds of "
                f"{args.round_seconds:g} s per target, interleaved"
            )
            results = run_listing(args, ours, bare, token, mix)
            verdict = report_listing(args, results)

        if args.profile:
            bare.stop()  # the profile runs in this process; the servers idle meanwhile
            n = 300
            wall, by_package, top = profile_requests(
                env, token, mix, requests=n, seed=args.seed + 11
            )
            total = sum(t for t in by_package.values() if t > 0)  # own times can dip < 0
            print(
                f"\n== cProfile of {n} list requests of the mix, in-process (ASGI, no "
                f"HTTP server, one at a time): {wall / n * 1000:.1f} ms per request under "
                "the profiler =="
            )
            print("own time by package (share of all profiled time):")
            print_table(
                ["package", "ms per request", "share"],
                [
                    [p, f"{t / n * 1000:.2f}", f"{t / total * 100:.1f} %"]
                    for p, t in by_package.most_common(14)
                ],
            )
            print("top functions by own time:")
            print_table(
                ["function", "calls/req", "own ms/req", "cum ms/req"],
                [
                    [f, f"{nc / n:.1f}", f"{tt / n * 1000:.3f}", f"{ct / n * 1000:.2f}"]
                    for tt, ct, nc, f in top[:15]
                ],
                "lrrr",
            )
            print(
                "\n== In-process phases of one list request (thuky, median ms of "
                "20 requests per kind, no HTTP, no concurrency) =="
            )
            rows = profile_phases(env, token, mix, iterations=20, seed=args.seed + 3)
            cols = [
                "connection open",
                "auth (JWT + user)",
                "list query (JSON items)",
                "close",
                "page JSON",
                "total",
            ]
            print_table(
                ["kind", *cols], [[r["kind"], *(f"{r[c]:.2f}" for c in cols)] for r in rows]
            )
            print(
                "\nSQL of one request per kind (the one list query), SQLite's plan and its time"
                " in plain sqlite3:"
            )
            for label, sql, plan in explain_plans(env, token, mix, args.seed + 5):
                if label:
                    print(f"  {label}")
                print(f"      {sql}\n        -> {plan}")

        ingest = None
        if not args.skip_ingest:
            if bare.proc.poll() is None:
                bare.stop()
            run_id = uuid.uuid4().hex[:8]
            ingest = run_ingest(args, ours, catalog, run_id)
            report_ingest(args, ingest, count_ingested(env.db_path, run_id))

        print("\n== Targets (issue 4) ==")
        if verdict:
            p95 = verdict["p95"] * 1000
            print(
                f"p95 < 50 ms at {args.concurrency} connections: {p95:.1f} ms -> "
                f"{'met' if p95 < 50 else 'NOT met'}"
            )
            ordinary = {k: v for k, v in verdict["ratios"].items() if k != "bare/bytes"}
            if ordinary:
                worst = min(ordinary, key=ordinary.get)
                print(
                    f">= 30 % of a bare FastAPI endpoint's throughput: "
                    f"{ordinary[worst] * 100:.1f} % of {worst} (the faster bare endpoint) -> "
                    f"{'met' if ordinary[worst] >= 0.30 else 'NOT met'}"
                    + (
                        f"; {verdict['ratios']['bare/bytes'] * 100:.1f} % of pre-serialised bytes"
                        if "bare/bytes" in verdict["ratios"]
                        else ""
                    )
                )
        if ingest is not None:
            ok = (
                ingest.created == args.dossiers
                and not ingest.errors
                and (not args.submit or ingest.submitted == args.dossiers)
            )
            print(
                f"ingest {args.dossiers} x {args.per_dossier} from {args.concurrency} clients "
                f"without an error: {'met' if ok else 'NOT met'}"
            )
        print(
            "\nThe load generator runs on the same machine as the servers ('loadgen cores'"
            " above); 'other cores' is what the rest of the machine used meanwhile."
        )
    finally:
        for s in servers:
            s.stop()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
