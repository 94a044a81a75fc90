"""Who may call what: every API endpoint × every caller, in one table that reads as the policy.

Callers (the columns): nobody signed in; ``admin``; ``thuky`` (the secretariat, Ban Thi đua -
Khen thưởng); ``chutich`` (chair of the council, a council member, and the signer of decisions);
``hoidong01`` (a council member); ``donvi1`` (officer of Sở Y tế, the unit that owns every object
below); ``donvi2`` (officer of another unit, UBND huyện Cao Lộc).

Cells: ``ok`` (any 2xx), or the exact status. 401: not signed in. 403: the role may not do this.
404: the object exists but is hidden from this caller as if missing (another unit's, a council
session one does not sit in). Any other code is a state answer to a caller the policy lets
through (written as such, with the reason, so that the table stays honest).

Each row runs against a fresh ``world`` (built lazily: only the objects its path and body need),
refusals first and the allowed callers last, so a success cannot change what a refusal sees.
"""

from __future__ import annotations

import io
import itertools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pytest

from tests.factories import (
    MINIMAL_PDF,
    approved_nominations,
    attach,
    campaign_id,
    create_dossier,
    individual,
    next_citizen_id,
    submitted_dossier,
)

ok = "ok"
CALLERS = ("anonymous", "admin", "thuky", "chutich", "hoidong01", "donvi1", "donvi2")

# fmt: off
# ------------------------------------------------------------------------------------------------
# Columns: anon = anonymous, adm = admin, thky = thuky, chu = chutich, hd01 = hoidong01,
#          dv1 = donvi1 (the unit owning the objects), dv2 = donvi2 (another unit).
#  endpoint                                                    anon adm  thky chu  hd01 dv1  dv2
MATRIX = [
    # Who am I: anyone signed in.
    ("GET    /api/v1/auth/me",                                 401, ok,  ok,  ok,  ok,  ok,  ok),
    # API tokens: a unit officer makes, lists and revokes their own unit's; the admin lists and
    # revokes any; to everyone else another unit's token does not exist.
    ("POST   /api/v1/api-tokens",                              401, 403, 403, 403, 403, ok,  ok),
    ("GET    /api/v1/api-tokens",                              401, ok,  403, 403, 403, ok,  ok),
    ("DELETE /api/v1/api-tokens/{api_token}",                  401, ok,  404, 404, 404, ok,  404),

    # Reference data (units, clusters, campaigns, the award catalog): every signed-in user reads;
    # only the office (admin, secretariat) creates a campaign.
    ("GET    /api/v1/units",                                   401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/units/{unit}",                            401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/clusters",                                401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/campaigns",                               401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/campaigns/{campaign}",                    401, ok,  ok,  ok,  ok,  ok,  ok),
    ("POST   /api/v1/campaigns",                               401, ok,  ok,  403, 403, 403, 403),
    ("GET    /api/v1/award-types",                             401, ok,  ok,  ok,  ok,  ok,  ok),

    # People and their yearly records: the office and the person's own unit officer read and
    # write; another unit's officer finds nobody; the council and the signer have no registry.
    ("POST   /api/v1/people",                                  401, ok,  ok,  403, 403, ok,  403),
    ("GET    /api/v1/people",                                  401, ok,  ok,  403, 403, ok,  ok),
    ("GET    /api/v1/people/{person}",                         401, ok,  ok,  403, 403, ok,  404),
    ("GET    /api/v1/people/{person}/records",                 401, ok,  ok,  403, 403, ok,  404),
    ("POST   /api/v1/people/{person}/records",                 401, ok,  ok,  403, 403, ok,  404),
    ("PUT    /api/v1/people/{person}/records/2021",            401, ok,  ok,  403, 403, ok,  404),
    ("GET    /api/v1/people/{person}/eligibility",             401, ok,  ok,  403, 403, ok,  404),

    # Dossiers: the unit's own officer creates, edits and submits; the office reads (and the
    # secretariat returns) but never edits; council members, the signer and other units see
    # nothing. Only the import template is for everyone.
    ("POST   /api/v1/dossiers",                                401, 403, 403, 403, 403, ok,  ok),
    ("GET    /api/v1/dossiers",                                401, ok,  ok,  403, 403, ok,  ok),
    ("GET    /api/v1/dossiers/import-template",                401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/dossiers/{submitted_dossier}",            401, ok,  ok,  404, 404, ok,  404),
    # A draft is still the unit's business: the office does not see it (404), as other units.
    ("PATCH  /api/v1/dossiers/{draft_dossier}",                401, 404, 404, 404, 404, ok,  404),
    ("POST   /api/v1/dossiers/{draft_dossier}/nominations",    401, 404, 404, 404, 404, ok,  404),
    ("POST   /api/v1/dossiers/{draft_dossier}/attachments",    401, 404, 404, 404, 404, ok,  404),
    ("GET    /api/v1/dossiers/{submitted_dossier}/attachments/{submitted_attachment}",
                                                               401, ok,  ok,  404, 404, ok,  404),
    ("DELETE /api/v1/dossiers/{draft_dossier}/attachments/{draft_attachment}",
                                                               401, 404, 404, 404, 404, ok,  404),
    ("POST   /api/v1/dossiers/{draft_dossier}/import",         401, 404, 404, 404, 404, ok,  404),
    ("POST   /api/v1/dossiers/{draft_dossier}/submit",         401, 404, 404, 404, 404, ok,  404),
    ("POST   /api/v1/dossiers/{submitted_dossier}/return",     401, 403, ok,  403, 403, 403, 403),
    ("GET    /api/v1/dossiers/{submitted_dossier}/history",    401, ok,  ok,  404, 404, ok,  404),

    # Nominations: read by the office, the owning unit, and (once submitted) by the council and
    # the signer, whose agenda and decisions are made of them; edited only by the owning unit while
    # in draft; appraised only by the secretariat; exported only by the office.
    ("GET    /api/v1/nominations",                             401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/nominations/export.xlsx",                 401, ok,  ok,  403, 403, 403, 403),
    ("GET    /api/v1/nominations/{submitted_nomination}",      401, ok,  ok,  ok,  ok,  ok,  404),
    ("PATCH  /api/v1/nominations/{draft_nomination}",          401, 404, 404, 404, 404, ok,  404),
    ("DELETE /api/v1/nominations/{draft_nomination}",          401, 404, 404, 404, 404, ok,  404),
    ("GET    /api/v1/nominations/{submitted_nomination}/eligibility",
                                                               401, ok,  ok,  ok,  ok,  ok,  404),
    ("POST   /api/v1/nominations/{submitted_nomination}/appraise",
                                                               401, 403, ok,  403, 403, 403, 403),
    ("GET    /api/v1/nominations/{submitted_nomination}/history",
                                                               401, ok,  ok,  ok,  ok,  ok,  404),

    # Council membership: the office manages it; the office and the council read it.
    ("GET    /api/v1/council/members",                         401, ok,  ok,  ok,  ok,  403, 403),
    ("POST   /api/v1/council/members",                         401, ok,  ok,  403, 403, 403, 403),
    ("POST   /api/v1/council/members/{council_term}/end",      401, ok,  ok,  403, 403, 403, 403),

    # Council sessions: the secretariat prepares, cancels and records written ballots; the
    # secretariat or the session's chair opens and closes; each member casts their own ballot; a
    # session is seen by the office and by those who sit in it, and is missing to everyone else.
    # Open and close: the chair comes after the secretariat, so finds the step already taken
    # (409 proves the chair passed the policy: a refusal would answer 403/404 first).
    ("POST   /api/v1/council/sessions",                        401, 403, ok,  403, 403, 403, 403),
    ("GET    /api/v1/council/sessions",                        401, ok,  ok,  ok,  ok,  ok,  ok),
    ("GET    /api/v1/council/sessions/{open_session}",         401, ok,  ok,  ok,  ok,  404, 404),
    ("POST   /api/v1/council/sessions/{draft_session}/open",   401, 403, ok,  409, 403, 404, 404),
    ("POST   /api/v1/council/sessions/{ready_session}/close",  401, 403, ok,  409, 403, 404, 404),
    ("POST   /api/v1/council/sessions/{open_session}/cancel",  401, 403, ok,  403, 403, 404, 404),
    ("POST   /api/v1/council/sessions/{open_session}/ballots", 401, 403, 403, ok,  ok,  403, 403),
    ("POST   /api/v1/council/sessions/{open_session}/written-ballots",
                                                               401, 403, ok,  403, 403, 403, 403),
    ("POST   /api/v1/council/sessions/{closed_session}/receipts/check",
                                                               401, ok,  ok,  ok,  ok,  404, 404),
    ("GET    /api/v1/council/sessions/{closed_session}/results",
                                                               401, ok,  ok,  ok,  ok,  404, 404),
    ("GET    /api/v1/council/sessions/{closed_session}/minutes.pdf",
                                                               401, ok,  ok,  ok,  ok,  404, 404),

    # Decisions: the secretariat drafts, the signer signs; the office, the signer and the
    # council chair read; a unit reads the signed ones awarding its nominees (its own lines
    # only), and another unit finds nothing; council members read none, nor units the PDF.
    ("POST   /api/v1/decisions",                               401, 403, ok,  403, 403, 403, 403),
    ("GET    /api/v1/decisions",                               401, ok,  ok,  ok,  403, ok,  ok),
    ("GET    /api/v1/decisions/{signed_decision}",             401, ok,  ok,  ok,  403, ok,  404),
    ("GET    /api/v1/decisions/{signed_decision}/pdf",         401, ok,  ok,  ok,  403, 403, 403),
    ("POST   /api/v1/decisions/{draft_decision}/sign",         401, 403, 403, ok,  403, 403, 403),

    # Certificates: the office and the signer read them; only the secretariat revokes; only the
    # office prints (print jobs, the layout of pre-printed blanks, the calibration page).
    ("GET    /api/v1/certificates",                            401, ok,  ok,  ok,  403, 403, 403),
    ("GET    /api/v1/certificates/{certificate}",              401, ok,  ok,  ok,  403, 403, 403),
    ("GET    /api/v1/certificates/{certificate}/pdf",          401, ok,  ok,  ok,  403, 403, 403),
    ("POST   /api/v1/certificates/{certificate}/revoke",       401, 403, ok,  403, 403, 403, 403),
    ("POST   /api/v1/print-jobs",                              401, ok,  ok,  403, 403, 403, 403),
    ("GET    /api/v1/print-jobs/{print_job}",                  401, ok,  ok,  403, 403, 403, 403),
    ("GET    /api/v1/print-jobs/{print_job}/pdf",              401, ok,  ok,  403, 403, 403, 403),
    ("GET    /api/v1/print-layout",                            401, ok,  ok,  403, 403, 403, 403),
    ("PUT    /api/v1/print-layout",                            401, ok,  ok,  403, 403, 403, 403),
    ("GET    /api/v1/print-layout/calibration.pdf",            401, ok,  ok,  403, 403, 403, 403),
]

# Public: no sign-in needed, and none asked for (called here without any token).
PUBLIC = [
    ("POST   /api/v1/auth/token",                              ok),
    ("GET    /api/v1/health",                                  ok),
    ("GET    /api/v1/verify/{verify_code}",                    ok),
]
# fmt: on


# ---------------------------------------------------------------------------- requests
# One valid request per endpoint that needs more than its path: called anew for every caller,
# so that creations do not collide (a fresh code, citizen ID, year, term).

_serial = itertools.count(1)


def _person_body(w: World) -> dict:
    return {
        "full_name": "Phạm Thị Mai",
        "gender": "nu",
        "citizen_id": next_citizen_id(),
        "unit_id": w.unit,
    }


def _campaign_body(w: World) -> dict:
    n = next(_serial)
    return {
        "code": f"MATRIX_{uuid.uuid4().hex[:8].upper()}",
        "name": f"Phong trào thi đua kiểm thử {n}",
        "kind": "thematic",
        "starts_on": "2022-03-01",
        "ends_on": "2022-11-30",
    }


_record_years = itertools.count(1991)


def _record_body(year: int) -> dict:
    return {"year": year, "rating": "hoan_thanh_xuat_sac", "titles": [], "initiatives": []}


def _votes(nomination_ids: list[int]) -> list[dict]:
    return [{"nomination_id": n, "choice": "agree"} for n in nomination_ids]


def _workbook(w: World) -> dict:
    from openpyxl import load_workbook

    from app.nominations import excel

    template = w.client.get("/api/v1/dossiers/import-template", headers=w.headers("donvi1"))
    book = load_workbook(io.BytesIO(template.content))
    row = [1, "CSTDCS", "Cá nhân", "Lương Thị Nhung", "Nữ", "05/02/1985", next_citizen_id()]
    row += ["Điều dưỡng", "Có sáng kiến cấp cơ sở.", "Thường xuyên"]
    for col, value in enumerate(row, start=1):
        book[excel.SHEET].cell(row=excel.FIRST_ROW, column=col, value=value)
    out = io.BytesIO()
    book.save(out)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {"files": {"file": ("danh-sach.xlsx", out.getvalue(), xlsx)}}


REQUESTS: dict[str, Callable[[World], dict]] = {
    "POST /api/v1/api-tokens": lambda w: {"json": {"name": "Phần mềm quản lý của đơn vị"}},
    "POST /api/v1/campaigns": lambda w: {"json": _campaign_body(w)},
    "POST /api/v1/people": lambda w: {"json": _person_body(w)},
    "POST /api/v1/people/{person}/records": lambda w: {"json": _record_body(next(_record_years))},
    "PUT /api/v1/people/{person}/records/2021": lambda w: {"json": _record_body(2021)},
    "GET /api/v1/people/{person}/eligibility": lambda w: {
        "params": {"award_type": "LDTT", "year": 2022}
    },
    "POST /api/v1/dossiers": lambda w: {
        "json": {
            "campaign_id": w.campaign,
            "year": 2022,
            "title": "Tờ trình đề nghị khen thưởng năm 2022",
            "nominations": [individual("LDTT", "Đinh Văn Hùng")],
        }
    },
    "PATCH /api/v1/dossiers/{draft_dossier}": lambda w: {"json": {"title": "Tờ trình (sửa)"}},
    "POST /api/v1/dossiers/{draft_dossier}/nominations": lambda w: {
        "json": individual("LDTT", "Hà Thị Thu")
    },
    "POST /api/v1/dossiers/{draft_dossier}/attachments": lambda w: {
        "data": {"kind": "bao_cao_thanh_tich"},
        "files": {"file": ("bao-cao.pdf", MINIMAL_PDF, "application/pdf")},
    },
    "POST /api/v1/dossiers/{draft_dossier}/import": _workbook,
    "POST /api/v1/dossiers/{submitted_dossier}/return": lambda w: {
        "json": {"reason": "Thiếu báo cáo thành tích."}
    },
    "PATCH /api/v1/nominations/{draft_nomination}": lambda w: {
        "json": {"achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2022 (bổ sung)."}
    },
    "POST /api/v1/nominations/{submitted_nomination}/appraise": lambda w: {
        "json": {"result": "eligible"}
    },
    "POST /api/v1/council/members": lambda w: {"json": w.next_term()},
    "POST /api/v1/council/members/{council_term}/end": lambda w: {
        "json": {"valid_to": "2031-06-30"}
    },
    "POST /api/v1/council/sessions": lambda w: {
        "json": {
            "title": "Phiên họp xét khen thưởng năm 2022",
            "meeting_date": "2023-01-05",
            "nomination_ids": [w.eligible_nomination],
        }
    },
    "POST /api/v1/council/sessions/{open_session}/cancel": lambda w: {
        "json": {"reason": "Hoãn họp."}
    },
    "POST /api/v1/council/sessions/{open_session}/ballots": lambda w: {
        "json": {"votes": _votes(w.open_session_nominations)}
    },
    "POST /api/v1/council/sessions/{open_session}/written-ballots": lambda w: {
        "json": {"member_id": w.user_id("hoidong02"), "votes": _votes(w.open_session_nominations)}
    },
    "POST /api/v1/council/sessions/{closed_session}/receipts/check": lambda w: {
        "json": {"receipt": w.closed_session_receipt}
    },
    "POST /api/v1/decisions": lambda w: {
        "json": {"title": "Về việc tặng danh hiệu", "nomination_ids": [w.approved_nomination]}
    },
    "GET /api/v1/certificates": lambda w: {"params": {"decision_id": w.signed_decision}},
    "POST /api/v1/certificates/{certificate}/revoke": lambda w: {
        "json": {"reason": "Phát hiện khai man thành tích."}
    },
    "POST /api/v1/print-jobs": lambda w: {"json": {"decision_id": w.signed_decision}},
    "PUT /api/v1/print-layout": lambda w: {"json": {"offset_dx_mm": 1.5, "offset_dy_mm": -2}},
    "GET /api/v1/print-layout/calibration.pdf": lambda w: {"params": {"kind": "bang_khen"}},
    "POST /api/v1/auth/token": lambda w: {"data": {"username": "donvi1", "password": "demo"}},
}


# ---------------------------------------------------------------------------- the world

# Access tokens stay valid across tests (the demo users are committed); sign in once per module.
_TOKENS: dict[str, dict[str, str]] = {}


class World:
    """The objects the paths name, all of donvi1's unit, each built on first use."""

    def __init__(self, client, db, login):
        self.client, self.db, self._login = client, db, login

    def headers(self, username: str) -> dict[str, str]:
        if username == "anonymous":
            return {}
        if username not in _TOKENS:
            _TOKENS[username] = self._login(username)
        return _TOKENS[username]

    def member_headers(self, username: str) -> dict[str, str]:
        """A council member's bearer token, signed directly (no password hashing)."""
        if username in ("chutich", "hoidong01"):
            return self.headers(username)
        from app.auth import service as auth_service

        user = self._user(username)
        token, _ = auth_service.issue_access_token(user)
        return {"Authorization": f"Bearer {token}"}

    def _user(self, username: str):
        from app.auth import repository as auth_repository

        return auth_repository.get_user_by_username(self.db, username)

    def user_id(self, username: str) -> int:
        return self._user(username).id

    def _keep(self) -> None:
        """Keep what was written directly: a refused request rolls the session back to its last
        commit (here a savepoint, itself rolled back with the test's transaction)."""
        self.db.commit()

    def _post(self, path: str, username: str, expected: int = 200, **kwargs) -> dict:
        response = self.client.post(path, headers=self.headers(username), **kwargs)
        assert response.status_code == expected, response.text
        return response.json()

    @property
    def unit_headers(self):
        return self.headers("donvi1")

    @property
    def office_headers(self):
        return self.headers("thuky")

    # Reference data ---------------------------------------------------------------------------
    @cached_property
    def unit(self) -> int:
        return self.client.get("/api/v1/auth/me", headers=self.unit_headers).json()["unit_id"]

    @cached_property
    def campaign(self) -> int:
        return campaign_id(self.client, self.unit_headers)

    # People -----------------------------------------------------------------------------------
    @cached_property
    def person(self) -> int:
        """A person of donvi1's unit, with a record for 2021."""
        person = self._post(
            "/api/v1/people",
            "donvi1",
            201,
            json={"full_name": "Nông Văn Tuấn", "gender": "nam", "citizen_id": next_citizen_id()},
        )
        self._post(f"/api/v1/people/{person['id']}/records", "donvi1", 201, json=_record_body(2021))
        return person["id"]

    # Dossiers and nominations -----------------------------------------------------------------
    @cached_property
    def _draft(self) -> dict:
        dossier = create_dossier(self.client, self.unit_headers, [individual("LDTT")])
        attached = attach(self.client, self.unit_headers, dossier["id"])
        assert attached.status_code == 201, attached.text
        return {**dossier, "attachment_id": attached.json()["id"]}

    @property
    def draft_dossier(self) -> int:
        return self._draft["id"]

    @property
    def draft_nomination(self) -> int:
        return self._draft["nominations"][0]["id"]

    @property
    def draft_attachment(self) -> int:
        return self._draft["attachment_id"]

    @cached_property
    def _submitted(self) -> dict:
        return submitted_dossier(self.client, self.unit_headers, [individual("LDTT")])

    @property
    def submitted_dossier(self) -> int:
        return self._submitted["id"]

    @property
    def submitted_nomination(self) -> int:
        return self._submitted["nominations"][0]["id"]

    @property
    def submitted_attachment(self) -> int:
        return self._submitted["attachments"][0]["id"]

    @cached_property
    def eligible_nomination(self) -> int:
        self._post(
            f"/api/v1/nominations/{self.submitted_nomination}/appraise",
            "thuky",
            json={"result": "eligible"},
        )
        return self.submitted_nomination

    @cached_property
    def approved_nomination(self) -> int:
        ids = approved_nominations(
            self.client, self.db, self.unit_headers, self.office_headers, award="CSTDCS"
        )
        self._keep()
        return ids[0]

    # Decisions and certificates ---------------------------------------------------------------
    def _draft_decision(self) -> int:
        body = {"title": "Về việc tặng danh hiệu", "nomination_ids": [self.approved_nomination]}
        return self._post("/api/v1/decisions", "thuky", 201, json=body)["id"]

    @cached_property
    def draft_decision(self) -> int:
        return self._draft_decision()

    @cached_property
    def signed_decision(self) -> int:
        decision = self._draft_decision()
        self._post(f"/api/v1/decisions/{decision}/sign", "chutich")
        return decision

    @cached_property
    def _certificate(self) -> dict:
        listed = self.client.get(
            "/api/v1/certificates",
            params={"decision_id": self.signed_decision},
            headers=self.office_headers,
        )
        return listed.json()["items"][0]

    @property
    def certificate(self) -> int:
        return self._certificate["id"]

    @property
    def verify_code(self) -> str:
        return self._certificate["verify_code"]

    @cached_property
    def print_job(self) -> int:
        """A finished print job of the signed decision, its PDF on disk (finished directly: no
        background runner in the tests)."""
        from app.certificates.models import PrintJob, PrintJobStatus
        from app.core import storage

        body = {"decision_id": self.signed_decision}
        job_id = self._post("/api/v1/print-jobs", "thuky", 202, json=body)["id"]
        name = f"matrix-{uuid.uuid4().hex}.pdf"
        (storage.area("print-jobs") / name).write_bytes(MINIMAL_PDF)
        job = self.db.get(PrintJob, job_id)
        job.status, job.output_name, job.done = PrintJobStatus.DONE, name, job.total
        self._keep()
        return job_id

    # Council ----------------------------------------------------------------------------------
    def _session(self, *, opened: bool) -> dict:
        body = {
            "title": "Phiên họp xét khen thưởng năm 2022",
            "meeting_date": "2023-01-05",
            "nomination_ids": [self.eligible_nomination],
        }
        session = self._post("/api/v1/council/sessions", "thuky", 201, json=body)
        if opened:
            session = self._post(f"/api/v1/council/sessions/{session['id']}/open", "thuky")
        return session

    @cached_property
    def draft_session(self) -> int:
        return self._session(opened=False)["id"]

    @cached_property
    def _open(self) -> dict:
        return self._session(opened=True)

    @property
    def open_session(self) -> int:
        return self._open["id"]

    @property
    def open_session_nominations(self) -> list[int]:
        return self._open["nomination_ids"]

    def _vote_all(self, session: dict) -> dict[str, str]:
        """Every member of the demo council casts a ballot; their receipts by username."""
        members = ["chutich"] + [f"hoidong{i:02d}" for i in range(1, 11)]
        receipts = {}
        for username in members:
            receipt = self.client.post(
                f"/api/v1/council/sessions/{session['id']}/ballots",
                json={"votes": _votes(session["nomination_ids"])},
                headers=self.member_headers(username),
            )
            assert receipt.status_code == 201, receipt.text
            receipts[username] = receipt.json()["receipt"]
        return receipts

    @cached_property
    def ready_session(self) -> int:
        """Open, every member has voted: ready to be closed."""
        self._ready_receipts = self._vote_all(self._open)
        return self.open_session

    @cached_property
    def _closed(self) -> tuple[int, str]:
        receipts = self._vote_all(self._open)
        self._post(f"/api/v1/council/sessions/{self.open_session}/close", "thuky")
        return self.open_session, receipts["hoidong01"]

    @property
    def closed_session(self) -> int:
        return self._closed[0]

    @property
    def closed_session_receipt(self) -> str:
        return self._closed[1]

    @cached_property
    def _council_user(self):
        """A user with the council-member role and no term yet."""
        from app.auth import service as auth_service
        from app.auth.models import Role

        user = auth_service.create_user(
            self.db,
            actor=None,
            username=f"hoidong_moi_{uuid.uuid4().hex[:6]}",
            full_name="Lục Văn Bình",
            password="demo-password-123",
            roles={Role.COUNCIL_MEMBER},
        )
        self._keep()
        return user

    @cached_property
    def council_term(self) -> int:
        """A term of that user on the council, from 2030 (appointed directly)."""
        from app.council import service as council_service
        from app.council.schemas import CouncilMemberCreate

        term = council_service.add_member(
            self.db,
            actor=None,
            data=CouncilMemberCreate(user_id=self._council_user.id, valid_from="2030-01-01"),
        )
        self._keep()
        return term.id

    def next_term(self) -> dict:
        """A one-year term of the new user in a year no other call of the row uses."""
        year = 2040 + next(_serial)
        return {
            "user_id": self._council_user.id,
            "valid_from": f"{year}-01-01",
            "valid_to": f"{year}-12-31",
        }

    @cached_property
    def api_token(self) -> int:
        body = {"name": "Phần mềm quản lý của Sở Y tế"}
        return self._post("/api/v1/api-tokens", "donvi1", 201, json=body)["id"]


@pytest.fixture
def world(client, db, login, monkeypatch) -> World:
    from app.certificates import service as certificates_service

    # A print job renders after the response in another database session; in the rolled-back
    # test transaction there is nothing for it to see, so it does not run.
    monkeypatch.setattr(certificates_service, "run_print_job", lambda job_id: None)
    return World(client, db, login)


# ---------------------------------------------------------------------------- the test


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    expected: dict[str, object]

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


def _rows() -> list[Row]:
    rows = []
    for endpoint, *cells in MATRIX:
        method, path = endpoint.split()
        assert len(cells) == len(CALLERS), endpoint
        rows.append(Row(method, path, dict(zip(CALLERS, cells, strict=True))))
    return rows


ROWS = _rows()


def _outcome(status: int) -> object:
    return ok if 200 <= status < 300 else status


def _order(row: Row) -> list[str]:
    """Anonymous first, then the refusals, then those the policy lets through."""

    def rank(caller: str) -> tuple[int, int]:
        cell = row.expected[caller]
        group = 0 if caller == "anonymous" else 1 if cell in (401, 403, 404) else 2
        return group, CALLERS.index(caller)

    return sorted(CALLERS, key=rank)


def _call(world: World, method: str, path: str, caller: str):
    key = f"{method} {path}"
    concrete = re.sub(r"\{(\w+)\}", lambda m: str(getattr(world, m.group(1))), path)
    kwargs = REQUESTS.get(key, lambda w: {})(world)
    return world.client.request(method, concrete, headers=world.headers(caller), **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=[r.key for r in ROWS])
def test_authorization_matrix(world, row):
    # Build what the path names before anyone calls, so that every caller meets the same world.
    for name in re.findall(r"\{(\w+)\}", row.path):
        getattr(world, name)
    REQUESTS.get(row.key, lambda w: {})(world)
    observed, details = {}, {}
    for caller in _order(row):
        response = _call(world, row.method, row.path, caller)
        observed[caller] = _outcome(response.status_code)
        if observed[caller] != row.expected[caller]:
            details[caller] = response.text[:300]

    assert {c: observed[c] for c in CALLERS} == row.expected, details


@pytest.mark.slow
@pytest.mark.parametrize("endpoint, expected", PUBLIC, ids=[e for e, _ in PUBLIC])
def test_public_endpoints_need_no_sign_in(world, endpoint, expected):
    method, path = endpoint.split()
    response = _call(world, method, path, "anonymous")

    assert _outcome(response.status_code) == expected, response.text


def _shape(path: str) -> str:
    return re.sub(r"\{\w+\}|\b2021\b", "{}", path)


def test_matrix_covers_every_api_endpoint():
    from app.main import create_app

    paths = create_app(check_startup=False).openapi()["paths"]
    api = {
        f"{method.upper()} {_shape(path)}"
        for path, operations in paths.items()
        if path.startswith("/api/v1/")
        for method in operations
    }
    public = {f"{m} {_shape(p)}" for m, p in (e.split() for e, _ in PUBLIC)}
    table = [f"{r.method} {_shape(r.path)}" for r in ROWS]

    assert len(table) == len(set(table)), "an endpoint has two rows"
    assert set(table) | public == api
    assert not set(table) & public
    # Every request body belongs to a row (no stale key after an endpoint moves).
    assert set(REQUESTS) <= {r.key for r in ROWS} | {" ".join(e.split()) for e, _ in PUBLIC}
