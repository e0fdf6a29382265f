"""Stock alerts: storage fees, aged surcharges, overstock, unfulfillable and stranded units,
low-inventory-level fee risk and capacity; the arithmetic and the daily-review findings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.inventory import alert_checks, alerts
from sellerops.inventory.models import InventoryHealthSnapshot, InventorySnapshot
from tests import factories as f
from tests.factories import AS_OF


def _ctx(session: Session, store: Store) -> ReviewContext:
    return ReviewContext(session=session, store=store, as_of=AS_OF)


# --- the arithmetic ----------------------------------------------------------------------


def test_storage_costs_three_times_as_much_in_the_peak_months() -> None:
    volume = Decimal("0.5")
    september = alerts.monthly_storage_fee(100, volume, "standard", 9)
    october = alerts.monthly_storage_fee(100, volume, "standard", 10)
    assert september == Decimal("39.00")  # 100 x 0.5 ft3 x $0.78
    assert october == Decimal("120.00")  # 100 x 0.5 ft3 x $2.40
    assert alerts.monthly_storage_fee(100, volume, "oversize", 9) == Decimal("28.00")


def test_the_size_tier_decides_the_storage_class() -> None:
    assert alerts.storage_class("Small standard") == "standard"
    assert alerts.storage_class("Large bulky") == "oversize"
    assert alerts.storage_class(None, "Oversize") == "oversize"


def test_aged_surcharge_rises_steeply_after_270_days() -> None:
    volume = Decimal("1")
    young = alerts.aged_surcharge({"181_210": 10}, volume)
    old = alerts.aged_surcharge({"271_300": 10}, volume)
    assert young == Decimal("5.00")
    assert old == Decimal("54.50")
    assert alerts.aged_surcharge({"181_270": 10, "271_365": 0}, volume) == Decimal("10.00")


def test_year_old_stock_pays_at_least_15_cents_a_unit() -> None:
    tiny = Decimal("0.01")
    assert alerts.aged_surcharge({"365_plus": 100}, tiny) == Decimal("15.00")


def test_overstock_counts_inbound_but_only_charges_stock_already_in_fba() -> None:
    over = alerts.overstock(on_hand=500, inbound=400, units_per_day=5)
    assert over.healthy_units == 450
    assert over.excess_units == 450  # 900 - 450, all of it already on hand
    assert round(over.cover_days) == 180
    assert alerts.overstock(on_hand=100, inbound=900, units_per_day=5).excess_units == 100
    assert alerts.overstock(on_hand=100, inbound=0, units_per_day=5).excess_units == 0


def test_low_inventory_fee_needs_both_windows_under_28_days() -> None:
    fee = alerts.low_inventory_fee_per_unit
    assert fee("small_standard", 10, 12) == Decimal("0.89")
    assert fee("small_standard", 10, 18) == Decimal("0.63")
    assert fee("large_standard_heavy", 25, 10) == Decimal("0.47")
    assert fee("large_standard_light", 10, 40) == 0  # the 90-day window is healthy
    assert fee(None, 5, 5) == 0  # oversize pays no low-inventory fee


def test_historical_days_of_supply_is_stock_over_shipments() -> None:
    assert alerts.historical_days_of_supply(200, 10) == 20
    assert alerts.historical_days_of_supply(200, 0) == float("inf")


def test_capacity_overruns_list_only_storage_types_over_their_limit() -> None:
    used = {"Standard": Decimal(1200), "Oversize": Decimal(300)}
    limits = {"Standard": Decimal(1000), "Oversize": Decimal(500), "Apparel": Decimal(100)}
    (over,) = alerts.capacity_overruns(used, limits)
    assert over.storage_type == "Standard"
    assert over.over_cuft == 200
    assert round(over.share, 2) == 1.2


# --- the findings ------------------------------------------------------------------------


def _stock(s: Session, store: Store, sku: str, asin: str, **kw: object) -> None:
    s.add(
        InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku=sku, asin=asin, **kw)  # type: ignore[arg-type]
    )


def _health(s: Session, store: Store, sku: str, **kw: object) -> None:
    s.add(InventoryHealthSnapshot(store_id=store.id, snapshot_date=AS_OF, sku=sku, **kw))  # type: ignore[arg-type]


def test_overstock_is_priced_with_the_reports_storage_estimate(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-HEAVY", "B0HEAVY001", price=Decimal("20.00"))
        _stock(
            s, store, "SKU-HEAVY", "B0HEAVY001", fulfillable=1000, per_unit_volume=Decimal("0.2")
        )
        _health(
            s, store, "SKU-HEAVY", available=1000, estimated_storage_cost_next_month=Decimal("150")
        )
        f.orders(s, store, "SKU-HEAVY", per_day=2, days=28)
        f.product(s, store, "SKU-LEAN", "B0LEAN0001")
        _stock(s, store, "SKU-LEAN", "B0LEAN0001", fulfillable=100, per_unit_volume=Decimal("0.2"))
        f.orders(s, store, "SKU-LEAN", per_day=2, days=28)
        s.flush()
        (finding,) = alert_checks.overstock(_ctx(s, store))
    assert finding.entity == "SKU-HEAVY"
    assert finding.evidence["excess_units"] == 820  # 1000 - 90 days x 2 a day
    assert finding.money_at_stake == Decimal("123.00")  # 820 x $150 / 1000 units
    assert finding.money_period == "month"
    assert finding.evidence["fee_source"] == "health"
    assert "820 units" in finding.title("en") and "820" in finding.title("zh")


def test_overstock_without_fee_reports_is_estimated_from_volume(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-EST", "B0ESTIMAT1", size_tier="Large standard")
        _stock(s, store, "SKU-EST", "B0ESTIMAT1", fulfillable=1000, per_unit_volume=Decimal("0.5"))
        f.orders(s, store, "SKU-EST", per_day=1, days=28)
        s.flush()
        (finding,) = alert_checks.overstock(_ctx(s, store))
    # AS_OF is in November: the peak rate, $2.40 per cubic foot, on 910 excess units
    assert finding.money_at_stake == Decimal("1092.00")
    assert finding.evidence["fee_source"] == "estimate"


def _heavy(s: Session, store: Store, sku: str, **health: object) -> None:
    """1,000 units in FBA selling 2 a day: 820 beyond the healthy level."""
    _stock(s, store, sku, "B0" + sku[-8:].upper(), fulfillable=1000,
           per_unit_volume=Decimal("0.2"))  # fmt: skip
    _health(s, store, sku, available=1000, estimated_storage_cost_next_month=Decimal("150"),
            **health)  # fmt: skip
    f.orders(s, store, sku, per_day=2, days=28, price="20.00")


def test_overstock_already_aged_weighs_removal_against_the_surcharge_it_pays_now(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _heavy(s, store, "SKU-AGEDOVER", age_181_270=1000, ais_qty_211_240=1000,
               ais_amount_211_240=Decimal("300"))  # fmt: skip
        s.flush()
        (finding,) = alert_checks.overstock(_ctx(s, store))
    en, zh = finding.action("en"), finding.action("zh")
    assert "before the units turn 181" not in en and "库龄满 181 天" not in zh
    assert "1,000 of these units are already over 180 days old" in en
    assert "$300.00 a month" in en and "removal or liquidation" in en
    assert "已超 180 天" in zh and "移除或清算" in zh
    assert finding.evidence["units_181_plus"] == 1000
    assert finding.evidence["aged_surcharge_month"] == 300.0


def test_overstock_of_a_money_losing_sku_does_not_ask_for_more_ads(engine: Engine) -> None:
    from sellerops.finance.models import ProductCost

    with unit_of_work(engine) as s:
        store = f.store(s)
        _heavy(s, store, "SKU-LOSS")
        s.add(ProductCost(store_id=store.id, sku="SKU-LOSS", unit_cost=Decimal("30.00"),
                          effective_from=AS_OF - timedelta(days=90), currency="USD"))  # fmt: skip
        _heavy(s, store, "SKU-FINE")
        s.flush()
        found = {x.entity: x for x in alert_checks.overstock(_ctx(s, store))}
    loss, fine = found["SKU-LOSS"], found["SKU-FINE"]
    assert "more ads" in fine.action("en")  # a profitable SKU may buy sell-through
    en, zh = loss.action("en"), loss.action("zh")
    assert "do not push sell-through with more ads" in en and "price or the cost first" in en
    assert "removal or liquidation" in en
    assert "不要用加大广告" in zh and "加大广告加快消化" not in zh


def test_aged_stock_pays_the_surcharge_the_report_estimates(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _health(s, store, "SKU-OLD", asin="B0OLD00001", available=300, age_181_270=100,
                ais_qty_211_240=100, ais_amount_211_240=Decimal("42.50"))  # fmt: skip
        _health(s, store, "SKU-YOUNG", asin="B0YOUNG001", available=300, age_0_90=300)
        s.flush()
        (finding,) = alert_checks.aged_inventory(_ctx(s, store))
    assert finding.entity == "SKU-OLD"
    assert finding.money_at_stake == Decimal("42.50")
    assert finding.evidence["units_181_plus"] == 100


def test_aged_stock_without_amounts_is_estimated_from_bands_and_volume(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _health(s, store, "SKU-OLD", available=50, age_271_365=50, item_volume=Decimal("1"),
                volume_unit="cubic feet")  # fmt: skip
        s.flush()
        (finding,) = alert_checks.aged_inventory(_ctx(s, store))
    assert finding.money_at_stake == Decimal("284.00")  # 50 x 1 ft3 x $5.68
    assert finding.evidence["fee_source"] == "estimate"


def test_unfulfillable_units_are_valued_at_cost_and_small_counts_are_ignored(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-DMG", "B0DAMAGE01", unit_cost=Decimal("8.00"), cost_currency="USD")
        _stock(s, store, "SKU-DMG", "B0DAMAGE01", fulfillable=10, unfulfillable=25)
        f.product(s, store, "SKU-FEW", "B0FEW00001", price=Decimal("30"))
        _stock(s, store, "SKU-FEW", "B0FEW00001", fulfillable=10, unfulfillable=3)
        f.product(s, store, "SKU-NOCOST", "B0NOCOST01", price=Decimal("20"))
        _stock(s, store, "SKU-NOCOST", "B0NOCOST01", fulfillable=10, unfulfillable=50)
        s.flush()
        found = {x.entity: x for x in alert_checks.unfulfillable(_ctx(s, store))}
    assert set(found) == {"SKU-DMG", "SKU-NOCOST"}
    assert found["SKU-DMG"].money_at_stake == Decimal("200.00")  # 25 x $8 cost
    assert found["SKU-DMG"].money_period == "once"
    assert found["SKU-NOCOST"].money_at_stake == Decimal("300.00")  # 50 x 30 % of $20
    assert found["SKU-NOCOST"].evidence["unit_value_basis"] == "price_share"


def test_stock_without_an_active_listing_is_stranded(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-LOST", "B0LOST0001", price=Decimal("15"))
        _stock(s, store, "SKU-LOST", "B0LOST0001", fulfillable=40, afn_listing_exists=False)
        _stock(s, store, "SKU-FINE", "B0FINE0001", fulfillable=40, afn_listing_exists=True)
        s.flush()
        (finding,) = alert_checks.stranded(_ctx(s, store))
    assert finding.entity == "SKU-LOST"
    assert finding.money_at_stake == Decimal("600.00")


def test_thin_stock_for_months_risks_the_low_inventory_fee(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-THIN", "B0THIN0001", size_tier="Small standard")
        f.product(s, store, "SKU-NEW", "B0NEW00001", size_tier="Small standard")
        for k in range(120):
            f.snapshot(s, store, "SKU-THIN", AS_OF - timedelta(days=k), fulfillable=100)
        for k in range(30):
            f.snapshot(s, store, "SKU-NEW", AS_OF - timedelta(days=k), fulfillable=100)
        f.orders(s, store, "SKU-THIN", per_day=10, days=90)
        f.orders(s, store, "SKU-NEW", per_day=10, days=30)
        s.flush()
        (finding,) = alert_checks.low_inventory_fee(_ctx(s, store))
    assert finding.entity == "SKU-THIN"  # the new SKU is exempt
    assert finding.evidence["days_of_supply_90"] == 10.0
    assert finding.money_at_stake == Decimal("267.00")  # 300 units x $0.89


def test_a_sku_without_orders_in_the_window_shipped_nothing(engine: Engine) -> None:
    """Days of supply of a SKU the orders report shows no shipment of, while it shows
    others': nothing shipped (infinite supply), not a failed check (KeyError before)."""
    from types import SimpleNamespace

    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-SELLS", "B0SELLS001", size_tier="Small standard")
        f.orders(s, store, "SKU-SELLS", per_day=10, days=30)
        s.flush()
        quiet = SimpleNamespace(sku="SKU-QUIET", units_per_day=3.0)
        supply = alert_checks.days_of_supply(_ctx(s, store), quiet, 30)  # type: ignore[arg-type]
    assert supply == float("inf")


def test_without_capacity_limits_the_capacity_check_finds_nothing(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        assert alert_checks.capacity_overrun(_ctx(s, store)) == []


def test_the_simulated_health_report_imports_and_shows_aged_stock(
    engine: Engine, tmp_path: Path
) -> None:
    from sellerops.ingest.service import import_paths
    from sellerops.sim import SimConfig, simulate, write_reports

    end = date(2026, 11, 26)
    truth = simulate(SimConfig(seed=42, skus=40, days=180, end_date=end))
    paths = write_reports(truth, tmp_path, families=["fba_inventory_health"])
    outcomes = import_paths(engine=engine, paths=paths, store="Sim US", marketplace="US")
    assert [o.status for o in outcomes] == ["imported"]
    with unit_of_work(engine) as s:
        store = s.scalars(select(Store)).one()
        rows = s.scalars(select(InventoryHealthSnapshot)).all()
        sim_on_hand = {
            p.sku: int(truth.fulfillable[p.index, -1] + truth.primary.reserved[p.index, -1])
            for p in truth.products
        }
        for row in rows:  # every unit on hand falls in exactly one age band
            bands = (
                row.age_0_90,
                row.age_91_180,
                row.age_181_270,
                row.age_271_365,
                row.age_365_plus,
            )
            assert sum(b or 0 for b in bands) == sim_on_hand[row.sku]
        ctx = ReviewContext(session=s, store=store, as_of=end)
        aged = alert_checks.aged_inventory(ctx)
    assert aged, "the demo store carries stock older than 180 days"
    assert all(x.money_at_stake >= alert_checks.MIN_AGED_FEE for x in aged)
