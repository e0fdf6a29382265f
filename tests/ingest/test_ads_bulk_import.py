"""The bulk operations workbook: campaigns, ad groups, keywords and targets with their ids."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook
from sqlalchemy import Engine, select

from sellerops.ads.models import AdCampaign, AdGroup, AdTarget
from sellerops.core.db import unit_of_work
from sellerops.ingest import xlsx
from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import ADS, Sample, campaigns, targets
from tests.ingest.helpers import rows_of
from tests.ingest.workbooks import workbook

BULK = "ads/bulk-a1b2c3d4-20261126.xlsx"
EXACT = "SP - Garden Hoses - Exact"
AUTO = "SP - Garden Hoses - Auto"


def sheets_of(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def edited_bulk(tmp_path: Path, sheet: str, find: object, replace: object) -> Path:
    """A copy of the bulk sample with one cell value replaced."""
    sheets = sheets_of(ADS / BULK.removeprefix("ads/"))
    rows = [[replace if cell == find else (cell if cell != "" else None) for cell in row]
            for row in sheets[sheet]]  # fmt: skip
    sheets[sheet] = rows
    path = tmp_path / "bulk-edited.xlsx"
    path.write_bytes(workbook(sheets))
    return path


def test_the_bulk_file_gives_campaigns_their_ids_budgets_and_placement_adjustments(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample(BULK), marketplace="US")

    assert (outcome.status, outcome.report_type) == ("imported", "ads_bulk"), outcome.error
    assert outcome.rows_read == 17  # both campaign tabs; portfolios and search terms skipped
    assert outcome.notes == ()  # product ads are stored in ad_product_ad
    exact = campaigns(engine)[EXACT]
    assert (exact.amazon_id, exact.state, exact.daily_budget, exact.targeting_type) == (
        "111000000001", "enabled", Decimal("25"), "manual",
    )  # fmt: skip
    assert (exact.portfolio, exact.bidding_strategy) == ("Hoses", "Dynamic bids - down only")
    assert (exact.top_of_search_adjustment, exact.product_page_adjustment) == (50, 0)
    assert str(exact.start_date) == "2026-10-01"
    brands = campaigns(engine)["SB - Brand store hoses"]
    assert (brands.ad_product, brands.daily_budget) == ("SB", Decimal("30"))


def test_keywords_and_targets_keep_ids_states_and_bids_negatives_included(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample(BULK), marketplace="US")

    found = targets(engine)
    keyword = found[(EXACT, "Hoses exact", "exact", "expandable garden hose")]
    assert (keyword.amazon_id, keyword.state, keyword.bid) == (
        "333000000002",
        "paused",
        Decimal("0.95"),
    )
    negative = found[(EXACT, "Hoses exact", "negative exact", "hose reel")]
    assert (negative.negative, negative.kind) == (True, "keyword")
    campaign_level = found[(EXACT, "", "negative phrase", "free")]
    assert campaign_level.amazon_id == "333000000004"
    auto = found[(AUTO, "Hoses auto", "-", "substitutes")]
    assert (auto.kind, auto.amazon_id, auto.bid) == ("auto", "444000000002", Decimal("0.6"))
    excluded = found[(AUTO, "Hoses auto", "negative -", 'asin="B0CHEAP001"')]
    assert excluded.kind == "product"
    sb = found[("SB - Brand store hoses", "Store spotlight", "broad", "acme hose")]
    assert sb.bid == Decimal("1.5")
    with unit_of_work(engine) as session:
        group = session.scalar(select(AdGroup).where(AdGroup.name == "Hoses exact"))
        assert group is not None
        assert (group.amazon_id, group.default_bid) == ("222000000001", Decimal("1"))


def test_a_bulk_file_after_the_reports_completes_the_same_rows(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample("ads/SP_Search_Term_US_2026-11-24_25.csv"))
    reported = targets(engine)[(EXACT, "Hoses exact", "exact", "garden hose")]

    import_file(engine=engine, path=sample(BULK), marketplace="US")

    completed = targets(engine)[(EXACT, "Hoses exact", "exact", "garden hose")]
    assert completed.id == reported.id
    assert (completed.amazon_id, completed.bid) == ("333000000001", Decimal("1.25"))
    assert len([c for c in campaigns(engine) if c.startswith("SP - Garden Hoses")]) == 3


def test_re_importing_the_bulk_file_changes_nothing(engine: Engine, sample: Sample) -> None:
    path = sample(BULK)
    import_file(engine=engine, path=path, marketplace="US")
    before = [rows_of(engine, m) for m in (AdCampaign, AdGroup, AdTarget)]

    again = import_file(engine=engine, path=path, marketplace="US", force=True)

    assert (again.rows_inserted, again.rows_updated) == (0, 15)  # 3 campaigns, 4 groups, 8 targets
    assert [rows_of(engine, m) for m in (AdCampaign, AdGroup, AdTarget)] == before


def test_a_campaign_renamed_in_the_console_stays_one_campaign(
    engine: Engine, sample: Sample, tmp_path: Path
) -> None:
    import_file(engine=engine, path=sample(BULK), marketplace="US")
    renamed = edited_bulk(tmp_path, "Sponsored Products Campaigns", EXACT, "Hoses - exact 2027")

    import_file(engine=engine, path=renamed, marketplace="US")

    found = campaigns(engine)
    assert EXACT not in found
    assert found["Hoses - exact 2027"].amazon_id == "111000000001"


def test_a_bad_bid_names_the_sheet_line_and_column(
    engine: Engine, sample: Sample, tmp_path: Path
) -> None:
    broken = edited_bulk(tmp_path, "Sponsored Products Campaigns", 0.95, "ninety-five")

    outcome = import_file(engine=engine, path=broken, marketplace="US")

    assert outcome.error == (
        'bulk-edited.xlsx, sheet "Sponsored Products Campaigns", line 8, column "Bid": '
        'expected a number, got "ninety-five"'
    )
    assert campaigns(engine) == {}


def test_the_workbook_stays_within_the_size_limit() -> None:
    data = (ADS / BULK.removeprefix("ads/")).read_bytes()
    assert [s.name for s in xlsx.read_sheets(data, "bulk.xlsx")] == [
        "Portfolios", "Sponsored Products Campaigns", "Sponsored Brands Campaigns",
        "SP Search Term Report",
    ]  # fmt: skip
