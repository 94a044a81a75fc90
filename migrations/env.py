"""Alembic environment: the URL comes from the settings; batch mode for SQLite."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from app.core.config import get_settings
from app.core.db import build_engine
from app.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


# Objects that only the migrations create, for one dialect (e.g. PostgreSQL's trigram index):
# autogenerate must not propose to drop them.
# (and SQLite's trigram table for names, with the tables FTS5 keeps behind it)
DATABASE_ONLY_OBJECTS = frozenset({"ix_nominations_name_trgm"})
DATABASE_ONLY_PREFIXES = ("nominations_fts",)


def _include_object(obj, name, type_, reflected, compare_to) -> bool:
    database_only = name in DATABASE_ONLY_OBJECTS or name.startswith(DATABASE_ONLY_PREFIXES)
    return not (reflected and compare_to is None and database_only)


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=_include_object,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(
        url=config.get_main_option("sqlalchemy.url") or get_settings().database_url,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = build_engine(url)
    try:
        with engine.connect() as conn:
            _configure(connection=conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
