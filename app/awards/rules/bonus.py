"""Bonus money: coefficient × lương cơ sở on the decision date, rounded up to 10,000 đ.

Both tables below are data. An office adds a base-salary row when a new decree raises it (the
2,530,000 đ from 01/7/2026 is unconfirmed, so it is not here) and a coefficient period when a
new decree changes the rates.

Choices:
- The base salary and the coefficients are those in force on the *decision* date (NĐ 98/2023;
  NĐ 91/2017 Art 68(2) for regime A), not the nomination year's.
- Both NĐ 91/2017 Art 68(2) and NĐ 98/2023 say "làm tròn số lên hàng chục nghìn đồng": round UP
  to the next 10,000 đ. NĐ 152/2025 is assumed to keep the rule. Each period carries its own
  step so a change is data.
- A collective receiving a *form of commendation* (Bằng khen, Giấy khen) gets twice the
  individual amount. Collective *titles* (TTLĐTT, TTLĐXS, Cờ) have their own coefficients and
  are never doubled: `compute_bonus` takes the doubling as an explicit argument, and `bonus_for`
  applies it only to codes in COMMENDATION_FORMS.
- The NĐ 98/2023 rate for Bằng khen tỉnh is unconfirmed (DOMAIN.md: probably 1.0); 1.0 is used.
- Giấy khen is 0.3 when given by a department head or district chairman; the commune
  chairman's 0.15 (NĐ 91 Art 73) has no code of its own yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import TypeVar


@dataclass(frozen=True)
class BaseSalary:
    """The lương cơ sở in force from a date."""

    effective_from: date
    amount: int
    source: str = ""


BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    BaseSalary(date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    BaseSalary(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


@dataclass(frozen=True)
class BonusPeriod:
    """The coefficients and rounding step of decisions signed from `effective_from`."""

    regime: str
    effective_from: date
    coefficients: Mapping[str, Decimal]
    rounding_step: int
    citation: str


_A_B = {
    "LDTT": Decimal("0.3"),
    "CSTDCS": Decimal("1.0"),
    "CSTD_TINH": Decimal("3.0"),
    "BK_TINH": Decimal("1.0"),
    "GIAY_KHEN": Decimal("0.3"),
    "TTLDTT": Decimal("0.8"),
    "TTLDXS": Decimal("1.5"),
    "CO_TINH": Decimal("8.0"),
}

BONUS_PERIODS: tuple[BonusPeriod, ...] = (
    BonusPeriod("A", date(2017, 10, 1), _A_B, 10_000, "Nghị định 91/2017/NĐ-CP (Điều 68, 69, 73)"),
    BonusPeriod("B", date(2024, 1, 1), _A_B, 10_000, "Nghị định 98/2023/NĐ-CP"),
    BonusPeriod(
        "B2025",
        date(2025, 7, 1),
        {**_A_B, "BK_TINH": Decimal("1.5")},
        10_000,
        "Khoản 1 Điều 54 Nghị định 152/2025/NĐ-CP",
    ),
)

# Coefficients per regime code, for display and for the award catalog.
COEFFICIENTS: dict[str, Mapping[str, Decimal]] = {p.regime: p.coefficients for p in BONUS_PERIODS}

# Forms of commendation, whose amount doubles for a collective.
COMMENDATION_FORMS = frozenset({"BK_TINH", "GIAY_KHEN"})


_Row = TypeVar("_Row", BaseSalary, BonusPeriod)


def _in_force_on(d: date, rows: Sequence[_Row]) -> _Row:
    current = None
    for row in sorted(rows, key=lambda r: r.effective_from):
        if row.effective_from <= d:
            current = row
    if current is None:
        raise ValueError(f"no value in force on {d.isoformat()}")
    return current


def base_salary_on(d: date, table: Sequence[BaseSalary] = BASE_SALARIES) -> int:
    """The lương cơ sở in force on date `d`."""
    return _in_force_on(d, table).amount


def bonus_period_on(decision_date: date) -> BonusPeriod:
    """The coefficients and rounding of decisions signed on `decision_date`."""
    return _in_force_on(decision_date, BONUS_PERIODS)


def coefficient_for(code: str, decision_date: date) -> Decimal:
    """The bonus coefficient (× lương cơ sở) of award `code` for a decision on that date."""
    period = bonus_period_on(decision_date)
    try:
        return period.coefficients[code]
    except KeyError:
        raise ValueError(f"no bonus coefficient for {code!r} in regime {period.regime}") from None


def round_up(amount: Decimal, step: int = 10_000) -> int:
    """`amount` rounded up to the next multiple of `step` đồng."""
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


def compute_bonus(
    coefficient: Decimal,
    decision_date: date,
    table: Sequence[BaseSalary] = BASE_SALARIES,
    collective: bool = False,
) -> int:
    """Coefficient × base salary on the decision date (× 2 if `collective`), rounded up."""
    amount = Decimal(coefficient) * base_salary_on(decision_date, table)
    if collective:
        amount *= 2
    return round_up(amount, bonus_period_on(decision_date).rounding_step)


def bonus_for(
    code: str,
    decision_date: date,
    *,
    collective: bool = False,
    table: Sequence[BaseSalary] = BASE_SALARIES,
) -> int:
    """The bonus of award `code` decided on `decision_date`, doubled for collective forms."""
    doubled = collective and code in COMMENDATION_FORMS
    return compute_bonus(coefficient_for(code, decision_date), decision_date, table, doubled)
