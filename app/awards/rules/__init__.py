"""The legal rules engine: pure functions that say whether a nominee meets an award's criteria.

Each regime module holds the rules of one legal regime; `regime_for` picks one by the
nomination's year and, when known, the decision date:

- regime A (`regime_2017`): nomination years up to 2023 — Law 2003/2013, NĐ 91/2017, TT 12/2019;
- regime B (`regime_2024`): 2024 and later — Law 06/2022/QH15, NĐ 98/2023;
- regime B′ (`regime_2025`): regime B decided from 01/7/2025 — NĐ 152/2025.

The year decides between A and B because the criteria are those of the period the achievements
belong to (a 2023 record is judged by the old law even if decided in 2024). The decision date
decides B′, which changes how things are decided, not what a year's achievements were. Without a
decision date, the usual one is assumed: early in the year after the nomination year, so 2024
nominations are regime B and 2025 ones regime B′. A later regime (the amending law said to take
force on 01/10/2026 is unconfirmed) is one more module appended to `REGIMES`.

Every result is a list of `Check(rule, passed, detail, citation)`; `eligible()` is their
conjunction. Values the law leaves to the province are in `RuleSettings`.
"""

from __future__ import annotations

from datetime import date

from . import regime_2017, regime_2024, regime_2025
from .base import (
    Check,
    CollectiveFacts,
    History,
    Initiative,
    Regime,
    RegimeInfo,
    RuleSettings,
    UnsupportedAward,
    YearRecord,
)

__all__ = [
    "REGIMES",
    "Check",
    "CollectiveFacts",
    "History",
    "Initiative",
    "Regime",
    "RegimeInfo",
    "RuleSettings",
    "UnsupportedAward",
    "YearRecord",
    "check_cstdcs_quota",
    "eligible",
    "evaluate_collective",
    "evaluate_individual",
    "regime_for",
]

# Oldest first; regime_for() takes the last one whose first_year and decided_from both fit.
REGIMES: tuple[Regime, ...] = (regime_2017, regime_2024, regime_2025)

DEFAULT_SETTINGS = RuleSettings()


def regime_for(year: int, on: date | None = None) -> Regime:
    """The regime module for nomination year `year`, decided on `on` (default: early next year)."""
    decided = on if on is not None else date(year + 1, 1, 1)
    chosen = None
    for regime in REGIMES:
        info = regime.REGIME
        if info.first_year is not None and year < info.first_year:
            continue
        if info.decided_from is not None and decided < info.decided_from:
            continue
        chosen = regime
    if chosen is None:  # pragma: no cover - regime A has no lower bound
        raise LookupError(f"no legal regime for year {year}")
    return chosen


def evaluate_individual(
    award_code: str,
    history: History,
    year: int,
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    on: date | None = None,
) -> list[Check]:
    """Every check of an individual award for a person's history in nomination year `year`."""
    return regime_for(year, on).evaluate_individual(award_code, history, year, settings)


def evaluate_collective(
    award_code: str,
    facts: CollectiveFacts,
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    on: date | None = None,
) -> list[Check]:
    """Every check of a collective award for a collective's facts of `facts.year`."""
    return regime_for(facts.year, on).evaluate_collective(award_code, facts, settings)


def check_cstdcs_quota(
    ldtt_holders: int,
    cstdcs_count: int,
    year: int,
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    on: date | None = None,
) -> Check:
    """Whether a unit's CSTĐCS count for `year` stays within its quota of LĐTT holders."""
    return regime_for(year, on).check_cstdcs_quota(ldtt_holders, cstdcs_count, year, settings)


def eligible(checks: list[Check]) -> bool:
    """True when every check passed (and there was at least one)."""
    return bool(checks) and all(c.passed for c in checks)
