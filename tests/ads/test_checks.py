"""The daily review shows the advertising findings, in English and Chinese, with money."""

from __future__ import annotations

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.daily import service as daily
from sellerops.daily.evidence import evidence_items
from tests.ads import world
from tests.factories import AS_OF


def test_review_flags_ads_spending_into_a_stockout(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=40)
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
    ads = [i.finding for i in review.items if i.finding.module == "ads"]
    stockout = next(f for f in ads if f.kind == "spend_into_stockout")
    assert stockout.entity == world.SKU and stockout.money_at_stake > 0
    assert stockout.money_period == "day"
    assert "about to run out" in stockout.title("en") and "即将断货" in stockout.title("zh")
    labels = dict(evidence_items(stockout, "zh"))
    assert "近 7 天广告花费" in labels


def test_review_flags_wasted_terms_and_a_capped_profitable_campaign(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
    ads = {i.finding.kind: i.finding for i in review.items if i.finding.module == "ads"}
    assert not review.errors
    wasted = ads["wasted_search_terms"]
    assert wasted.entity == "Auto" and wasted.evidence["top_terms"] == "yoga ball"
    assert wasted.money_period == "month" and wasted.money_at_stake > 0
    budget = ads["budget_limited"]
    assert budget.entity == "Auto" and "3.75" in budget.action("en")
    assert "spend_into_stockout" not in ads


def test_the_same_keyword_in_two_campaigns_is_flagged(engine: Engine) -> None:
    from decimal import Decimal

    from sellerops.ads import service as ads
    from sellerops.ads.checks import keyword_overlap
    from sellerops.daily.context import ReviewContext

    with unit_of_work(engine) as s:
        store = world.account(s)
        st = ads.Structure(s, store.id, None)
        other = st.campaign(ads.CampaignInfo("SP", "Manual 2", state="enabled"))
        group = st.group(other, ads.GroupInfo("Mats", state="enabled"))
        copy = st.target(group, ads.TargetInfo("yoga mat", "exact", bid=Decimal("2")))
        s.flush()
        rows = [world._row(store, copy, "yoga mat", AS_OF, 10, "20.00", 0)]
        ads.store_metrics(session=s, level="search_term", rows=rows)
        found = keyword_overlap(ReviewContext(session=s, store=store, as_of=AS_OF))
    (overlap,) = found
    assert overlap.entity == "yoga mat" and overlap.params["best"] == "Manual"
    assert overlap.money_at_stake == Decimal("20.00")
    assert "competes with itself in 2 campaigns" in overlap.title("en")


def test_oversized_ad_group_and_ad_group_without_active_ads(engine: Engine) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from sellerops.ads import product_ads
    from sellerops.ads import service as ads
    from sellerops.ads.checks import MAX_TARGETS_PER_GROUP, no_active_ads, oversized_ad_group
    from sellerops.daily.context import ReviewContext

    with unit_of_work(engine) as s:
        store = world.account(s)
        st = ads.Structure(s, store.id, None)
        big = st.campaign(ads.CampaignInfo("SP", "Broad", state="enabled"))
        group = st.group(big, ads.GroupInfo("Everything", state="enabled"))
        kws = [st.target(group, ads.TargetInfo(f"mat {i}", "broad", state="enabled",
                                               bid=Decimal("1")))
               for i in range(MAX_TARGETS_PER_GROUP + 1)]  # fmt: skip
        product_ads.save_product_ad(session=s, group=group, sku=world.SKU, asin=world.ASIN,
                                    state="enabled")  # fmt: skip
        idle = st.campaign(ads.CampaignInfo("SP", "Idle", state="enabled"))
        empty = st.group(idle, ads.GroupInfo("No ads", state="enabled"))
        kw = st.target(empty, ads.TargetInfo("yoga mat blue", "exact", state="enabled"))
        product_ads.save_product_ad(session=s, group=empty, sku=world.SKU, asin=world.ASIN,
                                    state="paused")  # fmt: skip
        s.flush()
        rows = [world._row(store, kws[0], "mat 0", AS_OF, 4, "3.00", 0),
                world._row(store, kws[1], "mat 1", AS_OF, 4, "2.00", 1),
                # It sold 10 days ago and has not served since (its ad is paused).
                world._row(store, kw, "yoga mat blue", AS_OF - timedelta(days=10), 3, "2.00", 2)]  # fmt: skip
        ads.store_metrics(session=s, level="search_term", rows=rows)
        ads.store_metrics(session=s, level="target", rows=[
            {k: v for k, v in r.items() if k not in ("term_key", "term")} for r in rows])  # fmt: skip
        ctx = ReviewContext(session=s, store=store, as_of=AS_OF)
        (oversized,) = oversized_ad_group(ctx)
        (no_ads,) = no_active_ads(ctx)
    assert oversized.entity == "Broad / Everything"
    assert oversized.params["targets"] == MAX_TARGETS_PER_GROUP + 1
    assert oversized.money_at_stake == Decimal("3.00")  # mat 0: clicks, no orders
    assert "oversized" in oversized.title("en") and "过大" in oversized.title("zh")
    assert no_ads.entity == "Idle / No ads" and no_ads.money_at_stake == Decimal("80.00")
    assert "no active ads" in no_ads.title("en") and "没有在投广告" in no_ads.title("zh")
