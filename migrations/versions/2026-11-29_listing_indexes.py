"""listing indexes: years inside the id-ordered indexes; a trigram table for names on SQLite

Years follow ids (a year's nominations arrive together), so an index scan in id order that
filters on a year walks every earlier year first: the year goes inside the index. On SQLite,
names are searched anywhere inside (LIKE '%q%') through an FTS5 table with the trigram
tokenizer, kept in step with ``nominations`` by triggers (PostgreSQL has its GIN trigram index
since 0003). A later migration that rebuilds ``nominations`` in batch mode on SQLite drops these
triggers with the old table and must create them again (``create_sqlite_name_search``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 00:40:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_nominations_year_id": ["year", "id"],
    "ix_nominations_year_status_id": ["year", "status", "id"],
    "ix_nominations_year_award_type_id_id": ["year", "award_type_id", "id"],
    "ix_nominations_unit_id_year_id": ["unit_id", "year", "id"],
}

SQLITE_NAME_SEARCH = [
    "CREATE VIRTUAL TABLE nominations_fts USING fts5(nominee_name_folded, "
    "content='nominations', content_rowid='id', tokenize='trigram', detail=none)",
    "CREATE TRIGGER nominations_fts_insert AFTER INSERT ON nominations BEGIN "
    "INSERT INTO nominations_fts(rowid, nominee_name_folded) "
    "VALUES (new.id, new.nominee_name_folded); END",
    "CREATE TRIGGER nominations_fts_delete AFTER DELETE ON nominations BEGIN "
    "INSERT INTO nominations_fts(nominations_fts, rowid, nominee_name_folded) "
    "VALUES ('delete', old.id, old.nominee_name_folded); END",
    "CREATE TRIGGER nominations_fts_update AFTER UPDATE OF nominee_name_folded ON nominations "
    "BEGIN INSERT INTO nominations_fts(nominations_fts, rowid, nominee_name_folded) "
    "VALUES ('delete', old.id, old.nominee_name_folded); "
    "INSERT INTO nominations_fts(rowid, nominee_name_folded) "
    "VALUES (new.id, new.nominee_name_folded); END",
    "INSERT INTO nominations_fts(nominations_fts) VALUES ('rebuild')",
]


def create_sqlite_name_search() -> None:
    for statement in SQLITE_NAME_SEARCH:
        op.execute(statement)


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "nominations", columns, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        create_sqlite_name_search()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS nominations_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS nominations_fts")
    for name in INDEXES:
        op.drop_index(name, table_name="nominations")
