"""One JSON log line per request, with a request id, and Prometheus metrics at /metrics.

The request id comes from the caller's ``X-Request-ID`` (when it is sane) or is generated, and
is sent back in the response. Metrics are kept per process: with several workers, scrape each
or run one worker per container.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
import uuid
from collections import defaultdict
from typing import Any

access_log = logging.getLogger("thidua.access")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on standard output for the service's own loggers."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    handler.converter = time.gmtime  # type: ignore[attr-defined]
    for name in ("thidua",):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


class Metrics:
    """Request counters and a latency histogram, by method, route template and status."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.buckets: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self.sums: dict[tuple[str, str], float] = defaultdict(float)
        self.counts: dict[tuple[str, str], int] = defaultdict(int)
        self.started = time.time()

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, status)] += 1
            key = (method, route)
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    self.buckets[key][i] += 1
            self.sums[key] += seconds
            self.counts[key] += 1

    def render(self) -> str:
        """The metrics in the Prometheus text format."""
        lines = [
            "# HELP thidua_http_requests_total HTTP requests by method, route and status.",
            "# TYPE thidua_http_requests_total counter",
        ]
        with self._lock:
            for (method, route, status), n in sorted(self.requests.items()):
                lines.append(
                    _sample("requests_total", n, method=method, route=route, status=status)
                )
            lines += [
                "# HELP thidua_http_request_duration_seconds Request latency.",
                "# TYPE thidua_http_request_duration_seconds histogram",
            ]
            for (method, route), counts in sorted(self.buckets.items()):
                total = self.counts[(method, route)]
                for bound, n in [*zip(BUCKETS, counts, strict=True), ("+Inf", total)]:
                    lines.append(
                        _sample(
                            "request_duration_seconds_bucket",
                            n,
                            method=method,
                            route=route,
                            le=bound,
                        )
                    )
                lines.append(
                    _sample(
                        "request_duration_seconds_sum",
                        f"{self.sums[(method, route)]:.6f}",
                        method=method,
                        route=route,
                    )
                )
                lines.append(
                    _sample("request_duration_seconds_count", total, method=method, route=route)
                )
        lines += [
            "# HELP thidua_process_start_time_seconds Start time of the process.",
            "# TYPE thidua_process_start_time_seconds gauge",
            f"thidua_process_start_time_seconds {self.started:.0f}",
        ]
        return "\n".join(lines) + "\n"


def _sample(name: str, value: object, **labels: object) -> str:
    escaped = ",".join(
        '{}="{}"'.format(k, str(v).replace("\\", "\\\\").replace('"', '\\"'))
        for k, v in labels.items()
    )
    prefix = "thidua_" if name.startswith("process") else "thidua_http_"
    return f"{prefix}{name}{{{escaped}}} {value}"


metrics = Metrics()


class RequestLogMiddleware:
    """Pure ASGI middleware: request id, one access log line, metrics."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._templates: dict[int, str] | None = None

    def _route_template(self, scope: dict) -> str:
        """The matched route's full path template ("/api/v1/units/{unit_id}"), for metrics."""
        route = scope.get("route")
        if route is None:
            return "unmatched"
        if self._templates is None:
            from fastapi import routing

            self._templates = {
                id(ctx.original_route): ctx.path_format
                for ctx in routing.iter_route_contexts(scope["app"].routes)
                if ctx.path_format
            }
        return self._templates.get(id(route)) or getattr(route, "path", "unmatched")

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - start
            route = self._route_template(scope)
            metrics.observe(scope["method"], route, status, elapsed)
            client = scope.get("client")
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                        "client": client[0] if client else None,
                    }
                },
            )
