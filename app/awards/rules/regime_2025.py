"""Regime B′: NĐ 152/2025/NĐ-CP (in force 01/7/2025), on top of the 2022 Law.

Built only on what DOMAIN.md states about it:
- Nothing is awarded while the nominee is under discipline. With yearly records, "under
  discipline" means a discipline recorded in the nomination year; the check is added first to
  every individual and collective evaluation.
- After discipline, achievements count only from the end of the discipline period: a disciplined
  year breaks every consecutive-year chain, the "hoàn thành xuất sắc" run included, and the LĐTT
  exclusions apply whatever `regime_b_ldtt_exclusions` says.
- The Bằng khen tỉnh coefficient becomes 1.5 (see bonus.py); title criteria are unchanged.
Everything else is regime B. NĐ 152's own article numbers are not in DOMAIN.md, so its checks
cite the decree as a whole. The inspection / pending-complaint blocks and the rule that sudden or
thematic awards do not count toward record-of-achievement awards need data the ledger does not
hold yet; they are left to the secretariat.
"""

from __future__ import annotations

from datetime import date

from . import regime_2024
from .base import DISCIPLINE_LABELS, Check, CollectiveFacts, History, RegimeInfo, RuleSettings

REGIME = RegimeInfo(
    code="B2025",
    name="Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
    instruments=(
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Nghị định 152/2025/NĐ-CP ngày 14/6/2025 (hiệu lực 01/7/2025)",
        "Thông tư 15/2025/TT-BNV ngày 04/8/2025",
    ),
    in_force_from=date(2025, 7, 1),
    in_force_to=None,
    first_year=2024,
    decided_from=date(2025, 7, 1),
)

_ND152 = "Nghị định 152/2025/NĐ-CP"

CITATIONS: dict[str, str] = {
    **regime_2024.CITATIONS,
    "NOT_UNDER_DISCIPLINE": f"{_ND152} (không khen thưởng khi đang bị kỷ luật)",
}

INDIVIDUAL_AWARDS = regime_2024.INDIVIDUAL_AWARDS
COLLECTIVE_AWARDS = regime_2024.COLLECTIVE_AWARDS


def _discipline_check(discipline: str | None, year: int, who: str) -> Check:
    cite = CITATIONS["NOT_UNDER_DISCIPLINE"]
    if discipline is None:
        return Check(
            "nd152_not_under_discipline",
            True,
            f"Không ghi nhận {who.lower()} bị kỷ luật năm {year}.",
            cite,
        )
    return Check(
        "nd152_not_under_discipline",
        False,
        f"{who} bị kỷ luật {DISCIPLINE_LABELS[discipline]} năm {year}, đang trong thời hạn kỷ "
        "luật nên không xét khen thưởng.",
        cite,
    )


def evaluate_individual(
    award_code: str, history: History, year: int, settings: RuleSettings
) -> list[Check]:
    """Regime B's checks under the NĐ 152/2025 discipline rules."""
    rec = history.get(year)
    checks = regime_2024.evaluate_individual(
        award_code, history, year, settings, discipline_breaks_runs=True
    )
    return [_discipline_check(rec.discipline if rec else None, year, "Cá nhân"), *checks]


def evaluate_collective(
    award_code: str, facts: CollectiveFacts, settings: RuleSettings
) -> list[Check]:
    """Regime B's collective checks, refused while the collective is under discipline."""
    checks = regime_2024.evaluate_collective(award_code, facts, settings)
    return [_discipline_check(facts.discipline, facts.year, "Tập thể"), *checks]


def check_cstdcs_quota(
    ldtt_holders: int, cstdcs_count: int, year: int, settings: RuleSettings
) -> Check:
    """Same as regime B: no quota unless the province sets one."""
    return regime_2024.check_cstdcs_quota(ldtt_holders, cstdcs_count, year, settings)
