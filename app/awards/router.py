from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from app.auth.deps import CurrentActor
from app.awards import service
from app.awards.schemas import AwardTypeRead
from app.core.db import SessionDep
from app.core.responses import error_responses

router = APIRouter(tags=["awards"])


@router.get(
    "/award-types",
    response_model=list[AwardTypeRead],
    responses=error_responses(401),
    summary="The catalog of titles and forms of commendation",
)
def list_award_types(
    session: SessionDep, _actor: CurrentActor, on: dt.date | None = None
) -> list[AwardTypeRead]:
    """``on`` picks the date whose bonus coefficients are shown (default: today)."""
    return service.list_award_types(session, on=on)
