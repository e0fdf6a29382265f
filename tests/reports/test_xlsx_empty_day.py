"""The XLSX report of a day without orders: no circular SUM, and sheets that say they are empty."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.finance.reports import build_report
from sellerops.reports.render import write_xlsx
from tests import factories


def _sheets(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        return {n: book.read(n).decode() for n in book.namelist() if "worksheets/sheet" in n}


def test_a_day_without_orders_writes_no_circular_sum(engine: Engine, tmp_path: Path) -> None:
    with unit_of_work(engine) as session:
        store = factories.store(session)
        report = build_report(session=session, store=store, kind="daily",
                              day=date(2026, 11, 26), currency="USD")  # fmt: skip
    assert not report.top_skus and not report.losers and not report.problems

    for lang in ("en", "zh"):
        path = write_xlsx(report, tmp_path / f"day-{lang}.xlsx", lang)
        sheets = _sheets(path)
        formulas = re.findall(r"<f>([^<]*)</f>", "".join(sheets.values()))
        for formula in formulas:  # no SUM whose range ends above its own row (B2:B1)
            for first, last in re.findall(r"SUM\([A-Z](\d+):[A-Z](\d+)\)", formula):
                assert int(last) >= int(first), formula
        with zipfile.ZipFile(path) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
        assert ("Nothing to show." if lang == "en" else "暂无。") in strings  # the SKUs sheet
