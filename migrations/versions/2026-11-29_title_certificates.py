"""title certificates: collective titles print as a certificate of the title, not a Bằng khen

Tập thể lao động xuất sắc and Cờ thi đua của UBND tỉnh are titles (danh hiệu), awarded by a
decision of the Chủ tịch UBND tỉnh; their certificates printed on the Bằng khen sheet as "Tặng
BẰNG KHEN" with the title's name nowhere on them. They now take the certificate of a title
(``chung_nhan_cstd``: "BẰNG CHỨNG NHẬN — Đạt danh hiệu …", the layout the Chiến sĩ thi đua
titles already use, for a collective as for a person). Certificates already issued keep what
they printed (``certificates.printed``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TITLES = ("TTLDXS", "CO_TINH")


def _set_kind(kind: str) -> None:
    award_types = sa.table(
        "award_types", sa.column("code", sa.String), sa.column("certificate_kind", sa.String)
    )
    op.execute(
        award_types.update()
        .where(award_types.c.code.in_(_TITLES), award_types.c.certificate_kind.is_not(None))
        .values(certificate_kind=kind)
    )


def upgrade() -> None:
    _set_kind("chung_nhan_cstd")


def downgrade() -> None:
    _set_kind("bang_khen")
