"""The P&L at every level and period, across a US and a German store, in one reporting
currency converted at each day's rate; a missing rate is an error naming the day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.ledger import Ledger, MixedCurrenciesError, drill_down, ledger, periods
from sellerops.finance.profit import cents
from sellerops.finance.rates import MissingRateError
from sellerops.ingest.service import import_file
from sellerops.service.models import Order, OrderItem
from tests.ingest.helpers import DATA

D = Decimal
NOV16, NOV25 = date(2026, 11, 16), date(2026, 11, 25)


def test_periods_are_days_monday_weeks_or_months_cut_to_the_range() -> None:
    assert periods(date(2026, 11, 26), date(2026, 11, 28), "day") == [
        (date(2026, 11, 26),) * 2, (date(2026, 11, 27),) * 2, (date(2026, 11, 28),) * 2]  # fmt: skip
    # Nov 16 and 23, 2026 are Mondays
    assert periods(date(2026, 11, 18), date(2026, 11, 30), "week") == [
        (date(2026, 11, 18), date(2026, 11, 22)), (date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 30), date(2026, 11, 30))]  # fmt: skip
    assert periods(date(2026, 11, 20), date(2027, 1, 5), "month") == [
        (date(2026, 11, 20), date(2026, 11, 30)), (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 5))]  # fmt: skip
    assert periods(NOV16, NOV25, "all") == [(NOV16, NOV25)]


def _stores(engine: Engine, tmp_path: Path) -> list[Store]:
    for name in ("Settlement_V2_US.txt", "Settlement_V2_DE.txt"):
        assert import_file(engine=engine, path=DATA / "finance" / name).status == "imported"
    # USD -> EUR is kept in the German store only; the US store borrows it.
    rates = tmp_path / "rates.csv"
    rates.write_text("date,from_currency,to_currency,rate\n"
                     "2026-11-15,USD,EUR,0.90\n2026-11-23,USD,EUR,0.95\n")  # fmt: skip
    outcome = import_file(engine=engine, path=rates, store="DE")
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        return list(session.scalars(select(Store).order_by(Store.name)))


def _ledger(engine: Engine, stores: list[Store], **options) -> Ledger:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as session:
        return ledger(session=session, stores=stores, start=NOV16, end=NOV25, **options)


def test_the_account_total_converts_each_day_at_that_day_s_rate(
    engine: Engine, tmp_path: Path
) -> None:
    stores = _stores(engine, tmp_path)

    table = _ledger(engine, stores, currency="EUR", level="account")

    (row,) = table.rows
    # US item sales: 39.99 + 79.98 (Nov 20) + 9.99 (Nov 22) at 0.90, 1,200.00 (Nov 25) at
    # 0.95; German sales 39.99 + 1,199.97 are already euros.
    us = (D("39.99") + D("79.98") + D("9.99")) * D("0.90") + D("1200.00") * D("0.95")
    assert cents(row.pnl.sales) == cents(us + D("1239.96")) == D("2496.92")
    assert row.key == "account" and table.currency == "EUR"
    by_store = _ledger(engine, stores, currency="EUR", level="store")
    assert {r.key: cents(r.pnl.sales) for r in by_store.rows} == {
        "DE": D("1239.96"), "US": cents(us)}  # fmt: skip
    assert sum((r.pnl.profit for r in by_store.rows), D(0)) == row.pnl.profit


def test_days_weeks_and_marketplaces_add_up_to_the_same_total(
    engine: Engine, tmp_path: Path
) -> None:
    stores = _stores(engine, tmp_path)

    whole = _ledger(engine, stores, currency="EUR", level="marketplace")
    by_day = _ledger(engine, stores, currency="EUR", level="sku", period="day")
    by_week = _ledger(engine, stores, currency="EUR", level="parent", period="week")

    assert {r.key for r in whole.rows} == {"US", "DE"}
    assert {(r.start, r.end) for r in by_week.rows} == {
        (NOV16, date(2026, 11, 22)), (date(2026, 11, 23), NOV25)}  # fmt: skip
    # days with lines (the subscription fee of Nov 24 00:00 UTC is Nov 23 in Los Angeles)
    assert {r.start for r in by_day.rows} == {date(2026, 11, d) for d in (20, 22, 23, 25)}
    for table in (by_day, by_week):
        assert table.total().sales == whole.total().sales
        assert table.total().units == whole.total().units == 34 + 31


def test_a_missing_rate_names_the_currencies_and_the_day(engine: Engine, tmp_path: Path) -> None:
    stores = _stores(engine, tmp_path)

    with pytest.raises(MissingRateError) as raised:
        _ledger(engine, stores, currency="EUR", rate_window_days=3)

    # Nov 20's sale needs a rate of Nov 17 or later; the last one before is of Nov 15.
    assert (raised.value.src, raised.value.dst, raised.value.day) == (
        "USD",
        "EUR",
        date(2026, 11, 20),
    )
    assert "USD to EUR" in str(raised.value) and "2026-11-20" in str(raised.value)


def test_stores_in_two_currencies_need_a_reporting_currency(engine: Engine, tmp_path: Path) -> None:
    stores = _stores(engine, tmp_path)

    with pytest.raises(MixedCurrenciesError, match="EUR, USD"):
        _ledger(engine, stores)
    assert _ledger(engine, stores[:1]).currency == "EUR"  # one store: its own currency


def test_the_drill_down_shows_the_orders_behind_estimated_days(
    engine: Engine, tmp_path: Path
) -> None:
    us = _stores(engine, tmp_path)[1]
    with unit_of_work(engine) as session:
        order = Order(store_id=us.id, amazon_order_id="113-9", status="Shipped",
                      purchased_at=datetime(2026, 11, 27, 20, tzinfo=UTC),
                      purchase_day=date(2026, 11, 27))  # fmt: skip
        session.add(order)
        session.flush()
        session.add(OrderItem(order_id=order.id, store_id=us.id, sku="HOSE-50-GRN", quantity=2,
                              item_price=D("79.98")))  # fmt: skip

    with unit_of_work(engine) as session:
        found = drill_down(session=session, store=us, sku="HOSE-50-GRN", start=NOV16,
                           end=date(2026, 11, 27))  # fmt: skip

    assert found.pnl is not None and found.pnl.estimated["principal"] == D("79.98")
    assert [(o.day, o.order_id, o.units, o.item_price) for o in found.order_lines] == [
        (date(2026, 11, 27), "113-9", 2, D("79.98"))
    ]
    assert [x.order_id for x in found.fee_lines][:1] == ["113-0000001-0000001"]
    assert {c.line for c in found.cost_lines} == set()  # no costs sheet: nothing to list
