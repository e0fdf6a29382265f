"""The Profit chart leaves a gap (null) for a period no order report or settlement covers a
day of, as the Today chart does for a day without a Business Report: it drew a bar of 0."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.web.profit_page import profit_view
from tests.factories import AS_OF
from tests.reports.test_pnl_missing_days import LATER, _store


def _chart(engine: Engine, period: str) -> dict[str, list[object]]:
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        view = profit_view(session=s, store_id=store.id, currency="USD", period=period, end=LATER)
    return view.chart


def test_days_no_order_or_settlement_covers_are_gaps_not_zeros(engine: Engine) -> None:
    _store(engine)  # orders for the 40 days to AS_OF, Business Reports 2 days past them
    chart = _chart(engine, "day")
    assert chart["labels"][-3:] == [(AS_OF + timedelta(days=k)).isoformat() for k in (0, 1, 2)]
    assert chart["profit"][-2:] == [None, None] and chart["sales"][-2:] == [None, None]
    assert chart["estimated"][-2:] == [False, False]
    assert chart["sales"][-3] == 120.0  # AS_OF: 4 units at $30
    assert all(isinstance(v, float) for v in chart["profit"][:-2])


def test_a_period_covered_in_part_is_drawn_one_covered_not_at_all_is_a_gap(
    engine: Engine,
) -> None:
    _store(engine)
    chart = _chart(engine, "30d")  # 6 × 30 days to LATER; orders cover the last 40 days
    assert chart["sales"][-1] == 28 * 120.0  # the 28 covered days of the last 30
    assert chart["sales"][-2] == 12 * 120.0  # the first 12 of the orders' 40 days
    assert chart["sales"][:-2] == [None] * 4 and chart["profit"][:-2] == [None] * 4
