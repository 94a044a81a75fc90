"""The award catalog, and the eligibility of a person for an award, explained and cited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app.awards import repository, rules
from app.awards.models import AwardSubject, AwardType
from app.awards.rules import bonus
from app.awards.schemas import AwardTypeRead, CheckRead, EligibilityRead
from app.core.errors import BadRequest, NotFound
from app.core.pagination import PageParams, decode_cursor, encode_cursor
from app.people.models import Person, PersonRecord


def bonus_coefficient(award: AwardType, on: dt.date) -> Decimal | None:
    """The coefficient (× lương cơ sở) in force on ``on``, or None when the tables have none."""
    try:
        return bonus.coefficient_for(award.rule_code, on)
    except ValueError:
        return None


def award_type_read(award: AwardType, on: dt.date) -> AwardTypeRead:
    """An award of the catalog, with its bonus coefficient as in force on ``on``."""
    coefficient = bonus_coefficient(award, on)
    return AwardTypeRead(
        code=award.code,
        name=award.name,
        category=award.category,
        subject=award.subject,
        level=award.level,
        authority=award.authority,
        vote_threshold=award.vote_threshold,
        secret_ballot=award.secret_ballot,
        bonus_coefficient=float(coefficient) if coefficient is not None else None,
        certificate_kind=award.certificate_kind,
        valid_from=award.valid_from,
        valid_to=award.valid_to,
    )


def list_award_types(session: Session, *, on: dt.date | None = None) -> list[AwardTypeRead]:
    """The whole catalog (for pages and forms), each bonus coefficient as in force on ``on``."""
    on = on or dt.date.today()
    return [award_type_read(award, on) for award in repository.all_award_types(session)]


def award_types_page(
    session: Session, *, params: PageParams, on: dt.date | None = None
) -> tuple[list[AwardTypeRead], str | None]:
    """One page of the catalog in its order, each coefficient as in force on ``on`` (today)."""
    on = on or dt.date.today()
    after_id = decode_cursor(params.cursor) if params.cursor else None
    awards = repository.award_types_after(session, after_id=after_id, limit=params.limit + 1)
    next_cursor = None
    if len(awards) > params.limit:
        awards = awards[: params.limit]
        next_cursor = encode_cursor(awards[-1].id)
    return [award_type_read(award, on) for award in awards], next_cursor


def get_award_type(session: Session, *, code: str) -> AwardType:
    award = repository.get_by_code(session, code)
    if award is None:
        raise NotFound(f"Không có danh hiệu hoặc hình thức khen thưởng mã {code!r}.")
    return award


def history_of(
    records: list[PersonRecord], granted: dict[int, set[str]] | None = None
) -> rules.History:
    """The rules engine's view of a person's recorded years, with the titles that decisions
    signed in this service granted (``granted``: year → rules codes) joined in by themselves."""
    granted = granted or {}
    years = {r.year: r for r in records}
    for year in granted.keys() - years.keys():
        years[year] = PersonRecord(year=year, titles=[], initiatives=[])
    return rules.History(
        records=tuple(
            rules.YearRecord(
                year=r.year,
                rating=r.rating.value if r.rating else None,
                titles=frozenset(r.titles or ()) | frozenset(granted.get(r.year, ())),
                initiatives=tuple(
                    rules.Initiative(name=i["name"], level=i["level"]) for i in r.initiatives or ()
                ),
                discipline=r.discipline.value if r.discipline else None,
                months_worked=r.months_worked,
            )
            for r in sorted(years.values(), key=lambda r: r.year)
        )
    )


def evaluate_person(
    session: Session, *, person: Person, records: list[PersonRecord], award_code: str, year: int
) -> EligibilityRead:
    """Every check of an individual award for ``person`` in ``year``, with its citation."""
    award = get_award_type(session, code=award_code)
    if award.subject != AwardSubject.INDIVIDUAL:
        raise BadRequest(
            f"{award.name} là danh hiệu, hình thức dành cho tập thể, không cho cá nhân."
        )
    regime = rules.regime_for(year)
    try:
        granted = repository.granted_titles(session, person_id=person.id)
        checks = rules.evaluate_individual(award.rule_code, history_of(records, granted), year)
    except rules.UnsupportedAward as exc:
        raise BadRequest(
            f"Chưa có quy tắc xét tự động cho {award.name}; "
            "Ban Thi đua - Khen thưởng thẩm định thủ công."
        ) from exc
    return EligibilityRead(
        eligible=rules.eligible(checks),
        award_type=award.code,
        year=year,
        regime=regime.REGIME.name,
        checks=[CheckRead(**c.as_dict()) for c in checks],
    )
