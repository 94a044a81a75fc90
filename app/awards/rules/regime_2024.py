"""Regime B: Luật Thi đua, khen thưởng 06/2022/QH15 and NĐ 98/2023/NĐ-CP (TT 01/2024/TT-BNV).

Applies to nominations for 2024 and later; regime B′ (regime_2025) reuses everything here for
decisions from 01/7/2025 and adds its own checks.

Reading of the texts, where a choice had to be made:
- LĐTT (Law 2022 Art 24): "hoàn thành tốt nhiệm vụ trở lên". The under-10-months and
  discipline exclusions are a setting (`regime_b_ldtt_exclusions`, on by default): DOMAIN.md
  does not confirm them for this regime.
- CSTĐCS (Law 2022 Art 23): LĐTT that year AND ("hoàn thành xuất sắc" OR an initiative or research
  recognised at base level or wider that year). No quota by default (`cstdcs_quota_rate_b`).
- CSTĐ cấp tỉnh (Law 2022 Art 22): as under A.
- Bằng khen tỉnh, individual (Law 2022 Art 74(1)(d)): either way passes, and the detail says
  which: (1) CSTĐCS in the nomination year and the year before; or (2) a run of at least 2
  consecutive years "hoàn thành xuất sắc" ending in the nomination year, with 2 initiatives or
  research topics recognised within that run ("trong thời gian đó"). The run may be longer than
  2 years ("02 năm trở lên"), so its initiatives all count.
- TTLĐXS (Law 2022 Art 27): as under A without the discipline clause. TTLĐTT (Art 28): the
  discipline clause is a setting, on by default.
- Cờ thi đua tỉnh (Law 2022 Art 26): leads its cụm/khối, "hoàn thành xuất sắc", unity.
- Collective Bằng khen (Law 2022 Art 74(2), wording unconfirmed): as under A, years a setting.

`discipline_breaks_runs` lets B′ make a disciplined year break the "hoàn thành xuất sắc" run
too (NĐ 152/2025: achievements count only from the end of the discipline).
"""

from __future__ import annotations

from datetime import date

from .base import (
    AWARD_NAMES,
    EXCELLENT,
    RATING_LABELS,
    Check,
    CollectiveFacts,
    History,
    RegimeInfo,
    RuleSettings,
    UnsupportedAward,
    YearRecord,
    bk_collective_checks,
    chain_breaks,
    co_tinh_checks,
    cstd_tinh_checks,
    cstdcs_break,
    excellent_break,
    ldtt_checks,
    ldtt_in_year_check,
    quota_check,
    span,
    ttldtt_checks,
    ttldxs_checks,
)

REGIME = RegimeInfo(
    code="B",
    name="Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
    instruments=(
        "Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024)",
        "Nghị định 98/2023/NĐ-CP ngày 31/12/2023",
        "Thông tư 01/2024/TT-BNV ngày 24/02/2024",
        "Nghị định 86/2023/NĐ-CP (danh hiệu gia đình, thôn, xã)",
    ),
    in_force_from=date(2024, 1, 1),
    # NĐ 152/2025 appears to replace NĐ 98 from 01/7/2025 (unconfirmed); the Law stays in force.
    in_force_to=None,
    first_year=2024,
)

_LAW = "Luật Thi đua, khen thưởng 2022"
_ND98 = "Nghị định 98/2023/NĐ-CP"

CITATIONS: dict[str, str] = {
    "LDTT": f"Điều 24 {_LAW}",
    "LDTT_EXCLUSIONS": f"Điều 24 {_LAW}; {_ND98}",
    "CSTDCS": f"Điều 23 {_LAW}",
    "CSTDCS_QUOTA": f"Điều 23 {_LAW}; quy định của UBND tỉnh về tỷ lệ",
    "CSTD_TINH": f"Điều 22 {_LAW}",
    "BK_TINH": f"Điểm d Khoản 1 Điều 74 {_LAW}",
    "BK_TINH_COLLECTIVE": f"Khoản 2 Điều 74 {_LAW}",
    "TTLDTT": f"Điều 28 {_LAW}",
    "TTLDXS": f"Điều 27 {_LAW}",
    "CO_TINH": f"Điều 26 {_LAW}",
}

INDIVIDUAL_AWARDS = frozenset({"LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH"})
COLLECTIVE_AWARDS = frozenset({"TTLDTT", "TTLDXS", "CO_TINH", "BK_TINH"})


def _cstdcs_merit_check(history: History, year: int) -> Check:
    """CSTĐCS under B: "hoàn thành xuất sắc" OR an initiative recognised in the year."""
    cite = CITATIONS["CSTDCS"]
    rec = history.get(year)
    rating = rec.rating if rec is not None else None
    found = history.initiatives_between(year, year, "co_so")
    names = ", ".join(f"“{i.name}”" for _, i in found)
    if rating == EXCELLENT and found:
        detail = f"Năm {year} hoàn thành xuất sắc nhiệm vụ và có sáng kiến được công nhận: {names}."
    elif rating == EXCELLENT:
        detail = f"Năm {year} hoàn thành xuất sắc nhiệm vụ."
    elif found:
        detail = f"Có sáng kiến được công nhận năm {year}: {names}."
    else:
        got = f"chỉ xếp loại {RATING_LABELS[rating]}" if rating else "chưa có kết quả xếp loại"
        return Check(
            "cstdcs_excellent_or_initiative",
            False,
            f"Năm {year} {got} và không có sáng kiến hoặc đề tài được công nhận; cần hoàn thành "
            "xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận.",
            cite,
        )
    return Check("cstdcs_excellent_or_initiative", True, detail, cite)


def _bk_tinh_check(
    history: History, year: int, *, discipline_breaks: bool, discipline_breaks_runs: bool
) -> Check:
    """Bằng khen tỉnh under Art 74(1)(d): 2 × CSTĐCS, or ≥2 years xuất sắc + 2 initiatives."""
    cite = CITATIONS["BK_TINH"]
    start = year - 1

    # Way 1: CSTĐCS in the nomination year and the year before.
    cstdcs_breaks = chain_breaks(
        history, year, 2, lambda y, r: cstdcs_break(y, r, discipline_breaks=discipline_breaks)
    )
    way1 = not cstdcs_breaks
    way1_text = f"02 năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở ({span(start, year)})"

    # Way 2: a run of ≥2 years xuất sắc ending in the nomination year, 2 initiatives within it.
    def counts(rec: YearRecord) -> bool:
        return excellent_break(rec.year, rec, discipline_breaks=discipline_breaks_runs) is None

    run = history.run_ending(year, counts)
    way2 = False
    if run >= 2:
        first = year - run + 1
        initiatives = len(history.initiatives_between(first, year))
        way2 = initiatives >= 2
        way2_text = (
            f"{run:02d} năm liên tục hoàn thành xuất sắc nhiệm vụ ({span(first, year)}) với "
            f"{initiatives} sáng kiến được công nhận trong thời gian đó"
        )
        way2_gap = f"chỉ có {initiatives} sáng kiến trong thời gian {span(first, year)}"
    else:
        breaks = chain_breaks(
            history,
            year,
            2,
            lambda y, r: excellent_break(y, r, discipline_breaks=discipline_breaks_runs),
        )
        way2_gap = "; ".join(breaks)

    if way1 and way2:
        return Check(
            "bk_tinh_art74_1d",
            True,
            f"Đạt tiêu chuẩn theo cả hai hướng: {way1_text}; và {way2_text}.",
            cite,
        )
    if way1:
        return Check("bk_tinh_art74_1d", True, f"Đạt tiêu chuẩn theo hướng {way1_text}.", cite)
    if way2:
        return Check("bk_tinh_art74_1d", True, f"Đạt tiêu chuẩn theo hướng {way2_text}.", cite)
    return Check(
        "bk_tinh_art74_1d",
        False,
        "Chưa đủ tiêu chuẩn Bằng khen: không có 02 năm liên tục đạt danh hiệu Chiến sĩ thi đua "
        f"cơ sở ({'; '.join(cstdcs_breaks)}), và không có 02 năm liên tục hoàn thành xuất sắc "
        f"nhiệm vụ với 02 sáng kiến được công nhận ({way2_gap}).",
        cite,
    )


def evaluate_individual(
    award_code: str,
    history: History,
    year: int,
    settings: RuleSettings,
    *,
    discipline_breaks_runs: bool = False,
) -> list[Check]:
    """Every check of `award_code` for a person in nomination year `year` under regime B."""
    exclusions = settings.regime_b_ldtt_exclusions or discipline_breaks_runs
    if award_code == "LDTT":
        return ldtt_checks(
            history,
            year,
            exclusions=exclusions,
            rating_cite=CITATIONS["LDTT"],
            exclusion_cite=CITATIONS["LDTT_EXCLUSIONS"],
        )
    if award_code == "CSTDCS":
        cite = CITATIONS["CSTDCS"]
        return [
            ldtt_in_year_check(history, year, exclusions=exclusions, citation=cite),
            _cstdcs_merit_check(history, year),
        ]
    if award_code == "CSTD_TINH":
        return cstd_tinh_checks(
            history, year, discipline_breaks=exclusions, citation=CITATIONS["CSTD_TINH"]
        )
    if award_code == "BK_TINH":
        return [
            _bk_tinh_check(
                history,
                year,
                discipline_breaks=exclusions,
                discipline_breaks_runs=discipline_breaks_runs,
            )
        ]
    raise UnsupportedAward(_unsupported(award_code, "cá nhân"))


def evaluate_collective(
    award_code: str, facts: CollectiveFacts, settings: RuleSettings
) -> list[Check]:
    """Every check of `award_code` for a collective under regime B."""
    if award_code == "TTLDTT":
        return ttldtt_checks(
            facts,
            discipline_clause=settings.regime_b_ttldtt_discipline_clause,
            citation=CITATIONS["TTLDTT"],
        )
    if award_code == "TTLDXS":
        return ttldxs_checks(facts, discipline_clause=False, citation=CITATIONS["TTLDXS"])
    if award_code == "CO_TINH":
        return co_tinh_checks(facts, CITATIONS["CO_TINH"])
    if award_code == "BK_TINH":
        return bk_collective_checks(facts, settings, CITATIONS["BK_TINH_COLLECTIVE"])
    raise UnsupportedAward(_unsupported(award_code, "tập thể"))


def check_cstdcs_quota(
    ldtt_holders: int, cstdcs_count: int, year: int, settings: RuleSettings
) -> Check:
    """The unit's CSTĐCS count against the province's rate, if it set one (none by default)."""
    return quota_check(
        ldtt_holders,
        cstdcs_count,
        year,
        rate=settings.cstdcs_quota_rate_b,
        rounding=settings.cstdcs_quota_rounding,
        citation=CITATIONS["CSTDCS_QUOTA"],
    )


def _unsupported(award_code: str, kind: str) -> str:
    name = AWARD_NAMES.get(award_code, award_code)
    return f"Chưa có quy tắc xét tự động cho “{name}” ({kind}) theo {REGIME.name}."
