"""Shared web-page plumbing: templates, the signed-in actor from the cookie, CSRF tokens.

Pages keep the access token in an HttpOnly, SameSite=Lax cookie. Every POST form carries a CSRF
token that must equal the value of the ``thidua_csrf`` cookie (double submit); the cookie is set
when a page with a form is rendered.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.auth import service as auth_service
from app.auth.models import ROLE_LABELS
from app.auth.policies import Actor
from app.core import security
from app.core.clock import VIETNAM
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import AppError, CsrfFailed

TOKEN_COOKIE = "thidua_token"
CSRF_COOKIE = "thidua_csrf"

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def _format_date(value: dt.date | dt.datetime | None) -> str:
    """Dates as dd/mm/yyyy, the Vietnamese way; an instant (a stored UTC time) as the day it was
    in Vietnam."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(VIETNAM)
    return value.strftime("%d/%m/%Y") if value else ""


def _format_number(value: float | int | None) -> str:
    """Numbers the Vietnamese way: 3.460 and 7,5."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _format_period(starts_on: dt.date | None, ends_on: dt.date | None) -> str:
    """'từ 25/01/2022 đến 31/12/2022', or the half that is known."""
    parts = []
    if starts_on:
        parts.append(f"từ {_format_date(starts_on)}")
    if ends_on:
        parts.append(f"đến {_format_date(ends_on)}")
    return " ".join(parts)


templates.env.filters["vn_date"] = _format_date
templates.env.globals["vn_period"] = _format_period
templates.env.filters["vn_number"] = _format_number
templates.env.globals["ROLE_LABELS"] = ROLE_LABELS


class LoginRequired(AppError):
    """A page needs a signed-in user; the web handler answers with a redirect to /login."""

    status_code = 401
    default_detail = "Vui lòng đăng nhập."


def optional_web_actor(request: Request, session: SessionDep) -> Actor | None:
    """The signed-in user of a page, if any; kept on ``request.state`` so that an error page
    (403, 404…) raised later in the same request still shows the menu and the user's name."""
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return None
    try:
        actor = auth_service.actor_from_access_token(session, token)
    except AppError:
        return None
    request.state.actor = actor
    return actor


def web_actor(actor: Annotated[Actor | None, Depends(optional_web_actor)]) -> Actor:
    if actor is None:
        raise LoginRequired()
    return actor


WebActor = Annotated[Actor, Depends(web_actor)]
OptionalWebActor = Annotated[Actor | None, Depends(optional_web_actor)]


def verify_csrf(request: Request, csrf_token: Annotated[str, Form(max_length=200)] = "") -> None:
    """Dependency for every POST form."""
    if not security.csrf_matches(request.cookies.get(CSRF_COOKIE), csrf_token):
        raise CsrfFailed()


CsrfChecked = Depends(verify_csrf)


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    actor: Actor | None = None,
) -> HTMLResponse:
    """Render a page with the actor and a CSRF token, setting the CSRF cookie when missing."""
    csrf = request.cookies.get(CSRF_COOKIE) or security.new_csrf_token()
    ctx = {"actor": actor, "csrf_token": csrf, "settings": get_settings(), **(context or {})}
    response = templates.TemplateResponse(request, template, ctx, status_code=status_code)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(
            CSRF_COOKIE,
            csrf,
            httponly=True,
            samesite="lax",
            secure=get_settings().cookie_secure,
            path="/",
        )
    return response
