"""The bulk (column-wise) path stores exactly what the row path stores, and locates errors
the same way.

Equality is proved both ways on one database: a file imported by one path, then imported
again by the other (``force``), must leave every row as it was — any value, parent or key
the second path made differently would show as a changed or an extra row.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from sellerops.ads.models import (
    AdCampaign,
    AdCampaignDaily,
    AdGroup,
    AdPlacementDaily,
    AdProductDaily,
    AdSearchTermDaily,
    AdTarget,
    AdTargetDaily,
)
from sellerops.core.db import unit_of_work
from sellerops.ingest import columnar
from sellerops.ingest.reports import _ads_columnar
from sellerops.ingest.service import ImportOutcome, import_file
from sellerops.sim import SimConfig, simulate
from sellerops.sim.writers import search_terms
from tests.ingest.ads_helpers import ADS
from tests.ingest.helpers import rows_of

_TABLES = (AdCampaign, AdGroup, AdTarget, AdSearchTermDaily, AdTargetDaily, AdProductDaily,
           AdCampaignDaily, AdPlacementDaily)  # fmt: skip
SAMPLES = [
    "SP_Search_Term_US_2026-11-24_25.csv",
    "SP_Search_Term_zh_US_2026-11-24_25.csv",
    "SP_Search_Term_2019.csv",
    "SP_Targeting_US_2026-11-25.csv",
    "SP_Advertised_Product_US_2026-11-25.csv",
    "SP_Advertised_Product_IN_14_day.csv",
    "SP_Campaign_US_2026-11-25.csv",
    "SB_Campaign_US_2026-11-25.csv",
    "SD_Campaign_US_2026-11-25.csv",
    "Campaigns_export_2024_US.csv",
    "SP_Placement_US_2026-11-25.csv",
]


@pytest.fixture
def bulk_used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The levels the bulk path loaded (so a test knows it did not fall back)."""
    used: list[str] = []
    load = _ads_columnar.load

    def spy(ctx: Any, records: Any) -> Any:
        used.append(records.level)
        return load(ctx, records)

    monkeypatch.setattr(_ads_columnar, "load", spy)
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 4096)  # several chunks even for samples
    return used


def _import(engine: Engine, path: Path, *, bulk: bool, force: bool = False) -> ImportOutcome:
    columnar.ENABLED = bulk
    try:
        outcome = import_file(engine=engine, path=path, marketplace="US", force=force)
    finally:
        columnar.ENABLED = True
    assert outcome.status == "imported", outcome.error
    return outcome


def _snapshot(engine: Engine) -> list[list[tuple[Any, ...]]]:
    return [rows_of(engine, model) for model in _TABLES]


def _figures(outcome: ImportOutcome) -> tuple[Any, ...]:
    return (outcome.report_type, outcome.rows_read, outcome.rows_rejected, outcome.data_start,
            outcome.data_end, outcome.totals, outcome.currency, outcome.marketplace)  # fmt: skip


def _assert_same_both_ways(engine: Engine, path: Path, first_bulk: bool) -> None:
    first = _import(engine, path, bulk=first_bulk)
    before = _snapshot(engine)
    second = _import(engine, path, bulk=not first_bulk, force=True)
    assert _snapshot(engine) == before
    assert _figures(second) == _figures(first)
    assert str(second.totals) == str(first.totals)  # the same decimal places too
    assert (second.rows_inserted, second.rows_updated) == (0, first.rows_inserted)


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("first_bulk", [True, False], ids=["bulk_then_rows", "rows_then_bulk"])
def test_the_bulk_path_stores_what_the_row_path_stores(
    engine: Engine, bulk_used: list[str], name: str, first_bulk: bool
) -> None:
    _assert_same_both_ways(engine, ADS / name, first_bulk)
    assert bulk_used, "the bulk path was not used"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("SP_Search_Term_zh_US_2026-11-24_25.csv", "gb18030"),
     ("SP_Search_Term_US_2026-11-24_25.csv", "utf-16"),
     ("SP_Search_Term_US_2026-11-24_25.csv", "cp1252")],
)  # fmt: skip
def test_files_in_other_encodings_are_transcoded_for_the_bulk_path(
    engine: Engine, bulk_used: list[str], tmp_path: Path, name: str, encoding: str
) -> None:
    text = (ADS / name).read_text(encoding="utf-8-sig").replace("Garden", "Gärden")
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    _assert_same_both_ways(engine, path, first_bulk=True)
    assert bulk_used


def _simulated(folder: Path, rows: int) -> Path:
    """A search term report of ``rows`` simulated rows (several days, one header)."""
    truth = simulate(SimConfig(seed=3, skus=60, days=10, end_date=date(2026, 11, 26), lang="en"))
    out = folder / f"Sponsored_Products_Search_Term_Report_US_{rows}.csv"
    lines: list[bytes] = []
    with tempfile.TemporaryDirectory() as tmp:
        for daily in search_terms.write(truth, "US", Path(tmp), "en", None):
            body = daily.read_bytes().split(b"\r\n")
            lines += ([] if lines else body[:1]) + [ln for ln in body[1:] if ln]
    assert len(lines) > rows, "the simulation yielded too few rows"
    out.write_bytes(b"\r\n".join(lines[: rows + 1]) + b"\r\n")
    return out


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    return _simulated(tmp_path, 1500)


def _rewrite(path: Path, change: Any) -> Path:
    lines = path.read_bytes().split(b"\r\n")
    change(lines)
    path.write_bytes(b"\r\n".join(lines))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("first_bulk", [True, False], ids=["bulk_then_rows", "rows_then_bulk"])
def test_a_large_file_with_odd_cells_and_repeated_keys_loads_the_same_both_ways(
    engine: Engine, bulk_used: list[str], big_file: Path, first_bulk: bool
) -> None:
    def odd(lines: list[bytes]) -> None:
        # Repeated keys far apart (merged across chunks), thousands separators, a currency
        # mark in front, padding, and a term only NFKC/case-folding tells equal.
        lines[1:1] = [lines[900], lines[901]]
        for i in range(5, 400, 37):
            cells = lines[i].split(b'","')
            cells[11] = b"1,2" + cells[11][-2:].rjust(2, b"0")  # Impressions
            cells[15] = b"US$" + cells[15].lstrip(b"$")  # Spend
            cells[10] = "  ＣＡＳＥ  Folded  ".encode() + cells[10]  # Customer Search Term
            lines[i] = b'","'.join(cells)

    _rewrite(big_file, odd)
    _assert_same_both_ways(engine, big_file, first_bulk)
    assert bulk_used


@pytest.mark.slow
def test_a_bad_cell_deep_in_a_large_file_is_named_by_line_and_column(
    engine: Engine, bulk_used: list[str], big_file: Path
) -> None:
    def bad(lines: list[bytes]) -> None:
        cells = lines[1200].split(b'","')  # line 1201 of the file
        cells[11] = b"12x"
        lines[1200] = b'","'.join(cells)

    _rewrite(big_file, bad)
    outcomes = []
    for bulk in (True, False):
        columnar.ENABLED = bulk
        try:
            outcomes.append(import_file(engine=engine, path=big_file, marketplace="US"))
        finally:
            columnar.ENABLED = True
    assert [o.status for o in outcomes] == ["failed", "failed"]
    error = outcomes[0].error or ""
    assert "line 1201" in error and 'column "Impressions"' in error and '"12x"' in error
    assert outcomes[0].error == outcomes[1].error
    assert _snapshot(engine) == [[] for _ in _TABLES]


def _both_ways(engine: Engine, path: Path) -> list[ImportOutcome]:
    """The file imported by the bulk path, then by the row path (each on its own)."""
    outcomes = []
    for bulk in (True, False):
        columnar.ENABLED = bulk
        try:
            outcomes.append(import_file(engine=engine, path=path, marketplace="US"))
        finally:
            columnar.ENABLED = True
    return outcomes


def _cells(line: bytes) -> list[bytes]:
    return line.split(b'","')


_BAD_LINES = {
    # cut short right after "Customer Search Term" (the 11th of 26 columns)
    "cut_short": (lambda c: b'","'.join(c[:11]) + b'"',
                  ', column "Impressions": the line has 11 fields but the header has 26: '
                  "it looks cut short"),
    "too_many_fields": (lambda c: b'","'.join(c) + b',"extra","fields"',
                        ": has 28 fields but the header has 26; a value may hold an unquoted "
                        "delimiter"),
    "text_for_spend": (lambda c: b'","'.join([*c[:15], b"n/a", *c[16:]]),
                       ', column "Spend": expected an amount, got "n/a"'),
    "empty_spend": (lambda c: b'","'.join([*c[:15], b"", *c[16:]]),
                    ', column "Spend": expected an amount, got an empty cell'),
}  # fmt: skip


@pytest.mark.parametrize("bad", sorted(_BAD_LINES))
def test_a_malformed_line_is_named_by_line_and_column_as_the_row_path_names_it(
    engine: Engine, bulk_used: list[str], tmp_path: Path, bad: str
) -> None:
    change, expected = _BAD_LINES[bad]
    path = tmp_path / SAMPLES[0]
    path.write_bytes((ADS / SAMPLES[0]).read_bytes())
    _rewrite(path, lambda lines: lines.__setitem__(3, change(_cells(lines[3]))))

    outcomes = _both_ways(engine, path)

    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert outcomes[0].error == outcomes[1].error
    assert outcomes[0].error == f"{SAMPLES[0]}, line 4{expected}"
    assert "Error" not in (outcomes[0].error or "")  # no database error text
    assert _snapshot(engine) == [[] for _ in _TABLES]


@pytest.mark.slow
@pytest.mark.parametrize("where", [1200, 1500], ids=["deep", "last_line"])
def test_a_line_cut_short_deep_in_a_large_file_rejects_it_whole(
    engine: Engine, bulk_used: list[str], big_file: Path, where: int
) -> None:
    def cut(lines: list[bytes]) -> None:
        lines[where] = b'","'.join(_cells(lines[where])[:11]) + b'"'
        if where == 1500:  # the last line, without its line end
            del lines[1501:]

    _rewrite(big_file, cut)
    outcomes = _both_ways(engine, big_file)

    assert bulk_used == ["search_term"]  # the bulk path found it itself, mid-file
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert (
        outcomes[0].error
        == outcomes[1].error
        == (
            f'{big_file.name}, line {where + 1}, column "Impressions": the line has 11 fields '
            "but the header has 26: it looks cut short"
        )
    )
    assert _snapshot(engine) == [[] for _ in _TABLES]


@pytest.mark.slow
def test_a_marketplace_only_later_rows_name_is_seen_as_the_row_path_sees_it(
    engine: Engine, bulk_used: list[str], big_file: Path
) -> None:
    # The bulk path learns the marketplaces from the first rows; one named only far down
    # the file (another chunk) must still count: without a marketplace from the name or
    # an option, a file of two marketplaces is refused, whichever path reads it.
    def elsewhere(lines: list[bytes]) -> None:
        for i in (1300, 1301):
            lines[i] = lines[i].replace(b'","United States","', b'","Canada","')

    path = _rewrite(big_file, elsewhere).rename(big_file.with_name("search_terms.csv"))
    assert b'"Canada"' not in path.read_bytes()[:70_000]
    outcomes = []
    for bulk in (True, False):
        columnar.ENABLED = bulk
        try:
            outcomes.append(import_file(engine=engine, path=path))
        finally:
            columnar.ENABLED = True

    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert outcomes[0].error == outcomes[1].error
    assert "CA, US" in (outcomes[0].error or "")
    assert bulk_used == ["search_term"]


@pytest.mark.slow
def test_importing_a_large_file_again_changes_nothing(
    engine: Engine, bulk_used: list[str], big_file: Path
) -> None:
    first = _import(engine, big_file, bulk=True)
    before = _snapshot(engine)
    again = _import(engine, big_file, bulk=True, force=True)

    assert _snapshot(engine) == before
    assert (first.rows_read, first.rows_updated) == (1500, 0)
    assert first.rows_inserted == len(before[3]) > 1000
    assert (again.rows_inserted, again.rows_updated) == (0, first.rows_inserted)
    assert again.totals == first.totals
    assert bulk_used == ["search_term", "search_term"]


def _day_totals(engine: Engine, store: str) -> dict[date, tuple[Any, ...]]:
    from sellerops.core.models import Store

    t = AdSearchTermDaily
    with unit_of_work(engine) as session:
        found = session.execute(
            select(t.day, func.count(), func.sum(t.clicks), func.sum(t.spend), func.sum(t.sales))
            .join(Store, Store.id == t.store_id)
            .where(Store.name == store)
            .group_by(t.day)
        ).all()
    return {r[0]: tuple(r[1:]) for r in found}


@pytest.mark.slow
def test_days_the_table_already_holds_are_upserted_and_new_days_copied_straight_in(
    engine: Engine, bulk_used: list[str], big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PostgreSQL COPies the rows of a day the store held nothing of straight into the
    # table (no staging, no conflict check); a day it held goes through the upsert. Either
    # way the store ends as if each day had been imported once.
    lines = big_file.read_bytes().split(b"\r\n")
    header, rows = lines[0], [ln for ln in lines[1:] if ln]
    days = sorted({row[1:11] for row in rows})
    early = big_file.with_name("Sponsored_Products_Search_Term_Report_US_early.csv")
    early.write_bytes(b"\r\n".join([header] + [r for r in rows if r[1:11] <= days[1]]) + b"\r\n")
    copied: list[tuple[str, int]] = []
    copy = columnar._copy

    def spy(cursor: Any, table: str, columns: list[str], part: Any) -> None:
        copied.append((table, part.height))
        copy(cursor, table, columns, part)

    monkeypatch.setattr(columnar, "_copy", spy)
    for store, paths in (("whole", [big_file]), ("early_then_whole", [early, big_file])):
        for path in paths:
            outcome = import_file(engine=engine, path=path, store=store, marketplace="US")
            assert outcome.status == "imported", outcome.error

    assert _day_totals(engine, "early_then_whole") == _day_totals(engine, "whole")
    assert len(_day_totals(engine, "whole")) == len(days) > 2
    straight = [n for table, n in copied if table == "ad_search_term_daily"]
    if engine.dialect.name == "postgresql":
        stored = sum(n for n, *_ in _day_totals(engine, "whole").values())
        held = sum(v[0] for d, v in _day_totals(engine, "early_then_whole").items()
                   if d.isoformat().encode() <= days[1])  # fmt: skip
        # the whole file, then the early file's days, then the whole file's other days
        assert sum(straight) == stored + held + (stored - held)
    else:
        assert straight == []  # SQLite: one upsert statement, no COPY


@pytest.mark.slow
@pytest.mark.parametrize("first_bulk", [True, False], ids=["bulk_then_rows", "rows_then_bulk"])
def test_parents_spelled_differently_across_chunks_end_as_the_last_row_spells_them(
    engine: Engine, bulk_used: list[str], big_file: Path, first_bulk: bool
) -> None:
    def respell(lines: list[bytes]) -> None:
        # The same ad groups and targets, in upper case on some rows of many chunks: a
        # parent a later chunk spells again the old way must be written again.
        for i in range(3, 1500, 97):
            cells = lines[i].split(b'","')
            cells[5], cells[8] = cells[5].upper(), cells[8].upper()  # Ad Group, Targeting
            lines[i] = b'","'.join(cells)

    _rewrite(big_file, respell)
    _assert_same_both_ways(engine, big_file, first_bulk)
    with unit_of_work(engine) as session:
        names = list(session.scalars(select(AdGroup.name)))
    assert any(n.isupper() for n in names) and any(not n.isupper() for n in names)
    assert bulk_used


@pytest.mark.slow
def test_a_changed_file_imported_again_rewrites_only_the_rows_that_changed(
    engine: Engine, bulk_used: list[str], big_file: Path
) -> None:
    first = _import(engine, big_file, bulk=True)

    def more_clicks(lines: list[bytes]) -> None:
        cells = lines[700].split(b'","')
        cells[12] = str(int(cells[12]) + 5).encode()  # Clicks
        lines[700] = b'","'.join(cells)

    _rewrite(big_file, more_clicks)
    again = _import(engine, big_file, bulk=True)
    with unit_of_work(engine) as session:
        batches = session.execute(
            select(AdSearchTermDaily.import_batch_id, func.count())
            .group_by(AdSearchTermDaily.import_batch_id)
            .order_by(AdSearchTermDaily.import_batch_id)
        ).all()
    after = _snapshot(engine)
    by_rows = _import(engine, big_file, bulk=False, force=True)

    # Every key counts as updated, but only the changed row was written (it alone carries
    # the new batch); the row path, importing the same file, finds nothing to change.
    assert (again.rows_inserted, again.rows_updated) == (0, first.rows_inserted)
    assert [tuple(b) for b in batches] == [
        (first.batch_id, first.rows_inserted - 1),
        (again.batch_id, 1),
    ]
    assert again.totals is not None and first.totals is not None
    assert again.totals["clicks"] == first.totals["clicks"] + 5
    assert _snapshot(engine) == after and by_rows.totals == again.totals


def test_files_the_bulk_path_cannot_read_exactly_go_row_by_row(
    engine: Engine, bulk_used: list[str], tmp_path: Path
) -> None:
    text = (ADS / SAMPLES[0]).read_text(encoding="utf-8-sig")
    header, first, *rest = text.splitlines()
    cells = first.split('","')
    cells[10] = cells[10] + "\nsecond line"  # a quoted term spanning two lines
    path = tmp_path / SAMPLES[0]
    path.write_text("\r\n".join([header, '","'.join(cells), *rest]) + "\r\n", encoding="utf-8")

    outcome = _import(engine, path, bulk=True)

    assert outcome.rows_read == 6 and not bulk_used


def _chunks(text: str) -> Iterator[columnar.Chunk]:
    from sellerops.ingest.reader import read_table

    return columnar.chunks(columnar.Source.of(read_table(text.encode(), "x.csv")), chunk_bytes=8)


def test_chunks_keep_line_numbers_and_drop_blank_rows() -> None:
    text = 'Campaign Name,Impressions\r\n"a",1\r\n\r\n,\r\n"b",2\r\n"c", 3\r\n'
    got = [(line, cells) for chunk in _chunks(text) for line, cells in chunk.rows()]
    assert got == [(2, ["a", "1"]), (5, ["b", "2"]), (6, ["c", " 3"])]


_CHILD = """
import dataclasses, sys, time
from sqlalchemy import func, select
from sellerops.ads.models import AdSearchTermDaily
from sellerops.core.db import make_engine
from sellerops.core.models import ImportBatch
from sellerops.ingest import columnar, registry, service

columnar.CHUNK_BYTES = 4096  # many chunks, each upserted on its own

def pausing(load):
    def paused(ctx, parsed):
        result = load(ctx, parsed)
        ctx.session.flush()
        rows = ctx.session.scalar(select(func.count()).select_from(AdSearchTermDaily))
        ok = ctx.session.scalar(select(func.count()).where(ImportBatch.status == "ok"))
        print(f"{type(parsed.records).__name__} wrote {rows} rows, {ok} ok batch", flush=True)
        time.sleep(120)
        return result
    return paused

for family in registry.families():
    registry.register(dataclasses.replace(family, load=pausing(family.load)))
service.import_file(engine=make_engine(sys.argv[1]), path=sys.argv[2], marketplace="US")
"""


@pytest.mark.slow  # a child interpreter starts (about 3 s)
def test_a_bulk_import_killed_before_its_commit_leaves_nothing(
    db_url: str, engine: Engine, big_file: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, db_url, str(big_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert child.stdout is not None
        said = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)

    assert said.startswith("AdStream wrote ") and said.endswith(" rows, 1 ok batch"), said
    assert said != "AdStream wrote 0 rows, 1 ok batch"
    assert _snapshot(engine) == [[] for _ in _TABLES]
    assert import_file(engine=engine, path=big_file, marketplace="US").status == "imported"
