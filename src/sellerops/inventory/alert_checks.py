"""Daily-review checks of stock health: overstock, aged inventory, unfulfillable and
stranded units, low-inventory-level fee risk and FBA capacity overrun.

Registered through :mod:`sellerops.inventory.checks`, which imports this module. The fee
arithmetic is in :mod:`sellerops.inventory.alerts`.
"""

from __future__ import annotations

import logging
import math
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from sellerops.catalog import listing_storage
from sellerops.catalog.models import Product
from sellerops.daily.context import ReviewContext
from sellerops.daily.finding import Finding, money_param
from sellerops.daily.registry import check
from sellerops.inventory import alert_messages as _messages  # noqa: F401  (registers texts)
from sellerops.inventory import alerts
from sellerops.inventory import service as inventory
from sellerops.inventory.models import InventoryHealthSnapshot, InventorySnapshot

log = logging.getLogger(__name__)


MIN_EXCESS_UNITS = 10
OVERSTOCK_COVER_DAYS = 120.0
MIN_UNFULFILLABLE = 10
MIN_MONTHLY_FEE = Decimal(25)  # storage fees below this a month are not worth a finding
MIN_AGED_FEE = Decimal(5)
MIN_VALUE = Decimal(100)
NEW_SKU_DAYS = 90  # Amazon exempts new products from the low-inventory-level fee


def products_by_sku(ctx: ReviewContext) -> dict[str, Product]:
    return ctx.memo(
        "inventory.products",
        lambda: {
            p.sku: p
            for p in ctx.session.scalars(select(Product).where(Product.store_id == ctx.store.id))
        },
    )


def _snapshots(ctx: ReviewContext) -> dict[str, InventorySnapshot]:
    return ctx.memo(
        "inventory.latest_snapshots",
        lambda: inventory.latest_snapshots(
            session=ctx.session, store_id=ctx.store.id, as_of=ctx.as_of
        ),
    )


def health_rows(ctx: ReviewContext) -> dict[str, InventoryHealthSnapshot]:
    return ctx.memo(
        "inventory.latest_health",
        lambda: inventory.latest_health(
            session=ctx.session, store_id=ctx.store.id, as_of=ctx.as_of
        ),
    )


def unit_volume(ctx: ReviewContext, sku: str) -> Decimal:
    """Cubic feet per unit: the FBA Inventory report's item volume, else Manage FBA
    Inventory's per-unit volume; 0 when neither says."""
    health = health_rows(ctx).get(sku)
    if health is not None and health.item_volume and "met" not in (health.volume_unit or ""):
        return Decimal(health.item_volume)
    snap = _snapshots(ctx).get(sku)
    return (
        Decimal(snap.per_unit_volume) if snap is not None and snap.per_unit_volume else Decimal(0)
    )


def storage_fee_per_unit(ctx: ReviewContext, pos: inventory.StockPosition) -> tuple[Decimal, str]:
    """Monthly storage fee of one unit and where the figure comes from (see FEE_SOURCES)."""
    reported = ctx.memo(
        "inventory.storage_fee_per_unit",
        lambda: inventory.storage_fee_per_unit_month(
            session=ctx.session, store_id=ctx.store.id, as_of=ctx.as_of
        ),
    )
    if pos.asin and pos.asin in reported:
        return reported[pos.asin], "report"
    health = health_rows(ctx).get(pos.sku)
    if health and health.estimated_storage_cost_next_month and health.available:
        return Decimal(health.estimated_storage_cost_next_month) / health.available, "health"
    product = products_by_sku(ctx).get(pos.sku)
    kind = alerts.storage_class(product.size_tier if product else None, _storage_type(health))
    fee = alerts.monthly_storage_fee(1, unit_volume(ctx, pos.sku), kind, ctx.as_of.month)
    return fee, "estimate"


def _storage_type(health: InventoryHealthSnapshot | None) -> str | None:
    return health.storage_type if health is not None else None


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


@check("inventory", "overstock")
def overstock(ctx: ReviewContext) -> list[Finding]:
    """SKUs holding more than their healthy level with over 120 days of cover.

    The day's restock plan is the one source: its forecast rate, its stock position (on
    hand + inbound + open purchase orders) and its target. The healthy level is the larger
    of the plan's target and 90 days of forecast demand, so a SKU the plan orders for is
    never overstock. Excess units are the stock beyond the healthy level, at most the units
    already in FBA (fulfillable + reserved): only those pay storage. A SKU the plan does not
    cover is judged at its recent rate.

    Money at stake: the storage fee the excess units pay each month (store currency), from
    the imported storage fee report, else the FBA Inventory report, else the fee table.
    """
    findings = []
    for pos in inventory.review_positions(ctx):
        over = excess_of(pos)
        if over is None:
            continue
        if over["excess_units"] < MIN_EXCESS_UNITS or over["cover"] < OVERSTOCK_COVER_DAYS:
            continue
        excess = int(over["excess_units"])
        per_unit, source = storage_fee_per_unit(ctx, pos)
        fee = _money(per_unit * excess)
        if fee < MIN_MONTHLY_FEE:
            continue
        price = pos.avg_price or Decimal(0)
        cover_days = float(over["cover"])
        endless = not math.isfinite(cover_days)  # nothing is forecast to sell
        evidence: dict[str, object] = {"asin": pos.asin}
        evidence.update({k: v for k, v in over.items() if k not in ("cover",)})
        evidence["days_of_cover_with_inbound"] = None if endless else round(cover_days, 1)
        if endless:  # no number of days: say why (the finding's evidence shows it)
            evidence["days_of_cover_note"] = "no_sales_expected"
        advice = _overstock_advice(ctx, pos)
        evidence.update(advice.pop("evidence"))
        findings.append(
            Finding(
                module="inventory",
                kind="overstock",
                severity="high" if cover_days > 365 and fee >= 50 else "medium",
                entity_type="sku",
                entity=pos.sku,
                money_at_stake=fee,
                money_period="month",
                currency=ctx.currency,
                urgency_days=None,
                params={
                    "excess_units": excess,
                    "cover_days": "-" if endless else str(round(cover_days)),
                    "cover": cover_phrase(cover_days),
                    "fee": money_param(fee, ctx.currency),
                    **advice,
                },
                evidence={
                    **evidence,
                    "storage_fee_per_unit_month": float(round(per_unit, 4)),
                    "excess_storage_fee_month": float(fee),
                    "excess_value": float(_money(price * excess)),
                    "fee_source": source,
                },
            )
        )
    return findings


def cover_phrase(days: float) -> dict[str, Any]:
    """Days of cover as a phrase of a finding's params (:func:`daily.finding.localized_params`
    renders it): "950 days of cover", or "no sales expected" when nothing is forecast to sell
    (never "∞ days")."""
    if not math.isfinite(days):
        return {"message": "inventory.cover.none", "params": {}}
    return {"message": "inventory.cover.days", "params": {"days": round(days)}}


def _overstock_advice(ctx: ReviewContext, pos: inventory.StockPosition) -> dict[str, Any]:
    """The action variant of an overstock finding: a push of sell-through (coupon, price cut,
    more ads) suits neither a SKU that loses money (the review's ``losing_money``: fix price
    or cost, or remove) nor units already over 180 days old (the surcharge already applies:
    removal or liquidation against keeping, at the monthly fee). ``evidence`` goes to the
    finding's evidence, the rest to its params."""
    losing = pos.plan is not None and pos.plan.losing_money
    health = health_rows(ctx).get(pos.sku)
    bands = aged_units(health) if health is not None else {}
    aged = sum(bands.values())
    out: dict[str, Any] = {"evidence": {}}
    if aged > 0 and health is not None:
        fee, _ = _aged_fee(ctx, health, bands)
        out["aged_units"] = aged
        out["aged_fee"] = money_param(_money(fee), ctx.currency)
        out["evidence"] = {"units_181_plus": aged, "aged_surcharge_month": float(_money(fee))}
        out["variant"] = "aged_losing" if losing else "aged"
    elif losing:
        out["variant"] = "losing"
    return out


def excess_of(pos: inventory.StockPosition) -> dict[str, float] | None:
    """The overstock arithmetic of ``pos``, every term named so the evidence adds up:
    ``stock_position`` = fulfillable + inbound (+ ``on_order``); ``over_healthy_units`` =
    position - ``healthy_units``; ``excess_units`` = the smaller of that and the units in
    FBA (``fulfillable`` + ``reserved``). None when the SKU does not sell or the plan orders."""
    in_fba = pos.fulfillable + pos.reserved
    row = pos.plan
    if row is not None:
        if row.line.order_units > 0:  # the plan wants more: never overstock the same day
            return None
        position = row.line.position
        healthy = max(
            round(row.line.target_level),
            round(row.forecast_per_day * alerts.HEALTHY_COVER_DAYS),
        )
    else:
        position = pos.fulfillable + pos.inbound
        healthy = round(pos.units_per_day * alerts.HEALTHY_COVER_DAYS)
    cover = pos.cover_with_inbound_days
    if pos.units_per_day <= 0 and row is None:
        cover = float("inf")
    over = position - healthy
    out: dict[str, float] = {
        "fulfillable": pos.fulfillable,
        "reserved": pos.reserved,
        "inbound": pos.inbound,
    }
    on_order = position - pos.fulfillable - pos.inbound
    if on_order > 0:
        out["on_order"] = on_order
    out.update(
        {
            "stock_position": position,
            pos.rate_key: round(pos.units_per_day, 2),
            "healthy_units": healthy,
            "over_healthy_units": over,
            "excess_units": max(0, min(in_fba, over)),
            "cover": cover,
        }
    )
    if row is not None:
        out["plan_target_units"] = round(row.line.target_level)
    return out


def aged_units(health: InventoryHealthSnapshot) -> dict[str, int]:
    """Units over 180 days old by surcharge band, fine bands when the report has them."""
    fine = {
        band: getattr(health, f"ais_qty_{band}") or 0
        for band in alerts.AIS_RATE
        if getattr(health, f"ais_qty_{band}") is not None
    }
    if sum(fine.values()):
        return fine
    return {
        "181_270": health.age_181_270 or 0,
        "271_365": health.age_271_365 or 0,
        "365_plus": health.age_365_plus or 0,
    }


def _reported_surcharge(health: InventoryHealthSnapshot) -> Decimal | None:
    amounts = [getattr(health, f"ais_amount_{band}") for band in alerts.AIS_RATE]
    known = [Decimal(a) for a in amounts if a is not None]
    return sum(known, Decimal(0)) if known else None


@check("inventory", "aged_inventory")
def aged_inventory(ctx: ReviewContext) -> list[Finding]:
    """SKUs with units over 180 days in an FC, which pay the Aged Inventory Surcharge.

    Needs the FBA Inventory (health) report. Money at stake: the monthly surcharge as the
    report estimates it, else as last charged (long-term storage fee report), else from
    the age bands, the unit volume and the fee table (store currency, per month).
    """
    findings = []
    for health in health_rows(ctx).values():
        bands = aged_units(health)
        units = sum(bands.values())
        if units <= 0:
            continue
        fee, source = _aged_fee(ctx, health, bands)
        if fee >= MIN_AGED_FEE:
            findings.append(_aged_finding(ctx, health, units, _money(fee), source))
    return findings


def _aged_fee(
    ctx: ReviewContext, health: InventoryHealthSnapshot, bands: dict[str, int]
) -> tuple[Decimal, str]:
    """The monthly aged surcharge of ``health``'s SKU and where it comes from: as the report
    estimates it, else as last charged, else from the age bands and the fee table."""
    charged = ctx.memo(
        "inventory.aged_charged",
        lambda: inventory.aged_surcharge_charged(
            session=ctx.session, store_id=ctx.store.id, as_of=ctx.as_of
        ),
    )
    fee = _reported_surcharge(health)
    if fee:
        return fee, "health"
    if charged.get(health.sku):
        return charged[health.sku], "charged"
    return alerts.aged_surcharge(bands, unit_volume(ctx, health.sku)), "estimate"


def _aged_finding(
    ctx: ReviewContext, health: InventoryHealthSnapshot, units: int, fee: Decimal, source: str
) -> Finding:
    return Finding(
        module="inventory",
        kind="aged_inventory",
        severity="high" if (health.age_365_plus or 0) > 0 or fee >= 50 else "medium",
        entity_type="sku",
        entity=health.sku,
        money_at_stake=fee,
        money_period="month",
        currency=ctx.currency,
        urgency_days=None,
        params={"aged_units": units, "fee": money_param(fee, ctx.currency)},
        evidence={
            "asin": health.asin,
            "units_181_plus": units,
            "units_91_180": health.age_91_180,
            "aged_surcharge_month": float(fee),
            "fee_source": source,
            "snapshot_date": health.snapshot_date.isoformat(),
        },
    )


#: Without an imported cost, damaged units are valued at this share of the price: a typical
#: private-label landed cost (the units will not sell at the price any more).
COST_SHARE_WITHOUT_COST = Decimal("0.3")


def _unit_value(
    ctx: ReviewContext, sku: str, snap: InventorySnapshot, *, sellable: bool
) -> tuple[Decimal, str]:
    """What one unit is worth in the store currency and on what basis: its cost when kept
    in that currency; else its price (sellable units) or a share of it (damaged ones)."""
    product = products_by_sku(ctx).get(sku)
    if product and product.unit_cost and product.cost_currency in (None, ctx.currency):
        return Decimal(product.unit_cost), "cost"
    price = Decimal((product.price if product else None) or snap.your_price or 0)
    return (price, "price") if sellable else (price * COST_SHARE_WITHOUT_COST, "price_share")


@check("inventory", "unfulfillable")
def unfulfillable(ctx: ReviewContext) -> list[Finding]:
    """SKUs with at least 10 unfulfillable (damaged, defective) units in FBA.

    Money at stake: the units' value, once: their cost, else 30 % of the price (a typical
    landed cost): what a reimbursement claim can recover or the removal writes off.
    """
    findings = []
    for snap in _snapshots(ctx).values():
        value = _unit_value(ctx, snap.sku, snap, sellable=False)[0] * snap.unfulfillable
        if snap.unfulfillable < MIN_UNFULFILLABLE or value < MIN_VALUE:
            continue
        findings.append(_unit_finding(ctx, "unfulfillable", snap, snap.unfulfillable))
    return findings


@check("inventory", "stranded")
def stranded(ctx: ReviewContext) -> list[Finding]:
    """SKUs with stock in FBA but no active FBA listing (Manage FBA Inventory says
    ``afn-listing-exists`` No): it cannot sell. Money at stake: the units' value, once."""
    findings = []
    for snap in _snapshots(ctx).values():
        units = snap.fulfillable + snap.reserved
        if snap.afn_listing_exists is False and units > 0:
            findings.append(_unit_finding(ctx, "stranded", snap, units))
    return findings


def _unit_finding(ctx: ReviewContext, kind: str, snap: InventorySnapshot, units: int) -> Finding:
    per_unit, basis = _unit_value(ctx, snap.sku, snap, sellable=kind == "stranded")
    value = _money(per_unit * units)
    return Finding(
        module="inventory",
        kind=kind,
        severity="high" if kind == "stranded" or value >= 1000 else "medium",
        entity_type="sku",
        entity=snap.sku,
        money_at_stake=value,
        money_period="once",
        currency=ctx.currency,
        urgency_days=None,
        params={"units": units, "value": money_param(value, ctx.currency)},
        evidence={
            "asin": snap.asin,
            f"{kind}_units": units,
            "unit_value": float(_money(per_unit)),
            "unit_value_basis": basis,
            "snapshot_date": snap.snapshot_date.isoformat(),
        },
    )


def _shipped(ctx: ReviewContext, days: int) -> dict[str, int]:
    start = ctx.as_of - timedelta(days=days - 1)
    return ctx.memo(
        f"inventory.units_sold_{days}",
        lambda: inventory.units_sold(
            session=ctx.session, store_id=ctx.store.id, start=start, end=ctx.as_of
        ),
    )


def _avg_stock(ctx: ReviewContext, days: int) -> dict[str, float]:
    start = ctx.as_of - timedelta(days=days - 1)
    return ctx.memo(
        f"inventory.avg_fulfillable_{days}",
        lambda: inventory.average_fulfillable(
            session=ctx.session, store_id=ctx.store.id, start=start, end=ctx.as_of
        ),
    )


def days_of_supply(ctx: ReviewContext, pos: inventory.StockPosition, days: int) -> float:
    """Historical days of supply over the last ``days``: average fulfillable units over
    average units shipped a day (orders report, else the current velocity)."""
    shipped = _shipped(ctx, days)
    # a SKU the orders report shows no shipment of in the window shipped nothing
    per_day = shipped.get(pos.sku, 0) / days if shipped else pos.units_per_day
    return alerts.historical_days_of_supply(_avg_stock(ctx, days).get(pos.sku, 0.0), per_day)


@check("inventory", "low_inventory_fee")
def low_inventory_fee(ctx: ReviewContext) -> list[Finding]:
    """Standard-size SKUs whose 30-day and 90-day historical days of supply are both under
    28 days, so Amazon adds the low-inventory-level fee to every unit shipped.

    SKUs first stocked in the last 90 days are left out (Amazon exempts new products).
    Money at stake: the fee per unit times the units shipped in the last 30 days (per month).
    """
    first = ctx.memo(
        "inventory.first_stock_day",
        lambda: inventory.first_stock_day(session=ctx.session, store_id=ctx.store.id),
    )
    findings = []
    for pos in inventory.review_positions(ctx):
        launched = first.get(pos.sku)
        if pos.units_per_day <= 0 or launched is None:
            continue
        if (ctx.as_of - launched).days < NEW_SKU_DAYS:
            continue
        product = products_by_sku(ctx).get(pos.sku)
        fee_class = alerts.weight_class(product.size_tier if product else None, None)
        short, long = days_of_supply(ctx, pos, 30), days_of_supply(ctx, pos, 90)
        fee = alerts.low_inventory_fee_per_unit(fee_class, short, long)
        shipped = _shipped(ctx, 30).get(pos.sku) or round(pos.units_per_day * 30)
        if fee <= 0 or shipped <= 0:
            continue
        findings.append(_low_fee_finding(ctx, pos, fee, shipped, short, long))
    return findings


def _low_fee_finding(
    ctx: ReviewContext,
    pos: inventory.StockPosition,
    fee: Decimal,
    shipped: int,
    short: float,
    long: float,
) -> Finding:
    days = max(short, long)
    return Finding(
        module="inventory",
        kind="low_inventory_fee",
        severity="medium" if days >= 14 else "high",
        entity_type="sku",
        entity=pos.sku,
        money_at_stake=_money(fee * shipped),
        money_period="month",
        currency=ctx.currency,
        urgency_days=None,
        params={"days": round(days, 1), "fee_per_unit": money_param(fee, ctx.currency)},
        evidence={
            "asin": pos.asin,
            "days_of_supply_30": round(short, 1),
            "days_of_supply_90": round(long, 1),
            "fee_per_unit": float(fee),
            "units_shipped_30": shipped,
            "fee_source": "estimate",
        },
    )


#: Amazon's FBA capacity overage fee: $10 per cubic foot over the limit, per month.
CAPACITY_OVERAGE_FEE_PER_CUFT = Decimal(10)


@check("inventory", "fba_capacity_overrun")
def capacity_overrun(ctx: ReviewContext) -> list[Finding]:
    """FBA capacity overrun: units on hand, reserved and inbound over the store's limit for a
    storage type (set with ``sellerops fba-capacity``; no report carries the limits).

    Money at stake: the capacity overage fee on the cubic feet over the limit, per month
    (a limit in units only is compared in units, and the fee is estimated from the average
    volume per unit of that storage type).
    """
    from sellerops.inventory import planning  # late: planning imports the forecaster

    limits = planning.capacity_limits(ctx.session, ctx.store.id)
    if not limits:
        log.info("store %s: no FBA capacity limits set; capacity check skipped", ctx.store.id)
        return []
    snaps = list(_snapshots(ctx).values())
    products = products_by_sku(ctx)
    listed = listing_storage.capacity_types(ctx.session, ctx.store.id)  # apparel, footwear
    kinds = {
        s.sku: listed.get(s.sku)
        or alerts.storage_class(products[s.sku].size_tier if s.sku in products else None)
        for s in snaps
    }
    used_cuft, used_units = planning.capacity_used(snaps, kinds)
    findings = []
    for kind, limit in sorted(limits.items()):
        cuft, units = used_cuft.get(kind, 0.0), used_units.get(kind, 0)
        per_unit = cuft / units if units else 0.0
        over_cuft = 0.0 if limit.limit_cuft is None else cuft - limit.limit_cuft
        over_units = 0 if limit.limit_units is None else units - limit.limit_units
        over = max(over_cuft, over_units * per_unit)
        if over <= 0 and over_units <= 0:
            continue
        fee = CAPACITY_OVERAGE_FEE_PER_CUFT * Decimal(str(round(max(over, 0.0), 2)))
        findings.append(
            Finding(
                module="inventory",
                kind="fba_capacity_overrun",
                severity="high",
                entity_type="storage_type",
                entity=kind,
                money_at_stake=_money(fee),
                money_period="month",
                currency=ctx.currency,
                params={
                    "over_cuft": round(max(over, 0.0), 1),
                    "fee": money_param(fee, ctx.currency),
                },
                evidence={
                    "used_cuft": round(cuft, 1),
                    "limit_cuft": limit.limit_cuft,
                    "used_units": units,
                    "limit_units": limit.limit_units,
                },
            )
        )
    return findings
