"""Dates as the province lives them: Vietnam time (UTC+7, no daylight saving)."""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def vn_today() -> dt.date:
    """Today's date in Vietnam; a decision signed at 06:30 local time is dated that day."""
    return dt.datetime.now(VIETNAM).date()
