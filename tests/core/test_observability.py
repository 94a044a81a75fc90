from __future__ import annotations

import json
import logging


def test_request_id_is_echoed_or_generated(client):
    given = client.get("/health", headers={"X-Request-ID": "abc-123"})
    generated = client.get("/health")
    hostile = client.get("/health", headers={"X-Request-ID": "x" * 500})

    assert given.headers["x-request-id"] == "abc-123"
    assert len(generated.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != "x" * 500


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_one_json_access_line_per_request(client):
    from app.core.observability import JsonFormatter

    collect = _Collect()
    logging.getLogger("thidua.access").addHandler(collect)
    try:
        client.get("/api/v1/units/1", headers={"X-Request-ID": "req-42"})
    finally:
        logging.getLogger("thidua.access").removeHandler(collect)

    lines = [json.loads(JsonFormatter().format(r)) for r in collect.records]
    assert len(lines) == 1
    assert lines[0]["request_id"] == "req-42"
    assert lines[0]["route"] == "/api/v1/units/{unit_id}"
    assert lines[0]["status"] == 401
    assert lines[0]["duration_ms"] >= 0


def test_metrics_in_prometheus_format(client):
    client.get("/health")

    text = client.get("/metrics").text

    assert "# TYPE thidua_http_requests_total counter" in text
    assert 'thidua_http_requests_total{method="GET",route="/health",status="200"}' in text
    assert (
        'thidua_http_request_duration_seconds_bucket{method="GET",route="/health",le="+Inf"}'
        in text
    )
