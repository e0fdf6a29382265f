"""Sales drops against the same weekday, explained to their cause; Buy Box loss."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from sellerops.catalog import checks
from sellerops.catalog.performance import DayStats
from sellerops.core.db import unit_of_work
from sellerops.daily.context import ReviewContext
from tests import factories as f
from tests.factories import AS_OF


def _ctx(session, store) -> ReviewContext:  # type: ignore[no-untyped-def]
    return ReviewContext(session=session, store=store, as_of=AS_OF)


def test_poisson_cdf_matches_known_values() -> None:
    assert abs(checks.poisson_cdf(0, 2.0) - 0.1353352832) < 1e-9
    assert abs(checks.poisson_cdf(3, 3.0) - 0.6472318887) < 1e-9


@given(st.lists(st.integers(0, 200), min_size=3, max_size=6), st.integers(0, 300))
def test_a_day_at_or_above_the_usual_is_never_a_drop(baseline: list[int], extra: int) -> None:
    assert not checks.is_significant_drop(max(baseline) + extra, baseline)


def test_small_noisy_sellers_are_not_flagged() -> None:
    assert not checks.is_significant_drop(0, [2, 1, 3, 2])  # average below 3 units
    assert not checks.is_significant_drop(7, [10, 11, 9, 10])  # within noise
    assert checks.is_significant_drop(2, [10, 11, 9, 10])


def test_drop_with_lost_buy_box_is_explained_by_the_buy_box() -> None:
    usual = [DayStats(12, Decimal(240), 100, 1.0, None)] * 4
    today = DayStats(2, Decimal(40), 100, 0.3, None)
    assert checks.diagnose(today, usual, out_of_stock=False) == "buy_box"
    assert checks.diagnose(today, usual, out_of_stock=True) == "out_of_stock"


def test_drop_caused_by_a_lost_buy_box_is_left_to_the_buy_box_finding(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0DROPBB01", days=35, units=12)
        f.traffic(s, store, "B0DROPBB01", AS_OF, units=2, sessions=100, buy_box="0.30")
        s.flush()
        assert checks.sales_drop(_ctx(s, store)) == []
        assert [x.entity for x in checks.buy_box_loss(_ctx(s, store))] == ["B0DROPBB01"]


def test_drop_while_out_of_stock_is_left_to_the_stock_finding(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-EMPTY", "B0EMPTY001")
        f.history(s, store, "B0EMPTY001", days=35, units=12)
        f.snapshot(s, store, "SKU-EMPTY", AS_OF, fulfillable=0)
        s.flush()
        assert checks.sales_drop(_ctx(s, store)) == []


def test_drop_with_same_traffic_but_fewer_orders_is_conversion(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0CONVERT1", days=35, units=12)
        f.traffic(s, store, "B0CONVERT1", AS_OF, units=2, sessions=101)
        s.flush()
        found = checks.sales_drop(_ctx(s, store))
    assert len(found) == 1
    drop = found[0]
    assert (drop.module, drop.kind, drop.entity) == ("catalog", "sales_drop", "B0CONVERT1")
    assert drop.params["cause"] == "conversion"
    assert drop.evidence["units"] == 2 and drop.evidence["units_same_weekday_avg"] == 12.0
    assert float(drop.money_at_stake) == 10 * 20.0
    assert "conversion" in drop.title("en") and "转化率" in drop.title("zh")


def test_drop_with_fewer_sessions_is_traffic(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0TRAFFIC1", days=35, units=12)
        f.traffic(s, store, "B0TRAFFIC1", AS_OF, units=3, sessions=20)
        s.flush()
        found = checks.sales_drop(_ctx(s, store))
    assert [x.params["cause"] for x in found] == ["traffic"]


def test_steady_seller_raises_nothing(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0STEADY01", days=35, units=12)
        f.traffic(s, store, "B0STEADY01", AS_OF, units=11)
        s.flush()
        assert checks.sales_drop(_ctx(s, store)) == []
        assert checks.buy_box_loss(_ctx(s, store)) == []


def test_too_little_history_is_not_judged(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0NEWBIE01", days=10, units=12)
        f.traffic(s, store, "B0NEWBIE01", AS_OF, units=0)
        s.flush()
        assert checks.sales_drop(_ctx(s, store)) == []


def test_buy_box_share_falling_below_usual_is_a_finding(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0HIJACK01", days=26, units=10, end=AS_OF - timedelta(days=2))
        for k in (2, 1):
            day = AS_OF - timedelta(days=k)
            f.traffic(s, store, "B0HIJACK01", day, units=4, sessions=85, buy_box="0.40")
        f.traffic(s, store, "B0HIJACK01", AS_OF, units=4, sessions=85, buy_box="0.40")
        s.flush()
        found = checks.buy_box_loss(_ctx(s, store))
    assert len(found) == 1
    loss = found[0]
    assert loss.params == {"buy_box_pct": 40, "baseline_pct": 100}
    assert loss.severity == "high"
    # usual $200 a day x 60 % of the Buy Box lost
    assert float(loss.money_at_stake) == 120.0
