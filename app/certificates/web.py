"""The public verification page that a certificate's QR code opens."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.certificates import service
from app.certificates.router import VerifyCode
from app.core.db import SessionDep
from app.core.errors import NotFound
from app.core.web import OptionalWebActor, render

router = APIRouter(include_in_schema=False)


@router.get("/verify/{code}", response_class=HTMLResponse)
def verify_page(
    request: Request, session: SessionDep, actor: OptionalWebActor, code: VerifyCode
) -> HTMLResponse:
    try:
        result = service.verify(session, code=code)
    except NotFound:
        return render(
            request, "certificates/verify.html", {"result": None}, status_code=404, actor=actor
        )
    return render(request, "certificates/verify.html", {"result": result}, actor=actor)
