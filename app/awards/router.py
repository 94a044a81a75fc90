from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from app.auth.deps import CurrentActor
from app.awards import service
from app.awards.schemas import AwardTypeRead
from app.core.db import SessionDep
from app.core.pagination import Page, PageDep
from app.core.responses import error_responses

router = APIRouter(tags=["awards"])


@router.get(
    "/award-types",
    response_model=Page[AwardTypeRead],
    responses=error_responses(400, 401),
    summary="The catalog of titles and forms of commendation",
)
def list_award_types(
    session: SessionDep, _actor: CurrentActor, params: PageDep, on: dt.date | None = None
) -> Page[AwardTypeRead]:
    """In catalog order; ``on`` picks the date whose bonus coefficients are shown (default:
    today)."""
    items, cursor = service.award_types_page(session, params=params, on=on)
    return Page[AwardTypeRead](items=items, next_cursor=cursor)
