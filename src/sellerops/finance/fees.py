"""Fee and reimbursement facts the finance checks read: FBA fee per unit over a window, and
units lost or damaged in FBA warehouses against units Amazon paid back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product
from sellerops.core.models import ImportBatch
from sellerops.finance import service as finance
from sellerops.finance.models import FbaReimbursement, FeeLine
from sellerops.finance.profit import classify
from sellerops.finance.sums import from_sum, money_sum
from sellerops.inventory.ledger_models import InventoryLedgerEvent
from sellerops.inventory.models import InventoryAdjustment

#: Adjustment reason codes of the FBA inventory adjustments report: units lost (misplaced,
#: unrecoverable) or damaged by Amazon, and units found again (they cancel a loss).
LOST_OR_DAMAGED = frozenset({"M", "5", "E", "6", "7", "H", "K", "U", "D"})
FOUND = frozenset({"F", "N"})


def fba_fee_per_unit(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[str, tuple[Decimal, int]]:
    """Per SKU: (FBA fulfilment fee per unit, units) on order lines posted in [start, end],
    from settlements (and Date Range lines of moments no settlement covers). Fee positive."""
    choice = finance.fee_choice(session=session, store_id=store_id)
    rows = session.execute(
        select(FeeLine.sku, FeeLine.amount_type, FeeLine.amount_description,
               money_sum(FeeLine.amount), func.sum(FeeLine.quantity))
        .where(FeeLine.store_id == store_id, choice.clause,
               FeeLine.transaction_type == "Order", FeeLine.sku.is_not(None),
               FeeLine.posted_day >= start, FeeLine.posted_day <= end)
        .group_by(FeeLine.sku, FeeLine.amount_type, FeeLine.amount_description)
    )  # fmt: skip
    fee: dict[str, Decimal] = defaultdict(Decimal)
    units: dict[str, int] = defaultdict(int)
    for sku, kind, desc, amount, qty in rows:
        line = classify("Order", kind, desc)
        if sku is None:
            continue
        if line == "fba_fee":
            fee[sku] -= from_sum(amount)
        elif line == "principal":
            units[sku] += int(qty or 0)
    return {s: (fee[s] / units[s], units[s]) for s in fee if units.get(s)}


@dataclass(frozen=True, slots=True)
class Unreimbursed:
    sku: str
    lost: int  # units lost or damaged, net of units found
    reimbursed: int  # units paid back in cash or stock
    unit_value: Decimal | None  # the product's unit cost or half its price, store currency

    @property
    def owed(self) -> int:
        return max(self.lost - self.reimbursed, 0)


def unreimbursed_units(
    *, session: Session, store_id: int, start: date, end: date
) -> list[Unreimbursed]:
    """SKUs with more units lost or damaged in [start, end] than Amazon reimbursed since
    ``start`` (reimbursements come weeks after the loss, so they are counted up to today)."""
    lost: dict[str, int] = defaultdict(int)
    for sku, reason, qty in _adjustments(session, store_id, start, end):
        if sku is None:
            continue
        if reason in LOST_OR_DAMAGED:
            lost[sku] += -int(qty) if qty < 0 else int(qty)
        elif reason in FOUND:
            lost[sku] -= abs(int(qty))
    paid = dict(
        session.execute(
            select(FbaReimbursement.sku, func.sum(FbaReimbursement.quantity_reimbursed_total))
            .where(FbaReimbursement.store_id == store_id, FbaReimbursement.approval_day >= start)
            .group_by(FbaReimbursement.sku)
        ).all()
    )
    values = _unit_values(session, store_id)
    out = [Unreimbursed(s, n, int(paid.get(s) or 0), values.get(s)) for s, n in lost.items()]
    return [u for u in out if u.owed > 0]


def _adjustments(
    session: Session, store_id: int, start: date, end: date
) -> list[tuple[str | None, str, int]]:
    """(SKU, reason code, summed quantity) of the adjustments in [start, end]: from the FBA
    inventory adjustments report on the days its imports cover, and from the Adjustments
    events of the inventory ledger (same reason codes) on the other days, so a store that
    downloads only the ledger is checked too and one that has both never counts a loss twice.
    """
    covered = _days_covered(session, store_id, "fba_adjustments", start, end)
    a = InventoryAdjustment
    report = session.execute(
        select(a.sku, a.reason, a.adjusted_day, func.sum(a.quantity))
        .where(a.store_id == store_id, a.sku.is_not(None),
               a.adjusted_day >= start, a.adjusted_day <= end)
        .group_by(a.sku, a.reason, a.adjusted_day)
    )  # fmt: skip
    sums: dict[tuple[str | None, str], int] = defaultdict(int)
    report_days: set[date] = set()
    for sku, reason, day, qty in report:
        sums[(sku, reason)] += int(qty or 0)
        report_days.add(day)
    e = InventoryLedgerEvent
    ledger = session.execute(
        select(e.sku, e.reason, e.day, func.sum(e.quantity))
        .where(e.store_id == store_id, e.sku.is_not(None), e.event_type == "Adjustments",
               e.day >= start, e.day <= end)
        .group_by(e.sku, e.reason, e.day)
    )  # fmt: skip
    for sku, reason, day, qty in ledger:
        if day not in report_days and not any(lo <= day <= hi for lo, hi in covered):
            sums[(sku, reason)] += int(qty or 0)
    return [(sku, reason, qty) for (sku, reason), qty in sums.items()]


def _days_covered(
    session: Session, store_id: int, report_type: str, start: date, end: date
) -> list[tuple[date, date]]:
    """The date ranges the store's imports of ``report_type`` cover, within [start, end]."""
    rows = session.execute(
        select(ImportBatch.data_start, ImportBatch.data_end).where(
            ImportBatch.store_id == store_id,
            ImportBatch.report_type == report_type,
            ImportBatch.status == "ok",
            ImportBatch.data_start.is_not(None),
            ImportBatch.data_start <= end,
            ImportBatch.data_end >= start,
        )
    )
    return [(lo, hi) for lo, hi in rows if lo is not None and hi is not None]


def _unit_values(session: Session, store_id: int) -> dict[str, Decimal]:
    rows = session.execute(
        select(Product.sku, Product.unit_cost, Product.price).where(Product.store_id == store_id)
    )
    out = {}
    for sku, cost, price in rows:
        if cost is not None:
            out[sku] = Decimal(cost)
        elif price is not None:
            out[sku] = Decimal(price) / 2
    return out
