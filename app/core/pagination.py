"""Keyset pagination: ``limit`` (default 50, max 200) and an opaque ``cursor``."""

from __future__ import annotations

import base64
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core.errors import BadRequest
from app.core.params import MAX_ID

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


class PageParams(BaseModel):
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, value = raw.split(":", 1)
        if prefix != "id":
            raise ValueError(prefix)
        last_id = int(value)
        # Ids are bounded like every id parameter: a larger number is no cursor of ours, and
        # past 64 bits the driver could not even bind it (SQLite: OverflowError, a 500).
        if not 0 <= last_id <= MAX_ID:
            raise ValueError(value)
        return last_id
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("Tham số cursor không hợp lệ.") from exc


def paginate(
    session: Session, stmt: Select[Any], *, key: InstrumentedAttribute[int], params: PageParams
) -> tuple[list[Any], str | None]:
    """Run ``stmt`` ordered by ``key`` (ascending) from the cursor; return items and next cursor."""
    if params.cursor:
        stmt = stmt.where(key > decode_cursor(params.cursor))
    rows = list(session.scalars(stmt.order_by(key).limit(params.limit + 1)))
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        return rows, encode_cursor(getattr(rows[-1], key.key))
    return rows, None


# async: nothing to wait for, and a plain ``def`` would cost a hop to the thread pool.
PageDep = Annotated[PageParams, Depends(page_params)]
