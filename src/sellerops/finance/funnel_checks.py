"""Daily-review check: where an ASIN's funnel broke over the last 7 days against its history."""

from __future__ import annotations

from decimal import Decimal

from sellerops.catalog.checks import BUY_BOX_FLOOR
from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding, Severity
from sellerops.daily.registry import check
from sellerops.finance import funnel_service
from sellerops.finance.funnel import (
    BUY_BOX_FALL,
    Diagnosis,
    FunnelDay,
    Signals,
    diagnose,
    price_change,
)
from sellerops.finance.funnel_service import Period
from sellerops.inventory import service as inventory

#: stage or conversion cause -> (English, Chinese, action English, action Chinese)
EXPLAIN: dict[str, tuple[str, str, str, str]] = {
    "buy_box": ("the Buy Box share fell", "购买按钮占比下降",
                "win the Buy Box back: match a lower offer within the margin floor, report "
                "unauthorized sellers", "夺回购买按钮：在利润底线内跟价，投诉未授权跟卖"),
    "ctr": ("fewer shoppers click the ads (CTR down)", "广告点击率下降",
            "check the main image, title and the price shown in the ads against competitors",
            "对比竞品检查广告中的主图、标题和展示价格"),
    "organic": ("sessions fell while ad clicks held: organic rank lost",
                "广告点击稳定但会话下降：自然排名下滑",
                "check the keyword rank, listing suppression and lost badges; support the "
                "main keywords with ads until rank recovers",
                "检查关键词排名、商品是否被压制及标识是否丢失；排名恢复前用广告支撑主要关键词"),
    "ad_reach": ("ad impressions and clicks fell", "广告曝光和点击下降",
                 "check for a suppressed listing (its ads stop serving), budgets running "
                 "out, lowered bids and paused campaigns",
                 "检查商品是否被压制（广告会停止投放）、预算是否耗尽、竞价是否降低、活动是否暂停"),
    "traffic": ("sessions fell", "会话下降",
                "check rank, listing suppression and any ads that stopped",
                "检查排名、商品是否被压制以及停掉的广告"),
    "stock": ("shoppers came but bought less: stock ran out on some days",
              "流量在但转化下降：部分天数缺货", "restock; see the stock findings",
              "补货，见库存提醒"),
    "price": ("shoppers came but bought less: our price is above the Buy Box or rose",
              "流量在但转化下降：价格高于购买按钮价或上涨",
              "compare our price with the Buy Box and competitors; revert a recent increase",
              "对比购买按钮价和竞品价格；撤回近期涨价"),
    "reviews": ("shoppers came but bought less: new negative reviews",
                "流量在但转化下降：新增差评",
                "read and answer the new 1-3 star reviews; fix the cause they name",
                "阅读并回复新增的1-3星评价，解决其中提到的问题"),
    "returns": ("shoppers came but bought less: returns rose", "流量在但转化下降：退货增加",
                "read the return reasons and buyer comments; fix the listing or the product",
                "查看退货原因和买家留言，修正页面描述或产品"),
    "unclear": ("shoppers came but bought less: cause not yet clear",
                "流量在但转化下降：原因待查",
                "check price, coupons, the listing content and competitors' offers",
                "检查价格、优惠券、页面内容和竞品报价"),
}  # fmt: skip

register_evidence(
    {
        "funnel_orders_per_day": ("Orders/day, last 7 d", "近7天日均订单", "plain"),
        "funnel_orders_per_day_before": ("Orders/day, 28 d before", "此前28天日均订单", "plain"),
        "funnel_orders_expected": ("Orders/day expected", "预期日均订单", "plain"),
        "funnel_impressions_per_day": ("Ad impressions/day, last 7 d", "近7天日均广告曝光", "plain"),
        "funnel_impressions_per_day_before": (
            "Ad impressions/day, 28 d before", "此前28天日均广告曝光", "plain"),
        "funnel_ctr": ("Ad CTR, last 7 d", "近7天广告点击率", "percent"),
        "funnel_ctr_before": ("Ad CTR, 28 d before", "此前28天广告点击率", "percent"),
        "funnel_clicks_per_day": ("Ad clicks/day, last 7 d", "近7天日均广告点击", "plain"),
        "funnel_clicks_per_day_before": ("Ad clicks/day, 28 d before", "此前28天日均广告点击", "plain"),
        "funnel_sessions_per_day": ("Sessions/day, last 7 d", "近7天日均会话", "plain"),
        "funnel_sessions_per_day_before": ("Sessions/day, 28 d before", "此前28天日均会话", "plain"),
        "funnel_conversion": ("Orders per session, last 7 d", "近7天订单转化率", "percent"),
        "funnel_conversion_before": ("Orders per session, 28 d before", "此前28天订单转化率", "percent"),
        "funnel_buy_box": ("Buy Box, last 7 d", "近7天购买按钮占比", "percent"),
        "funnel_buy_box_before": ("Buy Box, 28 d before", "此前28天购买按钮占比", "percent"),
        "funnel_order_value": ("Average order value", "平均订单金额", "money"),
        "funnel_break": ("Where it breaks", "断点", "plain"),
        "funnel_out_of_stock_days": ("Days out of stock, last 7 d", "近7天缺货天数", "plain"),
        "funnel_price_vs_buy_box": ("Our price vs Buy Box", "我方价格对比购买按钮价", "percent"),
        "funnel_price_change": ("Average price change", "平均售价变化", "percent"),
        "funnel_negative_reviews": ("New 1-3 star reviews", "新增1-3星评价", "plain"),
        "funnel_returns": ("Units returned, last 7 d", "近7天退货件数", "plain"),
        "funnel_return_reason": ("Top return reason", "主要退货原因", "plain"),
    }
)  # fmt: skip
i18n.register_messages(
    {f"evidence.funnel_break.{code}": {"en": t[0], "zh": t[1]} for code, t in EXPLAIN.items()}
    | {
        "finance.funnel_break.title": {
            "en": "{entity}: {drop_pct}% fewer orders in the last 7 days than its previous 28 "
            "days predict; {break_text}",
            "zh": "{entity}：近7天订单比按此前28天水平预期少 {drop_pct}%；{break_text_zh}",
        },
        "finance.funnel_break.action": {
            "en": "Fix the broken link first: {break_action}",
            "zh": "先处理断点：{break_action_zh}",
        },
    }
)


@check("finance", "funnel_break")
def funnel_break(ctx: ReviewContext) -> list[Finding]:
    """Child ASINs whose orders over the last 7 days fell well below the 28 days before,
    with the first broken link of the funnel (Buy Box, ad CTR, sessions, conversion).

    Drops on an empty shelf today, or with a Buy Box lost today, are left to the stock and
    Buy Box findings (same money). Money at stake: orders lost per day x the history's
    average order value (store currency, per day).
    """
    period = Period(ctx.as_of)
    session, store_id = ctx.session, ctx.store.id
    days = funnel_service.funnel_days(
        session=session, store_id=store_id, start=period.base_start, end=ctx.as_of
    )
    signals = funnel_service.signals(session=session, store_id=store_id, period=period)
    empty = {p.asin for p in inventory.review_positions(ctx) if p.fulfillable <= 0}
    findings = []
    for asin, rows in sorted(days.items()):
        recent, base = funnel_service.windows(rows, period)
        found = diagnose(recent, base, signals.get(asin, Signals()))
        if found is None or asin in empty or _buy_box_lost_today(found, rows.get(ctx.as_of)):
            continue
        findings.append(_finding(ctx, asin, found, signals.get(asin, Signals())))
    return findings


def _buy_box_lost_today(found: Diagnosis, today: FunnelDay | None) -> bool:
    """The catalog's Buy Box finding covers a Buy Box that is low on the review day, whatever
    link the 7-day sums point at (a loss that began a day or two ago barely moves them)."""
    if today is None or today.buy_box is None or found.base.buy_box is None:
        return False
    return today.buy_box < BUY_BOX_FLOOR and found.base.buy_box - today.buy_box >= BUY_BOX_FALL


def _finding(ctx: ReviewContext, asin: str, d: Diagnosis, s: Signals) -> Finding:
    code = d.cause or d.stage
    en, zh, act_en, act_zh = EXPLAIN[code]
    expected = d.expected_orders_per_day
    drop = d.lost_orders_per_day / expected if expected else 0.0
    return Finding(
        module="finance", kind="funnel_break",
        severity=_severity(drop, d.money_per_day),
        entity_type="asin", entity=asin, money_at_stake=d.money_per_day,
        currency=ctx.currency, money_period="day",
        params={"drop_pct": round(100 * drop), "break": code, "break_text": en,
                "break_text_zh": zh, "break_action": act_en, "break_action_zh": act_zh},
        evidence=_evidence(d, s, code),
    )  # fmt: skip


def _severity(drop: float, money_per_day: Decimal) -> Severity:
    """High when it costs 100 a day (about 3,000 a month), or halves orders worth 30 a day."""
    big = money_per_day >= 100 or (drop >= 0.5 and money_per_day >= 30)
    return "high" if big else "medium"


def _evidence(d: Diagnosis, s: Signals, code: str) -> dict[str, object]:
    r, b = d.recent, d.base
    value = b.order_value or Decimal(0)
    out: dict[str, object] = {
        "funnel_break": code,
        "funnel_orders_per_day": round(r.per_day(r.orders), 1),
        "funnel_orders_per_day_before": round(b.per_day(b.orders), 1),
        "funnel_orders_expected": round(d.expected_orders_per_day, 1),
        "funnel_sessions_per_day": round(r.per_day(r.sessions), 1),
        "funnel_sessions_per_day_before": round(b.per_day(b.sessions), 1),
        "funnel_conversion": _round(r.conversion), "funnel_conversion_before": _round(b.conversion),
        "funnel_order_value": float(value.quantize(Decimal("0.01"))),
    }  # fmt: skip
    if b.impressions:
        out |= {
            "funnel_impressions_per_day": round(r.per_day(r.impressions)),
            "funnel_impressions_per_day_before": round(b.per_day(b.impressions)),
            "funnel_clicks_per_day": round(r.per_day(r.clicks), 1),
            "funnel_clicks_per_day_before": round(b.per_day(b.clicks), 1),
            "funnel_ctr": _round(r.ctr), "funnel_ctr_before": _round(b.ctr),
        }  # fmt: skip
    if r.buy_box is not None and b.buy_box is not None:
        out |= {"funnel_buy_box": _round(r.buy_box), "funnel_buy_box_before": _round(b.buy_box)}
    if d.stage == "conversion":
        out |= {
            "funnel_out_of_stock_days": s.out_of_stock_days or None,
            "funnel_price_vs_buy_box": _round(s.price_vs_buy_box),
            "funnel_price_change": _round(price_change(r, b)),
            "funnel_negative_reviews": s.negative_reviews or None,
            "funnel_returns": s.returns_recent or None, "funnel_return_reason": s.top_return_reason,
        }  # fmt: skip
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
