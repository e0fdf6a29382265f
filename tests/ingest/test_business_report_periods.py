"""A Business Report downloaded for a date range: kept as totals over its days, never spread
over them; and every missing option named in one refusal."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.catalog import performance
from sellerops.catalog.models import SalesTrafficDaily, SalesTrafficPeriod
from sellerops.core.db import unit_of_work
from sellerops.core.stores import create_store, find_store
from sellerops.ingest.errors import localize
from sellerops.ingest.history import list_batches, outcome_to_dict
from sellerops.ingest.service import import_file, import_paths
from tests.ingest.helpers import DATA, rows_of

US_BR = "BusinessReport_US_2026-11-26.csv"  # 1,243 units, $23,636.69
NOV1, NOV7 = date(2026, 11, 1), date(2026, 11, 7)


def _periods(engine: Engine) -> dict[tuple[date, date], tuple[int, Decimal]]:
    """Units and sales per range."""
    out: dict[tuple[date, date], tuple[int, Decimal]] = {}
    for row in rows_of(engine, SalesTrafficPeriod):
        record = dict(zip([c.name for c in SalesTrafficPeriod.__table__.c
                           if c.name != "import_batch_id"], row, strict=True))  # fmt: skip
        key = (record["date_from"], record["date_to"])
        units, sales = out.get(key, (0, Decimal(0)))
        out[key] = (units + record["units_ordered"], sales + record["ordered_sales"])
    return out


def test_the_from_and_to_options_store_the_report_as_one_period(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample(US_BR, "BusinessReport_US.csv"),
                          day=NOV1, until=NOV7)  # fmt: skip

    assert outcome.status == "imported", outcome.error
    record = outcome_to_dict(outcome)
    assert (record["date_from"], record["date_to"]) == ("2026-11-01", "2026-11-07")
    assert record["totals"] == {"units": "1243", "sales": "23636.69"}
    assert _periods(engine) == {(NOV1, NOV7): (1243, Decimal("23636.69"))}
    assert rows_of(engine, SalesTrafficDaily) == []  # no day is given the range's totals
    with unit_of_work(engine) as session:
        [stored] = [b.to_dict() for b in list_batches(session=session)]
        assert (stored["date_from"], stored["date_to"]) == ("2026-11-01", "2026-11-07")
        store = find_store(session=session, name="US")
        assert store is not None
        # per-day readers (the daily review, forecasts) see no day at all
        assert performance.latest_day(session=session, store_id=store.id) is None
        assert performance.store_totals(session=session, store_id=store.id, day=NOV1).units == 0


@pytest.mark.parametrize(
    "name",
    [
        "BusinessReport_US_2026-11-01_2026-11-07.csv",
        "BusinessReport-11-1-26_to_11-7-26_US.csv",  # Amazon's month-first, on amazon.com
        "BusinessReport_US_2026-11-07_2026-11-01.csv",  # either order
    ],
)
def test_two_dates_in_the_name_are_the_range(engine: Engine, sample, name: str) -> None:
    outcome = import_file(engine=engine, path=sample(US_BR, name))
    assert (outcome.data_start, outcome.data_end) == (NOV1, NOV7), outcome.error
    assert set(_periods(engine)) == {(NOV1, NOV7)}


@pytest.mark.parametrize(
    "name",
    [
        "BusinessReport_11-01-2026_11-30-2026.csv",  # 30 is no month: both are month first
        "BusinessReport_01-11-2026_30-11-2026.csv",  # 30 is no month: both are day first
    ],
)
def test_two_local_dates_joined_by_another_mark_are_the_range(
    engine: Engine, sample, name: str
) -> None:
    outcome = import_file(engine=engine, path=sample(US_BR, name), marketplace="US")
    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (NOV1, date(2026, 11, 30))


def test_the_name_overrules_the_options_and_says_so(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample(US_BR), day=NOV1, until=NOV7)
    assert outcome.data_start == outcome.data_end == date(2026, 11, 26)
    assert "the file name says 2026-11-26, so --from 2026-11-01 --to 2026-11-07 was not used" in (
        outcome.notes
    )
    assert localize("f: " + outcome.notes[0], "zh") == (
        "f：文件名表明是 2026-11-26，因此未使用 --from 2026-11-01 --to 2026-11-07 "
    )
    ranged = import_file(engine=engine, path=sample(US_BR, "BR_US_2026-11-01_2026-11-07.csv"),
                         day=NOV1)  # fmt: skip
    assert "the file name says 2026-11-01 to 2026-11-07, so --date 2026-11-01 was not used" in (
        ranged.notes
    )


def test_the_same_range_again_gives_the_same_totals_and_overlaps_stay_apart(
    engine: Engine, sample
) -> None:
    first = sample(US_BR, "BusinessReport_US.csv")
    import_file(engine=engine, path=first, day=NOV1, until=NOV7)
    again = import_file(engine=engine, path=first, day=NOV1, until=NOV7)
    forced = import_file(engine=engine, path=first, day=NOV1, until=NOV7, force=True)
    assert again.status == "skipped_duplicate"
    assert (forced.rows_inserted, forced.rows_updated) == (0, 3)
    assert _periods(engine) == {(NOV1, NOV7): (1243, Decimal("23636.69"))}
    # the same bytes for other days are no duplicate: the file moves to those days (it is one
    # report, of one period)
    other = import_file(engine=engine, path=first, day=date(2026, 11, 5), until=date(2026, 11, 11))
    assert other.status == "imported"
    assert set(_periods(engine)) == {(date(2026, 11, 5), date(2026, 11, 11))}
    # and one day stays a day
    day = import_file(engine=engine, path=first, day=NOV1, until=NOV1)
    assert day.status == "imported" and len(rows_of(engine, SalesTrafficDaily)) == 3
    assert _periods(engine) == {}


def test_an_inventory_snapshot_is_of_one_day_not_a_range(engine: Engine, sample) -> None:
    path = sample("Inventory_US_2026-11-26.txt", "Inventory_US.txt")
    outcome = import_file(engine=engine, path=path, day=NOV1, until=NOV7)
    assert outcome.status == "failed"
    assert (outcome.error or "").endswith(
        "is of one day, not of --from 2026-11-01 --to 2026-11-07: pass --date YYYY-MM-DD"
    )
    assert "只对应一天" in localize(outcome.error or "", "zh")
    two = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt",
                                                 "Inventory_US_2026-11-01_2026-11-07.txt"))  # fmt: skip
    assert "covering a date range is not supported: download one report per day" in (
        two.error or ""
    )


def test_a_backwards_range_and_three_name_dates_are_refused(engine: Engine, sample) -> None:
    path = sample(US_BR, "BusinessReport_US.csv")
    backwards = import_file(engine=engine, path=path, day=NOV7, until=NOV1)
    assert (backwards.error or "").endswith("the last day (2026-11-01) is before the first "
                                            "(2026-11-07)")  # fmt: skip
    three = import_file(
        engine=engine, path=sample(US_BR, "BR_US_2026-11-01_2026-11-04_2026-11-07.csv")
    )
    assert "the file name carries 3 dates" in (three.error or "")
    assert "文件名中有 3 个日期" in localize(three.error or "", "zh")


def test_an_sp_api_document_over_several_days_is_a_period(engine: Engine, sample) -> None:
    outcome = import_file(
        engine=engine, path=sample("spapi/GET_SALES_AND_TRAFFIC_REPORT_example_range.json")
    )
    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (date(2021, 6, 11), date(2021, 6, 14))
    assert set(_periods(engine)) == {(date(2021, 6, 11), date(2021, 6, 14))}
    assert rows_of(engine, SalesTrafficDaily) == []


def test_a_document_that_ends_before_it_starts_is_refused(engine: Engine, tmp_path: Path) -> None:
    document = json.loads(
        (DATA / "spapi/GET_SALES_AND_TRAFFIC_REPORT_example_range.json").read_text()
    )
    spec = document["reportSpecification"]
    spec["dataStartTime"], spec["dataEndTime"] = spec["dataEndTime"], spec["dataStartTime"]
    path = tmp_path / "backwards.json"
    path.write_text(json.dumps(document))
    outcome = import_file(engine=engine, path=path)
    assert "ends (2021-06-11) before it starts (2021-06-14)" in (outcome.error or "")


# Every missing option in one refusal


def test_a_missing_marketplace_and_day_are_asked_for_at_once(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample(US_BR, "BusinessReport.csv"))
    assert outcome.error == (
        "BusinessReport.csv: the file does not say which marketplace it is for and there is no "
        "store yet: pass --marketplace (e.g. --marketplace US); and a Business Report (Detail "
        "Page Sales and Traffic By Child Item) has no date column and the file name carries "
        "no date: pass --date YYYY-MM-DD, or --from and --to for a report over several days"
    )
    assert localize(outcome.error or "", "zh") == (
        "BusinessReport.csv：文件没有说明属于哪个站点，且还没有店铺：请加上 --marketplace"
        "（如 --marketplace US）；另外，业务报告（详情页面上的销售量与访问量 - 按子商品）"
        "没有日期列，文件名中也没有日期：请加上 --date YYYY-MM-DD；若报告涵盖多天，"
        "请加上 --from 和 --to"
    )
    done = import_file(engine=engine, path=sample(US_BR, "BusinessReport.csv"),
                       marketplace="US", day=NOV1)  # fmt: skip
    assert done.status == "imported"


def test_a_missing_store_and_day_are_asked_for_at_once_in_the_forms_words(
    engine: Engine, sample
) -> None:
    with unit_of_work(engine) as session:
        create_store(session=session, name="Acme US", marketplace="US")
        create_store(session=session, name="Acme US 2", marketplace="US")
    [outcome] = import_paths(engine=engine, paths=[sample(US_BR, "BusinessReport_US.csv")],
                             via="web")  # fmt: skip
    assert (outcome.error or "").endswith(
        "several stores sell on amazon.com (Acme US, Acme US 2): choose the store in the form; "
        "and a Business Report (Detail Page Sales and Traffic By Child Item) has no date column "
        "and the file name carries no date: choose the day in the form, or the first and the "
        "last day for a report over several days"
    )
    assert "请在表单中选择店铺；另外，" in localize(outcome.error or "", "zh")


def test_only_the_missing_day_is_named_when_the_store_is_known(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample(US_BR, "BusinessReport_US.csv"))
    assert "; and " not in (outcome.error or "") and "--marketplace" not in (outcome.error or "")
    assert (outcome.error or "").endswith("or --from and --to for a report over several days")


def test_a_merged_report_with_a_date_column_is_stored_day_by_day(
    engine: Engine, tmp_path: Path
) -> None:
    # report-formats.md §1: the 37-column layout of a merge script, its user-added "Date"
    # first. No day is asked for: each row is stored on its own day.
    header = ["Date", "(Parent) ASIN", "(Child) ASIN", "Title", "Sessions - Total",
              "Page Views - Total", "Featured Offer (Buy Box) Percentage", "Units Ordered",
              "Unit Session Percentage", "Ordered Product Sales", "Total Order Items"]  # fmt: skip
    rows = [["2026-11-20", "B0PARENT01", "B0CHILD001", "Widget", "1,234", "2,345", "98.50%",
             "10", "3.20%", "$1,234.56", "9"],
            ["2026-11-20", "B0PARENT01", "B0CHILD002", "Widget", "80", "120", "98.50%", "2",
             "3.20%", "$39.98", "2"],
            ["2026-11-21", "B0PARENT01", "B0CHILD001", "Widget", "1,000", "2,000", "98.50%",
             "7", "3.20%", "$864.19", "7"]]  # fmt: skip
    path = tmp_path / "BusinessReport_merged.csv"
    path.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in [header, *rows]) + "\n")

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 20), date(2026, 11, 21))
    assert outcome.totals == {"units": 19, "sales": Decimal("2138.73")}
    with unit_of_work(engine) as session:
        stored = {(r.day, r.child_asin): (r.units_ordered, r.ordered_sales)
                  for r in session.query(SalesTrafficDaily)}  # fmt: skip
    assert stored == {
        (date(2026, 11, 20), "B0CHILD001"): (10, Decimal("1234.56")),
        (date(2026, 11, 20), "B0CHILD002"): (2, Decimal("39.98")),
        (date(2026, 11, 21), "B0CHILD001"): (7, Decimal("864.19")),
    }
    assert _periods(engine) == {}
    again = import_file(engine=engine, path=path, marketplace="US", force=True)
    assert (again.rows_inserted, again.rows_updated) == (0, 3)
