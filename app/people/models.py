"""People (cá nhân) and their yearly history: rating, titles, initiatives, discipline."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, PortableJSON, UTCDateTime, row_now, utcnow
from app.core.models import CreatedAtMixin, str_enum


class Gender(enum.StrEnum):
    NAM = "nam"
    NU = "nu"


class Rating(enum.StrEnum):
    """Xếp loại, đánh giá: the yearly assessment, best first."""

    HOAN_THANH_XUAT_SAC = "hoan_thanh_xuat_sac"
    HOAN_THANH_TOT = "hoan_thanh_tot"
    HOAN_THANH = "hoan_thanh"
    KHONG_HOAN_THANH = "khong_hoan_thanh"


class Discipline(enum.StrEnum):
    """Kỷ luật, mildest first."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    CACH_CHUC = "cach_chuc"
    BUOC_THOI_VIEC = "buoc_thoi_viec"


class InitiativeLevel(enum.StrEnum):
    CO_SO = "co_so"
    TINH = "tinh"
    TOAN_QUOC = "toan_quoc"


class Person(CreatedAtMixin, Base):
    """An individual who may be nominated; unique by citizen ID (CCCD) when one is given."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # Lower-case without diacritics, for search that ignores them ("nguyen van thang").
    name_folded: Mapped[str] = mapped_column(String(200), index=True)
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender, "gender"))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    citizen_id: Mapped[str | None] = mapped_column(String(12), unique=True)
    position: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)

    records: Mapped[list[PersonRecord]] = relationship(
        back_populates="person", lazy="raise", order_by="PersonRecord.year"
    )


class PersonRecord(Base):
    """One year of a person's history, as the unit records it."""

    __tablename__ = "person_records"
    __table_args__ = (UniqueConstraint("person_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    rating: Mapped[Rating | None] = mapped_column(str_enum(Rating, "rating"))
    titles: Mapped[list[str]] = mapped_column(PortableJSON, default=list)
    # [{"name": ..., "level": "co_so" | "tinh" | "toan_quoc"}]
    initiatives: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON, default=list)
    discipline: Mapped[Discipline | None] = mapped_column(str_enum(Discipline, "discipline"))
    months_worked: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=row_now, onupdate=utcnow)

    person: Mapped[Person] = relationship(back_populates="records", lazy="raise")
