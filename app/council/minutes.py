"""The minutes of the count (biên bản kiểm phiếu) as a PDF, laid out in the NĐ 30/2020 style.

WeasyPrint with one font configuration per process and the stylesheet parsed once; fonts come
from the system: Times New Roman, or its metric twin Liberation Serif, then DejaVu Serif.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from app.core.config import get_settings
from app.core.web import TEMPLATES_DIR, templates
from app.council import policies
from app.council.models import CouncilRole, CouncilSession
from app.council.schemas import ResultRead, SessionRead

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

TEMPLATE = "documents/council_minutes.html"
STYLESHEET = TEMPLATES_DIR / "documents" / "council_minutes.css"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _fonts() -> FontConfiguration:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet() -> CSS:
    from weasyprint import CSS

    return CSS(string=STYLESHEET.read_text(encoding="utf-8"), font_config=_fonts())


def long_date(day: dt.date) -> str:
    """NĐ 30/2020: 'ngày 05 tháng 01 năm 2023', 'ngày 15 tháng 3 năm 2023' (zero-padded day
    under 10 and months 1 and 2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def local_time(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(policies.VN_TZ).strftime("%H giờ %M, ngày %d/%m/%Y")


def context(
    *,
    council_session: CouncilSession,
    read: SessionRead,
    results: list[ResultRead],
    secretary: str,
) -> dict:
    settings = get_settings()
    members = read.member_details
    chair = next((m for m in members if m.role is CouncilRole.CHAIR), None)
    closed_on = (
        (council_session.closed_at or dt.datetime.now(dt.UTC)).astimezone(policies.VN_TZ).date()
    )
    return {
        "province": settings.province_name,
        "province_upper": settings.province_name.upper(),
        "s": council_session,
        "read": read,
        "results": results,
        "chair": chair,
        "secretary": secretary,
        "place_date": f"{settings.province_name}, {long_date(closed_on)}",
        "meeting_date": council_session.meeting_date.strftime("%d/%m/%Y"),
        "opened": local_time(council_session.opened_at),
        "closed": local_time(council_session.closed_at),
        "role_labels": policies.ROLE_LABELS,
        "percent": policies.percent,
        "quorum_text": policies.share(read.quorum),
        "approved": sum(1 for r in results if r.passed),
        "rejected": sum(1 for r in results if not r.passed),
    }


def render_html(**kwargs) -> str:
    return templates.get_template(TEMPLATE).render(**context(**kwargs))


def render(**kwargs) -> bytes:
    """Lay out and write the minutes."""
    from weasyprint import HTML

    html = render_html(**kwargs)
    with _lock:  # one FontConfiguration shared by the threads of a worker
        return HTML(string=html, base_url=str(TEMPLATES_DIR)).write_pdf(
            stylesheets=[_stylesheet()], font_config=_fonts()
        )
