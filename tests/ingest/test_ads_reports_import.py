"""Targeting, advertised product, campaign (SP / SB / SD) and placement reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, select

from sellerops.ads.models import (
    AdCampaignDaily,
    AdPlacementDaily,
    AdProductDaily,
    AdTarget,
    AdTargetDaily,
)
from sellerops.core.db import unit_of_work
from sellerops.ingest.reports._ads_columns import header_ad_product
from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import Sample, campaigns, targets
from tests.ingest.helpers import rows_of

NOV_25 = date(2026, 11, 25)
EXACT = "SP - Garden Hoses - Exact"
AUTO = "SP - Garden Hoses - Auto"


def facts(engine: Engine, model: type) -> list:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(model)))


def test_the_targeting_report_keeps_top_of_search_share_per_target(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SP_Targeting_US_2026-11-25.csv"))

    assert (outcome.status, outcome.report_type, outcome.rows_read) == ("imported", "ads_target", 3)
    found = targets(engine)
    keyword = found[(EXACT, "Hoses exact", "exact", "garden hose")]
    # TARGETING_EXPRESSION and "-" are the same: a targeting clause without a match type
    product = found[("SP - Garden Hoses - Product", "Competitor ASINs", "-", 'asin="B0COMP0001"')]
    by_target = {f.target_id: f for f in facts(engine, AdTargetDaily)}
    assert by_target[keyword.id].top_of_search_share == Decimal("0.125")
    assert (by_target[keyword.id].spend, by_target[keyword.id].sales) == (
        Decimal("16.50"), Decimal("119.97"),
    )  # fmt: skip
    assert by_target[product.id].top_of_search_share == Decimal("0.031")


def test_targets_from_search_term_and_targeting_reports_are_the_same_rows(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample("ads/SP_Search_Term_US_2026-11-24_25.csv"))
    before = rows_of(engine, AdTarget)

    import_file(engine=engine, path=sample("ads/SP_Targeting_US_2026-11-25.csv"))

    assert len(rows_of(engine, AdTarget)) == len(before)


def test_the_advertised_product_report_is_per_ad_group_asin_and_sku(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SP_Advertised_Product_US_2026-11-25.csv"))

    assert (outcome.report_type, outcome.rows_inserted) == ("ads_product", 3), outcome.error
    rows = {(f.asin, f.sku, f.clicks) for f in facts(engine, AdProductDaily)}
    assert rows == {("B0CHILD001", "HOSE-50-GRN", 15), ("B0CHILD001", "HOSE-50-GRN", 8),
                    ("B0CHILD002", "HOSE-25-GRN", 4)}  # fmt: skip


def test_the_14_day_vendor_variant_with_rupees_in_the_header(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SP_Advertised_Product_IN_14_day.csv"))

    assert (outcome.status, outcome.store, outcome.currency) == ("imported", "IN", "INR")
    [fact] = facts(engine, AdProductDaily)
    assert (fact.asin, fact.sku, fact.attribution_days, fact.currency) == (
        "B0LAMP0001", "", 14, "INR",
    )  # fmt: skip
    assert (fact.sales, fact.advertised_sales, fact.other_sales) == (
        Decimal("12345.00"), Decimal("11250.00"), Decimal("1095.00"),
    )  # fmt: skip
    assert (fact.orders, fact.units, fact.advertised_units, fact.other_units) == (9, 11, 10, 1)


def test_the_sp_campaign_report_fills_state_budget_and_strategy(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample("ads/SP_Campaign_US_2026-11-25.csv"))

    exact, auto = campaigns(engine)[EXACT], campaigns(engine)[AUTO]
    assert (exact.ad_product, exact.state, exact.daily_budget, exact.targeting_type) == (
        "SP", "enabled", Decimal("25.00"), "manual",
    )  # fmt: skip
    assert exact.bidding_strategy == "Dynamic bids - down only"
    assert (auto.state, auto.targeting_type) == ("paused", "auto")
    daily = {f.campaign_id: f for f in facts(engine, AdCampaignDaily)}
    assert daily[exact.id].top_of_search_share == Decimal("0.125")
    assert (daily[exact.id].day, daily[exact.id].spend) == (NOV_25, Decimal("16.50"))


def test_a_search_term_report_does_not_blank_what_the_campaign_report_said(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample("ads/SP_Campaign_US_2026-11-25.csv"))
    import_file(engine=engine, path=sample("ads/SP_Search_Term_US_2026-11-24_25.csv"))

    assert campaigns(engine)[EXACT].daily_budget == Decimal("25.00")


def test_sponsored_brands_campaigns_keep_new_to_brand_and_14_day_sales(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SB_Campaign_US_2026-11-25.csv"))

    assert outcome.report_type == "ads_campaign", outcome.error
    campaign = campaigns(engine)["SB - Brand store hoses"]
    assert campaign.ad_product == "SB"
    [fact] = facts(engine, AdCampaignDaily)
    assert (fact.attribution_days, fact.sales, fact.orders, fact.units) == (
        14, Decimal("239.80"), 5, 6,
    )  # fmt: skip
    assert (fact.viewable_impressions, fact.detail_page_views) == (6020, 112)
    assert (fact.new_to_brand_orders, fact.new_to_brand_units, fact.new_to_brand_sales) == (
        4, 5, Decimal("199.83"),
    )  # fmt: skip


def test_sponsored_display_campaigns_are_told_from_brands_by_their_columns(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample("ads/SD_Campaign_US_2026-11-25.csv"))
    import_file(engine=engine, path=sample("ads/SB_Campaign_US_2026-11-25.csv"))

    found = campaigns(engine)
    assert found["SD - Retarget viewers"].ad_product == "SD"
    assert found["SD - Retarget viewers"].state == "enabled"
    assert found["SB - Brand store hoses"].ad_product == "SB"
    sd = next(f for f in facts(engine, AdCampaignDaily) if f.viewable_impressions == 9870)
    assert (sd.clicks, sd.spend, sd.sales, sd.detail_page_views) == (
        22,
        Decimal("19.80"),
        Decimal("59.98"),
        65,
    )


def test_the_placement_report_is_per_campaign_and_placement(engine: Engine, sample: Sample) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SP_Placement_US_2026-11-25.csv"))

    assert (outcome.report_type, outcome.rows_inserted) == ("ads_placement", 3), outcome.error
    rows = {f.placement: (f.clicks, f.spend) for f in facts(engine, AdPlacementDaily)}
    assert rows == {
        "Top of Search on-Amazon": (9, Decimal("10.80")),
        "Other on-Amazon": (4, Decimal("3.60")),
        "Detail Page on-Amazon": (2, Decimal("2.10")),
    }
    keys = {f.placement_key for f in facts(engine, AdPlacementDaily)}
    assert "top of search on-amazon" in keys


def test_every_ads_report_re_imported_changes_nothing(engine: Engine, sample: Sample) -> None:
    names = ["SP_Targeting_US_2026-11-25.csv", "SP_Advertised_Product_US_2026-11-25.csv",
             "SP_Campaign_US_2026-11-25.csv", "SB_Campaign_US_2026-11-25.csv",
             "SD_Campaign_US_2026-11-25.csv", "SP_Placement_US_2026-11-25.csv"]  # fmt: skip
    paths = [sample(f"ads/{name}") for name in names]
    for path in paths:
        import_file(engine=engine, path=path)
    models = (AdTargetDaily, AdProductDaily, AdCampaignDaily, AdPlacementDaily)
    before = [rows_of(engine, m) for m in models]

    again = [import_file(engine=engine, path=p, force=True) for p in paths]

    assert {o.rows_inserted for o in again} == {0}
    assert [rows_of(engine, m) for m in models] == before


def test_the_2024_campaign_export_says_the_ad_product_per_row(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/Campaigns_export_2024_US.csv"))

    assert (outcome.report_type, outcome.rows_inserted) == ("ads_campaign", 2), outcome.error
    found = campaigns(engine)
    assert (found[EXACT].ad_product, found["SB - Brand store hoses"].ad_product) == ("SP", "SB")
    daily = {f.campaign_id: f for f in facts(engine, AdCampaignDaily)}
    exact = daily[found[EXACT].id]
    assert (exact.day, exact.spend, exact.sales, exact.orders) == (
        NOV_25, Decimal("16.50"), Decimal("119.97"), 3,
    )  # fmt: skip
    assert exact.attribution_days is None  # the export does not say its window


def test_the_ad_product_is_told_from_the_columns_each_product_adds() -> None:
    sp = ["Date", "Campaign Name", "Impressions", "Clicks", "Spend", "7 Day Total Sales "]
    brands_terms = [*sp, "Cost Type", "Viewable Impressions", "Match Type"]
    display_targets = [*sp, "Cost type", "Viewable Impressions", "14 Day Total Sales - (Click)"]
    assert header_ad_product(sp, "search_term") == "SP"
    assert header_ad_product(brands_terms, "search_term") == "SB"
    assert header_ad_product(brands_terms, "target") == "SB"  # Display has no match types
    assert header_ad_product(display_targets, "target") == "SD"
    assert header_ad_product([*sp, "Bid Optimization"], "product") == "SD"
    assert header_ad_product([*sp, "14 Day Branded Searches", "Cost type"], "campaign") == "SB"
