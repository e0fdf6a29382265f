"""A rate's change (conversion, margin, ACoS) is a difference in percentage points wherever it
is shown: the report's HTML / PDF page, its XLSX and the web Today page (once Today showed a
conversion going from 10 % to 11 % as "+10 %" while the PDF said "+1 pts")."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from sellerops.finance.reports import Kpi, Period
from sellerops.reports.messages import points_change
from sellerops.reports.render import Formatter
from sellerops.web import today


def test_the_report_writes_a_rate_change_in_percentage_points_in_both_languages() -> None:
    conversion = Kpi("conversion", 0.11, 0.10, 0.125)
    en, zh = Formatter("USD", "en"), Formatter("USD", "zh")
    assert en.change(conversion, conversion.previous) == "▲ +1 pp"
    assert en.change(conversion, conversion.last_year) == "▼ -1.5 pp"
    assert zh.change(conversion, conversion.previous) == "▲ +1 个百分点"
    sales = Kpi("sales", 110.0, 100.0, None)
    assert en.change(sales, sales.previous) == "▲ +10%"  # money: relative, as before


def test_today_shows_the_conversion_change_as_the_report_does() -> None:
    assert points_change(0.11, 0.10, "en") == "+1 pp"
    delta = today._rate_delta(0.11, 0.10, True, "en")
    assert delta is not None and delta.text == "+1 pp" and delta.direction == "up"
    down = today._rate_delta(0.10, 0.11, True, "zh")
    assert down is not None and down.text == "-1 个百分点" and down.direction == "down"
    assert today._rate_delta(0.10, 0.0, False, "en") is None  # no sessions the day before
    # a day with sessions and no sale before is a real 0 %: +10 pp, not "no data"
    zero = today._rate_delta(0.10, 0.0, True, "en")
    assert zero is not None and zero.text == "+10 pp"


def test_the_xlsx_changes_a_rate_by_points(tmp_path: Path) -> None:
    import xlsxwriter

    from sellerops.reports import render

    path = tmp_path / "k.xlsx"
    book = xlsxwriter.Workbook(str(path))
    report = _FakeReport([Kpi("sales", 110.0, 100.0, None), Kpi("conversion", 0.11, 0.1, None)])
    render._kpi_sheet(book, render._styles(book, "USD"), report, "zh")  # type: ignore[arg-type]
    book.close()
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert "B4/C4-1)</f>" in sheet  # sales: relative
    assert "(B5-C5)*100)</f>" in sheet and "B5/C5-1" not in sheet  # conversion: points
    assert "个百分点" in styles


class _FakeReport:
    def __init__(self, kpis: list[Kpi]) -> None:
        self.kpis, self.store, self.kind, self.currency = kpis, "Acme", "weekly", "USD"
        self.period = Period(date(2026, 11, 20), date(2026, 11, 26))
