"""Sponsored Products search term reports: CSV and XLSX, English and Chinese, idempotent."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from sellerops.ads.models import AdCampaign, AdGroup, AdSearchTermDaily, AdTarget
from sellerops.ingest.service import import_file, import_paths
from sellerops.sim import SimConfig, simulate, write_reports
from tests.ingest.ads_helpers import (
    Sample,
    campaigns,
    rewrite_header,
    search_terms,
    targets,
    total,
)
from tests.ingest.helpers import batches, rows_of

EN = "ads/SP_Search_Term_US_2026-11-24_25.csv"
LATER = "ads/SP_Search_Term_US_2026-11-25_26.csv"
ZH = "ads/SP_Search_Term_zh_US_2026-11-24_25.csv"
XLSX = "ads/SP_Search_Term_US_2026-11-25.xlsx"
NOV_24, NOV_25, NOV_26 = date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)
EXACT = "SP - Garden Hoses - Exact"
AUTO = "SP - Garden Hoses - Auto"


def all_ads_rows(engine: Engine) -> tuple[list[tuple[object, ...]], ...]:
    return tuple(rows_of(engine, m) for m in (AdCampaign, AdGroup, AdTarget, AdSearchTermDaily))


def test_a_search_term_report_lands_one_row_per_day_target_and_term(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample(EN))

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.store, outcome.rows_read) == ("ads_search_term", "US", 6)
    assert (outcome.data_start, outcome.data_end) == (NOV_24, NOV_25)
    fact = search_terms(engine)[(NOV_24, "garden hose", "garden hose")]
    assert (fact.impressions, fact.clicks, fact.spend) == (2830, 21, Decimal("23.10"))
    assert (fact.orders, fact.units, fact.sales) == (31, 33, Decimal("1239.62"))
    assert (fact.advertised_units, fact.other_units) == (30, 3)
    assert (fact.advertised_sales, fact.other_sales) == (Decimal("1199.70"), Decimal("39.92"))
    assert (fact.currency, fact.attribution_days) == ("USD", 7)
    assert outcome.totals == {
        "impressions": Decimal(8584), "clicks": Decimal(59), "spend": Decimal("58.45"),
        "sales": Decimal("1479.56"), "orders": Decimal(37),
    }  # fmt: skip


def test_targets_are_told_apart_by_kind_and_auto_rows_have_no_match_type(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample(EN))

    found = targets(engine)
    assert found[(EXACT, "Hoses exact", "exact", "garden hose")].kind == "keyword"
    assert found[(AUTO, "Hoses auto", "-", "close-match")].kind == "auto"
    product = found[("SP - Garden Hoses - Product", "Competitor ASINs", "-", 'asin="B0COMP0001"')]
    assert product.kind == "product"
    # a product-page click has the ASIN, lower case, as its search term
    assert (NOV_25, 'asin="B0COMP0001"', "b0comp0001") in search_terms(engine)
    assert campaigns(engine)[EXACT].portfolio == "Hoses"
    assert campaigns(engine)[AUTO].portfolio is None  # "Not grouped"
    assert campaigns(engine)[AUTO].ad_product == "SP"


def test_importing_twice_or_an_overlapping_report_counts_each_day_once(
    engine: Engine, sample: Sample
) -> None:
    first, later = sample(EN), sample(LATER)
    import_file(engine=engine, path=first)
    overlap = import_file(engine=engine, path=later)
    assert (overlap.rows_inserted, overlap.rows_updated) == (2, 3)  # Nov 25 was there already
    spend = total(engine, AdSearchTermDaily, "spend")
    assert spend == Decimal("58.45") + Decimal("15.75")  # Nov 24 + 25, then Nov 26 alone
    before = all_ads_rows(engine)

    again = [import_file(engine=engine, path=p, force=True) for p in (later, first)]

    assert [(o.rows_inserted, o.rows_updated) for o in again] == [(0, 5), (0, 6)]
    assert all_ads_rows(engine) == before
    assert [b.report_type for b in batches(engine)] == ["ads_search_term"] * 4


def test_the_chinese_export_of_the_same_days_changes_no_number(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample(EN))
    before = all_ads_rows(engine)

    outcome = import_file(engine=engine, path=sample(ZH))

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted, outcome.rows_updated) == (
        "ads_search_term", 0, 6,
    )  # fmt: skip
    assert all_ads_rows(engine) == before


def test_the_xlsx_export_with_fraction_rates_and_date_cells_matches_the_csv(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample(EN))
    before = all_ads_rows(engine)

    outcome = import_file(engine=engine, path=sample(XLSX))

    assert outcome.status == "imported", outcome.error
    assert (outcome.rows_read, outcome.rows_inserted, outcome.rows_updated) == (3, 0, 3)
    assert all_ads_rows(engine) == before


def test_columns_are_found_by_name_in_any_order_case_and_dash(
    engine: Engine, sample: Sample, tmp_path: Path
) -> None:
    import_file(engine=engine, path=sample(EN))
    before = all_ads_rows(engine)
    source = sample(EN)
    text = source.read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    order = list(reversed(range(len(table[0]))))
    shuffled = tmp_path / "shuffled_US.csv"
    with shuffled.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([[row[i] for i in order] for row in table])
    variants = rewrite_header(
        source, lambda h: [x.upper().replace("-", "–").rstrip() + "  " for x in h]
    )

    results = [import_file(engine=engine, path=p, force=True) for p in (shuffled, variants)]

    assert [r.error for r in results] == [None, None]
    assert all_ads_rows(engine) == before


def test_the_2019_export_with_month_names_and_spaced_dollars_is_read(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(
        engine=engine, path=sample("ads/SP_Search_Term_2019.csv"), marketplace="US"
    )

    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (date(2019, 12, 1), date(2019, 12, 2))
    fact = search_terms(engine)[(date(2019, 12, 1), "garden hose", "expandable garden hose")]
    assert (fact.impressions, fact.clicks, fact.spend, fact.sales) == (
        50293, 47, Decimal("16.22"), Decimal("59.97"),
    )  # fmt: skip
    assert fact.attribution_days == 7
    assert targets(engine)[("Holiday hoses", "Ad group 1", "broad", "garden hose")]


def test_a_bad_cell_rejects_the_whole_file_naming_line_and_column(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SP_Search_Term_US_bad_spend.csv"))

    assert outcome.status == "failed"
    assert outcome.error == (
        'SP_Search_Term_US_bad_spend.csv, line 3, column "Spend": expected an amount, got "$1.4.0"'
    )
    assert all_ads_rows(engine) == ([], [], [], [])
    assert [(b.status, b.report_type) for b in batches(engine)] == [("failed", "ads_search_term")]


def test_a_summary_over_several_days_is_refused_rather_than_spread(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample("ads/SP_Search_Term_US_summary.csv"))

    assert outcome.error == (
        'SP_Search_Term_US_summary.csv, line 2, column "Start Date": covers 2026-11-01 to '
        '2026-11-24; ads metrics are stored per day: download the report with the time unit "Daily"'
    )


def test_terms_differing_only_in_case_and_spaces_are_one_term(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample(LATER))

    fact = search_terms(engine)[(NOV_26, "garden hose", "Garden  Hose")]
    assert fact.term_key == "garden hose"  # the display text stays as Amazon wrote it


def test_the_simulators_search_term_files_add_up_to_its_ad_spend(
    engine: Engine, tmp_path: Path
) -> None:
    truth = simulate(SimConfig(seed=3, skus=8, days=4, end_date=NOV_26))
    english = write_reports(truth, tmp_path / "en", lang="en", families=("search_terms",))
    chinese = write_reports(truth, tmp_path / "zh", lang="zh", families=("search_terms",))
    ads = truth.markets["US"].ads

    outcomes = import_paths(engine=engine, paths=[tmp_path / "en", tmp_path / "zh"])

    assert {o.status for o in outcomes} == {"imported"}, [o.error for o in outcomes]
    assert len(outcomes) == len(english) + len(chinese)
    assert total(engine, AdSearchTermDaily, "spend") == Decimal(int(ads.spend.sum())) / 100
    assert total(engine, AdSearchTermDaily, "clicks") == int(ads.clicks.sum())
    assert all(o.rows_updated == o.rows_read for o in outcomes[len(english) :])


def test_rows_of_another_country_are_counted_as_rejected_not_stored(
    engine: Engine, sample: Sample
) -> None:
    path = sample(EN)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"United States","close-match"', '"Canada","close-match"', 1))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert (outcome.status, outcome.store, outcome.rows_rejected) == ("imported", "US", 1)
    assert outcome.notes == ("1 row of another marketplace was not stored",)
    assert (NOV_24, "close-match", "garden hose 50 ft") not in search_terms(engine)
    assert outcome.totals is not None and outcome.totals["spend"] == Decimal("58.45") - Decimal(
        "7.65"
    )


def test_an_excel_97_workbook_is_read_like_the_xlsx(engine: Engine, sample: Sample) -> None:
    # the .xls (OLE2) "Excel" download older consoles and tools still give
    outcome = import_file(
        engine=engine, path=sample("ads/SP_Search_Term_US_2026-11-24_25_excel97.xls")
    )

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read) == ("ads_search_term", 3)
    assert (outcome.data_start, outcome.data_end) == (NOV_24, NOV_25)
    assert outcome.totals == {
        "impressions": Decimal(3134), "clicks": Decimal(20), "spend": Decimal("16.35"),
        "sales": Decimal("89.97"), "orders": Decimal(3),
    }  # fmt: skip
    fact = search_terms(engine)[(NOV_25, "garden hose", "garden hose")]
    assert (fact.clicks, fact.spend, fact.orders) == (7, Decimal("6.30"), 1)
