"""Landed cost of the units a P&L sold: COGS from the costs sheet in force on the day sold,
first-leg freight and duties from the inbound shipment the units came in (``finance.landed``
states the allocation and FIFO rules), else from the costs sheet.

Every amount lands in the P&L as a negative line (``cogs``, ``freight``, ``duty``) in the
P&L's currency, rounded to the cent per day and source, and is kept as a :class:`CostLine`
for the drill-down.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product
from sellerops.finance import landed
from sellerops.finance import service as finance
from sellerops.finance.models import FeeLine, FreightInvoice, InboundShipmentLine, ProductCost
from sellerops.finance.profit import cents, classify, rate_on
from sellerops.finance.rates import Converter

if TYPE_CHECKING:
    from sellerops.finance.pnl import Pnl

_Cost = tuple[Decimal, str, Decimal | None, Decimal | None]


@dataclass(frozen=True, slots=True)
class CostLine:
    """One landed-cost amount behind a SKU's P&L: ``units`` sold on ``day`` at ``per_unit``
    (P&L currency, unrounded); ``amount`` is the negative line, to the cent.

    ``source`` is ``costs_sheet`` (``ref`` = the row's effective-from date) or ``shipment``
    (``ref`` = the shipment id, ``status`` = the invoice in force: estimated | actual).
    """

    day: date
    sku: str
    line: str  # cogs | freight | duty
    units: int
    per_unit: Decimal
    amount: Decimal
    source: str
    ref: str
    status: str = ""


def cost_history(session: Session, store_id: int) -> dict[str, list[tuple[date, _Cost]]]:
    """Per SKU: (effective from, (unit cost, currency, freight per unit, duty rate)), oldest
    first; a product's own unit cost stands in when the costs sheet has no row."""
    history: dict[str, list[tuple[date, _Cost]]] = defaultdict(list)
    rows = session.execute(
        select(ProductCost.sku, ProductCost.effective_from, ProductCost.unit_cost,
               ProductCost.currency, ProductCost.first_leg_freight_per_unit,
               ProductCost.duty_rate)
        .where(ProductCost.store_id == store_id).order_by(ProductCost.effective_from)
    )  # fmt: skip
    for sku, day, cost, cur, freight, duty in rows:
        history[sku].append((day, (Decimal(cost), cur, freight, duty)))
    fallback = session.execute(
        select(Product.sku, Product.unit_cost, Product.cost_currency).where(
            Product.store_id == store_id, Product.unit_cost.is_not(None)
        )
    )
    for sku, own_cost, own_currency in fallback:
        if sku not in history and own_currency and own_cost is not None:
            history[sku].append((date.min, (Decimal(own_cost), own_currency, None, None)))
    return history


def shipment_lots(
    session: Session, store_id: int, conv: Converter, missing_rates: set[str]
) -> dict[str, list[landed.Lot]]:
    """Per SKU its lots, oldest first, freight and duties in the P&L currency (each invoice
    converted at its own date; an invoice whose currency has no rate is left out and its
    currency reported in ``missing_rates``)."""
    rows = session.execute(
        select(InboundShipmentLine.shipment_id, InboundShipmentLine.sku,
               InboundShipmentLine.shipped_on, InboundShipmentLine.units,
               InboundShipmentLine.unit_weight_kg, InboundShipmentLine.unit_volume_m3,
               InboundShipmentLine.customs_value_per_unit)
        .where(InboundShipmentLine.store_id == store_id)
    )  # fmt: skip
    lines = [landed.ShipmentLine(*row) for row in rows]
    if not lines:
        return {}
    invoices = []
    found = session.execute(
        select(FreightInvoice.shipment_id, FreightInvoice.status, FreightInvoice.basis,
               FreightInvoice.amount, FreightInvoice.duties, FreightInvoice.currency,
               FreightInvoice.invoice_date)
        .where(FreightInvoice.store_id == store_id)
    )  # fmt: skip
    for sid, status, basis, amount, duties, cur, day in found:
        rate = conv.rate(cur, day)
        if rate is None:
            missing_rates.add(cur)
            continue
        invoices.append(landed.Invoice(sid, status, basis, Decimal(amount) * rate,
                                       Decimal(duties or 0) * rate))  # fmt: skip
    return landed.lots_by_sku(lines, invoices)


def _sold_before(
    session: Session,
    store_id: int,
    choice: finance.FeeChoice,
    skus: list[str],
    first: date,
    start: date,
) -> dict[str, int]:
    """Units each SKU sold (settled order lines) from ``first`` up to the day before
    ``start``: they drew on the oldest lots before the P&L's window."""
    if not choice.any or first >= start:
        return {}
    rows = session.execute(
        select(FeeLine.sku, FeeLine.transaction_type, FeeLine.amount_type,
               FeeLine.amount_description, func.sum(FeeLine.quantity))
        .where(FeeLine.store_id == store_id, choice.clause,
               FeeLine.sku.in_(skus), FeeLine.posted_day >= first, FeeLine.posted_day < start,
               FeeLine.transaction_type == "Order")
        .group_by(FeeLine.sku, FeeLine.transaction_type, FeeLine.amount_type,
                  FeeLine.amount_description)
    )  # fmt: skip
    out: dict[str, int] = defaultdict(int)
    for sku, tx, kind, desc, qty in rows:
        if sku and classify(tx, kind, desc) == "principal":
            out[sku] += int(qty or 0)
    return out


def add_landed_costs(
    session: Session,
    store_id: int,
    pnl: Pnl,
    conv: Converter,
    units_by_day: dict[tuple[str, date], int],
) -> None:
    """COGS, freight and duty of every (SKU, day)'s units sold, into ``pnl``."""
    costs = cost_history(session, store_id)
    lots = shipment_lots(session, store_id, conv, pnl.missing_rates)
    sales: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for (sku, day), units in sorted(units_by_day.items()):
        sales[sku].append((day, units))
    with_lots = [s for s in sales if s in lots]
    first = min((lots[s][0].shipped_on for s in with_lots), default=pnl.start)
    before = _sold_before(session, store_id, pnl.fees, with_lots, first, pnl.start)
    for sku, sold in sales.items():
        draws = (
            landed.draw_fifo(lots[sku], sold, before=before.get(sku, 0))
            if sku in lots
            else [landed.Draw(day, units, None) for day, units in sold]
        )
        dated = [(d, (d, c)) for d, c in costs.get(sku, [])]
        for draw in draws:
            _cost_draw(pnl, conv, sku, dated, draw)


def _cost_draw(
    pnl: Pnl,
    conv: Converter,
    sku: str,
    dated: list[tuple[date, tuple[date, _Cost]]],
    draw: landed.Draw,
) -> None:
    """One draw's COGS, freight and duty; ``dated``: the SKU's cost history as (effective
    from, (effective from, cost)) so the row in force says since when it is."""
    found = rate_on(dated, draw.day) if dated else None
    sheet: dict[str, Decimal | None] = {"cogs": None, "freight": None, "duty": None}
    sheet_ref = ""
    if found is None:
        pnl.missing_costs.add(sku)
    else:
        since, (unit_cost, cur, sheet_freight, duty_rate) = found
        rate = conv.rate(cur, draw.day)
        if rate is None:
            pnl.missing_rates.add(cur)
            return
        sheet_ref = "" if since == date.min else since.isoformat()
        cogs = unit_cost * rate
        sheet = {"cogs": cogs, "freight": (sheet_freight or Decimal(0)) * rate,
                 "duty": cogs * (duty_rate or Decimal(0))}  # fmt: skip
    lot = draw.lot
    from_lot = {"cogs": None, "freight": lot.freight_per_unit if lot else None,
                "duty": lot.duty_per_unit if lot else None}  # fmt: skip
    entry = pnl.sku(sku)
    for line in ("cogs", "freight", "duty"):
        per_unit = from_lot[line] if from_lot[line] is not None else sheet[line]
        if per_unit is None:
            continue
        amount = cents(-per_unit * draw.units)
        entry.add(line, amount)
        if not amount:
            continue
        if from_lot[line] is not None and lot is not None:
            source, ref, status = "shipment", lot.shipment_id, lot.status
        else:
            source, ref, status = "costs_sheet", sheet_ref, ""
        pnl.cost_lines.append(
            CostLine(draw.day, sku, line, draw.units, per_unit, amount, source, ref, status)
        )
