"""The schema comes only from the migrations, and they agree with the models."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app.cli import alembic_config
from app.models import Base
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """A brand-new, empty database on the same kind of server as the suite."""
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"thidua_mig_{uuid.uuid4().hex[:10]}"
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


def _config(url: str):
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def test_migrations_from_empty_create_every_table_and_check_is_clean(empty_database_url):
    config = _config(empty_database_url)

    command.upgrade(config, "head")
    command.check(config)  # raises when models and migrations disagree

    engine = create_engine(empty_database_url)
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert tables == set(Base.metadata.tables)


def test_migrations_downgrade_to_base_and_up_again(empty_database_url):
    config = _config(empty_database_url)

    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = create_engine(empty_database_url)
    remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")

    assert remaining == set()
