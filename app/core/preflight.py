"""What the service needs from the machine, each missing piece said in one line."""

from __future__ import annotations

import shutil
import subprocess

from app.core.config import ConfigError, get_settings

# Times New Roman is the administrative standard (NĐ 30/2020); the others are metric twins or
# fallbacks that cover Vietnamese.
SERIF_FAMILIES = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "Noto Serif")


def _pango_problem() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        return (
            f"pango is missing ({str(exc).splitlines()[0]}): install it, e.g. "
            "`apt-get install libpango-1.0-0 libpangoft2-1.0-0`"
        )
    return None


def vietnamese_serif_families() -> list[str]:
    """Serif families installed through fontconfig that cover Vietnamese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    out = subprocess.run(  # noqa: S603 - fixed arguments
        [fc_list, ":lang=vi", "family"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    installed = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return [family for family in SERIF_FAMILIES if family in installed]


def _font_problem() -> str | None:
    if shutil.which("fc-list") is None:
        return "fontconfig is missing: install it, e.g. `apt-get install fontconfig`"
    if not vietnamese_serif_families():
        return (
            "no serif font covering Vietnamese is installed: install one, e.g. "
            "`apt-get install fonts-liberation2` (or fonts-dejavu-core)"
        )
    return None


def _sqlite_problem() -> str | None:
    """The embedded database searches names through an FTS5 trigram table (SQLite 3.34+)."""
    import sqlite3

    try:
        with sqlite3.connect(":memory:") as con:
            con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    except sqlite3.Error as exc:
        return (
            f"SQLite {sqlite3.sqlite_version} has no FTS5 trigram tokenizer ({exc}): Python must "
            "be built against SQLite 3.34 or newer with FTS5 (or use PostgreSQL)"
        )
    return None


def _settings_problem() -> str | None:
    try:
        get_settings().resolved_secret_key()
    except ConfigError as exc:
        return str(exc)
    return None


def _database_problem() -> str | None:
    from app.core.db import check_database

    try:
        check_database()
    except ConfigError as exc:
        return str(exc)
    return None


def problems(*, system_only: bool = False) -> list[str]:
    """Every problem found, one line each; empty when the machine is ready."""
    checks = [_pango_problem, _font_problem]
    if get_settings().database_url.startswith("sqlite"):
        checks.append(_sqlite_problem)
    if not system_only:
        checks += [_settings_problem, _database_problem]
    return [p for p in (check() for check in checks) if p]
