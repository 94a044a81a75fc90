"""Schemathesis against /openapi.json, as every role and anonymously: no request gets a 500, and
every status code an endpoint answers is declared in the schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, status_code_conformance

from app.core.db import get_session, read_connections
from app.main import create_app

pytestmark = pytest.mark.slow

# Every role of the contract, the unit officer of each of two units, and nobody.
CALLERS = [None, "admin", "thuky", "chutich", "hoidong01", "donvi1", "donvi2"]

# The schema is read from an app built at import time; its requests use the session of the
# running test (the rolled-back transaction of the `db` fixture).
_current: dict = {}
app = create_app(check_startup=False)


def _session_override() -> Iterator:
    db = _current["db"]
    try:
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        raise


app.dependency_overrides[get_session] = _session_override


@contextmanager
def _read_connection() -> Iterator:
    yield _current["db"]


async def _read_connections_override():
    return _read_connection


app.dependency_overrides[read_connections] = _read_connections_override
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(autouse=True)
def _use_test_session(db):
    _current["db"] = db
    yield
    _current.clear()


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_answers_every_generated_request_without_server_error(case, login):
    # Each generated request is sent once per caller: the same input meets every role.
    for caller in CALLERS:
        headers = login(caller) if caller else {}
        case.call_and_validate(
            headers=headers, checks=[not_a_server_error, status_code_conformance]
        )
