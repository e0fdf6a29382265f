"""The Business Reports by parent item and by date (stored on their own, never read by the
per-day child readers); the same Business Report file imported again for another day moves
there; a marketplace code after a Chinese report name; a damaged workbook; a folder's files
named by their path in it."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog import performance
from sellerops.catalog.models import SalesTrafficDaily, SalesTrafficPeriod
from sellerops.catalog.traffic_models import (
    SalesTrafficParentDaily,
    SalesTrafficParentPeriod,
    SalesTrafficStoreDaily,
)
from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch
from sellerops.core.stores import find_store
from sellerops.ingest.errors import localize_problem
from sellerops.ingest.history import outcome_to_dict
from sellerops.ingest.resolve import marketplace_in_name
from sellerops.ingest.service import import_file, import_paths
from tests.ingest.helpers import DATA, rows_of

TESTER = DATA / "tester"
PARENT = "BusinessReport_US_parent_2026-11-20.csv"  # 2 parents, 5 units, $109.95
BY_DATE = "BusinessReport_US_bydate.csv"  # 11/19 and 11/20: 40 units, $1,419.22
AMAZON_NAMED = "BusinessReport-11-27-26.csv"  # Amazon's own name; 3 child rows, 5 units
NOV20 = date(2026, 11, 20)


def _copy(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / "in" / (as_name or name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(TESTER / name, target)
    return target


def _days(engine: Engine, model: Any) -> dict[date, int]:
    with unit_of_work(engine) as session:
        out: dict[date, int] = {}
        for day, units in session.execute(select(model.day, model.units_ordered)):
            out[day] = out.get(day, 0) + units
        return out


def test_the_parent_report_is_stored_per_parent_on_its_day(engine: Engine, tmp_path) -> None:
    outcome = import_file(engine=engine, path=_copy(tmp_path, PARENT))

    assert outcome.status == "imported", outcome.error
    record = outcome_to_dict(outcome)
    assert record["report_type"] == "business_report_parent"
    assert (record["marketplace"], record["date_from"], record["date_to"]) == (
        "US", "2026-11-20", "2026-11-20",
    )  # fmt: skip
    assert record["totals"] == {"units": "5", "sales": "109.95"}
    with unit_of_work(engine) as session:
        rows = {r.parent_asin: r for r in session.scalars(select(SalesTrafficParentDaily))}
        assert set(rows) == {"B0PARENT01", "B0PARENT02"}
        hose = rows["B0PARENT01"]
        assert (hose.day, hose.sessions, hose.page_views, hose.units_ordered) == (
            NOV20, 150, 210, 4,
        )  # fmt: skip
        assert (hose.ordered_sales, hose.buy_box_pct, hose.unit_session_pct) == (
            Decimal("99.96"), Decimal("1"), Decimal("0.0267"),
        )  # fmt: skip
        assert hose.title == "Garden Hose"
    assert rows_of(engine, SalesTrafficDaily) == []  # never as child rows


def test_the_parent_report_is_idempotent_and_takes_a_range(engine: Engine, tmp_path) -> None:
    path = _copy(tmp_path, PARENT)
    import_file(engine=engine, path=path)
    first = rows_of(engine, SalesTrafficParentDaily)
    assert import_file(engine=engine, path=path).status == "skipped_duplicate"
    again = import_file(engine=engine, path=path, force=True)
    assert again.status == "imported" and again.rows_inserted == 0
    assert rows_of(engine, SalesTrafficParentDaily) == first

    ranged = _copy(tmp_path, PARENT, "ParentItems_US.csv")  # no date in the name
    nov1, nov7 = date(2026, 11, 1), date(2026, 11, 7)
    outcome = import_file(engine=engine, path=ranged, day=nov1, until=nov7)
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        periods = session.execute(
            select(
                SalesTrafficParentPeriod.date_from,
                SalesTrafficParentPeriod.date_to,
                SalesTrafficParentPeriod.units_ordered,
            )
        ).all()
    assert sorted(periods) == [(nov1, nov7, 1), (nov1, nov7, 4)]


def test_without_a_day_the_parent_report_is_refused_like_the_child_one(
    engine: Engine, tmp_path
) -> None:
    outcome = import_file(engine=engine, path=_copy(tmp_path, PARENT, "parents.csv"),
                          marketplace="US")  # fmt: skip
    assert outcome.status == "failed"
    assert "has no date column and the file name carries no date" in (outcome.error or "")
    assert "--from and --to" in (outcome.error or "")


def test_the_by_date_report_is_stored_per_day_for_the_store(engine: Engine, tmp_path) -> None:
    path = _copy(tmp_path, BY_DATE)
    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    record = outcome_to_dict(outcome)
    assert record["report_type"] == "business_report_by_date"
    assert (record["date_from"], record["date_to"]) == ("2026-11-19", "2026-11-20")
    assert record["totals"] == {"units": "40", "sales": "1419.22"}
    with unit_of_work(engine) as session:
        days = {r.day: r for r in session.scalars(select(SalesTrafficStoreDaily))}
        nov19 = days[date(2026, 11, 19)]
        assert (nov19.units_ordered, nov19.ordered_sales, nov19.sessions) == (
            35, Decimal("1309.27"), 1400,
        )  # fmt: skip
        assert (nov19.units_refunded, nov19.shipped_sales, nov19.units_shipped) == (
            1, Decimal("1200.00"), 33,
        )  # fmt: skip
    first = rows_of(engine, SalesTrafficStoreDaily)
    assert import_file(engine=engine, path=path, force=True).rows_inserted == 0
    assert rows_of(engine, SalesTrafficStoreDaily) == first
    assert rows_of(engine, SalesTrafficDaily) == []


def test_the_daily_readers_count_the_child_report_only(engine: Engine, tmp_path) -> None:
    """A parent's and the store's totals are not counted with (or for) the children."""
    child = _copy(tmp_path, AMAZON_NAMED, "BusinessReport_US_2026-11-20.csv")  # 5 units
    outcomes = import_paths(engine=engine, paths=[child, _copy(tmp_path, PARENT),
                                                  _copy(tmp_path, BY_DATE)])  # fmt: skip
    assert [o.status for o in outcomes] == ["imported"] * 3, [o.error for o in outcomes]
    with unit_of_work(engine) as session:
        store = find_store(session=session, name="US")
        assert store is not None
        totals = performance.store_totals(session=session, store_id=store.id, day=NOV20)
        assert (totals.units, totals.sales) == (5, Decimal("109.95"))  # not 5 + 5 + 5
        assert performance.latest_day(session=session, store_id=store.id) == NOV20
        per_asin = performance.asin_days(session=session, store_id=store.id,
                                         start=date(2026, 11, 19), end=NOV20)  # fmt: skip
        assert set(per_asin) == {"B0CHILD001", "B0CHILD002", "B0CHILD003"}
        assert all(set(days) == {NOV20} for days in per_asin.values())


def test_the_same_file_imported_for_another_day_moves_there(engine: Engine, tmp_path) -> None:
    """Amazon's name gave the day the file was made; ``--date`` corrects it (D4)."""
    path = _copy(tmp_path, AMAZON_NAMED)
    first = import_file(engine=engine, path=path, marketplace="US")
    assert first.data_start == date(2026, 11, 27)
    moved = import_file(engine=engine, path=path, day=date(2026, 11, 26))

    assert moved.status == "imported", moved.error
    assert _days(engine, SalesTrafficDaily) == {date(2026, 11, 26): 5}  # not also on the 27th
    note = "the same file was imported before for 2026-11-27: its 3 rows there were removed, "
    assert note + "so it counts for 2026-11-26 only" in moved.notes
    assert localize_problem(moved.notes[-1], "zh") == (
        "同一文件之前已按 2026-11-27 导入：已删除那里的 3 行，现在只计入 2026-11-26"
    )
    with unit_of_work(engine) as session:
        old = session.get(ImportBatch, first.batch_id)
        assert old is not None and (old.data_start, old.data_end) == (None, None)
        assert old.notes is not None and old.notes[-1] == (
            "its rows were moved to 2026-11-26 by a later import of the same file"
        )
    # back to the first day: imported again (not skipped as done before), and moved back
    back = import_file(engine=engine, path=path, day=date(2026, 11, 27))
    assert back.status == "imported"
    assert _days(engine, SalesTrafficDaily) == {date(2026, 11, 27): 5}
    # as a range: the day's rows go, the range holds the file
    ranged = import_file(engine=engine, path=path, day=date(2026, 11, 20),
                         until=date(2026, 11, 26))  # fmt: skip
    assert ranged.status == "imported"
    assert _days(engine, SalesTrafficDaily) == {}
    assert len(rows_of(engine, SalesTrafficPeriod)) == 3


def test_two_reports_that_read_the_same_for_two_days_keep_both_days(
    engine: Engine, tmp_path
) -> None:
    """A listing without traffic gives the same bytes every day: another file name with the
    same bytes is another day's report, not the same file moved (the tester's N1)."""
    first = _copy(tmp_path, AMAZON_NAMED, "BusinessReport-11-25-26.csv")
    second = _copy(tmp_path, AMAZON_NAMED, "BusinessReport-11-26-26.csv")
    for path in (first, second):
        outcome = import_file(engine=engine, path=path, marketplace="US")
        assert outcome.status == "imported", outcome.error
        assert not any("the same file was imported before" in n for n in outcome.notes)
    # before: the 25th was deleted when the 26th's identical file came in
    assert _days(engine, SalesTrafficDaily) == {date(2026, 11, 25): 5, date(2026, 11, 26): 5}


def test_rows_a_later_file_replaced_stay_when_the_file_moves(engine: Engine, tmp_path) -> None:
    """Only what the earlier import of this file still holds is removed."""
    path = _copy(tmp_path, AMAZON_NAMED)
    import_file(engine=engine, path=path, marketplace="US")  # 2026-11-27
    # another file of the 27th, without the nozzle's row: it replaces the hoses' rows only
    other = tmp_path / "in" / "BusinessReport_US_2026-11-27.csv"
    lines = path.read_text().splitlines()[:3]
    other.write_text("\n".join(lines).replace('"3","3.00%","$59.97"', '"4","3.00%","$79.96"'))
    replaced = import_file(engine=engine, path=other)
    assert replaced.status == "imported"
    # a day's report is the whole day: the nozzle's row, not in it, goes with it (D7) ...
    assert replaced.notes[0].startswith("1 child ASIN stored for 2026-11-27 is not in this")
    moved = import_file(engine=engine, path=path, day=date(2026, 11, 26))

    # ... so the file moved has nothing left on the 27th to remove
    assert not any("the same file was imported before" in n for n in moved.notes)
    assert _days(engine, SalesTrafficDaily) == {date(2026, 11, 26): 5, date(2026, 11, 27): 5}
    with unit_of_work(engine) as session:
        on_27 = session.scalars(
            select(SalesTrafficDaily.child_asin).where(SalesTrafficDaily.day == date(2026, 11, 27))
        ).all()
    assert sorted(on_27) == ["B0CHILD001", "B0CHILD002"]


def test_the_parent_report_moves_too(engine: Engine, tmp_path) -> None:
    path = _copy(tmp_path, PARENT, "BusinessReport-11-21-26.csv")
    import_file(engine=engine, path=path, marketplace="US")
    moved = import_file(engine=engine, path=path, day=NOV20)
    assert "its 2 rows there were removed" in " ".join(moved.notes)
    assert _days(engine, SalesTrafficParentDaily) == {NOV20: 5}


def test_an_identical_snapshot_on_two_days_stays_on_both(engine: Engine, tmp_path) -> None:
    """Inventory may well be the same two days running: its rows are not moved."""
    path = tmp_path / "in" / "Inventory_US.txt"
    path.parent.mkdir(parents=True)
    shutil.copy(DATA / "Inventory_US_2026-11-26.txt", path)
    first = import_file(engine=engine, path=path, day=date(2026, 11, 25))
    second = import_file(engine=engine, path=path, day=date(2026, 11, 26))
    assert (first.status, second.status) == ("imported", "imported")
    assert not any("same file" in n for n in second.notes)
    with unit_of_work(engine) as session:
        kept = session.get(ImportBatch, first.batch_id)
        assert kept is not None and kept.data_start == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("业务报告_US_2026-11-21.csv", "US"),
        ("ビジネスレポート-JP-2026-11-21.csv", "JP"),
        ("Geschäftsbericht_DE_2026-11-20.csv", "DE"),
        ("BusinessReport_US_2026-11-26.csv", "US"),
        ("US_2026-11-26.csv", None),  # never the first word
        ("业务报告US_2026-11-21.csv", None),  # glued to the name, as BusinessReportUS
    ],
)
def test_a_code_after_a_report_name_in_any_script_is_the_marketplace(
    name: str, code: str | None
) -> None:
    found = marketplace_in_name(name)
    assert (found.code if found else None) == code


def test_a_chinese_file_name_gives_the_marketplace(engine: Engine, tmp_path) -> None:
    outcome = import_file(engine=engine, path=_copy(tmp_path, "业务报告_US_2026-11-21.csv"))
    assert outcome.status == "imported", outcome.error
    assert (outcome.marketplace, outcome.data_start) == ("US", date(2026, 11, 21))


def test_a_damaged_workbook_is_called_one(engine: Engine, tmp_path) -> None:
    outcome = import_file(engine=engine, path=_copy(tmp_path, "bad.xlsx"))
    assert outcome.error == (
        "bad.xlsx: is not a readable Excel workbook (damaged, or not .xlsx): open it in Excel "
        "and save it again as .xlsx, or as CSV (UTF-8), and import that"
    )
    assert "zip archive" not in outcome.error


def test_a_failed_file_in_a_folder_is_named_by_its_path_there(engine: Engine, tmp_path) -> None:
    folder = tmp_path / "downloads"
    (folder / "fba").mkdir(parents=True)
    (folder / "fba" / "broken.csv").write_text("nothing,like,a,report\n1,2,3,4\n")
    shutil.copy(TESTER / "bad.xlsx", folder / "bad.xlsx")
    outcomes = import_paths(engine=engine, paths=[folder])
    errors = sorted(o.error or "" for o in outcomes)
    assert errors[0].startswith("bad.xlsx: is not a readable Excel workbook")
    assert errors[1].startswith("fba/broken.csv does not look like a report")
    assert sorted(o.path for o in outcomes) == [str(folder / "bad.xlsx"),
                                                str(folder / "fba" / "broken.csv")]  # fmt: skip
