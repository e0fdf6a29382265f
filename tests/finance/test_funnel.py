"""The funnel per ASIN against its own history, and where it breaks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.ads.models import (
    AdCampaign,
    AdGroup,
    AdProductAd,
    AdProductDaily,
    AdSearchTermDaily,
    AdTarget,
)
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import evidence_items
from sellerops.finance import funnel, funnel_service
from sellerops.finance.funnel import FunnelDay, Signals, summarize
from sellerops.finance.funnel_checks import funnel_break
from sellerops.reviews.models import Review
from tests import factories as f
from tests.factories import AS_OF


def _window(days: int, **day: object) -> funnel.Window:
    return summarize([FunnelDay(**day)] * days, days)  # type: ignore[arg-type]


def _usual(days: int = 28, **change: object) -> funnel.Window:
    usual: dict[str, object] = dict(
        impressions=5000, clicks=50, sessions=100, orders=10, units=10,
        sales=Decimal("200.00"), buy_box=1.0,
    )  # fmt: skip
    return _window(days, **(usual | change))


def test_orders_within_noise_are_no_break() -> None:
    assert funnel.diagnose(_usual(7, orders=9, units=9), _usual(), Signals()) is None
    assert funnel.diagnose(_usual(7), _usual(), Signals()) is None


def test_a_thin_history_is_never_called_a_break() -> None:
    thin = _usual(orders=0, units=0, sales=Decimal(0))
    assert funnel.diagnose(_usual(7, orders=0), thin, Signals()) is None


def test_lost_buy_box_comes_first_in_the_chain() -> None:
    found = funnel.diagnose(_usual(7, orders=3, buy_box=0.5, sessions=40), _usual(), Signals())
    assert found is not None and found.stage == "buy_box"


def test_fewer_ad_clicks_per_impression_is_a_ctr_break() -> None:
    recent = _usual(7, clicks=20, sessions=60, orders=4, units=4, sales=Decimal(80))
    found = funnel.diagnose(recent, _usual(), Signals())
    assert found is not None and (found.stage, found.cause) == ("ctr", None)


def test_sessions_down_with_ad_clicks_steady_is_organic_rank_loss() -> None:
    recent = _usual(7, sessions=40, orders=4, units=4, sales=Decimal(80))
    found = funnel.diagnose(recent, _usual(), Signals())
    assert found is not None and found.stage == "organic"


def test_sessions_down_with_ads_down_too_is_ad_reach() -> None:
    recent = _usual(7, impressions=2500, clicks=25, sessions=40, orders=4, units=4)
    found = funnel.diagnose(recent, _usual(), Signals())
    assert found is not None and found.stage == "ad_reach"


def test_conversion_drop_is_explained_by_stock_then_price_then_reviews_then_returns() -> None:
    recent, base = _usual(7, orders=3, units=3, sales=Decimal(60)), _usual()

    def cause(**signals: object) -> str | None:
        found = funnel.diagnose(recent, base, Signals(**signals))  # type: ignore[arg-type]
        assert found is not None and found.stage == "conversion"
        return found.cause

    assert cause(out_of_stock_days=2, price_vs_buy_box=0.1) == "stock"
    assert cause(price_vs_buy_box=0.05, negative_reviews=2) == "price"
    assert cause(negative_reviews=1, returns_recent=5) == "reviews"
    assert cause(returns_recent=5, returns_base=4) == "returns"
    assert cause() == "unclear"


def test_a_price_rise_seen_in_the_business_report_explains_lost_conversion() -> None:
    recent = _usual(7, orders=3, units=3, sales=Decimal("69.00"))  # 23.00 a unit, was 20.00
    found = funnel.diagnose(recent, _usual(), Signals())
    assert found is not None and found.cause == "price"


def test_money_at_stake_is_lost_orders_a_day_times_usual_order_value() -> None:
    found = funnel.diagnose(_usual(7, orders=4, units=4, sales=Decimal(80)), _usual(), Signals())
    assert found is not None
    assert found.lost_orders_per_day == 6.0
    assert found.money_per_day == Decimal("120.00")  # 6 orders x 20.00


def test_more_sessions_converting_worse_is_a_conversion_break_even_when_orders_hold() -> None:
    recent = _usual(7, sessions=150, orders=8, units=8, sales=Decimal(160))
    found = funnel.diagnose(recent, _usual(), Signals(negative_reviews=3))
    assert found is not None and (found.stage, found.cause) == ("conversion", "reviews")
    assert found.expected_orders_per_day == 15.0  # 150 sessions x the usual 10 %
    assert found.money_per_day == Decimal("140.00")  # 7 orders a day x 20.00


def test_a_launch_tripling_its_traffic_is_not_a_conversion_break() -> None:
    recent = _usual(7, sessions=300, orders=10, units=10)
    assert funnel.diagnose(recent, _usual(), Signals()) is None


def test_lumpy_daily_orders_need_a_bigger_drop_than_steady_ones() -> None:
    steady = _usual()
    lumpy = summarize(
        [FunnelDay(sessions=100, orders=n, units=n, sales=Decimal(20 * n)) for n in (2, 18) * 14],
        28,
    )
    recent = _usual(7, orders=5, units=5, sales=Decimal(100))
    assert funnel.diagnose(recent, steady, Signals()) is not None
    assert funnel.diagnose(recent, lumpy, Signals()) is None


def test_poisson_cdf_survives_large_means() -> None:
    assert abs(funnel.poisson_cdf(3, 3.0) - 0.6472318887) < 1e-9
    assert funnel.poisson_cdf(500, 1000.0) < 1e-30


def _ads(session: Session, store: Store, asin: str, *, clicks: int) -> None:
    campaign = AdCampaign(store_id=store.id, ad_product="SP", name_key="c", name="C")
    session.add(campaign)
    session.flush()
    group = AdGroup(store_id=store.id, campaign_id=campaign.id, name_key="g", name="G")
    session.add(group)
    session.flush()
    for k in range(35):
        session.add(
            AdProductDaily(
                store_id=store.id, day=AS_OF - timedelta(days=k), ad_group_id=group.id,
                asin=asin, sku="", campaign_id=campaign.id, impressions=5000, clicks=clicks,
                spend=Decimal(10), currency="USD",
            )
        )  # fmt: skip


def _days(session: Session, store: Store, asin: str, recent: dict[str, int]) -> None:
    for k in range(35):
        now = k < 7
        units = recent["units"] if now else 10
        sessions = recent["sessions"] if now else 100
        f.traffic(session, store, asin, AS_OF - timedelta(days=k), units=units, sessions=sessions)


def test_review_names_the_broken_link_of_each_asin_and_the_money_lost(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _days(s, store, "B0STEADY01", {"units": 10, "sessions": 100})
        _days(s, store, "B0REVIEW01", {"units": 3, "sessions": 100})
        _days(s, store, "B0ORGANIC1", {"units": 4, "sessions": 40})
        _ads(s, store, "B0ORGANIC1", clicks=50)
        s.add(Review(store_id=store.id, review_id="R1", asin="B0REVIEW01",
                     review_day=AS_OF - timedelta(days=3), rating=2, source="sheet"))  # fmt: skip
        s.flush()
        found = {x.entity: x for x in funnel_break(ReviewContext(s, store, AS_OF))}
    assert set(found) == {"B0REVIEW01", "B0ORGANIC1"}
    reviews, organic = found["B0REVIEW01"], found["B0ORGANIC1"]
    assert reviews.evidence["funnel_break"] == "reviews"
    assert reviews.money_at_stake == Decimal("140.00")  # 7 orders a day x 20.00
    assert organic.evidence["funnel_break"] == "organic"
    assert organic.evidence["funnel_clicks_per_day"] == 50
    assert "新增差评" in reviews.title("zh") and "70%" in reviews.title("en")
    assert ("断点", "广告点击稳定但会话下降：自然排名下滑") in evidence_items(organic, "zh")


def test_search_terms_without_product_rows_are_shared_among_the_groups_asins(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        campaign = AdCampaign(store_id=store.id, ad_product="SP", name_key="c", name="C")
        s.add(campaign)
        s.flush()
        group = AdGroup(store_id=store.id, campaign_id=campaign.id, name_key="g", name="G")
        s.add(group)
        s.flush()
        target = AdTarget(store_id=store.id, campaign_id=campaign.id, ad_group_id=group.id,
                          match_type="exact", text_key="mug", text="mug", kind="keyword")  # fmt: skip
        s.add(target)
        for asin in ("B0SHARE001", "B0SHARE002"):
            s.add(AdProductAd(store_id=store.id, campaign_id=campaign.id, ad_group_id=group.id,
                              sku=f"SKU-{asin}", asin=asin))  # fmt: skip
        s.flush()
        s.add(AdSearchTermDaily(store_id=store.id, day=AS_OF, target_id=target.id, term_key="mug",
                                term="mug", campaign_id=campaign.id, ad_group_id=group.id,
                                impressions=1001, clicks=7, spend=Decimal(5), currency="USD"))  # fmt: skip
        s.flush()
        got = funnel_service.ad_traffic(session=s, store_id=store.id, start=AS_OF, end=AS_OF)
    assert got == {("B0SHARE001", AS_OF): (501, 4), ("B0SHARE002", AS_OF): (500, 3)}
