"""Table-driven tests of bonus money (app.awards.rules.bonus); no database needed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.awards.rules.bonus import (
    BASE_SALARIES,
    BaseSalary,
    base_salary_on,
    bonus_for,
    coefficient_for,
    compute_bonus,
    round_up,
)


@pytest.mark.parametrize(
    ("on", "amount"),
    [
        pytest.param(date(2019, 7, 1), 1_490_000, id="ND38-2019-first-day"),
        pytest.param(date(2023, 6, 30), 1_490_000, id="ND38-2019-last-day-30-6-2023"),
        pytest.param(date(2023, 7, 1), 1_800_000, id="ND24-2023-switch-1-7-2023"),
        pytest.param(date(2024, 6, 30), 1_800_000, id="ND24-2023-last-day-30-6-2024"),
        pytest.param(date(2024, 7, 1), 2_340_000, id="ND73-2024-switch-1-7-2024"),
        pytest.param(date(2026, 12, 31), 2_340_000, id="ND73-2024-until-a-row-is-added"),
    ],
)
def test_base_salary_on_decision_date(on, amount):
    assert base_salary_on(on) == amount


def test_base_salary_before_the_table_is_refused():
    with pytest.raises(ValueError):
        base_salary_on(date(2019, 6, 30))


@pytest.mark.parametrize(
    ("code", "decided", "collective", "amount"),
    [
        # 0.3 × 1,490,000 = 447,000, rounded UP to the next 10,000 đ.
        pytest.param(
            "LDTT", date(2022, 12, 20), False, 450_000, id="A-ND91-Art68.2-LDTT-447k-up-450k"
        ),
        pytest.param("CSTDCS", date(2022, 12, 20), False, 1_490_000, id="A-ND91-CSTDCS-1.0"),
        pytest.param(
            "CSTD_TINH", date(2023, 12, 31), False, 5_400_000, id="A-ND91-CSTD-TINH-3.0-ND24"
        ),
        # 1.5 × 1,490,000 = 2,235,000 -> 2,240,000.
        pytest.param("TTLDXS", date(2022, 12, 20), False, 2_240_000, id="A-ND91-TTLDXS-2235k-up"),
        # 0.8 × 1,490,000 = 1,192,000 -> 1,200,000; a collective title is never doubled.
        pytest.param(
            "TTLDTT", date(2022, 12, 20), True, 1_200_000, id="A-ND91-TTLDTT-title-not-doubled"
        ),
        pytest.param("CO_TINH", date(2022, 12, 20), True, 11_920_000, id="A-ND91-CO-TINH-8.0"),
        # A collective Bằng khen (a form of commendation) gets twice the individual amount.
        pytest.param(
            "BK_TINH", date(2022, 12, 20), True, 2_980_000, id="A-ND91-BK-TINH-collective-x2"
        ),
        pytest.param("BK_TINH", date(2024, 1, 1), False, 1_800_000, id="B-ND98-BK-TINH-1.0"),
        # 0.3 × 2,340,000 = 702,000 -> 710,000; doubled 1,404,000 -> 1,410,000.
        pytest.param("GIAY_KHEN", date(2024, 7, 1), False, 710_000, id="B-ND98-GIAY-KHEN-702k-up"),
        pytest.param(
            "GIAY_KHEN", date(2024, 7, 1), True, 1_410_000, id="B-ND98-GIAY-KHEN-collective-x2"
        ),
        pytest.param("BK_TINH", date(2025, 6, 30), False, 2_340_000, id="B-ND98-BK-TINH-30-6-2025"),
        pytest.param(
            "BK_TINH", date(2025, 7, 1), False, 3_510_000, id="B2025-ND152-Art54.1-BK-TINH-1.5"
        ),
        pytest.param(
            "BK_TINH", date(2025, 7, 1), True, 7_020_000, id="B2025-ND152-BK-TINH-collective-x2"
        ),
        pytest.param("LDTT", date(2025, 7, 1), False, 710_000, id="B2025-ND152-LDTT-unchanged-0.3"),
    ],
)
def test_bonus_for_award_on_decision_date(code, decided, collective, amount):
    assert bonus_for(code, decided, collective=collective) == amount


def test_compute_bonus_doubling_is_an_argument():
    assert compute_bonus(Decimal("0.3"), date(2022, 1, 10)) == 450_000
    assert compute_bonus(Decimal("0.3"), date(2022, 1, 10), collective=True) == 900_000


def test_compute_bonus_with_an_office_added_base_salary_row():
    table = (*BASE_SALARIES, BaseSalary(date(2026, 7, 1), 2_530_000))

    # 0.3 × 2,530,000 = 759,000 -> 760,000.
    assert compute_bonus(Decimal("0.3"), date(2026, 7, 1), table) == 760_000
    assert compute_bonus(Decimal("0.3"), date(2026, 6, 30), table) == 710_000


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        pytest.param(Decimal("447000"), 450_000, id="round-up-447k"),
        pytest.param(Decimal("440001"), 450_000, id="round-up-one-dong-over"),
        pytest.param(Decimal("440000"), 440_000, id="exact-multiple-unchanged"),
    ],
)
def test_round_up_to_ten_thousand(amount, rounded):
    assert round_up(amount) == rounded


@pytest.mark.parametrize(
    ("code", "decided", "coefficient"),
    [
        pytest.param(
            "BK_TINH", date(2023, 12, 31), Decimal("1.0"), id="A-ND91-BK-TINH-coefficient"
        ),
        pytest.param(
            "BK_TINH", date(2025, 7, 1), Decimal("1.5"), id="B2025-ND152-BK-TINH-coefficient"
        ),
        pytest.param("CO_TINH", date(2025, 7, 1), Decimal("8.0"), id="B2025-CO-TINH-unchanged"),
    ],
)
def test_coefficient_for_decision_date(code, decided, coefficient):
    assert coefficient_for(code, decided) == coefficient


def test_coefficient_for_unknown_code_is_refused():
    with pytest.raises(ValueError):
        coefficient_for("HUAN_CHUONG", date(2024, 1, 1))
