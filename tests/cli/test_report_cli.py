"""``sellerops report`` and ``sellerops profit`` as a user runs them (registered here the way
the app registers them)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from sellerops.cli import report_command
from sellerops.core.db import make_engine
from sellerops.core.migrate import upgrade
from sellerops.ingest.service import import_file

FINANCE = Path(__file__).parents[1] / "data" / "ingest" / "finance"
app = typer.Typer()
app.command("report")(report_command.report)
app.command("profit")(report_command.profit)
runner = CliRunner()


def _store(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    for name in ("AllOrders_US_2026-11-20.txt", "BusinessReport_US_2026-11-20.csv",
                 "Settlement_V2_US.txt"):  # fmt: skip
        assert import_file(engine=engine, path=FINANCE / name).status == "imported"
    engine.dispose()


def test_report_writes_the_weekly_page_and_profit_prints_json(db_url: str, tmp_path: Path) -> None:
    _store(db_url)
    env = {"SELLEROPS_DATABASE_URL": db_url}
    out = tmp_path / "week.html"

    result = runner.invoke(app, ["report", "weekly", "--date", "2026-11-26", "--format", "html",
                                 "--out", str(out)], env=env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Weekly report" in out.read_text(encoding="utf-8")

    result = runner.invoke(app, ["profit", "--date", "2026-11-30", "--by", "store", "--json"],
                           env=env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["settled_through"] == "2026-11-25"
    assert data["rows"][0]["lines"]["principal"] == "1329.96"  # Nov 1-30 settled principal


def test_profit_drills_down_to_the_settlement_lines_behind_a_sku(db_url: str) -> None:
    _store(db_url)

    result = runner.invoke(app, ["profit", "--date", "2026-11-30", "--sku", "NOZZLE-8", "--json"],
                           env={"SELLEROPS_DATABASE_URL": db_url})  # fmt: skip

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pnl"]["lines"] == {"principal": "9.99", "other_fee": "-1.18"}
    assert [(x["day"], x["line"], x["amount"]) for x in data["fee_lines"]] == [
        ("2026-11-22", "principal", "9.99")
    ]


def test_report_on_an_empty_database_says_there_is_no_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "daily", "--out", str(tmp_path / "x.html")])

    assert result.exit_code == 1
