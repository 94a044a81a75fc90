"""The signed-in home page and the campaign pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.campaigns import service
from app.core.clock import vn_today
from app.core.db import SessionDep
from app.core.params import IdPath
from app.core.web import WebActor, render
from app.units import service as units_service

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, actor: WebActor) -> HTMLResponse:
    unit = units_service.get_unit(session, unit_id=actor.unit_id) if actor.unit_id else None
    campaigns = service.current_campaigns(session)
    return render(
        request,
        "home.html",
        # A campaign still active after its period is being judged (tổng kết, khen thưởng):
        # the page says so rather than call it under way.
        {"unit": unit, "campaigns": campaigns, "today": vn_today()},
        actor=actor,
    )


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse)
def campaign_page(
    request: Request, session: SessionDep, actor: WebActor, campaign_id: IdPath
) -> HTMLResponse:
    campaign = service.get_campaign(session, campaign_id=campaign_id)
    return render(request, "campaigns/detail.html", {"campaign": campaign}, actor=actor)
