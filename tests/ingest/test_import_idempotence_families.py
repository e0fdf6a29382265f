"""Overlapping pieces of row-path reports, imported in any order, add up to each day once.

The search term property test (``test_import_idempotence_property``) proves it for the bulk
path; this one for three families whose rows carry no key of Amazon's making or carry one
per order: an All Orders flat file (keyed by order id and SKU), a Date Range transaction
report (no key at all: a line is known by what it says, preamble lines above the header)
and an FBA customer returns report. Each file, written by the simulator, is cut into day
ranges (by the day of each row's first column) that cover every day and overlap their
neighbours; the pieces are imported in a random order, some twice, into a store of their
own. Per day, what the store holds must equal what a store holds that imported each day
once.
"""

from __future__ import annotations

import functools
import itertools
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import FeeLine
from sellerops.ingest.service import import_file
from sellerops.service.models import CustomerReturn, Order, OrderItem
from sellerops.sim import SimConfig, simulate
from sellerops.sim.writers import all_orders, date_range, fba_returns

DayTotals = dict[date, tuple[Any, ...]]


@dataclass(frozen=True)
class Family:
    name: str
    write: Callable[..., list[Path]]
    head_lines: int  # lines above the first data row (preamble and header)
    day_of: Callable[[str], str]  # a data line -> the text its day is cut by
    totals: Callable[[Engine, str], DayTotals]


def _sums(engine: Engine, query: Any, store: str) -> DayTotals:
    with unit_of_work(engine) as session:
        rows = session.execute(query.where(Store.name == store)).all()
    return {r[0]: tuple(Decimal(str(v)) if v is not None else None for v in r[1:]) for r in rows}


def _orders(engine: Engine, store: str) -> DayTotals:
    query = (
        select(Order.purchase_day, func.count(), func.sum(OrderItem.quantity),
               func.sum(OrderItem.item_price), func.count(func.distinct(Order.id)))
        .join(OrderItem, OrderItem.order_id == Order.id)
        .join(Store, Store.id == Order.store_id)
        .group_by(Order.purchase_day)
    )  # fmt: skip
    return _sums(engine, query, store)


def _transactions(engine: Engine, store: str) -> DayTotals:
    query = (
        select(FeeLine.posted_day, func.count(), func.sum(FeeLine.amount),
               func.sum(FeeLine.quantity))
        .join(Store, Store.id == FeeLine.store_id)
        .group_by(FeeLine.posted_day)
    )  # fmt: skip
    return _sums(engine, query, store)


def _returns(engine: Engine, store: str) -> DayTotals:
    query = (
        select(CustomerReturn.return_day, func.count(), func.sum(CustomerReturn.quantity))
        .join(Store, Store.id == CustomerReturn.store_id)
        .group_by(CustomerReturn.return_day)
    )
    return _sums(engine, query, store)


def _iso_day(line: str) -> str:
    return line.split("\t", 1)[0][:10]


def _console_day(line: str) -> str:
    """``"Nov 1, 2026 7:46:23 AM PST",...`` -> ``Nov 1, 2026``."""
    return ",".join(line.lstrip('"').split(",", 2)[:2])


FAMILIES = {
    "all_orders": Family("all_orders", all_orders.write, 1, _iso_day, _orders),
    "date_range": Family(
        "date_range", date_range.write, len(date_range.PREAMBLE) + 1, _console_day, _transactions
    ),
    "fba_returns": Family("fba_returns", fba_returns.write, 1, _iso_day, _returns),
}


@functools.cache
def daily_pieces(name: str) -> tuple[str, tuple[str, ...]]:
    """The family's head (preamble, header) and its data lines grouped by day, in order."""
    family = FAMILIES[name]
    truth = simulate(SimConfig(seed=5, skus=6, days=24, end_date=date(2026, 11, 26)))
    with tempfile.TemporaryDirectory() as out:
        paths = family.write(truth, "US", Path(out), None)
        texts = [p.read_text(encoding="utf-8") for p in paths]
    head = ""
    body: list[str] = []
    for text in texts:
        lines = text.splitlines(keepends=True)
        head = "".join(lines[: family.head_lines])
        body += [ln for ln in lines[family.head_lines :] if ln.strip()]
    days = [list(group) for _, group in itertools.groupby(body, key=family.day_of)]
    assert len(days) >= 4, f"{name}: the simulation wrote rows on {len(days)} days only"
    return head, tuple("".join(day) for day in days)


@st.composite
def overlapping_pieces(draw: st.DrawFn, days: int) -> list[tuple[int, int]]:
    """Day ranges (first, last), covering every day, each stretched over its neighbours,
    in a random order with some repeated."""
    cuts = sorted(draw(st.sets(st.integers(1, days - 1), max_size=5)))
    bounds = list(itertools.pairwise([0, *cuts, days]))
    stretch = st.integers(0, 2)
    pieces = [(max(0, a - draw(stretch)), min(days - 1, b - 1 + draw(stretch))) for a, b in bounds]
    again = draw(st.lists(st.sampled_from(pieces), max_size=2))
    return draw(st.permutations(pieces + again))


def _import(engine: Engine, folder: Path, name: str, store: str, first: int, last: int) -> None:
    head, days = daily_pieces(name)
    suffix = ".csv" if name == "date_range" else ".txt"
    path = folder / f"{store}_{name}_{first}_{last}{suffix}"
    path.write_text(head + "".join(days[first : last + 1]), encoding="utf-8")
    outcome = import_file(engine=engine, path=path, store=store, marketplace="US")
    assert outcome.status in ("imported", "skipped_duplicate"), outcome.error


@pytest.mark.slow  # a few examples of several imports each, per family
@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_overlapping_pieces_in_any_order_total_each_day_once(
    engine: Engine, tmp_path: Path, name: str
) -> None:
    family = FAMILIES[name]
    _, days = daily_pieces(name)
    for day in range(len(days)):
        _import(engine, tmp_path, name, "once", day, day)
    expected = family.totals(engine, "once")
    assert expected, "the store that imported each day once holds nothing"
    runs = itertools.count()

    @settings(
        max_examples=4,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(pieces=overlapping_pieces(len(days)))
    def check(pieces: list[tuple[int, int]]) -> None:
        store = f"run{next(runs)}"
        for first, last in pieces:
            _import(engine, tmp_path, name, store, first, last)
        assert family.totals(engine, store) == expected

    check()
