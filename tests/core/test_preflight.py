"""`thidua check`: what the machine lacks, said in one line."""

from __future__ import annotations

import sqlite3

from app.core import preflight


def test_this_sqlite_has_the_trigram_tokenizer_the_name_search_needs():
    assert preflight._sqlite_problem() is None


def test_a_sqlite_without_fts5_is_named_with_the_way_out(monkeypatch):
    class NoFts5:
        def __init__(self, *_):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *_):
            return False

        def execute(self, _sql):
            raise sqlite3.OperationalError("no such module: fts5")

    monkeypatch.setattr(sqlite3, "connect", NoFts5)

    problem = preflight._sqlite_problem()

    assert problem is not None
    assert "no such module: fts5" in problem and "PostgreSQL" in problem
