"""First-leg freight from inbound shipments and freight invoices in the P&L: the units sold
take their shipment's freight per unit, oldest shipment first; an actual invoice replaces
the estimate; units no shipment covers take the costs sheet's freight."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import ExchangeRate, ProductCost
from sellerops.finance.pnl import Pnl, sku_pnl
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

D = Decimal
SHEETS = DATA / "sheets"
NOV16, NOV21, NOV25 = date(2026, 11, 16), date(2026, 11, 21), date(2026, 11, 25)


def _store(engine: Engine, *sheets: str) -> Store:
    outcome = import_file(engine=engine, path=DATA / "finance" / "Settlement_V2_US.txt")
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        # 70 CNY a hose, 7 CNY freight, 25 % duty; 0.14 USD per CNY: 9.80 / 0.98 / 2.45 USD
        session.add(ProductCost(store_id=store.id, sku="HOSE-50-GRN", effective_from=date(2026, 9, 1),
                                unit_cost=D("70"), currency="CNY",
                                first_leg_freight_per_unit=D("7"), duty_rate=D("0.25")))  # fmt: skip
        session.add(ExchangeRate(store_id=store.id, day=date(2026, 9, 1), from_currency="CNY",
                                 to_currency="USD", rate=D("0.14")))  # fmt: skip
    _import(engine, *sheets)
    return store


def _import(engine: Engine, *sheets: str) -> None:
    for name in sheets:
        outcome = import_file(engine=engine, path=SHEETS / name, marketplace="US")
        assert outcome.status == "imported", outcome.error


def _hose(engine: Engine, store: Store, start: date = NOV16) -> tuple[dict[str, D], Pnl]:
    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store.id, currency="USD", start=start, end=NOV25)
    lines = pnl.skus["HOSE-50-GRN"].lines
    return {k: lines[k] for k in ("cogs", "freight", "duty")}, pnl


def test_without_shipments_the_costs_sheet_s_freight_applies(engine: Engine) -> None:
    store = _store(engine)

    landed, _ = _hose(engine, store)

    assert landed == {"cogs": D("-323.40"), "freight": D("-32.34"), "duty": D("-80.85")}


def test_units_sold_take_the_freight_of_their_shipment_oldest_first(engine: Engine) -> None:
    store = _store(engine, "shipments.csv", "freight_invoices.csv")

    landed, pnl = _hose(engine, store)

    # 33 hoses sold (3 on Nov 20 in Los Angeles, 30 on the 25th): 20 from the sea shipment
    # (1,000 USD by weight: 40 kg of hoses of 80 kg, 25.00 a hose), 10 from the air
    # shipment of Nov 22 (100 USD, 10.00 a hose), 3 more than were shipped at 0.98.
    assert landed["freight"] == -(20 * D(25) + 10 * D(10) + 3 * D("0.98"))
    # Duties of 300 USD split by customs value (200 of 280) over the 20 sea hoses; the air
    # shipment's invoice states none, so its 10 and the 3 others pay the 25 % on cost.
    assert landed["duty"] == -(D("32.14") + D("182.14") + 13 * D("2.45"))
    assert landed["cogs"] == D("-323.40")
    sources = {(c.day.day, c.line, c.units, c.source, c.ref, c.status) for c in pnl.cost_lines
               if c.sku == "HOSE-50-GRN" and c.line == "freight"}  # fmt: skip
    assert sources == {
        (20, "freight", 3, "shipment", "FBA1SEA0001", "actual"),
        (25, "freight", 17, "shipment", "FBA1SEA0001", "actual"),
        (25, "freight", 10, "shipment", "FBA1AIR0002", "actual"),
        (25, "freight", 3, "costs_sheet", "2026-09-01", ""),
    }


def test_the_actual_invoice_replaces_the_estimate(engine: Engine) -> None:
    store = _store(engine, "shipments.csv", "freight_estimate_zh.csv")

    estimated, _ = _hose(engine, store)
    _import(engine, "freight_invoices.csv")
    actual, _ = _hose(engine, store)

    # the estimate: 800 USD by weight, 20.00 a hose; no air invoice yet, so the air hoses
    # take the costs sheet's 0.98 like the 3 beyond the shipments
    assert estimated["freight"] == -(20 * D(20) + 13 * D("0.98"))
    assert estimated["duty"] == D("-80.85")  # no duties on the estimate: 25 % on cost
    assert actual["freight"] == -(20 * D(25) + 10 * D(10) + 3 * D("0.98"))


def test_units_sold_before_the_period_used_up_the_oldest_shipment_first(engine: Engine) -> None:
    store = _store(engine, "shipments.csv", "freight_invoices.csv")

    landed, _ = _hose(engine, store, start=NOV21)

    # The 3 hoses sold on Nov 20 took the first sea units; the 30 of Nov 25 take the 17
    # left, the 10 of the air shipment and 3 at the costs sheet's freight.
    assert landed["freight"] == -(17 * D(25) + 10 * D(10) + 3 * D("0.98"))
