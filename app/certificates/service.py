"""Certificates: issued when a decision is signed, verified by anyone, revoked with a reason,
rendered to PDF (cached by content) and printed in batches by print jobs."""

from __future__ import annotations

import datetime as dt
import logging
import math
import secrets
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth.models import Role
from app.auth.policies import Actor
from app.certificates import repository
from app.certificates.models import (
    Certificate,
    CertificateStatus,
    PrintJob,
    PrintJobStatus,
    PrintLayout,
)
from app.certificates.render_data import CertificateView, verify_url
from app.certificates.schemas import CertificateRead, PrintJobCreate, VerifyRead
from app.core import storage
from app.core.config import get_settings
from app.core.counters import next_number
from app.core.db import session_scope, utcnow
from app.core.errors import BadRequest, Conflict, Forbidden, NotFound
from app.core.pagination import PageParams, paginate
from app.nominations import service as nominations_service

if TYPE_CHECKING:
    from app.decisions.models import Decision
    from app.decisions.service import Recipient

log = logging.getLogger("thidua.certificates")

HEADINGS = {
    "bang_khen": "BẰNG KHEN",
    "giay_khen": "GIẤY KHEN",
    "chung_nhan_cstd": "BẰNG CHỨNG NHẬN",
}
OFFICE_ROLES = (Role.ADMIN, Role.SECRETARIAT)
READER_ROLES = (Role.ADMIN, Role.SECRETARIAT, Role.SIGNER)


def _issuer_title() -> str:
    return f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {get_settings().province_name.upper()}"


def _issuer_text(printed: dict[str, Any]) -> str:
    """The issuer the certificate printed at signing, in running text: "Chủ tịch Ủy ban nhân dân
    tỉnh Lạng Sơn". The printed title is in capitals, so the province's own capitals come from the
    printed place, copied from the same setting at the same moment."""
    title, place = printed["issuer_title"], printed["place"]
    if not title.endswith(f" {place.upper()}"):
        return title
    office = title.removesuffix(place.upper()).capitalize()
    return office.replace("ủy ban nhân dân", "Ủy ban nhân dân") + place


def issue_for_decision(
    session: Session, *, actor: Actor, decision: Decision, lines: list[Recipient]
) -> list[Certificate]:
    """One certificate per recipient whose award has one (Lao động tiên tiến has none: the
    decision and the bonus are the award), numbered in the year's golden book."""
    issued = []
    for line in lines:
        kind = line.award.certificate_kind
        if kind is None:
            continue
        number = next_number(session, name="so_vang", year=decision.year)
        certificate = Certificate(
            nomination_id=line.nomination.id,
            decision_id=decision.id,
            serial_year=decision.year,
            serial_number=number,
            serial=f"{number:05d}/{decision.year}",
            verify_code=secrets.token_urlsafe(15),
            status=CertificateStatus.VALID,
            recipient_name=line.name,
            award_name=line.award_name,
            decision_number=decision.number_text,
            decision_date=decision.signed_on,
            printed={
                "kind": kind,
                "subject": line.award.subject.value,
                "issuer_title": _issuer_title(),
                "heading": HEADINGS[kind],
                "recipient_position": line.position,
                "recipient_unit": line.unit_name or "",
                "achievement": line.nomination.achievement,
                "place": get_settings().province_name,
                "signer_title": "CHỦ TỊCH",
                "signer_name": decision.signer_name,
            },
        )
        session.add(certificate)
        issued.append(certificate)
    session.flush()
    for certificate in issued:
        audit_service.record(
            session,
            actor=actor,
            action="certificate.issue",
            target=certificate,
            data={"serial": certificate.serial, "decision_id": decision.id},
        )
    return issued


def view_of(certificate: Certificate) -> CertificateView:
    p = certificate.printed
    return CertificateView(
        kind=p["kind"],
        subject=p["subject"],
        issuer_title=p["issuer_title"],
        heading=p["heading"],
        award_name=certificate.award_name,
        recipient_name=certificate.recipient_name,
        recipient_position=p.get("recipient_position"),
        recipient_unit=p.get("recipient_unit") or "",
        achievement=p.get("achievement") or "",
        decision_number=certificate.decision_number,
        decision_date=certificate.decision_date,
        serial=certificate.serial,
        verify_code=certificate.verify_code,
        place=p["place"],
        signer_title=p["signer_title"],
        signer_name=p.get("signer_name") or "",
        revoked=certificate.status is CertificateStatus.REVOKED,
    )


def certificate_read(certificate: Certificate) -> CertificateRead:
    return CertificateRead(
        id=certificate.id,
        serial=certificate.serial,
        verify_code=certificate.verify_code,
        verify_url=verify_url(certificate.verify_code),
        status=certificate.status,
        nomination_id=certificate.nomination_id,
        decision_id=certificate.decision_id,
        decision_number=certificate.decision_number,
        decision_date=certificate.decision_date,
        recipient=certificate.recipient_name,
        award=certificate.award_name,
        kind=certificate.printed["kind"],
        revoked_reason=certificate.revoked_reason,
        revoked_at=certificate.revoked_at,
    )


def _require(actor: Actor, roles: tuple[Role, ...], message: str) -> None:
    if not actor.has_role(*roles):
        raise Forbidden(message)


def get_certificate(session: Session, *, actor: Actor, certificate_id: int) -> Certificate:
    _require(actor, READER_ROLES, "Chỉ Ban Thi đua - Khen thưởng và người ký xem được bằng.")
    certificate = repository.get(session, certificate_id)
    if certificate is None:
        raise NotFound("Không tìm thấy bằng, giấy khen.")
    return certificate


def list_certificates(
    session: Session, *, actor: Actor, params: PageParams, decision_id: int | None
) -> tuple[list[Certificate], str | None]:
    _require(actor, READER_ROLES, "Chỉ Ban Thi đua - Khen thưởng và người ký xem được bằng.")
    stmt = repository.certificates_query(decision_id=decision_id)
    return paginate(session, stmt, key=Certificate.id, params=params)


def certificates_of_decision(
    session: Session, *, actor: Actor, decision_id: int
) -> list[Certificate]:
    """Every certificate a decision issued, in serial order (the decision's page)."""
    _require(actor, READER_ROLES, "Chỉ Ban Thi đua - Khen thưởng và người ký xem được bằng.")
    stmt = repository.certificates_query(decision_id=decision_id).order_by(
        Certificate.serial_number, Certificate.id
    )
    return list(session.scalars(stmt))


def can_read_certificates(actor: Actor) -> bool:
    return actor.has_role(*READER_ROLES)


def revoke(session: Session, *, actor: Actor, certificate_id: int, reason: str) -> Certificate:
    """Withdraw an award (hủy bỏ, Điều 93 Luật TĐKT 2022): the certificate and the nomination."""
    _require(actor, (Role.SECRETARIAT,), "Chỉ Ban Thi đua - Khen thưởng thu hồi được bằng.")
    certificate = repository.get(session, certificate_id)
    if certificate is None:
        raise NotFound("Không tìm thấy bằng, giấy khen.")
    if certificate.status is CertificateStatus.REVOKED:
        raise Conflict("Bằng, giấy khen này đã bị thu hồi.")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_reason = reason
    certificate.revoked_at = utcnow()
    nomination = nominations_service.repository.get_nomination(session, certificate.nomination_id)
    nominations_service.transition(
        session, actor=actor, nomination=nomination, action="revoke", reason=reason
    )
    audit_service.record(
        session,
        actor=actor,
        action="certificate.revoke",
        target=certificate,
        data={"reason": reason, "serial": certificate.serial},
    )
    return certificate


def verify(session: Session, *, code: str) -> VerifyRead:
    """The public answer for a verification code: valid or revoked, and nothing private."""
    certificate = repository.by_code(session, code) if 8 <= len(code) <= 40 else None
    if certificate is None:
        raise NotFound("Không tìm thấy bằng, giấy khen với mã xác minh này.")
    return VerifyRead(
        valid=certificate.status is CertificateStatus.VALID,
        status=certificate.status,
        recipient=certificate.recipient_name,
        award=certificate.award_name,
        decision_number=certificate.decision_number,
        signed_on=certificate.decision_date,
        issuer=_issuer_text(certificate.printed),
        serial=certificate.serial,
        revoked_on=certificate.revoked_at.date() if certificate.revoked_at else None,
    )


# ---------------------------------------------------------------------------- PDF


def certificate_pdf(session: Session, *, actor: Actor, certificate_id: int) -> bytes:
    """The certificate's PDF; an unchanged certificate is served from the cache, not rendered."""
    from app.certificates import render

    certificate = get_certificate(session, actor=actor, certificate_id=certificate_id)
    view = view_of(certificate)
    key = render.cache_key(view)
    cache = storage.area("pdf-cache")
    path = cache / f"{key}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    pdf = render.render_one(view)
    try:
        storage.write_atomic(cache, path.name, pdf)
    except storage.StorageError:
        log.warning("could not cache certificate %s", certificate.id)
    return pdf


# ---------------------------------------------------------------------------- print jobs


def create_print_job(session: Session, *, actor: Actor, data: PrintJobCreate) -> PrintJob:
    """Queue a print job for a decision's certificates or a list of them."""
    _require(actor, OFFICE_ROLES, "Chỉ Ban Thi đua - Khen thưởng in bằng.")
    if (data.decision_id is None) == (data.certificate_ids is None):
        raise BadRequest("Cần đúng một trong hai: decision_id hoặc certificate_ids.")
    if data.decision_id is not None:
        certificates = repository.of_decision(session, data.decision_id)
        if not certificates:
            raise NotFound("Quyết định không có bằng nào để in (chưa ký, hoặc không tồn tại).")
        ids = [c.id for c in certificates]
    else:
        ids = list(dict.fromkeys(data.certificate_ids))
        found = {c.id for c in repository.by_ids(session, ids)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise BadRequest(f"Không có bằng số {', '.join(map(str, missing[:20]))}.")
    job = PrintJob(
        status=PrintJobStatus.QUEUED,
        mode=data.mode,
        certificate_ids=ids,
        decision_id=data.decision_id,
        total=len(ids),
        done=0,
        failed=[],
        created_by_id=actor.id,
    )
    session.add(job)
    audit_service.record(
        session,
        actor=actor,
        action="print_job.create",
        target=job,
        data={"total": len(ids), "mode": data.mode},
    )
    return job


def get_print_job(session: Session, *, actor: Actor, job_id: int) -> PrintJob:
    _require(actor, OFFICE_ROLES, "Chỉ Ban Thi đua - Khen thưởng in bằng.")
    job = repository.get_job(session, job_id)
    if job is None:
        raise NotFound("Không tìm thấy lệnh in.")
    return job


def print_job_file(session: Session, *, actor: Actor, job_id: int) -> Path:
    job = get_print_job(session, actor=actor, job_id=job_id)
    if job.status is not PrintJobStatus.DONE or not job.output_name:
        raise Conflict("Lệnh in chưa xong.")
    path = storage.area("print-jobs") / job.output_name
    if not path.is_file():
        raise NotFound("Tệp in không còn trên máy chủ; hãy chạy lại lệnh in.")
    return path


def print_processes() -> int:
    """How many worker processes render a print job."""
    from app.certificates import render

    return min(2, render.processes_available())


def warm_up_printing() -> None:
    """At start-up, off the request path: load WeasyPrint and the fonts in this process (for the
    single certificates users open) and start the print workers (for the first print job)."""
    from app.certificates import render

    render.warm_up()
    processes = print_processes()
    if processes > 1:
        render.warm_pool(processes)


def run_print_job(job_id: int) -> None:
    """Render a queued job in worker processes, recording progress as chunks finish.

    Runs outside any request. The job is claimed with a conditional update, so of several
    processes only one runs it. The certificates are ordered by serial: a job run again (after
    its process died) yields the same pages in the same order, with the same serials, which
    were fixed when the decision was signed.
    """
    from app.certificates import render

    with session_scope() as session:
        if not repository.claim_job(session, job_id, now=utcnow()):
            return
        job = repository.get_job(session, job_id)
        layout = blank_layout(session) if job.mode == "blank" else None
        certificates = sorted(
            repository.by_ids(session, job.certificate_ids),
            key=lambda c: (c.serial_year, c.serial_number),
        )
        views = [view_of(c) for c in certificates]

    def progress(done: int, total: int) -> None:
        with session_scope() as s:
            row = repository.get_job(s, job_id)
            if row is not None:
                row.done = done
                row.heartbeat_at = utcnow()

    try:
        result = render.render_parallel(
            views,
            processes=print_processes(),
            blank_layout=layout,
            on_progress=progress,
        )
        name = storage.generated_name(".pdf")
        if result.pdf:
            storage.write_atomic(storage.area("print-jobs"), name, result.pdf)
    except Exception as exc:  # the job fails as a whole; the reason is kept for the office
        log.exception("print job %s failed", job_id)
        with session_scope() as session:
            job = repository.get_job(session, job_id)
            job.status = PrintJobStatus.FAILED
            job.error = f"{type(exc).__name__}: {exc}"[:2000]
            job.finished_at = utcnow()
        return
    with session_scope() as session:
        job = repository.get_job(session, job_id)
        job.status = PrintJobStatus.DONE
        job.done = job.total
        job.output_name = name if result.pdf else None
        job.failed = [
            {
                "certificate_id": certificates[f.index].id,
                "serial": certificates[f.index].serial,
                "error": f.error,
            }
            for f in result.failed
        ]
        job.finished_at = utcnow()


def start_soon(background, job_id: int) -> None:
    """Start a new job right after the response (when its row is committed), instead of at the
    runner's next round. Where the runner is off (in-process tests) the job waits in the queue."""
    if get_settings().job_runner:
        background.add_task(run_print_job, job_id)


def run_pending_jobs() -> int:
    """Take back jobs whose process died, then run every queued job; return how many ran."""
    older_than = utcnow() - dt.timedelta(seconds=get_settings().print_job_stale_seconds)
    # Most rounds find nothing to do: look first without the write lock, which on SQLite
    # every round would otherwise take from the users' requests, every few seconds.
    with session_scope(write=False) as session:
        if not repository.has_pending_work(session, older_than=older_than):
            return 0
    with session_scope() as session:
        requeued = repository.requeue_stale(session, older_than=older_than)
        ids = repository.queued_job_ids(session)
    if requeued:
        log.warning("took back %d print job(s) whose process stopped", requeued)
    for job_id in ids:
        run_print_job(job_id)
    return len(ids)


class JobRunner:
    """A daemon thread per process that runs queued print jobs every few seconds."""

    def __init__(self, interval: float = 3.0) -> None:
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="print-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                run_pending_jobs()
            except Exception:  # a database hiccup must not kill the runner
                log.exception("print job runner")


# ---------------------------------------------------------------------------- blanks (phôi)

LAYOUT_NAME = "blank"


def blank_layout(session: Session):
    """The office's calibrated blank layout, or the shipped default."""
    from app.certificates.render_blank import BlankLayout

    row = session.get(PrintLayout, LAYOUT_NAME)
    return BlankLayout.from_dict(row.layout) if row else BlankLayout.default()


def save_blank_layout(session: Session, *, actor: Actor, data: dict[str, Any]):
    """Store a calibrated layout (validated: known kinds and fields, positive sizes)."""
    from app.certificates.render_blank import BlankLayout

    _require(actor, OFFICE_ROLES, "Chỉ Ban Thi đua - Khen thưởng chỉnh vị trí in phôi.")
    try:
        layout = BlankLayout.from_dict(data)
        _check_measures(layout.to_dict())
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise BadRequest(f"Bố cục in phôi không hợp lệ: {exc}") from exc
    row = session.get(PrintLayout, LAYOUT_NAME)
    if row is None:
        row = PrintLayout(name=LAYOUT_NAME, layout={}, updated_at=utcnow())
        session.add(row)
    row.layout = layout.to_dict()
    row.updated_at = utcnow()
    audit_service.record(
        session,
        actor=actor,
        action="print_layout.update",
        target=row,
        data={"offset_dx_mm": layout.offset_dx_mm, "offset_dy_mm": layout.offset_dy_mm},
    )
    return layout


def _check_measures(value: Any) -> None:
    """Every number a finite measure within a metre either way (millimetres, points)."""
    if isinstance(value, dict):
        for item in value.values():
            _check_measures(item)
    elif (
        isinstance(value, float | int)
        and not isinstance(value, bool)
        and (not math.isfinite(value) or abs(value) > 1000)
    ):
        raise ValueError(f"{value!r} is not a measure between -1000 and 1000")


def calibration_pdf(session: Session, *, actor: Actor, kind: str | None) -> bytes:
    """The calibration page(s) to print on plain paper and hold against a blank."""
    from app.certificates import render
    from app.certificates.render_data import KINDS

    _require(actor, OFFICE_ROLES, "Chỉ Ban Thi đua - Khen thưởng in trang căn chỉnh.")
    if kind is not None and kind not in KINDS:
        raise BadRequest(f"Loại bằng phải là một trong: {', '.join(KINDS)}.")
    return render.render_calibration(blank_layout(session), kinds=[kind] if kind else None)
