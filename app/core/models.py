"""Column helpers shared by the domain models."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, row_now


def str_enum(enum_cls: type[enum.StrEnum], name: str) -> Enum:
    """A portable (non-native) enum stored by value, with a named CHECK constraint."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls) + 8,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


class CreatedAtMixin:
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=row_now)
