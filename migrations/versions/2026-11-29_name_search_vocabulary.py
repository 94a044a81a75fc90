"""name search vocabulary: how many names hold each trigram, on SQLite

FTS5's own LIKE on the trigram table ANDs every trigram of the pattern, and a full name has a
dozen, some in half of all names ("ng ", " th"). The listing now matches only the pattern's
rarest trigrams and checks the whole pattern on the rows found; this view of the table's
vocabulary says which trigrams are rare (``repository.trigram_match``). It is a read-only view
of the FTS5 index: nothing to keep in step.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 06:10:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE nominations_fts_vocab USING fts5vocab(nominations_fts, 'row')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS nominations_fts_vocab")
