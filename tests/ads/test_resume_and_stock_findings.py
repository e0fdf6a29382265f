"""Session 5: a bid back from a stock pause restarts at what a click is worth (not at the
stale bid from before the pause, stepped 25 % a day), and the "about to run out" finding
only for pauses that are about stock (a SKU paused for its margin, with 94.5 days of cover,
was flagged as about to run out)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sellerops.ads import optimizer as opt
from sellerops.ads.models import AdProductAd, AdRecommendation, AdTarget
from sellerops.ads.present import reason_details, reason_text
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily import service as daily
from tests.ads import world
from tests.ads.test_optimizer import _bid
from tests.factories import AS_OF


def test_a_bid_back_from_a_stock_pause_restarts_at_its_value_not_a_quarter_at_a_time() -> None:
    # 200 clicks, 10 orders: a click is worth about 0.44 at break-even; the bid is 2.00.
    stepped = opt.bid_move(_bid(bid=Decimal("2.00"), goal="profit"))
    back = opt.bid_move(_bid(bid=Decimal("2.00"), goal="profit", resumed=True))
    assert stepped is not None and back is not None
    assert stepped.new_bid == Decimal("1.50") and stepped.reason == "above_value"
    assert back.new_bid == Decimal(str(round(back.value_per_click, 2))) < Decimal("0.50")
    assert back.reason == "resume_value"
    # Thin data still moves nothing, paused or not.
    assert opt.bid_move(_bid(clicks=5, spend=Decimal("5"), orders=0, resumed=True)) is None


def _paused_for_stock(s: Session, store: Store) -> None:
    """Both product ads paused by an exported pause of the optimizer (out of stock then);
    stock is back now (1,000 units)."""
    for ad in s.scalars(select(AdProductAd).filter_by(store_id=store.id)):
        ad.state = "paused"
        s.add(AdRecommendation(
            store_id=store.id, review_date=AS_OF - timedelta(days=20),
            rec_key=f"pause:{ad.ad_group_id}:{ad.sku}", kind="pause",
            campaign_id=_campaign_of(s, ad.ad_group_id), ad_group_id=ad.ad_group_id,
            sku=ad.sku, currency="USD", reason="inventory_out_of_stock", params={},
            evidence={}, effect={}, status="exported", exported_at=datetime(2026, 1, 1, tzinfo=UTC),
        ))  # fmt: skip
    s.flush()


def _campaign_of(s: Session, gid: int) -> int:
    from sellerops.ads.models import AdGroup

    group = s.get(AdGroup, gid)
    assert group is not None
    return group.campaign_id


def _target(s: Session, store: Store) -> AdTarget:
    return s.scalars(select(AdTarget).filter_by(store_id=store.id, text="yoga mat")).one()


def test_the_plan_restarts_the_bids_of_an_ad_group_back_in_stock(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        _target(s, store).bid = Decimal("4.00")  # far above what a click is worth (~1.20)
        s.flush()
        before = world.by_kind(world.refresh(s, store))["bid"]
        stepped = next((r.proposed, r.reason) for r in before if r.params["target"] == "yoga mat")
        _paused_for_stock(s, store)
        rows = world.refresh(s, store)
        kinds = world.by_kind(rows)
        bid = next(r for r in kinds["bid"] if r.params["target"] == "yoga mat")
        en, zh = reason_text(bid, "en"), reason_text(bid, "zh")
        details = reason_details(bid, "en")
        import sellerops.ads.checks  # noqa: F401  (declares the evidence fields)
        from sellerops.web.ads_page import evidence_items

        shown = dict(evidence_items(bid, "en"))
    # Serving all along: a quarter a day. Back from the pause: at its value at once.
    assert stepped == (Decimal("3.00"), "above_value")
    assert {r.reason for r in kinds["enable"]} == {"inventory_back"}
    assert bid.reason == "resume_value" and bid.proposed < Decimal("1.50")
    assert float(bid.proposed) == round(bid.evidence["value_per_click"], 2)
    assert bid.evidence["bid_before_pause"] == 4.0
    assert "Back in stock" in en and "库存恢复" in zh
    assert any("set before the pause" in d and "$4.00" in d for d in details)
    assert any("一次到位" in d for d in reason_details(bid, "zh"))
    assert shown.get("Bid before the stock pause") == "$4.00", shown


def test_a_sku_paused_for_its_margin_with_months_of_cover_is_not_about_to_run_out(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, unit_cost="30")  # loses 2.00 a unit before ads; 100 days cover
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
    ads = {i.finding.kind: i.finding for i in review.items if i.finding.module == "ads"}
    assert not review.errors
    assert "spend_into_stockout" not in ads
    loss = ads["spend_at_a_loss"]
    assert loss.entity == world.SKU and loss.money_at_stake > 0
    assert "loses money on every unit before ads" in loss.title("en")
    assert "未计广告即每件亏损" in loss.title("zh")
    assert loss.evidence["profit_before_ads"] == -2.0
