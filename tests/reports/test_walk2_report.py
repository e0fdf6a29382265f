"""Walkthrough 2: the report's words for no change and for a day the review never ran."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.models import FindingRow
from sellerops.daily.service import run_review
from sellerops.finance.reports import Kpi, Report, build_report
from sellerops.reports.messages import label
from sellerops.reports.render import Formatter, render_html, tone, write_xlsx
from tests.reports.test_report_fixes import DAY, _store


def test_no_change_has_no_arrow() -> None:
    en, zh = Formatter("USD", "en"), Formatter("USD", "zh")
    sales = Kpi("sales", 100.0, 100.0, 100.02)
    assert en.change(sales, sales.previous) == "±0%" and tone(sales, sales.previous) == "flat"
    assert en.change(sales, sales.last_year) == "±0%"  # -0.02 %: rounds to 0, no "▼ -0%"
    conversion = Kpi("conversion", 0.1, 0.1, None)
    assert en.change(conversion, conversion.previous) == "±0 pp"
    assert zh.change(conversion, conversion.previous) == "±0 个百分点"
    assert en.change(Kpi("sales", 110.0, 100.0, None), 100.0) == "▲ +10%"
    assert en.change(Kpi("sales", 90.0, 100.0, None), 100.0) == "▼ -10%"


def _daily(engine: Engine) -> Report:
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        return build_report(session=session, store=store, kind="daily", day=DAY, currency="USD")


def test_a_day_the_review_never_ran_says_so_and_how_to_run_it(
    engine: Engine, tmp_path: Path
) -> None:
    _store(engine)
    with unit_of_work(engine) as session:  # an open finding, seen by an earlier review
        store = session.scalars(select(Store)).one()
        session.add(FindingRow(
            store_id=store.id, finding_key="k1", module="listing", kind="suppressed",
            severity="high", entity_type="sku", entity="NOZZLE-8", money_at_stake=Decimal(50),
            currency="USD", money_period="day", score=1.0, params={}, evidence={},
            first_seen=DAY - timedelta(days=3), last_seen=DAY - timedelta(days=1),
            status="open"))  # fmt: skip
    report = _daily(engine)
    assert not report.review_ran and not report.problems
    command = f"sellerops review --date {DAY.isoformat()} --store"
    for lang, words in (("en", "The daily review has not run for Nov 26, 2026"),
                        ("zh", "尚未运行每日检查")):  # fmt: skip
        html = render_html(report, lang)
        problems = html.split("<section>")[-1]
        assert words in problems and command in problems, lang
        assert "≈" not in problems and label("none", lang) not in problems
        book = write_xlsx(report, tmp_path / f"day-{lang}.xlsx", lang)
        with zipfile.ZipFile(book) as xlsx:
            strings = xlsx.read("xl/sharedStrings.xml").decode()
        assert words in strings and "≈" not in strings, lang
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        run_review(session=session, store=store, as_of=DAY)
    reviewed = _daily(engine)
    assert reviewed.review_ran
    assert "has not run" not in render_html(reviewed, "en")
