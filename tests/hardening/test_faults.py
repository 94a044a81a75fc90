"""The server killed (SIGKILL) in the middle of a print job and of a signing, then started again:
the database is consistent, the job runs again with the same serials, nothing is half-written."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.certificates.models import Certificate, PrintJob
from app.decisions.models import Decision, DecisionItem
from app.nominations.models import Nomination
from tests.conftest import ROOT, _free_port
from tests.factories import LiveApi

pytestmark = pytest.mark.slow


class Server:
    """A service process of its own, in its own process group, so it can be killed whole."""

    def __init__(self, log_path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "THIDUA_JOB_RUNNER": "true", "THIDUA_PRINT_JOB_STALE_SECONDS": "3"}
        with open(self.log_path, "a") as out:
            self.proc = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError(f"server did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)


@pytest.fixture
def server(engine, tmp_path):
    s = Server(tmp_path / "server.log")
    s.start()
    yield s
    s.stop()


def _signed_decision(api: LiveApi, engine, count: int) -> dict:
    ids = api.approved_nominations(engine, count=count)
    decision = api.http.post(
        "/api/v1/decisions",
        json={"title": "Chịu lỗi", "nomination_ids": ids},
        headers=api.headers("thuky"),
    ).json()
    api.http.post(
        f"/api/v1/decisions/{decision['id']}/sign", headers=api.headers("chutich")
    ).raise_for_status()
    return decision


def test_print_job_killed_midway_runs_again_with_the_same_serials(server, engine):
    api = LiveApi(server.base)
    decision = _signed_decision(api, engine, count=60)
    office = api.headers("thuky")
    job = api.http.post(
        "/api/v1/print-jobs", json={"decision_id": decision["id"]}, headers=office
    ).json()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = api.http.get(f"/api/v1/print-jobs/{job['id']}", headers=office).json()
        if state["status"] == "running":
            break
        time.sleep(0.05)

    server.kill()
    with Session(engine) as session:
        killed = session.get(PrintJob, job["id"])
        status_after_kill = killed.status.value
    server.start()
    api = LiveApi(server.base)
    office = api.headers("thuky")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        state = api.http.get(f"/api/v1/print-jobs/{job['id']}", headers=office).json()
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    pdf = api.http.get(f"/api/v1/print-jobs/{job['id']}/pdf", headers=office).content

    assert status_after_kill == "running"
    assert (state["status"], state["done"], state["total"], state["failed"]) == ("done", 60, 60, [])
    with Session(engine) as session:
        serials = [
            c.serial
            for c in session.scalars(
                select(Certificate)
                .where(Certificate.decision_id == decision["id"])
                .order_by(Certificate.serial_number)
            )
        ]
        assert session.get(PrintJob, job["id"]).attempts == 2
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 60
    assert [s for s in serials if s in text] == serials


def test_signing_killed_midway_leaves_all_or_nothing(server, engine):
    api = LiveApi(server.base)
    ids = api.approved_nominations(engine, count=120)
    decision = api.http.post(
        "/api/v1/decisions",
        json={"title": "Ký dở", "nomination_ids": ids},
        headers=api.headers("thuky"),
    ).json()
    signer = api.headers("chutich")

    def sign() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server dies under it
            httpx.post(
                f"{server.base}/api/v1/decisions/{decision['id']}/sign", headers=signer, timeout=60
            )

    thread = threading.Thread(target=sign)
    thread.start()
    time.sleep(0.4)
    server.kill()
    thread.join(timeout=60)

    with Session(engine) as session:
        row = session.get(Decision, decision["id"])
        certificates = session.scalars(
            select(Certificate).where(Certificate.decision_id == decision["id"])
        ).all()
        statuses = {
            n.status.value
            for n in session.scalars(select(Nomination).where(Nomination.id.in_(ids)))
        }
        bonuses = [
            i.bonus
            for i in session.scalars(
                select(DecisionItem).where(DecisionItem.decision_id == decision["id"])
            )
        ]
        if row.status.value == "signed":
            assert (len(certificates), statuses) == (120, {"decided"})
            assert None not in bonuses
        else:
            assert (row.number, certificates, statuses) == (None, [], {"approved"})
            assert set(bonuses) == {None}

    server.start()
    api = LiveApi(server.base)
    signed = api.http.post(
        f"/api/v1/decisions/{decision['id']}/sign", headers=api.headers("chutich")
    )

    assert signed.status_code in (200, 409)
    with Session(engine) as session:
        year = session.get(Decision, decision["id"]).year
        numbers = sorted(
            session.scalars(
                select(Decision.number).where(Decision.year == year, Decision.number.is_not(None))
            )
        )
        serial_numbers = sorted(
            session.scalars(
                select(Certificate.serial_number).where(Certificate.serial_year == year)
            )
        )
        number_text = session.get(Decision, decision["id"]).number_text
    assert numbers == list(range(1, len(numbers) + 1))
    assert serial_numbers == list(range(1, len(serial_numbers) + 1))
    assert re.fullmatch(r"\d+/QĐ-UBND", number_text)
