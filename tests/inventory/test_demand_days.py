"""The forecast's units per day follow the best report of each day: orders where an order
report covers the day, the Business Report where only it does, and a day neither covers is
left out, not read as a day without sales (newer Business Report days, or a plan dated after
the last report, used to pull the forecast down)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine

from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.ingest.service import import_file
from sellerops.inventory.planning import PlanRow, restock_plan
from tests import factories as f
from tests.factories import AS_OF

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SKU, ASIN = "HOSE-25", "B0CHILD002"  # the sample Business Report sells 9 of it a day
PER_DAY = 9


def _store_with_orders(engine: Engine) -> None:
    """Orders of 9 a day for 120 days up to AS_OF, and its stock on AS_OF."""
    with unit_of_work(engine) as s:
        store = f.store(s, name="US")
        f.orders(s, store, SKU, per_day=PER_DAY, days=120)
        f.snapshot(s, store, SKU, AS_OF, fulfillable=2000, asin=ASIN)


def _business_report(engine: Engine, tmp_path: Path, day: date) -> None:
    """The sample Business Report (a real file) imported as the report of ``day``."""
    path = tmp_path / f"BusinessReport_US_{day.isoformat()}.csv"
    shutil.copy(DATA / "BusinessReport_US_2026-11-26.csv", path)
    outcome = import_file(engine=engine, path=path, store="US")
    assert outcome.status == "imported", outcome.error
    assert outcome.data_start == day


def _row(engine: Engine, as_of: date) -> PlanRow:
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="US")
        assert store is not None
        rows = {r.sku: r for r in restock_plan(session=s, store=store, as_of=as_of)}
    return rows[SKU]


def test_business_report_days_after_the_orders_count_as_their_units(
    engine: Engine, tmp_path: Path
) -> None:
    _store_with_orders(engine)
    before = _row(engine, AS_OF)
    later = AS_OF + timedelta(days=5)
    for k in (1, 2):
        _business_report(engine, tmp_path, AS_OF + timedelta(days=k))
    after = _row(engine, later)

    assert abs(before.forecast_per_day - PER_DAY) < 0.5
    # the 2 report days sold 9 each, the 3 days no report covers are left out: no fall
    assert abs(after.forecast_per_day - before.forecast_per_day) < 0.3
    assert after.line.order_units >= before.line.order_units - 2 * PER_DAY
    sale_days = dict(after.notes)["restock.why.sale_days"]
    assert sale_days["sold"] == sale_days["days"]  # no day without a sale was made up
    en, zh = after.explain("en"), after.explain("zh")
    for lang, text in (("en", en), ("zh", zh)):
        assert i18n.day(AS_OF, lang) in text  # orders through AS_OF
        assert i18n.day(AS_OF + timedelta(days=1), lang) in text  # the report's days
        assert i18n.day(later, lang) in text  # the last day left out
    assert "Business Report for" in en and "3 days without an order report" in en
    assert "业务报告" in zh and "不按无销售计算" in zh
    # orders alone, every day covered: no word about sources
    assert not any(k.startswith("restock.why.units.") for k, _ in before.notes)


def test_a_plan_dated_after_the_last_report_does_not_read_the_days_as_no_sales(
    engine: Engine,
) -> None:
    _store_with_orders(engine)
    on_time = _row(engine, AS_OF)
    late = _row(engine, AS_OF + timedelta(days=6))

    assert abs(late.forecast_per_day - on_time.forecast_per_day) < 0.3
    assert "6 days without an order report" in late.explain("en")


def test_business_report_days_before_the_orders_fill_in(engine: Engine, tmp_path: Path) -> None:
    """A store with only Business Reports forecasts from them, and the explanation says so."""
    with unit_of_work(engine) as s:
        store = f.store(s, name="US")
        f.snapshot(s, store, SKU, AS_OF, fulfillable=2000, asin=ASIN)
    for k in range(0, 3):
        _business_report(engine, tmp_path, AS_OF - timedelta(days=k))
    row = _row(engine, AS_OF)

    assert row.forecast_per_day > 0
    assert dict(row.notes)["restock.why.units.report"] == {
        "report_spans": [[(AS_OF - timedelta(days=2)).isoformat(), AS_OF.isoformat()]]
    }
    assert "Business Report" in row.explain("en") and "业务报告" in row.explain("zh")
