"""Daily-review checks of the inventory domain."""

from __future__ import annotations

from decimal import Decimal

from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding, Severity, money_param
from sellerops.daily.registry import check
from sellerops.finance.profit import SkuPnl, cents
from sellerops.inventory import service as inventory
from sellerops.inventory.restock import RestockLine

register_evidence(
    {
        "asin": ("ASIN", "ASIN", "plain"),
        "fulfillable": ("Fulfillable", "可售库存", "plain"),
        "inbound": ("Inbound", "在途", "plain"),
        "units_per_day": ("Units/day, last 28 days in stock", "近 28 天有货日均销量", "plain"),
        "forecast_per_day": (
            "Units/day, forecast (restock plan)",
            "预测日销量（补货计划）",
            "plain",
        ),
        "units_per_day_when_in_stock": (
            "Units/day when in stock, last 28 days",
            "近 28 天有货时日均销量",
            "plain",
        ),
        "days_of_cover": ("Days of cover, on hand", "现有库存可售天数", "plain"),
        "days_of_cover_with_inbound": (
            "Days of cover, with inbound as it lands",
            "含按时到货在途的可售天数",
            "plain",
        ),
        "lead_time_days": ("Lead time (days)", "交货周期（天）", "plain"),
        "projected_stockout": (
            "Stock-out on (first day without stock)",
            "预计断货日（首个无货日）",
            "plain",
        ),
        "avg_price": ("Avg price", "平均售价", "money"),
        "snapshot_date": ("Snapshot", "快照日期", "plain"),
        "plan_order_units": ("To order (restock plan)", "建议采购量（补货计划）", "plain"),
        "order_by": ("Order by", "最晚下单日", "plain"),
    }
)
i18n.register_messages(
    {
        "inventory.stockout_risk.title": {
            "en": "{entity}: stock, with inbound as it lands, lasts {cover_days} days; a new "
            "order takes {lead_days} days (lead time)",
            "zh": "{entity}：库存（含按时到货的在途）仅够 {cover_days} 天，交货周期 {lead_days} 天",
        },
        "inventory.stockout_risk.action": {
            "en": "Reorder now (about {reorder_units} units), consider air freight for part of "
            "it, and slow ads on this SKU until stock lands.",
            "zh": "立即下采购单（约 {reorder_units} 件），可考虑部分空运；到货前降低该 SKU 的广告力度。",
        },
        "inventory.out_of_stock.title": {
            "en": "{entity} is out of stock at FBA: about {lost_units} units of demand lost a day",
            "zh": "{entity} FBA 已断货：每天约损失 {lost_units} 件需求",
        },
        "inventory.out_of_stock.action": {
            "en": "Expedite the inbound shipment or send stock by air; pause ads on this SKU "
            "until it is back in stock.",
            "zh": "加急在途货件或空运补货；断货期间暂停该 SKU 的广告。",
        },
        # the same findings for a SKU that loses money on every unit (finance.losing_money)
        "inventory.stockout_risk.action.losing_money": {
            "en": "Do not reorder it as it is: it lost {loss} over the last 30 days (margin "
            "{margin}). Fix its price or costs first, then reorder (the restock plan's about "
            "{reorder_units} units are on hold until it makes money); no air freight.",
            "zh": "不要按现状补货：近30天亏损 {loss}（利润率 {margin}）。请先调整售价或成本，"
            "再补货（补货计划中的约 {reorder_units} 件暂缓，直到它能盈利）；不要空运。",
        },
        "inventory.out_of_stock.action.losing_money": {
            "en": "Do not expedite or air-freight it: it lost {loss} over the last 30 days "
            "(margin {margin}). Fix its price or costs first, then decide whether to restock.",
            "zh": "不要加急或空运补货：近30天亏损 {loss}（利润率 {margin}）。请先调整售价或成本，"
            "再决定是否补货。",
        },
    }
)


def _losses(ctx: ReviewContext) -> dict[str, SkuPnl]:
    """The SKUs the review's ``losing_money`` finding names (the finance checks decide)."""
    from sellerops.finance.checks import review_losses  # late: finance checks import a lot

    return review_losses(ctx)


def _losing(p: SkuPnl | None, currency: str) -> tuple[dict[str, object], dict[str, object]]:
    """(params, evidence) a stock-out finding adds for a money-losing SKU: its action asks
    for a price or cost fix before any reorder (message variant ``losing_money``)."""
    if p is None:
        return {}, {}
    params: dict[str, object] = {
        "variant": "losing_money",
        "loss": money_param(cents(-p.profit), currency),
        "margin": i18n.percent(p.margin or 0.0, "en"),
    }
    return params, {"pnl_profit": float(cents(p.profit)), "pnl_margin": p.margin}


def _plan_evidence(line: RestockLine | None) -> dict[str, object]:
    if line is None:
        return {}
    out: dict[str, object] = {"plan_order_units": line.order_units}
    if line.order_by is not None:
        out["order_by"] = line.order_by.isoformat()
    return out


@check("inventory", "stockout_risk")
def stockout_risk(ctx: ReviewContext) -> list[Finding]:
    """SKUs whose stock, inbound and open purchase orders included, runs out before a new
    order could land. The day's restock plan decides (its forecast, cover and stock-out
    date, so the review and the plan agree); a SKU the plan does not cover is judged at its
    recent sales rate, by the same conventions.

    Money at stake: sales lost in the gap between the projected stock-out and the earliest
    day a new order can land, capped at 30 days (store currency, per month). For a SKU that
    loses money (``finance.losing_money``) nothing is at stake: a unit not sold is a loss
    not made. Its action says to fix price or cost before reordering.
    """
    findings = []
    losses = _losses(ctx)
    for pos in _positions(ctx):
        if pos.fulfillable <= 0:
            continue
        row = pos.plan
        per_day, lead = pos.units_per_day, pos.lead_time_days
        cover_all = pos.cover_with_inbound_days
        stockout = pos.stockout_date
        if row is not None:  # the plan's forecast, inbound and open orders decide
            reorder = row.line.order_units
        else:  # no plan line: the recent rate, 30 days beyond the lead time
            need = per_day * (lead + 30) - pos.fulfillable - pos.inbound
            reorder = max(0, round(need))
        if per_day <= 0 or stockout is None or cover_all >= lead:
            continue
        cover_now = pos.cover_days
        gap_days = min(30.0, lead - cover_all)
        price = pos.avg_price or Decimal(0)
        money = (Decimal(str(per_day * gap_days)) * price).quantize(Decimal("0.01"))
        line = row.line if row is not None else None
        high = cover_now < 14 or cover_all < lead / 2
        severity: Severity = "high" if high else "medium"
        extra, why = _losing(losses.get(pos.sku), ctx.currency)
        if extra:
            money, severity = Decimal("0.00"), "low"
        findings.append(
            Finding(
                module="inventory",
                kind="stockout_risk",
                severity=severity,
                entity_type="sku",
                entity=pos.sku,
                money_at_stake=money,
                money_period="month",
                currency=ctx.currency,
                urgency_days=cover_now,
                params={
                    "cover_days": round(cover_all, 1),
                    "lead_days": round(lead),
                    "reorder_units": reorder,
                    **extra,
                },
                evidence={
                    "asin": pos.asin,
                    "fulfillable": pos.fulfillable,
                    "inbound": pos.inbound,
                    pos.rate_key: round(per_day, 2),
                    "days_of_cover": round(cover_now, 1),
                    "days_of_cover_with_inbound": round(cover_all, 1),
                    "lead_time_days": round(lead),
                    "projected_stockout": stockout.isoformat(),
                    "avg_price": float(round(price, 2)),
                    **_plan_evidence(line),
                    **why,
                },
            )
        )
    return findings


@check("inventory", "out_of_stock")
def out_of_stock(ctx: ReviewContext) -> list[Finding]:
    """SKUs that sold recently and have no fulfillable stock now: sales lost every day (none
    for a SKU that loses money: its action asks for a price or cost fix, not expediting)."""
    findings = []
    losses = _losses(ctx)
    for pos in _positions(ctx):
        if pos.fulfillable > 0 or pos.units_per_day <= 0:
            continue
        price = pos.avg_price or Decimal(0)
        money = (Decimal(str(pos.units_per_day)) * price).quantize(Decimal("0.01"))
        severity: Severity = "critical"
        extra, why = _losing(losses.get(pos.sku), ctx.currency)
        if extra:
            money, severity = Decimal("0.00"), "low"
        findings.append(
            Finding(
                module="inventory",
                kind="out_of_stock",
                severity=severity,
                entity_type="sku",
                entity=pos.sku,
                money_at_stake=money,
                money_period="day",
                currency=ctx.currency,
                urgency_days=None,
                params={"lost_units": round(pos.units_per_day, 1), **extra},
                evidence={
                    "asin": pos.asin,
                    "fulfillable": 0,
                    "inbound": pos.inbound,
                    # the rate the money is counted at (the plan's forecast when it has one)
                    pos.rate_key: round(pos.units_per_day, 2),
                    "units_per_day_when_in_stock": round(
                        pos.recent_per_day if pos.recent_per_day is not None else 0.0, 2
                    ),
                    "avg_price": float(round(price, 2)),
                    "snapshot_date": pos.snapshot_date.isoformat(),
                    **why,
                },
            )
        )
    return findings


def _positions(ctx: ReviewContext) -> list[inventory.StockPosition]:
    return inventory.review_positions(ctx)


# Storage, age, unfulfillable, stranded and low-inventory alerts live in their own module
# (this file would pass 400 lines); importing it registers them.
from sellerops.inventory import alert_checks as _alert_checks  # noqa: E402, F401
