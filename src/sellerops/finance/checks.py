"""Daily-review checks of the finance domain: true profit per SKU, fees, reimbursements."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding, money_param
from sellerops.daily.registry import check
from sellerops.finance import fees
from sellerops.finance.messages import LINE_NAMES
from sellerops.finance.models import ProductCost
from sellerops.finance.pnl import Pnl, sku_pnl
from sellerops.finance.profit import MIN_UNITS, SkuPnl, cents

WINDOW_DAYS = 30
EROSION_POINTS = 0.08  # margin down 8 points or more
FEE_RISE = Decimal("0.05")  # FBA fee per unit up 5 % or more
CLAIM_AFTER_DAYS = 30  # Amazon investigates a loss for about 30 days before it is claimable

register_evidence(
    {
        "pnl_item_sales": ("Item sales (30 d)", "商品销售额（30天）", "money"),
        "pnl_profit": ("Profit (30 d)", "利润（30天）", "money"),
        "pnl_margin": ("Margin (30 d)", "利润率（30天）", "percent"),
        "pnl_margin_before": ("Margin, previous 30 d", "前30天利润率", "percent"),
        "pnl_units": ("Units (30 d)", "销量（30天）", "plain"),
        "skus_affected": ("SKUs affected", "受影响的 SKU", "plain"),
        "fba_fee_units": ("Units in the last 14 d", "近14天销量", "plain"),
        "pnl_cost_line": ("Biggest cost", "最大成本项", "plain"),
        "pnl_cost_line_amount": ("Biggest cost amount", "最大成本金额", "money"),
        "pnl_estimated_share": ("Estimated (not yet settled)", "估算部分（未结算）", "percent"),
        "fba_fee_before": ("FBA fee/unit before", "此前 FBA 费/件", "money"),
        "fba_fee_now": ("FBA fee/unit now", "当前 FBA 费/件", "money"),
        "units_lost_in_fba": ("Units lost or damaged", "丢失或损坏件数", "plain"),
        "units_reimbursed_by_amazon": ("Units reimbursed", "已赔偿件数", "plain"),
        "value_per_unit_lost": ("Value per unit lost", "丢失单件价值", "money"),
    }
)
i18n.register_messages(
    {f"evidence.pnl_cost_line.{k}": v for k, v in LINE_NAMES.items()}
    | {
        "finance.missing_exchange_rate.title": {
            "en": "No {entity} → {store_currency} exchange rate: the costs of {skus} SKUs are "
            "left out of profit",
            "zh": "缺少 {entity} → {store_currency} 汇率：{skus} 个 SKU 的成本未计入利润",
        },
        "finance.missing_exchange_rate.action": {
            "en": "Import the exchange-rates sheet (sellerops template exchange-rates) with a "
            "rate for each day or month; until then those SKUs' profit is overstated and their "
            "price floors are missing.",
            "zh": "请导入汇率表（sellerops template exchange-rates），按日或按月填写汇率；"
            "在此之前这些 SKU 的利润偏高，且没有价格底线。",
        },
        "finance.losing_money.title": {
            "en": "{entity} lost {loss} over the last 30 days (margin {margin})",
            "zh": "{entity} 近30天亏损 {loss}（利润率 {margin}）",
        },
        "finance.losing_money.action": {
            "en": "Look at its biggest cost line first: raise the price, cut ad spend on it, "
            "renegotiate cost or freight, or stop reordering and sell through.",
            "zh": "先看最大的成本项：提价、减少该 SKU 的广告、重新谈采购价或头程运费，或停止补货并清完库存。",
        },
        "finance.margin_erosion.title": {
            "en": "{entity}: margin fell from {before} to {now} in 30 days",
            "zh": "{entity}：利润率30天内从 {before} 降到 {now}",
        },
        "finance.margin_erosion.action": {
            "en": "Compare its P&L lines month on month (sellerops profit): a price cut, a "
            "fee change, more ad spend or a costlier batch.",
            "zh": "逐月对比该 SKU 的利润表各项（sellerops profit）：降价、费用变化、广告加码或采购成本上涨。",
        },
        "finance.fee_change.title": {
            "en": "{entity}: FBA fee per unit went up from {before} to {now}",
            "zh": "{entity}：FBA 配送费从每件 {before} 涨到 {now}",
        },
        "finance.fee_change.action": {
            "en": "Check the size tier and dimensions Amazon measured; if they are wrong, "
            "open a case asking for a re-measurement and a refund of the difference.",
            "zh": "核对亚马逊测量的尺寸和尺寸分段；如有误，开case申请重新测量并退还差额。",
        },
        "finance.reimbursement_owed.title": {
            "en": "{entity}: {owed} units lost or damaged in FBA were not reimbursed",
            "en_one": "{entity}: {owed} unit lost or damaged in FBA was not reimbursed",
            "one": "owed",
            "zh": "{entity}：{owed} 件在 FBA 丢失或损坏的商品未获赔偿",
        },
        "finance.reimbursement_owed.action": {
            "en": "Open a reimbursement case in Seller Central with the adjustment ids from "
            "the inventory adjustments report.",
            "zh": "在卖家后台开 case 申请赔偿，附上库存调整报告中的调整编号。",
        },
    }
)


def _window(ctx: ReviewContext, back: int) -> Pnl:
    """The P&L of the 30 days ending ``back`` windows before the review day."""
    end = ctx.as_of - timedelta(days=WINDOW_DAYS * back)

    def load() -> Pnl:
        return sku_pnl(session=ctx.session, store_id=ctx.store.id, currency=ctx.currency,
                       start=end - timedelta(days=WINDOW_DAYS - 1), end=end)  # fmt: skip

    return ctx.memo(f"finance.pnl.{back}", load)


def review_losses(ctx: ReviewContext) -> dict[str, SkuPnl]:
    """The SKUs the review calls money-losing (:attr:`SkuPnl.loses_money` over the last 30
    days), by SKU: the ``losing_money`` findings, and what the stock-out findings read so
    they do not ask to reorder a SKU that loses money on every unit."""
    return {sku: p for sku, p in _window(ctx, 0).skus.items() if p.loses_money}


def _pct(value: float | None, lang: str = "en") -> str:
    return i18n.percent(value or 0.0, lang)


@check("finance", "losing_money")
def losing_money(ctx: ReviewContext) -> list[Finding]:
    """SKUs whose true profit over the last 30 days is negative beyond break-even noise
    (:attr:`SkuPnl.loses_money`: a loss over 1 % of sales), with the cost line that sinks
    them. Money at stake: the loss over those 30 days (store currency, per month)."""
    findings = []
    for p in review_losses(ctx).values():
        loss = cents(-p.profit)
        line, amount = p.sinking_line() or ("other_fee", Decimal(0))
        findings.append(
            Finding(
                module="finance", kind="losing_money",
                severity="high" if loss >= 300 else "medium",
                entity_type="sku", entity=p.sku, money_at_stake=loss,
                currency=ctx.currency, money_period="month",
                params={"loss": money_param(loss, ctx.currency), "margin": _pct(p.margin)},
                evidence=_profit_evidence(p) | {"pnl_cost_line": line,
                                                "pnl_cost_line_amount": float(cents(amount))},
            )
        )  # fmt: skip
    return findings


def _profit_evidence(p: SkuPnl) -> dict[str, object]:
    estimated = p.estimated.get("principal", Decimal(0))
    return {
        "pnl_units": p.units,
        "pnl_item_sales": float(cents(p.sales)),
        "pnl_profit": float(cents(p.profit)),
        "pnl_margin": p.margin,
        "pnl_estimated_share": float(estimated / p.sales) if p.sales > 0 else None,
    }


@check("finance", "missing_exchange_rate")
def missing_exchange_rate(ctx: ReviewContext) -> list[Finding]:
    """Costs (or freight) kept in a currency with no exchange rate to the store's: the P&L
    leaves them out, so the profit of those SKUs is overstated and their price floors are
    missing. Money at stake: the 30-day sales of the SKUs whose costs are in that currency."""
    pnl = _window(ctx, 0)
    findings = []
    for cur in sorted(pnl.missing_rates):
        skus = set(ctx.session.scalars(
            select(ProductCost.sku).where(ProductCost.store_id == ctx.store.id,
                                          ProductCost.currency == cur)
        ))  # fmt: skip
        hit = [p for sku, p in pnl.skus.items() if sku in skus]
        sales = cents(sum((max(p.sales, Decimal(0)) for p in hit), Decimal(0)))
        findings.append(
            Finding(
                module="finance", kind="missing_exchange_rate", severity="high",
                entity_type="currency", entity=cur, money_at_stake=sales,
                currency=ctx.currency, money_period="month",
                params={"skus": len(hit), "store_currency": ctx.currency},
                evidence={"skus_affected": ", ".join(sorted(p.sku for p in hit)[:8]) or "-",
                          "pnl_item_sales": float(sales)},
            )
        )  # fmt: skip
    return findings


@check("finance", "margin_erosion")
def margin_erosion(ctx: ReviewContext) -> list[Finding]:
    """SKUs whose margin over the last 30 days is 8 points or more below the 30 days before.
    Money at stake: the margin lost on the last 30 days' sales (per month)."""
    now, before = _window(ctx, 0), _window(ctx, 1)
    findings = []
    for sku, p in now.skus.items():
        old = before.skus.get(sku)
        if old is None or p.units < MIN_UNITS or old.units < MIN_UNITS:
            continue
        if p.margin is None or old.margin is None or old.margin - p.margin < EROSION_POINTS:
            continue
        money = cents(p.sales * Decimal(str(old.margin - p.margin)))
        findings.append(
            Finding(
                module="finance", kind="margin_erosion", severity="medium",
                entity_type="sku", entity=sku, money_at_stake=money, currency=ctx.currency,
                money_period="month",
                params={"before": _pct(old.margin), "now": _pct(p.margin)},
                evidence=_profit_evidence(p) | {"pnl_margin_before": old.margin},
            )
        )  # fmt: skip
    return findings


@check("finance", "fee_change")
def fee_change(ctx: ReviewContext) -> list[Finding]:
    """SKUs whose FBA fee per unit in the last 14 days is 5 % or more above the 60 days
    before (a size-tier re-measurement). Money at stake: the rise x units a month."""
    recent_start = ctx.as_of - timedelta(days=13)
    session, store_id = ctx.session, ctx.store.id
    now = fees.fba_fee_per_unit(
        session=session, store_id=store_id, start=recent_start, end=ctx.as_of
    )
    before = fees.fba_fee_per_unit(
        session=session, store_id=store_id, start=recent_start - timedelta(days=60),
        end=recent_start - timedelta(days=1),
    )  # fmt: skip
    findings = []
    for sku, (fee_now, units) in now.items():
        fee_before = before.get(sku, (None, 0))[0]
        if not fee_before or fee_now < fee_before * (1 + FEE_RISE) or fee_now - fee_before < 0.05:
            continue
        money = cents((fee_now - fee_before) * units * Decimal(30) / 14)
        findings.append(
            Finding(
                module="finance", kind="fee_change", severity="medium", entity_type="sku",
                entity=sku, money_at_stake=money, currency=ctx.currency, money_period="month",
                params={"before": money_param(cents(fee_before), ctx.currency),
                        "now": money_param(cents(fee_now), ctx.currency)},
                evidence={"fba_fee_before": float(cents(fee_before)),
                          "fba_fee_now": float(cents(fee_now)), "fba_fee_units": units},
            )
        )  # fmt: skip
    return findings


@check("finance", "reimbursement_owed")
def reimbursement_owed(ctx: ReviewContext) -> list[Finding]:
    """Units lost or damaged in FBA between 18 months and 30 days ago that Amazon has not
    reimbursed. Money at stake: units owed x unit cost (or half the price), once."""
    end = ctx.as_of - timedelta(days=CLAIM_AFTER_DAYS)
    rows = fees.unreimbursed_units(session=ctx.session, store_id=ctx.store.id,
                                   start=end - timedelta(days=540), end=end)  # fmt: skip
    findings = []
    for u in rows:
        money = cents((u.unit_value or Decimal(0)) * u.owed)
        findings.append(
            Finding(
                module="finance", kind="reimbursement_owed", severity="medium",
                entity_type="sku", entity=u.sku, money_at_stake=money, currency=ctx.currency,
                money_period="once", params={"owed": u.owed},
                evidence={"units_lost_in_fba": u.lost, "units_reimbursed_by_amazon": u.reimbursed,
                          "value_per_unit_lost": float(u.unit_value) if u.unit_value else None},
            )
        )  # fmt: skip
    return findings


# The funnel diagnosis lives in its own module; importing it registers its check.
from sellerops.finance import funnel_checks as _funnel_checks  # noqa: E402, F401
