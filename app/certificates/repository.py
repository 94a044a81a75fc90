from __future__ import annotations

from sqlalchemy import Select, select
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
