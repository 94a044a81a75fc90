"""decision printed: what a signed decision printed, copied at signing

The decision's PDF was rendered from the data of the day it was downloaded: a person's new
position, a renamed unit or award, another province setting changed a decision already signed.
Decisions signed before this revision keep None and print from current data, as before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 08:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('decisions') as batch_op:
        batch_op.add_column(
            sa.Column(
                'printed',
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('decisions') as batch_op:
        batch_op.drop_column('printed')
