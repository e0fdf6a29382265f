"""``import --json``, ``imports`` and ``reconcile`` as a script or an operator meets them.

``imports``, ``reconcile`` and ``profit`` are registered on the real app by ``cli/app.py``;
this test mounts them on an app of its own, next to the real ``import`` command.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from sellerops.cli import data_commands, finance_commands, profit_command

DATA = Path(__file__).parents[1] / "data" / "ingest"
FINANCE = DATA / "finance"
KEYS = {"file", "report_type", "marketplace", "date_from", "date_to", "rows_read",
        "rows_inserted", "rows_updated", "rows_rejected", "totals", "error"}  # fmt: skip

app = typer.Typer()


@app.callback()
def _root() -> None:
    """sellerops (finance commands)."""


app.command("import")(data_commands.import_reports)
app.command("imports")(finance_commands.imports)
app.command("reconcile")(finance_commands.reconcile_command)
app.command("profit")(profit_command.profit)
runner = CliRunner()


def run(db_url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"SELLEROPS_DATABASE_URL": db_url})
    return result.exit_code, result.stdout, result.stderr


def test_import_json_prints_one_object_per_file_and_fails_on_a_rejected_one(
    db_url: str,
) -> None:
    files = [FINANCE / "Settlement_V2_US.txt", FINANCE / "DateRange_US_bad_date.csv"]
    code, out, _ = run(db_url, "import", "--json", *map(str, files))

    assert code == 1
    good, bad = json.loads(out)
    assert set(good) >= KEYS and set(bad) >= KEYS
    assert good["report_type"] == "settlement_v2" and good["marketplace"] == "US"
    assert (good["date_from"], good["date_to"]) == ("2026-11-15", "2026-11-29")
    assert (good["rows_read"], good["rows_inserted"], good["rows_updated"]) == (13, 12, 0)
    assert good["totals"] == {"total": "1071.48"} and good["currency"] == "USD"
    assert good["error"] is None
    assert bad["report_type"] == "date_range" and bad["totals"] is None
    assert bad["error"].startswith('DateRange_US_bad_date.csv, line 10, column "date/time"')


def test_import_json_of_sales_files_reports_units_and_sales(db_url: str) -> None:
    code, out, _ = run(db_url, "import", "--json", str(FINANCE / "AllOrders_US_2026-11-20.txt"))

    assert code == 0
    # quantity 1 + 2 + 30 + 0 + 1; item-price 39.99 + 79.98 + 1,260.00 + 19.99
    assert json.loads(out)[0]["totals"] == {"units": "34", "sales": "1399.96"}


def test_imports_lists_what_the_database_holds_with_the_same_keys(db_url: str) -> None:
    run(db_url, "import", str(FINANCE / "Settlement_V2_US.txt"))
    run(db_url, "import", str(FINANCE / "DateRange_US_2026Nov1-2026Nov15.csv"))

    code, out, _ = run(db_url, "imports", "--json")
    assert code == 0
    newest, oldest = json.loads(out)
    assert set(newest) >= KEYS
    assert (newest["report_type"], newest["totals"]) == ("date_range", {"total": "-1476.02"})
    assert (oldest["report_type"], oldest["store"]) == ("settlement_v2", "US")

    code, out, _ = run(db_url, "imports", "--store", "US")
    assert code == 0 and "Date Range transaction report" in out and "Total -$1,476.02" in out
    assert run(db_url, "imports", "--store", "Nowhere")[0] == 1


def _zh(db_url: str, *args: str) -> str:
    from sellerops.core.config import get_settings

    get_settings.cache_clear()  # the settings are read once per process
    env = {"SELLEROPS_DATABASE_URL": db_url, "SELLEROPS_LANG": "zh", "COLUMNS": "250"}
    try:
        result = runner.invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_imports_in_chinese_names_the_report_and_its_totals_in_chinese(db_url: str) -> None:
    ads = DATA / "ads" / "SP_Search_Term_US_2026-11-24_25.csv"
    assert run(db_url, "import", str(ads))[0] == 0
    assert run(db_url, "import", str(FINANCE / "Settlement_V2_US.txt"))[0] == 0

    out = _zh(db_url, "imports")
    assert "广告搜索词报告" in out and "结算报告（V2 平面文件）" in out
    assert "ads_search_term" not in out and "settlement_v2" not in out
    for word in ("impressions", "clicks", "spend", "sales", "orders", "total", "USD"):
        assert word not in out, word
    assert "曝光量" in out and "点击量" in out and "花费 US$" in out and "订单数" in out
    assert "合计 US$1,071.48" in out
    # a script keeps the keys
    _, text, _ = run(db_url, "imports", "--json")
    assert {r["report_type"] for r in json.loads(text)} == {"ads_search_term", "settlement_v2"}


def test_import_prints_the_reports_name_in_the_readers_language(db_url: str) -> None:
    out = _zh(db_url, "import", str(FINANCE / "Settlement_V2_US.txt"))
    assert "结算报告（V2 平面文件）" in out and "settlement_v2" not in out
    code, out, _ = run(db_url, "import", "--force", str(FINANCE / "Settlement_V2_US.txt"))
    assert code == 0 and "Settlement report (V2 flat file)" in " ".join(out.split())


def test_imports_types_lists_every_report_type_by_name(db_url: str) -> None:
    out = _zh(db_url, "imports", "--types")
    assert "成本表 cost_sheet" in out and "广告搜索词报告 ads_search_term" in out
    code, text, _ = run(db_url, "imports", "--types", "--json")
    listed = {r["report_type"]: r["title"] for r in json.loads(text)}
    assert code == 0 and listed["cost_sheet"] == "Costs sheet" and len(listed) >= 40


def test_reconcile_lists_differences_with_their_reasons(db_url: str) -> None:
    for name in ("AllOrders_US_2026-11-20.txt", "BusinessReport_US_2026-11-20.csv",
                 "Settlement_V2_US.txt"):  # fmt: skip
        assert run(db_url, "import", str(FINANCE / name))[0] == 0

    code, out, err = run(db_url, "reconcile", "--json", "--from", "2026-11-01")
    assert code == 0, err
    report = json.loads(out)
    (store,) = report["stores"]
    assert report["from"] == "2026-11-01" and store["store"] == "US"
    reasons = {(d["check"], d["subject"]): d["reason"] for d in store["differences"]}
    assert reasons[("units", "B0CHILD003")] == (
        "Business Report counts units ordered including later-cancelled orders"
    )
    assert reasons[("principal", "order 113-0000009-0000009, SKU NOZZLE-8")] == (
        "order in a settlement not yet covered by an order report"
    )

    code, out, _ = run(db_url, "reconcile", "--store", "US")
    assert code == 0 and "Reconciliation · US" in out and "B0CHILD003" in out


def _two_stores(db_url: str, tmp_path: Path) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text("date,from_currency,to_currency,rate\n2026-11-15,USD,EUR,0.90\n"
                     "2026-11-23,USD,EUR,0.95\n")  # fmt: skip
    for name in ("Settlement_V2_US.txt", "Settlement_V2_DE.txt"):
        assert run(db_url, "import", str(FINANCE / name))[0] == 0
    assert run(db_url, "import", "--store", "DE", str(rates))[0] == 0


def test_profit_adds_two_stores_up_to_the_account_in_a_reporting_currency(
    db_url: str, tmp_path: Path
) -> None:
    _two_stores(db_url, tmp_path)

    code, out, err = run(db_url, "profit", "--date", "2026-11-25", "--days", "10", "--by",
                         "account", "--currency", "EUR", "--json")  # fmt: skip

    assert code == 0, err
    data = json.loads(out)
    assert (data["currency"], data["by"], data["stores"]) == ("EUR", "account", ["DE", "US"])
    (row,) = data["rows"]
    assert row["lines"]["principal"] == "2496.92" == data["total"]["lines"]["principal"]

    code, out, err = run(db_url, "profit", "--date", "2026-11-25", "--days", "10", "--by",
                         "marketplace", "--period", "week", "--currency", "EUR")  # fmt: skip
    assert code == 0, err
    assert "Profit by marketplace" in out and "2026-11-16…22" in out and "Total" in out


def test_profit_names_the_missing_rate_and_asks_for_a_currency(db_url: str, tmp_path: Path) -> None:
    _two_stores(db_url, tmp_path)

    code, _, err = run(db_url, "profit", "--date", "2026-11-25", "--currency", "EUR",
                       "--rate-days", "3")  # fmt: skip
    assert code == 1
    assert "No USD → EUR exchange rate for 2026-11-20" in " ".join(err.split())

    code, _, err = run(db_url, "profit", "--date", "2026-11-25")
    assert code == 1 and "--currency" in err


def test_profit_lists_the_lines_behind_a_sku(db_url: str, tmp_path: Path) -> None:
    _two_stores(db_url, tmp_path)

    code, out, err = run(db_url, "profit", "--date", "2026-11-25", "--store", "US", "--sku",
                         "NOZZLE-8", "--lines", "--json")  # fmt: skip

    assert code == 0, err
    data = json.loads(out)
    assert data["pnl"]["lines"] == {"principal": "9.99", "other_fee": "-1.18"}
    assert [(x["day"], x["line"], x["amount"]) for x in data["fee_lines"]] == [
        ("2026-11-22", "principal", "9.99")
    ]
    assert data["allocations"] == [{"line": "other_fee", "amount": "-1.18", "rule": "units"}]

    code, out, _ = run(db_url, "profit", "--date", "2026-11-25", "--store", "US", "--sku",
                       "NOZZLE-8", "--lines")  # fmt: skip
    assert code == 0 and "Settlement / transaction lines" in out and "units sold" in out


def test_profit_says_how_many_rows_the_limit_left_out_and_still_lists_the_losing_ones(
    db_url: str, tmp_path: Path
) -> None:
    _two_stores(db_url, tmp_path)

    code, out, err = run(db_url, "profit", "--date", "2026-11-25", "--days", "10", "--by",
                         "store", "--currency", "EUR", "--limit", "1")  # fmt: skip

    assert code == 0, err
    assert "… 1 more rows not shown (--limit 0 shows all); rows losing money are always shown "
    "(0 of them past the limit)" in out.replace("\n", " "), out
    code, out, _ = run(db_url, "profit", "--date", "2026-11-25", "--days", "10", "--by",
                       "store", "--currency", "EUR", "--limit", "0")  # fmt: skip
    assert "more rows" not in out and "US" in out and "DE" in out


def test_rows_past_the_limit_that_lose_money_are_listed_anyway() -> None:
    from datetime import date, timedelta
    from decimal import Decimal
    from io import StringIO

    from rich.console import Console

    from sellerops.cli.common import Ctx
    from sellerops.cli.profit_command import _print_ledger
    from sellerops.core.config import get_settings
    from sellerops.finance.ledger import Ledger, LedgerRow
    from sellerops.finance.profit import SkuPnl

    day = date(2026, 11, 25)
    profits = {"WIN-1": "300", "WIN-2": "200", "WIN-3": "100", "LOSE-1": "-50"}
    t = Ledger(currency="USD", start=day, end=day, level="sku", period="all")
    for sku, profit in profits.items():
        t.rows.append(LedgerRow(day, day, sku, "US", "US",
                                SkuPnl(sku, units=1, lines={"principal": Decimal(profit)})))  # fmt: skip
    out = StringIO()
    ctx = Ctx(get_settings(), "en", Console(file=out, width=160), Console(file=StringIO()))

    _print_ledger(ctx, t, [], limit=1)

    text = out.getvalue()
    assert "WIN-1" in text and "LOSE-1" in text  # the best row, and the loss past the limit
    assert "WIN-2" not in text and "WIN-3" not in text
    assert "2 more rows not shown" in text and "(1 of them past the limit)" in text

    # every row past the limit loses money: all are listed, and the footer does not claim
    # that rows are missing; no row is estimated, so no "*" footnote either
    t.rows = [r for r in t.rows if r.pnl.sku in ("WIN-1", "LOSE-1")]
    t.settled_through = {"US": day - timedelta(days=3)}
    out.seek(0)
    out.truncate()

    _print_ledger(ctx, t, [], limit=1)

    text = out.getvalue()
    assert "LOSE-1" in text and "more rows not shown" not in text
    assert "the last 1 rows are past the limit and shown because they lose money" in text
    assert "estimated from orders" not in text


def test_imports_shows_a_refused_files_error_in_the_readers_language(db_url: str) -> None:
    bad = DATA / "BusinessReport_US_2026-11-27_bad_number.csv"
    assert run(db_url, "import", str(bad))[0] == 1
    from sellerops.core.config import get_settings

    env = {"SELLEROPS_DATABASE_URL": db_url}
    get_settings.cache_clear()  # the settings are read once per process
    out = runner.invoke(app, ["imports"], env={**env, "SELLEROPS_LANG": "zh"}).stdout
    get_settings.cache_clear()
    assert "✗" in out and "行" in out and "列" in out  # the located error, in Chinese
    assert ", line " not in " ".join(out.split())
    out = runner.invoke(app, ["imports"], env={**env, "SELLEROPS_LANG": "en"}).stdout
    assert ", line " in " ".join(out.split())
