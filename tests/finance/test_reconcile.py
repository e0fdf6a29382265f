"""Reconciliation: orders vs Business Report, settlements vs their lines, principal vs prices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.reconcile import (
    REASONS,
    ItemAmount,
    SettlementSums,
    compare_period_units,
    compare_principal,
    compare_settlements,
    compare_units,
    reconcile,
)
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"
DAY = date(2026, 11, 20)


def test_units_the_business_report_counts_for_cancelled_orders_are_explained() -> None:
    found = compare_units(
        orders={(DAY, "A1"): 3, (DAY, "A2"): 2, (DAY, "A3"): 5},
        cancelled={(DAY, "A2"): 1},
        business={(DAY, "A1"): 3, (DAY, "A2"): 3, (DAY, "A4"): 1},
        days=[DAY],
    )

    assert [(d.subject, d.left, d.right, d.difference, d.reason) for d in found] == [
        ("A2", 2, 3, 1, REASONS["cancelled"]),
        ("A3", 5, 0, -5, REASONS["no_business_row"]),
        ("A4", 0, 1, 1, REASONS["no_orders"]),
    ]


def test_days_only_one_source_covers_are_not_compared() -> None:
    found = compare_units(
        orders={(DAY, "A1"): 3}, cancelled={}, business={(date(2026, 11, 21), "A1"): 9},
        days=[DAY],
    )  # fmt: skip
    assert [(d.day, d.subject) for d in found] == [(DAY, "A1")]


def test_a_settlement_whose_lines_carry_an_earlier_balance_says_so() -> None:
    sums = [
        SettlementSums("1", DAY, Decimal("-39.99"), Decimal("-79.98"), 2, Decimal("-39.99"),
                       "USD"),
        SettlementSums("2", DAY, Decimal("10.00"), Decimal("10.004"), 3, Decimal(0), "USD"),
        SettlementSums("3", DAY, Decimal("10.00"), Decimal("9.00"), 3, Decimal(0), "USD"),
    ]  # fmt: skip

    found = compare_settlements(sums)

    assert [(d.subject, d.difference, d.reason) for d in found] == [
        ("settlement 1", Decimal("39.99"), REASONS["carried"]),
        ("settlement 3", Decimal("1.00"), REASONS["lines_missing"]),
    ]


def test_principal_is_compared_where_both_sources_know_the_order() -> None:
    settled = {
        ("o1", "S"): ItemAmount(Decimal("20.00"), 1, DAY),
        ("o2", "S"): ItemAmount(Decimal("20.00"), 1, DAY),
        ("o3", "S"): ItemAmount(Decimal("21.00"), 1, DAY),
        ("o4", "S"): ItemAmount(Decimal("9.99"), 1, DAY),
    }
    ordered = {
        ("o1", "S"): ItemAmount(Decimal("20.00"), 1, DAY),
        ("o2", "S"): ItemAmount(Decimal("40.00"), 2, DAY),
        ("o3", "S"): ItemAmount(Decimal("20.00"), 1, DAY),
    }

    found = compare_principal(
        settled=settled, ordered=ordered, order_ids={"o1", "o2", "o3"}, currency="USD"
    )

    assert [(d.subject, d.difference, d.reason) for d in found] == [
        ("order o2, SKU S", Decimal("-20.00"), REASONS["partial"]),
        ("order o3, SKU S", Decimal("1.00"), REASONS["price"]),
        ("order o4, SKU S", Decimal("9.99"), REASONS["not_in_orders"]),
    ]
    assert REASONS["not_in_orders"] == "order in a settlement not yet covered by an order report"


def _import_the_store(engine: Engine) -> Store:
    for name in ("AllOrders_US_2026-11-20.txt", "BusinessReport_US_2026-11-20.csv",
                 "Settlement_V2_US.txt"):  # fmt: skip
        assert import_file(engine=engine, path=FINANCE / name).status == "imported"
    outcome = import_file(engine=engine, path=FINANCE / "Settlement_flat_2023.txt")
    assert outcome.status == "imported", outcome.error  # the one store there is
    with unit_of_work(engine) as session:
        return session.scalars(select(Store)).one()


def test_a_store_s_imports_are_reconciled_with_reasons(engine: Engine) -> None:
    store = _import_the_store(engine)

    with unit_of_work(engine) as session:
        result = reconcile(session=session, store=store)

    assert result.checked == {
        "days": 1,
        "settlements": 2,
        "order_items": 4,
        "transaction_days": 0,
        "periods": 0,
    }
    found = [(d.check, d.day, d.subject, d.left, d.right, d.reason) for d in result.differences]
    assert found == [
        # The nozzle order of Nov 20 was cancelled; the Business Report still counts it.
        ("units", DAY, "B0CHILD003", 0, 1, REASONS["cancelled"]),
        ("units", DAY, "B0CHILD004", 0, 2, REASONS["no_orders"]),
        # The real 2023 settlement: its lines carry the previous balance.
        ("settlement_total", date(2023, 12, 11), "settlement 19009771651", Decimal("-79.98"),
         Decimal("-39.99"), REASONS["carried"]),
        # 30 hoses ordered at 1,260.00 were settled at 1,200.00.
        ("principal", DAY, "order 113-0000006-0000006, SKU HOSE-50-GRN", Decimal("1260.00"),
         Decimal("1200.00"), REASONS["price"]),
        ("principal", date(2026, 11, 22), "order 113-0000009-0000009, SKU NOZZLE-8",
         Decimal(0), Decimal("9.99"), REASONS["not_in_orders"]),
    ]  # fmt: skip
    assert {d.currency for d in result.differences if d.check != "units"} == {"USD"}


def test_a_date_range_narrows_every_comparison(engine: Engine) -> None:
    store = _import_the_store(engine)

    with unit_of_work(engine) as session:
        result = reconcile(session=session, store=store, start=DAY, end=DAY)

    # Posted on Nov 20 in Los Angeles: order 1, and order 2 (02:30 UTC on the 21st).
    assert result.checked == {
        "days": 1,
        "settlements": 0,
        "order_items": 2,
        "transaction_days": 0,
        "periods": 0,
    }
    assert [d.check for d in result.differences] == ["units", "units"]


# A Business Report downloaded for a date range: totals over its days, against the orders


def test_period_units_are_compared_over_the_whole_range() -> None:
    first, last = date(2026, 11, 20), date(2026, 11, 21)
    found = compare_period_units(
        orders={(first, last, "A1"): 5, (first, last, "A2"): 2, (first, last, "A4"): 1},
        cancelled={(first, last, "A3"): 1},
        business={(first, last, "A1"): 5, (first, last, "A2"): 3, (first, last, "A3"): 1},
    )
    assert [(d.check, d.day, d.day_to, d.subject, d.left, d.right, d.reason) for d in found] == [
        ("period_units", first, last, "A2", 2, 3, REASONS["period_more_in_business"]),
        ("period_units", first, last, "A3", 0, 1, REASONS["cancelled"]),
        ("period_units", first, last, "A4", 1, 0, REASONS["period_no_business_row"]),
    ]


def test_a_business_report_over_a_range_is_reconciled_with_the_orders_of_its_days(
    engine: Engine, tmp_path: Path
) -> None:
    # The same orders, one of them on the next day: the order reports cover Nov 20 and 21.
    text = (FINANCE / "AllOrders_US_2026-11-20.txt").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    moved = [line.replace("2026-11-20T21:00", "2026-11-21T21:00") for line in lines]
    orders = tmp_path / "AllOrders_US.txt"
    orders.write_text("".join(moved), encoding="utf-8")
    assert import_file(engine=engine, path=orders).status == "imported"
    report = FINANCE / "BusinessReport_US_2026-11-20.csv"
    first, last = date(2026, 11, 20), date(2026, 11, 21)
    ranged = tmp_path / "BusinessReport_US.csv"
    ranged.write_bytes(report.read_bytes())
    assert import_file(engine=engine, path=ranged, day=first, until=last).status == "imported"
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        result = reconcile(session=session, store=store)
        narrowed = reconcile(session=session, store=store, start=first, end=first)

    assert result.checked["periods"] == 1 and result.checked["days"] == 0  # no daily report
    found = [(d.check, d.day, d.day_to, d.subject, d.left, d.right, d.reason)
             for d in result.differences]  # fmt: skip
    assert found == [
        ("period_units", first, last, "B0CHILD003", 0, 1, REASONS["cancelled"]),
        ("period_units", first, last, "B0CHILD004", 0, 2, REASONS["period_more_in_business"]),
    ]  # fmt: skip
    # a range that does not hold the whole period compares nothing of it
    assert narrowed.checked["periods"] == 0 and narrowed.differences == []
