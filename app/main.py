"""The application factory: routers, error handlers, static files."""

from __future__ import annotations

import gc
import logging
import math
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.auth import router as auth_router
from app.auth import web as auth_web
from app.awards import router as awards_router
from app.campaigns import router as campaigns_router
from app.campaigns import web as campaigns_web
from app.certificates import router as certificates_router
from app.certificates import web as certificates_web
from app.core.config import get_settings
from app.core.db import SessionDep, check_database
from app.core.errors import AppError
from app.core.observability import RequestLogMiddleware, configure_logging, metrics
from app.core.responses import ErrorBody
from app.core.web import LoginRequired, render
from app.council import router as council_router
from app.council import web as council_web
from app.decisions import router as decisions_router
from app.decisions import web as decisions_web
from app.nominations import router as nominations_router
from app.nominations import web as nominations_web
from app.people import router as people_router
from app.units import router as units_router

log = logging.getLogger("thidua")

API_PREFIX = "/api/v1"
STATIC_DIR = Path(__file__).resolve().parent / "static"

_HTTP_ERROR_NAMES = {
    400: "BadRequest",
    401: "NotAuthenticated",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
}
_HTTP_ERROR_DETAILS = {
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(API_PREFIX) or path in ("/openapi.json", "/health"):
        return False
    return "text/html" in request.headers.get("accept", "") or request.method == "POST"


def _error_response(
    request: Request, status_code: int, error: str, detail: str, extra: dict | None = None
) -> Response:
    if _wants_html(request):
        return render(
            request,
            "error.html",
            {"status_code": status_code, "error": error, "detail": detail, "extra": extra or {}},
            status_code=status_code,
            actor=getattr(request.state, "actor", None),
        )
    headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
    body = {**ErrorBody(error=error, detail=detail).model_dump(), **(extra or {})}
    return JSONResponse(body, status_code=status_code, headers=headers)


async def _app_error(request: Request, exc: AppError) -> Response:
    if isinstance(exc, LoginRequired) and _wants_html(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    return _error_response(request, exc.status_code, exc.error, exc.detail, exc.extra)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        # A body that is not even text (bytes that decode to nothing) is malformed input like
        # any other: answer it as request validation does, with 422.
        body = {
            "detail": [
                {
                    "type": "json_invalid",
                    "loc": ["body"],
                    "msg": "Body could not be parsed",
                    "input": None,
                }
            ]
        }
        if _wants_html(request):
            return _error_response(request, 422, "ValidationError", "Dữ liệu gửi lên không hợp lệ.")
        return JSONResponse(body, status_code=422)
    name = _HTTP_ERROR_NAMES.get(exc.status_code, "HTTPError")
    detail = _HTTP_ERROR_DETAILS.get(exc.status_code) or str(exc.detail)
    return _error_response(request, exc.status_code, name, detail)


def _finite(value: Any) -> Any:
    """``value`` with every NaN and infinity as text ("nan", "inf"): JSON has no such numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    """422 with FastAPI's ``detail`` list, each error echoing the input it refused.

    Python's JSON reader takes ``NaN``, ``Infinity`` and ``1e309`` (infinity) as numbers; an id
    given as one of them is refused, and echoing it back made FastAPI's own handler fail on a
    number JSON cannot write (a 500). They are echoed as text instead.
    """
    if _wants_html(request):
        return _error_response(request, 422, "ValidationError", "Dữ liệu gửi lên không hợp lệ.")
    return JSONResponse({"detail": _finite(jsonable_encoder(exc.errors()))}, status_code=422)


async def _integrity_error(request: Request, exc: sa_exc.IntegrityError) -> Response:
    # A unique constraint lost to a concurrent request: the caller's data conflicts.
    log.info("integrity error: %s", str(exc.orig).splitlines()[0] if exc.orig else exc)
    return _error_response(
        request, 409, "Conflict", "Dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có."
    )


async def _data_error(request: Request, exc: sa_exc.DataError) -> Response:
    # The database refused a value the schema let through (PostgreSQL: a NUL character in text,
    # a number out of a column's range): malformed input, answered like request validation.
    log.info("data error: %s", str(exc.orig).splitlines()[0] if exc.orig else exc)
    if _wants_html(request):
        return _error_response(request, 422, "ValidationError", "Dữ liệu gửi lên không hợp lệ.")
    body = {
        "detail": [
            {
                "type": "value_error",
                "loc": ["body"],
                "input": None,
                "msg": "A value cannot be stored (e.g. a NUL character in text)",
            }
        ]
    }
    return JSONResponse(body, status_code=422)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _error_response(request, 500, "InternalError", "Lỗi hệ thống; vui lòng thử lại sau.")


health_router = APIRouter(tags=["health"])


@health_router.get("/health", summary="Liveness: answers once the database answers")
def health(session: SessionDep) -> dict[str, str]:
    from sqlalchemy import text

    session.execute(text("SELECT 1"))
    return {"status": "ok"}


def _freeze_start_up_objects() -> None:
    """Put what start-up made out of the cyclic garbage collector's sight.

    The modules, the app, the engine and, once printing is warmed up, WeasyPrint with its fonts
    live as long as the process; each collection of the oldest generation walked all of them
    again. With WeasyPrint loaded that cost a list request 0.9 ms more CPU (2.46 against 1.57
    ms, in-process); frozen, 1.72 (bench/nominations.md). Garbage is collected first, so none
    is kept for good.
    """
    gc.collect()
    gc.freeze()


def _warm_up_printing() -> None:
    from app.certificates.service import warm_up_printing

    warm_up_printing()
    _freeze_start_up_objects()


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start this process's print-job runner (it also takes back jobs of a crashed process)."""
    runner = None
    if get_settings().job_runner:
        from app.certificates.service import JobRunner

        runner = JobRunner()
        runner.start()
        # Load WeasyPrint and the fonts and start the print workers now, in the background, so
        # that the first certificate a user opens costs a render (tens of ms), not the library's
        # start-up (half a second), and the first print job does not wait for its workers.
        threading.Thread(target=_warm_up_printing, name="pdf-warm-up", daemon=True).start()
    _freeze_start_up_objects()
    try:
        yield
    finally:
        if runner is not None:
            runner.stop()


def create_app(*, check_startup: bool = True) -> FastAPI:
    """Build the application; with ``check_startup`` refuse settings that cannot work."""
    settings = get_settings()
    configure_logging()
    if check_startup:
        settings.resolved_secret_key()
        check_database()
    app = FastAPI(
        lifespan=_lifespan,
        title="thidua",
        description="Thi đua, khen thưởng: campaigns, nominations, council, decisions.",
        version="0.1.0",
    )
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(sa_exc.IntegrityError, _integrity_error)
    app.add_exception_handler(sa_exc.DataError, _data_error)
    app.add_exception_handler(Exception, _unexpected_error)

    for module in (
        nominations_router,
        auth_router,
        units_router,
        campaigns_router,
        awards_router,
        people_router,
        council_router,
        decisions_router,
        certificates_router,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(health_router, prefix=API_PREFIX)
    app.include_router(certificates_router.public_router, prefix=API_PREFIX)
    app.include_router(health_router, include_in_schema=False)
    app.include_router(auth_web.router)
    app.include_router(campaigns_web.router)
    app.include_router(nominations_web.router)
    app.include_router(council_web.router)
    app.include_router(certificates_web.router)
    app.include_router(decisions_web.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(RequestLogMiddleware)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> PlainTextResponse:
        return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4")

    return app
