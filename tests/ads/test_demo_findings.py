"""What a new user found running the demo, fixed: margins use what units sold for, no
"no active ads" claim without the bulk file or for an ad group that serves, no changes in an
ad group whose every ad the plan pauses, and a plain stock sentence with its numbers."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sellerops.ads import optimizer as opt
from sellerops.ads import plan, product_ads
from sellerops.ads import service as ads
from sellerops.ads.checks import no_active_ads
from sellerops.ads.models import AdGroup, AdProductAd
from sellerops.ads.present import reason_text
from sellerops.catalog.models import Product
from sellerops.catalog.selling_price import average_selling_prices
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import value_text
from sellerops.inventory import service as inventory
from sellerops.inventory.models import InventorySnapshot
from tests import factories as f
from tests.ads import world
from tests.ads.test_optimizer import _bid
from tests.factories import AS_OF


def _list_price(s: Session, store: Store, sku: str, price: str) -> None:
    product = s.scalars(select(Product).filter_by(store_id=store.id, sku=sku)).one()
    product.price = Decimal(price)
    s.flush()


# 1. The price margins are figured at --------------------------------------------------------


def test_break_even_uses_the_average_selling_price_not_the_listing_price(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)  # 280 units sold at 40.00 over the last 28 days
        _list_price(s, store, world.SKU, "45.00")  # the offer asks more than units sold for
        # As in the demo, the SKU is missing from the inventory report (no stock position).
        s.query(InventorySnapshot).filter_by(store_id=store.id).delete()
        bids = world.by_kind(world.refresh(s, store))["bid"]
    e = bids[0].evidence
    assert e["price"] == 40.0 and e["price_source"] == "average_selling_price_orders"
    assert e["price_units"] == 280 and e["price_sku"] == world.SKU
    # (40 - 6 referral - 6 FBA - 10 landed) / 40; at 45 it would be 0.5111.
    assert e["break_even_acos"] == 0.45
    zh, en = (value_text("price_source", e["price_source"], "USD", lang) for lang in ("zh", "en"))
    assert zh == "近 28 天平均成交价（订单）"
    assert en == "average selling price, last 28 days (orders)"


def test_too_few_units_fall_back_on_the_listing_price_and_say_so(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        _list_price(s, store, world.SKU, "45.00")
        # Only 5 units in the last 28 days: the other orders are moved out of the window.
        from sellerops.service.models import Order, OrderItem

        for o in s.scalars(select(Order).where(Order.store_id == store.id)):
            if o.purchase_day < AS_OF:
                o.purchase_day -= timedelta(days=40)
            else:
                item = s.scalars(select(OrderItem).filter_by(order_id=o.id)).one()
                item.quantity, item.item_price = 5, Decimal("200.00")
        s.flush()
        prices = average_selling_prices(session=s, store_id=store.id, as_of=AS_OF)
        data = plan.load(session=s, store_id=store.id, as_of=AS_OF, currency="USD",
                         positions=inventory.stock_positions(session=s, store_id=store.id,
                                                             as_of=AS_OF, default_lead_time=45))  # fmt: skip
    assert world.SKU not in prices  # 5 units: under MIN_UNITS
    e = next(iter(data.views.values())).target_evidence
    assert e["price"] == 45.0 and e["price_source"] == "listing_price"
    assert "price_units" not in e
    assert "商品标价" in value_text("price_source", "listing_price", "USD", "zh")


def test_business_report_prices_a_sku_without_orders(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "CUP-1", "B0CUP00001", price=Decimal("32.99"))
        for k in range(28):
            f.traffic(s, store, "B0CUP00001", AS_OF - timedelta(days=k), units=3, price="36.99")
        f.traffic(s, store, "B0CUP00001", AS_OF - timedelta(days=30), units=50, price="10.00")
        s.flush()
        prices = average_selling_prices(session=s, store_id=store.id, as_of=AS_OF, currency="USD")
        other = average_selling_prices(session=s, store_id=store.id, as_of=AS_OF, currency="EUR")
    sold = prices["CUP-1"]
    assert sold.price == Decimal("36.99") and sold.units == 84
    assert sold.source == "business_report" and sold.days == 28
    assert other == {}  # another marketplace's currency is not mixed in


def test_a_group_with_few_ad_orders_values_an_order_at_its_selling_price(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        _list_price(s, store, world.SKU, "45.00")
        st = ads.Structure(s, store.id, None)
        fresh = st.campaign(ads.CampaignInfo("SP", "Fresh", state="enabled"))
        group = st.group(fresh, ads.GroupInfo("New mats", state="enabled"))
        kw = st.target(group, ads.TargetInfo("mat big", "exact", state="enabled",
                                             bid=Decimal("1")))  # fmt: skip
        product_ads.save_product_ad(session=s, group=group, sku=world.SKU, asin=world.ASIN,
                                    state="enabled")  # fmt: skip
        s.flush()
        row = world._row(store, kw, "mat big", AS_OF - timedelta(days=20), 30, "30.00", 1)
        row["sales"] = Decimal("90")  # one order of a bundle: not what a unit sells for
        ads.store_metrics(session=s, level="search_term", rows=[row])
        positions = inventory.stock_positions(
            session=s, store_id=store.id, as_of=AS_OF, default_lead_time=45
        )
        data = plan.load(session=s, store_id=store.id, as_of=AS_OF, currency="USD",
                         positions=positions)  # fmt: skip
        view = data.views[group.id]
        manual = next(v for v in data.views.values() if v.campaign.name == "Manual")
    assert view.order_value_source == "selling_price" and view.order_value == 40.0
    assert manual.order_value_source == "ad_orders" and manual.order_value == 40.0


# 2. "No active ads" -------------------------------------------------------------------------


def _idle_group(s: Session, store: Store, days_ago: int) -> AdGroup:
    """An enabled ad group with an enabled keyword, no product ad of its own, that sold
    ``days_ago`` days before the review day."""
    st = ads.Structure(s, store.id, None)
    idle = st.campaign(ads.CampaignInfo("SP", "Idle", state="enabled"))
    group = st.group(idle, ads.GroupInfo("Lonely", state="enabled"))
    kw = st.target(group, ads.TargetInfo("yoga mat blue", "exact", state="enabled"))
    s.flush()
    row = world._row(store, kw, "yoga mat blue", AS_OF - timedelta(days=days_ago), 3, "2.00", 2)
    ads.store_metrics(session=s, level="search_term", rows=[row])
    s.flush()
    return group


def test_without_a_bulk_file_product_ads_are_unknown_not_absent(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        s.query(AdProductAd).filter_by(store_id=store.id).delete()  # no bulk file imported
        _idle_group(s, store, days_ago=10)
        found = no_active_ads(ReviewContext(session=s, store=store, as_of=AS_OF))
    assert found == []


def test_an_ad_group_that_serves_has_an_active_ad(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)  # its bulk file gave the other groups product ads
        _idle_group(s, store, days_ago=1)  # impressions and 80.00 ad sales yesterday
        serving = no_active_ads(ReviewContext(session=s, store=store, as_of=AS_OF))
        store.name = "Acme US (serving)"
    with unit_of_work(engine) as s:
        store = world.account(s)
        _idle_group(s, store, days_ago=10)  # nothing in the last 7 days
        idle = no_active_ads(ReviewContext(session=s, store=store, as_of=AS_OF))
    assert serving == []
    (finding,) = idle
    assert finding.entity == "Idle / Lonely" and finding.money_at_stake == Decimal("80.00")


# 3. No changes in an ad group whose every ad the plan pauses ---------------------------------


def test_no_bids_negatives_harvests_or_budget_where_every_ad_pauses(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)  # well stocked: the same account's changes
        served = world.by_kind(world.refresh(s, store))
        store.name = "Acme US (stocked)"
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=40)  # 4 days of cover: both groups' ad pauses
        rows = world.refresh(s, store)
        kinds = world.by_kind(rows)
        texts = [reason_text(p, "en") for p in kinds["pause"]]
        zh = reason_text(kinds["pause"][0], "zh")
    assert {"bid", "negative", "harvest", "budget"} <= set(served)
    assert set(kinds) == {"pause"}, {r.kind for r in rows}
    assert len(kinds["pause"]) == 2
    left = sum(p.evidence.get("changes_left_out", 0) for p in kinds["pause"])
    assert left >= len(served["bid"]) + len(served["negative"])
    said = {p.evidence["changes_left_out"]: t for p, t in zip(kinds["pause"], texts, strict=True)
            if p.evidence.get("changes_left_out")}  # fmt: skip
    assert said, texts
    for count, text in said.items():  # "1 other change", "3 other changes": never "(s)"
        words = ("its 1 other change (a bid, negative or harvest) is left out" if count == 1
                 else f"its {count} other changes (bids, negatives, harvests) are left out")  # fmt: skip
        assert words in text and "(s)" not in text, text
    assert "已略去" in zh or "已略去" in reason_text(kinds["pause"][1], "zh")


def test_a_group_keeping_a_serving_sku_is_judged_on_it_alone(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=40)  # MAT-1 pauses
        f.product(s, store, "MAT-2", "B0MAT00002", price=Decimal("40"), unit_cost=Decimal("10"))
        f.orders(s, store, "MAT-2", per_day=10, days=28, price="40.00")
        f.snapshot(s, store, "MAT-2", AS_OF, fulfillable=1000, asin="B0MAT00002")
        for g in s.scalars(select(AdGroup).filter_by(store_id=store.id)):
            product_ads.save_product_ad(session=s, group=g, sku="MAT-2", asin="B0MAT00002",
                                        state="enabled")  # fmt: skip
        s.flush()
        kinds = world.by_kind(world.refresh(s, store))
        texts = [reason_text(b, "en") for b in kinds["bid"]]
    assert {p.sku for p in kinds["pause"]} == {world.SKU}
    assert kinds["bid"], "MAT-2 still serves: its bids are proposed"
    # The paused MAT-1's zero push no longer halves the group's bids: MAT-2 is well stocked.
    assert all(b.reason != "inventory_low" for b in kinds["bid"])
    assert all(b.evidence.get("skus_paused_today") == world.SKU for b in kinds["bid"])
    assert all("inventory_factor" not in b.evidence for b in kinds["bid"])
    assert all("this plan pauses the ads of MAT-1" in t for t in texts)


# 4. The stock sentence ----------------------------------------------------------------------


def test_a_bid_scaled_down_for_stock_says_so_with_its_numbers(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=300)  # 30 days of cover, lead time 45
        bids = [
            b for b in world.by_kind(world.refresh(s, store))["bid"] if b.reason == "inventory_low"
        ]
        en = [reason_text(b, "en") for b in bids]
        zh = [reason_text(b, "zh") for b in bids]
    assert bids
    factor = bids[0].evidence["inventory_factor"]
    assert factor == round(0.25 + 0.75 * (30 - 7) / (45 - 7), 3)
    assert en[0].startswith(
        "Stock will not last until a new order can arrive (MAT-1: 30 days of cover with "
        "inbound, lead time 45 days): bids scaled down to 70.4% of what a click is worth"
    ), en[0]
    assert "push scaled down" not in en[0]
    head = "库存撑不到新订单到货（MAT-1：含在途可售 30 天，交货周期 45 天）"
    assert zh[0].startswith(head), zh[0]
    assert "70.4%" in zh[0]


def test_a_cut_the_value_alone_makes_is_not_blamed_on_stock() -> None:
    # ACoS 720 %: cut by the most a day allows whatever the stock; a push of 0.98 changes
    # nothing, so the reason is the ACoS, not the stock.
    barely = opt.bid_move(_bid(orders=1, sales=Decimal("25"), inventory=0.98))
    assert barely is not None and barely.new_bid == Decimal("0.75")
    assert barely.reason == "above_target"
    on_target = dict(bid=Decimal("0.80"), spend=Decimal("122"), orders=20, sales=Decimal("500"))
    low = opt.bid_move(_bid(**on_target, inventory=0.4))
    assert low is not None and low.reason == "inventory_low"
