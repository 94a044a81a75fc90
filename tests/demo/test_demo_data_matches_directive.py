"""The demo data against the directive it is built from. Pure: no database, no fixtures."""

import re
from collections import Counter
from pathlib import Path

import pytest

import app.demo
from app.demo.data import (
    ACCOUNTS,
    ANNUAL_CAMPAIGN,
    CLUSTERS,
    DIRECTIVE_TEXT_FILE,
    LAUNCH_DATE,
    MOVEMENTS,
    TARGETS,
    UNITS,
)

DIRECTIVE = Path(app.demo.__file__).with_name(DIRECTIVE_TEXT_FILE)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / DIRECTIVE_TEXT_FILE

GROUPS = ("kinh_te", "xa_hoi", "moi_truong")
GROUP_HEADINGS = ("các chỉ tiêu kinh tế", "các chỉ tiêu xã hội", "các chỉ tiêu môi trường")

# Numbers in section 2 that are not a target's value: a count of criteria and a per-capita base.
# Each phrase is removed from its bullet before the bullet's numbers are collected.
NOT_TARGET_VALUES = ("cả 3 tiêu chí", "trên 1 vạn dân")

# Vietnamese number format: "." groups thousands, "," is the decimal mark.
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def vn_number(token: str) -> float:
    return float(token.replace(".", "").replace(",", "."))


def numbers_in(text: str) -> list[float]:
    return [vn_number(m.group()) for m in NUMBER.finditer(text)]


def target_values(target: dict) -> list[float]:
    """The distinct bounds of a target: one if exact or open-ended, two for a range."""
    lower, upper = target["lower"], target["upper"]
    if lower == upper:
        return [float(lower)]
    return [float(v) for v in (lower, upper) if v is not None]


def directive_text() -> str:
    return DIRECTIVE.read_text(encoding="utf-8")


def section_2() -> list[tuple[str, list[str]]]:
    """[(group heading, [bullet text, ...]), ...] of "2. Các chỉ tiêu chủ yếu"."""
    lines = directive_text().splitlines()
    start = lines.index("2. Các chỉ tiêu chủ yếu")
    end = lines.index("3. Nội dung thi đua")
    groups: list[tuple[str, list[str]]] = []
    for raw in lines[start + 1 : end]:
        line = raw.strip()
        if re.match(r"^[a-z]\) ", line):
            groups.append((line[3:], []))
        elif line.startswith("- "):
            assert groups, f"bullet before any group heading: {line!r}"
            groups[-1][1].append(line[2:])
    return groups


def test_directive_is_a_byte_copy_of_the_seed():
    if not SEED.exists():
        pytest.skip("the shared seed is not next to this checkout")
    assert DIRECTIVE.read_bytes() == SEED.read_bytes()


def test_section_2_has_three_groups_in_order():
    groups = section_2()
    assert len(groups) == len(GROUPS)
    for (heading, bullets), expected in zip(groups, GROUP_HEADINGS, strict=True):
        assert heading.lower() == expected
        assert bullets
    assert [len(b) for _, b in groups] == [7, 8, 3]


def test_every_target_text_is_a_phrase_of_one_bullet_of_its_group():
    groups = dict(zip(GROUPS, (bullets for _, bullets in section_2()), strict=True))
    for target in TARGETS:
        assert target["group"] in groups, target
        found = [b for b in groups[target["group"]] if target["text"] in b]
        assert len(found) == 1, f"{target['text']!r} found in {len(found)} bullets"


def test_targets_numbers_match_each_bullet():
    for group, (_, bullets) in zip(GROUPS, section_2(), strict=True):
        for bullet in bullets:
            mine = [t for t in TARGETS if t["group"] == group and t["text"] in bullet]
            assert mine, f"no target for bullet {bullet!r}"
            stripped = bullet
            for phrase in NOT_TARGET_VALUES:
                stripped = stripped.replace(phrase, "")
            expected = Counter(numbers_in(stripped))
            actual = Counter(v for t in mine for v in target_values(t))
            assert actual == expected, bullet


def test_targets_are_in_the_directives_order():
    groups = section_2()
    keys = []
    for t in TARGETS:
        g = GROUPS.index(t["group"])
        bullets = groups[g][1]
        i = next(i for i, b in enumerate(bullets) if t["text"] in b)
        keys.append((g, i, bullets[i].index(t["text"])))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_not_target_phrases_occur_once_in_section_2():
    bullets = [b for _, group in section_2() for b in group]
    for phrase in NOT_TARGET_VALUES:
        assert sum(b.count(phrase) for b in bullets) == 1, phrase


def test_each_target_is_consistent_with_its_own_text():
    for t in TARGETS:
        assert set(target_values(t)) <= set(numbers_in(t["text"])), t
        assert t["name"] and t["unit"], t
        lower, upper, qualifier = t["lower"], t["upper"], t["qualifier"]
        assert qualifier in {"range", "exact", "at_least", "about"}, t
        assert t["direction"] in {"increase", "decrease", None}, t
        if qualifier == "exact":
            assert lower == upper, t
        elif qualifier == "at_least":
            assert upper is None and "trở lên" in t["text"], t
        else:
            assert lower < upper, t
        assert (qualifier == "about") == ("khoảng" in t["text"]), t
        words = t["text"].lower()
        if "giảm" in words:
            assert t["direction"] == "decrease", t
        if re.search(r"\btăng\b", words):
            assert t["direction"] == "increase", t
        if t["unit"] == "%":
            assert "%" in t["text"], t


def test_target_counts():
    assert len(TARGETS) == 30
    assert Counter(t["group"] for t in TARGETS) == {"kinh_te": 12, "xa_hoi": 13, "moi_truong": 5}


def test_theme_is_the_directives():
    match = re.search(r"với chủ đề: \*\*“(.+?)”\*\*", directive_text())
    assert match
    assert ANNUAL_CAMPAIGN["theme"] == match.group(1)


def test_annual_campaign_period_and_signer():
    text = directive_text()
    assert "đến hết ngày 31 tháng 12 năm 2022" in text
    assert ANNUAL_CAMPAIGN["ends_on"] == "2022-12-31"
    assert ANNUAL_CAMPAIGN["starts_on"] == LAUNCH_DATE
    doc = ANNUAL_CAMPAIGN["launch_document"]
    assert text.rstrip().endswith(doc["signer"])
    assert doc["title"] in text
    assert doc["text_file"] == DIRECTIVE_TEXT_FILE


def test_movement_names_are_the_directives():
    text = directive_text()
    assert len(MOVEMENTS) == 6
    assert len({m["code"] for m in MOVEMENTS}) == 6
    for m in MOVEMENTS:
        assert f"“{m['name']}”" in text, m["name"]
        assert m["kind"] == "movement" and m["status"] == "active"
        for key in ("starts_on", "ends_on"):
            assert m[key] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", m[key])


def test_units_and_clusters_are_consistent():
    unit_codes = [u["code"] for u in UNITS]
    cluster_codes = [c["code"] for c in CLUSTERS]
    assert len(set(unit_codes)) == len(unit_codes)
    assert len(set(cluster_codes)) == len(cluster_codes)
    assert {c["kind"] for c in CLUSTERS} == {"cum", "khoi"}
    kinds = {
        "so_nganh",
        "huyen",
        "doanh_nghiep",
        "luc_luong_vu_trang",
        "doan_the",
        "don_vi_truc_thuoc",
    }
    top = [u for u in UNITS if u["parent"] is None]
    subs = [u for u in UNITS if u["parent"] is not None]
    assert 32 <= len(top) <= 40
    assert 2 <= len(subs) <= 3
    for u in UNITS:
        assert u["kind"] in kinds, u
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", u["code"]), u
        if u["parent"] is None:
            assert u["cluster"] in cluster_codes, u
            assert u["kind"] != "don_vi_truc_thuoc", u
        else:
            assert u["parent"] in unit_codes and u["parent"] != u["code"], u
            assert u["cluster"] is None, u
            assert u["kind"] == "don_vi_truc_thuoc", u
    for c in CLUSTERS:
        assert any(u["cluster"] == c["code"] for u in UNITS), c
    districts = [u for u in UNITS if u["kind"] == "huyen"]
    assert len(districts) == 11
    assert all(
        CLUSTERS[[c["code"] for c in CLUSTERS].index(u["cluster"])]["kind"] == "cum"
        for u in districts
    )


def test_accounts():
    names = [a["username"] for a in ACCOUNTS]
    expected = [
        "admin",
        "thuky",
        "chutich",
        *(f"hoidong{i:02d}" for i in range(1, 11)),
        "donvi1",
        "donvi2",
    ]
    assert sorted(names) == sorted(expected)
    assert len(set(names)) == len(names)
    by_name = {a["username"]: a for a in ACCOUNTS}
    unit_codes = {u["code"] for u in UNITS}
    roles = {"admin", "secretariat", "council_chair", "council_member", "signer", "unit_officer"}
    for a in ACCOUNTS:
        assert set(a["roles"]) <= roles, a
        assert a["unit"] is None or a["unit"] in unit_codes, a
        assert a["full_name"] and a["title"], a
        assert "password" not in a
    council = [a for a in ACCOUNTS if "council_member" in a["roles"]]
    assert len(council) == 11
    assert [a["username"] for a in ACCOUNTS if "council_chair" in a["roles"]] == ["chutich"]
    assert [a["username"] for a in ACCOUNTS if "signer" in a["roles"]] == ["chutich"]
    assert by_name["chutich"]["full_name"] == "Hồ Tiến Thiệu"
    assert by_name["admin"]["roles"] == ["admin"]
    assert by_name["thuky"]["roles"] == ["secretariat"]
    assert by_name["thuky"]["unit"] == "BAN_TDKT"
    assert by_name["donvi1"]["roles"] == by_name["donvi2"]["roles"] == ["unit_officer"]
    assert by_name["donvi1"]["unit"] == "SO_Y_TE"
    assert by_name["donvi2"]["unit"] == "H_CAO_LOC"
