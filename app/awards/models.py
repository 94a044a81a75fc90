"""The award catalog: titles (danh hiệu) and forms of commendation (hình thức khen thưởng)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.core.models import str_enum


class AwardCategory(enum.StrEnum):
    TITLE = "title"  # danh hiệu thi đua
    COMMENDATION = "commendation"  # hình thức khen thưởng


class AwardSubject(enum.StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class AwardType(Base):
    """One entry of the catalog.

    ``rule_code`` names the award in the rules engine (``app.awards.rules``) and in the bonus
    tables: the collective Bằng khen shares the rules code ``BK_TINH`` with the individual one.
    The vote threshold and the secret-ballot flag are the province's (QĐ 1338/QĐ-UBND of Lạng Sơn:
    70 % of the whole council, 90 % by secret ballot for CSTĐ tỉnh): data an office may change.
    """

    __tablename__ = "award_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    rule_code: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[AwardCategory] = mapped_column(str_enum(AwardCategory, "award_category"))
    subject: Mapped[AwardSubject] = mapped_column(str_enum(AwardSubject, "award_subject"))
    level: Mapped[str] = mapped_column(String(20))  # co_so | tinh | toan_quoc
    authority: Mapped[str] = mapped_column(String(200))
    vote_threshold: Mapped[float] = mapped_column(Float)
    secret_ballot: Mapped[bool] = mapped_column(Boolean)
    certificate_kind: Mapped[str | None] = mapped_column(String(40))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
