"""The list of nominations against an oracle: every filter, every plan, every page.

The list is read by one hand-written SQL statement that, on SQLite, names the index driving it
and searches names through a trigram table. These tests build a varied set of nominations
with the ORM, compute in Python what each filter must return, and page through the API.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from sqlalchemy import select

from app.auth.models import User
from app.awards.models import AwardType
from app.campaigns.models import Campaign
from app.core.text import fold
from app.nominations.models import (
    AwardMethod,
    Dossier,
    DossierStatus,
    Nomination,
    NominationStatus,
    NomineeKind,
)
from app.people.models import Gender, Person
from app.units.models import Unit

NAMES = [
    "Nguyễn Văn Thắng",
    "Nguyễn Thị Hoa",
    "Hoàng Văn Đức",
    "Lương Thị Thảo",
    "Nông Văn Sơn",
    "Vi Văn Lân",
    "Lăng Quang Hải",
    "Triệu Thị Hương",
    "Đặng Thị Ánh",
    "Lộc Văn An",
]
YEARS = [2021, 2022, 2023, 2024]
COLLECTIVE_FACTS = {
    "rating": None,
    "members_total": 20,
    "members_completed_tasks": 20,
    "members_ldtt": 15,
    "members_cstdcs": 2,
    "members_disciplined": {},
    "unity": True,
    "grassroots_democracy": True,
    "led_cluster": False,
    "consecutive_excellent_years": None,
}


@pytest.fixture
def corpus(db):
    """About 240 nominations: 4 years in id order, 3 units, statuses, awards, duplicates."""
    rng = random.Random(7)
    officers = db.scalars(select(User).where(User.username.in_(["donvi1", "donvi2"])))
    own = {u.unit_id for u in officers}
    other = db.scalars(select(Unit).where(Unit.id.not_in(own)).order_by(Unit.id)).first()
    units = [db.get(Unit, i) for i in sorted(own)] + [other]
    campaigns = list(db.scalars(select(Campaign).order_by(Campaign.id).limit(2)))
    awards = list(db.scalars(select(AwardType).order_by(AwardType.id)))
    individual_awards = [a for a in awards if a.code in ("LDTT", "CSTDCS", "BK_TINH")]
    creator = db.scalars(select(User).where(User.username == "donvi1")).one()
    now = dt.datetime(2024, 12, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)
    people = [
        Person(
            full_name=name,
            name_folded=fold(name),
            gender=Gender.NAM if i % 2 == 0 else Gender.NU,
            citizen_id=f"0209{i:08d}",
            position="Chuyên viên" if i % 3 else None,
            unit_id=units[i % len(units)].id,
        )
        for i, name in enumerate(NAMES)
    ]
    db.add_all(people)
    db.flush()
    statuses = list(NominationStatus)
    created = []
    for year in YEARS:  # years follow ids, as they do in real life
        for unit, campaign in itertools.product(units, campaigns):
            draft = rng.random() < 0.15
            dossier = Dossier(
                unit_id=unit.id,
                campaign_id=campaign.id,
                year=year,
                title=f"Tờ trình {year}",
                status=DossierStatus.DRAFT if draft else DossierStatus.SUBMITTED,
                created_by_id=creator.id,
            )
            db.add(dossier)
            db.flush()
            for _ in range(rng.randint(3, 7)):
                status = NominationStatus.DRAFT if draft else rng.choice(statuses[1:])
                if rng.random() < 0.2:
                    name = f"Phòng {rng.choice(['Tổng hợp', 'Hành chính', 'Kế toán'])}"
                    nomination = Nomination(
                        nominee_kind=NomineeKind.COLLECTIVE,
                        collective_name=name,
                        collective_unit_id=unit.id,
                        collective_facts={
                            "is_enterprise": rng.random() < 0.5,
                            "facts": COLLECTIVE_FACTS,
                        },
                        nominee_name=name,
                        award_type_id=next(a.id for a in awards if a.code == "TTLDTT"),
                    )
                else:
                    person = rng.choice(people)
                    nomination = Nomination(
                        nominee_kind=NomineeKind.INDIVIDUAL,
                        person_id=person.id,
                        nominee_name=person.full_name,
                        award_type_id=rng.choice(individual_awards).id,
                    )
                nomination.nominee_name_folded = fold(nomination.nominee_name)
                nomination.dossier_id = dossier.id
                nomination.unit_id = unit.id
                nomination.campaign_id = campaign.id
                nomination.year = year
                nomination.status = status
                nomination.achievement = f"Thành tích {rng.randint(1, 10**6)}"
                nomination.award_method = AwardMethod.THUONG_XUYEN
                nomination.appraisal_note = "Đủ điều kiện" if rng.random() < 0.3 else None
                # Timestamps with and without microseconds, and with trailing zeros in them.
                nomination.created_at = now if rng.random() < 0.7 else now.replace(microsecond=0)
                nomination.updated_at = now.replace(microsecond=120000)
                db.add(nomination)
                created.append(nomination)
    db.flush()
    # The oracle looks at every nomination in the database: tests that must commit (concurrent
    # requests) may have left some behind.
    return {
        "units": [u.id for u in units],
        "campaigns": [c.id for c in campaigns],
        "awards": {a.id: a for a in awards},
        "people": {p.id: p for p in db.scalars(select(Person))},
        "nominations": list(db.scalars(select(Nomination).order_by(Nomination.id))),
        "created": created,
    }


def _expected(corpus, *, office: bool, unit_id=None, **f) -> list[Nomination]:
    """The oracle: what a filter must return, computed in Python from the ORM objects."""
    codes = {a.code: a.id for a in corpus["awards"].values()}
    out = []
    for n in corpus["nominations"]:
        if office and n.status is NominationStatus.DRAFT:
            continue
        if unit_id is not None and n.unit_id != unit_id:
            continue
        if f.get("status") and n.status.value != f["status"]:
            continue
        if f.get("year") and n.year != f["year"]:
            continue
        if f.get("campaign_id") and n.campaign_id != f["campaign_id"]:
            continue
        if f.get("award_type") and n.award_type_id != codes.get(f["award_type"]):
            continue
        if f.get("q") and fold(f["q"]) not in n.nominee_name_folded:
            continue
        if f.get("duplicates_only") and not _duplicates(corpus, n):
            continue
        out.append(n)
    return sorted(out, key=lambda n: n.id)


def _duplicates(corpus, n: Nomination) -> list[int]:
    if n.person_id is None:
        return []
    return sorted(
        o.id
        for o in corpus["nominations"]
        if o.id != n.id
        and o.status is not NominationStatus.DRAFT
        and (o.person_id, o.award_type_id, o.year) == (n.person_id, n.award_type_id, n.year)
    )


def _all_pages(client, headers, params: dict, limit: int = 7) -> list[dict]:
    items, cursor = [], None
    while True:
        page_params = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/v1/nominations", params=page_params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def _filter_cases(corpus) -> list[dict]:
    u1, u2, _ = corpus["units"]
    c1, _ = corpus["campaigns"]
    return [
        {},
        {"status": "submitted"},
        {"status": "decided"},
        {"award_type": "CSTDCS"},
        {"award_type": "NO_SUCH_CODE"},
        {"unit_id": u2},
        {"campaign_id": c1},
        {"year": 2023},
        {"year": 2022, "status": "eligible"},
        {"year": 2024, "award_type": "LDTT"},
        {"year": 2021, "unit_id": u1},
        {"year": 2023, "unit_id": u2, "status": "submitted"},
        {"unit_id": u1, "award_type": "BK_TINH", "campaign_id": c1},
        {"status": "approved", "campaign_id": c1},
        {"q": "nguyen"},  # the trigram table on SQLite
        {"q": "Nguyễn Văn Thắng"},
        {"q": "THI"},
        {"q": "an"},  # too short for trigrams: a scan
        {"q": "phong"},
        {"q": "van", "year": 2022},
        {"q": "hai", "unit_id": u1},
        {"q": "thị", "status": "submitted", "award_type": "LDTT"},
        {"duplicates_only": True},
        {"duplicates_only": True, "year": 2024},
        {"duplicates_only": True, "q": "thang"},
    ]


def test_every_filter_returns_what_the_oracle_says_on_every_page(client, login, corpus):
    office = login("thuky")
    for params in _filter_cases(corpus):
        got = [n["id"] for n in _all_pages(client, office, params)]
        want = [n.id for n in _expected(corpus, office=True, **params)]
        assert got == want, params


def test_a_unit_sees_its_own_including_drafts_and_nothing_else(client, login, corpus, db):
    unit = login("donvi1")
    me = db.scalars(select(User).where(User.username == "donvi1")).one()
    assert me.unit_id in corpus["units"]
    everything = _all_pages(client, unit, {})
    assert any(n["status"] == "draft" for n in everything)
    assert {n["unit_id"] for n in everything} == {me.unit_id}
    for params in _filter_cases(corpus):
        got = [n["id"] for n in _all_pages(client, unit, params)]
        asked = params.get("unit_id", me.unit_id)
        want = (
            []
            if asked != me.unit_id
            else [
                n.id for n in _expected(corpus, office=False, **{**params, "unit_id": me.unit_id})
            ]
        )
        assert got == want, params


def _oracle_item(corpus, n: Nomination, *, office: bool) -> dict:
    award = corpus["awards"][n.award_type_id]
    if n.nominee_kind is NomineeKind.INDIVIDUAL:
        p = corpus["people"][n.person_id]
        nominee = {
            "kind": "individual",
            "name": p.full_name,
            "person_id": p.id,
            "position": p.position,
            "gender": p.gender.value if p.gender else None,
            "unit_id": p.unit_id,
            "is_enterprise": None,
        }
        facts = None
    else:
        nominee = {
            "kind": "collective",
            "name": n.collective_name or n.nominee_name,
            "person_id": None,
            "position": None,
            "gender": None,
            "unit_id": n.collective_unit_id,
            "is_enterprise": bool((n.collective_facts or {}).get("is_enterprise")),
        }
        facts = (n.collective_facts or {}).get("facts") or None
    return {
        "id": n.id,
        "dossier_id": n.dossier_id,
        "award_type": award.code,
        "award_name": award.name,
        "nominee": nominee,
        "status": n.status.value,
        "unit_id": n.unit_id,
        "campaign_id": n.campaign_id,
        "year": n.year,
        "achievement": n.achievement,
        "award_method": n.award_method.value,
        "appraisal_note": n.appraisal_note,
        "collective_facts": facts,
        "duplicates": _duplicates(corpus, n) if office else [],
        "created_at": _iso(n.created_at),
        "updated_at": _iso(n.updated_at),
    }


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def test_each_item_carries_every_field_as_the_models_say(client, login, corpus):
    office, unit = login("thuky"), login("donvi1")

    items = _all_pages(client, office, {}, limit=200)
    by_id = {n.id: n for n in corpus["nominations"]}
    mine = _all_pages(client, unit, {}, limit=200)

    assert any(i["duplicates"] for i in items) and any(i["collective_facts"] for i in items)
    assert {"2024-12-01T08:30:15.123456Z", "2024-12-01T08:30:15Z"} <= {
        i["created_at"] for i in items
    }
    for item in items:
        assert item == _oracle_item(corpus, by_id[item["id"]], office=True)
    for item in mine:  # a unit is not shown other units' duplicates
        assert item == _oracle_item(corpus, by_id[item["id"]], office=False)
    single = client.get(f"/api/v1/nominations/{items[0]['id']}", headers=office).json()
    assert single == items[0]


def test_a_name_search_matches_its_rarest_trigrams_and_loses_nothing_to_old_counts(
    client, login, corpus, db, monkeypatch
):
    """SQLite matches the rarest trigrams of a name (repository.trigram_match), by counts read
    once an hour: the choice follows the counts, and counts older than the data lose no row."""
    if db.get_bind().dialect.name != "sqlite":
        pytest.skip("the trigram table is SQLite's; PostgreSQL has its own trigram index")
    from app.nominations import repository

    monkeypatch.setattr(repository, "_trigram_counts", repository._TrigramCounts())
    office = login("thuky")
    pattern = "nguyen van thang"
    chosen = repository.trigram_match(db, pattern).replace('"', "").split(" AND ")

    names = [n.nominee_name_folded for n in corpus["nominations"]]
    trigrams = {pattern[i : i + 3] for i in range(len(pattern) - 2)}
    count = {t: sum(t in name for name in names) for t in trigrams}
    assert len(chosen) == 3 and set(chosen) <= trigrams
    assert max(count[t] for t in chosen) <= min(count[t] for t in trigrams - set(chosen))
    assert max(count[t] for t in chosen) < max(count.values())  # a real choice was made

    # Counts are now loaded; a name with trigrams they have never seen, more of a common one,
    # and one that holds every trigram of "van thang" but not "van thang" itself.
    unit_id = corpus["units"][0]
    dossier = db.scalars(select(Dossier).where(Dossier.unit_id == unit_id)).first()
    newcomers = []
    for name in ("Quàng Thị Xuyến", "Nguyễn Văn Thắng", "Thắng Văn Thân Vàng"):
        person = Person(full_name=name, name_folded=fold(name), gender=Gender.NU, unit_id=unit_id)
        db.add(person)
        db.flush()
        nomination = Nomination(
            nominee_kind=NomineeKind.INDIVIDUAL,
            person_id=person.id,
            nominee_name=name,
            nominee_name_folded=fold(name),
            award_type_id=next(iter(corpus["awards"])),
            dossier_id=dossier.id,
            unit_id=unit_id,
            campaign_id=dossier.campaign_id,
            year=dossier.year,
            status=NominationStatus.SUBMITTED,
            achievement="Thành tích",
            award_method=AwardMethod.THUONG_XUYEN,
        )
        db.add(nomination)
        newcomers.append(nomination)
    db.flush()
    every = list(db.scalars(select(Nomination).order_by(Nomination.id)))
    for q in ("quang thi xuyen", "Xuyến", pattern, "van thang"):
        got = [n["id"] for n in _all_pages(client, office, {"q": q})]
        want = [
            n.id
            for n in every
            if fold(q) in n.nominee_name_folded and n.status is not NominationStatus.DRAFT
        ]
        assert got == want and want, q
    assert newcomers[0].id in [n["id"] for n in _all_pages(client, office, {"q": "xuyen"})]
    assert newcomers[2].id not in [n["id"] for n in _all_pages(client, office, {"q": "van thang"})]
