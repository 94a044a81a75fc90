"""Table-driven tests of the legal rules engine (app.awards.rules); no database needed.

Each case id names the regime (A = Law 2003/2013 + NĐ 91/2017, B = Law 2022 + NĐ 98/2023,
B2025 = NĐ 152/2025) and the article it exercises.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.awards.rules import (
    Check,
    CollectiveFacts,
    History,
    Initiative,
    RuleSettings,
    UnsupportedAward,
    YearRecord,
    check_cstdcs_quota,
    eligible,
    evaluate_collective,
    evaluate_individual,
    regime_for,
)

XS = "hoan_thanh_xuat_sac"
TOT = "hoan_thanh_tot"
HT = "hoan_thanh"

VIETNAMESE_MARKS = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")


def rec(
    year: int,
    rating: str | None = TOT,
    titles: tuple[str, ...] = (),
    inits: tuple[str, ...] = (),
    discipline: str | None = None,
    months: int | None = None,
) -> YearRecord:
    """A year record; `inits` are initiative levels, named after the year."""
    return YearRecord(
        year=year,
        rating=rating,
        titles=frozenset(titles),
        initiatives=tuple(Initiative(f"Sáng kiến {year}-{n}", lvl) for n, lvl in enumerate(inits)),
        discipline=discipline,
        months_worked=months,
    )


def cstdcs_year(year: int, *inits: str, rating: str = XS) -> YearRecord:
    """A year in which the person held LĐTT and CSTĐCS."""
    return rec(year, rating, ("LDTT", "CSTDCS"), inits)


def assert_proper_sentence(check: Check) -> None:
    """A detail a secretariat officer could paste into a returned dossier."""
    assert check.detail[0].isupper(), check.detail
    assert check.detail.endswith("."), check.detail
    assert set(check.detail.lower()) & VIETNAMESE_MARKS, check.detail
    assert "Điều" in check.citation or "Nghị định" in check.citation, check.citation


def the(checks: list[Check], rule: str) -> Check:
    matches = [c for c in checks if c.rule == rule]
    assert len(matches) == 1, [c.rule for c in checks]
    return matches[0]


def case(
    case_id: str,
    award: str,
    records: list[YearRecord],
    year: int,
    rule: str,
    passed: bool,
    words: tuple[str, ...] = (),
    *,
    eligible_: bool | None = None,
    on: date | None = None,
    settings: RuleSettings | None = None,
):
    """One row: the named rule's outcome and words, plus the overall verdict."""
    verdict = passed if eligible_ is None else eligible_
    return pytest.param(
        award,
        records,
        year,
        rule,
        passed,
        words,
        verdict,
        on,
        settings or RuleSettings(),
        id=case_id,
    )


# fmt: off
INDIVIDUAL_CASES = [
    # --- Lao động tiên tiến, regime A: old Law Art 24 and the NĐ 91 exclusions -------------------
    case("A-Art24-LDTT-hoan-thanh-tot", "LDTT", [rec(2022, TOT)], 2022,
         "ldtt_rating", True, ("hoàn thành tốt nhiệm vụ",)),
    case("A-Art24-LDTT-hoan-thanh-xuat-sac", "LDTT", [rec(2022, XS)], 2022,
         "ldtt_rating", True),
    case("A-Art24-LDTT-only-hoan-thanh", "LDTT", [rec(2022, HT)], 2022,
         "ldtt_rating", False, ("chỉ xếp loại hoàn thành nhiệm vụ", "chưa đạt")),
    case("A-Art24-LDTT-no-record", "LDTT", [], 2022,
         "ldtt_rating", False, ("Không có kết quả đánh giá, xếp loại năm 2022",)),
    case("A-ND91-LDTT-9-months-excluded", "LDTT", [rec(2022, months=9)], 2022,
         "ldtt_months_worked", False, ("9 tháng", "dưới 10 tháng")),
    case("A-ND91-LDTT-10-months-ok", "LDTT", [rec(2022, months=10)], 2022,
         "ldtt_months_worked", True, ("10 tháng",)),
    case("A-ND91-LDTT-khien-trach-excluded", "LDTT",
         [rec(2022, XS, discipline="khien_trach")], 2022,
         "ldtt_discipline", False, ("kỷ luật khiển trách",)),
    case("A-ND91-LDTT-canh-cao-excluded", "LDTT",
         [rec(2023, XS, discipline="canh_cao")], 2023,
         "ldtt_discipline", False, ("kỷ luật cảnh cáo",)),
    # --- Lao động tiên tiến, regime B: Law 2022 Art 24 --------------------------------------------
    case("B-Art24-LDTT-hoan-thanh-tot-2024", "LDTT", [rec(2024, TOT)], 2024,
         "ldtt_rating", True),
    case("B-Art24-LDTT-only-hoan-thanh-2024", "LDTT", [rec(2024, HT)], 2024,
         "ldtt_rating", False, ("hoàn thành tốt nhiệm vụ trở lên",)),
    case("B-Art24-LDTT-9-months-exclusions-on", "LDTT", [rec(2024, months=9)], 2024,
         "ldtt_months_worked", False, ("dưới 10 tháng",)),
    case("B-Art24-LDTT-discipline-exclusions-off", "LDTT",
         [rec(2024, TOT, discipline="khien_trach")], 2024,
         "ldtt_rating", True, settings=RuleSettings(regime_b_ldtt_exclusions=False)),
    # --- Chiến sĩ thi đua cơ sở, regime A: old Law Art 23 (LĐTT AND an initiative) ----------------
    case("A-Art23-CSTDCS-ldtt-and-initiative", "CSTDCS",
         [rec(2022, TOT, ("LDTT",), ("co_so",))], 2022,
         "cstdcs_initiative", True, ("Sáng kiến 2022-0",)),
    case("A-Art23-CSTDCS-xuat-sac-without-initiative", "CSTDCS",
         [rec(2022, XS, ("LDTT",))], 2022,
         "cstdcs_initiative", False, ("Không có sáng kiến",)),
    case("A-Art23-CSTDCS-ldtt-met-in-same-round", "CSTDCS",
         [rec(2022, TOT, (), ("co_so",))], 2022,
         "cstdcs_ldtt", True, ("xét cùng đợt",)),
    case("A-Art23-CSTDCS-disciplined-year-breaks-ldtt", "CSTDCS",
         [rec(2022, XS, ("LDTT",), ("co_so",), discipline="khien_trach")], 2022,
         "cstdcs_ldtt", False, ("Không đạt danh hiệu Lao động tiên tiến năm 2022", "khiển trách")),
    case("A-Art23-CSTDCS-9-months-not-ldtt", "CSTDCS",
         [rec(2022, XS, (), ("co_so",), months=9)], 2022,
         "cstdcs_ldtt", False, ("dưới 10 tháng",)),
    case("A-Art23-CSTDCS-provincial-initiative-counts", "CSTDCS",
         [rec(2021, TOT, ("LDTT",), ("tinh",))], 2021,
         "cstdcs_initiative", True),
    # --- Chiến sĩ thi đua cơ sở, regime B: Law 2022 Art 23 (LĐTT AND (xuất sắc OR initiative)) ----
    case("B-Art23-CSTDCS-xuat-sac-without-initiative", "CSTDCS",
         [rec(2024, XS, ("LDTT",))], 2024,
         "cstdcs_excellent_or_initiative", True, ("hoàn thành xuất sắc nhiệm vụ",)),
    case("B-Art23-CSTDCS-tot-with-initiative", "CSTDCS",
         [rec(2024, TOT, ("LDTT",), ("co_so",))], 2024,
         "cstdcs_excellent_or_initiative", True, ("sáng kiến",)),
    case("B-Art23-CSTDCS-tot-without-initiative", "CSTDCS",
         [rec(2024, TOT, ("LDTT",))], 2024,
         "cstdcs_excellent_or_initiative", False,
         ("chỉ xếp loại hoàn thành tốt nhiệm vụ", "không có sáng kiến")),
    case("B-Art23-CSTDCS-not-ldtt", "CSTDCS",
         [rec(2024, HT, (), ("co_so",))], 2024,
         "cstdcs_ldtt", False, ("chỉ xếp loại hoàn thành nhiệm vụ",)),
    # --- CSTĐ cấp tỉnh, regime A: old Law Art 22, NĐ 91 Art 9(2) ----------------------------------
    case("A-Art22-3xCSTDCS-with-provincial-initiative", "CSTD_TINH",
         [cstdcs_year(2020), cstdcs_year(2021, "tinh"), cstdcs_year(2022)], 2022,
         "cstd_tinh_3_consecutive_cstdcs", True, ("3 năm liên tục", "2020 - 2022"),
         eligible_=True),
    case("A-Art22-3xCSTDCS-gap-2021", "CSTD_TINH",
         [cstdcs_year(2020, "tinh"), cstdcs_year(2022)], 2022,
         "cstd_tinh_3_consecutive_cstdcs", False,
         ("Chưa đủ 3 năm liên tục", "năm 2021 không có dữ liệu thành tích")),
    case("A-Art22-3xCSTDCS-2021-not-cstdcs", "CSTD_TINH",
         [cstdcs_year(2020, "tinh"), rec(2021, XS, ("LDTT",)), cstdcs_year(2022)], 2022,
         "cstd_tinh_3_consecutive_cstdcs", False, ("năm 2021 không đạt",)),
    case("A-Art22-3xCSTDCS-disciplined-2021", "CSTD_TINH",
         [cstdcs_year(2020, "tinh"),
          rec(2021, XS, ("LDTT", "CSTDCS"), discipline="khien_trach"),
          cstdcs_year(2022)], 2022,
         "cstd_tinh_3_consecutive_cstdcs", False, ("năm 2021 bị kỷ luật khiển trách",)),
    case("A-Art22-3xCSTDCS-chain-must-end-in-nomination-year", "CSTD_TINH",
         [cstdcs_year(2019), cstdcs_year(2020, "tinh"), cstdcs_year(2021),
          rec(2022, XS, ("LDTT",))], 2022,
         "cstd_tinh_3_consecutive_cstdcs", False, ("năm 2022 không đạt",)),
    case("A-Art22-only-base-level-initiatives", "CSTD_TINH",
         [cstdcs_year(2020, "co_so"), cstdcs_year(2021, "co_so"), cstdcs_year(2022, "co_so")],
         2022,
         "cstd_tinh_initiative", False, ("phạm vi ảnh hưởng cấp tỉnh", "chưa đủ điều kiện")),
    case("A-Art22-provincial-initiative-before-period", "CSTD_TINH",
         [rec(2019, XS, ("LDTT",), ("tinh",)), cstdcs_year(2020), cstdcs_year(2021),
          cstdcs_year(2022)], 2022,
         "cstd_tinh_initiative", False, ("2020 - 2022",)),
    case("A-Art22-national-initiative-counts", "CSTD_TINH",
         [cstdcs_year(2021), cstdcs_year(2022), cstdcs_year(2023, "toan_quoc")], 2023,
         "cstd_tinh_initiative", True, ("Sáng kiến 2023-0",), eligible_=True),
    # --- CSTĐ cấp tỉnh, regime B: Law 2022 Art 22 -------------------------------------------------
    case("B-Art22-3xCSTDCS-across-regimes-2022-2024", "CSTD_TINH",
         [cstdcs_year(2022), cstdcs_year(2023, "tinh"), cstdcs_year(2024)], 2024,
         "cstd_tinh_3_consecutive_cstdcs", True, ("2022 - 2024",), eligible_=True),
    case("B-Art22-3xCSTDCS-gap-2023", "CSTD_TINH",
         [cstdcs_year(2022, "tinh"), cstdcs_year(2024)], 2024,
         "cstd_tinh_3_consecutive_cstdcs", False, ("năm 2023 không có dữ liệu thành tích",)),
    # --- Bằng khen tỉnh, individual, regime A: NĐ 91 Art 39(1)(c) ---------------------------------
    case("A-ND91-Art39-BK-2y-xuat-sac-2-initiatives", "BK_TINH",
         [rec(2021, XS, (), ("co_so",)), rec(2022, XS, (), ("co_so",))], 2022,
         "bk_tinh_2y_excellent", True, ("02 năm liên tục", "2021 - 2022"), eligible_=True),
    case("A-ND91-Art39-BK-2021-only-tot", "BK_TINH",
         [rec(2021, TOT, (), ("co_so",)), rec(2022, XS, (), ("co_so",))], 2022,
         "bk_tinh_2y_excellent", False, ("năm 2021 xếp loại hoàn thành tốt nhiệm vụ",)),
    case("A-ND91-Art39-BK-1-initiative", "BK_TINH",
         [rec(2021, XS), rec(2022, XS, (), ("co_so",))], 2022,
         "bk_tinh_2_initiatives", False, ("Chỉ có 1 sáng kiến", "chưa đủ 02 sáng kiến")),
    case("A-ND91-Art39-BK-2xCSTDCS-is-not-a-ground", "BK_TINH",
         [cstdcs_year(2021, "co_so", rating=TOT), cstdcs_year(2022, "co_so", rating=TOT)], 2022,
         "bk_tinh_2y_excellent", False, ("năm 2021 xếp loại hoàn thành tốt nhiệm vụ",)),
    case("A-ND91-Art39-BK-initiative-outside-2y-window", "BK_TINH",
         [rec(2020, XS, (), ("co_so",)), rec(2021, XS), rec(2022, XS, (), ("co_so",))], 2022,
         "bk_tinh_2_initiatives", False, ("Chỉ có 1 sáng kiến",)),
    # --- Bằng khen tỉnh, individual, regime B: Law 2022 Art 74(1)(d), either way ------------------
    case("B-Art74-1d-BK-2xCSTDCS-way", "BK_TINH",
         [cstdcs_year(2023, rating=TOT), cstdcs_year(2024, rating=TOT)], 2024,
         "bk_tinh_art74_1d", True,
         ("theo hướng 02 năm liên tục đạt danh hiệu Chiến sĩ thi đua",)),
    case("B-Art74-1d-BK-xuat-sac-2-initiatives-way", "BK_TINH",
         [rec(2023, XS, (), ("co_so",)), rec(2024, XS, (), ("co_so",))], 2024,
         "bk_tinh_art74_1d", True,
         ("theo hướng 02 năm liên tục hoàn thành xuất sắc", "2 sáng kiến")),
    case("B-Art74-1d-BK-both-ways", "BK_TINH",
         [cstdcs_year(2023, "co_so"), cstdcs_year(2024, "co_so")], 2024,
         "bk_tinh_art74_1d", True, ("cả hai hướng",)),
    case("B-Art74-1d-BK-3y-run-initiatives-in-run", "BK_TINH",
         [rec(2022, XS, (), ("co_so",)), rec(2023, XS), rec(2024, XS, (), ("co_so",))], 2024,
         "bk_tinh_art74_1d", True, ("03 năm liên tục", "2022 - 2024")),
    case("B-Art74-1d-BK-neither-way", "BK_TINH",
         [rec(2023, TOT, ("LDTT",), ("co_so",)), cstdcs_year(2024, "co_so")], 2024,
         "bk_tinh_art74_1d", False,
         ("Chưa đủ tiêu chuẩn", "năm 2023 không đạt", "năm 2023 xếp loại hoàn thành tốt")),
    case("B-Art74-1d-BK-xuat-sac-1-initiative", "BK_TINH",
         [rec(2023, XS), rec(2024, XS, (), ("co_so",))], 2024,
         "bk_tinh_art74_1d", False, ("chỉ có 1 sáng kiến",)),
    case("B-Art74-1d-BK-gap-2023", "BK_TINH",
         [cstdcs_year(2024, "co_so", "co_so")], 2024,
         "bk_tinh_art74_1d", False, ("năm 2023 không có dữ liệu thành tích",)),
    case("B-Art74-1d-BK-disciplined-year-keeps-xuat-sac-run", "BK_TINH",
         [rec(2023, XS, (), ("co_so",), discipline="khien_trach"),
          rec(2024, XS, (), ("co_so",))], 2024,
         "bk_tinh_art74_1d", True, ("hoàn thành xuất sắc",), on=date(2025, 3, 1)),
    # --- Regime B′: NĐ 152/2025, nothing while under discipline -----------------------------------
    case("B2025-ND152-LDTT-disciplined-2025", "LDTT",
         [rec(2025, XS, discipline="khien_trach")], 2025,
         "nd152_not_under_discipline", False, ("đang trong thời hạn kỷ luật", "khiển trách")),
    case("B2025-ND152-LDTT-clean-2025", "LDTT", [rec(2025, TOT)], 2025,
         "nd152_not_under_discipline", True, ("Không ghi nhận cá nhân bị kỷ luật",),
         eligible_=True),
    case("B2025-ND152-CSTDCS-disciplined-even-exclusions-off", "CSTDCS",
         [rec(2025, XS, ("LDTT",), ("co_so",), discipline="khien_trach")], 2025,
         "nd152_not_under_discipline", False, ("không xét khen thưởng",),
         settings=RuleSettings(regime_b_ldtt_exclusions=False)),
    case("B2025-ND152-BK-disciplined-year-breaks-xuat-sac-run", "BK_TINH",
         [rec(2023, XS, (), ("co_so",), discipline="khien_trach"),
          rec(2024, XS, (), ("co_so",))], 2024,
         "bk_tinh_art74_1d", False, ("năm 2023 bị kỷ luật khiển trách",), on=date(2025, 8, 1)),
    case("B2025-ND152-CSTD-TINH-after-1-7-2025", "CSTD_TINH",
         [cstdcs_year(2023), cstdcs_year(2024, "tinh"), cstdcs_year(2025)], 2025,
         "cstd_tinh_3_consecutive_cstdcs", True, ("2023 - 2025",), eligible_=True),
]
# fmt: on


@pytest.mark.parametrize(
    ("award", "records", "year", "rule", "passed", "words", "verdict", "on", "settings"),
    INDIVIDUAL_CASES,
)
def test_individual_rule_outcome(award, records, year, rule, passed, words, verdict, on, settings):
    history = History.of(*records)

    checks = evaluate_individual(award, history, year, settings, on=on)

    check = the(checks, rule)
    assert check.passed == passed, check.detail
    for word in words:
        assert word in check.detail, (word, check.detail)
    assert eligible(checks) == verdict, [c.detail for c in checks if not c.passed]
    for c in checks:
        assert_proper_sentence(c)


def facts(
    year: int = 2022,
    rating: str | None = XS,
    total: int = 20,
    completed: int | None = None,
    ldtt: int = 15,
    cstdcs: int = 2,
    disciplined: dict[str, int] | None = None,
    **extra,
) -> CollectiveFacts:
    """A collective year; by default a strong one that meets every collective title."""
    return CollectiveFacts(
        year=year,
        rating=rating,
        members_total=total,
        members_completed_tasks=total if completed is None else completed,
        members_ldtt=ldtt,
        members_cstdcs=cstdcs,
        members_disciplined=disciplined or {},
        **extra,
    )


def ccase(case_id, award, f, rule, passed, words=(), *, eligible_=None, on=None, settings=None):
    verdict = passed if eligible_ is None else eligible_
    return pytest.param(
        award, f, rule, passed, words, verdict, on, settings or RuleSettings(), id=case_id
    )


# fmt: off
COLLECTIVE_CASES = [
    # --- Tập thể lao động tiên tiến: old Law Art 28 / Law 2022 Art 28 ----------------------------
    ccase("A-Art28-TTLDTT-55pct", "TTLDTT", facts(rating=TOT, ldtt=11),
          "ttldtt_ldtt_share", True, ("11/20", "55%")),
    ccase("A-Art28-TTLDTT-exactly-50pct-fails", "TTLDTT", facts(rating=TOT, ldtt=10),
          "ttldtt_ldtt_share", False, ("10/20", "50%", "trên 50%")),
    ccase("A-Art28-TTLDTT-canh-cao-member", "TTLDTT", facts(disciplined={"canh_cao": 1}),
          "ttldtt_no_warning_discipline", False, ("cảnh cáo: 1",)),
    ccase("A-Art28-TTLDTT-khien-trach-member-allowed", "TTLDTT",
          facts(disciplined={"khien_trach": 2}),
          "ttldtt_no_warning_discipline", True),
    ccase("A-Art28-TTLDTT-only-hoan-thanh", "TTLDTT", facts(rating=HT),
          "ttldtt_rating", False, ("chỉ xếp loại hoàn thành nhiệm vụ",)),
    ccase("A-Art28-TTLDTT-not-united", "TTLDTT", facts(unity=False),
          "ttldtt_unity", False, ("chưa đoàn kết",)),
    ccase("B-Art28-TTLDTT-55pct-2024", "TTLDTT", facts(2024, TOT, ldtt=11),
          "ttldtt_ldtt_share", True),
    ccase("B-Art28-TTLDTT-discipline-clause-setting-off", "TTLDTT",
          facts(2024, TOT, disciplined={"cach_chuc": 1}),
          "ttldtt_ldtt_share", True, eligible_=True,
          settings=RuleSettings(regime_b_ttldtt_discipline_clause=False)),
    # --- Tập thể lao động xuất sắc: old Law Art 27 / Law 2022 Art 27 -----------------------------
    ccase("A-Art27-TTLDXS-exactly-70pct", "TTLDXS", facts(ldtt=14),
          "ttldxs_ldtt_share", True, ("14/20", "70%"), eligible_=True),
    ccase("A-Art27-TTLDXS-69pct", "TTLDXS", facts(total=100, ldtt=69),
          "ttldxs_ldtt_share", False, ("69/100", "từ 70% trở lên")),
    ccase("A-Art27-TTLDXS-one-member-not-completed", "TTLDXS", facts(completed=19),
          "ttldxs_all_completed", False, ("19/20", "100%")),
    ccase("A-Art27-TTLDXS-no-cstdcs", "TTLDXS", facts(cstdcs=0),
          "ttldxs_has_cstdcs", False, ("Chiến sĩ thi đua cơ sở",)),
    ccase("A-Art27-TTLDXS-canh-cao-member", "TTLDXS", facts(disciplined={"canh_cao": 1}),
          "ttldxs_no_warning_discipline", False, ("cảnh cáo",)),
    ccase("A-Art27-TTLDXS-only-hoan-thanh-tot", "TTLDXS", facts(rating=TOT),
          "ttldxs_rating", False, ("chưa đạt mức hoàn thành xuất sắc nhiệm vụ",)),
    ccase("B-Art27-TTLDXS-canh-cao-no-clause-2024", "TTLDXS",
          facts(2024, disciplined={"canh_cao": 1}),
          "ttldxs_ldtt_share", True, eligible_=True),
    # --- Cờ thi đua tỉnh: old Law Art 26, NĐ 91 Art 12 / Law 2022 Art 26 -------------------------
    ccase("A-ND91-Art12-CO-led-cluster", "CO_TINH",
          facts(led_cluster=True, cluster_name="Cụm thi đua các huyện biên giới"),
          "co_tinh_led_cluster", True, ("dẫn đầu", "Cụm thi đua các huyện biên giới"),
          eligible_=True),
    ccase("A-ND91-Art12-CO-not-cluster-leader", "CO_TINH", facts(led_cluster=False),
          "co_tinh_led_cluster", False, ("Không phải đơn vị dẫn đầu cụm, khối",)),
    ccase("B-Art26-CO-led-cluster-2024", "CO_TINH", facts(2024, led_cluster=True),
          "co_tinh_led_cluster", True, eligible_=True),
    ccase("B-Art26-CO-leader-rated-tot", "CO_TINH", facts(2024, TOT, led_cluster=True),
          "co_tinh_rating", False, ("hoàn thành xuất sắc",)),
    # --- Bằng khen tỉnh, collective: NĐ 91 Art 39(2) / Law 2022 Art 74(2) -------------------------
    ccase("A-ND91-Art39-BK-collective-2y-xuat-sac", "BK_TINH",
          facts(consecutive_excellent_years=2),
          "bk_tinh_collective_excellent_years", True, ("2 năm liên tục",), eligible_=True),
    ccase("A-ND91-Art39-BK-collective-1y", "BK_TINH", facts(),
          "bk_tinh_collective_excellent_years", False, ("mới có 1 năm", "chưa đủ 02 năm")),
    ccase("A-ND91-Art39-BK-collective-rated-tot", "BK_TINH", facts(rating=TOT),
          "bk_tinh_collective_excellent_years", False, ("không hoàn thành xuất sắc",)),
    ccase("B-Art74-BK-collective-province-sets-3y", "BK_TINH",
          facts(2024, consecutive_excellent_years=2),
          "bk_tinh_collective_excellent_years", False, ("chưa đủ 03 năm",),
          settings=RuleSettings(bk_collective_excellent_years=3)),
    ccase("B-Art74-BK-collective-no-grassroots-democracy", "BK_TINH",
          facts(2024, consecutive_excellent_years=2, grassroots_democracy=False),
          "bk_tinh_collective_unity", False, ("quy chế dân chủ ở cơ sở",)),
    # --- Regime B′ for collectives: NĐ 152/2025 ---------------------------------------------------
    ccase("B2025-ND152-TTLDTT-collective-disciplined", "TTLDTT",
          facts(2025, TOT, discipline="khien_trach"),
          "nd152_not_under_discipline", False, ("Tập thể bị kỷ luật khiển trách năm 2025",)),
    ccase("B2025-ND152-TTLDXS-clean", "TTLDXS", facts(2025),
          "nd152_not_under_discipline", True, eligible_=True),
]
# fmt: on


@pytest.mark.parametrize(
    ("award", "f", "rule", "passed", "words", "verdict", "on", "settings"), COLLECTIVE_CASES
)
def test_collective_rule_outcome(award, f, rule, passed, words, verdict, on, settings):
    checks = evaluate_collective(award, f, settings, on=on)

    check = the(checks, rule)
    assert check.passed == passed, check.detail
    for word in words:
        assert word in check.detail, (word, check.detail)
    assert eligible(checks) == verdict, [c.detail for c in checks if not c.passed]
    for c in checks:
        assert_proper_sentence(c)


# fmt: off
QUOTA_CASES = [
    pytest.param(20, 3, 2022, RuleSettings(), True, ("tối đa 3",),
                 id="A-ND91-Art9.3-quota-exactly-15pct"),
    pytest.param(20, 4, 2022, RuleSettings(), False, ("vượt tỷ lệ tối đa 15%", "tối đa 3 trên 20"),
                 id="A-ND91-Art9.3-quota-over-15pct"),
    pytest.param(10, 2, 2023, RuleSettings(), False, ("tối đa 1",),
                 id="A-ND91-Art9.3-quota-floor-of-1.5-is-1"),
    pytest.param(10, 1, 2023, RuleSettings(), True, (),
                 id="A-ND91-Art9.3-quota-10-holders-1"),
    pytest.param(10, 2, 2023, RuleSettings(cstdcs_quota_rounding="half_up"), True, ("tối đa 2",),
                 id="A-ND91-Art9.3-quota-province-rounds-half-up"),
    pytest.param(20, 3, 2022, RuleSettings(cstdcs_quota_rate_a=Decimal("0.10")), False, ("10%",),
                 id="A-ND91-Art9.3-quota-province-rate-10pct"),
    pytest.param(0, 0, 2022, RuleSettings(), True, (),
                 id="A-ND91-Art9.3-quota-no-holders"),
    pytest.param(0, 1, 2022, RuleSettings(), False, ("tối đa 0",),
                 id="A-ND91-Art9.3-quota-cstdcs-without-ldtt-holders"),
    pytest.param(20, 10, 2024, RuleSettings(), True, ("Không áp dụng tỷ lệ",),
                 id="B-Art23-no-quota-by-default-2024"),
    pytest.param(20, 4, 2024, RuleSettings(cstdcs_quota_rate_b=Decimal("0.15")), False, ("vượt",),
                 id="B-Art23-province-sets-quota-2024"),
]
# fmt: on


@pytest.mark.parametrize(("holders", "count", "year", "settings", "passed", "words"), QUOTA_CASES)
def test_cstdcs_quota(holders, count, year, settings, passed, words):
    check = check_cstdcs_quota(holders, count, year, settings)

    assert check.rule == "cstdcs_quota"
    assert check.passed == passed, check.detail
    for word in words:
        assert word in check.detail, (word, check.detail)
    assert_proper_sentence(check)


@pytest.mark.parametrize(
    ("year", "on", "code"),
    [
        pytest.param(2017, None, "A", id="regime-A-ND91-2017"),
        pytest.param(2022, None, "A", id="regime-A-Lang-Son-2022"),
        pytest.param(2023, date(2024, 3, 1), "A", id="regime-A-2023-decided-in-2024"),
        pytest.param(2023, date(2025, 8, 1), "A", id="regime-A-2023-decided-after-ND152"),
        pytest.param(2024, None, "B", id="regime-B-Law2022-2024"),
        pytest.param(2024, date(2025, 6, 30), "B", id="regime-B-decided-30-6-2025"),
        pytest.param(2024, date(2025, 7, 1), "B2025", id="regime-B2025-ND152-decided-1-7-2025"),
        pytest.param(2025, None, "B2025", id="regime-B2025-ND152-year-2025"),
        pytest.param(2025, date(2025, 6, 30), "B", id="regime-B-2025-thematic-before-1-7"),
    ],
)
def test_regime_for_year_and_decision_date(year, on, code):
    assert regime_for(year, on).REGIME.code == code


def test_citations_follow_the_regime_of_the_nomination_year():
    history = History.of(rec(2023, TOT), rec(2024, TOT))

    old = evaluate_individual("LDTT", history, 2023)
    new = evaluate_individual("LDTT", history, 2024)

    assert (
        the(old, "ldtt_rating").citation == "Điều 24 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
    )
    assert the(new, "ldtt_rating").citation == "Điều 24 Luật Thi đua, khen thưởng 2022"


def test_ttldxs_regime_b_has_no_discipline_clause():
    checks = evaluate_collective("TTLDXS", facts(2024, disciplined={"canh_cao": 1}))

    assert "ttldxs_no_warning_discipline" not in [c.rule for c in checks]


@pytest.mark.parametrize(
    ("award", "collective"),
    [
        pytest.param("CSTD_TINH", True, id="A-Art22-CSTD-TINH-is-individual-only"),
        pytest.param("TTLDXS", False, id="A-Art27-TTLDXS-is-collective-only"),
        pytest.param("GIAY_KHEN", False, id="A-GIAY-KHEN-provincial-rules-not-automated"),
    ],
)
def test_unsupported_award_is_refused(award, collective):
    with pytest.raises(UnsupportedAward):
        if collective:
            evaluate_collective(award, facts())
        else:
            evaluate_individual(award, History(), 2022)


def test_eligible_of_no_checks_is_false():
    assert eligible([]) is False


def test_check_as_dict_has_the_contract_shape():
    check = Check("ldtt_rating", True, "Năm 2022 xếp loại hoàn thành tốt nhiệm vụ.", "Điều 24")

    assert check.as_dict() == {
        "rule": "ldtt_rating",
        "passed": True,
        "detail": "Năm 2022 xếp loại hoàn thành tốt nhiệm vụ.",
        "citation": "Điều 24",
    }


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: YearRecord(2022, rating="tot"), id="unknown-rating"),
        pytest.param(lambda: YearRecord(2022, discipline="phat_tien"), id="unknown-discipline"),
        pytest.param(lambda: Initiative("X", "huyen"), id="unknown-initiative-level"),
        pytest.param(lambda: YearRecord(2022, months_worked=13), id="months-over-12"),
        pytest.param(lambda: History.of(rec(2022), rec(2022)), id="two-records-one-year"),
        pytest.param(lambda: facts(total=10, ldtt=11), id="more-ldtt-than-members"),
        pytest.param(
            lambda: facts(rating=TOT, consecutive_excellent_years=2),
            id="excellent-run-without-excellent-rating",
        ),
        pytest.param(lambda: RuleSettings(cstdcs_quota_rounding="bankers"), id="unknown-rounding"),
    ],
)
def test_invalid_data_is_rejected(build):
    with pytest.raises(ValueError):
        build()


def test_history_helpers_find_years_runs_and_initiatives():
    history = History.of(cstdcs_year(2022, "tinh"), cstdcs_year(2020), cstdcs_year(2021, "co_so"))

    assert [r.year for r in history.records] == [2020, 2021, 2022]
    assert history.get(2019) is None
    assert [y for y, r in history.window(2023, 3) if r is None] == [2023]
    assert history.run_ending(2022, lambda r: r.holds("CSTDCS")) == 3
    assert history.run_ending(2023, lambda r: r.holds("CSTDCS")) == 0
    assert [y for y, _ in history.initiatives_between(2020, 2022, "tinh")] == [2022]
    assert len(history.initiatives_between(2021, 2022)) == 2
