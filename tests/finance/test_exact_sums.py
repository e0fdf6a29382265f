"""Money sums are exact on both databases: SQLite keeps NUMERIC as binary floats, and a plain
SUM of many lines drifts; the P&L adds whole ten-thousandths instead."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.core.stores import create_store
from sellerops.finance.models import FeeLine
from sellerops.finance.pnl import sku_pnl
from sellerops.finance.sums import from_sum, money_sum

D = Decimal
DAY = date(2026, 11, 20)
#: 200 large lines, then 1,000 small ones: a float sum of them is off in the 4th place
#: (19,753,086,519.9985 on SQLite).
AMOUNTS = [D("98765432.10")] * 200 + [D("0.10")] * 1000
EXACT = sum(AMOUNTS, D(0))


def _lines(engine: Engine) -> int:
    with unit_of_work(engine) as session:
        store = create_store(session=session, name="US", marketplace="US")
        session.add_all(
            FeeLine(store_id=store.id, source_id="S1", line_no=i + 1, posted_day=DAY,
                    posted_at=datetime(2026, 11, 20, 18, tzinfo=UTC), transaction_type="Order",
                    order_id=f"113-{i}", sku="BIG", quantity=1, amount_type="ItemPrice",
                    amount_description="Principal", amount=amount, currency="USD")
            for i, amount in enumerate(AMOUNTS)
        )  # fmt: skip
        return store.id


def test_many_amounts_add_up_exactly_in_the_p_and_l(engine: Engine) -> None:
    store_id = _lines(engine)

    with unit_of_work(engine) as session:
        pnl = sku_pnl(session=session, store_id=store_id, currency="USD", start=DAY, end=DAY)
        exact = from_sum(session.scalar(select(money_sum(FeeLine.amount))))
        plain = session.scalar(select(func.sum(FeeLine.amount)))

    assert D("19753086520.00") == EXACT
    assert exact == EXACT
    assert pnl.skus["BIG"].lines["principal"] == EXACT
    assert pnl.skus["BIG"].units == 1200
    if engine.dialect.name == "sqlite":  # what the P&L would say with a plain SUM
        assert plain != EXACT
