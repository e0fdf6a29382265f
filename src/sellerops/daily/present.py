"""The review as plain data: what the terminal, the web page, JSON and chat all show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sellerops.catalog import performance
from sellerops.core import i18n
from sellerops.core.marketplaces import get_marketplace
from sellerops.daily.finding import MODULE_NAMES, Finding
from sellerops.daily.service import Review, ReviewItem

i18n.register_messages(
    {
        "review.heading": {
            "en": "Daily review · {store} · {day}",
            "zh": "每日复盘 · {store} · {day}",
        },
        "review.none": {
            "en": "Nothing needs your attention today.",
            "zh": "今天没有需要处理的事项。",
        },
        "review.count": {
            "en": "{count} findings, {new} new · money at stake {money}",
            "en_one": "{count} finding, {new} new · money at stake {money}",
            "zh": "共 {count} 项，新增 {new} 项 · 涉及金额{money}",
        },
        "review.count.worked": {
            "en": "{count} findings: {new} new, {acknowledged} acknowledged, {other} seen before "
            "· money at stake {money}",
            "en_one": "{count} finding: {new} new, {acknowledged} acknowledged, {other} seen "
            "before · money at stake {money}",
            "zh": "共 {count} 项：新增 {new} 项，已确认 {acknowledged} 项，此前已出现 {other} 项 "
            "· 涉及金额{money}",
        },
        "review.assignee": {"en": "assigned to {user}", "zh": "负责人：{user}"},
        "review.assignee.none": {"en": "unassigned", "zh": "未分配"},
        # recurring money a month: per-day amounts x 30 plus per-month amounts
        "review.money.monthly": {
            "en": "≈ {amount} per month (per-day amounts × 30 + monthly amounts)",
            "zh": "约每月 {amount}（按天金额 × 30 + 按月金额）",
        },
        # one-off amounts, each counted once, never spread over months
        "review.money.once": {"en": "{amount} one-off", "zh": "一次性 {amount}"},
        "review.money.and": {"en": " + ", "zh": " + "},
        "review.totals": {
            "en": "Sales {sales} ({vs_prev} vs day before, {vs_week} vs same weekday last week) · "
            "units {units} · sessions {sessions}",
            "zh": "销售额 {sales}（环比前一天 {vs_prev}，较上周同日 {vs_week}）· "
            "销量 {units} · 会话 {sessions}",
        },
        # a rate changes by percentage points (as on the Today page and in the reports)
        "review.totals.conversion": {
            "en": " · conversion {rate} ({vs_prev} vs day before, {vs_week} vs same weekday "
            "last week)",
            "zh": " · 转化率 {rate}（环比前一天 {vs_prev}，较上周同日 {vs_week}）",
        },
        "review.per.day": {"en": "/day", "zh": "/天"},
        "review.per.month": {"en": "/month", "zh": "/月"},
        "review.per.once": {"en": " one-off", "zh": "（一次性）"},
        **{f"module.{key}": names for key, names in MODULE_NAMES.items()},
        "review.new": {"en": "NEW", "zh": "新"},
        # where the terminal review is cut at --limit: how to see the rest
        "review.more": {
            "en": "… +{count} more: `{command}` lists them all, or open the Today page of "
            "the web app (sellerops serve)",
            "zh": "… 另有 {count} 项未列出：运行 `{command}` 查看全部，或打开网页版的“今日”页面"
            "（sellerops serve）",
        },
        "review.overlaps": {
            "en": "↳ the same money as #{id}: not added to the total again",
            "zh": "↳ 与 #{id} 属同一笔金额：不重复计入合计",
        },
        "severity.critical": {"en": "critical", "zh": "紧急"},
        "severity.high": {"en": "high", "zh": "高"},
        "severity.medium": {"en": "medium", "zh": "中"},
        "severity.low": {"en": "low", "zh": "低"},
        "status.new": {"en": "new", "zh": "新"},
        "status.acknowledged": {"en": "acknowledged", "zh": "已确认"},
        "status.snoozed": {"en": "snoozed", "zh": "已推迟"},
        "status.done": {"en": "done", "zh": "已完成"},
    }
)


def review_to_dict(review: Review, lang: str) -> dict[str, Any]:
    """The JSON shape of a review (``sellerops review --json``, the API, chat pushes)."""
    return {
        "date": review.as_of.isoformat(),
        "store": review.store.name,
        "marketplace": review.store.marketplace_code,
        "findings": [item_to_dict(item, review, lang) for item in review.items],
        "errors": review.errors,
    }


def item_to_dict(item: ReviewItem, review: Review, lang: str) -> dict[str, Any]:
    f = item.finding
    return {
        "id": item.id,
        "key": f.key,
        "module": f.module,
        "kind": f.kind,
        "severity": f.severity,
        "entity": f.entity,
        "entity_type": f.entity_type,
        "title": f.title(lang),
        "evidence": f.evidence,
        "money_at_stake": float(f.money_at_stake),
        "money_period": f.money_period,
        "currency": f.currency,
        "action": f.action(lang),
        "status": item.status,
        "new": item.is_new(review.as_of),
        "first_seen": item.first_seen.isoformat(),
        "score": round(item.score, 2),
        # the key of the finding whose money this one shares; its money is not in the total
        "overlaps": item.overlaps,
        # email of the user the finding is assigned to (null: nobody)
        "assignee": item.assignee,
    }


#: Findings about the data itself, said above the list (they carry no money, so they rank last).
DATA_NOTES = frozenset({("catalog", "incomplete_day")})


def data_notes(review: Review, lang: str) -> list[str]:
    """Titles of the findings about the review's data (e.g. the newest day is incomplete and
    the review covers the day before), for the top of the review."""
    return [
        i.finding.title(lang)
        for i in review.items
        if (i.finding.module, i.finding.kind) in DATA_NOTES
    ]


def count_text(review: Review, money: str, lang: str) -> str:
    """``102 findings, 101 new · …``; once some are acknowledged, how many of each."""
    items = review.items
    new = sum(1 for i in items if i.is_new(review.as_of))
    acknowledged = sum(1 for i in items if i.status == "acknowledged")
    if not acknowledged:
        return i18n.t("review.count", lang, count=len(items), new=new, money=money)
    return i18n.t(
        "review.count.worked",
        lang,
        count=len(items),
        new=new,
        acknowledged=acknowledged,
        other=len(items) - new - acknowledged,
        money=money,
    )


def money_label(item: ReviewItem, lang: str) -> str:
    f = item.finding
    return i18n.money(f.money_at_stake, f.currency, lang) + i18n.t(
        f"review.per.{f.money_period}", lang
    )


def totals_line(*, session: Session, review: Review, lang: str) -> str | None:
    """Yesterday's sales against the day before and the same weekday a week earlier."""
    store_id, day = review.store.id, review.as_of
    now = performance.store_totals(session=session, store_id=store_id, day=day)
    if now.units == 0 and now.sessions == 0:
        return None
    prev = performance.store_totals(session=session, store_id=store_id, day=day - timedelta(1))
    week = performance.store_totals(session=session, store_id=store_id, day=day - timedelta(7))
    currency = get_marketplace(review.store.marketplace_code).currency
    return i18n.t(
        "review.totals",
        lang,
        sales=i18n.money(now.sales, currency, lang),
        vs_prev=_change(now.sales, prev.sales, lang),
        vs_week=_change(now.sales, week.sales, lang),
        units=i18n.number(now.units, lang, 0),
        sessions=i18n.number(now.sessions, lang, 0),
    ) + _conversion(now, prev, week, lang)


def _conversion(now: Any, prev: Any, week: Any, lang: str) -> str:
    """Units per session and its change in percentage points ("" without sessions)."""
    from sellerops.reports.messages import points_change

    if not now.sessions:
        return ""

    def rate(t: Any) -> float:
        return float(t.units) / float(t.sessions)

    def vs(t: Any) -> str:
        return points_change(rate(now), rate(t), lang) if t.sessions else "–"

    return i18n.t("review.totals.conversion", lang, rate=i18n.percent(rate(now), lang),
                  vs_prev=vs(prev), vs_week=vs(week))  # fmt: skip


def _change(now: Any, before: Any, lang: str) -> str:
    if not before:
        return "–"
    ratio = float(now) / float(before) - 1
    sign = "+" if ratio >= 0 else ""
    return sign + i18n.percent(ratio, lang)


@dataclass(frozen=True, slots=True)
class MoneyTotals:
    """Money at stake of a list of findings, like added to like.

    ``monthly`` is the recurring money a month: per-day amounts x 30 plus per-month amounts;
    ``once`` the one-off amounts (a fee, a reimbursement owed), each counted once and never
    spread over months. Findings that share one pool of money (``daily.overlap``) count once.
    """

    monthly: Decimal = Decimal(0)
    once: Decimal = Decimal(0)


def money_totals(findings: Iterable[tuple[Finding, str | None]]) -> MoneyTotals:
    """Totals of ``(finding, key of the finding whose money it shares or None)`` pairs: a
    finding sharing the money of another one in the list is not added again."""
    pairs = list(findings)
    shown = {f.key for f, _ in pairs}
    monthly, once = Decimal(0), Decimal(0)
    for f, overlaps in pairs:
        if overlaps is not None and overlaps in shown:
            continue
        if f.money_period == "once":
            once += f.money_at_stake
        elif f.money_period == "day":
            monthly += f.money_at_stake * 30
        else:
            monthly += f.money_at_stake
    return MoneyTotals(monthly, once)


def review_money(review: Review) -> MoneyTotals:
    """The money at stake of the review's findings (what the CLI, the web and reports show)."""
    return money_totals((item.finding, item.overlaps) for item in review.items)


def money_text(totals: MoneyTotals, currency: str, lang: str) -> str:
    """``≈ $900.00 per month (per-day amounts × 30 + monthly amounts) + $120.00 one-off``:
    every total says its period; the one-off part only when there is one."""
    parts = [
        i18n.t("review.money.monthly", lang, amount=i18n.money(totals.monthly, currency, lang))
    ]
    if totals.once:
        parts.append(
            i18n.t("review.money.once", lang, amount=i18n.money(totals.once, currency, lang))
        )
    return i18n.t("review.money.and", lang).join(parts)


def total_monthly(review: Review) -> float:
    """The recurring money at stake a month (per-day x 30 + per-month; one-off amounts are
    apart, in :func:`review_money`), each pool of money counted once."""
    return float(review_money(review).monthly)
