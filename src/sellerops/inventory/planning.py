"""The restock plan of a store: load history, forecast every SKU, plan orders.

Reads orders (or the Business Report when no order report was imported), stock snapshots
and product settings; calls the pure forecaster and restock math; returns plain rows.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sellerops.catalog import listing_storage
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core import calendar
from sellerops.core.models import Store
from sellerops.finance.profit import SkuPnl, cents
from sellerops.inventory import service as inventory
from sellerops.inventory.alerts import storage_class
from sellerops.inventory.demand_days import DaySources, day_sources, spans
from sellerops.inventory.forecast import SeriesForecast, SeriesInput, forecast_many
from sellerops.inventory.forecast.model import CLASS_DAYS
from sellerops.inventory.models import FbaCapacityLimit, InventorySnapshot, WarehouseStock
from sellerops.inventory.plan_explain import Note, render
from sellerops.inventory.restock import (
    CapacityLimit,
    Inbound,
    LeadTime,
    RestockInput,
    RestockLine,
    Shipment,
    abc_classes,
    cap_shipments,
    plan,
    service_levels_by_value,
    transfer_to_fba,
)
from sellerops.partners.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    Supplier,
    SupplierProduct,
)
from sellerops.service.models import Order, OrderItem

HISTORY_DAYS = 800  # the forecaster's yearly index looks two years (+28 days) back
HORIZON_DAYS = 180
PATH_DAYS = 28  # days of each line's forecast kept with a stored plan
#: Days until inbound units become sellable, by stage (no report says when they will land).
INBOUND_DAYS = {"receiving": 3, "shipped": 14, "working": 30}
VALUE_FLOOR = 0.90  # lowest service level ``service_by_value`` gives a SKU
ABC_DAYS = 90  # the sales value that ranks SKUs into ABC classes: the last 90 days


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One SKU's restock line with what an operator needs next to it."""

    sku: str
    asin: str | None
    title: str | None
    line: RestockLine
    forecast_per_day: float  # mean units per day over the next 28 days
    method: str  # the forecaster's demand class: smooth, intermittent, new, none
    lead_time_days: float
    unit_cost: Decimal | None
    supplier: str | None = None
    #: units to send to FBA now: from the 3PL when the SKU has a warehouse leg, else the
    #: order itself (shipped to FBA on arrival); after any FBA capacity cap
    send_to_fba_units: int = 0
    ship_by: date | None = None  # last day to ship the 3PL -> FBA transfer
    held_back_units: int = 0  # units the FBA capacity limit (or an empty 3PL) held back
    warehouse: str | None = None  # the intermediate warehouse, when the SKU has one
    warehouse_units: int = 0
    storage_type: str = "standard"
    #: the plain explanation of the numbers, as message notes (:meth:`explain` renders them)
    notes: tuple[Note, ...] = ()
    service_level: float | None = None  # the in-stock probability the safety stock is for
    abc_class: str | None = None  # A, B or C when the service level came from the class
    #: mean and 90th percentile of units per day for the next ``PATH_DAYS`` days (stored
    #: with the plan: the product page charts the forecast the plan used)
    forecast_path: tuple[tuple[float, ...], tuple[float, ...]] | None = None

    def explain(self, lang: str) -> str:
        """Why this line says what it says, in ``lang`` (``en`` or ``zh``)."""
        return render(self.notes, lang)

    @property
    def losing_money(self) -> bool:
        """The SKU lost money over the last 30 days (the review's ``losing_money``): the line
        is computed as for any SKU, and its explanation opens with the caution to fix price
        or costs before reordering."""
        return any(key == LOSING_NOTE for key, _ in self.notes)

    @property
    def order_value(self) -> Decimal | None:
        return None if self.unit_cost is None else self.unit_cost * self.line.order_units


def restock_plan(
    *,
    session: Session,
    store: Store,
    as_of: date,
    service_level: float = 0.95,
    service_by_value: bool = False,
    abc_levels: dict[str, float] | None = None,
    losses: Losses | None = None,
) -> list[PlanRow]:
    """Restock lines for every SKU with a stock snapshot in the last week, most urgent first.

    ``service_by_value``: instead of one service level for all, give each SKU one by the
    value of a day of its demand (units/day x unit cost; :func:`service_levels_by_value`),
    averaging ``service_level`` and none under :data:`VALUE_FLOOR`: the same in-stock rate for
    less stock, at the price of more units lost on the fast, costly SKUs.

    ``abc_levels`` (e.g. :data:`restock.ABC_LEVELS`): instead, class SKUs A/B/C by their
    sales value over the last :data:`ABC_DAYS` days (:func:`restock.abc_classes`) and give
    each the service level of its class.

    ``losses``: the SKUs that lost money over the last 30 days (:func:`with_losses`), when
    the caller has them (the review's ``losing_money``); computed otherwise.
    """
    snapshots = list(
        inventory.latest_snapshots(session=session, store_id=store.id, as_of=as_of).values()
    )
    if not snapshots:
        return merchant_rows(session, store.id, as_of, set())
    start = as_of - timedelta(days=HISTORY_DAYS - 1)
    sources = day_sources(session, store.id, start, as_of)
    history = _history(session, store.id, start, as_of, snapshots, sources)
    units_notes = sources_notes(sources)
    products = {
        p.sku: p for p in session.scalars(select(Product).where(Product.store_id == store.id))
    }
    events = calendar.events(store.marketplace_code, start, as_of + timedelta(days=HORIZON_DAYS))
    forecasts = {f.series_id: f for f in forecast_many(history, HORIZON_DAYS, events)}
    sourcing = _sourcing(session, store.id)
    ordered = open_po_units(session, store.id, as_of)
    listed_kinds = listing_storage.capacity_types(session, store.id)  # apparel, footwear
    legs = {
        w.sku: w
        for w in session.scalars(select(WarehouseStock).where(WarehouseStock.store_id == store.id))
    }
    levels = dict.fromkeys((s.sku for s in snapshots), service_level)
    if service_by_value:
        value = np.array([_day_value(forecasts[s.sku], products.get(s.sku)) for s in snapshots])
        by_value = service_levels_by_value(value, service_level, lo=VALUE_FLOOR)
        levels = {s.sku: float(v) for s, v in zip(snapshots, by_value, strict=True)}
    classes: dict[str, str] = {}
    if abc_levels is not None:
        value = np.array([_sales_value(h) for h in history])
        classes = dict(zip((h.series_id for h in history), abc_classes(value), strict=True))
        levels = {sku: abc_levels.get(c, service_level) for sku, c in classes.items()}
    sold_days = {h.series_id: _days_since_first_sale(h.units) for h in history}
    sale_days = {h.series_id: _sale_days(h) for h in history}
    rows = []
    for snap in snapshots:
        product = products.get(snap.sku)
        source = sourcing.get(snap.sku)
        lead_days: int
        lead_note: Note
        if product is not None and product.lead_time_days:
            lead_days, lead_note = product.lead_time_days, ("restock.why.source.product", {})
        elif source is not None and source.lead_days:
            lead_days = source.lead_days
            lead_note = ("restock.why.source.supplier", {"supplier": source.supplier})
        else:
            lead_days = store.default_lead_time_days
            lead_note = ("restock.why.source.store", {})
        fc = forecasts[snap.sku]
        leg = legs.get(snap.sku)
        if leg is not None:  # the supplier ships to the 3PL, which sends on to FBA
            lead_note = (
                "restock.why.source.leg",
                {"base": lead_note, "transfer": int(leg.transfer_days), "warehouse": leg.warehouse},
            )
            lead_days = lead_days + leg.transfer_days
        item = _restock_input(snap, fc, as_of, lead_days, levels[snap.sku])
        on_order = _on_order(ordered.get(snap.sku, ()), snap, as_of, lead_days)
        if on_order:
            item = replace(item, inbound=item.inbound + tuple(i for _, i in on_order))
        if source is not None:
            item = replace(item, moq=source.moq, case_pack=source.case_pack)
        row = _row(snap, product, source, fc, item, leg)
        row = replace(row, service_level=levels[snap.sku], abc_class=classes.get(snap.sku),
                      storage_type=listed_kinds.get(snap.sku, row.storage_type))  # fmt: skip
        notes = explain_notes(
            row,
            item,
            lead_note,
            sold_days.get(snap.sku, 0),
            events,
            sale_days.get(snap.sku),
            units_notes,
        )
        if on_order:
            po_note: Note = ("restock.why.open_po", {
                "units": sum(i.units for _, i in on_order),
                "orders": ", ".join(sorted({po for po, _ in on_order})),
            })  # fmt: skip
            at = next((i + 1 for i, (key, _) in enumerate(notes)
                       if key.endswith((".position", ".position.leg"))), len(notes))  # fmt: skip
            notes = (*notes[:at], po_note, *notes[at:])
        rows.append(replace(row, notes=notes))
    rows = _apply_capacity(session, store.id, rows, snapshots)
    rows.sort(key=lambda r: (r.line.order_by or date.max, -r.line.order_units))
    rows += merchant_rows(session, store.id, as_of, {s.sku for s in snapshots})
    return with_losses(session, store, as_of, rows, losses)


#: SKUs that lost money over the last 30 days, with their P&L.
Losses = Mapping[str, SkuPnl]
#: The note that opens the explanation of a SKU that loses money.
LOSING_NOTE = "restock.why.losing_money"
LOSS_WINDOW_DAYS = 30  # the window of the review's losing_money finding


def with_losses(
    session: Session, store: Store, as_of: date, rows: list[PlanRow], losses: Losses | None = None
) -> list[PlanRow]:
    """``rows`` with the caution of the review's ``losing_money`` finding on the lines of
    SKUs that lost money over the last 30 days (the same P&L and rule), so the plan and the
    review agree: the units are still computed, the line says to fix price or cost first."""
    if not rows:
        return rows
    from sellerops.core.marketplaces import get_marketplace

    currency = get_marketplace(store.marketplace_code).currency
    if losses is None:
        from sellerops.finance.pnl import sku_pnl  # late: the P&L reads most of the database

        pnl = sku_pnl(session=session, store_id=store.id, currency=currency,
                      start=as_of - timedelta(days=LOSS_WINDOW_DAYS - 1), end=as_of)  # fmt: skip
        losses = {sku: p for sku, p in pnl.skus.items() if p.loses_money}
    out = []
    for row in rows:
        p = losses.get(row.sku)
        if p is not None:
            loss = {"amount": str(cents(-p.profit)), "currency": currency}
            note: Note = (LOSING_NOTE, {"loss": loss, "margin_pct": p.margin or 0.0})
            row = replace(row, notes=(note, *row.notes))
        out.append(row)
    return out


#: Days of orders that tell a merchant-fulfilled SKU (and give its recent rate).
MERCHANT_DAYS = 28


def merchant_rows(
    session: Session, store_id: int, as_of: date, fba_skus: set[str]
) -> list[PlanRow]:
    """Lines for SKUs you ship yourself (merchant-fulfilled orders, no FBA stock report):
    no FBA plan, said so, with their recent rate; they come after the FBA lines."""
    start = as_of - timedelta(days=MERCHANT_DAYS - 1)
    sold = session.execute(
        select(OrderItem.sku, Order.fulfillment_channel, func.sum(OrderItem.quantity))
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            Order.store_id == store_id,
            Order.purchase_day >= start,
            Order.purchase_day <= as_of,
            Order.status != "Cancelled",
        )
        .group_by(OrderItem.sku, Order.fulfillment_channel)
    )
    merchant: dict[str, int] = defaultdict(int)
    amazon: set[str] = set()
    for sku, channel, units in sold:
        if not sku or sku in fba_skus:
            continue
        if (channel or "").strip().lower() in ("merchant", "mfn", "seller"):
            merchant[sku] += int(units or 0)
        else:
            amazon.add(sku)
    skus = sorted(sku for sku in merchant if sku not in amazon)
    if not skus:
        return []
    products = {
        p.sku: p
        for p in session.scalars(
            select(Product).where(Product.store_id == store_id, Product.sku.in_(skus))
        )
    }
    rows = []
    for sku in skus:
        product = products.get(sku)
        per_day = merchant[sku] / MERCHANT_DAYS
        line = RestockLine(sku, 0, None, None, math.inf, 0.0, 0.0, 0.0, 0)
        note: Note = ("restock.why.merchant", {"per_day": round(per_day, 1),
                                               "days": MERCHANT_DAYS})  # fmt: skip
        rows.append(
            PlanRow(
                sku=sku,
                asin=product.asin if product else None,
                title=product.title if product else None,
                line=line,
                forecast_per_day=per_day,
                method="merchant",
                lead_time_days=float((product.lead_time_days if product else None) or 0),
                unit_cost=product.unit_cost if product else None,
                notes=(note,),
            )
        )
    return rows


#: Purchase-order states whose units are bought but not yet in any stock report.
OPEN_PO_STATES = ("ordered", "in_production", "shipped")


@dataclass(frozen=True, slots=True)
class OpenPoLine:
    po_number: str
    status: str
    units: int
    order_date: date | None
    expected_arrival: date | None


def open_po_units(session: Session, store_id: int, as_of: date) -> dict[str, list[OpenPoLine]]:
    """Lines of the store's open purchase orders (ordered, in production or shipped), by SKU."""
    rows = session.execute(
        select(PurchaseOrderLine.sku, PurchaseOrder.po_number, PurchaseOrder.status,
               PurchaseOrderLine.quantity, PurchaseOrder.order_date,
               PurchaseOrder.expected_arrival_date)
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
        .where(PurchaseOrder.store_id == store_id, PurchaseOrder.status.in_(OPEN_PO_STATES),
               PurchaseOrderLine.quantity > 0,
               (PurchaseOrder.order_date.is_(None)) | (PurchaseOrder.order_date <= as_of))
    )  # fmt: skip
    out: dict[str, list[OpenPoLine]] = defaultdict(list)
    for sku, number, status, units, ordered, arrival in rows:
        out[sku].append(OpenPoLine(number, status, int(units), ordered, arrival))
    return out


def _on_order(
    lines: Iterable[OpenPoLine], snap: InventorySnapshot, as_of: date, lead_days: float
) -> list[tuple[str, Inbound]]:
    """Open purchase-order units as inbound stock, landing on the expected arrival date (else
    the order date plus the lead time; a date already past lands in a few days). A shipped
    order is taken to be the FBA inbound shipment when the snapshot shows one, so it is not
    counted twice."""
    fba_inbound = snap.inbound_working + snap.inbound_shipped + snap.inbound_receiving
    out = []
    for line in lines:
        if line.status == "shipped" and fba_inbound > 0:
            continue
        if line.expected_arrival is not None:
            arrives = line.expected_arrival
        else:
            arrives = (line.order_date or as_of) + timedelta(days=round(lead_days))
        days = max((arrives - as_of).days, INBOUND_DAYS["receiving"])
        out.append((line.po_number, Inbound(line.units, days)))
    return out


def _sales_value(series: SeriesInput) -> float:
    """Sales (units x price) over the last :data:`ABC_DAYS` days of a SKU's history."""
    units = np.asarray(series.units, dtype=float)[-ABC_DAYS:]
    if series.price is None:
        return float(units.sum())
    price = np.asarray(series.price, dtype=float)[-ABC_DAYS:]
    return float(np.nansum(units * price))


def _sale_days(series: SeriesInput, days: int = CLASS_DAYS) -> tuple[int, int]:
    """(days with a sale, days in stock) among the last ``days``: the evidence of the
    demand class (:func:`forecast.model.demand_classes` reads the same window). Days no
    report covers (``nan``) are neither."""
    units = np.asarray(series.units, dtype=float)[-days:]
    stocked = np.isfinite(units)
    if series.in_stock is not None:
        stocked &= np.asarray(series.in_stock, dtype=float)[-days:] > 0
    return int(((np.nan_to_num(units) > 0) & stocked).sum()), int(stocked.sum())


def sources_notes(sources: DaySources, days: int = CLASS_DAYS) -> tuple[Note, ...]:
    """What the units per day of the last ``days`` days came from, when not orders alone:
    the days only the Business Report gave, and the days no report covers (left out)."""
    recent = sources.end - timedelta(days=days - 1)
    report = [d for d in sources.reports if d >= recent]
    missing = [d for d in sources.missing() if d >= recent]  # from the first covered day
    notes: list[Note] = []
    p = "restock.why.units."
    if report and sources.orders:
        notes.append((p + "mixed", {"orders_end_date": max(sources.orders).isoformat(),
                                    "report_spans": spans(report)}))  # fmt: skip
    elif report:
        notes.append((p + "report", {"report_spans": spans(report)}))
    if missing:
        notes.append((p + "missing", {"days": len(missing), "missing_spans": spans(missing)}))
    return tuple(notes)


def _days_since_first_sale(units: np.ndarray) -> int:
    sold = np.nonzero(np.asarray(units) > 0)[0]
    return int(len(units) - sold[0]) if len(sold) else 0


def explain_notes(
    row: PlanRow,
    item: RestockInput,
    lead_note: Note,
    history_days: int,
    events: dict[date, str],
    sale_days: tuple[int, int] | None = None,
    units_notes: tuple[Note, ...] = (),
) -> tuple[Note, ...]:
    """The notes that explain ``row`` (see :mod:`plan_explain`), from its own numbers.

    ``sale_days``: (days with a sale, days in stock) over the window the demand class is
    read from, so the reader can check the class against the data. ``units_notes``
    (:func:`sources_notes`): which report gave the units per day, when not orders alone."""
    line = row.line
    per_day = round(row.forecast_per_day, 1)
    p = "restock.why."
    notes: list[Note] = []
    if row.method == "none":
        if per_day > 0:
            notes.append((p + "demand.none_pooled", {"per_day": per_day}))
        else:
            notes.append((p + "demand.none", {}))
    elif row.method == "new":
        notes.append((p + "demand.new", {"per_day": per_day, "history_days": history_days}))
    else:
        key = row.method if row.method in ("erratic", "intermittent", "lumpy") else "smooth"
        notes.append((p + "demand." + key, {"per_day": per_day}))
        if sale_days is not None and sale_days[1] > 0:
            notes.append((p + "sale_days", {"sold": sale_days[0], "days": sale_days[1]}))
    notes.extend(units_notes)
    protection = math.ceil(line.protection_days)
    last = item.as_of + timedelta(days=protection)
    named = list(dict.fromkeys(n for d, n in events.items() if item.as_of < d <= last))
    if named and per_day > 0:
        notes.append((p + "events", {"days": protection, "events": named}))
    lead = round(item.lead_time.mean)
    safety = round(line.safety_stock)
    target = round(line.target_level)
    notes.append(
        (
            p + "cover",
            {
                "lead": lead,
                "source": lead_note,
                "review": item.review_period_days,
                "protection": protection,
                "demand": round(line.target_level - line.safety_stock),
                "safety": safety,
                "level": round(item.service_level * 100, 1),
                "target": target,
            },
        )
    )
    if row.abc_class is not None:
        notes.append(
            (
                p + "abc." + row.abc_class,
                {"level": round(item.service_level * 100, 1)},
            )
        )
    inbound = sum(i.units for i in item.inbound)
    if row.warehouse is not None:
        notes.append(
            (
                p + "position.leg",
                {
                    "on_hand": item.on_hand,
                    "inbound": inbound,
                    "warehouse_units": row.warehouse_units,
                    "warehouse": row.warehouse,
                },
            )
        )
    else:
        notes.append((p + "position", {"on_hand": item.on_hand, "inbound": inbound}))
    order_by = line.order_by.isoformat() if line.order_by else None
    stockout = line.stockout_date.isoformat() if line.stockout_date else None
    if line.order_units > 0:
        notes.append(_order_note(line, item, order_by))
    elif row.forecast_per_day <= 0 and line.target_level <= 0:
        notes.append((p + "no_order.no_demand", {}))
    elif order_by is not None:
        notes.append((p + "no_order.next", {"target": target, "order_by_date": order_by}))
    else:
        notes.append((p + "no_order", {"target": target}))
    if item.on_hand <= 0 and row.forecast_per_day > 0:
        notes.append((p + "stockout.now", {}))
    if line.stockout_date is not None:
        if line.order_units > 0:
            late = line.stockout_date < item.as_of + timedelta(days=item.lead_time.mean)
            key = "stockout.gap" if late else "stockout"
            notes.append((p + key, {"stockout_date": stockout, "lead": lead}))
        else:
            notes.append((p + "stockout.later", {"stockout_date": stockout}))
    elif row.forecast_per_day > 0 and line.order_units == 0:
        notes.append((p + "stockout.none", {}))
    if row.warehouse is not None:
        if row.send_to_fba_units > 0 and row.ship_by is not None:
            notes.append(
                (
                    p + "send.leg",
                    {
                        "send": row.send_to_fba_units,
                        "warehouse": row.warehouse,
                        "ship_by_date": row.ship_by.isoformat(),
                    },
                )
            )
        if row.held_back_units > 0:
            notes.append(
                (p + "send.leg_short", {"warehouse": row.warehouse, "held": row.held_back_units})
            )
    return tuple(notes)


def _order_note(line: RestockLine, item: RestockInput, order_by: str | None) -> Note:
    p = "restock.why."
    need = max(0, math.ceil(line.target_level - line.position - 1e-9))
    pack, moq, units = max(1, item.case_pack), item.moq, line.order_units
    base: dict[str, object] = {"units": units, "order_by_date": order_by}
    if order_by is None:
        return (p + "order.now", {"units": units})
    today = line.order_by is not None and line.order_by <= item.as_of
    if units <= need:
        return (p + "order.today", {"units": units}) if today else (p + "order", base)
    cases = {"cases": units // pack, "pack": pack}
    if moq > need:
        rounding: Note = (
            (p + "round.cases_moq", {"moq": moq, **cases})
            if pack > 1
            else (p + "round.moq", {"moq": moq})
        )
    else:
        rounding = (p + "round.cases", cases)
    if today:
        return (p + "order.today_rounded", {"units": units, "need": need, "rounding": rounding})
    return (p + "order.rounded", {**base, "need": need, "rounding": rounding})


def _day_value(fc: SeriesForecast, product: Product | None) -> float:
    if product is None or product.unit_cost is None:
        return float("nan")
    return float(np.mean(fc.mean[:28])) * float(product.unit_cost)


@dataclass(frozen=True, slots=True)
class _Source:
    supplier: str
    lead_days: int | None
    moq: int
    case_pack: int


def _sourcing(session: Session, store_id: int) -> dict[str, _Source]:
    """Per SKU, its supplier (the first by name when several), MOQ, case pack, lead time."""
    query = (
        select(SupplierProduct, Supplier.name)
        .join(Supplier, Supplier.id == SupplierProduct.supplier_id)
        .where(SupplierProduct.store_id == store_id)
        .order_by(Supplier.name.desc())
    )
    out: dict[str, _Source] = {}
    for sp, name in session.execute(query):
        out[sp.sku] = _Source(
            name, sp.production_lead_time_days, max(0, sp.moq or 0), max(1, sp.case_pack or 1)
        )
    return out


def _row(
    snap: InventorySnapshot,
    product: Product | None,
    source: _Source | None,
    fc: SeriesForecast,
    item: RestockInput,
    leg: WarehouseStock | None,
) -> PlanRow:
    kind = storage_class(product.size_tier if product else None)
    if leg is None:
        line = plan(item)
        send, ship_by, held = line.order_units, None, 0
    else:
        # order into the 3PL: its stock counts toward the position the order tops up
        line = plan(replace(item, on_hand=item.on_hand + max(0, leg.units)))
        fba_side = replace(item, lead_time=lead_time_of(float(leg.transfer_days)))
        transfer = transfer_to_fba(fba_side, leg.units, float(leg.transfer_days))
        send, ship_by, held = transfer.units, transfer.ship_by, transfer.held_back
    return PlanRow(
        sku=snap.sku,
        asin=snap.asin,
        title=product.title if product else None,
        line=line,
        forecast_per_day=float(np.mean(fc.mean[:28])),
        method=fc.method,
        lead_time_days=item.lead_time.mean,
        unit_cost=product.unit_cost if product else None,
        supplier=source.supplier if source else None,
        send_to_fba_units=send,
        ship_by=ship_by,
        held_back_units=held,
        warehouse=leg.warehouse if leg else None,
        warehouse_units=leg.units if leg else 0,
        storage_type=kind,
        forecast_path=(_path(fc.mean), _path(fc.p90)),
    )


def _path(values: np.ndarray) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in values[:PATH_DAYS])


def capacity_limits(session: Session, store_id: int) -> dict[str, CapacityLimit]:
    """The store's FBA capacity limits by storage type (empty: no limit set)."""
    return {
        c.storage_type: CapacityLimit(
            None if c.limit_cuft is None else float(c.limit_cuft), c.limit_units
        )
        for c in session.scalars(
            select(FbaCapacityLimit).where(FbaCapacityLimit.store_id == store_id)
        )
    }


def capacity_used(
    snapshots: list[InventorySnapshot], kinds: dict[str, str]
) -> tuple[dict[str, float], dict[str, int]]:
    """Cubic feet and units on hand, reserved and inbound at FBA, per storage type."""
    cuft: dict[str, float] = defaultdict(float)
    units: dict[str, int] = defaultdict(int)
    for snap in snapshots:
        kind = kinds.get(snap.sku, "standard")
        n = (
            snap.fulfillable
            + snap.reserved
            + snap.inbound_working
            + snap.inbound_shipped
            + snap.inbound_receiving
        )
        units[kind] += n
        cuft[kind] += n * float(snap.per_unit_volume or 0)
    return dict(cuft), dict(units)


def _apply_capacity(
    session: Session, store_id: int, rows: list[PlanRow], snapshots: list[InventorySnapshot]
) -> list[PlanRow]:
    """Cap the units sent to FBA at each storage type's room, most urgent SKUs first."""
    limits = capacity_limits(session, store_id)
    if not limits:
        return rows
    kinds = {r.sku: r.storage_type for r in rows}
    used_cuft, used_units = capacity_used(snapshots, kinds)
    volume = {s.sku: float(s.per_unit_volume or 0) or None for s in snapshots}
    price = {s.sku: float(s.your_price or 0) for s in snapshots}
    shipments = [
        Shipment(
            sku=r.sku,
            storage_type=r.storage_type,
            units=r.send_to_fba_units,
            unit_cuft=volume.get(r.sku),
            stockout_date=r.line.stockout_date,
            margin_per_unit=price.get(r.sku, 0.0) - float(r.unit_cost or 0),
        )
        for r in rows
        if r.send_to_fba_units > 0
    ]
    allowed = cap_shipments(shipments, limits, used_cuft, used_units)
    out = []
    for r in rows:
        fits = allowed.get(r.sku, r.send_to_fba_units)
        if fits < r.send_to_fba_units:
            cut = r.send_to_fba_units - fits
            note: Note = (
                "restock.why.capacity",
                {"storage": r.storage_type, "held": cut, "send": fits},
            )
            r = replace(
                r,
                send_to_fba_units=fits,
                held_back_units=r.held_back_units + cut,
                # the capacity sentence replaces the 3PL "send" one: it says what goes now
                notes=(*(n for n in r.notes if n[0] != "restock.why.send.leg"), note),
            )
        out.append(r)
    return out


def lead_time_of(total_days: float) -> LeadTime:
    """Split a single lead-time figure into production, freight and receiving, with a spread.

    Until the partners module supplies measured lead times, the spread is taken as 15 % of
    the total (a sea-freight order rarely lands within less than a week of its plan).
    """
    return LeadTime(
        production_days=0.4 * total_days,
        transit_days=0.5 * total_days,
        receiving_days=0.1 * total_days,
        sd_days=0.15 * total_days,
    )


def _restock_input(
    snap: InventorySnapshot, fc: SeriesForecast, as_of: date, lead_days: float, level: float
) -> RestockInput:
    inbound = tuple(
        Inbound(units, INBOUND_DAYS[stage])
        for stage, units in (
            ("receiving", snap.inbound_receiving),
            ("shipped", snap.inbound_shipped),
            ("working", snap.inbound_working),
        )
        if units > 0
    )
    return RestockInput(
        sku=snap.sku,
        as_of=as_of,
        on_hand=snap.fulfillable,
        daily_mean=fc.mean,
        dispersion=fc.dispersion,
        inbound=inbound,
        lead_time=lead_time_of(lead_days),
        service_level=level,
    )


def _history(
    session: Session,
    store_id: int,
    start: date,
    end: date,
    snaps: list[InventorySnapshot],
    sources: DaySources | None = None,
    *,
    only: str | None = None,
) -> list[SeriesInput]:
    days = (end - start).days + 1
    if sources is None:
        sources = day_sources(session, store_id, start, end)
    units, revenue = _daily_units(session, store_id, sources, snaps, only=only)
    # days no report covers stay nan (not observed): the forecaster leaves them out
    covered = np.full(days, np.nan)
    for d in sources.orders | sources.reports:
        covered[(d - start).days] = 0.0
    stocked = _daily_in_stock(session, store_id, start, end)
    out = []
    for snap in snaps:
        u = units.get(snap.sku, covered)
        r = revenue.get(snap.sku, np.zeros(days))
        with np.errstate(invalid="ignore", divide="ignore"):
            price = np.where(u > 0, r / np.maximum(u, 1), np.nan)
        out.append(
            SeriesInput(
                series_id=snap.sku,
                start=start,
                units=u,
                in_stock=stocked.get(snap.sku),
                price=price,
                group=snap.asin,
            )
        )
    return out


def store_forecasts(*, session: Session, store: Store, as_of: date) -> dict[str, SeriesForecast]:
    """The forecasts :func:`restock_plan` makes, by SKU (every SKU with a snapshot in the
    last week), without the rest of the plan: the same history (:func:`_history`: orders
    where an order report covers the day, Business Report units where only it does, days
    neither covers left out), calendar, horizon and pooling. For a page that shows a SKU's
    forecast when the day's plan is not stored yet."""
    snapshots = list(
        inventory.latest_snapshots(session=session, store_id=store.id, as_of=as_of).values()
    )
    if not snapshots:
        return {}
    start = as_of - timedelta(days=HISTORY_DAYS - 1)
    history = _history(session, store.id, start, as_of, snapshots)
    events = calendar.events(store.marketplace_code, start, as_of + timedelta(days=HORIZON_DAYS))
    return {f.series_id: f for f in forecast_many(history, HORIZON_DAYS, events)}


def sku_forecast(
    *, session: Session, store: Store, sku: str, asin: str | None, as_of: date
) -> SeriesForecast:
    """One SKU's forecast from the history the plan would read (:func:`_history`), with its
    calendar and horizon: for a SKU the plan has no line of (no recent snapshot: see
    :func:`store_forecasts` for those it has). Forecast alone, not pooled with others."""
    start = as_of - timedelta(days=HISTORY_DAYS - 1)
    snap = InventorySnapshot(sku=sku, asin=asin)  # not stored: only its SKU and ASIN are read
    history = _history(session, store.id, start, as_of, [snap], only=sku)
    events = calendar.events(store.marketplace_code, start, as_of + timedelta(days=HORIZON_DAYS))
    return forecast_many(history, HORIZON_DAYS, events)[0]


def _daily_units(
    session: Session,
    store_id: int,
    sources: DaySources,
    snaps: list[InventorySnapshot],
    *,
    only: str | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Units and sales per SKU and day: from orders on the days an order report covers,
    from the Business Report on the days only it covers, nan on days neither covers.
    ``only``: read the orders of this one SKU (:func:`sku_forecast`), not the store's."""
    start, end = sources.start, sources.end
    days = (end - start).days + 1
    covered = np.full(days, np.nan)
    for d in sources.orders | sources.reports:
        covered[(d - start).days] = 0.0
    units: dict[str, np.ndarray] = defaultdict(lambda: covered.copy())
    revenue: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(days))
    from sellerops.service.models import amazon_sale

    sale = amazon_sale()
    rows: list[tuple[str, date, int, Decimal | None]] = []
    if sources.orders:
        rows = [
            tuple(r)  # type: ignore[misc]
            for r in session.execute(
                select(
                    OrderItem.sku,
                    Order.purchase_day,
                    func.sum(OrderItem.quantity),
                    # the Amazon sales' average price over all units (an MCF order's is 0)
                    func.sum(case((sale, OrderItem.item_price)))
                    * func.sum(OrderItem.quantity)
                    / func.nullif(func.sum(case((sale, OrderItem.quantity))), 0),
                )
                .join(Order, Order.id == OrderItem.order_id)
                .where(
                    Order.store_id == store_id,
                    Order.purchase_day >= min(sources.orders),
                    Order.purchase_day <= max(sources.orders),
                    Order.status != "Cancelled",
                    *(() if only is None else (OrderItem.sku == only,)),
                )
                .group_by(OrderItem.sku, Order.purchase_day)
            )
            if r[1] in sources.orders
        ]
    if sources.reports:  # Business Report units per child ASIN, on the days only it covers
        rows += _units_by_asin(session, store_id, sources.reports, snaps)
    for sku, day, qty, amount in rows:
        units[sku][(day - start).days] = float(qty or 0)
        # no Amazon sale that day (only MCF orders, or no prices yet): no price, not 0
        revenue[sku][(day - start).days] = np.nan if amount is None else float(amount)
    return units, revenue


def _units_by_asin(
    session: Session, store_id: int, days: frozenset[date], snaps: list[InventorySnapshot]
) -> list[tuple[str, date, int, Decimal | None]]:
    sku_of = {s.asin: s.sku for s in snaps if s.asin}
    rows = session.execute(
        select(
            SalesTrafficDaily.child_asin,
            SalesTrafficDaily.day,
            SalesTrafficDaily.units_ordered,
            SalesTrafficDaily.ordered_sales,
        ).where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= min(days),
            SalesTrafficDaily.day <= max(days),
        )
    )
    return [(sku_of[a], d, u, s) for a, d, u, s in rows if a in sku_of and d in days]


def _daily_in_stock(
    session: Session, store_id: int, start: date, end: date
) -> dict[str, np.ndarray]:
    """1 on days with fulfillable stock, 0 on days without; days with no snapshot count as 1."""
    days = (end - start).days + 1
    out: dict[str, np.ndarray] = {}
    empty = inventory.days_without_stock(session=session, store_id=store_id, start=start, end=end)
    for sku, dates in empty.items():
        mask = np.ones(days)
        mask[[(d - start).days for d in dates]] = 0.0
        out[sku] = mask
    return out
