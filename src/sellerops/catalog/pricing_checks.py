"""Daily-review checks of prices: SKUs priced under their landed-cost floor, and repricing
proposals from the SKUs' rules.

Registered through :mod:`sellerops.catalog.checks`, which imports this module; the floor and
rule arithmetic is in :mod:`sellerops.catalog.pricing`, the loading in
:mod:`sellerops.catalog.pricing_service`.
"""

from __future__ import annotations

from decimal import Decimal

from sellerops.catalog import pricing_service
from sellerops.catalog.pricing import REASONS
from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding, money_param
from sellerops.daily.registry import check

CENT = Decimal("0.01")
MIN_GAP = Decimal("0.05")  # under 5 cents below the floor is rounding, not a pricing problem

register_evidence(
    {
        "price": ("Price", "售价", "money"),
        "listing_price": ("Listing price", "标价", "money"),
        "selling_price": ("Average selling price", "平均售价", "money"),
        "selling_units": ("Units behind the average price", "平均售价所依据的销量", "plain"),
        "landed_cost_floor": ("Landed-cost floor", "到岸成本底价", "money"),
        "unit_cogs": ("COGS per unit", "单件采购成本", "money"),
        "unit_freight": ("First-leg freight per unit", "单件头程运费", "money"),
        "unit_duty": ("Duty per unit", "单件关税", "money"),
        "unit_fba_fee": ("FBA fee per unit", "单件 FBA 配送费", "money"),
        "unit_storage": ("Storage per unit", "单件仓储费", "money"),
        "unit_ad_cost": ("Ad cost per unit", "单件广告费", "money"),
        "unit_returns": ("Refunds and other fees per unit", "单件退款及其他费用", "money"),
        "referral_rate": ("Referral fee rate", "销售佣金比例", "percent"),
        "units_30d": ("Units, last 30 days", "近 30 天销量", "plain"),
        "buy_box_price": ("Buy Box price", "购买按钮价格", "money"),
        "proposed_price": ("Proposed price", "建议价格", "money"),
        "price_reason": ("Why", "调价原因", "plain"),
    }
)
i18n.register_messages(
    {
        "catalog.price_below_floor.title": {
            "en": "{entity}: price {price} is under its landed-cost floor {floor}",
            "zh": "{entity}：售价 {price} 低于到岸成本底价 {floor}",
        },
        # the floor held against what its units actually sold for (coupons, promotions)
        "catalog.price_below_floor.title.sold": {
            "en": "{entity}: sells at {price} on average (listing price {listing}), under its "
            "landed-cost floor {floor}",
            "zh": "{entity}：平均售价 {price}（标价 {listing}）低于到岸成本底价 {floor}",
        },
        "catalog.price_below_floor.action": {
            "en": "Raise the price to at least {floor}, or cut the cost that sinks it "
            "(largest: {largest}); every unit sold now loses money.",
            "zh": "将售价提高到至少 {floor}，或降低拖累利润的成本（最大项：{largest_zh}）；"
            "目前每卖一件都在亏钱。",
        },
        "catalog.repricing_proposal.title": {
            "en": "{entity}: reprice {price} -> {proposed} ({reason_text})",
            "zh": "{entity}：建议调价 {price} -> {proposed}（{reason_text_zh}）",
        },
        "catalog.repricing_proposal.action": {
            "en": "Apply the proposed price {proposed}; it stays at or above the floor {floor}.",
            "zh": "采用建议价格 {proposed}；不低于到岸成本底价 {floor}。",
        },
    }
)
i18n.register_messages(
    {f"evidence.price_reason.{code}": {"en": en, "zh": zh} for code, (en, zh) in REASONS.items()}
)
COST_NAMES = {
    "cogs": ("COGS", "采购成本"),
    "freight": ("first-leg freight", "头程运费"),
    "duty": ("duty", "关税"),
    "fba_fee": ("FBA fee", "FBA 配送费"),
    "storage": ("storage", "仓储费"),
    "ad_cost": ("ad cost", "广告费"),
    "returns": ("refunds and other fees", "退款及其他费用"),
}


def _floors(ctx: ReviewContext) -> list[pricing_service.FloorLine]:
    return ctx.memo(
        "catalog.price_floors",
        lambda: pricing_service.floors(
            session=ctx.session, store_id=ctx.store.id, currency=ctx.currency, as_of=ctx.as_of
        ),
    )


@check("catalog", "price_below_floor")
def price_below_floor(ctx: ReviewContext) -> list[Finding]:
    """SKUs that sell under the landed-cost floor (all costs + the rule's minimum margin): their
    average selling price, else their listing price, is under it.

    Money at stake: the gap to the floor times the units sold in the last 30 days (per month).
    """
    findings = []
    for line in _floors(ctx):
        if line.gap < MIN_GAP:
            continue
        parts = line.costs.breakdown()
        largest = max(parts, key=lambda k: parts[k])
        findings.append(
            Finding(
                module="catalog",
                kind="price_below_floor",
                severity="high"
                if line.units_30d and line.checked_price < line.floor * Decimal("0.9")
                else "medium",
                entity_type="sku",
                entity=line.sku,
                money_at_stake=(line.gap * line.units_30d).quantize(CENT),
                money_period="month",
                currency=ctx.currency,
                params={
                    "price": money_param(line.checked_price, ctx.currency),
                    "listing": money_param(line.price, ctx.currency),
                    "floor": money_param(line.floor, ctx.currency),
                    "largest": COST_NAMES[largest][0],
                    "largest_zh": COST_NAMES[largest][1],
                    **({} if line.selling is None else {"variant": "sold"}),
                },
                evidence=_evidence(line),
            )
        )
    return findings


@check("catalog", "repricing_proposal")
def repricing_proposal(ctx: ReviewContext) -> list[Finding]:
    """SKUs whose repricing rule asks for a new price today (stored as proposals).

    Money at stake: the change in unit profit times the last 30 days' units (per month),
    assuming the volume holds; a cut to win the Buy Box shows the margin it gives up.
    """
    proposals = pricing_service.propose_prices(
        session=ctx.session, store_id=ctx.store.id, currency=ctx.currency, as_of=ctx.as_of
    )
    units = {line.sku: line.units_30d for line in _floors(ctx)}
    findings = []
    for p in proposals:
        en, zh = REASONS[p.reason]
        delta = abs(p.proposed_price - p.current_price) * units.get(p.sku, 0)
        findings.append(
            Finding(
                module="catalog",
                kind="repricing_proposal",
                severity="medium" if p.reason == "floor" else "low",
                entity_type="sku",
                entity=p.sku,
                money_at_stake=delta.quantize(CENT),
                money_period="month",
                currency=ctx.currency,
                params={
                    "price": money_param(p.current_price, ctx.currency),
                    "proposed": money_param(p.proposed_price, ctx.currency),
                    "floor": money_param(p.floor, ctx.currency),
                    "reason_text": en,
                    "reason_text_zh": zh,
                },
                evidence={
                    "price": float(p.current_price),
                    "proposed_price": float(p.proposed_price),
                    "landed_cost_floor": float(p.floor),
                    "buy_box_price": None if p.buy_box_price is None else float(p.buy_box_price),
                    "price_reason": p.reason,
                },
            )
        )
    return findings


def _evidence(line: pricing_service.FloorLine) -> dict[str, object]:
    parts = line.costs.breakdown()
    sold = line.selling
    # the price held against the floor: the listing's, or what units sold for next to it
    held: dict[str, object] = {"price": float(line.price)}
    if sold is not None:
        held = {
            "selling_price": float(sold.price.quantize(CENT)),
            "selling_units": sold.units,
            "listing_price": float(line.price),
        }
    return {
        **held,
        "landed_cost_floor": float(line.floor),
        **{f"unit_{k}": float(v.quantize(CENT)) for k, v in parts.items()},
        "referral_rate": float(line.costs.referral_rate),
        "units_30d": line.units_30d,
        "buy_box_price": None if line.buy_box is None else float(line.buy_box),
    }
