"""True profit per SKU from settlements, costs, rates and orders; US and DE settlements and
transaction reports reconcile to the cent and are never counted twice."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import ExchangeRate, ProductCost, Settlement
from sellerops.finance.pnl import sku_pnl
from sellerops.finance.reconcile import reconcile
from sellerops.ingest.service import import_file
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"
D = Decimal


def _store(engine: Engine, *names: str, market: str = "US") -> Store:
    for name in names:
        outcome = import_file(engine=engine, path=FINANCE / name)
        assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        return session.scalars(select(Store).where(Store.marketplace_code == market)).one()


def _costs(engine: Engine, store: Store) -> None:
    with unit_of_work(engine) as session:
        session.add(ProductCost(store_id=store.id, sku="HOSE-50-GRN", effective_from=date(2026, 11, 1),
                                unit_cost=D("70"), currency="CNY",
                                first_leg_freight_per_unit=D("7"), duty_rate=D("0.25")))  # fmt: skip
        session.add(ExchangeRate(store_id=store.id, day=date(2026, 11, 1), from_currency="CNY",
                                 to_currency="USD", rate=D("0.14")))  # fmt: skip


def test_settled_profit_counts_fees_landed_cost_and_a_share_of_account_fees(
    engine: Engine,
) -> None:
    store = _store(engine, "Settlement_V2_US.txt")
    _costs(engine, store)

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store.id, currency="USD",
                      start=date(2026, 11, 16), end=date(2026, 11, 25))  # fmt: skip

    hose = pnl.skus["HOSE-50-GRN"]
    assert hose.units == 33
    assert {k: v.quantize(D("0.01")) for k, v in hose.lines.items()} == {
        "principal": D("1319.97"), "referral_fee": D("-198.00"), "fba_fee": D("-6.10"),
        "cogs": D("-323.40"), "freight": D("-32.34"), "duty": D("-80.85"),
        # the $39.99 subscription split by units sold: 33 of 34 units
        "other_fee": D("-38.81"),
    }  # fmt: skip
    assert hose.profit == D("640.47")
    assert pnl.skus["NOZZLE-8"].lines["other_fee"] == D("-1.18")
    assert pnl.missing_costs == {"NOZZLE-8"}
    assert not hose.is_estimated and pnl.settled_through == date(2026, 11, 25)


def test_without_a_storage_fee_report_storage_follows_the_units_held_in_fba(
    engine: Engine,
) -> None:
    """NOZZLE-8 ships from the seller's own warehouse: it sells, but it pays no FBA storage."""
    store = _store(engine, "Settlement_V2_US_pair.txt")
    with unit_of_work(engine) as session:
        for day in (date(2026, 11, 5), date(2026, 11, 10)):
            session.add(InventorySnapshot(store_id=store.id, snapshot_date=day, sku="HOSE-50-GRN",
                                          fulfillable=40, reserved=2, unfulfillable=1))  # fmt: skip

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store.id, currency="USD",
                      start=date(2026, 11, 2), end=date(2026, 11, 15))  # fmt: skip

    assert pnl.skus["NOZZLE-8"].units > 0
    assert "storage" not in pnl.skus["NOZZLE-8"].lines
    assert pnl.skus["HOSE-50-GRN"].lines["storage"] == D("-25.37")
    assert {(a.sku, a.rule) for a in pnl.allocations if a.line == "storage"} == {
        ("HOSE-50-GRN", "fba_units_held")
    }


def test_days_no_settlement_covers_yet_are_estimated_at_the_sku_s_own_fee_rates(
    engine: Engine,
) -> None:
    store = _store(engine, "Settlement_V2_US.txt")
    with unit_of_work(engine) as session:
        order = Order(store_id=store.id, amazon_order_id="113-9", status="Shipped",
                      purchased_at=datetime(2026, 11, 27, 20, tzinfo=UTC),
                      purchase_day=date(2026, 11, 27))  # fmt: skip
        session.add(order)
        session.flush()
        session.add(OrderItem(order_id=order.id, store_id=store.id, sku="HOSE-50-GRN",
                              quantity=2, item_price=D("79.98")))  # fmt: skip

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store.id, currency="USD",
                      start=date(2026, 11, 26), end=date(2026, 11, 27))  # fmt: skip

    hose = pnl.skus["HOSE-50-GRN"]
    assert hose.estimated == {
        "principal": D("79.98"),
        "referral_fee": D("-12.00"),  # 15 % as its settled lines say (198.00 of 1,319.97)
        "fba_fee": D("-0.37"),  # 6.10 over 33 settled units, x 2
    }
    assert hose.units == 2 and hose.is_estimated


def test_us_and_de_settlements_and_transaction_reports_reconcile_to_the_cent(
    engine: Engine,
) -> None:
    us = _store(engine, "Settlement_V2_US.txt", "DateRange_US_2026Nov1-2026Nov15.csv")
    de = _store(engine, "Settlement_V2_DE.txt", "DateRange_DE_2026Nov.csv", market="DE")

    with unit_of_work(engine) as session:
        settlements = session.scalars(select(Settlement)).all()
        results = [reconcile(session=session, store=s) for s in (us, de)]

    assert {(s.currency, s.total_amount, s.lines_total, s.reconciled) for s in settlements} == {
        ("USD", D("1071.48"), D("1071.48"), True),
        ("EUR", D("1050.11"), D("1050.11"), True),
    }
    assert [d for r in results for d in r.differences if d.check == "settlement_total"] == []


def test_settlement_and_transaction_lines_of_the_same_money_are_never_added(
    engine: Engine,
) -> None:
    de = _store(engine, "Settlement_V2_DE.txt", "DateRange_DE_2026Nov.csv", market="DE")

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=de.id, currency="EUR",
                      start=date(2026, 11, 1), end=date(2026, 11, 30))  # fmt: skip

    assert pnl.source == "settlement"
    assert pnl.skus["SCHLAUCH-50"].sales == D("1239.96")  # 39.99 + 1,199.97, once


def test_date_range_history_outside_the_imported_settlements_counts(engine: Engine) -> None:
    """A settlement of October does not hide the Date Range report of November: its lines
    name a settlement not imported and lie outside every imported settlement's period."""
    ca = _store(engine, "DateRange_CA_2026Nov1-2.csv", "Settlement_V2_CA_2026Oct.txt", market="CA")

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=ca.id, currency="CAD",
                      start=date(2026, 10, 1), end=date(2026, 11, 30))  # fmt: skip

    maple = pnl.skus["CA-MAPLE-1"]
    # October from the settlement (1,049.99 + 24.99), November from the Date Range report
    assert maple.sales == D("1049.99") + D("24.99") + D("1049.99") + D("24.99") + D("24.99")
    assert maple.units == 5
    assert pnl.settled_through == date(2026, 11, 2)


def test_date_range_lines_of_an_imported_settlement_count_once(engine: Engine) -> None:
    """A settlement paid up to 2 Nov 08:00 UTC holds the first two orders, and the Date
    Range report names it on their rows: only the third order, of the next settlement,
    comes from the Date Range report."""
    ca = _store(engine, "Settlement_V2_CA_to_Nov2.txt", "DateRange_CA_2026Nov1-2_settled.csv",
                market="CA")  # fmt: skip

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=ca.id, currency="CAD",
                      start=date(2026, 10, 25), end=date(2026, 11, 30))  # fmt: skip

    maple = pnl.skus["CA-MAPLE-1"]
    assert maple.sales == D("1049.99") + D("24.99") + D("24.99")
    assert maple.units == 3


def _ads_of(engine: Engine, store: Store) -> tuple[Decimal, set[str]]:
    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store.id, currency="USD",
                      start=date(2026, 11, 16), end=date(2026, 11, 25))  # fmt: skip
    ads = sum((p.lines.get("ads", D(0)) for p in pnl.skus.values()), D(0))
    return ads, pnl.missing_rates


def test_an_ad_row_in_another_currency_is_converted_not_added_as_dollars(engine: Engine) -> None:
    """$16.50 + $3.00 + €6.80: the euro row at its day's rate (1.10), not as $6.80."""
    for name in ("SP_AdvertisedProduct_US_one_EUR_row.csv", "ExchangeRates_EUR_USD.csv"):
        outcome = import_file(engine=engine, path=FINANCE / name, marketplace="US", store="US1")
        assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store).where(Store.name == "US1")).one()

    ads, missing = _ads_of(engine, store)

    assert ads == -(D("16.50") + D("3.00") + D("6.80") * D("1.10"))
    assert missing == set()


def test_an_ad_row_in_a_currency_without_a_rate_is_named_as_missing(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FINANCE / "SP_AdvertisedProduct_US_one_EUR_row.csv",
                          marketplace="US", store="US1")  # fmt: skip
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store).where(Store.name == "US1")).one()

    ads, missing = _ads_of(engine, store)

    assert ads == -(D("16.50") + D("3.00"))
    assert missing == {"EUR"}


def test_a_date_range_line_naming_a_later_settlement_counts_inside_a_settled_period(
    engine: Engine,
) -> None:
    """Rows of 1-2 Nov that name settlement 22334455667 (not imported) count although the
    imported settlement's period (25 Oct - 2 Nov 08:00 UTC) covers their moment: Amazon pays
    them in that later settlement (a deferred payout), not in the one imported, which holds
    other orders."""
    ca = _store(engine, "Settlement_V2_CA_to_Nov2_other_orders.txt", market="CA")
    _store(engine, "DateRange_CA_2026Nov1-2.csv", market="CA")

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=ca.id, currency="CAD",
                      start=date(2026, 11, 1), end=date(2026, 11, 2))  # fmt: skip

    assert pnl.skus["CA-MAPLE-1"].sales == D("1049.99") + D("24.99") + D("24.99")
