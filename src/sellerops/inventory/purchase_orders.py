"""Purchase-order drafts: the restock plan's order lines grouped per supplier, one XLSX each.

A draft is what an operator sends a supplier after a look: SKU, units (already whole case
packs and at least the MOQ: the plan rounds them), unit cost, line total, the currency of
both (the SKU's cost currency from the costs sheet, else the store's), the order-by date
and the supplier's lead time. SKUs without a supplier go to a draft named ``unassigned``.
Files are written with :func:`sellerops.core.xlsx.write_table` (text never runs as a formula).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product
from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Store
from sellerops.core.xlsx import write_table

UNASSIGNED = "unassigned"
HEADERS = {
    "en": ("SKU", "Title", "Units", "Unit cost", "Line total", "Currency", "Order by",
           "Lead time (days)"),
    "zh": ("SKU", "标题", "数量", "单价", "金额", "币种", "最晚下单日", "交货周期（天）"),
}  # fmt: skip
TOTAL = {"en": "Total", "zh": "合计"}


@dataclass(frozen=True, slots=True)
class PoLine:
    sku: str
    title: str | None
    units: int
    unit_cost: Decimal | None
    order_by: date | None
    lead_time_days: float
    currency: str | None = None  # of unit_cost and total (ISO 4217)

    @property
    def total(self) -> Decimal | None:
        return None if self.unit_cost is None else self.unit_cost * self.units


@dataclass(frozen=True, slots=True)
class PoDraft:
    supplier: str
    lines: tuple[PoLine, ...]

    @property
    def units(self) -> int:
        return sum(line.units for line in self.lines)

    @property
    def total(self) -> Decimal:
        return sum((line.total or Decimal(0) for line in self.lines), Decimal(0))

    @property
    def currency(self) -> str | None:
        """The currency of every line's cost; None when the lines mix currencies (then no
        total is written: amounts in different currencies do not add up)."""
        found = {line.currency for line in self.lines if line.unit_cost is not None}
        return found.pop() if len(found) == 1 else None

    @property
    def order_by(self) -> date | None:
        """The earliest order-by date of the draft's lines (the whole PO goes out by then)."""
        days = [line.order_by for line in self.lines if line.order_by is not None]
        return min(days) if days else None


def drafts(lines: Iterable[tuple[str | None, PoLine]]) -> list[PoDraft]:
    """Group ``(supplier, line)`` pairs with units to order into one draft per supplier,
    most urgent draft first, lines most urgent first."""
    grouped: dict[str, list[PoLine]] = {}
    for supplier, line in lines:
        if line.units > 0:
            grouped.setdefault(supplier or UNASSIGNED, []).append(line)
    out = [
        PoDraft(name, tuple(sorted(items, key=lambda x: (x.order_by or date.max, x.sku))))
        for name, items in grouped.items()
    ]
    return sorted(out, key=lambda d: (d.order_by or date.max, d.supplier))


def file_name(draft: PoDraft, as_of: date) -> str:
    """``PO-<supplier>-<YYYY-MM-DD>.xlsx`` with the supplier name made file-system safe."""
    safe = re.sub(r"[^\w.-]+", "_", draft.supplier, flags=re.UNICODE).strip("._") or "supplier"
    return f"PO-{safe[:60]}-{as_of.isoformat()}.xlsx"


def cost_currencies(session: Session, store: Store) -> dict[str, str]:
    """The currency of each SKU's unit cost: its costs-sheet currency, else the store's."""
    default = get_marketplace(store.marketplace_code).currency
    rows = session.execute(
        select(Product.sku, Product.cost_currency).where(Product.store_id == store.id)
    )
    return defaultdict(lambda: default, {sku: cur or default for sku, cur in rows})


def write_drafts(folder: Path, items: list[PoDraft], as_of: date, lang: str) -> list[Path]:
    """One XLSX per draft in ``folder`` (created if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    headers = HEADERS["zh" if lang == "zh" else "en"]
    written = []
    for draft in items:
        rows: list[list[object]] = [
            [ln.sku, ln.title, ln.units, ln.unit_cost, ln.total, ln.currency, ln.order_by,
             round(ln.lead_time_days, 1)]
            for ln in draft.lines
        ]  # fmt: skip
        currency = draft.currency
        rows.append([TOTAL["zh" if lang == "zh" else "en"], None, draft.units, None,
                     draft.total if currency else None, currency, draft.order_by, None])  # fmt: skip
        path = folder / file_name(draft, as_of)
        write_table(path, draft.supplier, headers, rows)
        written.append(path)
    return written
