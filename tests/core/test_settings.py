"""Settings that cannot work stop the start-up with a one-line reason."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.core.config import ConfigError, Settings
from app.core.db import build_engine, check_database


def test_production_without_secret_key_refuses(tmp_path):
    settings = Settings(env="production", secret_key=None, data_dir=tmp_path)

    with pytest.raises(ConfigError, match="THIDUA_SECRET_KEY is not set"):
        settings.resolved_secret_key()
    assert not (tmp_path / "secret.key").exists()


def test_development_generates_the_secret_once(tmp_path):
    settings = Settings(env="development", secret_key=None, data_dir=tmp_path)

    first = settings.resolved_secret_key()

    assert first == settings.resolved_secret_key()
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_short_secret_key_refuses():
    with pytest.raises(ConfigError, match="at least 32"):
        Settings(secret_key="short").resolved_secret_key()


def test_unreachable_database_gives_one_line_reason():
    engine = build_engine("postgresql+psycopg://nobody@127.0.0.1:1/nothing?connect_timeout=2")

    with pytest.raises(ConfigError) as info:
        check_database(engine)

    assert "unreachable" in str(info.value)
    assert "\n" not in str(info.value)


def _thidua(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        check=False,
    )


def test_serve_in_production_without_secret_prints_one_line(tmp_path):
    result = _thidua(
        "serve",
        THIDUA_ENV="production",
        THIDUA_DATA_DIR=str(tmp_path),
        THIDUA_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "thidua: THIDUA_SECRET_KEY is not set: production mode refuses to start without one"
    ]


def test_serve_with_unreachable_database_prints_one_line(tmp_path):
    result = _thidua(
        "serve",
        THIDUA_DATA_DIR=str(tmp_path),
        THIDUA_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/x?connect_timeout=2",
    )

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("thidua: database postgresql+psycopg://nobody@127.0.0.1:1/x")


def test_demo_data_refused_in_production(tmp_path):
    result = _thidua(
        "demo-data",
        THIDUA_ENV="production",
        THIDUA_SECRET_KEY="s" * 40,
        THIDUA_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
    )

    assert result.returncode == 1
    assert "turned off in production" in result.stderr


@pytest.mark.parametrize(
    ("setting", "value", "line"),
    [
        (
            "THIDUA_ENV",
            "Production",
            "thidua: invalid setting: THIDUA_ENV='Production': "
            "Input should be 'development', 'production' or 'test'",
        ),
        (
            "THIDUA_PORT",
            "80a",
            "thidua: invalid setting: THIDUA_PORT='80a': "
            "Input should be a valid integer, unable to parse string as an integer",
        ),
    ],
)
def test_a_setting_of_the_wrong_kind_prints_one_line(tmp_path, setting, value, line):
    result = _thidua(
        "migrate",
        THIDUA_DATA_DIR=str(tmp_path),
        THIDUA_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
        **{setting: value},
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [line]
    assert not (tmp_path / "x.db").exists()
