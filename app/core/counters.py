"""Gapless per-year sequences (decision numbers, golden-book serials).

A number is taken by incrementing a counter row inside the caller's transaction: the row stays
locked until that transaction ends, so two signings at once get consecutive numbers, and a
transaction that rolls back gives its number back. Never ``max() + 1``.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.db import Base


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


def next_number(session: Session, *, name: str, year: int) -> int:
    """The next number of sequence ``name`` in ``year``, starting at 1."""
    bump = (
        update(Counter)
        .where(Counter.name == name, Counter.year == year)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    value = session.execute(bump).scalar_one_or_none()
    if value is not None:
        return value
    try:
        with session.begin_nested():
            session.execute(insert(Counter).values(name=name, year=year, value=1))
        return 1
    except IntegrityError:
        # Another transaction created this year's row first; it is committed now.
        return session.execute(bump).scalar_one()
