from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry


def add(session: Session, entry: AuditEntry) -> None:
    session.add(entry)


def for_target(session: Session, *, target_type: str, target_id: str) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.target_type == target_type, AuditEntry.target_id == target_id)
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(stmt))
