"""Brand Analytics search terms: the current and legacy CSV and the SP-API JSON document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, select

from sellerops.brand.models import SearchTermRank
from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import Sample
from tests.ingest.helpers import batches, rows_of, stores

CURRENT = "brand/BrandAnalytics_Top_Search_Terms_US_Weekly_2026-11-21.csv"
LEGACY = "brand/BrandAnalytics_Search_Terms_legacy_2022-01-08.csv"
DOCUMENT = "brand/GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT_example.json"


def ranks(engine: Engine) -> dict[tuple[str, str, int], SearchTermRank]:
    """(department, term, click rank) -> row."""
    with unit_of_work(engine) as session:
        rows = session.scalars(select(SearchTermRank))
        return {(r.department, r.term, r.click_rank): r for r in rows}


def test_the_current_csv_becomes_one_row_per_clicked_product(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample(CURRENT))

    assert (outcome.status, outcome.report_type) == ("imported", "brand_search_terms"), (
        outcome.error
    )
    assert (outcome.rows_read, outcome.rows_inserted) == (2, 5)  # the second term has two
    top = ranks(engine)[("", "garden hose", 1)]
    assert (top.search_frequency_rank, top.clicked_asin, top.top_brand) == (1, "B0CHILD001", "Acme")
    assert (top.click_share, top.conversion_share) == (Decimal("0.2137"), Decimal("0.251"))
    assert top.top_category == "Lawn & Garden"
    # the metadata line above the header gives the week; Reporting Date is its last day
    assert (top.period, top.period_start, top.period_end) == (
        "WEEK", date(2026, 11, 15), date(2026, 11, 21),
    )  # fmt: skip
    assert ranks(engine)[("", "garden hose", 2)].top_brand == "Flexzilla"
    assert ("", "expandable garden hose", 3) not in ranks(engine)


def test_the_legacy_csv_has_departments_and_shares_without_percent_signs(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample(LEGACY), marketplace="US")

    assert (outcome.rows_read, outcome.rows_inserted) == (2, 4), outcome.error
    everywhere = ranks(engine)[("Amazon.com", "garden hose", 1)]
    assert (everywhere.search_frequency_rank, everywhere.click_share) == (1204, Decimal("0.185"))
    assert (everywhere.period_start, everywhere.period_end) == (date(2022, 1, 2), date(2022, 1, 8))
    garden = ranks(engine)[("Lawn & Garden", "garden hose", 1)]
    assert garden.search_frequency_rank == 3


def test_the_sp_api_document_lands_with_fractions_and_its_marketplace(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample(DOCUMENT))

    assert (outcome.report_type, outcome.store) == ("brand_search_terms_json", "US"), outcome.error
    assert (outcome.rows_read, outcome.rows_inserted) == (12, 12)
    assert stores(engine) == [("US", "US")]
    second = ranks(engine)[("Beauty", "beauty search term rank one", 2)]
    assert (second.clicked_asin, second.click_share, second.conversion_share) == (
        "B1313145454", Decimal("0.0767"), Decimal("0.0743"),
    )  # fmt: skip
    assert (second.period, second.period_start, second.period_end) == (
        "WEEK", date(2021, 6, 6), date(2021, 6, 12),
    )  # fmt: skip


def test_re_importing_brand_analytics_changes_nothing(engine: Engine, sample: Sample) -> None:
    paths = [sample(CURRENT), sample(DOCUMENT)]
    for path in paths:
        import_file(engine=engine, path=path, marketplace="US")
    before = rows_of(engine, SearchTermRank)

    again = [import_file(engine=engine, path=p, force=True) for p in paths]

    assert [o.rows_inserted for o in again] == [0, 0]
    assert rows_of(engine, SearchTermRank) == before


def test_a_share_that_is_no_number_rejects_the_file_at_its_cell(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(
        engine=engine, path=sample("brand/BrandAnalytics_Top_Search_Terms_bad_share.csv")
    )

    assert outcome.error == (
        "BrandAnalytics_Top_Search_Terms_bad_share.csv, line 4, column "
        '"Top Clicked Product #1: Click Share": expected a number, got "lots"'
    )
    assert ranks(engine) == {}
    assert [b.status for b in batches(engine)] == ["failed"]
