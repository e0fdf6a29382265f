"""Daily-review checks of the advertising domain.

The optimizer runs once per review (memoized): its recommendations are stored for
``sellerops ads recommendations`` and summarised here as findings an operator can act on.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from sellerops.ads import metrics as am
from sellerops.ads import recommendations as recs
from sellerops.ads.models import AdCampaign, AdRecommendation, AdTarget
from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding, money_param
from sellerops.daily.registry import check
from sellerops.inventory import service as inventory

register_evidence(
    {
        "ad_spend_7d": ("Ad spend, last 7 days", "近 7 天广告花费", "money"),
        "profit_before_ads": ("Profit before ads, per unit", "广告前单件利润", "money"),
        "bid_before_pause": ("Bid before the stock pause", "断货暂停前的出价", "money"),
        "campaigns": ("Campaigns", "广告活动", "plain"),
        "terms": ("Search terms", "搜索词数", "plain"),
        "wasted_spend": ("Their spend (60 days)", "其花费（60 天）", "money"),
        "top_terms": ("Worst terms", "花费最多的词", "plain"),
        "probability_threshold": ("Negation threshold", "否定阈值", "percent"),
        "daily_budget": ("Daily budget", "每日预算", "money"),
        "proposed_budget": ("Proposed budget", "建议预算", "money"),
        "days_capped": ("Days out of budget (of 14)", "预算耗尽天数（近14天）", "plain"),
        "acos": ("ACoS", "ACoS", "percent"),
        "target_acos": ("Target ACoS", "目标 ACoS", "percent"),
        "break_even_acos": ("Break-even ACoS", "盈亏平衡 ACoS", "percent"),
        "cvr_raw": ("Conversion rate, its own (before shrinkage)", "自身转化率（收缩前）",
                    "percent"),
        "campaign_target_acos": ("Campaign target ACoS", "广告活动目标 ACoS", "percent"),
        "campaign_break_even_acos": ("Campaign break-even ACoS", "广告活动盈亏平衡 ACoS",
                                     "percent"),
        "campaign_acos_basis": ("Campaign ACoS lines from", "广告活动 ACoS 基准来源", "plain"),
        "campaign_acos_basis.spend_weighted": (
            "its ad groups' products, weighted by each ad group's ad spend (60 days)",
            "其各广告组商品，按各广告组广告花费加权（60 天）", "plain"),
        "campaign_acos_basis.single": ("its products (one break-even ACoS for all its ad groups)",
                                       "其商品（各广告组盈亏平衡 ACoS 相同）", "plain"),
        "campaign_acos_basis.mean": ("its ad groups' products, plain mean (no ad spend yet)",
                                     "其各广告组商品的简单平均（尚无广告花费）", "plain"),
        "cost_source": ("Cost basis", "成本依据", "plain"),
        "cost_source.assumed_margin": ("30 % margin before ads assumed (no cost data)",
                                       "无成本数据，按广告前毛利 30% 估算", "plain"),
        "cost_source.product_cost": ("Costs sheet (landed cost)", "成本表（到岸成本）", "plain"),
        "cost_source.unit_cost": ("Product unit cost", "产品单位成本", "plain"),
        "recommendations": ("Recommendations", "建议条数", "plain"),
        "goal": ("Bidding goal", "出价目标", "plain"),
        "goal.profit": ("Profit: bid each click's marginal value at break-even",
                        "利润：按盈亏平衡下每次点击的边际价值出价", "plain"),
        "goal.target": ("Target ACoS (launch / growth)", "目标 ACoS（新品期 / 成长期）", "plain"),
        "judged_at_acos": ("ACoS the evidence is judged at", "判断所依据的 ACoS", "percent"),
        "orders_elsewhere": ("Orders elsewhere in the account", "账户内其他位置的订单", "plain"),
        "recent_clicks_weighted": ("Clicks of the last 7 days, weighted by orders reported so far",
                                   "近 7 天点击（按已回传订单比例加权）", "plain"),
        "recent_orders_reported": ("Orders of the last 7 days reported so far",
                                   "近 7 天已回传订单", "plain"),
        "source_clicks": ("Clicks on the same search term under auto / broad targets",
                          "同一搜索词在自动 / 广泛投放下的点击", "plain"),
        "source_orders": ("Orders of the same search term under auto / broad targets",
                          "同一搜索词在自动 / 广泛投放下的订单", "plain"),
        "terms_moving_out": ("Search terms today's harvests and negatives take out (left out)",
                             "今日收割与否定移出的搜索词数（不计入）", "plain"),
        "pause_cover_days": ("Ads pause under (days of cover)", "可售天数低于此值暂停广告", "plain"),
        "pause_cause": ("Why the ads pause", "暂停原因", "plain"),
        "pause_cause.out_of_stock": ("out of stock", "断货", "plain"),
        "pause_cause.buybox_lost": ("Buy Box lost", "失去购买按钮", "plain"),
        "pause_cause.cover_short": ("under the days-of-cover line", "可售天数低于暂停线", "plain"),
        "pause_cause.capped": ("stock sells out before a reorder could land, even without ads",
                               "即使不投广告也会在补货到达前售罄", "plain"),
        "loses_money_before_ads": ("Loses money before ads (no break-even ACoS)",
                                   "未计广告即亏损（无盈亏平衡 ACoS）", "plain"),
        "inventory_factor": ("Push from stock (1 = full)", "库存推广系数（1 = 全力）", "percent"),
        "cut_for_acos": ("Cut for ACoS", "因 ACoS 削减", "plain"),
        "cut_for_stock": ("Cut for stock", "因库存削减", "plain"),
        "over_target_from_acos": ("Cut when ACoS reaches", "ACoS 达到此值即削减", "percent"),
        "no_growth_skus": ("End-of-life SKUs (no harvest, no raise)", "生命周期末期 SKU（不收割、不加价）",
                           "plain"),
        "lifecycle_source": ("Lifecycle from", "生命周期来源", "plain"),
        "lifecycle_source.catalog": ("catalog lifecycle (daily review)", "商品生命周期（每日巡检）",
                                     "plain"),
        "lifecycle.end_of_life": ("end of life", "生命周期末期", "plain"),
        "lifecycle.discontinued": ("discontinued", "已停售", "plain"),
        "price_source": ("Price basis", "售价依据", "plain"),
        "price_source.average_selling_price_orders": (
            "average selling price, last 28 days (orders)", "近 28 天平均成交价（订单）", "plain"),
        "price_source.average_selling_price_business_report": (
            "average selling price, last 28 days (Business Report)",
            "近 28 天平均成交价（业务报告）", "plain"),
        "price_source.listing_price": ("listing price (too few units sold in the last 28 days)",
                                       "商品标价（近 28 天销量不足）", "plain"),
        "price_units": ("Units behind the average price", "平均成交价所依据的销量", "plain"),
        "price_sku": ("Price of SKU", "售价所属 SKU", "plain"),
        "order_value": ("Order value", "客单价", "money"),
        "order_value_source": ("Order value from", "客单价来源", "plain"),
        "order_value_source.ad_orders": ("its own ad orders (3 or more)", "自身广告订单（3 单及以上）",
                                         "plain"),
        "order_value_source.selling_price": ("its SKUs' price (fewer than 3 ad orders)",
                                             "其 SKU 售价（广告订单少于 3 单）", "plain"),
        "order_value_source.account": ("the account's ad orders (no price known)",
                                       "账户整体广告订单（无售价）", "plain"),
        "skus_paused_today": ("SKUs this plan pauses (left out)", "本计划暂停的 SKU（不计入）",
                              "plain"),
        "changes_left_out": ("Changes in this ad group left out (all its ads pause)",
                             "此广告组略去的调整（广告全部暂停）", "plain"),
    }
)  # fmt: skip
i18n.register_messages(
    {
        "ads.spend_into_stockout.title": {
            "en": "Ads keep spending on {entity}, which is about to run out ({cover} days of "
            "cover, lead time {lead} days)",
            "zh": "{entity} 即将断货（可售 {cover} 天，交货周期 {lead} 天），广告仍在花费",
        },
        "ads.spend_into_stockout.action": {
            "en": "Approve the optimizer's pause / bid cuts for its ad groups "
            "(sellerops ads recommendations); they come back when stock lands.",
            "zh": "批准优化器对相关广告组的暂停/降价建议（sellerops ads recommendations）；到货后自动恢复。",
        },
        # Once the pauses are approved or in a bulk file (``params["variant"]``, see _step).
        "ads.spend_into_stockout.action.approved": {
            "en": "The pause was approved on {day} by {who}: write the bulk file (sellerops ads "
            "bulkfile OUT.xlsx, or Bulk files on the Advertising page) and upload it in the "
            "Ads console (Bulk operations); the ads come back when stock lands.",
            "zh": "暂停已于 {day_zh} 由 {who} 批准：请生成批量文件（sellerops ads bulkfile OUT.xlsx，"
            "或广告页的“批量文件”），并在广告控制台“批量操作”中上传；到货后自动恢复。",
        },
        "ads.spend_into_stockout.action.exported": {
            "en": "The pause is in the bulk file written on {day}: upload it in the Ads console "
            "(Bulk operations) if not done yet; this clears once an imported bulk file shows "
            "the ads paused, and they come back when stock lands.",
            "zh": "暂停已写入 {day_zh} 生成的批量文件：如尚未上传，请在广告控制台“批量操作”中上传；"
            "导入显示广告已暂停的批量文件后，此提醒即消失；到货后自动恢复。",
        },
        "ads.spend_at_a_loss.title": {
            "en": "Ads keep spending on {entity}, which {cause}",
            "zh": "{entity} {cause_zh}，广告仍在花费",
        },
        "ads.spend_at_a_loss.action": {
            "en": "Approve the optimizer's pause for its ad groups (sellerops ads "
            "recommendations); fix the price or costs (or win the Buy Box back) first.",
            "zh": "批准优化器对相关广告组的暂停建议（sellerops ads recommendations）；"
            "先调整售价或成本（或夺回购买按钮）。",
        },
        "ads.spend_at_a_loss.action.approved": {
            "en": "The pause was approved on {day} by {who}: write the bulk file (sellerops ads "
            "bulkfile OUT.xlsx, or Bulk files on the Advertising page) and upload it in the "
            "Ads console (Bulk operations); fix the price or costs (or win the Buy Box back) "
            "before the ads run again.",
            "zh": "暂停已于 {day_zh} 由 {who} 批准：请生成批量文件（sellerops ads bulkfile OUT.xlsx，"
            "或广告页的“批量文件”），并在广告控制台“批量操作”中上传；恢复广告前先调整售价或成本"
            "（或夺回购买按钮）。",
        },
        "ads.spend_at_a_loss.action.exported": {
            "en": "The pause is in the bulk file written on {day}: upload it in the Ads console "
            "(Bulk operations) if not done yet; this clears once an imported bulk file shows "
            "the ads paused. Fix the price or costs (or win the Buy Box back) before the ads "
            "run again.",
            "zh": "暂停已写入 {day_zh} 生成的批量文件：如尚未上传，请在广告控制台“批量操作”中上传；"
            "导入显示广告已暂停的批量文件后，此提醒即消失。恢复广告前先调整售价或成本（或夺回购买按钮）。",
        },
        "ads.spend_at_a_loss.no_margin": {
            "en": "loses money on every unit before ads",
            "zh": "未计广告即每件亏损",
        },
        "ads.spend_at_a_loss.buybox_lost": {
            "en": "lost the Buy Box",
            "zh": "已失去购买按钮",
        },
        "ads.wasted_search_terms.title": {
            "en": "{entity}: {count} search terms spent {spend} and are unlikely ever to "
            "reach target ACoS",
            "en_one": "{entity}: {count} search term spent {spend} and is unlikely ever to "
            "reach target ACoS",
            "zh": "{entity}：{count} 个搜索词花费 {spend}，几乎不可能达到目标 ACoS",
        },
        "ads.wasted_search_terms.action": {
            "en": "Add them as negative exact in their ad groups (approve the negative "
            "recommendations and upload the bulk file).",
            "zh": "在对应广告组中添加为否定精准（批准否定建议并上传批量文件）。",
        },
        "ads.budget_limited.title": {  # findings stored before the "judged" variant
            "en": "{entity} runs out of budget while under target ACoS",
            "zh": "{entity} 预算经常耗尽，但 ACoS 低于目标",
        },
        # The threshold the optimizer judged it at, named (``params["variant"]``).
        "ads.budget_limited.title.judged": {
            "en": "{entity} runs out of budget while its ACoS ({acos}) is under {line_name} "
            "({line})",
            "zh": "{entity} 预算经常耗尽，但 ACoS（{acos}）低于{line_name_zh}（{line}）",
        },
        "ads.budget_limited.action": {
            "en": "Raise the daily budget from {budget} to {proposed}.",
            "zh": "将每日预算从 {budget} 提高到 {proposed}。",
        },
        "ads.bids_off_target.title": {
            "en": "{entity}: {count} bids are off target ACoS",
            "en_one": "{entity}: {count} bid is off target ACoS",
            "zh": "{entity}：{count} 个出价偏离目标 ACoS",
        },
        "ads.bids_off_target.action": {
            "en": "Review and approve the bid changes (sellerops ads recommendations), then "
            "upload the bulk file.",
            "zh": "检查并批准出价调整（sellerops ads recommendations），然后上传批量文件。",
        },
    }
)


def review_recommendations(ctx: ReviewContext) -> list[AdRecommendation]:
    """Run the optimizer for the review day once, however many checks read it."""
    return ctx.memo(
        "ads.recommendations",
        lambda: recs.refresh(
            session=ctx.session, store_id=ctx.store.id, as_of=ctx.as_of,
            currency=ctx.currency, positions=inventory.review_positions(ctx),
        ),
    )  # fmt: skip


def _campaign(ctx: ReviewContext, cid: int) -> AdCampaign:
    found = ctx.session.get(AdCampaign, cid)
    assert found is not None
    return found


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


#: Pause reasons that mean the SKU is out of stock or about to be (``proposals.PAUSE_REASONS``).
#: A pause for a lost Buy Box or for a product that loses money before ads is not one: those
#: SKUs can have months of cover (a SKU at 94.5 days of cover was flagged as "about to run
#: out" because its pause was for its margin).
STOCK_PAUSES = ("inventory_out_of_stock", "inventory_cover_short", "inventory_capped")


def _pauses(ctx: ReviewContext, reasons: tuple[str, ...]) -> dict[str, list[AdRecommendation]]:
    """The day's pauses per SKU, less the ones carried out: an imported bulk file shows the
    product ad paused (an approved or exported pause stays in the day's list)."""
    from sellerops.ads.plan import product_ad_states

    states = ctx.memo("ads.product_ad_states",
                      lambda: product_ad_states(ctx.session, ctx.store.id))  # fmt: skip
    per_sku: dict[str, list[AdRecommendation]] = defaultdict(list)
    for r in review_recommendations(ctx):
        if r.kind == "pause" and r.sku and r.reason in reasons:
            if r.ad_group_id is not None and states.get((r.ad_group_id, r.sku)) == "paused":
                continue
            per_sku[r.sku].append(r)
    return per_sku


#: A pause approved or written to a bulk file this many days before the review day still
#: counts as carried out but not uploaded; an older one is forgotten (approve it again).
DECIDED_DAYS = 14


def _decided_pauses(ctx: ReviewContext) -> dict[tuple[int, str], AdRecommendation]:
    """(ad group, SKU) -> the newest pause a person approved or that went into a bulk file
    over the last :data:`DECIDED_DAYS` days, unless an enable of the same ad came after."""
    rows = ctx.session.scalars(
        select(AdRecommendation)
        .where(AdRecommendation.store_id == ctx.store.id,
               AdRecommendation.kind.in_(("pause", "enable")),
               AdRecommendation.status.in_(("approved", "exported")),
               AdRecommendation.review_date <= ctx.as_of,
               AdRecommendation.review_date > ctx.as_of - timedelta(days=DECIDED_DAYS))
        .order_by(AdRecommendation.review_date, AdRecommendation.id)
    )  # fmt: skip
    out: dict[tuple[int, str], AdRecommendation] = {}
    for r in rows:
        if r.ad_group_id is None or not r.sku:
            continue
        if r.kind == "pause":
            out[(r.ad_group_id, r.sku)] = r
        else:
            out.pop((r.ad_group_id, r.sku), None)
    return out


def _step(ctx: ReviewContext, rows: list[AdRecommendation]) -> dict[str, str]:
    """Where a SKU's pauses stand, as params of its finding: nothing while one of them waits
    for a decision (the action asks to approve it); once all are approved, the ``approved``
    variant of the action (write the bulk file and upload it: the day and who approved);
    once all are in a bulk file, the ``exported`` variant (upload it: the day written). A
    pause carried out (an imported bulk file shows the ad paused) is left out before."""
    decided = ctx.memo("ads.decided_pauses", lambda: _decided_pauses(ctx))
    done = [r if r.status in ("approved", "exported")
            else decided.get((r.ad_group_id or 0, r.sku or ""))
            for r in rows]  # fmt: skip
    found = [d for d in done if d is not None]
    if len(found) < len(done):
        return {}
    waiting = [d for d in found if d.status == "approved"]
    if waiting:
        last = max(waiting, key=lambda d: d.decided_at or d.created_at)
        when, variant = (last.decided_at or last.created_at).date(), "approved"
    else:
        last = max(found, key=lambda d: d.exported_at or d.created_at)
        when, variant = (last.exported_at or last.created_at).date(), "exported"
    return {"variant": variant, "day": i18n.day(when, "en"), "day_zh": i18n.day(when, "zh"),
            "who": last.decided_by or "?"}  # fmt: skip


@check("ads", "spend_into_stockout")
def spend_into_stockout(ctx: ReviewContext) -> list[Finding]:
    """A SKU out of stock, under a week of cover or stock-capped (its stock sells out before
    a reorder could land even without ads) whose ad groups still spend. Money at stake: their
    ad spend per day, which buys clicks that cannot convert or only take the place of later
    sales. Pauses for other causes (:data:`STOCK_PAUSES`) are :func:`spend_at_a_loss`'s."""
    out = []
    for sku, rows in _pauses(ctx, STOCK_PAUSES).items():
        ev = rows[0].evidence
        daily = sum(-float(r.effect.get("spend") or 0) for r in rows)
        names = sorted({_campaign(ctx, r.campaign_id).name for r in rows})
        out.append(Finding(
            module="ads", kind="spend_into_stockout", severity="high", entity_type="sku",
            entity=sku, money_at_stake=_money(daily), currency=ctx.currency,
            money_period="day", urgency_days=ev.get("days_of_cover"),
            params={"cover": ev.get("days_of_cover") or 0, "lead": ev.get("lead_time_days"),
                    **_step(ctx, rows)},
            evidence={"fulfillable": ev.get("fulfillable"),
                      "days_of_cover": ev.get("days_of_cover"),
                      "lead_time_days": ev.get("lead_time_days"),
                      "pause_cause": ev.get("pause_cause"),
                      "ad_spend_7d": round(daily * 7, 2), "campaigns": ", ".join(names)},
        ))  # fmt: skip
    return out


@check("ads", "spend_at_a_loss")
def spend_at_a_loss(ctx: ReviewContext) -> list[Finding]:
    """A SKU whose ads the optimizer pauses although it has stock: it loses money on every
    unit before ads (no ACoS breaks even) or its offer lost the Buy Box. Money at stake: its
    ad spend per day."""
    out = []
    for sku, rows in _pauses(ctx, ("no_margin", "inventory_buybox_lost")).items():
        ev = rows[0].evidence
        daily = sum(-float(r.effect.get("spend") or 0) for r in rows)
        names = sorted({_campaign(ctx, r.campaign_id).name for r in rows})
        cause = "no_margin" if rows[0].reason == "no_margin" else "buybox_lost"
        out.append(Finding(
            module="ads", kind="spend_at_a_loss", severity="high", entity_type="sku",
            entity=sku, money_at_stake=_money(daily), currency=ctx.currency,
            money_period="day",
            params={"cause": i18n.t(f"ads.spend_at_a_loss.{cause}", "en"),
                    "cause_zh": i18n.t(f"ads.spend_at_a_loss.{cause}", "zh"),
                    **_step(ctx, rows)},
            evidence={"profit_before_ads": ev.get("profit_before_ads"),
                      "fulfillable": ev.get("fulfillable"),
                      "days_of_cover": None if ev.get("days_of_cover") is None
                      else float(ev["days_of_cover"]),
                      "ad_spend_7d": round(daily * 7, 2), "campaigns": ", ".join(names)},
        ))  # fmt: skip
    return out


@check("ads", "wasted_search_terms")
def wasted_search_terms(ctx: ReviewContext) -> list[Finding]:
    """Per campaign, the search terms the optimizer would negate. Money at stake: what they
    spent in the judged window, per month."""
    per_campaign: dict[int, list[AdRecommendation]] = defaultdict(list)
    for r in review_recommendations(ctx):
        if r.kind == "negative":
            per_campaign[r.campaign_id].append(r)
    out = []
    for cid, rows in per_campaign.items():
        spend = sum(float(r.evidence.get("spend") or 0) for r in rows)
        monthly = sum(-float(r.effect.get("spend") or 0) for r in rows) * 30
        rows.sort(key=lambda r: -float(r.evidence.get("spend") or 0))
        name = _campaign(ctx, cid).name
        out.append(Finding(
            module="ads", kind="wasted_search_terms", severity="medium", entity_type="campaign",
            entity=name, money_at_stake=_money(monthly), currency=ctx.currency,
            money_period="month",
            params={"count": len(rows), "spend": money_param(spend, ctx.currency)},
            evidence={"terms": len(rows), "wasted_spend": round(spend, 2),
                      "top_terms": ", ".join(r.term or "" for r in rows[:5]),
                      "probability_threshold": rows[0].evidence.get("probability_threshold"),
                      "orders_elsewhere": sum(int(r.evidence.get("orders_elsewhere") or 0)
                                              for r in rows)},
        ))  # fmt: skip
    return out


@check("ads", "budget_limited")
def budget_limited(ctx: ReviewContext) -> list[Finding]:
    """Campaigns capped by their budget on most days while under the ACoS they are judged
    at: break-even for a profit goal, the target for a launch or growth (the title names
    which, as the recommendation does). Money at stake: the expected extra profit per day of
    the proposed budget."""
    from sellerops.ads.present import judged_name

    out = []
    for r in review_recommendations(ctx):
        if r.kind != "budget" or r.reason != "budget_limited_profitable":
            continue
        ev = r.evidence
        line = ev.get("judged_at_acos", ev.get("target_acos"))
        goal = ev.get("goal") if "judged_at_acos" in ev else "target"
        out.append(Finding(
            module="ads", kind="budget_limited", severity="medium", entity_type="campaign",
            entity=_campaign(ctx, r.campaign_id).name,
            money_at_stake=_money(max(float(r.effect.get("profit") or 0), 0.0)),
            currency=ctx.currency, money_period="day",
            params={"budget": money_param(r.current or 0, ctx.currency),
                    "proposed": money_param(r.proposed or 0, ctx.currency),
                    "variant": "judged", "acos": _pct(ev.get("acos")), "line": _pct(line),
                    "line_name": judged_name(goal, "en"),
                    "line_name_zh": judged_name(goal, "zh")},
            evidence={"daily_budget": ev.get("daily_budget"),
                      "proposed_budget": float(r.proposed or 0),
                      "days_capped": ev.get("days_capped"), "acos": ev.get("acos"),
                      "judged_at_acos": line, "goal": goal,
                      "break_even_acos": ev.get("break_even_acos"),
                      "target_acos": ev.get("target_acos"),
                      "campaign_acos_basis": ev.get("campaign_acos_basis")},
        ))  # fmt: skip
    return out


@check("ads", "bids_off_target")
def bids_off_target(ctx: ReviewContext) -> list[Finding]:
    """Per campaign, the bid changes toward target ACoS. Money at stake: their expected
    profit gain per day."""
    per_campaign: dict[int, list[AdRecommendation]] = defaultdict(list)
    for r in review_recommendations(ctx):
        if r.kind == "bid" and r.reason in (
            "above_target",
            "below_target",
            "above_value",
            "below_value",
            "resume_value",
        ):
            per_campaign[r.campaign_id].append(r)
    out = []
    for cid, rows in per_campaign.items():
        gain = sum(max(float(r.effect.get("profit") or 0), 0.0) for r in rows)
        if gain < 0.5:
            continue
        ev = rows[0].evidence
        out.append(Finding(
            module="ads", kind="bids_off_target", severity="low", entity_type="campaign",
            entity=_campaign(ctx, cid).name, money_at_stake=_money(gain), currency=ctx.currency,
            money_period="day", params={"count": len(rows)},
            evidence={"recommendations": len(rows),
                      # The campaign's lines, as its budget recommendation states them.
                      "campaign_target_acos": ev.get("campaign_target_acos",
                                                     ev.get("target_acos")),
                      "campaign_break_even_acos": ev.get("campaign_break_even_acos",
                                                         ev.get("break_even_acos")),
                      "campaign_acos_basis": ev.get("campaign_acos_basis"),
                      "cost_source": ev.get("cost_source")},
        ))  # fmt: skip
    return out


i18n.register_messages(
    {
        "ads.keyword_overlap.title": {
            "en": "Keyword “{entity}” competes with itself in {count} campaigns",
            "zh": "关键词“{entity}”在 {count} 个广告活动中自我竞争",
        },
        "ads.keyword_overlap.action": {
            "en": "Keep it in the campaign where it converts best ({best}); pause it or add it "
            "as negative exact in the others.",
            "zh": "保留在转化最好的广告活动（{best}）中；在其他广告活动中暂停或添加为否定精准。",
        },
    }
)
register_evidence({"overlap_spend": ("Spend of the other copies (30 days)",
                                     "其他副本花费（30 天）", "money")})  # fmt: skip


@check("ads", "keyword_overlap")
def keyword_overlap(ctx: ReviewContext) -> list[Finding]:
    """The same enabled keyword in several enabled campaigns bids against itself. Money at
    stake: the last 30 days' spend of every copy but the best-converting one, per month."""
    start = ctx.as_of - timedelta(days=29)
    per_term = am.metrics_by(session=ctx.session, store_id=ctx.store.id, level="search_term",
                             start=start, end=ctx.as_of)  # fmt: skip
    spent: dict[int, am.Metrics] = defaultdict(am.Metrics)
    for (tid, _), m in per_term.items():
        spent[tid] += m
    copies: dict[str, list[AdTarget]] = defaultdict(list)
    for t in ctx.session.scalars(
        select(AdTarget).filter_by(store_id=ctx.store.id, kind="keyword", negative=False)
    ):
        campaign = _campaign(ctx, t.campaign_id)
        if t.state in (None, "enabled") and campaign.state in (None, "enabled") and t.id in spent:
            copies[t.text_key].append(t)
    out = []
    for targets in copies.values():
        if len({t.campaign_id for t in targets}) < 2:
            continue
        ranked = sorted(targets, key=lambda t: spent[t.id].acos or float("inf"))
        others = sum((spent[t.id].spend for t in ranked[1:]), Decimal(0))
        best = _campaign(ctx, ranked[0].campaign_id).name
        out.append(Finding(
            module="ads", kind="keyword_overlap", severity="low", entity_type="keyword",
            entity=ranked[0].text, money_at_stake=_money(others), currency=ctx.currency,
            money_period="month", params={"count": len({t.campaign_id for t in targets}),
                                          "best": best},
            evidence={"campaigns": ", ".join(sorted({_campaign(ctx, t.campaign_id).name
                                                     for t in targets})),
                      "overlap_spend": float(others), "acos": _round(spent[ranked[0].id].acos)},
        ))  # fmt: skip
    return out


def _pct(value: object) -> str:
    """A share as a title shows it (``25.1%``; the same in Chinese)."""
    return "–" if value is None else i18n.percent(float(str(value)), "en")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


#: An ad group with more positive targets than this spreads its budget and bids over too
#: many keywords to manage (common practice: 5-20 tightly themed keywords per ad group).
MAX_TARGETS_PER_GROUP = 30
#: An ad group advertising more products than this cannot bid for each one's economics.
MAX_PRODUCTS_PER_GROUP = 10

i18n.register_messages(
    {
        "ads.oversized_ad_group.title": {
            "en": "Ad group {entity} is oversized: {targets} targets, {products} products",
            "zh": "广告组 {entity} 过大：{targets} 个投放，{products} 个商品",
        },
        "ads.oversized_ad_group.action": {
            "en": "Split it into themed ad groups of at most {max_targets} targets and "
            "{max_products} products; the money shown is what its targets without orders "
            "spent in 30 days.",
            "zh": "按主题拆分为每组最多 {max_targets} 个投放、{max_products} 个商品；"
            "金额为其无订单投放近 30 天的花费。",
        },
        "ads.no_active_ads.title": {
            "en": "Ad group {entity} has enabled targets but no active ads: it cannot serve",
            "zh": "广告组 {entity} 有启用的投放，但没有在投广告，无法展示",
        },
        "ads.no_active_ads.action": {
            "en": "Enable or add a product ad in it, or pause the ad group; the money shown is "
            "the ad sales it made in the 30 days before (per month).",
            "zh": "启用或添加商品广告，或暂停该广告组；金额为此前 30 天的广告销售额（每月）。",
        },
    }
)
register_evidence(
    {
        "targets": ("Enabled targets", "启用的投放数", "plain"),
        "products": ("Advertised products", "推广商品数", "plain"),
        "max_targets": ("Targets threshold", "投放数阈值", "plain"),
        "max_products": ("Products threshold", "商品数阈值", "plain"),
        "spend_no_orders_30d": ("Spend of targets without orders (30 days)",
                                "无订单投放花费（30 天）", "money"),
        "ad_sales_30d": ("Ad sales, last 30 days", "近 30 天广告销售额", "money"),
    }
)  # fmt: skip


def _enabled(state: str | None) -> bool:
    return state in (None, "enabled")


@check("ads", "oversized_ad_group")
def oversized_ad_group(ctx: ReviewContext) -> list[Finding]:
    """Enabled ad groups with more than :data:`MAX_TARGETS_PER_GROUP` enabled positive targets
    or :data:`MAX_PRODUCTS_PER_GROUP` enabled products. Money at stake: the last 30 days'
    spend of its targets that had clicks but no order (per month)."""
    from sellerops.ads.models import AdGroup, AdProductAd

    targets: dict[int, list[AdTarget]] = defaultdict(list)
    for t in ctx.session.scalars(select(AdTarget).filter_by(store_id=ctx.store.id, negative=False)):
        if _enabled(t.state):
            targets[t.ad_group_id].append(t)
    products: dict[int, set[str]] = defaultdict(set)
    for ad in ctx.session.scalars(select(AdProductAd).filter_by(store_id=ctx.store.id)):
        if _enabled(ad.state):
            products[ad.ad_group_id].add(ad.asin or ad.sku)
    groups = [g for g in ctx.session.scalars(select(AdGroup).filter_by(store_id=ctx.store.id))
              if _enabled(g.state) and _enabled(_campaign(ctx, g.campaign_id).state)
              and (len(targets[g.id]) > MAX_TARGETS_PER_GROUP
                   or len(products[g.id]) > MAX_PRODUCTS_PER_GROUP)]  # fmt: skip
    if not groups:
        return []
    per_target = am.metrics_by(session=ctx.session, store_id=ctx.store.id, level="target",
                               start=ctx.as_of - timedelta(days=29), end=ctx.as_of)  # fmt: skip
    out = []
    for g in groups:
        idle = sum((m.spend for t in targets[g.id]
                    if (m := per_target.get((t.id,))) is not None and m.clicks and not m.orders),
                   Decimal(0))  # fmt: skip
        params = {
            "targets": len(targets[g.id]),
            "products": len(products[g.id]),
            "max_targets": MAX_TARGETS_PER_GROUP,
            "max_products": MAX_PRODUCTS_PER_GROUP,
        }
        out.append(Finding(
            module="ads", kind="oversized_ad_group", severity="low", entity_type="ad_group",
            entity=f"{_campaign(ctx, g.campaign_id).name} / {g.name}",
            money_at_stake=_money(idle), currency=ctx.currency, money_period="month",
            params=params, evidence={**params, "spend_no_orders_30d": float(idle)},
        ))  # fmt: skip
    return out


#: An ad group with impressions over this many days up to the review day serves: it has an
#: active product ad, whatever an older bulk file said.
SERVED_DAYS = 7


def _served_groups(ctx: ReviewContext, start: date) -> set[int]:
    """Ad groups with impressions, clicks or ad sales from ``start`` to the review day in any
    report (search terms, targeting, advertised products)."""
    from sellerops.ads.models import AdProductDaily, AdSearchTermDaily, AdTargetDaily

    out: set[int] = set()
    for model in (AdSearchTermDaily, AdTargetDaily, AdProductDaily):
        out |= set(ctx.session.scalars(
            select(model.ad_group_id).distinct()
            .where(model.store_id == ctx.store.id, model.day >= start, model.day <= ctx.as_of,
                   (model.impressions > 0) | (model.clicks > 0) | (model.sales > 0))
        ))  # fmt: skip
    return out


@check("ads", "no_active_ads")
def no_active_ads(ctx: ReviewContext) -> list[Finding]:
    """Enabled Sponsored Products ad groups (enabled campaign) with enabled targets but no
    enabled product ad, except ads the optimizer paused for stock. Product ads come only from
    the bulk file: without one imported they are unknown and nothing is claimed; an ad group
    that served in the last :data:`SERVED_DAYS` days (impressions, clicks or ad sales in a
    report) has an active ad whatever the bulk file said. Money at stake: the group's ad
    sales of the 30 days before (per month), what it made while it could serve."""
    from sellerops.ads.models import AdGroup, AdProductAd
    from sellerops.ads.plan import paused_by_us

    ads_of: dict[int, list[AdProductAd]] = defaultdict(list)
    for ad in ctx.session.scalars(select(AdProductAd).filter_by(store_id=ctx.store.id)):
        ads_of[ad.ad_group_id].append(ad)
    if not ads_of:  # no bulk file imported: product ads unknown, not absent
        return []
    with_targets = {
        t.ad_group_id
        for t in ctx.session.scalars(
            select(AdTarget).filter_by(store_id=ctx.store.id, negative=False)
        )
        if _enabled(t.state)
    }
    ours = paused_by_us(ctx.session, ctx.store.id)
    served = _served_groups(ctx, ctx.as_of - timedelta(days=SERVED_DAYS - 1))
    sales = am.metrics_by(session=ctx.session, store_id=ctx.store.id, level="ad_group",
                          start=ctx.as_of - timedelta(days=29), end=ctx.as_of)  # fmt: skip
    out = []
    for g in ctx.session.scalars(select(AdGroup).filter_by(store_id=ctx.store.id)):
        campaign = _campaign(ctx, g.campaign_id)
        if campaign.ad_product != "SP" or g.name_key == "" or g.id not in with_targets:
            continue
        if not (_enabled(g.state) and _enabled(campaign.state)) or g.id in served:
            continue
        ads = ads_of.get(g.id, [])
        if any(_enabled(a.state) for a in ads) or any((g.id, a.sku) in ours for a in ads):
            continue
        made = sales.get((g.id,), am.Metrics()).sales
        out.append(Finding(
            module="ads", kind="no_active_ads", severity="medium" if made else "low",
            entity_type="ad_group", entity=f"{campaign.name} / {g.name}",
            money_at_stake=_money(made), currency=ctx.currency, money_period="month",
            evidence={"products": len(ads), "ad_sales_30d": float(made)},
        ))  # fmt: skip
    return out


i18n.register_messages(
    {
        "ads.deal_stock_not_ready.title": {
            "en": "{entity}: {kind} starting {start} needs about {needed} units, only {stock} "
            "in stock and inbound",
            "zh": "{entity}：{start} 开始的{kind_zh}预计需要约 {needed} 件，现有及在途仅 {stock} 件",
        },
        "ads.deal_stock_not_ready.action": {
            "en": "Send stock that arrives before the deal, lower the deal quantity, or move "
            "the deal (sellerops ads deals list).",
            "zh": "在活动前补货到仓、降低活动数量或改期（sellerops ads deals list）。",
        },
    }
)
register_evidence(
    {
        "deal_start": ("Deal starts", "活动开始", "plain"),
        "stock_and_inbound": ("Stock + inbound", "库存 + 在途", "plain"),
        "units_needed": ("Units needed by the deal's end", "至活动结束所需件数", "plain"),
        "shortfall_units": ("Shortfall (units)", "缺口（件）", "plain"),
    }
)  # fmt: skip


@check("ads", "deal_stock_not_ready")
def deal_stock_not_ready(ctx: ReviewContext) -> list[Finding]:
    """A deal starting within ``deals.READY_WINDOW_DAYS`` days whose SKU's stock (fulfillable
    + inbound) won't cover the baseline demand until the start plus the expected deal units.
    Money at stake: the shortfall's sales at the deal price (once)."""
    from sellerops.ads import deals

    stock = {p.sku: p.fulfillable + p.inbound for p in inventory.review_positions(ctx)}
    out = []
    for r in deals.readiness(session=ctx.session, store_id=ctx.store.id, as_of=ctx.as_of,
                             stock=stock):  # fmt: skip
        kind = {lang: i18n.t(f"ads.deal.{r.deal.kind}", lang) for lang in ("en", "zh")}
        out.append(Finding(
            module="ads", kind="deal_stock_not_ready",
            severity="high" if r.starts_in_days <= 7 else "medium", entity_type="sku",
            entity=r.deal.sku, money_at_stake=_money(r.price * Decimal(str(round(r.shortfall)))),
            currency=ctx.currency, money_period="once",
            params={"kind": kind["en"], "kind_zh": kind["zh"], "start": r.deal.start_date.isoformat(),
                    "needed": round(r.needed), "stock": r.stock},
            evidence={"deal_start": r.deal.start_date.isoformat(), "stock_and_inbound": r.stock,
                      "units_needed": round(r.needed), "shortfall_units": round(r.shortfall)},
            urgency_days=float(r.starts_in_days),
        ))  # fmt: skip
    return out
