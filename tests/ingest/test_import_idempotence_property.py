"""Overlapping reports, imported in any order, add up to each day imported once.

A multi-day Sponsored Products search term report (written by the simulator) is cut into
day ranges that cover every day and overlap their neighbours by a few days; the pieces are
imported in a random order, some twice, into a store of their own. Per day, the stored
impressions, clicks, spend, sales and orders, and the number of rows, must equal those of a
store that imported each day's report exactly once.
"""

from __future__ import annotations

import functools
import itertools
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from sellerops.ads.models import AdSearchTermDaily
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.ingest.service import import_file
from sellerops.sim import SimConfig, simulate
from sellerops.sim.writers import search_terms

DAYS = 6
DayTotals = dict[date, tuple[int, int, int, Decimal, Decimal, int]]


@functools.cache
def daily_reports() -> tuple[bytes, tuple[bytes, ...]]:
    """The report's header line and, per day, that day's rows (CSV bytes)."""
    truth = simulate(SimConfig(seed=3, skus=6, days=DAYS, end_date=date(2026, 11, 26)))
    days = []
    header = b""
    with tempfile.TemporaryDirectory() as out:
        for path in search_terms.write(truth, "US", Path(out), "en", None):
            header, _, body = path.read_bytes().partition(b"\r\n")
            days.append(body)
    return header + b"\r\n", tuple(days)


@st.composite
def overlapping_pieces(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Day ranges (first, last), covering every day, each stretched over its neighbours,
    in a random order with some repeated."""
    cuts = sorted(draw(st.sets(st.integers(1, DAYS - 1), max_size=DAYS - 1)))
    bounds = list(itertools.pairwise([0, *cuts, DAYS]))
    stretch = st.integers(0, 2)
    pieces = [(max(0, a - draw(stretch)), min(DAYS - 1, b - 1 + draw(stretch))) for a, b in bounds]
    again = draw(st.lists(st.sampled_from(pieces), max_size=2))
    return draw(st.permutations(pieces + again))


def _import(engine: Engine, folder: Path, store: str, first: int, last: int) -> None:
    header, days = daily_reports()
    path = folder / f"{store}_days_{first}_{last}.csv"
    path.write_bytes(header + b"".join(days[first : last + 1]))
    outcome = import_file(engine=engine, path=path, store=store, marketplace="US")
    assert outcome.status in ("imported", "skipped_duplicate"), outcome.error


def day_totals(engine: Engine, store: str) -> DayTotals:
    t = AdSearchTermDaily
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(
                t.day,
                func.count(),
                func.sum(t.impressions),
                func.sum(t.clicks),
                func.sum(t.spend),
                func.sum(t.sales),
                func.sum(t.orders),
            )
            .join(Store, Store.id == t.store_id)
            .where(Store.name == store)
            .group_by(t.day)
        ).all()
    return {r[0]: (r[1], r[2], r[3], Decimal(r[4]), Decimal(r[5] or 0), r[6]) for r in rows}


@pytest.mark.slow  # a dozen examples of several imports each (3-6 s)
def test_overlapping_reports_in_any_order_total_each_day_once(
    engine: Engine, tmp_path: Path
) -> None:
    for day in range(DAYS):
        _import(engine, tmp_path, "once", day, day)
    expected = day_totals(engine, "once")
    assert len(expected) == DAYS
    runs = itertools.count()

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(pieces=overlapping_pieces())
    def check(pieces: list[tuple[int, int]]) -> None:
        store = f"run{next(runs)}"
        for first, last in pieces:
            _import(engine, tmp_path, store, first, last)
        assert day_totals(engine, store) == expected

    check()
