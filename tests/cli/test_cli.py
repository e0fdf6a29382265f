"""The command line as a user meets it: demo, review, import, findings, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sellerops import __version__
from sellerops.cli import app

DATA = Path(__file__).parents[1] / "data" / "ingest"
runner = CliRunner()


def run(*args: str, db_url: str | None = None) -> tuple[int, str, str]:
    env = {"SELLEROPS_DATABASE_URL": db_url} if db_url else {}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_init_creates_the_database_in_the_data_dir(tmp_path: Path) -> None:
    code, out, _ = run("init")
    assert code == 0 and "Database ready" in out
    assert (tmp_path / "data" / "sellerops.db").exists()
    code, out, _ = run("--lang", "zh", "init")
    assert code == 0 and "已是最新" in out


@pytest.mark.slow
def test_demo_imports_the_simulated_store_and_prints_a_ranked_review(db_url: str) -> None:
    code, out, err = run("demo", "--skus", "24", "--days", "70", db_url=db_url)
    assert code == 0, err
    assert "Daily review · Demo US" in out and "0 failed" in out
    code, out, _ = run("review", "--json", db_url=db_url)
    assert code == 0
    review = json.loads(out)
    assert review["store"] == "Demo US" and review["findings"]
    kinds = {f["kind"] for f in review["findings"]}
    assert len(kinds) >= 3, kinds
    for finding in review["findings"]:
        assert finding["module"] in {"catalog", "inventory", "ads", "finance"}
        assert finding["evidence"] and finding["action"]
        # a stock-out of a SKU that loses money risks no profit: nothing at stake
        losing = finding["evidence"].get("pnl_profit", 0) < 0 and finding["kind"] != "losing_money"
        assert finding["money_at_stake"] > 0 or losing
    # ranked by score; a finding sharing another's money follows that one
    leads = [f["score"] for f in review["findings"] if f["overlaps"] is None]
    assert leads == sorted(leads, reverse=True)
    position = {f["key"]: n for n, f in enumerate(review["findings"])}
    for n, finding in enumerate(review["findings"]):
        if finding["overlaps"] is not None:
            lead = position[finding["overlaps"]]
            between = review["findings"][lead + 1 : n]
            assert lead < n and all(f["overlaps"] == finding["overlaps"] for f in between)


def test_review_in_chinese_and_working_a_finding(tmp_path: Path) -> None:
    code, _, err = run("demo", "--skus", "16", "--days", "60", "--lang", "zh")
    assert code == 0, err
    review = json.loads(run("--lang", "zh", "review", "--json")[1])
    first = review["findings"][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first["title"])  # Chinese text
    code, out, _ = run("finding", "ack", str(first["id"]))
    assert code == 0 and "acknowledged" in out
    again = json.loads(run("review", "--json")[1])
    assert {f["id"]: f["status"] for f in again["findings"]}[first["id"]] == "acknowledged"
    code, _, err = run(
        "--lang", "zh", "finding", "snooze", str(first["id"]), "--until", "2025-01-01"
    )
    assert code == 1 and "2025-01-01" in err and "暂缓" in err  # a day already past: refused
    code, _, err = run("--lang", "zh", "finding", "ack", "999999")
    assert code == 1 and "没有编号为 999999 的事项" in err
    code, out, _ = run(
        "--lang", "zh", "finding", "snooze", str(first["id"]), "--until", "2099-01-02"
    )
    assert code == 0 and "已推迟至 2099-01-02（星期五）" in out  # the wake-up day, said
    code, out, _ = run("finding", "snooze", str(first["id"]), "--until", "2099-01-01")
    assert code == 0 and "snoozed until 2099-01-01 (Thursday)" in " ".join(out.split())
    later = json.loads(run("review", "--json")[1])
    assert first["id"] not in {f["id"] for f in later["findings"]}
    # a second demo would rebuild the store and lose that work: it asks for --reset first
    code, _, err = run("--lang", "zh", "demo", "--skus", "16", "--days", "60")
    assert code == 1 and "已处理 1 条问题" in err and "sellerops demo --reset" in err
    assert json.loads(run("review", "--json")[1])["findings"] == later["findings"]


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    report = DATA / "BusinessReport_US_2026-11-26.csv"
    code, out, err = run("import", str(report))
    assert code == 0, err
    assert "1 imported" in out
    code, out, _ = run("import", str(report))
    assert code == 0 and "1 already imported" in out
    before = json.loads(run("review", "--json")[1])
    code, out, _ = run("import", "--force", str(report))
    assert code == 0 and "0 new" in out.replace("+0 new", "0 new")
    assert json.loads(run("review", "--json")[1])["findings"] == before["findings"]


def test_an_unknown_file_is_rejected_naming_it_and_the_expected_reports(tmp_path: Path) -> None:
    code, _, err = run("import", str(DATA / "random_export.csv"))
    assert code == 1
    assert "random_export.csv is not a report sellerops knows" in err
    assert "Closest known report types:" in err


def test_a_bad_number_names_line_and_column_and_keeps_nothing(tmp_path: Path) -> None:
    code, _, err = run("import", str(DATA / "BusinessReport_US_2026-11-27_bad_number.csv"))
    assert code == 1 and "line" in err
    code, _, err = run("review")
    assert code == 1 and "no store yet" in err  # not even the store was kept


def test_a_dateless_report_without_a_date_in_its_name_asks_for_date(tmp_path: Path) -> None:
    copy = tmp_path / "BusinessReport.csv"
    shutil.copy(DATA / "BusinessReport_US_2026-11-26.csv", copy)
    code, _, err = run("import", "--marketplace", "US", str(copy))
    assert code == 1 and "--date" in err
    code, _, err = run("import", "--marketplace", "US", "--date", "2026-11-26", str(copy))
    assert code == 0, err


def test_review_without_any_store_explains_what_to_do(tmp_path: Path) -> None:
    code, _, err = run("review")
    assert code == 1 and "sellerops demo" in err
