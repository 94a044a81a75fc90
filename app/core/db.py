"""Database engine, declarative base and the per-request session.

One engine per process. Services never commit: the request's session (``SessionDep``) commits
once when the endpoint has returned, before the response is sent, and rolls back on any error.
Background work uses :func:`session_scope`, the same context manager.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Request
from sqlalchemy import JSON, Connection, DateTime, Engine, MetaData, create_engine, event, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.types import TypeDecorator
from starlette.concurrency import run_in_threadpool

from app.core.config import ConfigError, get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """Timestamps stored and returned as timezone-aware UTC on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite keeps no offset
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# JSON everywhere, JSONB on PostgreSQL.
PortableJSON = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def row_now(context: Any) -> dt.datetime:
    """Now, taken once per inserted row: the default of ``created_at`` and ``updated_at``.

    With ``utcnow`` as both defaults, each column called the clock on its own and a new row's
    ``updated_at`` came out a few microseconds *before* its ``created_at``; a unit's system that
    compares the two to find edited rows would be misled. SQLAlchemy passes the execution context
    to a default with one *required* argument (give it a default value and it passes nothing);
    the instant is kept on the context for the row being built (its parameter dict), so every row
    of a multi-row INSERT still gets its own time.
    """
    params = getattr(context, "current_parameters", None)
    if params is None:
        return utcnow()
    kept = getattr(context, "_thidua_row_now", None)
    if kept is not None and kept[0] is params:
        return kept[1]
    now = utcnow()
    context._thidua_row_now = (params, now)
    return now


def _prepare_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and defers BEGIN; take it over.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        # Read pages straight from the OS page cache instead of copying each into this
        # connection's own 2 MB cache: the list reads measured 15 % faster.
        cur.execute("PRAGMA mmap_size=268435456")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A transaction that will write takes the write lock at once (BEGIN IMMEDIATE): a
        # deferred one that read first cannot upgrade once another writer has committed.
        options = conn.get_execution_options()
        if options.get("sqlite_autocommit"):
            return  # a read connection: each statement reads its own snapshot (read_connection)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("sqlite_immediate") else "BEGIN")


def build_engine(url: str) -> Engine:
    """An engine for ``url`` with the house settings for SQLite or PostgreSQL."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        # A file cannot drop a connection the way a server can: no ping before each checkout.
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite(engine)
    return engine


_engine: Engine | None = None
_factory: sessionmaker[Session] | None = None
_reads: Engine | None = None


def get_engine() -> Engine:
    if _engine is None:
        set_engine(build_engine(get_settings().database_url))
    assert _engine is not None
    return _engine


def set_engine(engine: Engine | None) -> None:
    """Replace the process engine (tests, or a CLI option)."""
    global _engine, _factory, _reads
    if _engine is not None and _engine is not engine:
        _engine.dispose()
    _engine = engine
    _factory = _reads = None
    if engine is not None:
        _factory = sessionmaker(engine, expire_on_commit=False)
        _reads = engine.execution_options(sqlite_autocommit=True)


def session_factory() -> sessionmaker[Session]:
    get_engine()
    assert _factory is not None
    return _factory


# One SQLite writer at a time per process (released by whichever thread ends the request).
_SQLITE_WRITER = threading.Lock()


@contextmanager
def session_scope(*, write: bool = True) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error.

    ``write`` says the work may write: on SQLite it then holds the write lock from the start,
    which serialises writers instead of failing one of them with "database is locked".
    """
    session = session_factory()()
    writer = write and session.get_bind().dialect.name == "sqlite"
    if writer:
        # Writers of this process queue here, blocked in the kernel, instead of polling
        # SQLite's busy handler: that one is not fair, and under a dozen concurrent writers
        # one of them can starve past busy_timeout and fail with "database is locked".
        _SQLITE_WRITER.acquire()
    try:
        if writer:
            session.connection(execution_options={"sqlite_immediate": True})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
        if writer:
            _SQLITE_WRITER.release()


READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_session(request: Request) -> Iterator[Session]:
    with session_scope(write=request.method not in READ_ONLY_METHODS) as session:
        yield session


# scope="function": the commit happens before the response goes out, so a failed commit is
# reported to the client instead of being lost after a 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


P = ParamSpec("P")
T = TypeVar("T")


async def run_db(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run blocking database work from an ``async`` endpoint.

    On SQLite the work runs right here, on the event loop: SQLite answers an indexed read from
    its page cache in a fraction of a millisecond, less than a hop to a worker thread costs, and
    sixteen threads taking turns at the GIL cost far more (measured in bench/nominations.md).
    Only reads go this way, and they never wait for a lock (WAL). On PostgreSQL every statement
    is a round trip to a server: the work goes to the thread pool.
    """
    if get_engine().dialect.name == "sqlite":
        return fn(*args, **kwargs)
    return await run_in_threadpool(fn, *args, **kwargs)


@contextmanager
def read_connection() -> Iterator[Connection]:
    """A connection for the read-only work of an ``async`` endpoint (see :func:`run_db`);
    nothing is committed. Open it inside the work run_db runs, so that no connection is held
    while the request awaits anything.

    A Core connection, not a Session: the reads are plain SQL (:func:`fetch_all`), and a
    Session's opening and closing cost six times a connection's (bench/nominations.md). On
    SQLite it opens no transaction: each statement reads the latest committed snapshot on its
    own, which a read-only request does not mind and which saves a BEGIN and a ROLLBACK.
    """
    get_engine()
    assert _reads is not None
    with _reads.connect() as connection:
        yield connection


# What plain SQL reads run on: a request's Session, or a read connection.
Reads = Session | Connection
OpenReads = Callable[[], AbstractContextManager[Reads]]


async def read_connections() -> OpenReads:
    """Dependency: how a read-only ``async`` endpoint opens its connection
    (:func:`read_connection`).

    A dependency that only hands over the opener costs a fraction of one that holds a
    connection open around the endpoint, and tests substitute their own session here.
    """
    return read_connection


ReadConnections = Annotated[OpenReads, Depends(read_connections)]


def dialect_name(on: Reads) -> str:
    return on.get_bind().dialect.name if isinstance(on, Session) else on.dialect.name


def fetch_all(on: Reads, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
    """The rows of plain SQL (``:name`` parameters) run on a session's connection (in its
    transaction) or on a read connection.

    For the reads every request makes (the account behind a token, a page of nominations). On
    SQLite the statement goes straight to the driver: SQLAlchemy's execution of a text
    statement (its caches, parameter and result processing, row objects) cost more than SQLite
    took to answer (measured in bench/nominations.md). Values come back as the driver gives
    them: no type of a mapped column applies. On PostgreSQL every statement is a round trip
    to a server, and the SQL goes through SQLAlchemy.
    """
    connection = on.connection() if isinstance(on, Session) else on
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        assert driver is not None
        return driver.execute(sql, params).fetchall()
    return connection.execute(_text(sql), params).all()


@functools.lru_cache(maxsize=512)
def _text(sql: str) -> TextClause:
    """The statement for ``sql``, parsed once (a few hundred shapes at most)."""
    return text(sql)


def check_database(engine: Engine | None = None) -> None:
    """Raise ConfigError with a one-line reason when the database does not answer."""
    engine = engine or get_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means the same to the operator
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(
            f"database {engine.url.render_as_string(hide_password=True)} is unreachable: {reason}"
        ) from exc
