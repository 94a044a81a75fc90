"""Data types and shared check builders of the legal rules engine.

Everything here is plain, immutable data and pure functions: no database, no web framework.
A service loads a person's yearly ledger into a `History`, or a collective's year into
`CollectiveFacts`, and a regime module turns it into a list of `Check`s.

Choices written down here because the law leaves them to the reader:
- Codes are those of CONTRACT.md: ratings `hoan_thanh_xuat_sac` / `hoan_thanh_tot` / `hoan_thanh`
  / `khong_hoan_thanh`; discipline `khien_trach` < `canh_cao` < `cach_chuc` < `buoc_thoi_viec`;
  initiative levels `co_so` < `tinh` < `toan_quoc`. An unknown code raises `ValueError` at
  construction, so a typo can never read as "no discipline".
- A title counts as held in a year when its award code is in that year's `titles` (the service
  adds titles granted by its own decisions). The engine never infers a past title from the
  facts, with one exception: for Chiến sĩ thi đua cơ sở the Lao động tiên tiến of the same year
  is usually decided in the same round, so a year that meets the LĐTT criteria counts as LĐTT
  there (the detail says so).
- A year missing from the history breaks every consecutive-year chain ("không có dữ liệu").
- A year with discipline breaks a chain of titles that require LĐTT, even when the title code is
  in `titles`: discipline excludes LĐTT, so that year's title cannot stand.
- `months_worked=None` means "not recorded"; the under-10-months exclusion then does not apply.
  Maternity leave counts as time worked (NĐ 91/2017), so the service records it as worked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

# Ascending order matters: rating_at_least() and discipline severity compare positions.
RATINGS: tuple[str, ...] = (
    "khong_hoan_thanh",
    "hoan_thanh",
    "hoan_thanh_tot",
    "hoan_thanh_xuat_sac",
)
RATING_LABELS: dict[str, str] = {
    "hoan_thanh_xuat_sac": "hoàn thành xuất sắc nhiệm vụ",
    "hoan_thanh_tot": "hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "không hoàn thành nhiệm vụ",
}
EXCELLENT = "hoan_thanh_xuat_sac"
GOOD = "hoan_thanh_tot"

DISCIPLINES: tuple[str, ...] = ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec")
DISCIPLINE_LABELS: dict[str, str] = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}

INITIATIVE_LEVELS: tuple[str, ...] = ("co_so", "tinh", "toan_quoc")
INITIATIVE_LEVEL_LABELS: dict[str, str] = {
    "co_so": "cấp cơ sở",
    "tinh": "cấp tỉnh",
    "toan_quoc": "toàn quốc",
}

AWARD_NAMES: dict[str, str] = {
    "LDTT": "Lao động tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_TINH": "Chiến sĩ thi đua cấp tỉnh",
    "BK_TINH": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "GIAY_KHEN": "Giấy khen",
    "TTLDTT": "Tập thể lao động tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "CO_TINH": "Cờ thi đua của Ủy ban nhân dân tỉnh",
}

# Statutory LĐTT exclusion: recruited less than 10 months in the year.
MIN_MONTHS_FOR_LDTT = 10


def rating_at_least(rating: str | None, minimum: str) -> bool:
    """True when `rating` is `minimum` or better; an absent rating is never enough."""
    return rating is not None and RATINGS.index(rating) >= RATINGS.index(minimum)


def discipline_at_least(discipline: str | None, minimum: str) -> bool:
    """True when `discipline` is `minimum` or more severe."""
    return discipline is not None and DISCIPLINES.index(discipline) >= DISCIPLINES.index(minimum)


def _require(value: str | None, allowed: Iterable[str], what: str) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"unknown {what}: {value!r}")


@dataclass(frozen=True)
class Initiative:
    """A sáng kiến (or research topic) and the level that recognised its reach."""

    name: str
    level: str  # "co_so" | "tinh" | "toan_quoc"

    def __post_init__(self) -> None:
        _require(self.level, INITIATIVE_LEVELS, "initiative level")

    def reaches(self, level: str) -> bool:
        """True when the initiative's recognised reach is `level` or wider."""
        return INITIATIVE_LEVELS.index(self.level) >= INITIATIVE_LEVELS.index(level)


@dataclass(frozen=True)
class YearRecord:
    """One person's ledger line for one year: rating, titles held, initiatives, discipline."""

    year: int
    rating: str | None = None
    titles: frozenset[str] = frozenset()
    initiatives: tuple[Initiative, ...] = ()
    discipline: str | None = None
    months_worked: int | None = None

    def __post_init__(self) -> None:
        _require(self.rating, RATINGS, "rating")
        _require(self.discipline, DISCIPLINES, "discipline")
        if self.months_worked is not None and not 0 <= self.months_worked <= 12:
            raise ValueError(f"months_worked must be 0..12, got {self.months_worked}")
        # Accept any iterable from callers, store immutable values.
        object.__setattr__(self, "titles", frozenset(self.titles))
        object.__setattr__(self, "initiatives", tuple(self.initiatives))

    def holds(self, award_code: str) -> bool:
        """True when the title or form `award_code` is recorded for this year."""
        return award_code in self.titles


@dataclass(frozen=True)
class History:
    """A person's yearly records, at most one per year, kept sorted by year."""

    records: tuple[YearRecord, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.records, key=lambda r: r.year))
        years = [r.year for r in ordered]
        if len(set(years)) != len(years):
            raise ValueError("a history holds at most one record per year")
        object.__setattr__(self, "records", ordered)

    @classmethod
    def of(cls, *records: YearRecord) -> History:
        """Build a history from records given in any order."""
        return cls(records=records)

    def get(self, year: int) -> YearRecord | None:
        """The record of `year`, or None when the year is missing."""
        return next((r for r in self.records if r.year == year), None)

    def window(self, end: int, length: int) -> list[tuple[int, YearRecord | None]]:
        """The `length` years ending with `end`, oldest first, each with its record or None."""
        return [(y, self.get(y)) for y in range(end - length + 1, end + 1)]

    def run_ending(self, year: int, counts: Callable[[YearRecord], bool]) -> int:
        """How many consecutive years up to and including `year` satisfy `counts`."""
        run = 0
        while (rec := self.get(year - run)) is not None and counts(rec):
            run += 1
        return run

    def initiatives_between(
        self, start: int, end: int, min_level: str = "co_so"
    ) -> list[tuple[int, Initiative]]:
        """Initiatives recognised from `start` to `end` inclusive, at `min_level` or wider."""
        return [
            (r.year, i)
            for r in self.records
            if start <= r.year <= end
            for i in r.initiatives
            if i.reaches(min_level)
        ]


@dataclass(frozen=True)
class CollectiveFacts:
    """What the rules need to know about a collective (tập thể) for one year."""

    year: int
    rating: str | None
    members_total: int
    members_completed_tasks: int
    members_ldtt: int
    members_cstdcs: int = 0
    # Members disciplined in the year, by level, e.g. {"khien_trach": 1, "canh_cao": 0}.
    members_disciplined: Mapping[str, int] = field(default_factory=dict)
    unity: bool = True  # nội bộ đoàn kết
    grassroots_democracy: bool = True  # thực hiện tốt quy chế dân chủ ở cơ sở
    led_cluster: bool = False  # dẫn đầu cụm, khối thi đua after bình xét
    cluster_name: str | None = None
    # Consecutive years of hoàn thành xuất sắc ending with `year` (counting it); None: derive
    # from `rating` alone (1 or 0).
    consecutive_excellent_years: int | None = None
    # The collective's own discipline in the year (used by NĐ 152/2025).
    discipline: str | None = None

    def __post_init__(self) -> None:
        _require(self.rating, RATINGS, "rating")
        _require(self.discipline, DISCIPLINES, "discipline")
        for level, count in self.members_disciplined.items():
            _require(level, DISCIPLINES, "discipline")
            if count < 0:
                raise ValueError("disciplined member counts cannot be negative")
        if self.members_total < 1:
            raise ValueError("a collective has at least one member")
        for name in ("members_completed_tasks", "members_ldtt", "members_cstdcs"):
            value = getattr(self, name)
            if not 0 <= value <= self.members_total:
                raise ValueError(f"{name} must be between 0 and members_total")
        run = self.consecutive_excellent_years
        if run is not None and (run < 0 or (run > 0) != (self.rating == EXCELLENT)):
            raise ValueError(
                "consecutive_excellent_years > 0 exactly when rated hoàn thành xuất sắc"
            )
        object.__setattr__(self, "members_disciplined", dict(self.members_disciplined))

    @property
    def excellent_run(self) -> int:
        """Consecutive years of hoàn thành xuất sắc ending with this year."""
        if self.consecutive_excellent_years is not None:
            return self.consecutive_excellent_years
        return 1 if self.rating == EXCELLENT else 0

    def disciplined_at_least(self, minimum: str) -> dict[str, int]:
        """Disciplined member counts at `minimum` severity or above, zero counts dropped."""
        return {
            level: n
            for level, n in self.members_disciplined.items()
            if n and discipline_at_least(level, minimum)
        }


@dataclass(frozen=True)
class Check:
    """One step of an eligibility check: passed or not, why (Vietnamese), and the law."""

    rule: str
    passed: bool
    detail: str
    citation: str

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of CONTRACT.md's eligibility checks."""
        return {
            "rule": self.rule,
            "passed": self.passed,
            "detail": self.detail,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class RuleSettings:
    """Values the law leaves to the province or that DOMAIN.md marks unconfirmed.

    Everything here has a sensible default; an office changes it in configuration, never in
    code. Statutory thresholds (10 months, >50 %, ≥70 %, 3 consecutive years, ...) are not
    settings: they are written in the regime modules with their citations.
    """

    # NĐ 91/2017 Art 9(3) caps CSTĐCS at "not more than 15 %" of the unit's LĐTT holders;
    # the exact rate is the province's, which may set it lower.
    cstdcs_quota_rate_a: Decimal = Decimal("0.15")
    # No quota was found in the 2022 Law or NĐ 98/2023: off (None) unless the province sets one.
    cstdcs_quota_rate_b: Decimal | None = None
    # The texts say "không quá 15 %" without a rounding rule. "floor" keeps the cap a true
    # maximum (10 LĐTT holders -> 1 CSTĐCS); "half_up" and "ceil" are there if the province
    # rounds otherwise.
    cstdcs_quota_rounding: str = "floor"
    # Under the 2022 Law DOMAIN.md confirms only "hoàn thành tốt nhiệm vụ trở lên" for LĐTT.
    # The under-10-months and discipline exclusions of the old regime are kept by default
    # (provincial practice, and a disciplined person cannot be rated "tốt" anyway); an office
    # that reads NĐ 98/2023 otherwise can switch them off.
    regime_b_ldtt_exclusions: bool = True
    # DOMAIN.md states the "no member disciplined at cảnh cáo or above" clause of TTLĐTT only
    # for the old Law (Art 28); kept under the 2022 Law by default, unconfirmed.
    regime_b_ttldtt_discipline_clause: bool = True
    # Collective Bằng khen of the provincial chairman: 2 consecutive years "hoàn thành xuất
    # sắc", unity, grassroots democracy (NĐ 91 regime); the 2022 Law's wording is unconfirmed.
    bk_collective_excellent_years: int = 2

    def __post_init__(self) -> None:
        if self.cstdcs_quota_rounding not in ("floor", "half_up", "ceil"):
            raise ValueError("cstdcs_quota_rounding must be floor, half_up or ceil")
        for rate in (self.cstdcs_quota_rate_a, self.cstdcs_quota_rate_b):
            if rate is not None and not Decimal(0) <= rate <= Decimal(1):
                raise ValueError("a quota rate is a fraction between 0 and 1")


@dataclass(frozen=True)
class RegimeInfo:
    """Metadata of a legal regime: its instruments and when it applies."""

    code: str
    name: str
    instruments: tuple[str, ...]
    in_force_from: date
    in_force_to: date | None
    # Selection (see rules.regime_for): the first nomination year the regime covers (None: any
    # earlier year), and the first decision date it covers (None: any date).
    first_year: int | None
    decided_from: date | None = None


class Regime(Protocol):
    """What a regime module provides; rules.regime_for() returns one of these."""

    REGIME: RegimeInfo
    INDIVIDUAL_AWARDS: frozenset[str]
    COLLECTIVE_AWARDS: frozenset[str]

    def evaluate_individual(
        self, award_code: str, history: History, year: int, settings: RuleSettings
    ) -> list[Check]: ...

    def evaluate_collective(
        self, award_code: str, facts: CollectiveFacts, settings: RuleSettings
    ) -> list[Check]: ...

    def check_cstdcs_quota(
        self, ldtt_holders: int, cstdcs_count: int, year: int, settings: RuleSettings
    ) -> Check: ...


class UnsupportedAward(ValueError):
    """The regime has no machine-checkable rules for this award code and nominee kind."""


# --- Wording helpers -------------------------------------------------------------------------


def span(start: int, end: int) -> str:
    """A year range the way a Vietnamese document writes it: "2020 - 2022"."""
    return str(start) if start == end else f"{start} - {end}"


def percent(part: int, whole: int) -> str:
    """A share as Vietnamese text with a decimal comma: 2/3 -> "66,7%"."""
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    text = f"{value}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def count_phrase(counts: Mapping[str, int]) -> str:
    """Discipline counts in severity order, e.g. "cảnh cáo: 1, cách chức: 1"."""
    return ", ".join(f"{DISCIPLINE_LABELS[k]}: {counts[k]}" for k in DISCIPLINES if k in counts)


def quoted(initiatives: list[tuple[int, Initiative]]) -> str:
    """Initiative names with their years, e.g. "“A” (năm 2021), “B” (năm 2022)"."""
    return ", ".join(f"“{i.name}” (năm {y})" for y, i in initiatives)


def no_record(year: int) -> str:
    """The phrase for a year that is missing from the history."""
    return f"năm {year} không có dữ liệu thành tích"


# --- Shared building blocks ------------------------------------------------------------------


def ldtt_shortfalls(record: YearRecord | None, *, exclusions: bool) -> list[str]:
    """Why a year does not meet Lao động tiên tiến, as phrases; empty when it does."""
    if record is None:
        return ["không có dữ liệu đánh giá, xếp loại"]
    reasons = []
    if record.rating is None:
        reasons.append("chưa có kết quả đánh giá, xếp loại")
    elif not rating_at_least(record.rating, GOOD):
        reasons.append(f"chỉ xếp loại {RATING_LABELS[record.rating]}")
    if exclusions:
        if record.months_worked is not None and record.months_worked < MIN_MONTHS_FOR_LDTT:
            reasons.append(
                f"mới tuyển dụng, chỉ công tác {record.months_worked} tháng, dưới 10 tháng"
            )
        if record.discipline is not None:
            reasons.append(f"bị kỷ luật {DISCIPLINE_LABELS[record.discipline]}")
    return reasons


def ldtt_checks(
    history: History, year: int, *, exclusions: bool, rating_cite: str, exclusion_cite: str
) -> list[Check]:
    """The Lao động tiên tiến checks: rating, and (when they apply) the two exclusions."""
    rec = history.get(year)
    if rec is None or rec.rating is None:
        rating = Check(
            "ldtt_rating",
            False,
            f"Không có kết quả đánh giá, xếp loại năm {year}; "
            "chưa đủ căn cứ xét danh hiệu Lao động tiên tiến.",
            rating_cite,
        )
    elif rating_at_least(rec.rating, GOOD):
        rating = Check(
            "ldtt_rating",
            True,
            f"Năm {year} xếp loại {RATING_LABELS[rec.rating]}, đạt yêu cầu từ hoàn thành tốt "
            "nhiệm vụ trở lên.",
            rating_cite,
        )
    else:
        rating = Check(
            "ldtt_rating",
            False,
            f"Năm {year} chỉ xếp loại {RATING_LABELS[rec.rating]}, chưa đạt mức hoàn thành tốt "
            "nhiệm vụ trở lên.",
            rating_cite,
        )
    checks = [rating]
    if not exclusions:
        return checks

    months = rec.months_worked if rec is not None else None
    if months is None:
        checks.append(
            Check(
                "ldtt_months_worked",
                True,
                f"Không thuộc trường hợp mới tuyển dụng dưới 10 tháng trong năm {year}.",
                exclusion_cite,
            )
        )
    elif months < MIN_MONTHS_FOR_LDTT:
        checks.append(
            Check(
                "ldtt_months_worked",
                False,
                f"Mới tuyển dụng, thời gian công tác trong năm {year} là {months} tháng (dưới "
                "10 tháng), không xét tặng danh hiệu Lao động tiên tiến.",
                exclusion_cite,
            )
        )
    else:
        checks.append(
            Check(
                "ldtt_months_worked",
                True,
                f"Thời gian công tác trong năm {year} là {months} tháng, đủ từ 10 tháng trở lên.",
                exclusion_cite,
            )
        )

    discipline = rec.discipline if rec is not None else None
    if discipline is None:
        checks.append(
            Check("ldtt_discipline", True, f"Năm {year} không bị kỷ luật.", exclusion_cite)
        )
    else:
        checks.append(
            Check(
                "ldtt_discipline",
                False,
                f"Năm {year} bị kỷ luật {DISCIPLINE_LABELS[discipline]}, không xét tặng danh "
                "hiệu Lao động tiên tiến.",
                exclusion_cite,
            )
        )
    return checks


def ldtt_in_year_check(history: History, year: int, *, exclusions: bool, citation: str) -> Check:
    """CSTĐCS prerequisite: the person holds (or, in the same round, meets) LĐTT that year."""
    rec = history.get(year)
    if rec is None:
        return Check(
            "cstdcs_ldtt",
            False,
            f"Không có dữ liệu thành tích năm {year}, chưa xác định được danh hiệu Lao động "
            "tiên tiến.",
            citation,
        )
    if exclusions and rec.discipline is not None:
        return Check(
            "cstdcs_ldtt",
            False,
            f"Không đạt danh hiệu Lao động tiên tiến năm {year} (bị kỷ luật "
            f"{DISCIPLINE_LABELS[rec.discipline]}).",
            citation,
        )
    if rec.holds("LDTT"):
        return Check("cstdcs_ldtt", True, f"Đạt danh hiệu Lao động tiên tiến năm {year}.", citation)
    shortfalls = ldtt_shortfalls(rec, exclusions=exclusions)
    if not shortfalls:
        return Check(
            "cstdcs_ldtt",
            True,
            f"Đủ tiêu chuẩn danh hiệu Lao động tiên tiến năm {year} (xét cùng đợt).",
            citation,
        )
    return Check(
        "cstdcs_ldtt",
        False,
        f"Không đạt danh hiệu Lao động tiên tiến năm {year} ({'; '.join(shortfalls)}).",
        citation,
    )


def cstdcs_break(year: int, record: YearRecord | None, *, discipline_breaks: bool) -> str | None:
    """Why `year` does not count in a chain of Chiến sĩ thi đua cơ sở, or None if it counts."""
    if record is None:
        return no_record(year)
    if discipline_breaks and record.discipline is not None:
        return f"năm {year} bị kỷ luật {DISCIPLINE_LABELS[record.discipline]}"
    if not record.holds("CSTDCS"):
        return f"năm {year} không đạt"
    return None


def excellent_break(year: int, record: YearRecord | None, *, discipline_breaks: bool) -> str | None:
    """Why `year` does not count in a chain of "hoàn thành xuất sắc", or None if it counts."""
    if record is None:
        return no_record(year)
    if discipline_breaks and record.discipline is not None:
        return f"năm {year} bị kỷ luật {DISCIPLINE_LABELS[record.discipline]}"
    if record.rating is None:
        return f"năm {year} chưa có kết quả xếp loại"
    if record.rating != EXCELLENT:
        return f"năm {year} xếp loại {RATING_LABELS[record.rating]}"
    return None


def chain_breaks(
    history: History,
    end: int,
    length: int,
    why: Callable[[int, YearRecord | None], str | None],
) -> list[str]:
    """Reasons for every year of the `length`-year window ending at `end` that breaks it."""
    return [reason for y, rec in history.window(end, length) if (reason := why(y, rec))]


def cstd_tinh_checks(
    history: History, year: int, *, discipline_breaks: bool, citation: str
) -> list[Check]:
    """CSTĐ cấp tỉnh: 3 consecutive CSTĐCS ending in `year` and a provincial-reach initiative."""
    start = year - 2
    breaks = chain_breaks(
        history,
        year,
        3,
        lambda y, r: cstdcs_break(y, r, discipline_breaks=discipline_breaks),
    )
    if breaks:
        chain = Check(
            "cstd_tinh_3_consecutive_cstdcs",
            False,
            f"Chưa đủ 3 năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở ({span(start, year)}): "
            f"{'; '.join(breaks)}.",
            citation,
        )
    else:
        chain = Check(
            "cstd_tinh_3_consecutive_cstdcs",
            True,
            f"Đạt danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục ({span(start, year)}).",
            citation,
        )

    wide = history.initiatives_between(start, year, "tinh")
    if wide:
        initiative = Check(
            "cstd_tinh_initiative",
            True,
            f"Có sáng kiến, đề tài được công nhận có phạm vi ảnh hưởng cấp tỉnh trong thời gian "
            f"{span(start, year)}: {quoted(wide)}.",
            citation,
        )
    else:
        base_only = history.initiatives_between(start, year, "co_so")
        tail = (
            f"; {len(base_only)} sáng kiến cấp cơ sở trong thời gian này chưa đủ điều kiện"
            if base_only
            else ""
        )
        initiative = Check(
            "cstd_tinh_initiative",
            False,
            f"Không có sáng kiến, đề tài được công nhận có phạm vi ảnh hưởng cấp tỉnh trong thời "
            f"gian {span(start, year)}{tail}.",
            citation,
        )
    return [chain, initiative]


def collective_rating_check(
    rule: str, facts: CollectiveFacts, minimum: str, citation: str
) -> Check:
    """The collective's own rating is `minimum` or better."""
    wanted = RATING_LABELS[minimum] + (" trở lên" if minimum != EXCELLENT else "")
    if facts.rating is None:
        return Check(
            rule,
            False,
            f"Tập thể chưa có kết quả đánh giá, xếp loại năm {facts.year}.",
            citation,
        )
    if rating_at_least(facts.rating, minimum):
        return Check(
            rule,
            True,
            f"Tập thể xếp loại {RATING_LABELS[facts.rating]} năm {facts.year}.",
            citation,
        )
    return Check(
        rule,
        False,
        f"Tập thể chỉ xếp loại {RATING_LABELS[facts.rating]} năm {facts.year}, chưa đạt mức "
        f"{wanted}.",
        citation,
    )


def ldtt_share_check(
    rule: str, facts: CollectiveFacts, *, percent_needed: int, strictly_more: bool, citation: str
) -> Check:
    """The share of members holding LĐTT: over (strictly) or at least `percent_needed` %."""
    have, total = facts.members_ldtt, facts.members_total
    # Integer arithmetic: exactly 70 % of 20 is 14 without any float noise.
    lhs, rhs = have * 100, percent_needed * total
    passed = lhs > rhs if strictly_more else lhs >= rhs
    needed = f"trên {percent_needed}%" if strictly_more else f"từ {percent_needed}% trở lên"
    share = f"{have}/{total} cá nhân ({percent(have, total)})"
    if passed:
        detail = f"Có {share} đạt danh hiệu Lao động tiên tiến, đạt yêu cầu {needed}."
    else:
        detail = (
            f"Chỉ có {share} đạt danh hiệu Lao động tiên tiến, chưa đạt yêu cầu {needed} "
            "số cá nhân trong tập thể."
        )
    return Check(rule, passed, detail, citation)


def no_warning_discipline_check(rule: str, facts: CollectiveFacts, citation: str) -> Check:
    """No member disciplined at cảnh cáo or above in the year."""
    serious = facts.disciplined_at_least("canh_cao")
    if not serious:
        return Check(
            rule,
            True,
            f"Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên trong năm {facts.year}.",
            citation,
        )
    return Check(
        rule,
        False,
        f"Có {sum(serious.values())} cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên trong "
        f"năm {facts.year} ({count_phrase(serious)}), tập thể không đủ điều kiện xét.",
        citation,
    )


def unity_check(rule: str, facts: CollectiveFacts, citation: str) -> Check:
    """The collective is internally united (nội bộ đoàn kết)."""
    if facts.unity:
        return Check(rule, True, "Nội bộ tập thể đoàn kết.", citation)
    return Check(rule, False, "Nội bộ tập thể chưa đoàn kết, không đủ điều kiện xét.", citation)


def ttldtt_checks(facts: CollectiveFacts, *, discipline_clause: bool, citation: str) -> list[Check]:
    """Tập thể lao động tiên tiến: rating tốt+, >50 % LĐTT, no cảnh cáo+, unity."""
    checks = [
        collective_rating_check("ttldtt_rating", facts, GOOD, citation),
        ldtt_share_check(
            "ttldtt_ldtt_share", facts, percent_needed=50, strictly_more=True, citation=citation
        ),
    ]
    if discipline_clause:
        checks.append(no_warning_discipline_check("ttldtt_no_warning_discipline", facts, citation))
    checks.append(unity_check("ttldtt_unity", facts, citation))
    return checks


def ttldxs_checks(facts: CollectiveFacts, *, discipline_clause: bool, citation: str) -> list[Check]:
    """Tập thể lao động xuất sắc: xuất sắc, 100 % completed, ≥70 % LĐTT, ≥1 CSTĐCS, ..."""
    done, total = facts.members_completed_tasks, facts.members_total
    if done == total:
        completed = Check(
            "ttldxs_all_completed",
            True,
            f"Tất cả {done}/{total} cá nhân trong tập thể (100%) hoàn thành nhiệm vụ.",
            citation,
        )
    else:
        completed = Check(
            "ttldxs_all_completed",
            False,
            f"Chỉ có {done}/{total} cá nhân hoàn thành nhiệm vụ, chưa đạt yêu cầu 100% cá nhân "
            "trong tập thể hoàn thành nhiệm vụ.",
            citation,
        )
    if facts.members_cstdcs >= 1:
        cstdcs = Check(
            "ttldxs_has_cstdcs",
            True,
            f"Có {facts.members_cstdcs} cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở.",
            citation,
        )
    else:
        cstdcs = Check(
            "ttldxs_has_cstdcs",
            False,
            "Không có cá nhân nào trong tập thể đạt danh hiệu Chiến sĩ thi đua cơ sở.",
            citation,
        )
    checks = [
        collective_rating_check("ttldxs_rating", facts, EXCELLENT, citation),
        completed,
        ldtt_share_check(
            "ttldxs_ldtt_share", facts, percent_needed=70, strictly_more=False, citation=citation
        ),
        cstdcs,
    ]
    if discipline_clause:
        checks.append(no_warning_discipline_check("ttldxs_no_warning_discipline", facts, citation))
    checks.append(unity_check("ttldxs_unity", facts, citation))
    return checks


def co_tinh_checks(facts: CollectiveFacts, citation: str) -> list[Check]:
    """Cờ thi đua của UBND tỉnh: led its cụm/khối after bình xét, xuất sắc, unity."""
    if facts.led_cluster:
        where = facts.cluster_name or "cụm, khối thi đua"
        led = Check(
            "co_tinh_led_cluster",
            True,
            f"Được bình xét, suy tôn là đơn vị dẫn đầu {where} năm {facts.year}.",
            citation,
        )
    else:
        led = Check(
            "co_tinh_led_cluster",
            False,
            f"Không phải đơn vị dẫn đầu cụm, khối thi đua qua bình xét, so sánh năm {facts.year}; "
            "Cờ thi đua chỉ xét tặng tập thể dẫn đầu cụm, khối.",
            citation,
        )
    return [
        led,
        collective_rating_check("co_tinh_rating", facts, EXCELLENT, citation),
        unity_check("co_tinh_unity", facts, citation),
    ]


def bk_collective_checks(
    facts: CollectiveFacts, settings: RuleSettings, citation: str
) -> list[Check]:
    """Collective Bằng khen: N consecutive years xuất sắc (a setting), unity, democracy."""
    need, run = settings.bk_collective_excellent_years, facts.excellent_run
    if run >= need:
        years = Check(
            "bk_tinh_collective_excellent_years",
            True,
            f"Tập thể hoàn thành xuất sắc nhiệm vụ {run} năm liên tục đến năm {facts.year}.",
            citation,
        )
    elif run == 0:
        years = Check(
            "bk_tinh_collective_excellent_years",
            False,
            f"Tập thể không hoàn thành xuất sắc nhiệm vụ năm {facts.year}, chưa đủ {need:02d} năm "
            "liên tục hoàn thành xuất sắc nhiệm vụ.",
            citation,
        )
    else:
        years = Check(
            "bk_tinh_collective_excellent_years",
            False,
            f"Tập thể mới có {run} năm liên tục hoàn thành xuất sắc nhiệm vụ tính đến năm "
            f"{facts.year}, chưa đủ {need:02d} năm liên tục.",
            citation,
        )
    missing = []
    if not facts.unity:
        missing.append("nội bộ chưa đoàn kết")
    if not facts.grassroots_democracy:
        missing.append("chưa thực hiện tốt quy chế dân chủ ở cơ sở")
    if missing:
        internal = Check(
            "bk_tinh_collective_unity",
            False,
            f"Tập thể {' và '.join(missing)}, không đủ điều kiện xét Bằng khen.",
            citation,
        )
    else:
        internal = Check(
            "bk_tinh_collective_unity",
            True,
            "Nội bộ đoàn kết, thực hiện tốt quy chế dân chủ ở cơ sở.",
            citation,
        )
    return [years, internal]


def quota_limit(holders: int, rate: Decimal, rounding: str) -> int:
    """The most CSTĐCS allowed among `holders` LĐTT holders at `rate`."""
    exact = Decimal(holders) * rate
    if rounding == "floor":
        return int(exact // 1)
    if rounding == "ceil":
        return int(-(-exact // 1))
    return int((exact + Decimal("0.5")) // 1)


def quota_check(
    ldtt_holders: int,
    cstdcs_count: int,
    year: int,
    *,
    rate: Decimal | None,
    rounding: str,
    citation: str,
) -> Check:
    """The unit's CSTĐCS count against its quota of LĐTT holders (None rate: no quota)."""
    if ldtt_holders < 0 or cstdcs_count < 0:
        raise ValueError("counts cannot be negative")
    if rate is None:
        return Check(
            "cstdcs_quota",
            True,
            f"Không áp dụng tỷ lệ khống chế số Chiến sĩ thi đua cơ sở năm {year}.",
            citation,
        )
    limit = quota_limit(ldtt_holders, rate, rounding)
    rate_text = percent(int(rate * 1000), 1000)
    if cstdcs_count <= limit:
        return Check(
            "cstdcs_quota",
            True,
            f"Đơn vị đề nghị {cstdcs_count} Chiến sĩ thi đua cơ sở trên {ldtt_holders} cá nhân "
            f"đạt danh hiệu Lao động tiên tiến năm {year}, trong giới hạn tối đa {limit} người "
            f"({rate_text}).",
            citation,
        )
    return Check(
        "cstdcs_quota",
        False,
        f"Số Chiến sĩ thi đua cơ sở đề nghị ({cstdcs_count}) vượt tỷ lệ tối đa {rate_text} số cá "
        f"nhân đạt danh hiệu Lao động tiên tiến của đơn vị năm {year} (tối đa {limit} trên "
        f"{ldtt_holders} người).",
        citation,
    )
