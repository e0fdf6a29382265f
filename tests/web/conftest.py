"""Web fixtures: the app on a seeded database, a client, personas signed in by cookie.

Most web tests run on a copy of one SQLite file seeded once per session (``seeded``): the
world takes ~0.3 s to build and a copy takes milliseconds. Tests that must also run on
PostgreSQL build the world on the shared ``engine`` fixture (``seeded_any``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sellerops.accounts import service as accounts
from sellerops.core.config import get_settings
from sellerops.core.db import make_engine
from sellerops.web import ads_page, page_cache, security
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.web.world import World, build_world, new_session

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at production cost takes ~50 ms a hash; tests only need it to be Argon2."""
    monkeypatch.setattr(accounts, "hasher", CHEAP_HASHER)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


@pytest.fixture(autouse=True)
def _fresh_ads_pages() -> None:
    """Tests write ads facts directly, not through imports, which is what renews the kept
    Advertising page sums (``ads_page.performance``); start each test without them (nor
    any kept page: ``web.page_cache``)."""
    ads_page.forget_cached_pages()
    page_cache.PAGES.clear()
    page_cache.FACTS.clear()


@pytest.fixture
def web_settings() -> WebSettings:
    return WebSettings(secret_key="test-secret-key-not-for-production")


@dataclass
class Seeded:
    engine: Engine
    world: World


@pytest.fixture(scope="session")
def _world_template(
    _sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("web") / "world.db"
    shutil.copy(_sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    saved, accounts.hasher = accounts.hasher, CHEAP_HASHER
    try:
        world = build_world(engine)
    finally:
        accounts.hasher = saved
    engine.dispose()
    return path, world


@pytest.fixture
def seeded(_world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Seeded]:
    """Two stores with reviewed problems and one user per persona, on SQLite."""
    path = tmp_path / "world.db"
    shutil.copy(_world_template[0], path)
    engine = make_engine(f"sqlite:///{path}")
    yield Seeded(engine, _world_template[1])
    engine.dispose()


@pytest.fixture
def seeded_any(engine: Engine) -> Seeded:
    """The same world built on each database of the ``engine`` fixture (SQLite, PostgreSQL)."""
    return Seeded(engine, build_world(engine))


@pytest.fixture
def app(seeded: Seeded, web_settings: WebSettings) -> FastAPI:
    return create_app(engine=seeded.engine, settings=get_settings(), web_settings=web_settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def world(seeded: Seeded) -> World:
    return seeded.world


def sign_in(client: TestClient, app: FastAPI, user_id: int) -> str:
    """Put a fresh session cookie on the client; returns the session's CSRF token."""
    new = new_session(app.state.engine, user_id)
    client.cookies.clear()
    cookie = app.state.signer.sign("session", new.secret)
    client.cookies.set(security.SESSION_COOKIE, cookie)
    return new.row.csrf_token
