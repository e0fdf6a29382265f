"""``sellerops ads recommendations | approve | export`` as an operator uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.cli import ads_commands
from sellerops.core.db import unit_of_work
from tests.ads import world

# The lead registers these under ``sellerops ads``; the same functions, mounted here.
app = typer.Typer()
ads_app = typer.Typer()
ads_app.command("recommendations")(ads_commands.ads_recommendations)
ads_app.command("approve")(ads_commands.ads_approve)
ads_app.command("export")(ads_commands.ads_export)
app.add_typer(ads_app, name="ads")
runner = CliRunner()


def run(db_url: str, *args: str) -> tuple[int, str, str]:
    # a wide terminal, as operators use for this eight-column table (80 would fold the cells)
    result = runner.invoke(app, list(args), env={"SELLEROPS_DATABASE_URL": db_url,
                                                 "COLUMNS": "200"})  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_list_approve_and_export_recommendations(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with unit_of_work(engine) as s:
        world.account(s)
    code, out, err = run(db_url, "ads", "recommendations", "--json", "--date", "2026-11-20")
    assert code == 0, err
    listed = json.loads(out)["recommendations"]
    assert json.loads(out)["tacos"] is None  # no business report: TACoS unknown, not 0
    assert {r["kind"] for r in listed} >= {"bid", "negative", "harvest", "budget"}
    first = listed[0]
    assert first["reason_text"] and first["evidence"] and first["status"] == "proposed"
    code, out, _ = run(db_url, "ads", "recommendations", "--date", "2026-11-20")
    assert code == 0 and "Ad recommendations · Acme US · 2026-11-20" in out
    assert "TACoS: unknown" in out
    negative = next(r["id"] for r in listed if r["kind"] == "negative")
    code, out, _ = run(db_url, "ads", "approve", str(negative), "--by", "ana")
    assert code == 0 and "1 recommendation approved by ana" in out
    code, _, err = run(db_url, "ads", "approve", str(negative), "--by", "bo")
    assert code == 1 and "already decided" in err
    bulk = tmp_path / "bulk.xlsx"
    code, out, err = run(db_url, "ads", "export", str(bulk), "--by", "ana")
    assert code == 0, err
    assert bulk.exists() and (tmp_path / "bulk-revert.xlsx").exists()
    code, out, _ = run(db_url, "ads", "export", str(bulk))
    assert code == 0 and "Nothing approved" in out


def test_recommendations_print_tacos_when_total_sales_are_known(
    engine: Engine, db_url: str
) -> None:
    from datetime import timedelta

    from tests import factories as f
    from tests.factories import AS_OF

    with unit_of_work(engine) as s:
        store = world.account(s)
        for k in range(30):
            f.traffic(s, store, world.ASIN, AS_OF - timedelta(days=k), units=10, price="40.00")
    code, out, err = run(db_url, "ads", "recommendations", "--json", "--date", "2026-11-20")
    assert code == 0, err
    found = json.loads(out)
    assert found["tacos"]["tacos"] == round(285 / 12000, 4)
    per_rec = {r["tacos"] for r in found["recommendations"] if r["ad_group"] or r["sku"]}
    assert per_rec == {round(285 / 12000, 4)}  # one product: every ad group's TACoS is its
    code, out, _ = run(db_url, "ads", "recommendations", "--date", "2026-11-20")
    assert "TACoS 2026-10-22 – 2026-11-20: 2.4%" in " ".join(out.split())


def test_approve_needs_ids_or_all(engine: Engine, db_url: str) -> None:
    with unit_of_work(engine) as s:
        world.account(s)
    code, _, err = run(db_url, "ads", "approve")
    assert code == 1 and "--all" in err


def test_the_real_cli_writes_the_bulk_file_and_its_revert_with_bulkfile_or_export(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    from python_calamine import CalamineWorkbook

    from sellerops.ads import bulk_export
    from sellerops.cli.app import app as real

    def call(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(real, list(args), env={"SELLEROPS_DATABASE_URL": db_url})
        return result.exit_code, result.stdout, result.stderr

    with unit_of_work(engine) as s:
        world.account(s)
    code, out, err = call("ads", "recommendations", "--json", "--date", "2026-11-20")
    assert code == 0, err
    listed = json.loads(out)["recommendations"]
    harvest = next(r["id"] for r in listed if r["kind"] == "harvest")
    budget = next(r["id"] for r in listed if r["kind"] == "budget")
    assert call("ads", "approve", str(harvest), "--by", "ana")[0] == 0
    code, out, err = call("ads", "bulkfile", str(tmp_path / "changes.xlsx"), "--by", "ana")
    assert code == 0, err
    forward = CalamineWorkbook.from_path(str(tmp_path / "changes.xlsx"))
    rows = forward.get_sheet_by_name(bulk_export.SHEET).to_python()
    assert [(r[1], r[2]) for r in rows[1:]] == [("Keyword", "Create"),
                                                ("Negative keyword", "Create")]  # fmt: skip
    back = CalamineWorkbook.from_path(str(tmp_path / "changes-revert.xlsx"))
    rows = back.get_sheet_by_name(bulk_export.SHEET).to_python()
    assert [r[2] for r in rows[1:]] == ["Archive", "Archive"]
    # the created keyword and negative have no Amazon id yet: the command says how to get them
    assert "2 rows of the revert file archive keywords or negatives" in " ".join(out.split())
    # ``export`` is the same command under its earlier name.
    assert call("ads", "approve", str(budget), "--by", "ana")[0] == 0
    code, out, err = call("ads", "export", str(tmp_path / "more.xlsx"), "--revert",
                          str(tmp_path / "undo.xlsx"))  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "more.xlsx").exists() and (tmp_path / "undo.xlsx").exists()
    assert "revert file archive" not in out  # a budget change reverts by its campaign id


def test_the_deals_template_in_both_languages(tmp_path: Path) -> None:
    from sellerops.cli.app import app as real

    result = runner.invoke(real, ["template", "deals", "--lang", "zh"])
    assert result.exit_code == 0 and result.stdout.startswith("SKU,促销类型,开始日期")
    result = runner.invoke(real, ["template", "deals", "--lang", "en", "--out",
                                  str(tmp_path / "deals.csv")])  # fmt: skip
    assert result.exit_code == 0
    assert (tmp_path / "deals.csv").read_text("utf-8-sig").startswith("sku,kind,start_date")


def test_the_table_says_what_each_change_does_and_how_many_are_not_shown(
    engine: Engine, db_url: str
) -> None:
    with unit_of_work(engine) as s:
        world.account(s)
    code, out, err = run(db_url, "ads", "recommendations", "--json", "--date", "2026-11-20")
    assert code == 0, err
    found = json.loads(out)["recommendations"]
    assert len(found) > 1 and {r["status"] for r in found} == {"proposed"}
    bid = next(r for r in found if r["kind"] in ("bid", "budget"))

    code, out, _ = run(db_url, "ads", "recommendations", "--date", "2026-11-20", "--limit", "0")
    flat = " ".join(out.split())
    assert "– → –" not in flat and "proposed" in flat and " open " not in flat
    assert f"${bid['current']:.2f} → ${bid['proposed']:.2f}" in flat  # money, not bare numbers
    assert "not shown" not in flat
    code, out, _ = run(db_url, "ads", "recommendations", "--date", "2026-11-20", "--limit", "1")
    assert f"… {len(found) - 1} more recommendations not shown" in " ".join(out.split())


def test_state_changes_read_as_words_in_both_languages() -> None:
    from sellerops.cli.ads_commands import _change

    pause = {"kind": "pause", "current": None, "proposed": None, "currency": "USD"}
    assert _change(pause, "en") == "enabled → paused" and _change(pause, "zh") == "启用 → 暂停"
    harvest = {"kind": "harvest", "current": None, "proposed": 1.13, "currency": "USD"}
    assert _change(harvest, "en") == "new exact, bid $1.13"
    budget = {"kind": "budget", "current": 1200.0, "proposed": 900.0, "currency": "EUR"}
    assert _change(budget, "en") == "€1,200.00 → €900.00"


def test_the_change_log_names_the_sellerops_user_for_approve_and_bulkfile(
    engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    from sqlalchemy import select

    from sellerops.accounts import service as accounts
    from sellerops.ads.models import AdChangeLog
    from sellerops.core.config import get_settings

    monkeypatch.setattr(getpass, "getuser", lambda: "unix-login")
    with unit_of_work(engine) as s:
        world.account(s)
        accounts.create_user(session=s, email="Ana@Example.com", password="a long passphrase 1",
                             is_owner=True)  # fmt: skip
    listed = json.loads(run(db_url, "ads", "recommendations", "--json", "--date",
                            "2026-11-20")[1])["recommendations"]  # fmt: skip
    ids = [str(r["id"]) for r in listed if r["kind"] in ("negative", "harvest")][:2]
    # the only sellerops user of a solo set-up acts, not the operating-system login
    code, out, err = run(db_url, "ads", "approve", ids[0])
    assert code == 0, err
    assert "approved by ana@example.com" in out
    with unit_of_work(engine) as s:
        accounts.create_user(session=s, email="bo@example.com", password="a long passphrase 2")
    get_settings.cache_clear()
    monkeypatch.setenv("SELLEROPS_USER", "BO@example.com")  # two users: the setting says who
    try:
        assert run(db_url, "ads", "approve", ids[1])[0] == 0
        code, _, err = run(db_url, "ads", "export", str(tmp_path / "b.xlsx"))
        assert code == 0, err
    finally:
        get_settings.cache_clear()
    with unit_of_work(engine) as s:
        log = s.execute(select(AdChangeLog.action, AdChangeLog.actor).order_by(AdChangeLog.id))
        actors = [tuple(r) for r in log]
    assert actors[0] == ("approved", "ana@example.com")
    assert ("approved", "bo@example.com") in actors
    assert {a for action, a in actors if action == "exported"} == {"bo@example.com"}
    assert all(a != "unix-login" for _, a in actors)
