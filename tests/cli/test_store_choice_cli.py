"""Which store a command works on: with several and no ``--store``, the error lists them and
says how to choose, in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.cli import report_command
from sellerops.core.db import unit_of_work
from sellerops.core.stores import StoreNotFoundError, get_store
from tests import factories as f

app = typer.Typer()
app.command("report")(report_command.report)
app.command("profit")(report_command.profit)
runner = CliRunner()


def _two_stores(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        f.store(s, "Demo US")
        f.store(s, "Demo DE")


def test_several_stores_need_a_choice_in_either_language(engine: Engine) -> None:
    _two_stores(engine)
    with unit_of_work(engine) as s, pytest.raises(StoreNotFoundError) as caught:
        get_store(session=s, name=None)
    assert str(caught.value) == "several stores (Demo DE, Demo US): choose one with --store"
    assert caught.value.text("zh") == "有多个店铺（Demo DE、Demo US）：请用 --store 选择一个"
    with unit_of_work(engine) as s, pytest.raises(StoreNotFoundError) as caught:
        get_store(session=s, name="Nope")
    assert "没有名为 'Nope' 的店铺" in caught.value.text("zh")
    assert "Demo DE、Demo US" in caught.value.text("zh")


def test_report_without_store_says_so_in_chinese(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    _two_stores(engine)
    env = {"SELLEROPS_DATABASE_URL": db_url, "SELLEROPS_LANG": "zh"}
    result = runner.invoke(app, ["report", "daily", "--out", str(tmp_path / "x.html")], env=env)
    assert result.exit_code == 1
    assert "有多个店铺（Demo DE、Demo US）：请用 --store 选择一个" in result.stderr
    assert "several stores" not in result.stderr


def test_an_empty_database_has_no_store_in_chinese(db_url: str, tmp_path: Path) -> None:
    env = {"SELLEROPS_DATABASE_URL": db_url, "SELLEROPS_LANG": "zh"}
    result = runner.invoke(app, ["report", "daily", "--out", str(tmp_path / "x.html")], env=env)
    assert result.exit_code == 1
    assert "还没有店铺" in result.stderr
