"""Writing the audit log. Every state change calls :func:`record` in its own transaction."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.audit import repository
from app.audit.models import AuditEntry


class _Actor(Protocol):
    id: int
    username: str


def record(
    session: Session,
    *,
    actor: _Actor | None,
    action: str,
    target: Any,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit row for ``action`` on ``target`` (a model instance, flushed for its id)."""
    if target is not None and inspect(target, raiseerr=False) is not None:
        session.flush([target])
        target_type = type(target).__tablename__
        target_id = str(inspect(target).identity[0]) if inspect(target).identity else None
    else:
        target_type, target_id = "system", None
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        actor_username=actor.username if actor else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        data=data or {},
    )
    repository.add(session, entry)
    return entry


def entries_for(session: Session, *, target_type: str, target_id: str) -> list[AuditEntry]:
    """The audit rows of one target, oldest first."""
    return repository.for_target(session, target_type=target_type, target_id=target_id)
