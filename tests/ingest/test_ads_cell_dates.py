"""Ads console reports and the Business Report's ``Date`` column: ``05/11/2026`` is read by
the whole date column of the file (``day_order``), on the row path and on the bulk path, not
month first per text: a UK file's 5 November is not stored on 11 May."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.ingest import columnar, service
from sellerops.ingest.errors import localize
from sellerops.ingest.reports import _ads_columnar
from sellerops.ingest.service import ImportOutcome, import_file
from tests.ingest.ads_helpers import search_terms

# report-formats.md §6a, time unit "Daily": ``Date`` instead of ``Start Date``, ``End Date``.
HEADER = [
    "Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Retailer",
    "Country", "Targeting", "Match Type", "Customer Search Term", "Impressions", "Clicks",
    "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACOS) ", "Total Return on Advertising Spend (ROAS)",
    "7 Day Total Orders (#)", "7 Day Total Units (#)", "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)", "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]  # fmt: skip
_COUNTRY = {"UK": ("United Kingdom", "GBP"), "US": ("United States", "USD"),
            "CA": ("Canada", "CAD")}  # fmt: skip


def search_term_csv(tmp_path: Path, market: str, days: list[str], name: str = "st.csv") -> Path:
    """One row per day (``Date`` cells as given), each with its own search term."""
    country, currency = _COUNTRY[market]
    lines = [HEADER]
    for i, day in enumerate(days):
        lines.append([day, "Not grouped", currency, "Hoses", "Hoses - auto", "Amazon", country,
                      "close-match", "-", f"garden hose {i}", "120", "3", "2.5000%", "0.40",
                      "1.20", "25.98", "4.62%", "21.65", "1", "1", "33.33%", "1", "0", "25.98",
                      "0.00"])  # fmt: skip
    path = tmp_path / name
    path.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in lines) + "\n")
    return path


def stored_days(engine: Engine) -> dict[str, date]:
    return {term: day for (day, _, term) in search_terms(engine)}


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What read the file: ``["read", "bulk"]`` is the bulk path with no fallback to the row
    path (which would read it again), ``["read"]`` the row path."""
    used: list[str] = []
    once, load = service._import_once, _ads_columnar.load

    def read(*args: Any, bulk: bool) -> Any:
        used.append("read")
        return once(*args, bulk=bulk)

    def bulk_load(*args: Any) -> Any:
        used.append("bulk")
        return load(*args)

    monkeypatch.setattr(service, "_import_once", read)
    monkeypatch.setattr(_ads_columnar, "load", bulk_load)
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 512)  # a chunk holds a row or two
    return used


def _import(engine: Engine, path: Path, market: str, *, bulk: bool) -> ImportOutcome:
    columnar.ENABLED = bulk
    try:
        return import_file(engine=engine, path=path, marketplace=market)
    finally:
        columnar.ENABLED = True


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "rows"])
@pytest.mark.parametrize(("market", "day"), [("UK", date(2026, 11, 5)), ("US", date(2026, 5, 11))])
def test_an_open_slashed_ads_date_follows_the_store_marketplace(
    engine: Engine, tmp_path: Path, paths: list[str], market: str, day: date, bulk: bool
) -> None:
    path = search_term_csv(tmp_path, market, ["05/11/2026", "05/11/2026"])

    outcome = _import(engine, path, market, bulk=bulk)

    assert outcome.status == "imported", outcome.error
    assert stored_days(engine) == {"garden hose 0": day, "garden hose 1": day}
    assert (outcome.data_start, outcome.data_end) == (day, day)
    assert paths == (["read", "bulk"] if bulk else ["read"])  # no fallback to the rows


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "rows"])
def test_a_day_above_12_anywhere_makes_every_row_of_the_file_day_first(
    engine: Engine, tmp_path: Path, paths: list[str], bulk: bool
) -> None:
    """Even on amazon.com, and even when the telling row is in the last chunk."""
    days = ["05/11/2026", "2026-11-06", "07/11/2026", "08/11/2026", "26/11/2026"]
    path = search_term_csv(tmp_path, "US", days)

    outcome = _import(engine, path, "US", bulk=bulk)

    assert outcome.status == "imported", outcome.error
    assert stored_days(engine) == {
        "garden hose 0": date(2026, 11, 5), "garden hose 1": date(2026, 11, 6),
        "garden hose 2": date(2026, 11, 7), "garden hose 3": date(2026, 11, 8),
        "garden hose 4": date(2026, 11, 26),
    }  # fmt: skip
    assert paths == (["read", "bulk"] if bulk else ["read"])


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "rows"])
def test_a_file_mixing_both_orders_is_refused_at_the_cell(
    engine: Engine, tmp_path: Path, paths: list[str], bulk: bool
) -> None:
    path = search_term_csv(tmp_path, "UK", ["05/11/2026", "26/11/2026", "2026-11-27", "11/27/2026"])

    outcome = _import(engine, path, "UK", bulk=bulk)

    assert outcome.status == "failed"
    assert (outcome.error or "").startswith('st.csv, line 5, column "Date": "26/11/2026" (line 3)')
    assert "mixes two date orders" in (outcome.error or "")
    assert stored_days(engine) == {}


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "rows"])
def test_an_open_slashed_ads_date_nothing_decides_is_refused(
    engine: Engine, tmp_path: Path, paths: list[str], bulk: bool
) -> None:
    """amazon.ca writes both orders: the file must say."""
    path = search_term_csv(tmp_path, "CA", ["2026-11-04", "05/11/2026"])

    outcome = _import(engine, path, "CA", bulk=bulk)

    assert outcome.status == "failed"
    error = outcome.error or ""
    assert error.startswith('st.csv, line 3, column "Date": "05/11/2026" can be 2026-11-05')
    assert "write the dates as YYYY-MM-DD" in error
    assert stored_days(engine) == {}


def test_iso_dates_stay_on_the_bulk_path_with_no_date_scan(
    engine: Engine, tmp_path: Path, paths: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The simulator's (and the benchmark's) ISO dates: the file is not read twice."""
    scans: list[Any] = []
    columns_of = columnar.columns_of

    def scan(*args: Any) -> Any:
        scans.append(args)
        return columns_of(*args)

    monkeypatch.setattr(columnar, "columns_of", scan)
    path = search_term_csv(tmp_path, "US", ["2026-11-05", "2026-11-06", "Nov 7, 2026"])

    outcome = _import(engine, path, "US", bulk=True)

    assert outcome.status == "imported", outcome.error
    assert sorted(stored_days(engine).values()) == [date(2026, 11, d) for d in (5, 6, 7)]
    assert paths == ["read", "bulk"]
    assert scans == []


# report-formats.md §1: a merge script's 37-column layout with its user-added "Date" first.
BR_HEADER = ["Date", "(Parent) ASIN", "(Child) ASIN", "Title", "Sessions - Total",
             "Page Views - Total", "Featured Offer (Buy Box) Percentage", "Units Ordered",
             "Unit Session Percentage", "Ordered Product Sales", "Total Order Items"]  # fmt: skip


@pytest.mark.parametrize(
    ("market", "days"),
    [("UK", [date(2026, 11, 5), date(2026, 11, 6)]),
     ("US", [date(2026, 5, 11), date(2026, 6, 11)])],
)  # fmt: skip
def test_a_business_report_date_column_is_read_by_the_whole_column(
    engine: Engine, tmp_path: Path, market: str, days: list[date]
) -> None:
    rows = [["05/11/2026", "B0PARENT01", "B0CHILD001", "Widget", "12", "20", "98.50%", "2",
             "3.20%", "39.98", "2"],
            ["06/11/2026", "B0PARENT01", "B0CHILD001", "Widget", "10", "15", "98.50%", "1",
             "3.20%", "19.99", "1"]]  # fmt: skip
    path = tmp_path / "BusinessReport_merged.csv"
    path.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in [BR_HEADER, *rows]) + "\n")

    outcome = import_file(engine=engine, path=path, marketplace=market)

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        stored = sorted((r.day, r.units_ordered) for r in session.query(SalesTrafficDaily))
    assert stored == [(days[0], 2), (days[1], 1)]


def test_a_business_report_date_above_12_decides_on_amazon_com(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [["05/11/2026", "B0PARENT01", "B0CHILD001", "Widget", "12", "20", "98.50%", "2",
             "3.20%", "$39.98", "2"],
            ["26/11/2026", "B0PARENT01", "B0CHILD001", "Widget", "10", "15", "98.50%", "1",
             "3.20%", "$19.99", "1"]]  # fmt: skip
    path = tmp_path / "BusinessReport_merged.csv"
    path.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in [BR_HEADER, *rows]) + "\n")

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 5), date(2026, 11, 26))


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "rows"])
def test_start_and_end_dates_are_judged_together(
    engine: Engine, tmp_path: Path, paths: list[str], bulk: bool
) -> None:
    """The §6a header as exported (``Start Date``, ``End Date``), on amazon.com: a day above
    12 in either column makes both day first."""
    path = search_term_csv(tmp_path, "US", ["05/11/2026", "26/11/2026"])
    lines = path.read_text().splitlines()
    lines[0] = lines[0].replace('"Date"', '"Start Date","End Date"', 1)
    lines[1:] = [line.replace('"05/11/2026"', '"05/11/2026","05/11/2026"', 1)
                 .replace('"26/11/2026"', '"26/11/2026","26/11/2026"', 1) for line in lines[1:]]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")

    outcome = _import(engine, path, "US", bulk=bulk)

    assert outcome.status == "imported", outcome.error
    assert stored_days(engine) == {
        "garden hose 0": date(2026, 11, 5), "garden hose 1": date(2026, 11, 26)
    }  # fmt: skip
    assert paths == (["read", "bulk"] if bulk else ["read"])


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "rows"])
@pytest.mark.parametrize(
    ("market", "bad", "forms"),
    [("UK", "32/11/2026", "YYYY-MM-DD, DD/MM/YYYY, Dec 01, 2019 or 20191201"),
     ("US", "Nov 32, 2026", "YYYY-MM-DD, MM/DD/YYYY, Dec 01, 2019 or 20191201"),
     ("CA", "Nov 32, 2026", "YYYY-MM-DD, Dec 01, 2019 or 20191201")],
)  # fmt: skip
def test_an_ads_date_that_is_none_is_told_the_forms_of_its_file_or_marketplace(
    engine: Engine, tmp_path: Path, paths: list[str], market: str, bad: str, forms: str,
    bulk: bool,
) -> None:  # fmt: skip
    path = search_term_csv(tmp_path, market, ["2026-11-05", "2026-11-06", bad])

    outcome = _import(engine, path, market, bulk=bulk)

    assert outcome.status == "failed"
    assert outcome.error == f'st.csv, line 4, column "Date": expected a date ({forms}), got "{bad}"'
    zh = localize(outcome.error, "zh")
    assert "expected" not in zh and "日期（YYYY-MM-DD、" in zh
