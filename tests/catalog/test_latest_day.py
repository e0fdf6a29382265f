"""The store's default day: the newest day of Business Report data unless it looks partial."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.catalog import performance
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from tests import factories as f
from tests.factories import AS_OF

ASINS = [f"B0DAY{k:05d}" for k in range(10)]


def _fill(s: Session, store: Store, asins: list[str], days: int, sessions: int) -> None:
    for back in range(days):
        for a in asins:
            f.traffic(s, store, a, AS_OF - timedelta(days=back), units=5, sessions=sessions)


def test_few_rows_with_the_usual_sessions_is_a_complete_day(engine: Engine) -> None:
    """Rows alone do not make a day partial: its sessions must be short too."""
    newest = AS_OF + timedelta(days=1)
    with unit_of_work(engine) as s:
        store = f.store(s)
        _fill(s, store, ASINS, 10, sessions=100)
        for a in ASINS[:3]:  # 3 of 10 rows, but as many sessions as a usual day
            f.traffic(s, store, a, newest, units=5, sessions=400)
        s.flush()
        assert performance.latest_day(session=s, store_id=store.id) == newest
        f.traffic(s, store, ASINS[3], newest + timedelta(days=1), units=1, sessions=1)
        s.flush()  # one row and one session: partial, the day before is the default
        assert performance.latest_day(session=s, store_id=store.id) == newest


def test_too_few_earlier_days_judge_nothing(engine: Engine) -> None:
    newest = AS_OF + timedelta(days=1)
    with unit_of_work(engine) as s:
        store = f.store(s)
        _fill(s, store, ASINS, 2, sessions=100)
        f.traffic(s, store, ASINS[0], newest, units=1, sessions=1)
        s.flush()
        assert performance.latest_day(session=s, store_id=store.id) == newest
        assert performance.latest_day(session=s, store_id=store.id, complete=False) == newest
