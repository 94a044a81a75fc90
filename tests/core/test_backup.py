"""Backup and restore through the command line, on a database of their own."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, func, select, text

from app.models import Base


def _thidua(url: str, data_dir, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env.update(THIDUA_DATABASE_URL=url, THIDUA_DATA_DIR=str(data_dir), THIDUA_SECRET_KEY="k" * 40)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = {
            t.name: conn.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }
    engine.dispose()
    return counts


@pytest.mark.slow
def test_backup_then_restore_finds_every_row(fresh_database_url, tmp_path):
    url = fresh_database_url
    assert _thidua(url, tmp_path, "migrate").returncode == 0
    assert _thidua(url, tmp_path, "demo-data").returncode == 0
    before = _counts(url)
    target = tmp_path / "copy.backup"

    made = _thidua(url, tmp_path, "backup", str(target))
    engine = create_engine(url)
    with engine.begin() as conn:  # lose data after the backup
        conn.execute(text("DELETE FROM user_roles"))
        conn.execute(text("DELETE FROM campaign_targets"))
    engine.dispose()
    refused = _thidua(url, tmp_path, "restore", str(target))
    restored = _thidua(url, tmp_path, "restore", str(target), "--yes")

    assert made.returncode == 0, made.stderr
    assert refused.returncode == 1
    assert restored.returncode == 0, restored.stderr
    assert _counts(url) == before
    assert before["users"] == 15 and before["campaign_targets"] == 30


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"not a database at all")

    result = _thidua(f"sqlite:///{tmp_path / 'live.db'}", tmp_path, "restore", str(bogus), "--yes")

    assert result.returncode == 1
    assert result.stderr.startswith("thidua: restore failed:")
    assert len(result.stderr.strip().splitlines()) == 1
