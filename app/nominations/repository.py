from __future__ import annotations

import functools
import json
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.awards.models import AwardType
from app.core.db import Reads, dialect_name, fetch_all
from app.nominations.models import (
    Attachment,
    Dossier,
    DossierStatus,
    Nomination,
    NominationStatus,
)
from app.people.models import Person


def get_dossier(session: Session, dossier_id: int, *, for_update: bool = False) -> Dossier | None:
    stmt = select(Dossier).where(Dossier.id == dossier_id)
    if for_update:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def dossier_by_idempotency_key(session: Session, *, user_id: int, key: str) -> Dossier | None:
    stmt = select(Dossier).where(Dossier.created_by_id == user_id, Dossier.idempotency_key == key)
    return session.scalars(stmt).one_or_none()


def dossiers_query(
    *,
    unit_id: int | None,
    status: DossierStatus | None,
    campaign_id: int | None,
    year: int | None,
) -> Select[tuple[Dossier]]:
    stmt = select(Dossier)
    if unit_id is not None:
        stmt = stmt.where(Dossier.unit_id == unit_id)
    if status is not None:
        stmt = stmt.where(Dossier.status == status)
    if campaign_id is not None:
        stmt = stmt.where(Dossier.campaign_id == campaign_id)
    if year is not None:
        stmt = stmt.where(Dossier.year == year)
    return stmt


def nominations_of_dossier(session: Session, dossier_id: int) -> list[Nomination]:
    stmt = select(Nomination).where(Nomination.dossier_id == dossier_id).order_by(Nomination.id)
    return list(session.scalars(stmt))


def attachments_of_dossier(session: Session, dossier_id: int) -> list[Attachment]:
    stmt = select(Attachment).where(Attachment.dossier_id == dossier_id).order_by(Attachment.id)
    return list(session.scalars(stmt))


def get_attachment(session: Session, dossier_id: int, attachment_id: int) -> Attachment | None:
    stmt = select(Attachment).where(
        Attachment.id == attachment_id, Attachment.dossier_id == dossier_id
    )
    return session.scalars(stmt).one_or_none()


def get_nomination(session: Session, nomination_id: int) -> Nomination | None:
    return session.get(Nomination, nomination_id)


def nominations_by_ids(session: Session, ids: Iterable[int]) -> list[Nomination]:
    ids = list(ids)
    if not ids:
        return []
    return list(session.scalars(select(Nomination).where(Nomination.id.in_(ids))))


@dataclass(frozen=True)
class NominationFilters:
    unit_id: int | None = None
    campaign_id: int | None = None
    status: NominationStatus | None = None
    award_type_id: int | None = None
    award_code: str | None = None
    year: int | None = None
    dossier_id: int | None = None
    folded_query: str | None = None
    duplicates_only: bool = False


def _like_contains(folded: str) -> str:
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# ---------------------------------------------------------------------------- listing
#
# Every list of nominations (the API, the secretariat's pages, the export, the council's
# agenda) is read by one SQL statement: the nominations with their award type and person joined,
# and, for the office, each one's duplicates as a scalar subquery evaluated for the page's rows
# only. It is plain SQL (``text``) on purpose: the list is the busiest read of the service, and
# building and caching an ORM or Core statement costs more than SQLite takes to answer it.
#
# SQLite keeps no statistics unless someone runs ANALYZE, and ids follow time, as do years,
# campaigns and statuses: an index scan in id order that filters on year walks every earlier
# year first. So on SQLite the statement names the index that drives it (INDEXED BY), chosen
# from the filters given: the most selective equality, with the year inside the index whenever
# a year is given, and the trigram table for a name search. PostgreSQL has statistics and
# chooses by itself; the same indexes serve it, and its trigram index is a GIN one.

# Each nomination leaves the database as its JSON, shaped and ordered as NominationRead, built
# by the database's own JSON functions: turning 50 rows of two dozen columns into Python values,
# dicts and back into JSON cost the service more than the query itself. The two dialects say the
# same thing in their own words; tests compare the result with NominationRead on both.


def _json_object(dialect: str, *pairs: tuple[str, str]) -> str:
    function = "json_object" if dialect == "sqlite" else "json_build_object"
    arguments = ", ".join(f"'{key}', {value}" for key, value in pairs)
    return f"{function}({arguments})"


def _timestamp(dialect: str, column: str) -> str:
    """``column`` (UTC) as pydantic writes a UTC datetime: ISO 8601, microseconds only when
    there are some, and "Z"."""
    if dialect == "sqlite":
        # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" in UTC (UTCDateTime).
        return (
            f"replace(CASE WHEN substr({column}, 20) IN ('', '.000000') "
            f"THEN substr({column}, 1, 19) ELSE substr({column}, 1, 26) END, ' ', 'T') || 'Z'"
        )
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        f"extract(microseconds FROM {column}) % 1000000 = 0 THEN '' "
        f"ELSE to_char({utc}, '.US') END || 'Z'"
    )


# A duplicate is counted among nominations the secretariat has received: every status but
# draft. Said as "<> 'draft'", not "IN (9 statuses)": without statistics SQLite would walk the
# status index over the whole table instead of searching ix_nominations_duplicate_key.
_SAME_KEY = """d.person_id = n.person_id AND d.award_type_id = n.award_type_id
AND d.year = n.year AND d.id <> n.id AND d.status <> 'draft'"""

# The other received nominations of the same person, award type and year, as a JSON array of
# ids in order. (Here and below, SQL is put together from constants of this module only; every
# value the caller gives is a bound parameter.) On SQLite the index yields the ids in order,
# which spares the subquery a sort; json_group_array would cost half as much again.
_OTHERS = f"FROM nominations d WHERE {_SAME_KEY})"  # noqa: S608
_SQLITE_INDEX = "INDEXED BY ix_nominations_duplicate_key"
_SQLITE_OTHERS = f"(SELECT group_concat(id) FROM (SELECT d.id FROM nominations d {_SQLITE_INDEX} WHERE {_SAME_KEY} ORDER BY d.id))"  # noqa: E501, S608
_DUPLICATE_IDS = {
    "sqlite": f"json('[' || coalesce({_SQLITE_OTHERS}, '') || ']')",
    "postgresql": "(SELECT coalesce(json_agg(d.id ORDER BY d.id), '[]'::json) " + _OTHERS,
}
_NO_DUPLICATES = {"sqlite": "json_array()", "postgresql": "json_build_array()"}

# Collective facts as stored ({"is_enterprise": …, "facts": {…}}, see service.create).
_FACT = {
    "sqlite": ("json_extract(n.collective_facts, '$.is_enterprise')",
               "json_extract(n.collective_facts, '$.facts')"),
    "postgresql": ("(n.collective_facts ->> 'is_enterprise')::boolean",
                   "n.collective_facts -> 'facts'"),
}  # fmt: skip
_TRUE_FALSE = {
    "sqlite": ("json('true')", "json('false')"),
    "postgresql": ("true", "false"),
}


@functools.cache
def _item_json(dialect: str, with_duplicates: bool) -> str:
    """The expression of one nomination's JSON (NominationRead)."""
    is_enterprise, facts = _FACT[dialect]
    true, false = _TRUE_FALSE[dialect]
    individual = _json_object(
        dialect,
        ("kind", "n.nominee_kind"),
        ("name", "p.full_name"),
        ("person_id", "n.person_id"),
        ("position", "p.position"),
        ("gender", "p.gender"),
        ("unit_id", "p.unit_id"),
        ("is_enterprise", "NULL"),
    )
    collective = _json_object(
        dialect,
        ("kind", "n.nominee_kind"),
        ("name", "coalesce(nullif(n.collective_name, ''), n.nominee_name)"),
        ("person_id", "NULL"),
        ("position", "NULL"),
        ("gender", "NULL"),
        ("unit_id", "n.collective_unit_id"),
        ("is_enterprise", f"CASE WHEN {is_enterprise} THEN {true} ELSE {false} END"),
    )
    duplicates = (_DUPLICATE_IDS if with_duplicates else _NO_DUPLICATES)[dialect]
    nominee = f"CASE WHEN n.nominee_kind = 'individual' THEN {individual} ELSE {collective} END"
    item = _json_object(
        dialect,
        ("id", "n.id"),
        ("dossier_id", "n.dossier_id"),
        ("award_type", "a.code"),
        ("award_name", "a.name"),
        ("nominee", nominee),
        ("status", "n.status"),
        ("unit_id", "n.unit_id"),
        ("campaign_id", "n.campaign_id"),
        ("year", "n.year"),
        ("achievement", "n.achievement"),
        ("award_method", "n.award_method"),
        ("appraisal_note", "n.appraisal_note"),
        ("collective_facts", f"CASE WHEN n.nominee_kind = 'collective' THEN {facts} END"),
        ("duplicates", duplicates),
        ("created_at", _timestamp(dialect, "n.created_at")),
        ("updated_at", _timestamp(dialect, "n.updated_at")),
    )  # fmt: skip
    # psycopg would parse a json column into Python objects: PostgreSQL hands over the text.
    return item if dialect == "sqlite" else f"CAST({item} AS TEXT)"


# The trigram table (SQLite only, see the migration "listing indexes") answers LIKE '%…%' for
# patterns of 3 characters or more; shorter ones, or ones with LIKE's own wildcards, scan.
FTS_TABLE = "nominations_fts"
_FTS_MIN_LENGTH = 3

# FTS5's own LIKE on that table ANDs every trigram of the pattern: a full name has a dozen,
# some of them in half of all names ("ng ", " th"), and reading their lists cost 5–10 ms a
# search at 100,000 nominations (bench/nominations.md). The statement MATCHes the pattern's
# rarest trigrams instead, and checks the whole pattern with LIKE on the rows they find. How
# many names hold each trigram is read from the table's vocabulary (migration "name search
# vocabulary"; 500 rows, 60 ms at 100,000 nominations) once an hour per process. The counts
# only steer the choice: every match holds every trigram of the pattern, so counts that are
# out of date cost time, never a result.
_MATCH_TRIGRAMS = 3
_COUNTS_MAX_AGE = 3600.0  # seconds


@dataclass
class _TrigramCounts:
    loaded_at: float = -math.inf
    counts: dict[str, int] = field(default_factory=dict)


_trigram_counts = _TrigramCounts()


def trigram_match(on: Reads, pattern: str) -> str:
    """An FTS5 query for the rarest trigrams of ``pattern`` (3 characters or more)."""
    now = time.monotonic()
    if now - _trigram_counts.loaded_at > _COUNTS_MAX_AGE:
        rows = fetch_all(on, f"SELECT term, doc FROM {FTS_TABLE}_vocab", {})  # noqa: S608
        _trigram_counts.counts = {term: count for term, count in rows}
        _trigram_counts.loaded_at = now
    counts = _trigram_counts.counts
    trigrams = {pattern[i : i + 3] for i in range(len(pattern) - 2)}
    rarest = sorted(trigrams, key=lambda t: (counts.get(t, 0), t))[:_MATCH_TRIGRAMS]
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in rarest)


@dataclass(frozen=True)
class ListQuery:
    """One page to read: filters, visibility, keyset position and size."""

    filters: NominationFilters
    limit: int
    after_id: int | None = None
    ids: tuple[int, ...] | None = None
    hide_drafts: bool = False
    with_duplicates: bool = False


def _sqlite_index(f: NominationFilters) -> str | None:
    """The index that should drive the statement on SQLite, or None for the primary key."""
    if f.dossier_id is not None:
        return "ix_nominations_dossier_id"
    if f.year is not None:
        if f.unit_id is not None:
            return "ix_nominations_unit_id_year_id"
        if f.award_type_id is not None or f.award_code is not None:
            return "ix_nominations_year_award_type_id_id"
        if f.status is not None:
            return "ix_nominations_year_status_id"
        return "ix_nominations_year_id"
    for value, index in (
        (f.unit_id, "ix_nominations_unit_id_id"),
        (f.award_type_id or f.award_code, "ix_nominations_award_type_id_id"),
        (f.campaign_id, "ix_nominations_campaign_id_id"),
        (f.status, "ix_nominations_status_id"),
    ):
        if value is not None:
            return index
    return None


def _uses_fts(f: NominationFilters) -> bool:
    q = f.folded_query
    return (
        bool(q)
        and len(q) >= _FTS_MIN_LENGTH
        and not any(c in q for c in "%_\\")
        and f.unit_id is None
        and f.dossier_id is None
    )


def list_json(on: Reads, query: ListQuery) -> Sequence[tuple[int, str]]:
    """One page, as (id, the nomination's JSON as NominationRead) in id order."""
    f = query.filters
    dialect = dialect_name(on)
    params: dict[str, Any] = {"limit": query.limit}
    where: list[str] = []
    key = "n.id"
    source = "nominations n"
    if dialect == "sqlite" and _uses_fts(f):
        source = f"{FTS_TABLE} f CROSS JOIN nominations n ON n.id = f.rowid"
        key = "f.rowid"
        where.append(f"{FTS_TABLE} MATCH :trigrams AND n.nominee_name_folded LIKE :q")
        params["trigrams"] = trigram_match(on, f.folded_query)
        params["q"] = f"%{f.folded_query}%"
    else:
        if dialect == "sqlite" and query.ids is None and (index := _sqlite_index(f)):
            source = f"nominations n INDEXED BY {index}"
        if f.folded_query:
            where.append("n.nominee_name_folded LIKE :q ESCAPE '\\'")
            params["q"] = _like_contains(f.folded_query)
    for column, value in (
        ("unit_id", f.unit_id),
        ("campaign_id", f.campaign_id),
        ("status", f.status),
        ("award_type_id", f.award_type_id),
        ("year", f.year),
        ("dossier_id", f.dossier_id),
    ):
        if value is not None:
            where.append(f"n.{column} = :{column}")
            params[column] = str(value) if column == "status" else value
    if f.award_code is not None:
        where.append("n.award_type_id = (SELECT id FROM award_types WHERE code = :award_code)")
        params["award_code"] = f.award_code
    if query.hide_drafts:
        where.append("n.status <> 'draft'")
    if f.duplicates_only:
        where.append("n.person_id IS NOT NULL AND EXISTS (SELECT 1 " + _OTHERS)
    if query.after_id is not None:
        where.append(f"{key} > :after_id")
        params["after_id"] = query.after_id
    if query.ids is not None:
        # One parameter, however many ids: a JSON array on SQLite, an array on PostgreSQL.
        if dialect == "sqlite":
            where.append("n.id IN (SELECT value FROM json_each(:ids))")
            params["ids"] = json.dumps(query.ids)
        else:
            where.append("n.id = ANY(:ids)")
            params["ids"] = list(query.ids)
    item = _item_json(dialect, query.with_duplicates)
    sql = (
        f"SELECT n.id, {item} FROM {source} "  # noqa: S608
        "JOIN award_types a ON a.id = n.award_type_id "
        "LEFT JOIN people p ON p.id = n.person_id "
        f"WHERE {' AND '.join(where) or '1 = 1'} ORDER BY {key} LIMIT :limit"
    )
    return fetch_all(on, sql, params)  # type: ignore[return-value]


def award_types_by_id(session: Session, ids: Iterable[int]) -> dict[int, AwardType]:
    ids = set(ids)
    if not ids:
        return {}
    return {a.id: a for a in session.scalars(select(AwardType).where(AwardType.id.in_(ids)))}


def people_by_id(session: Session, ids: Iterable[int]) -> dict[int, Person]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def dossier_with_children(session: Session, dossier_id: int) -> Dossier | None:
    stmt = (
        select(Dossier)
        .where(Dossier.id == dossier_id)
        .options(selectinload(Dossier.nominations), selectinload(Dossier.attachments))
    )
    return session.scalars(stmt).one_or_none()


def dossier_status_counts(
    session: Session, *, unit_id: int | None, campaign_id: int | None, year: int | None
) -> dict[str, int]:
    stmt = select(Dossier.status, func.count()).group_by(Dossier.status)
    if unit_id is not None:
        stmt = stmt.where(Dossier.unit_id == unit_id)
    if campaign_id is not None:
        stmt = stmt.where(Dossier.campaign_id == campaign_id)
    if year is not None:
        stmt = stmt.where(Dossier.year == year)
    return {str(status): count for status, count in session.execute(stmt)}


def nomination_counts(session: Session, dossier_ids: list[int]) -> dict[int, int]:
    if not dossier_ids:
        return {}
    stmt = (
        select(Nomination.dossier_id, func.count())
        .where(Nomination.dossier_id.in_(dossier_ids))
        .group_by(Nomination.dossier_id)
    )
    return {dossier_id: count for dossier_id, count in session.execute(stmt)}


def count_with_status(session: Session, status: NominationStatus) -> int:
    """How many nominations are in ``status`` (the office's home page)."""
    stmt = select(func.count()).select_from(Nomination).where(Nomination.status == status)
    return session.scalar(stmt) or 0


def dossier_counts(session: Session, *, unit_id: int) -> dict[DossierStatus, int]:
    """The unit's dossiers by status (its home page)."""
    stmt = (
        select(Dossier.status, func.count())
        .where(Dossier.unit_id == unit_id)
        .group_by(Dossier.status)
    )
    return {status: count for status, count in session.execute(stmt)}
