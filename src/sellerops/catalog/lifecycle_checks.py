"""Daily-review checks of the SKU lifecycle: declining SKUs, and SKUs at their end with
stock to clear (liquidate, remove or keep, compared on the storage fees each saves).

Registered through :mod:`sellerops.catalog.checks`, which imports this module; the stage
rules and the exit arithmetic are in :mod:`sellerops.catalog.lifecycle`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from sellerops.catalog import lifecycle, performance
from sellerops.catalog.models import Product
from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding, money_param
from sellerops.daily.registry import check
from sellerops.inventory import alert_checks, alerts
from sellerops.inventory import service as inventory

HISTORY_DAYS = 182
MIN_ASINS_FOR_INDEX = 10
REFERRAL_RATE = 0.15  # most categories; the margin is before the FBA fee when it is unknown
CENT = Decimal("0.01")

EXITS = {
    "liquidate": ("liquidate through FBA Liquidations", "通过 FBA 清算处理",
                  "Create a liquidation order for {units} units", "为 {units} 件创建清算订单"),
    "remove": ("remove the units", "移除库存",
               "Create a removal order for {units} units and sell them elsewhere",
               "为 {units} 件创建移除订单，转到其他渠道销售"),
    "keep": ("keep selling with a coupon or a price cut", "继续销售并配合优惠券或降价",
             "Keep the units and sell them down with a coupon or a price cut",
             "保留库存，用优惠券或降价加快消化"),
}  # fmt: skip
register_evidence(
    {
        "stage_reason": ("Why this stage", "阶段判断依据", "plain"),
        # as sold (days in stock), then the seasonally adjusted rates the stage is judged on
        "units_per_day_28": (
            "Units/day sold, last 28 days in stock",
            "近 28 天有货日均销量",
            "plain",
        ),
        "units_per_day_before": (
            "Units/day sold, the 56 days before (in stock)",
            "此前 56 天有货日均销量",
            "plain",
        ),
        "units_per_day_peak": (
            "Units/day sold, best 28 days (in stock)",
            "最佳 28 天有货日均销量",
            "plain",
        ),
        "units_per_day_28_adjusted": (
            "Seasonally adjusted units/day, last 28 days (judged on)",
            "季节调整后近 28 天日均销量（判断依据）",
            "plain",
        ),
        "units_per_day_before_adjusted": (
            "Seasonally adjusted units/day, the 56 days before (judged on)",
            "季节调整后此前 56 天日均销量（判断依据）",
            "plain",
        ),
        "units_per_day_peak_adjusted": (
            "Seasonally adjusted units/day, best 28 days (judged on)",
            "季节调整后最佳 28 天日均销量（判断依据）",
            "plain",
        ),
        "aged_share": ("Share over 180 days old", "库龄超 180 天占比", "percent"),
        "margin_after_referral": ("Margin after referral fee", "扣佣金后毛利率", "percent"),
        "units_to_clear": ("Units to clear", "待清理件数", "plain"),
        "keep_cost_12m": ("Storage if kept (12 months)", "保留 12 个月仓储费", "money"),
        "exit_fees": ("Removal/liquidation fees", "移除/清算费", "money"),
        "best_exit": ("Best option", "最佳方案", "plain"),
        "liquidation_recovery": ("Liquidation pays back", "清算回款", "money"),
        "lost_sales_month": ("Sales lost a month", "每月销售额损失", "money"),
    }
)
REASONS = {
    "sales_falling": ("last 28 days clearly below the 56 before", "近 28 天明显低于此前 56 天"),
    "faded_with_stock": ("sales faded to a fifth of the peak, stock left for months",
                         "销量跌至高峰的五分之一以下，库存还能卖数月"),
    "selling_at_a_loss": ("selling below cost after fees", "扣除费用后亏本销售"),
    "stock_outlives_demand": ("most stock over 180 days old, a year of cover left",
                              "大部分库存库龄超 180 天，剩余库存可卖一年以上"),
}  # fmt: skip
#: judged on seasonally adjusted rates: the drop is beyond the store-wide season
_SEASONAL_TITLE = {
    "en": "{entity} is declining: seasonally adjusted, {drop_pct}% fewer units a day in "
    "the last 28 days than in the 56 days before (it sold {recent} vs {before} a day, "
    "days in stock, while the whole store's daily units changed {store_change})",
    "zh": "{entity} 处于衰退期：扣除全店季节因素后，近 28 天日销量比此前 56 天下降 "
    "{drop_pct}%（实际有货日日均 {recent} 件 vs {before} 件，同期全店日销量变化 {store_change}）",
}
#: a declining SKU that loses money (the review's losing_money): no price cut or coupon
_LOSING_ACTION = {
    "en": "It also lost money over the last 30 days: fix the price or the cost before "
    "anything else (no coupon or price cut, which would deepen the loss); then check "
    "reviews, competitors and the listing, and order less on the next PO.",
    "zh": "该 SKU 近 30 天还在亏损：先调整售价或成本（不要用优惠券或降价，只会扩大亏损）；"
    "再检查评论、竞品和页面，并减少下一批采购量。",
}
i18n.register_messages(
    {f"evidence.stage_reason.{k}": {"en": en, "zh": zh} for k, (en, zh) in REASONS.items()}
    | {f"evidence.best_exit.{k}": {"en": v[0], "zh": v[1]} for k, v in EXITS.items()}
    | {
        "catalog.lifecycle_decline.title": {
            "en": "{entity} is declining: {drop_pct}% fewer units a day in the last 28 days "
            "than in the 56 days before ({recent} vs {before} a day, days in stock)",
            "zh": "{entity} 处于衰退期：近 28 天日销量比此前 56 天下降 {drop_pct}%"
            "（有货日日均 {recent} 件 vs {before} 件）",
        },
        "catalog.lifecycle_decline.title.seasonal": _SEASONAL_TITLE,
        "catalog.lifecycle_decline.title.seasonal_losing": _SEASONAL_TITLE,
        "catalog.lifecycle_decline.action": {
            "en": "Check reviews, competitors' prices and the listing first; then try a coupon, a "
            "bundle with a stronger seller or a price cut, and order less on the next PO.",
            "zh": "先检查评论、竞品价格和页面；再尝试优惠券、与畅销品捆绑或降价，并减少下一批采购量。",
        },
        "catalog.lifecycle_decline.action.losing": _LOSING_ACTION,
        "catalog.lifecycle_decline.action.seasonal_losing": _LOSING_ACTION,
        "catalog.lifecycle_end_of_life.title": {
            "en": "{entity} is at end of life: {units} units will not sell within 6 months; "
            "{exit_en} saves about {saving} over 12 months (keeping them costs {keep})",
            "zh": "{entity} 已到生命周期末期：{units} 件 6 个月内卖不完；{exit_zh}在 12 个月内约节省 {saving}"
            "（保留需付仓储费 {keep}）",
        },
        "catalog.lifecycle_end_of_life.action": {
            "en": "{step_en}; stop reordering and pause ads on this SKU.",
            "zh": "{step_zh}；停止补货并暂停该 SKU 的广告。",
        },
    }
)


@dataclass(frozen=True, slots=True)
class _Window:
    first: date
    units: dict[str, list[int]]  # per child ASIN, one entry per day from ``first``
    index: list[float] | None  # the store's demand index over the same days
    empty_days: dict[str, set[date]]  # per SKU, days without fulfillable stock


def _window(ctx: ReviewContext) -> _Window:
    start = ctx.as_of - timedelta(days=HISTORY_DAYS - 1)
    days = performance.asin_days(
        session=ctx.session, store_id=ctx.store.id, start=start, end=ctx.as_of
    )
    first = min((d for rows in days.values() for d in rows), default=ctx.as_of)
    span = (ctx.as_of - first).days + 1
    units: dict[str, list[int]] = {}
    for asin, rows in days.items():
        series = [0] * span
        for d, stats in rows.items():
            series[(d - first).days] = stats.units
        units[asin] = series
    totals = [sum(col) for col in zip(*units.values(), strict=True)] if units else []
    empty = inventory.days_without_stock(
        session=ctx.session, store_id=ctx.store.id, start=first, end=ctx.as_of
    )
    # With few products the store's level is mostly each product's own: no season to take out.
    index = lifecycle.demand_index(totals) if len(units) >= MIN_ASINS_FOR_INDEX else None
    return _Window(first, units, None if index is None else list(index), empty)


def _history(
    ctx: ReviewContext,
    pos: inventory.StockPosition,
    window: _Window,
    product: Product | None,
) -> lifecycle.SkuHistory:
    series, first = window.units[pos.asin or ""], window.first
    empty = window.empty_days.get(pos.sku, set())
    sold = [i for i, u in enumerate(series) if u > 0]
    launched = None
    if sold and sold[0] > 14:  # first sale well inside the history: a launch we saw
        launched = (ctx.as_of - (first + timedelta(days=sold[0]))).days
    health = alert_checks.health_rows(ctx).get(pos.sku)
    on_hand = pos.fulfillable + pos.reserved
    aged = sum(alert_checks.aged_units(health).values()) if health else 0
    return lifecycle.SkuHistory(
        daily_units=series,
        in_stock=[first + timedelta(days=k) not in empty for k in range(len(series))],
        days_since_launch=launched,
        margin=_margin(product, ctx.currency),
        aged_share=aged / on_hand if on_hand else 0.0,
        cover_days=pos.cover_with_inbound_days,
    )


def _margin(product: Product | None, currency: str) -> float | None:
    if product is None or not product.price or product.unit_cost is None:
        return None
    if product.cost_currency not in (None, currency):
        return None  # the cost is in the supplier's currency: no rate at hand here
    price = float(product.price)
    return (price * (1 - REFERRAL_RATE) - float(product.unit_cost)) / price


def _stages(
    ctx: ReviewContext,
) -> list[tuple[inventory.StockPosition, lifecycle.Stage, lifecycle.SkuHistory]]:
    def load() -> list[tuple[inventory.StockPosition, lifecycle.Stage, lifecycle.SkuHistory]]:
        window = _window(ctx)
        products = {
            p.sku: p
            for p in ctx.session.scalars(select(Product).where(Product.store_id == ctx.store.id))
        }
        out = []
        for pos in inventory.review_positions(ctx):
            if not pos.asin or pos.asin not in window.units:
                continue
            history = _history(ctx, pos, window, products.get(pos.sku))
            out.append((pos, lifecycle.classify(history, window.index), history))
        return out

    return ctx.memo("catalog.lifecycle_stages", load)


@check("catalog", "lifecycle_decline")
def lifecycle_decline(ctx: ReviewContext) -> list[Finding]:
    """SKUs in decline: the last 28 days sell clearly less than the 56 days before.

    Money at stake: the fall in daily units times the average price, per month.
    """
    findings = []
    for pos, stage, history in _stages(ctx):
        if stage.stage != "decline":
            continue
        price = pos.avg_price or Decimal(0)
        lost = (Decimal(str(stage.before_per_day - stage.recent_per_day)) * 30 * price).quantize(
            CENT
        )
        findings.append(
            Finding(
                module="catalog", kind="lifecycle_decline", severity="medium", entity_type="sku",
                entity=pos.sku, money_at_stake=lost, money_period="month", currency=ctx.currency,
                params=_decline_params(stage, pos.plan is not None and pos.plan.losing_money),
                evidence=_stage_evidence(pos, stage, history) | {"lost_sales_month": float(lost)},
            )
        )  # fmt: skip
    return findings


def _decline_params(stage: lifecycle.Stage, losing: bool = False) -> dict[str, object]:
    """The drop the stage was judged on, and the rates as sold to set it against; for a SKU
    that loses money (``losing``), the action that fixes price or cost first."""
    sold = stage.sold_rates
    params: dict[str, object] = {
        "drop_pct": round(100 * (1 - stage.trend)),
        "recent": round(sold.recent, 2),
        "before": round(sold.before, 2),
    }
    variants = []
    if stage.adjusted and stage.store_change is not None:
        variants.append("seasonal")
        params["store_change"] = f"{round(100 * stage.store_change):+d}%"
    if losing:
        variants.append("losing")
    if variants:
        params["variant"] = "_".join(variants)
    return params


def _stage_evidence(
    pos: inventory.StockPosition, stage: lifecycle.Stage, history: lifecycle.SkuHistory
) -> dict[str, object]:
    sold = stage.sold_rates
    rates: dict[str, object] = {
        "units_per_day_28": round(sold.recent, 2),
        "units_per_day_before": round(sold.before, 2),
        "units_per_day_peak": round(sold.peak, 2),
    }
    if stage.adjusted:
        rates |= {
            "units_per_day_28_adjusted": round(stage.recent_per_day, 2),
            "units_per_day_before_adjusted": round(stage.before_per_day, 2),
            "units_per_day_peak_adjusted": round(stage.peak_per_day, 2),
        }
    return {
        "asin": pos.asin,
        "stage_reason": stage.reason,
        **rates,
        # the one rate the review and the restock plan use (the stage reads history above)
        pos.rate_key: round(pos.units_per_day, 2),
        "fulfillable": pos.fulfillable,
        "days_of_cover_with_inbound": None
        if pos.cover_with_inbound_days == float("inf")
        else round(pos.cover_with_inbound_days, 1),
        "aged_share": round(history.aged_share, 3),
        "margin_after_referral": None if history.margin is None else round(history.margin, 3),
    }


@check("catalog", "lifecycle_end_of_life")
def lifecycle_end_of_life(ctx: ReviewContext) -> list[Finding]:
    """SKUs at their end (sales faded with months of stock left, or selling at a loss):
    liquidation, removal and keeping compared on 12 months of storage and aged surcharges.

    Money at stake: what the best option saves against keeping the units (once); when
    keeping is best, the storage the units will still cost.
    """
    findings = []
    for pos, stage, history in _stages(ctx):
        if stage.stage != "end_of_life":
            continue
        finding = _end_of_life(ctx, pos, stage, history)
        if finding is not None:
            findings.append(finding)
    return findings


def _end_of_life(
    ctx: ReviewContext,
    pos: inventory.StockPosition,
    stage: lifecycle.Stage,
    history: lifecycle.SkuHistory,
) -> Finding | None:
    rate = pos.units_per_day  # units, not the season-adjusted rate of the stage
    keep_units = round(rate * lifecycle.KEEP_DAYS)
    units = pos.fulfillable - keep_units
    if units <= 0:
        return None
    volume = alert_checks.unit_volume(ctx, pos.sku)
    product = alert_checks.products_by_sku(ctx).get(pos.sku)
    kind = alerts.storage_class(product.size_tier if product else None)
    if volume > 0:  # a year of storage: nine off-peak and three peak months
        storage_fee = alerts.average_monthly_storage_fee(volume, kind)
    else:
        storage_fee, _source = alert_checks.storage_fee_per_unit(ctx, pos)
    fee = storage_fee + alerts.aged_surcharge({"271_365": 1}, volume)  # they will be aged
    price = pos.avg_price or Decimal(0)
    wait = lifecycle.KEEP_DAYS
    options = lifecycle.exit_options(
        units=units, units_per_day=rate, fee_per_unit_month=fee, price=price, storage=kind,
        wait_days=wait,
    )  # fmt: skip
    best = options[0]
    keep = lifecycle.holding_cost(units, rate, fee, wait_days=wait)
    money = best.net if best.action != "keep" else keep
    en, zh, step_en, step_zh = EXITS[best.action]
    return Finding(
        module="catalog", kind="lifecycle_end_of_life", severity="high" if money >= 100 else "medium",
        entity_type="sku", entity=pos.sku, money_at_stake=money, money_period="once", currency=ctx.currency,
        params={"units": units, "exit_en": en, "exit_zh": zh, "saving": money_param(best.net, ctx.currency), "keep": money_param(keep, ctx.currency),
                "step_en": step_en.format(units=i18n.number(units, "en", 0)),
                "step_zh": step_zh.format(units=i18n.number(units, "zh", 0))},
        evidence=_stage_evidence(pos, stage, history) | {
            "units_to_clear": units, "keep_cost_12m": float(keep),
            "exit_fees": float(best.cost) if best.action != "keep" else None, "best_exit": best.action,
            "liquidation_recovery": float((lifecycle.LIQUIDATION_NET_RECOVERY * price * units).quantize(CENT))},
    )  # fmt: skip
