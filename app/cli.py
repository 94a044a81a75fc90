"""The ``thidua`` command: migrate, demo-data, serve, create-user, check."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from app.core.config import ConfigError, get_settings

cli = typer.Typer(
    help="Thi đua, khen thưởng: the service's command-line tool.", no_args_is_help=True
)

ROOT = Path(__file__).resolve().parents[1]


def _fail(message: str) -> None:
    typer.echo(f"thidua: {message}", err=True)
    raise typer.Exit(code=1)


def alembic_config():
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return config


@cli.command()
def migrate() -> None:
    """Bring the database schema up to date (alembic upgrade head)."""
    from alembic import command

    from app.core.db import check_database

    try:
        check_database()
    except ConfigError as exc:
        _fail(str(exc))
    command.upgrade(alembic_config(), "head")
    typer.echo("thidua: database schema is up to date")


@cli.command("demo-data")
def demo_data() -> None:
    """Load the Lạng Sơn 2022 demo data (development only; running it twice loads nothing twice)."""
    from sqlalchemy.exc import OperationalError

    from app.core.db import session_scope
    from app.demo.loader import load_demo_data

    if get_settings().is_production:
        _fail("demo data is turned off in production (THIDUA_ENV=production)")
    try:
        with session_scope() as session:
            report = load_demo_data(session)
    except OperationalError as exc:  # e.g. the schema is missing: say it in one line
        _fail(f"cannot load the demo data: {str(exc).splitlines()[0]} (run `thidua migrate` first)")
    if report.total:
        parts = ", ".join(f"{n} {kind}" for kind, n in report.created.items())
        typer.echo(f"thidua: demo data loaded: {parts}")
    else:
        typer.echo("thidua: demo data already present, nothing loaded")


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (THIDUA_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (THIDUA_PORT)")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
) -> None:
    """Serve the web pages and the API with uvicorn."""
    import uvicorn

    from app.core.db import check_database

    settings = get_settings()
    try:
        settings.resolved_secret_key()
        check_database()
    except ConfigError as exc:
        _fail(str(exc))
    host = host or settings.host
    port = port or settings.port
    typer.echo(f"thidua: serving on http://{host}:{port} (database {_safe_url()})")
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        access_log=False,  # the service writes its own JSON access line, with a request id
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_level="info",
    )


@cli.command("create-user")
def create_user(
    username: Annotated[str, typer.Option(help="Login name")],
    full_name: Annotated[str, typer.Option(help="Full name, with diacritics")],
    role: Annotated[list[str], typer.Option(help="Role; repeat for several")],
    unit_code: Annotated[str | None, typer.Option(help="Code of the user's unit")] = None,
    title: Annotated[str | None, typer.Option(help="Position")] = None,
    password: Annotated[str | None, typer.Option(help="Password (asked when omitted)")] = None,
) -> None:
    """Create an account (for example the first admin in production)."""
    from app.auth import service as auth_service
    from app.auth.models import Role
    from app.core.db import session_scope
    from app.core.errors import AppError
    from app.units import repository as units_repository

    try:
        roles = [Role(r) for r in role]
    except ValueError:
        _fail(f"unknown role; choose from: {', '.join(r.value for r in Role)}")
    if password is None:
        password = getpass.getpass("Mật khẩu: ")
    try:
        with session_scope() as session:
            unit_id = None
            if unit_code:
                unit = units_repository.get_unit_by_code(session, unit_code)
                if unit is None:
                    _fail(f"no unit with code {unit_code!r}")
                unit_id = unit.id
            user = auth_service.create_user(
                session,
                actor=None,
                username=username,
                password=password,
                full_name=full_name,
                roles=roles,
                unit_id=unit_id,
                title=title,
            )
            session.flush()
            typer.echo(f"thidua: created user {user.username} (id {user.id})")
    except AppError as exc:
        _fail(exc.detail)


@cli.command("backup")
def backup_command(
    target: Annotated[
        Path | None, typer.Argument(help="Backup file (default: under the data dir)")
    ] = None,
) -> None:
    """Back up the database (SQLite: online backup; PostgreSQL: pg_dump custom format)."""
    import datetime as dt
    import subprocess

    from app.core import backup

    settings = get_settings()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target or settings.data_dir / "backups" / f"thidua-{stamp}.backup"
    try:
        backup.backup(settings.database_url, target)
    except (ConfigError, OSError, subprocess.CalledProcessError) as exc:
        _fail(f"backup failed: {_one_line(exc)}")
    typer.echo(f"thidua: database backed up to {target}")


@cli.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(help="A file written by `thidua backup`")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: the current data is replaced")
    ] = False,
) -> None:
    """Replace the database with a backup (stop the service first)."""
    import subprocess

    from app.core import backup

    if not yes:
        _fail("restore replaces every row of the database: run it again with --yes")
    try:
        backup.restore(get_settings().database_url, source)
    except (ConfigError, OSError, subprocess.CalledProcessError) as exc:
        _fail(f"restore failed: {_one_line(exc)}")
    typer.echo(f"thidua: database restored from {source}")


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "stderr", None) or str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


@cli.command()
def check(
    system: Annotated[
        bool, typer.Option("--system", help="Only the machine: pango and fonts, not the settings")
    ] = False,
) -> None:
    """Check what the service needs: pango, a font covering Vietnamese, settings, database."""
    from app.core.preflight import problems

    found = problems(system_only=system)
    for line in found:
        typer.echo(f"thidua: {line}", err=True)
    if found:
        raise typer.Exit(code=1)
    typer.echo("thidua: ready")


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(get_settings().database_url).render_as_string(hide_password=True)


def main() -> None:
    try:
        cli()
    except ConfigError as exc:  # a setting no command can work with: one line, not a traceback
        typer.echo(f"thidua: {exc}", err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
