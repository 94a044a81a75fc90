"""Regime A: Luật Thi đua, khen thưởng 2003 (amended 2005, 2013), NĐ 91/2017/NĐ-CP, TT 12/2019.

Applies to nominations for the years up to 2023 (decisions up to 31/12/2023).

Reading of the texts, where a choice had to be made:
- LĐTT (old Law Art 24): rating "hoàn thành tốt nhiệm vụ" or better; excluded when recruited
  less than 10 months in the year or disciplined at khiển trách or above (NĐ 91/2017). The exact
  NĐ 91 article of the exclusions is not pinned in DOMAIN.md, so the citation names the decree.
- CSTĐCS (old Law Art 23, NĐ 91 Art 9(3)): LĐTT that year AND an initiative recognised at base
  level or wider in that year. The quota is a separate unit-level check (`check_cstdcs_quota`).
- CSTĐ cấp tỉnh (old Law Art 22, NĐ 91 Art 9(2)): CSTĐCS in each of the 3 years ending with the
  nomination year, AND an initiative of provincial or national reach recognised in those 3 years.
- Bằng khen tỉnh, individual (old Law Art 72, NĐ 91 Art 39(1)(c)): only the machine-checkable
  ground, 2 consecutive years "hoàn thành xuất sắc" (the nomination year and the one before)
  with 2 initiatives recognised in those 2 years. The other grounds (an outstanding achievement
  in a movement, many achievements of provincial reach) are the council's judgement.
- Collectives: TTLĐTT (old Art 28), TTLĐXS (old Art 27), Cờ thi đua tỉnh (old Art 26, NĐ 91
  Art 12: the collective must lead its cụm/khối after bình xét), collective Bằng khen (NĐ 91
  Art 39(2); the number of years is a setting).
"""

from __future__ import annotations

from datetime import date

from .base import (
    AWARD_NAMES,
    Check,
    CollectiveFacts,
    History,
    RegimeInfo,
    RuleSettings,
    UnsupportedAward,
    bk_collective_checks,
    chain_breaks,
    co_tinh_checks,
    cstd_tinh_checks,
    excellent_break,
    ldtt_checks,
    ldtt_in_year_check,
    quota_check,
    span,
    ttldtt_checks,
    ttldxs_checks,
)

REGIME = RegimeInfo(
    code="A",
    name="Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) và Nghị định 91/2017/NĐ-CP",
    instruments=(
        "Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013",
        "Nghị định 91/2017/NĐ-CP (hiệu lực 01/10/2017)",
        "Thông tư 12/2019/TT-BNV (hiệu lực 01/01/2020)",
        "Nghị định 85/2014/NĐ-CP (mẫu hiện vật khen thưởng)",
    ),
    in_force_from=date(2017, 10, 1),
    in_force_to=date(2023, 12, 31),
    first_year=None,
)

_LAW = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
_ND91 = "Nghị định 91/2017/NĐ-CP"

# One place for every citation of this regime, so a correction is a one-line change.
CITATIONS: dict[str, str] = {
    "LDTT": f"Điều 24 {_LAW}",
    "LDTT_EXCLUSIONS": f"Điều 24 {_LAW}; {_ND91}",
    "CSTDCS": f"Điều 23 {_LAW}; Khoản 3 Điều 9 {_ND91}",
    "CSTDCS_QUOTA": f"Khoản 3 Điều 9 {_ND91}; quy định của UBND tỉnh về tỷ lệ",
    "CSTD_TINH": f"Điều 22 {_LAW}; Khoản 2 Điều 9 {_ND91}",
    "BK_TINH": f"Điều 72 {_LAW}; Điểm c Khoản 1 Điều 39 {_ND91}",
    "BK_TINH_COLLECTIVE": f"Điều 72 {_LAW}; Khoản 2 Điều 39 {_ND91}",
    "TTLDTT": f"Điều 28 {_LAW}",
    "TTLDXS": f"Điều 27 {_LAW}",
    "CO_TINH": f"Điều 26 {_LAW}; Điều 12 {_ND91}",
}

INDIVIDUAL_AWARDS = frozenset({"LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH"})
COLLECTIVE_AWARDS = frozenset({"TTLDTT", "TTLDXS", "CO_TINH", "BK_TINH"})


def cstdcs_initiative_check(history: History, year: int, citation: str) -> Check:
    """CSTĐCS under A: an initiative recognised at base level or wider in the year."""
    found = history.initiatives_between(year, year, "co_so")
    if found:
        names = ", ".join(f"“{i.name}”" for _, i in found)
        return Check(
            "cstdcs_initiative",
            True,
            f"Có sáng kiến được công nhận năm {year}: {names}.",
            citation,
        )
    return Check(
        "cstdcs_initiative",
        False,
        f"Không có sáng kiến hoặc đề tài nghiên cứu được công nhận trong năm {year}.",
        citation,
    )


def _bk_tinh_checks(history: History, year: int) -> list[Check]:
    cite = CITATIONS["BK_TINH"]
    start = year - 1
    breaks = chain_breaks(
        history, year, 2, lambda y, r: excellent_break(y, r, discipline_breaks=False)
    )
    if breaks:
        years = Check(
            "bk_tinh_2y_excellent",
            False,
            f"Chưa đủ 02 năm liên tục hoàn thành xuất sắc nhiệm vụ ({span(start, year)}): "
            f"{'; '.join(breaks)}.",
            cite,
        )
    else:
        years = Check(
            "bk_tinh_2y_excellent",
            True,
            f"Hoàn thành xuất sắc nhiệm vụ 02 năm liên tục ({span(start, year)}).",
            cite,
        )
    count = len(history.initiatives_between(start, year))
    if count >= 2:
        initiatives = Check(
            "bk_tinh_2_initiatives",
            True,
            f"Có {count} sáng kiến được công nhận trong thời gian {span(start, year)}.",
            cite,
        )
    else:
        initiatives = Check(
            "bk_tinh_2_initiatives",
            False,
            f"Chỉ có {count} sáng kiến được công nhận trong thời gian {span(start, year)}, "
            "chưa đủ 02 sáng kiến.",
            cite,
        )
    return [years, initiatives]


def evaluate_individual(
    award_code: str, history: History, year: int, settings: RuleSettings
) -> list[Check]:
    """Every check of `award_code` for a person in nomination year `year` under regime A."""
    if award_code == "LDTT":
        return ldtt_checks(
            history,
            year,
            exclusions=True,
            rating_cite=CITATIONS["LDTT"],
            exclusion_cite=CITATIONS["LDTT_EXCLUSIONS"],
        )
    if award_code == "CSTDCS":
        cite = CITATIONS["CSTDCS"]
        return [
            ldtt_in_year_check(history, year, exclusions=True, citation=cite),
            cstdcs_initiative_check(history, year, cite),
        ]
    if award_code == "CSTD_TINH":
        return cstd_tinh_checks(
            history, year, discipline_breaks=True, citation=CITATIONS["CSTD_TINH"]
        )
    if award_code == "BK_TINH":
        return _bk_tinh_checks(history, year)
    raise UnsupportedAward(_unsupported(award_code, "cá nhân"))


def evaluate_collective(
    award_code: str, facts: CollectiveFacts, settings: RuleSettings
) -> list[Check]:
    """Every check of `award_code` for a collective under regime A."""
    if award_code == "TTLDTT":
        return ttldtt_checks(facts, discipline_clause=True, citation=CITATIONS["TTLDTT"])
    if award_code == "TTLDXS":
        return ttldxs_checks(facts, discipline_clause=True, citation=CITATIONS["TTLDXS"])
    if award_code == "CO_TINH":
        return co_tinh_checks(facts, CITATIONS["CO_TINH"])
    if award_code == "BK_TINH":
        return bk_collective_checks(facts, settings, CITATIONS["BK_TINH_COLLECTIVE"])
    raise UnsupportedAward(_unsupported(award_code, "tập thể"))


def check_cstdcs_quota(
    ldtt_holders: int, cstdcs_count: int, year: int, settings: RuleSettings
) -> Check:
    """The unit's CSTĐCS count against the province's rate (at most 15 %) of its LĐTT holders."""
    return quota_check(
        ldtt_holders,
        cstdcs_count,
        year,
        rate=settings.cstdcs_quota_rate_a,
        rounding=settings.cstdcs_quota_rounding,
        citation=CITATIONS["CSTDCS_QUOTA"],
    )


def _unsupported(award_code: str, kind: str) -> str:
    name = AWARD_NAMES.get(award_code, award_code)
    return f"Chưa có quy tắc xét tự động cho “{name}” ({kind}) theo {REGIME.name}."
