"""The bulk operations file and Brand Analytics search terms read ``05/11/2026`` as the whole
file says (``day_order``: its date columns, then the store marketplace's custom), not month
first per cell: a UK file's 5 November is not stored as 11 May, a US file's 11 May stays so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine

from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import Sample, campaigns
from tests.ingest.test_ads_bulk_import import EXACT, edited_bulk
from tests.ingest.test_brand_search_terms_import import LEGACY, ranks
from tests.ingest.workbooks import workbook

# report-formats.md §7, the current layout (no metadata line: ``Reporting Date`` gives the day).
BRAND_HEADER = [
    "Search Frequency Rank", "Search Term", "Top Clicked Brand #1", "Top Clicked Brands #2",
    "Top Clicked Brands #3", "Top Clicked Category #1", "Top Clicked Category #2",
    "Top Clicked Category #3", "Top Clicked Product #1: ASIN",
    "Top Clicked Product #1: Product Title", "Top Clicked Product #1: Click Share",
    "Top Clicked Product #1: Conversion Share", "Top Clicked Product #2: ASIN",
    "Top Clicked Product #2: Product Title", "Top Clicked Product #2: Click Share",
    "Top Clicked Product #2: Conversion Share", "Top Clicked Product #3: ASIN",
    "Top Clicked Product #3: Product Title", "Top Clicked Product #3: Click Share",
    "Top Clicked Product #3: Conversion Share", "Reporting Date",
]  # fmt: skip
SAME_DAY = {"UK": date(2026, 11, 5), "US": date(2026, 5, 11)}


def brand_csv(tmp_path: Path, reporting_dates: list[str]) -> Path:
    lines = [BRAND_HEADER]
    for i, day in enumerate(reporting_dates):
        lines.append([str(i + 1), f"garden hose {i}", "Acme", "", "", "Lawn & Garden", "", "",
                      "B0CHILD001", "Acme Garden Hose 50ft", "21.37%", "25.10%", "", "", "",
                      "", "", "", "", "", day])  # fmt: skip
    path = tmp_path / "BrandAnalytics_Top_Search_Terms.csv"
    path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in lines) + "\n")
    return path


@pytest.mark.parametrize("market", ["UK", "US"])
def test_a_bulk_files_start_date_reads_as_its_marketplace_writes_it(
    engine: Engine, tmp_path: Path, market: str
) -> None:
    path = edited_bulk(tmp_path, "Sponsored Products Campaigns", "20261001", "05/11/2026")

    outcome = import_file(engine=engine, path=path, marketplace=market)

    assert (outcome.status, outcome.report_type) == ("imported", "ads_bulk"), outcome.error
    assert campaigns(engine)[EXACT].start_date == SAME_DAY[market]


def test_a_bulk_sheet_whose_other_dates_decide_is_read_so_in_any_marketplace(
    engine: Engine, tmp_path: Path
) -> None:
    path = edited_bulk(tmp_path, "Sponsored Products Campaigns", "20261001", "05/11/2026")
    # another campaign of the sheet starts on "11/20/2026": the sheet writes the month first
    path = edited_bulk_from(path, tmp_path, "11/20/2026")

    outcome = import_file(engine=engine, path=path, marketplace="UK")

    assert outcome.status == "imported", outcome.error
    assert campaigns(engine)[EXACT].start_date == date(2026, 5, 11)


def edited_bulk_from(path: Path, tmp_path: Path, end: str) -> Path:
    """``path`` with the exact campaign's empty End Date set to ``end``."""
    book = CalamineWorkbook.from_path(str(path))
    sheets = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
    rows = sheets["Sponsored Products Campaigns"]
    header = rows[0]
    for row in rows[1:]:
        if (
            row[header.index("Campaign Name")] == EXACT
            and row[header.index("Entity")] == "Campaign"
        ):
            row[header.index("End Date")] = end
    sheets = {n: [[c if c != "" else None for c in r] for r in s] for n, s in sheets.items()}
    out = tmp_path / "bulk-edited-2.xlsx"
    out.write_bytes(workbook(sheets))
    return out


@pytest.mark.parametrize("market", ["UK", "US"])
def test_a_brand_analytics_reporting_date_reads_as_its_marketplace_writes_it(
    engine: Engine, tmp_path: Path, market: str
) -> None:
    outcome = import_file(engine=engine, path=brand_csv(tmp_path, ["05/11/2026"]),
                          marketplace=market)  # fmt: skip

    assert (outcome.status, outcome.report_type) == ("imported", "brand_search_terms"), (
        outcome.error
    )
    top = ranks(engine)[("", "garden hose 0", 1)]
    assert (top.period_start, top.period_end) == (SAME_DAY[market], SAME_DAY[market])


def test_a_brand_analytics_day_above_twelve_decides_the_column(
    engine: Engine, tmp_path: Path
) -> None:
    path = brand_csv(tmp_path, ["05/11/2026", "20/11/2026"])

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert ranks(engine)[("", "garden hose 0", 1)].period_start == date(2026, 11, 5)


@pytest.mark.parametrize(
    ("market", "start", "end"),
    [("UK", date(2026, 11, 5), date(2026, 11, 11)), ("US", date(2026, 5, 11), date(2026, 11, 11))],
)
def test_the_reporting_range_above_the_header_reads_as_the_file_says(
    engine: Engine, sample: Sample, market: str, start: date, end: date
) -> None:
    path = sample(LEGACY)
    path.write_text(path.read_text().replace("1/2/2022 - 1/8/2022", "05/11/2026 - 11/11/2026"))

    outcome = import_file(engine=engine, path=path, marketplace=market)

    assert outcome.status == "imported", outcome.error
    garden = ranks(engine)[("Lawn & Garden", "garden hose", 1)]
    assert (garden.period_start, garden.period_end) == (start, end)
