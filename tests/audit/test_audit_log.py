from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DatabaseError

from app.audit import service as audit_service
from app.audit.models import AuditEntry
from app.models import Unit


def test_audit_record_names_actor_action_and_target(db):
    unit = db.scalars(select(Unit).order_by(Unit.id)).first()

    entry = audit_service.record(db, actor=None, action="unit.test", target=unit, data={"a": 1})
    db.flush()

    assert (entry.target_type, entry.target_id, entry.data) == ("units", str(unit.id), {"a": 1})
    assert (
        audit_service.entries_for(db, target_type="units", target_id=str(unit.id))[-1].id
        == entry.id
    )


@pytest.mark.parametrize(
    "statement",
    [update(AuditEntry).values(action="tampered"), delete(AuditEntry)],
    ids=["update", "delete"],
)
def test_audit_log_is_append_only_in_the_database(db, statement):
    audit_service.record(db, actor=None, action="x.y", target=None)
    db.flush()

    with pytest.raises(DatabaseError, match="append-only"), db.begin_nested():
        db.execute(statement)
