"""The schema comes only from the migrations, and they agree with the models."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect

from app.cli import alembic_config
from app.models import Base
from app.nominations.repository import FTS_TABLE


def _config(url: str):
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def test_migrations_from_empty_create_every_table_and_check_is_clean(fresh_database_url):
    config = _config(fresh_database_url)

    command.upgrade(config, "head")
    command.check(config)  # raises when models and migrations disagree

    engine = create_engine(fresh_database_url)
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    # SQLite's trigram table for names (and the tables FTS5 keeps behind it) has no model.
    tables = {t for t in tables if not t.startswith(FTS_TABLE)}
    assert tables == set(Base.metadata.tables)


def test_migrations_downgrade_to_base_and_up_again(fresh_database_url):
    config = _config(fresh_database_url)

    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = create_engine(fresh_database_url)
    remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")

    assert remaining == set()
