"""Backups: SQLite through its online backup API (safe while the service runs), PostgreSQL
through pg_dump / pg_restore (custom format). Attachments and rendered PDFs live under
THIDUA_DATA_DIR; back that directory up with the usual file tools."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from app.core.config import ConfigError


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ConfigError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ConfigError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def backup(url: str, target: Path) -> Path:
    """Write a consistent copy of the database at ``url`` to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        dest = sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
        return target
    if backend == "postgresql":
        subprocess.run(  # noqa: S603 - fixed tool, arguments from our own settings
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                f"--file={target}",
                _libpq_url(url),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return target
    raise ConfigError(f"backups of {backend} databases are not supported")


def restore(url: str, source: Path) -> None:
    """Replace the database at ``url`` with the backup ``source``."""
    if not source.is_file():
        raise ConfigError(f"no backup file at {source}")
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{source} is not a thidua SQLite backup: {exc}") from exc
        finally:
            check.close()
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(source)
        dest = sqlite3.connect(target)
        try:
            with dest:
                src.backup(dest)
        finally:
            dest.close()
            src.close()
        return
    if backend == "postgresql":
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq_url(url)}",
                str(source),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return
    raise ConfigError(f"restoring {backend} databases is not supported")
