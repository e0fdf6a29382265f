"""The daily / weekly / monthly report: its periods, and the pages a manager opens."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance import service as finance
from sellerops.finance.reports import Period, Report, build_report, periods
from sellerops.ingest.service import import_file
from sellerops.reports import render
from sellerops.reports.render import render_html, write_pdf, write_xlsx
from tests.ingest.helpers import DATA

DAY = date(2026, 11, 26)
EVIL = '=HYPERLINK("http://x","click")'


def test_report_periods_compare_with_the_previous_period_and_last_year() -> None:
    assert periods("weekly", DAY) == (
        Period(date(2026, 11, 20), DAY),
        Period(date(2026, 11, 13), date(2026, 11, 19)),
        Period(date(2025, 11, 21), date(2025, 11, 27)),  # 364 days back: same weekdays
    )
    month, previous, last_year = periods("monthly", date(2026, 3, 31))
    assert previous == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert last_year == Period(date(2025, 3, 1), date(2025, 3, 31)) and month.days == 31


def _report(engine: Engine, kind: str = "weekly") -> Report:
    for name in ("AllOrders_US_2026-11-20.txt", "BusinessReport_US_2026-11-20.csv",
                 "Settlement_V2_US.txt"):  # fmt: skip
        assert import_file(engine=engine, path=DATA / "finance" / name).status == "imported"
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        line = {"store_id": store.id, "source_id": "X1", "line_no": 1, "posted_day": DAY,
                "transaction_type": "Order", "sku": EVIL, "quantity": 1,
                "amount_type": "ItemPrice", "amount_description": "Principal",
                "amount": Decimal("10.00"), "currency": "USD"}  # fmt: skip
        finance.save_fee_lines(session=session, lines=[line])
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        return build_report(session=session, store=store, kind=kind, day=DAY, currency="USD")


def test_the_weekly_report_page_shows_kpis_profit_and_chart_in_both_languages(
    engine: Engine,
) -> None:
    report = _report(engine)

    en, zh = render_html(report, "en"), render_html(report, "zh")
    assert "Weekly report" in en and "周报" in zh
    assert "Sales" in en and "销售额" in zh and "<svg" in en
    assert "Referral fees" in en and "销售佣金" in zh
    assert "HYPERLINK(&#34;" in en  # outside text is escaped, never markup
    sales = {k.key: k for k in report.kpis}["sales"]
    assert (sales.now, sales.previous) == (1469.93, None)  # the Business Report of Nov 20
    assert report.pnl.sales == Decimal("1339.96")  # 39.99 + 79.98 + 9.99 + 1,200.00 + 10.00
    assert report.settled_through == DAY


def test_the_xlsx_report_has_formulas_and_no_outside_text_runs_as_one(
    engine: Engine, tmp_path: Path
) -> None:
    path = write_xlsx(_report(engine), tmp_path / "week.xlsx", "en")

    with zipfile.ZipFile(path) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheets = "".join(book.read(n).decode() for n in book.namelist() if "worksheets/sheet" in n)
    assert "'=HYPERLINK" in strings  # the SKU, quoted
    assert "<f>SUM(B2:B" in sheets and "<f>IF(D2=0" in sheets  # our own formulas
    assert "HYPERLINK" not in sheets


@pytest.mark.slow
def test_the_pdf_report_embeds_a_cjk_font_for_chinese(engine: Engine, tmp_path: Path) -> None:
    path = write_pdf(_report(engine, "daily"), tmp_path / "day.pdf", "zh")

    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "Noto-Sans-CJK-SC" in fonts.stdout


def test_a_chinese_pdf_without_a_cjk_font_is_refused_not_printed_as_boxes(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "cjk_font_installed", lambda: False)
    report = _report(engine, "daily")

    with pytest.raises(render.MissingFontError, match=r"方框.*fonts-noto-cjk"):
        write_pdf(report, tmp_path / "zh.pdf", "zh")
    assert not (tmp_path / "zh.pdf").exists()
    # an English report of Latin-script products needs no such font
    assert write_pdf(report, tmp_path / "en.pdf", "en").read_bytes().startswith(b"%PDF")


def test_fontconfig_is_asked_for_a_chinese_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    assert render.cjk_font_installed() is None  # cannot tell: the PDF is written as before


def test_kpi_names_print_as_written_so_acos_is_not_acos_in_capitals(engine: Engine) -> None:
    page = render_html(_report(engine), "en")
    assert '<div class="name">ACoS</div>' in page
    styles = "".join(re.findall(r"<style[^>]*>(.*?)</style>", page, flags=re.S))
    assert "uppercase" not in styles  # CSS capitals would print "ACOS", "TACOS"


def test_the_report_page_marks_a_problem_that_counts_the_same_money_as_another(
    engine: Engine,
) -> None:
    from sellerops.core import i18n
    from sellerops.daily.finding import Finding

    i18n.register_messages({f"catalog.report_test.{part}": {"en": "{entity} " + part,
                                                           "zh": "{entity} " + part}
                            for part in ("title", "action")})  # fmt: skip
    report = _report(engine, kind="daily")
    drop, listing, other = (
        Finding("catalog", "report_test", "high", "sku", sku, Decimal(money), "USD")
        for sku, money in (("SKU-1", "459.77"), ("SKU-2", "441.21"), ("SKU-3", "9"))
    )
    report.problems = [drop, listing, other]
    report.problem_overlaps = {listing.key: drop.key}  # e.g. a suppressed listing's lost sales

    for lang, marker in (("en", "same money as row 1: not added to the total again"),
                         ("zh", "与第 1 行为同一笔金额：不重复计入合计")):  # fmt: skip
        rows = re.findall(r'<tr class="problem">(.*?)</tr>', render_html(report, lang), re.S)
        assert len(rows) == 3
        assert [re.search(r'class="num rank">(\d+)<', row)[1] for row in rows] == ["1", "2", "3"]  # type: ignore[index]
        assert [marker in row for row in rows] == [False, True, False]


def test_the_order_items_kpi_has_one_name_in_the_reports_and_on_the_today_page(
    engine: Engine, tmp_path: Path
) -> None:
    """Both count the Business Report's "Total Order Items" (lines of orders, not orders):
    Today said "Order items 334" while the reports said "Orders 334"."""
    from sellerops.core import i18n
    from sellerops.reports.messages import kpi_name
    from sellerops.web import messages  # noqa: F401  (registers web.kpi.*)

    report = _report(engine)
    en, zh = render_html(report, "en"), render_html(report, "zh")
    assert (
        '<div class="name">Order items</div>' in en and '<div class="name">Orders</div>' not in en
    )
    assert '<div class="name">订单商品数</div>' in zh and '<div class="name">会话</div>' in zh
    for key in ("sales", "units", "orders", "sessions", "conversion"):
        for lang in ("en", "zh"):
            assert i18n.t(f"web.kpi.{key}", lang) == kpi_name(key, lang)
    path = write_xlsx(report, tmp_path / "week.xlsx", "zh")
    with zipfile.ZipFile(path) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "订单商品数" in strings and "订单数" not in strings
