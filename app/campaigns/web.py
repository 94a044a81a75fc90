"""The signed-in home page and the campaign pages."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.auth.policies import Actor
from app.campaigns import service
from app.core.clock import vn_today
from app.core.db import SessionDep
from app.core.params import IdPath
from app.core.web import WebActor, render
from app.council import repository as council
from app.council.models import SessionStatus
from app.decisions import repository as decisions
from app.decisions.models import DecisionStatus
from app.nominations import repository as nominations
from app.nominations.models import DossierStatus, NominationStatus
from app.units import service as units_service

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Task:
    """Something waiting for the signed-in user, with where to do it."""

    label: str
    count: int | None  # None: one thing, named in the label
    href: str


def _tasks(session: Session, actor: Actor) -> list[Task]:
    """What waits for this user, by role: the office's nominations to appraise and approved ones
    without a decision, a member's open ballots, the signer's drafts, a unit's returned and
    unsent dossiers. Counts of zero are left out."""
    tasks: list[Task] = []
    if actor.has_role(Role.SECRETARIAT):  # the admin reads, but neither appraises nor drafts
        waiting = nominations.count_with_status(session, NominationStatus.SUBMITTED)
        tasks.append(Task("đề nghị chờ thẩm định", waiting, "/nominations?status=submitted"))
        approved = decisions.count_approved_without_decision(session)
        tasks.append(
            Task("đề nghị đã được Hội đồng thông qua, chờ lập quyết định", approved, "/decisions")
        )
    if actor.has_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR):
        open_sessions = session.scalars(
            council.sessions_query(member_id=actor.id, status=SessionStatus.OPEN)
        ).all()
        for s in open_sessions:
            if not council.has_participated(session, s.id, actor.id):
                tasks.append(
                    Task(
                        f"Phiên họp “{s.title}” đang bỏ phiếu: bạn chưa bỏ phiếu",
                        None,
                        f"/council/sessions/{s.id}",
                    )
                )
    if actor.has_role(Role.SIGNER):
        drafts = session.scalar(
            select(func.count()).select_from(
                decisions.decisions_query(status=DecisionStatus.DRAFT).subquery()
            )
        )
        tasks.append(Task("dự thảo quyết định chờ ký", drafts or 0, "/decisions"))
    if actor.has_role(Role.UNIT_OFFICER) and actor.unit_id is not None:
        counts = nominations.dossier_counts(session, unit_id=actor.unit_id)
        tasks.append(
            Task(
                "hồ sơ bị trả lại, cần bổ sung", counts.get(DossierStatus.RETURNED, 0), "/dossiers"
            )
        )
        tasks.append(
            Task("hồ sơ đang soạn, chưa gửi", counts.get(DossierStatus.DRAFT, 0), "/dossiers")
        )
    return [t for t in tasks if t.count != 0]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, actor: WebActor) -> HTMLResponse:
    unit = units_service.get_unit(session, unit_id=actor.unit_id) if actor.unit_id else None
    campaigns = service.current_campaigns(session)
    return render(
        request,
        "home.html",
        # A campaign still active after its period is being judged (tổng kết, khen thưởng):
        # the page says so rather than call it under way.
        {
            "unit": unit,
            "campaigns": campaigns,
            "today": vn_today(),
            "tasks": _tasks(session, actor),
        },
        actor=actor,
    )


@router.get("/campaigns/{campaign_id}", response_class=HTMLResponse)
def campaign_page(
    request: Request, session: SessionDep, actor: WebActor, campaign_id: IdPath
) -> HTMLResponse:
    campaign = service.get_campaign(session, campaign_id=campaign_id)
    return render(request, "campaigns/detail.html", {"campaign": campaign}, actor=actor)
