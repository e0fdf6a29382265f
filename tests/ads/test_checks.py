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
