"""A settlement and the Date Range transaction report of the same money, hand-made in the US
and the German layouts, agree to the cent: the same total, the same profit per SKU."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import Settlement
from sellerops.finance.pnl import Pnl, sku_pnl
from sellerops.finance.profit import cents
from sellerops.finance.reconcile import reconcile
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"
D = Decimal
PAIRS = [
    # 79.98 + 6.40 + 5.99 - 5.99 - 6.40 - 12.00 - 12.20 (order 1) + 9.99 - 1.50 - 3.22
    # (order 2) - 39.99 + 6.00 - 1.20 (refund) - 25.37 (storage) + 12.50 (reimbursed) = 12.99
    ("US", "USD", "Settlement_V2_US_pair.txt", "DateRange_US_pair.csv", D("12.99")),
    # 1.599,60 - 239,94 - 154,00 - 19,99 + 3,00 - 0,60 - 45,50 (Werbekosten) = 1.142,57
    ("DE", "EUR", "Settlement_V2_DE_pair.txt", "DateRange_DE_pair.csv", D("1142.57")),
]


def _pnl(engine: Engine, store: Store, currency: str) -> Pnl:
    with unit_of_work(engine) as session:
        return sku_pnl(session=session, store_id=store.id, currency=currency,
                       start=date(2026, 11, 1), end=date(2026, 11, 15))  # fmt: skip


@pytest.mark.parametrize(("market", "currency", "settlement", "transactions", "total"), PAIRS)
def test_a_settlement_and_its_transaction_report_agree_to_the_cent(
    engine: Engine, market: str, currency: str, settlement: str, transactions: str, total: D
) -> None:
    by_transactions = import_file(engine=engine, path=FINANCE / transactions)
    assert by_transactions.status == "imported", by_transactions.error
    assert by_transactions.totals == {"total": total}
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store).where(Store.marketplace_code == market)).one()
    from_transactions = _pnl(engine, store, currency)

    by_settlement = import_file(engine=engine, path=FINANCE / settlement)
    assert by_settlement.status == "imported", by_settlement.error
    assert by_settlement.totals == {"total": total}
    from_settlement = _pnl(engine, store, currency)

    with unit_of_work(engine) as session:
        found = session.scalars(select(Settlement)).one()
        result = reconcile(session=session, store=store)
    assert (found.total_amount, found.lines_total, found.reconciled) == (total, total, True)
    assert [d for d in result.differences if d.check in ("settlement_total", "transactions")] == []
    # the days both files cover whole, with lines in both (US: Nov 5, 10, 12; DE: Nov 9)
    assert result.checked["transaction_days"] == {"US": 3, "DE": 1}[market]
    assert (from_transactions.source, from_settlement.source) == ("date_range", "settlement")
    # Taxes pass through, nothing else is left out: every cent of the total is in a profit.
    for pnl in (from_transactions, from_settlement):
        assert sum((p.profit for p in pnl.skus.values()), D(0)) == total
    assert _by_sku(from_transactions) == _by_sku(from_settlement)


def _by_sku(pnl: Pnl) -> dict[str, tuple[int, D, D, D]]:
    return {
        sku: (p.units, cents(p.sales), cents(p.lines.get("refund", D(0))), cents(p.profit))
        for sku, p in pnl.skus.items()
    }


def test_a_transaction_report_that_lists_other_money_is_named_by_its_day(
    engine: Engine, tmp_path: Path
) -> None:
    edited = tmp_path / "DateRange_US_edited.csv"
    text = (FINANCE / "DateRange_US_pair.csv").read_text()
    edited.write_text(text.replace('"4.80","0","0","0","-35.19"', '"4.70","0","0","0","-35.29"'))
    for path in (edited, FINANCE / "Settlement_V2_US_pair.txt"):
        assert import_file(engine=engine, path=path).status == "imported"

    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        found = [d for d in reconcile(session=session, store=store).differences
                 if d.check == "transactions"]  # fmt: skip

    assert [(d.day, d.left, d.right, d.difference, d.currency) for d in found] == [
        (date(2026, 11, 10), D("-35.19"), D("-35.29"), D("-0.10"), "USD")
    ]
