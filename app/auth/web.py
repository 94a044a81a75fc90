"""Sign-in and sign-out pages."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.auth import service
from app.auth.router import client_address
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import InvalidCredentials
from app.core.web import CSRF_COOKIE, TOKEN_COOKIE, CsrfChecked, OptionalWebActor, render

router = APIRouter(include_in_schema=False)


def _safe_next(value: str | None) -> str:
    """Only same-site paths: an open redirect would let a link send users elsewhere."""
    if not value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, actor: OptionalWebActor, next: str | None = None) -> HTMLResponse:
    if actor is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "auth/login.html", {"next": _safe_next(next)})


@router.post("/login", response_class=HTMLResponse, dependencies=[CsrfChecked])
def login_submit(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=500)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> HTMLResponse:
    try:
        user = service.authenticate(
            session, username=username, password=password, address=client_address(request)
        )
    except (InvalidCredentials, service.TooManyAttempts) as exc:
        return render(
            request,
            "auth/login.html",
            {"error": exc.detail, "username": username, "next": _safe_next(next)},
            status_code=exc.status_code,
        )
    token, expires_in = service.issue_access_token(user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        max_age=expires_in,
        httponly=True,
        samesite="lax",
        secure=get_settings().cookie_secure,
        path="/",
    )
    return response


@router.post("/logout", dependencies=[CsrfChecked])
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response
