"""The XLSX report's P&L sheet over days no order report or settlement covers: "–" for a
period none of whose days is covered (not a column of 0s summing to a profit of 0), and
notes under the table naming the days, in English and Chinese (as the HTML report)."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook
from sqlalchemy import Engine

from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.finance.reports import Report, build_report
from sellerops.reports.messages import label
from sellerops.reports.render import write_xlsx
from tests.factories import AS_OF
from tests.reports.test_pnl_missing_days import LATER, _report, _store


def _pnl_rows(path: Path, lang: str) -> list[list[Any]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(label("sheet_pnl", lang)).to_python()


def _pnl_formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as book:  # the P&L is the second sheet
        return re.findall(r"<f>([^<]*)</f>", book.read("xl/worksheets/sheet2.xml").decode())


def _daily(engine: Engine, day: date) -> Report:
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        return build_report(session=s, store=store, kind="daily", day=day, currency="USD")


def test_a_day_no_data_covers_shows_dashes_beside_the_day_before_and_names_it(
    engine: Engine, tmp_path: Path
) -> None:
    _store(engine)
    day = AS_OF + timedelta(days=1)  # the first day after the orders: Business Report only
    report = _daily(engine, day)
    assert not report.pnl_known and report.pnl_previous_known
    assert report.pnl_previous.lines and not report.pnl.lines
    for lang in ("en", "zh"):
        path = write_xlsx(report, tmp_path / f"day-{lang}.xlsx", lang)
        rows = _pnl_rows(path, lang)
        profit = next(r for r in rows if r[0] == label("profit", lang))
        body = rows[1 : rows.index(profit)]
        assert body and all(r[1] == "–" for r in body), body  # were 0.00 each
        assert all(isinstance(r[2], float) for r in body), body  # the day before: known
        assert profit[1] == "–"  # was a SUM of 0s: a profit of 0.00
        assert _pnl_formulas(path) == [f"SUM(C2:C{len(body) + 1})"]
        notes = " ".join(str(r[0]) for r in rows[rows.index(profit) + 1 :] if r and r[0])
        assert i18n.day(day, lang) in notes
        assert label("pnl_missing_all", lang, days=i18n.day(day, lang)) in notes


def test_two_days_no_data_covers_are_both_dashes_and_both_named(
    engine: Engine, tmp_path: Path
) -> None:
    _store(engine)
    report = _report(engine, "daily")  # LATER, and the day before: Business Reports only
    assert not report.pnl_known and not report.pnl_previous_known
    for lang in ("en", "zh"):
        path = write_xlsx(report, tmp_path / f"day-{lang}.xlsx", lang)
        rows = _pnl_rows(path, lang)
        profit = next(r for r in rows if r[0] == label("profit", lang))
        assert profit[1:3] == ["–", "–"]
        assert _pnl_formulas(path) == []
        notes = " ".join(str(r[0]) for r in rows[rows.index(profit) + 1 :] if r and r[0])
        assert i18n.day(LATER, lang) in notes  # this period's day
        assert i18n.day(LATER - timedelta(days=1), lang) in notes  # the previous one's
    en = " ".join(str(r[0]) for r in _pnl_rows(tmp_path / "day-en.xlsx", "en"))
    zh = " ".join(str(r[0]) for r in _pnl_rows(tmp_path / "day-zh.xlsx", "zh"))
    assert "No order report or settlement covers the previous period" in en
    assert "上期" in zh and "同样没有任何订单报告或结算覆盖" in zh


def test_a_week_partly_covered_keeps_its_numbers_and_names_the_left_out_days(
    engine: Engine, tmp_path: Path
) -> None:
    _store(engine)
    report = _report(engine, "weekly")
    assert report.pnl_known and report.pnl_previous_known
    for lang in ("en", "zh"):
        path = write_xlsx(report, tmp_path / f"week-{lang}.xlsx", lang)
        rows = _pnl_rows(path, lang)
        profit = next(r for r in rows if r[0] == label("profit", lang))
        sales = next(r for r in rows if r[0].startswith(i18n.t("finance.line.principal", lang)))
        assert isinstance(sales[1], float) and sales[1] > 0 and isinstance(sales[2], float)
        assert len(_pnl_formulas(path)) == 2  # profit this period and the previous: SUMs
        assert "–" not in profit[1:3]
        notes = " ".join(str(r[0]) for r in rows[rows.index(profit) + 1 :] if r and r[0])
        first = i18n.day(AS_OF + timedelta(days=1), lang)
        assert first in notes and i18n.day(LATER, lang) in notes
    en = " ".join(str(r[0]) for r in _pnl_rows(tmp_path / "week-en.xlsx", "en"))
    zh = " ".join(str(r[0]) for r in _pnl_rows(tmp_path / "week-zh.xlsx", "zh"))
    assert "not counted as 0" in en and "Profit is not compared with" in en
    assert "不按 0 计算" in zh and "利润未与" in zh
