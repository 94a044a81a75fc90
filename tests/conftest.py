"""Test set-up: a migrated database (SQLite, or PostgreSQL when THIDUA_TEST_DATABASE_URL is set)
with the demo data, and each test in a transaction that is rolled back afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

# Settings are read from the environment on first use: fix them before the app is imported.
_TMP = Path(tempfile.mkdtemp(prefix="thidua-test-"))
TEST_DATABASE_URL = os.environ.get("THIDUA_TEST_DATABASE_URL") or f"sqlite:///{_TMP / 'test.db'}"
os.environ.update(
    THIDUA_ENV="test",
    THIDUA_DATABASE_URL=TEST_DATABASE_URL,
    THIDUA_SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
    THIDUA_DATA_DIR=str(_TMP / "data"),
    THIDUA_PUBLIC_BASE_URL="http://testserver",
    # In-process apps share the test's transaction: no background runner may touch the database.
    THIDUA_JOB_RUNNER="false",
)

from alembic import command  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.cli import alembic_config  # noqa: E402
from app.core.config import get_settings  # noqa: E402
from app.core.db import build_engine, get_session, read_connections, set_engine  # noqa: E402

get_settings.cache_clear()

IS_POSTGRES = make_url(TEST_DATABASE_URL).get_backend_name() == "postgresql"


def reset_database(engine: Engine) -> None:
    """Empty the test database, so that the schema comes only from the migrations."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        path = make_url(str(engine.url)).database
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def migrate(url: str) -> None:
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = build_engine(TEST_DATABASE_URL)
    reset_database(engine)
    migrate(TEST_DATABASE_URL)
    set_engine(engine)

    from app.demo.loader import load_demo_data

    with Session(engine) as session:
        load_demo_data(session)
        session.commit()
    yield engine
    set_engine(None)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back after the test."""
    connection = engine.connect()
    if engine.dialect.name == "sqlite":
        # Hold the write lock from the start, as the service's writers do: a deferred
        # transaction that has read cannot wait for the lock when it first writes, and fails at
        # once with "database is locked" if the live server's job runner holds it just then.
        connection.execution_options(sqlite_immediate=True)
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


def read_connections_of(session: Session):
    """An override of ``read_connections``: read-only endpoints read on ``session``."""

    @contextmanager
    def open_session() -> Iterator[Session]:
        yield session  # a read: nothing to commit, and the test's session stays open

    async def override():
        return open_session

    return override


@pytest.fixture
def app(db: Session):
    from app.main import create_app

    application = create_app(check_startup=False)

    def session_override() -> Iterator[Session]:
        # Same contract as the real dependency: commit (here: release the savepoint) on
        # success, roll back on any error.
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise

    application.dependency_overrides[get_session] = session_override
    application.dependency_overrides[read_connections] = read_connections_of(db)
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def bearer(client: TestClient, username: str, password: str = "demo") -> dict[str, str]:
    response = client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def login(client: TestClient):
    """``login("thuky")`` → headers with a bearer token for that demo account."""
    cache: dict[str, dict[str, str]] = {}

    def _login(username: str) -> dict[str, str]:
        if username not in cache:
            cache[username] = bearer(client, username)
        return cache[username]

    return _login


ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(engine, tmp_path_factory) -> Iterator[str]:
    """The service in its own process (real commits), on the test database with the demo data."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {**os.environ, "THIDUA_PORT": str(port), "THIDUA_JOB_RUNNER": "true"}
    with log.open("w") as out:
        proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def fresh_database_url(tmp_path) -> Iterator[str]:
    """A brand-new, empty database on the same kind of server as the suite."""
    from sqlalchemy import create_engine

    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    name = f"thidua_fresh_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        make_url(TEST_DATABASE_URL).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
