"""`sellerops import` when the file does not say its store, marketplace or day: what the
command prints (and --json returns) about the store it used or created, and its refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from sellerops.cli import app

DATA = Path(__file__).parents[1] / "data" / "ingest"
runner = CliRunner()


def run(*args: str, db_url: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, list(args), env={"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "300"}
    )
    return result.exit_code, result.stdout, result.stderr


def copy(tmp_path: Path, name: str, as_name: str) -> Path:
    target = tmp_path / "files" / as_name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / name, target)
    return target


def test_a_german_business_report_is_refused_by_a_us_store(db_url: str, tmp_path: Path) -> None:
    us = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BusinessReport_US_2026-11-26.csv")
    code, out, _ = run("import", str(us), db_url=db_url)
    assert code == 0
    assert "→ store US (new: created for marketplace US)" in out
    assert "Created store US (US)" in out
    german = copy(tmp_path, "BusinessReport_DE_2026-11-26.csv", "BusinessReport-20.11.26.csv")
    code, out, _ = run("import", str(german), "--date", "2026-11-20", "--json", db_url=db_url)
    assert code == 1
    [record] = json.loads(out)
    assert record["error"] == (
        "BusinessReport-20.11.26.csv: the amounts are in EUR, but store 'US' sells on "
        "amazon.com in USD: pass --marketplace (e.g. --marketplace DE) or --store to import "
        "it into a store that sells in EUR"
    )
    assert record["rows_inserted"] == 0 and record["store_created"] is False
    code, out, _ = run("import", str(german), "--marketplace", "DE", "--json", db_url=db_url)
    assert code == 0
    [record] = json.loads(out)
    assert (record["store"], record["store_created"], record["marketplace"]) == ("DE", True, "DE")
    assert record["date_from"] == "2026-11-20" and record["currency"] == "EUR"
    code, out, _ = run("imports", "--json", db_url=db_url)
    assert code == 0
    files = [r["file"] for r in json.loads(out)]
    assert any(f.endswith("BusinessReport-20.11.26.csv") for f in files)


def test_the_refusal_and_the_new_store_line_in_chinese(db_url: str, tmp_path: Path) -> None:
    path = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BR_nomkt.csv")
    code, _, err = run("--lang", "zh", "import", str(path), "--date", "2026-11-26", db_url=db_url)
    assert code == 1
    assert "BR_nomkt.csv：文件没有说明属于哪个站点，且还没有店铺：请加上 --marketplace" in err
    code, out, _ = run(
        "--lang", "zh", "import", str(path), "--date", "2026-11-26", "--marketplace", "US",
        db_url=db_url,
    )  # fmt: skip
    assert code == 0 and "→ 店铺 US（新建：用于站点 US）" in out


def test_a_text_file_is_not_compared_with_report_types(db_url: str, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Ask the supplier about the lead time\n", encoding="utf-8")
    code, _, err = run("import", str(notes), db_url=db_url)
    assert code == 1
    assert "does not look like a report sellerops knows" in err
    assert "Closest" not in err and "README" not in err and "imports --types" in err


def test_import_help_says_when_a_store_is_created(db_url: str) -> None:
    code, out, _ = run("import", "--help", db_url=db_url)
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    assert "created if new" not in flat
    assert "a new one is created when the marketplace is known" in flat


def test_a_business_report_over_a_date_range_takes_from_and_to(db_url: str, tmp_path: Path) -> None:
    report = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BusinessReport_US.csv")
    code, out, _ = run("import", str(report), "--from", "2026-11-01", "--to", "2026-11-07",
                       "--json", db_url=db_url)  # fmt: skip
    assert code == 0
    [record] = json.loads(out)
    assert (record["date_from"], record["date_to"]) == ("2026-11-01", "2026-11-07")
    assert record["totals"] == {"units": "1243", "sales": "23636.69"}
    code, out, _ = run("imports", "--json", db_url=db_url)
    [listed] = json.loads(out)
    assert (listed["date_from"], listed["date_to"]) == ("2026-11-01", "2026-11-07")
    code, out, _ = run("imports", db_url=db_url)
    assert "2026-11-01…2026-11-07" in out


def test_date_and_a_range_are_refused_together_and_a_range_needs_both_ends(
    db_url: str, tmp_path: Path
) -> None:
    report = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BusinessReport_US.csv")
    code, _, err = run("import", str(report), "--date", "2026-11-01", "--to", "2026-11-07",
                       db_url=db_url)  # fmt: skip
    assert code != 0 and "pass either --date (one day) or --from and --to" in err
    code, _, err = run("import", str(report), "--from", "2026-11-01", db_url=db_url)
    assert code != 0 and "a date range needs both --from and --to" in err
    code, _, err = run("--lang", "zh", "import", str(report), "--from", "2026-11-07", "--to",
                       "2026-11-01", db_url=db_url)  # fmt: skip
    assert code != 0 and "--to 2026-11-01 早于 --from 2026-11-07" in err


def test_every_missing_option_is_named_in_one_message(db_url: str, tmp_path: Path) -> None:
    report = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BusinessReport.csv")
    code, _, err = run("import", str(report), db_url=db_url)
    assert code == 1
    flat = " ".join(err.split())
    assert "pass --marketplace (e.g. --marketplace US); and a Business Report" in flat
    assert "pass --date YYYY-MM-DD, or --from and --to for a report over several days" in flat
    code, _, err = run("--lang", "zh", "import", str(report), db_url=db_url)
    flat = "".join(err.split())
    assert (
        "请加上--marketplace（如--marketplaceUS）；另外，" in flat and "请加上--from和--to" in flat
    )


def test_reconcile_compares_a_date_range_business_report_with_the_orders_of_its_days(
    db_url: str, tmp_path: Path
) -> None:
    text = (DATA / "finance/AllOrders_US_2026-11-20.txt").read_text(encoding="utf-8")
    orders = tmp_path / "AllOrders_US.txt"  # the same orders, one of them a day earlier
    orders.write_text(text.replace("2026-11-20T17:00", "2026-11-19T17:00"), encoding="utf-8")
    report = copy(tmp_path, "finance/BusinessReport_US_2026-11-20.csv", "BusinessReport_US.csv")
    assert run("import", str(orders), db_url=db_url)[0] == 0
    code, _, err = run("import", str(report), "--from", "2026-11-19", "--to", "2026-11-20",
                       db_url=db_url)  # fmt: skip
    assert code == 0, err
    code, out, _ = run("reconcile", "--json", db_url=db_url)
    [store] = json.loads(out)["stores"]
    assert store["checked"]["periods"] == 1
    found = [(d["check"], d["day"], d["day_to"], d["subject"], d["left"], d["right"])
             for d in store["differences"]]  # fmt: skip
    assert found == [
        ("period_units", "2026-11-19", "2026-11-20", "B0CHILD003", "0", "1"),
        ("period_units", "2026-11-19", "2026-11-20", "B0CHILD004", "0", "2"),
    ]
    code, out, _ = run("reconcile", db_url=db_url)
    assert "1 date-range Business Report compared" in out
    assert "2026-11-19…2026-11-20" in out


def test_options_the_file_name_overrules_are_named_in_the_json_and_the_text(
    db_url: str, tmp_path: Path
) -> None:
    path = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BusinessReport_US_2026-11-20.csv")
    code, out, _ = run("import", str(path), "--date", "2026-11-25", "--marketplace", "DE",
                       "--json", db_url=db_url)  # fmt: skip
    assert code == 0
    [record] = json.loads(out)
    assert (record["store"], record["date_from"]) == ("US", "2026-11-20")
    assert record["notes"] == [
        "the file name says amazon.com (US), so --marketplace DE was not used",
        "the file name says 2026-11-20, so --date 2026-11-25 was not used",
    ]
    again = copy(tmp_path, "BusinessReport_US_2026-11-26.csv", "BusinessReport_US_2026-11-21.csv")
    code, out, _ = run("import", str(again), "--marketplace", "DE", db_url=db_url)
    assert code == 0
    assert "the file name says amazon.com (US), so --marketplace DE was not used" in out
