"""A Business Report is the whole picture of its day (or of its range, kept as one period):
a later download for the same store and day that no longer lists an ASIN removes the row an
earlier download left for it, with a note; other days, other ranges and other stores keep
theirs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.models import SalesTrafficDaily, SalesTrafficPeriod
from sellerops.catalog.traffic_models import SalesTrafficParentDaily, SalesTrafficParentPeriod
from sellerops.core.db import unit_of_work
from sellerops.ingest.errors import localize_problem
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

CHILD = (DATA / "BusinessReport_US_2026-11-26.csv").read_text(encoding="utf-8").splitlines()
PARENT = (
    (DATA / "tester" / "BusinessReport_US_parent_2026-11-20.csv")
    .read_text(encoding="utf-8")
    .splitlines()
)
NOV26 = date(2026, 11, 26)


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _child(engine: Engine) -> dict[tuple[str, date], int]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(SalesTrafficDaily))
        return {(r.child_asin, r.day): r.units_ordered for r in rows}


def _periods(engine: Engine, model: type) -> set[tuple[str, date, date]]:
    with unit_of_work(engine) as session:
        asin = model.child_asin if model is SalesTrafficPeriod else model.parent_asin
        rows = session.execute(select(asin, model.date_from, model.date_to))
        return {tuple(r) for r in rows}  # type: ignore[misc]


def test_a_day_downloaded_again_without_an_asin_drops_its_row(
    engine: Engine, tmp_path: Path
) -> None:
    first = _write(tmp_path / "a" / "BusinessReport_US_2026-11-26.csv", CHILD)
    other_day = _write(tmp_path / "a" / "BusinessReport_US_2026-11-25.csv", CHILD)
    assert import_file(engine=engine, path=first).status == "imported"
    assert import_file(engine=engine, path=other_day).status == "imported"
    # Later the same day is downloaded again: B0CHILD003 (no orders) is no longer listed.
    again = _write(tmp_path / "b" / "BusinessReport_US_2026-11-26.csv", CHILD[:3])

    outcome = import_file(engine=engine, path=again)

    assert outcome.status == "imported", outcome.error
    assert (outcome.rows_read, outcome.rows_inserted, outcome.rows_updated) == (2, 0, 2)
    rows = _child(engine)
    assert ("B0CHILD003", NOV26) not in rows
    assert {a for a, d in rows if d == NOV26} == {"B0CHILD001", "B0CHILD002"}
    assert ("B0CHILD003", date(2026, 11, 25)) in rows  # another day keeps its rows
    note = (
        "1 child ASIN stored for 2026-11-26 is not in this report and was removed: a Business "
        "Report is the whole picture of its day"
    )
    assert list(outcome.notes) == [note]
    assert localize_problem(note, "zh") == (
        "2026-11-26 已保存的 1 个子 ASIN 不在此报告中，已删除：业务报告就是其所涵盖日期的完整数据"
    )


def test_the_same_file_imported_again_removes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "BusinessReport_US_2026-11-26.csv", CHILD)
    import_file(engine=engine, path=path)
    before = _child(engine)

    outcome = import_file(engine=engine, path=path, force=True)

    assert outcome.status == "imported" and not outcome.notes
    assert _child(engine) == before


def test_another_store_keeps_its_rows_of_that_day(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "a" / "BusinessReport_US_2026-11-26.csv", CHILD)
    import_file(engine=engine, path=path, store="One", marketplace="US")
    import_file(engine=engine, path=path, store="Two", marketplace="US")
    shorter = _write(tmp_path / "b" / "BusinessReport_US_2026-11-26.csv", CHILD[:2])

    outcome = import_file(engine=engine, path=shorter, store="One")

    assert outcome.status == "imported", outcome.error
    assert outcome.notes and outcome.notes[0].startswith("2 child ASINs stored for 2026-11-26 ")
    with unit_of_work(engine) as session:
        counted = session.execute(select(SalesTrafficDaily.store_id, SalesTrafficDaily.child_asin))
        per_store: dict[int, int] = {}
        for store_id, _ in counted:
            per_store[store_id] = per_store.get(store_id, 0) + 1
    assert sorted(per_store.values()) == [1, 3]


def test_a_range_replaces_only_the_same_range(engine: Engine, tmp_path: Path) -> None:
    week = _write(tmp_path / "a" / "BusinessReport_US_2026-11-01_2026-11-07.csv", CHILD)
    overlap = _write(tmp_path / "a" / "BusinessReport_US_2026-11-05_2026-11-11.csv", CHILD)
    day = _write(tmp_path / "a" / "BusinessReport_US_2026-11-03.csv", CHILD)
    for path in (week, overlap, day):
        assert import_file(engine=engine, path=path).status == "imported"
    again = _write(tmp_path / "b" / "BusinessReport_US_2026-11-01_2026-11-07.csv", CHILD[:2])

    outcome = import_file(engine=engine, path=again)

    assert outcome.status == "imported", outcome.error
    assert list(outcome.notes) == [
        "2 child ASINs stored for 2026-11-01 to 2026-11-07 are not in this report and were "
        "removed: a Business Report is the whole picture of its days"
    ]
    assert "2026-11-01 至 2026-11-07 已保存的 2 个子 ASIN" in localize_problem(
        outcome.notes[0], "zh"
    )
    nov = date(2026, 11, 1), date(2026, 11, 7)
    periods = _periods(engine, SalesTrafficPeriod)
    assert {a for a, *r in periods if tuple(r) == nov} == {"B0CHILD001"}
    overlapping = (date(2026, 11, 5), date(2026, 11, 11))
    assert len([p for p in periods if p[1:] == overlapping]) == 3  # another range: kept
    assert len([k for k in _child(engine) if k[1] == date(2026, 11, 3)]) == 3  # a day: kept


def test_the_parent_report_drops_a_parent_no_longer_listed(engine: Engine, tmp_path: Path) -> None:
    first = _write(tmp_path / "a" / "BusinessReport_US_parent_2026-11-20.csv", PARENT)
    ranged = _write(tmp_path / "a" / "BusinessReport_US_parent_2026-11-01_2026-11-07.csv", PARENT)
    import_file(engine=engine, path=first)
    import_file(engine=engine, path=ranged)
    again = _write(tmp_path / "b" / "BusinessReport_US_parent_2026-11-20.csv", PARENT[:2])

    outcome = import_file(engine=engine, path=again)

    assert outcome.status == "imported", outcome.error
    assert list(outcome.notes) == [
        "1 parent ASIN stored for 2026-11-20 is not in this report and was removed: a "
        "Business Report is the whole picture of its day"
    ]
    assert "已保存的 1 个父 ASIN" in localize_problem(outcome.notes[0], "zh")
    with unit_of_work(engine) as session:
        parents = set(session.scalars(select(SalesTrafficParentDaily.parent_asin)))
    assert parents == {"B0PARENT01"}
    assert len(_periods(engine, SalesTrafficParentPeriod)) == 2  # the range keeps both
