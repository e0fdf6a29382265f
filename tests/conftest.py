"""Shared fixtures: a migrated, empty database on SQLite and, when reachable, PostgreSQL.

Every test that takes ``engine`` runs twice: once on a SQLite file and once on PostgreSQL
(marked ``postgres``). PostgreSQL comes from ``SELLEROPS_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); when it is unreachable those tests
are skipped, unless ``SELLEROPS_REQUIRE_POSTGRES=1`` (set by CI), which makes them fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from sellerops.cli.common import state
from sellerops.core.config import get_settings
from sellerops.core.db import make_engine
from sellerops.core.migrate import upgrade
from sellerops.core.schema import metadata

PG_URL = os.environ.get(
    "SELLEROPS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_PG = os.environ.get("SELLEROPS_REQUIRE_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the user's real data directory or database."""
    monkeypatch.setenv("SELLEROPS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SELLEROPS_DATABASE_URL", raising=False)
    monkeypatch.delenv("SELLEROPS_LANG", raising=False)
    get_settings.cache_clear()
    state.lang_option = None  # ``sellerops --lang zh`` in an earlier test sets it for the process
    yield
    get_settings.cache_clear()
    state.lang_option = None


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _pg_database() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test process, migrated once."""
    try:
        admin = make_engine(PG_URL)
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}")
    name = f"sellerops_test_{uuid.uuid4().hex[:10]}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate(engine: Engine) -> None:
    # DELETE is much faster than TRUNCATE on the handful of small tables a test leaves.
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table.name != "marketplace":
                conn.execute(table.delete())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a migrated, empty database (no stores, marketplaces seeded)."""
    if request.param == "sqlite":
        path = tmp_path / "sellerops.db"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("_pg_database")
    yield url
    engine = make_engine(url)
    _truncate(engine)
    engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()
