"""``sellerops user add`` and ``sellerops serve`` (mounted here on a bare Typer app)."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from sqlalchemy import select
from typer.testing import CliRunner

from sellerops.accounts.models import StoreGrant, User
from sellerops.cli.web_commands import serve, user_add
from sellerops.core.config import get_settings
from sellerops.core.db import make_engine, unit_of_work
from sellerops.core.migrate import upgrade
from sellerops.core.stores import create_store

PASSWORD = "correct horse battery"


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    users = typer.Typer()
    users.command("add")(user_add)
    app.add_typer(users, name="user")
    app.command("serve")(serve)
    return app


def _users() -> dict[str, tuple[bool, list[tuple[int, str]]]]:
    engine = make_engine(get_settings().effective_database_url)
    with unit_of_work(engine) as s:
        out = {
            u.email: (
                u.is_owner,
                [
                    (g.store_id, g.role)
                    for g in s.scalars(select(StoreGrant).filter_by(user_id=u.id))
                ],
            )
            for u in s.scalars(select(User))
        }
    engine.dispose()
    return out


def test_user_add_creates_an_owner_from_a_piped_password(cli: typer.Typer) -> None:
    result = CliRunner().invoke(
        cli,
        ["user", "add", "Ann@Example.com", "--role", "owner", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "ann@example.com" in result.output
    assert _users() == {"ann@example.com": (True, [])}


def test_user_add_grants_the_named_stores(cli: typer.Typer) -> None:
    engine = make_engine(get_settings().effective_database_url)
    upgrade(engine)
    with unit_of_work(engine) as s:
        store_id = create_store(session=s, name="Acme US", marketplace="US").id
    args = ["user", "add", "bob@example.com", "--role", "viewer", "--store", "Acme US"]
    result = CliRunner().invoke(cli, [*args, "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert _users() == {"bob@example.com": (False, [(store_id, "viewer")])}
    missing = CliRunner().invoke(
        cli,
        [
            "user",
            "add",
            "eve@example.com",
            "--role",
            "viewer",
            "--store",
            "Nope",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert missing.exit_code == 1 and "Nope" in missing.output
    assert "eve@example.com" not in _users()  # nothing half-written


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "operator"], PASSWORD, "needs at least one --store"),
        (["--role", "chief"], PASSWORD, "role must be one of"),
        (["--role", "owner"], "short", "at least 12 characters"),
    ],
)
def test_user_add_refuses_what_it_cannot_do(
    cli: typer.Typer, args: list[str], stdin: str, message: str
) -> None:
    result = CliRunner().invoke(
        cli, ["user", "add", "ann@example.com", *args, "--password-stdin"], input=stdin + "\n"
    )
    assert result.exit_code == 1 and message in result.output


def test_user_add_without_a_terminal_or_stdin_password_explains_how(cli: typer.Typer) -> None:
    result = CliRunner().invoke(cli, ["user", "add", "ann@example.com", "--role", "owner"])
    assert result.exit_code == 1 and "--password-stdin" in result.output


def test_serve_migrates_and_runs_uvicorn_with_the_app(
    cli: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setenv("SELLEROPS_SECRET_KEY", "from-the-environment")
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "without TLS" in result.output  # exposed beyond loopback without a proxy
    (call,) = calls
    assert call["host"] == "0.0.0.0" and call["port"] == 8123 and call["proxy_headers"] is False
    assert call["app"].state.engine is not None
    with unit_of_work(call["app"].state.engine) as s:
        assert s.scalar(select(User.id)) is None  # migrated: the table exists, empty
