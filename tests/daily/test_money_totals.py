"""Money at stake adds like with like: per-day amounts x 30 plus monthly amounts make the
per-month total, one-off amounts a total of their own; the terminal, the Today page and the
XLSX report give the same totals, each saying its period."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.finding import Finding
from sellerops.daily.registry import Check
from sellerops.finance.reports import build_report
from sellerops.reports.render import problem_money, write_xlsx
from sellerops.web import today
from tests import factories as f
from tests.factories import AS_OF

#: Kinds without messages: their titles render as their keys (the money is what is tested).
FINDINGS = [
    # $10 a day of lost sales: $300 a month
    Finding("inventory", "test_lost_sales", "high", "sku", "SKU-DAY", Decimal("10.00"), "USD",
            money_period="day"),
    # $250 a month of excess storage
    Finding("inventory", "test_storage", "medium", "sku", "SKU-MONTH", Decimal("250.00"), "USD",
            money_period="month"),
    # a $120 reimbursement owed once: never multiplied, never added to the monthly total
    Finding("finance", "test_owed", "low", "sku", "SKU-ONCE", Decimal("120.00"), "USD",
            money_period="once"),
]  # fmt: skip


def test_totals_add_like_with_like() -> None:
    pairs = [(x, None) for x in FINDINGS]
    totals = present.money_totals(pairs)
    assert totals == present.MoneyTotals(Decimal("550.00"), Decimal("120.00"))
    assert present.money_text(totals, "USD", "en") == (
        "≈ $550.00 per month (per-day amounts × 30 + monthly amounts) + $120.00 one-off"
    )
    assert present.money_text(totals, "USD", "zh") == (
        "约每月 US$550.00（按天金额 × 30 + 按月金额） + 一次性 US$120.00"
    )
    # a finding sharing the money of one listed is not added again; one-off alone is omitted
    shared = present.money_totals([(FINDINGS[0], None), (FINDINGS[1], FINDINGS[0].key)])
    assert shared == present.MoneyTotals(Decimal("300.00"), Decimal(0))
    assert "one-off" not in present.money_text(shared, "USD", "en")


def _sheet_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as book:
        workbook = book.read("xl/workbook.xml").decode()
        sheets = re.findall(r'<sheet name="([^"]+)"', workbook)
        return book.read(f"xl/worksheets/sheet{sheets.index(name) + 1}.xml").decode()


def test_cli_today_and_the_xlsx_report_agree_on_the_money_at_stake(
    engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = Check("inventory", "money_totals_test", lambda ctx: list(FINDINGS))
    monkeypatch.setattr(daily, "all_checks", lambda: [check])
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.traffic(s, store, "B0MONEY001", AS_OF, units=3)  # Today shows the newest day
        store_id = store.id
    expected = present.MoneyTotals(Decimal("550.00"), Decimal("120.00"))

    # the terminal (the review runs and stores the findings)
    for lang, text in (("en", "per month"), ("zh", "约每月")):
        result = CliRunner().invoke(
            app, ["--lang", lang, "review", "--date", AS_OF.isoformat()],
            env={"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "250"},
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert present.money_text(expected, "USD", lang) in result.output
        assert text in result.output

    # the Today page's summary, summed by the database
    with unit_of_work(engine) as s:
        summary = today.review_summary(session=s, store_id=store_id, as_of=AS_OF)
        store = s.get(Store, store_id)
        assert store is not None
        full = today.persisted_review(session=s, store=store, as_of=AS_OF)
        report = build_report(session=s, store=store, kind="daily", day=AS_OF, currency="USD")
    assert (summary.monthly, summary.once) == (550.0, 120.0)
    for lang in ("en", "zh"):
        with unit_of_work(engine) as s:
            store = s.get(Store, store_id)
            assert store is not None
            page = today.today_data(session=s, store=store, lang=lang)
        assert page.money_text == present.money_text(expected, "USD", lang)
    assert present.review_money(full) == expected

    # the XLSX report: each row's period, per-month and one-off columns, totals as formulas
    assert problem_money(report) == expected
    out = write_xlsx(report, tmp_path / "daily.xlsx", "en")
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Problems").to_python()
    assert rows[0][:5] == ["Problem", "Money at stake", "Period", "Per month (per day × 30)",
                           "One-off"]  # fmt: skip
    by_period = {r[2]: r for r in rows[1:4]}
    assert by_period["per day"][1:5] == [10.0, "per day", 300.0, ""]
    assert by_period["per month"][1:5] == [250.0, "per month", 250.0, ""]
    assert by_period["one-off"][1:5] == [120.0, "one-off", "", 120.0]
    total = rows[4]
    assert str(total[0]).startswith("Total") and total[3:5] == [550.0, 120.0]
    assert rows[5][0] == present.money_text(expected, "USD", "en")
    xml = _sheet_xml(out, "Problems")
    assert "<f>SUM(D2:D4)</f>" in xml and "<f>SUM(E2:E4)</f>" in xml
    assert re.search(r"<f>B\d\*30</f>", xml)  # per day x 30, live in the sheet
