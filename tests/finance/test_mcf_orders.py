"""Multi-Channel Fulfilment orders (All Orders ``sales-channel`` "Non-Amazon": another shop's
order shipped from FBA stock, item price 0) are no Amazon sale: not in the import's units,
nor in the P&L's units, sales or cost of goods, like ``reconcile`` already does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import ProductCost
from sellerops.finance.pnl import sku_pnl
from sellerops.ingest.service import import_file
from sellerops.service.models import Order

_HEADER = ("amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\t"
           "fulfillment-channel\tsales-channel\tship-service-level\tproduct-name\tsku\tasin\t"
           "item-status\tquantity\tcurrency\titem-price\tship-country")  # fmt: skip


def _orders(tmp_path: Path) -> Path:
    rows = [
        "113-0000001-0000001\t\t2026-11-20T16:00:00+00:00\t2026-11-20T17:00:00+00:00\tShipped\t"
        "Amazon\tAmazon.com\tStandard\tGarden Hose\tHOSE-50-GRN\tB0CHILD001\tShipped\t2\tUSD\t"
        "39.98\tUS",
        "S01-0000005-0000005\tSHOPIFY-1001\t2026-11-20T16:00:00+00:00\t2026-11-21T12:00:00+00:00\t"
        "Shipped\tAmazon\tNon-Amazon\tExpedited\tGarden Hose\tHOSE-50-GRN\tB0CHILD001\tShipped\t5\t"
        "USD\t0.00\tUS",
    ]
    path = tmp_path / "AllOrders_US_2026-11-20.txt"
    path.write_text("\n".join([_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_mcf_orders_are_stored_but_not_counted_as_amazon_units(
    engine: Engine, tmp_path: Path
) -> None:
    outcome = import_file(engine=engine, path=_orders(tmp_path))

    assert outcome.status == "imported", outcome.error
    # Before: units 7 (the Shopify order's 5 units counted as Amazon sales).
    assert outcome.totals == {"units": Decimal("2"), "sales": Decimal("39.98")}
    assert (
        "1 Multi-Channel Fulfilment order (sales channel Non-Amazon, 5 units) stored for stock, "
        "not counted as Amazon sales"
    ) in outcome.notes
    with unit_of_work(engine) as session:  # still there: it took FBA stock
        assert len(session.scalars(select(Order)).all()) == 2


def test_mcf_orders_bring_no_units_and_no_cost_of_goods_into_the_p_and_l(
    engine: Engine, tmp_path: Path
) -> None:
    import_file(engine=engine, path=_orders(tmp_path))
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        session.add(ProductCost(store_id=store.id, sku="HOSE-50-GRN",
                                effective_from=date(2026, 1, 1), unit_cost=Decimal("5"),
                                currency="USD"))  # fmt: skip
    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store.id, currency="USD",
                      start=date(2026, 11, 19), end=date(2026, 11, 21))  # fmt: skip

    hose = pnl.skus["HOSE-50-GRN"]
    # Before: 7 units and cost of goods -35.00 (5 units of it against $0 of sales).
    assert hose.units == 2
    assert hose.lines["principal"] == Decimal("39.98")
    assert hose.lines["cogs"] == Decimal("-10.00")


def test_mcf_orders_count_as_demand_but_do_not_lower_the_price_a_stock_out_costs(
    engine: Engine, tmp_path: Path
) -> None:
    from sellerops.inventory.models import InventorySnapshot
    from sellerops.inventory.service import stock_positions

    import_file(engine=engine, path=_orders(tmp_path))
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        session.add(InventorySnapshot(store_id=store.id, snapshot_date=date(2026, 11, 21),
                                      sku="HOSE-50-GRN", asin="B0CHILD001", fulfillable=30))  # fmt: skip
        session.flush()
        (position,) = stock_positions(session=session, store_id=store.id,
                                      as_of=date(2026, 11, 21), default_lead_time=45)  # fmt: skip
    # the Shopify order's 5 units left FBA stock too: demand is 7 units over the 28-day window
    assert position.units_per_day == 7 / 28
    # Before: 39.98 / 7 = 5.71, as if the MCF units had sold at 0.
    assert position.avg_price == Decimal("19.99")
