"""The plain data a certificate prints, and the Vietnamese date forms it prints them in.

Nothing here touches the database or WeasyPrint: the service builds a ``CertificateView`` from its
models, and the renderers turn views into PDFs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Literal

from app.core.config import get_settings

Kind = Literal["bang_khen", "giay_khen", "chung_nhan_cstd"]
Subject = Literal["individual", "collective"]

KINDS: tuple[str, ...] = ("bang_khen", "giay_khen", "chung_nhan_cstd")
SUBJECTS: tuple[str, ...] = ("individual", "collective")


@dataclass(frozen=True, slots=True)
class CertificateView:
    """Everything one certificate (bằng khen, giấy khen, giấy chứng nhận CSTĐ) prints."""

    kind: Kind
    subject: Subject
    issuer_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    heading: str  # "BẰNG KHEN", "GIẤY KHEN", "GIẤY CHỨNG NHẬN"
    award_name: str  # "Chiến sĩ thi đua cấp tỉnh"
    recipient_name: str
    recipient_position: str | None
    recipient_unit: str
    achievement: str
    decision_number: str  # "163/QĐ-UBND"
    decision_date: dt.date
    serial: str  # số sổ vàng, "2022-000123"
    verify_code: str
    place: str  # "Lạng Sơn"
    signer_title: str  # "CHỦ TỊCH"
    signer_name: str
    revoked: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown certificate kind {self.kind!r}; expected one of {KINDS}")
        if self.subject not in SUBJECTS:
            raise ValueError(f"unknown subject {self.subject!r}; expected one of {SUBJECTS}")
        if not isinstance(self.decision_date, dt.date):
            raise TypeError("decision_date must be a datetime.date")
        # Text typed on some keyboards arrives decomposed (e + combining marks): normalise to the
        # precomposed form (TCVN 6909 / NFC) so that glyphs and extracted text are the usual ones.
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, str):
                object.__setattr__(self, field.name, unicodedata.normalize("NFC", value.strip()))


def verify_url(code: str, *, base_url: str | None = None) -> str:
    """The public verification address a certificate's QR code holds."""
    base = (base_url if base_url is not None else get_settings().public_base_url).rstrip("/")
    return f"{base}/verify/{code}"


def day_month(value: dt.date) -> tuple[str, str]:
    """Day and month as NĐ 30/2020 writes them: a leading zero for days under 10 and months 1-2."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return day, month


def long_date(value: dt.date) -> str:
    """'ngày 05 tháng 02 năm 2023', 'ngày 15 tháng 3 năm 2023'."""
    day, month = day_month(value)
    return f"ngày {day} tháng {month} năm {value.year}"


def place_and_date(place: str, value: dt.date) -> str:
    """'Lạng Sơn, ngày 05 tháng 02 năm 2023'."""
    return f"{place}, {long_date(value)}"


def position_line(view: CertificateView) -> str:
    """The line under the name: position and unit of a person, parent unit of a collective."""
    parts = [p for p in (view.recipient_position, view.recipient_unit) if p]
    return ", ".join(parts)
