"""Daily-review checks of the catalog domain: sales drops and Buy Box loss per child ASIN."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from statistics import fmean

from sellerops.catalog import performance
from sellerops.catalog.performance import DayStats
from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding
from sellerops.daily.registry import check
from sellerops.inventory import service as inventory

BASELINE_WEEKS = 4
MIN_BASELINE_UNITS = 3.0  # below this a weekday average is too thin to call a drop
DROP_RATIO = 0.6  # yesterday at or below 60 % of the same weekdays' average ...
DROP_P_VALUE = 0.01  # ... and that unlikely under Poisson noise around the average
#: Causes that raise their own finding (out of stock, Buy Box loss) with the same money at
#: stake: a sales drop with that cause would count the loss twice.
COVERED_ELSEWHERE = frozenset({"out_of_stock", "buy_box"})
BUY_BOX_FLOOR = 0.8
BUY_BOX_MIN_FALL = 0.15
MIN_SESSIONS = 5

register_evidence(
    {
        "units": ("Units", "销量", "plain"),
        "units_same_weekday_avg": ("Units, usual", "往常销量", "plain"),
        "sales": ("Sales", "销售额", "money"),
        "sales_same_weekday_avg": ("Sales, usual", "往常销售额", "money"),
        "sessions": ("Sessions", "会话", "plain"),
        "sessions_same_weekday_avg": ("Sessions, usual", "往常会话", "plain"),
        "buy_box": ("Buy Box", "购买按钮占比", "percent"),
        "buy_box_usual": ("Buy Box, usual", "往常购买按钮占比", "percent"),
        "daily_sales_usual": ("Daily sales, usual", "往常日销售额", "money"),
        "cause": ("Cause", "原因", "plain"),
        "incomplete_day": ("Incomplete day", "不完整的日期", "plain"),
        "day_asins": ("ASINs in its Business Report", "其业务报告中的 ASIN 数", "plain"),
        "usual_asins": ("ASINs, usual day", "通常每天的 ASIN 数", "plain"),
        "day_sessions": ("Sessions that day", "当天会话", "plain"),
        "usual_sessions": ("Sessions, usual day", "通常每天会话", "plain"),
        "reviewed_day": ("Day reviewed instead", "改为复盘的日期", "plain"),
    }
)
i18n.register_messages(
    {
        "catalog.sales_drop.title": {
            "en": "{entity}: units fell {drop_pct}% against the same weekday of the last "
            "{weeks} weeks ({cause_text})",
            "zh": "{entity}：销量比前 {weeks} 周同一天下降 {drop_pct}%（{cause_text_zh}）",
        },
        "catalog.sales_drop.action": {
            "en": "Follow the cause: {cause_action}",
            "zh": "按原因处理：{cause_action_zh}",
        },
        "catalog.incomplete_day.title": {
            "en": "The Business Report of {day} looks incomplete ({asins} ASINs, usually "
            "{usual_asins}): this review covers {reviewed}, the last complete day",
            "zh": "{day} 的业务报告似乎不完整（{asins} 个 ASIN，通常 {usual_asins} 个）："
            "本次复盘改为最近的完整日期 {reviewed}",
        },
        "catalog.incomplete_day.action": {
            "en": "Download that day's Business Report again once Amazon has finished it "
            "(usually the next day) and import it; the review then moves to that day.",
            "zh": "待亚马逊生成完整报告后（通常为次日）重新下载该日业务报告并导入，复盘即会移到该日。",
        },
        "catalog.buy_box_loss.title": {
            "en": "{entity}: Buy Box share down to {buy_box_pct}% (was {baseline_pct}%)",
            "zh": "{entity}：购买按钮占比降至 {buy_box_pct}%（此前 {baseline_pct}%）",
        },
        "catalog.buy_box_loss.action": {
            "en": "Check the offers on this ASIN: match a lower Buy Box price if the margin "
            "floor allows; report an unauthorized seller through Brand Registry.",
            "zh": "检查该 ASIN 的其他卖家报价：在利润底线内跟价；如有未授权跟卖，通过品牌备案投诉。",
        },
    }
)

CAUSES = {
    "out_of_stock": ("out of stock", "缺货", "restock; see the stock finding", "补货，见库存提醒"),
    "buy_box": (
        "Buy Box lost",
        "购买按钮丢失",
        "win back the Buy Box (price, hijacker)",
        "夺回购买按钮（价格、跟卖）",
    ),
    "traffic": (
        "sessions fell",
        "流量下降",
        "check ads, rank and whether the listing is suppressed",
        "检查广告、排名及商品是否被压制",
    ),
    "conversion": (
        "conversion fell",
        "转化率下降",
        "check price, new negative reviews and the listing content",
        "检查价格、新差评和页面内容",
    ),
    "unexplained": ("cause not yet clear", "原因待查", "look at the listing", "查看商品页面"),
}

i18n.register_messages(
    {f"evidence.cause.{code}": {"en": texts[0], "zh": texts[1]} for code, texts in CAUSES.items()}
)


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean)."""
    term = total = math.exp(-mean)
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return min(1.0, total)


def is_significant_drop(actual: int, baseline: list[int]) -> bool:
    """A drop worth a person's time: large, and unlikely to be day-to-day noise."""
    if len(baseline) < 3:
        return False
    mean = fmean(baseline)
    if mean < MIN_BASELINE_UNITS or actual > DROP_RATIO * mean:
        return False
    return poisson_cdf(actual, mean) < DROP_P_VALUE


def diagnose(today: DayStats | None, base: list[DayStats], out_of_stock: bool) -> str:
    """Follow the chain stock -> Buy Box -> traffic -> conversion to the first broken link."""
    if out_of_stock:
        return "out_of_stock"
    now = today or DayStats(0, Decimal(0), 0, None, None)
    bb_base = [d.buy_box for d in base if d.buy_box is not None]
    if now.buy_box is not None and bb_base and fmean(bb_base) - now.buy_box > BUY_BOX_MIN_FALL:
        return "buy_box"
    sessions_base = fmean([d.sessions for d in base])
    if sessions_base > 0 and now.sessions < 0.7 * sessions_base:
        return "traffic"
    conv_base = [d.units / d.sessions for d in base if d.sessions]
    if conv_base and now.sessions and now.units / now.sessions < 0.7 * fmean(conv_base):
        return "conversion"
    return "unexplained"


def _window(ctx: ReviewContext) -> dict[str, dict[date, DayStats]]:
    start = ctx.as_of - timedelta(days=7 * BASELINE_WEEKS)
    return ctx.memo(
        "catalog.asin_days",
        lambda: performance.asin_days(
            session=ctx.session, store_id=ctx.store.id, start=start, end=ctx.as_of
        ),
    )


def _empty() -> DayStats:
    return DayStats(0, Decimal(0), 0, None, None)


@check("catalog", "sales_drop")
def sales_drop(ctx: ReviewContext) -> list[Finding]:
    """Child ASINs whose units on the review day fell well below the same weekday before.

    Each drop is followed to its first broken link (stock, Buy Box, traffic, conversion);
    drops caused by an empty shelf or a lost Buy Box are left to those findings.

    Money at stake: the weekday-average sales minus the day's sales (store currency, per day).
    """
    days = _window(ctx)
    empty_asins = {p.asin for p in inventory.review_positions(ctx) if p.fulfillable <= 0}
    weekdays = performance.same_weekdays(ctx.as_of, BASELINE_WEEKS)
    first_day = min((d for rows in days.values() for d in rows), default=ctx.as_of)
    weekdays = [d for d in weekdays if d >= first_day]  # before the data began is unknown
    # an incomplete report (one SKU of a partial download) says nothing of the ASINs it
    # lacks: they did not sell 0, they are simply not in it
    partial = performance.incomplete_day(session=ctx.session, store_id=ctx.store.id,
                                         day=ctx.as_of) is not None  # fmt: skip
    findings = []
    for asin, rows in days.items():
        base = [rows.get(d) or _empty() for d in weekdays]
        today = rows.get(ctx.as_of)
        if today is None and partial:
            continue
        units = today.units if today else 0
        if not is_significant_drop(units, [b.units for b in base]):
            continue
        cause = diagnose(today, base, asin in empty_asins)
        if cause in COVERED_ELSEWHERE:
            continue
        findings.append(_drop_finding(ctx, asin, today, base, cause))
    return findings


def _drop_finding(
    ctx: ReviewContext, asin: str, today: DayStats | None, base: list[DayStats], cause: str
) -> Finding:
    now = today or _empty()
    mean_units = fmean([b.units for b in base])
    mean_sales = sum((b.sales for b in base), Decimal(0)) / len(base)
    en, zh, act_en, act_zh = CAUSES[cause]
    return Finding(
        module="catalog",
        kind="sales_drop",
        severity="high" if now.units <= 0.3 * mean_units else "medium",
        entity_type="asin",
        entity=asin,
        money_at_stake=max(Decimal(0), mean_sales - now.sales).quantize(Decimal("0.01")),
        money_period="day",
        currency=ctx.currency,
        params={
            "drop_pct": round(100 * (1 - now.units / mean_units)),
            "weeks": len(base),
            "cause": cause,
            "cause_text": en,
            "cause_action": act_en,
            "cause_text_zh": zh,
            "cause_action_zh": act_zh,
        },
        evidence={
            "units": now.units,
            "units_same_weekday_avg": round(mean_units, 1),
            "sales": float(now.sales),
            "sales_same_weekday_avg": float(round(mean_sales, 2)),
            "sessions": now.sessions,
            "sessions_same_weekday_avg": round(fmean([b.sessions for b in base]), 1),
            "buy_box": now.buy_box,
            "cause": cause,
        },
    )


@check("catalog", "buy_box_loss")
def buy_box_loss(ctx: ReviewContext) -> list[Finding]:
    """Child ASINs whose Buy Box share on the review day fell well below its usual level.

    Money at stake: usual daily sales times the share of the Buy Box lost (per day).
    """
    findings = []
    start_base, end_base = ctx.as_of - timedelta(days=28), ctx.as_of - timedelta(days=3)
    for asin, rows in _window(ctx).items():
        today = rows.get(ctx.as_of)
        if today is None or today.buy_box is None or today.sessions < MIN_SESSIONS:
            continue
        base = [s for d, s in rows.items() if start_base <= d <= end_base and s.buy_box is not None]
        if len(base) < 7:
            continue
        weight = sum(s.sessions for s in base) or 1
        bb_base = sum((s.buy_box or 0) * s.sessions for s in base) / weight
        if today.buy_box >= BUY_BOX_FLOOR or bb_base - today.buy_box < BUY_BOX_MIN_FALL:
            continue
        daily_sales = sum((s.sales for s in base), Decimal(0)) / len(base)
        lost_share = Decimal(str(1 - today.buy_box / bb_base)) if bb_base else Decimal(0)
        findings.append(
            Finding(
                module="catalog",
                kind="buy_box_loss",
                severity="high" if today.buy_box < 0.5 else "medium",
                entity_type="asin",
                entity=asin,
                money_at_stake=(daily_sales * lost_share).quantize(Decimal("0.01")),
                money_period="day",
                currency=ctx.currency,
                params={
                    "buy_box_pct": round(100 * today.buy_box),
                    "baseline_pct": round(100 * bb_base),
                },
                evidence={
                    "buy_box": round(today.buy_box, 4),
                    "buy_box_usual": round(bb_base, 4),
                    "sessions": today.sessions,
                    "units": today.units,
                    "daily_sales_usual": float(round(daily_sales, 2)),
                },
            )
        )
    return findings


# Lifecycle and listing-quality checks live in their own modules (this file would pass 400
# lines); importing them registers them.
from sellerops.catalog import lifecycle_checks as _lifecycle_checks  # noqa: E402, F401
from sellerops.catalog import listing_checks as _listing_checks  # noqa: E402, F401
from sellerops.catalog import pricing_checks as _pricing_checks  # noqa: E402, F401


@check("catalog", "incomplete_day")
def incomplete_day(ctx: ReviewContext) -> list[Finding]:
    """The day after the review day has a Business Report that looks incomplete (far fewer
    ASINs and sessions than the usual day): the review stayed on the last complete day
    (``performance.latest_day``) and says so. No money at stake."""
    from sqlalchemy import func, select

    from sellerops.catalog.models import SalesTrafficDaily

    newer = ctx.session.scalar(
        select(func.min(SalesTrafficDaily.day)).where(
            SalesTrafficDaily.store_id == ctx.store.id, SalesTrafficDaily.day > ctx.as_of
        )
    )
    if newer is None:
        return []
    gap = performance.incomplete_day(session=ctx.session, store_id=ctx.store.id, day=newer)
    if gap is None:
        return []
    return [
        Finding(
            module="catalog",
            kind="incomplete_day",
            severity="medium",
            entity_type="store",
            entity=newer.isoformat(),
            money_at_stake=Decimal(0),
            money_period="day",
            currency=ctx.currency,
            params={
                "day": newer.isoformat(),
                "asins": gap.asins,
                "usual_asins": round(gap.usual_asins),
                "reviewed": ctx.as_of.isoformat(),
            },
            evidence={
                "incomplete_day": newer.isoformat(),
                "day_asins": gap.asins,
                "usual_asins": round(gap.usual_asins),
                "day_sessions": gap.sessions,
                "usual_sessions": round(gap.usual_sessions),
                "reviewed_day": ctx.as_of.isoformat(),
            },
        )
    ]
