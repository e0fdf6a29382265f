"""Discovery (auto / broad / phrase) targets after harvesting, and the harvested keywords:
an auto target is bid on the queries it still serves, and an exact keyword's search term is
negated only on its whole record, its source's included."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine

from sellerops.ads import checks  # noqa: F401  (registers the evidence labels)
from sellerops.ads.models import AdRecommendation
from sellerops.core.db import unit_of_work
from sellerops.daily.evidence import label
from tests.ads import world


def _negatives(
    rows: list[AdRecommendation],
) -> dict[tuple[int | None, str | None], AdRecommendation]:
    return {(r.ad_group_id, r.term): r for r in rows if r.kind == "negative"}


def test_an_exact_keywords_term_counts_its_record_in_the_source(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        # Harvested from the auto target, where it converted (30 orders in 120 clicks):
        # 42 clicks without an order in its own report are a dry spell, not a dead term.
        thick = world.add_keyword(s, store, "yoga mat thick")
        world.add_term(s, store, "yoga mat thick", "yoga mat thick", 2, "2.00", 0, days=28)
        # The same own record with no source behind it is negated.
        world.add_keyword(s, store, "yoga mat pink")
        world.add_term(s, store, "yoga mat pink", "yoga mat pink", 2, "2.00", 0, days=28)
        # 8 clicks of its own are too few alone; with 60 more in the source, it is negated.
        world.add_keyword(s, store, "yoga mat red")
        world.add_term(s, store, "yoga mat red", "yoga mat red", 1, "1.00", 0, days=15)
        world.add_term(s, store, "close-match", "yoga mat red", 1, "1.00", 0)
        manual = thick.ad_group_id
        rows = world.refresh(s, store)
    negatives = _negatives(rows)
    assert (manual, "yoga mat thick") not in negatives
    pink = negatives[(manual, "yoga mat pink")]
    assert pink.evidence["source_clicks"] == 0
    red = negatives[(manual, "yoga mat red")]
    assert red.evidence["clicks"] == 8 and red.evidence["source_clicks"] > 60
    assert red.evidence["source_orders"] == 0 and red.evidence["orders_elsewhere"] == 0
    assert red.reason == "negative_no_conversions"
    bids = {r.params["target"]: r for r in rows if r.kind == "bid"}
    assert bids["yoga mat thick"].evidence["source_orders"] > 30  # its bid reads the same


def test_an_auto_target_is_bid_on_the_queries_it_still_serves(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        # A third query of the auto target: 4 clicks a day, an order every 10 days (ACoS
        # 100 %: no harvest; 6 orders: no negative). Today "yoga mat thick" (30 orders) is
        # harvested and "yoga ball" negated: this one is what the target keeps.
        world.add_term(s, store, "close-match", "yoga mat bag", 4, "4.00", 10)
        kinds = world.by_kind(world.refresh(s, store))
    bid = {r.params["target"]: r for r in kinds["bid"]}["close-match"]
    assert bid.evidence["clicks"] == 240 and bid.evidence["orders"] == 6  # "bag" alone
    assert bid.evidence["terms_moving_out"] == 2
    # Worth ~0.64 a click now (not the ~1.9 its record with "thick" said): cut by the
    # daily step.
    assert bid.reason == "above_value" and bid.current == Decimal("1.00")
    assert bid.evidence["value_per_click"] < 0.75 and bid.proposed == Decimal("0.75")
    assert {h.term for h in kinds["harvest"]} == {"yoga mat thick"}
    assert label("terms_moving_out", "zh") != label("terms_moving_out", "en")


def test_a_negative_of_today_leaves_the_auto_targets_record_too(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        # Break-even ACoS 7.5 %: "yoga mat thick" (ACoS 10 %) is not harvested; only "yoga
        # ball" is negated.
        store = world.account(s, unit_cost="25")
        world.add_term(s, store, "close-match", "yoga mat bag", 4, "4.00", 10)
        kinds = world.by_kind(world.refresh(s, store))
    assert "harvest" not in kinds and len(kinds["negative"]) == 1
    bid = {r.params["target"]: r for r in kinds["bid"]}["close-match"]
    assert bid.evidence["clicks"] == 360 and bid.evidence["terms_moving_out"] == 1
    assert bid.proposed == Decimal("0.75")  # the 25 % daily step bounds the cut
