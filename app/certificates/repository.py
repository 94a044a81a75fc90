from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, and_, exists, or_, select, update
from sqlalchemy.orm import Session

from app.certificates.models import Certificate, PrintJob, PrintJobStatus


def get(session: Session, certificate_id: int) -> Certificate | None:
    return session.get(Certificate, certificate_id)


def by_code(session: Session, code: str) -> Certificate | None:
    return session.scalars(select(Certificate).where(Certificate.verify_code == code)).one_or_none()


def by_ids(session: Session, ids: list[int]) -> list[Certificate]:
    if not ids:
        return []
    return list(session.scalars(select(Certificate).where(Certificate.id.in_(ids))))


def by_nomination(session: Session, nomination_id: int) -> Certificate | None:
    stmt = select(Certificate).where(Certificate.nomination_id == nomination_id)
    return session.scalars(stmt).one_or_none()


def of_decision(session: Session, decision_id: int) -> list[Certificate]:
    stmt = (
        select(Certificate)
        .where(Certificate.decision_id == decision_id)
        .order_by(Certificate.serial_number)
    )
    return list(session.scalars(stmt))


def certificates_query(*, decision_id: int | None) -> Select[tuple[Certificate]]:
    stmt = select(Certificate)
    if decision_id is not None:
        stmt = stmt.where(Certificate.decision_id == decision_id)
    return stmt


def get_job(session: Session, job_id: int, *, for_update: bool = False) -> PrintJob | None:
    stmt = select(PrintJob).where(PrintJob.id == job_id)
    if for_update:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def unfinished_jobs(session: Session) -> list[PrintJob]:
    stmt = select(PrintJob).where(
        PrintJob.status.in_((PrintJobStatus.QUEUED, PrintJobStatus.RUNNING))
    )
    return list(session.scalars(stmt.order_by(PrintJob.id)))


def claim_job(session: Session, job_id: int, *, now: dt.datetime) -> bool:
    """Take a queued job for this process; False when another process took it first."""
    stmt = (
        update(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.status == PrintJobStatus.QUEUED)
        .values(
            status=PrintJobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            attempts=PrintJob.attempts + 1,
        )
    )
    return session.execute(stmt).rowcount == 1


def _stale(older_than: dt.datetime):
    return and_(
        PrintJob.status == PrintJobStatus.RUNNING,
        or_(PrintJob.heartbeat_at.is_(None), PrintJob.heartbeat_at < older_than),
    )


def has_pending_work(session: Session, *, older_than: dt.datetime) -> bool:
    """Whether a job waits in the queue or a running one stopped beating (a read, no lock)."""
    waiting = or_(PrintJob.status == PrintJobStatus.QUEUED, _stale(older_than))
    return session.scalar(select(exists().where(waiting))) or False


def requeue_stale(session: Session, *, older_than: dt.datetime) -> int:
    """Put back in the queue the running jobs whose process stopped beating."""
    stmt = update(PrintJob).where(_stale(older_than)).values(status=PrintJobStatus.QUEUED, done=0)
    return session.execute(stmt).rowcount


def queued_job_ids(session: Session) -> list[int]:
    stmt = select(PrintJob.id).where(PrintJob.status == PrintJobStatus.QUEUED).order_by(PrintJob.id)
    return list(session.scalars(stmt))
