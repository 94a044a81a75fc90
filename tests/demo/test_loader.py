from __future__ import annotations

from sqlalchemy import func, select

from app.demo.loader import load_demo_data
from app.models import ApiToken, AuditEntry, Campaign, Cluster, Target, Unit, User, UserRole

TABLES = (Cluster, Unit, Campaign, Target, User, UserRole, ApiToken, AuditEntry)


def _counts(db) -> dict[str, int]:
    return {m.__tablename__: db.scalar(select(func.count()).select_from(m)) for m in TABLES}


def test_demo_data_loaded_twice_changes_nothing(db):
    before = _counts(db)

    report = load_demo_data(db)
    db.flush()

    assert report.total == 0
    assert _counts(db) == before


def test_demo_data_has_the_contract_scale(db):
    counts = _counts(db)

    assert 25 <= counts["units"] <= 45
    assert counts["users"] == 15
    assert counts["campaigns"] == 7
