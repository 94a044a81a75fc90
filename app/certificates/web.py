"""The public verification page that a certificate's QR code opens, and the office's pages for
one certificate: its PDF and its revocation (listed on the decision's page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from app.certificates import service
from app.certificates.router import VerifyCode
from app.core.db import SessionDep
from app.core.errors import BadRequest, NotFound
from app.core.params import IdPath
from app.core.web import CsrfChecked, OptionalWebActor, WebActor, render

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


@router.get("/certificates/{certificate_id}/pdf")
def certificate_pdf_page(session: SessionDep, actor: WebActor, certificate_id: IdPath) -> Response:
    pdf = service.certificate_pdf(session, actor=actor, certificate_id=certificate_id)
    return Response(pdf, media_type="application/pdf")


@router.post("/certificates/{certificate_id}/revoke", dependencies=[CsrfChecked])
def certificate_revoke_page(
    session: SessionDep,
    actor: WebActor,
    certificate_id: IdPath,
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Revoke (the secretariat), with the reason the verification page will show; back to the
    decision's page."""
    if not reason.strip():
        raise BadRequest("Hãy nêu lý do thu hồi.")
    certificate = service.revoke(
        session, actor=actor, certificate_id=certificate_id, reason=reason.strip()
    )
    return RedirectResponse(
        f"/decisions/{certificate.decision_id}#certificate-{certificate.id}", status_code=303
    )
