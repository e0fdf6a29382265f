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
    assert "Closest" not in err and "README.md" in err


def test_import_help_says_when_a_store_is_created(db_url: str) -> None:
    code, out, _ = run("import", "--help", db_url=db_url)
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    assert "created if new" not in flat
    assert "a new one is created when the marketplace is known" in flat
