"""Recommendations as people read them (terminal, JSON, web): what, where, why, effect."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sellerops.ads.metrics import TacosView
from sellerops.ads.models import AdCampaign, AdGroup, AdRecommendation, AdTarget
from sellerops.ads.optimizer import RULES
from sellerops.ads.recommendations import impact
from sellerops.core import i18n

i18n.register_messages(
    {
        "ads.kind.bid": {"en": "bid", "zh": "出价"},
        "ads.kind.negative": {"en": "negative", "zh": "否定"},
        "ads.kind.harvest": {"en": "harvest", "zh": "收割"},
        "ads.kind.budget": {"en": "budget", "zh": "预算"},
        "ads.kind.pause": {"en": "pause", "zh": "暂停"},
        "ads.kind.enable": {"en": "enable", "zh": "启用"},
        "ads.reason.above_target": {
            "en": "ACoS above target: value per click is below what clicks cost",
            "zh": "ACoS 高于目标：单次点击价值低于点击成本",
        },
        "ads.reason.below_target": {
            "en": "ACoS under target: room to buy more clicks",
            "zh": "ACoS 低于目标：可以购买更多点击",
        },
        "ads.reason.above_value": {
            "en": "Bid above what a click is worth (conversion rate × order value × break-even "
            "ACoS): the last clicks bought lose money",
            "zh": "出价高于单次点击价值（转化率 × 客单价 × 盈亏平衡 ACoS）：最后买到的点击在亏钱",
        },
        "ads.reason.below_value": {
            "en": "A click is worth more than the bid: raise it to buy the clicks that still "
            "pay for themselves",
            "zh": "单次点击价值高于出价：提高出价，买下仍能赚钱的点击",
        },
        "ads.reason.resume_value": {
            "en": "Back in stock: the bid restarts at what a click is worth now, not at the "
            "bid from before the pause",
            "zh": "库存恢复：出价按当前单次点击价值重新设定，而不是沿用暂停前的出价",
        },
        "ads.reason.inventory_low": {
            "en": "Stock will not last until a new order can arrive: ads scaled down",
            "zh": "库存撑不到新订单到货：降低广告力度",
        },
        "ads.reason.overstock": {
            "en": "Overstocked: more push to sell through",
            "zh": "库存积压：加大推广以消化库存",
        },
        "ads.reason.negative_no_conversions": {
            "en": "Spent enough that paying for its clicks is unlikely (at break-even ACoS for "
            "a profit goal, at target ACoS for a launch)",
            "zh": "花费已足够多，几乎不可能收回点击成本（利润目标按盈亏平衡 ACoS，新品按目标 ACoS）",
        },
        "ads.reason.negative_converts_elsewhere": {
            "en": "Unlikely to reach target here, but converts in other ad groups: negated "
            "only in this one",
            "zh": "在此广告组难以达到目标，但在其他广告组有转化：仅在此组否定",
        },
        "ads.reason.harvest_converting": {
            "en": "Converting search term that pays for its clicks: add as exact with its own "
            "bid, negate in the source",
            "zh": "搜索词有转化且能收回点击成本：添加为精准词并单独出价，在来源组否定",
        },
        "ads.reason.budget_limited_profitable": {
            "en": "Out of budget on many days while its clicks pay for themselves",
            "zh": "多天预算耗尽，而点击仍能收回成本",
        },
        "ads.reason.budget_over_target": {
            "en": "Out of budget while its ACoS is well over the line it is judged at "
            "(break-even ACoS for a profit goal, target ACoS for a launch or growth)",
            "zh": "预算耗尽但 ACoS 远高于判断基准（利润目标按盈亏平衡 ACoS，新品期 / 成长期按目标 ACoS）",
        },
        "ads.reason.inventory_out": {
            "en": "SKU out of stock, under a week of cover, or Buy Box lost",
            "zh": "SKU 断货、可售不足一周或失去购买按钮",
        },
        "ads.reason.inventory_capped": {
            "en": "Stock runs out before a new order could arrive even without ads: ad sales "
            "would only take the place of later sales at the same margin, so the ads pause",
            "zh": "即使不投广告，库存也会在新货到达前售罄：广告带来的销量只会挤占之后同样利润的销量，"
            "因此暂停广告",
        },
        "ads.reason.inventory_back": {
            "en": "Stock is back: resume the ad we paused",
            "zh": "已到货：恢复之前暂停的广告",
        },
        "ads.reason.inventory_out_of_stock": {
            "en": "Out of stock: the ad would pay for clicks that cannot buy",
            "zh": "已断货：广告点击无法成交，白白花费",
        },
        "ads.reason.inventory_buybox_lost": {
            "en": "Buy Box lost: the ad would send shoppers to an offer that is not ours",
            "zh": "失去购买按钮：广告会把顾客带到别人的报价",
        },
        "ads.reason.inventory_cover_short": {
            "en": "Under a week of stock left: pause until stock lands",
            "zh": "可售不足一周：暂停广告，到货后恢复",
        },
        "ads.reason.no_margin": {
            "en": "Loses money on every unit before ads: no ACoS breaks even, so every ad sale "
            "adds to the loss; fix price or cost before advertising",
            "zh": "未计广告每件已亏损：任何 ACoS 都无法盈亏平衡，每笔广告订单都会扩大亏损；"
            "请先调整售价或成本再投放",
        },
        "ads.reason.margin_back": {
            "en": "Makes money before ads again: resume the ad we paused",
            "zh": "未计广告已恢复盈利：恢复之前暂停的广告",
        },
        # The numbers behind a reason (CLI and JSON ``reason_text``), when its evidence has them.
        "ads.why.inventory_out_of_stock": {
            "en": "{sku}: 0 units fulfillable; lead time {lead} days",
            "zh": "{sku}：可售 0 件；交货周期 {lead} 天",
        },
        "ads.why.inventory_buybox_lost": {
            "en": "{sku}: Buy Box share {share} on the review day, under 10 % on average over "
            "the last 3 days with sessions; {fulfillable} units fulfillable",
            "zh": "{sku}：复盘日购买按钮占比 {share}，近 3 天有流量日平均低于 10%；可售 {fulfillable} 件",
        },
        "ads.why.inventory_cover_short": {
            "en": "{sku}: {fulfillable} units = {cover} days of cover, under the {pause}-day "
            "line; lead time {lead} days",
            "zh": "{sku}：可售 {fulfillable} 件，仅够 {cover} 天，低于 {pause} 天暂停线；交货周期 {lead} 天",
        },
        "ads.why.inventory_capped": {
            "en": "{sku}: {cover_in} days of cover with inbound; sales without ads ({organic} "
            "of units) alone sell out in {organic_days} days, before the {lead}-day lead time",
            "zh": "{sku}：含在途可售 {cover_in} 天；仅非广告销量（占 {organic}）就会在 {organic_days} 天内售罄，"
            "早于 {lead} 天的交货周期",
        },
        "ads.why.inventory_low": {
            "en": "{sku}: {cover_in} days of cover with inbound against a {lead}-day lead time",
            "zh": "{sku}：含在途可售 {cover_in} 天，交货周期 {lead} 天",
        },
        # A bid scaled down for stock: the reason itself, with its numbers.
        "ads.why.inventory_low_bid": {
            "en": "Stock will not last until a new order can arrive ({sku}: {cover_in} days of "
            "cover with inbound, lead time {lead} days): bids scaled down to {factor} of what "
            "a click is worth",
            "zh": "库存撑不到新订单到货（{sku}：含在途可售 {cover_in} 天，交货周期 {lead} 天）："
            "出价降至单次点击价值的 {factor}",
        },
        "ads.why.paused_today": {
            "en": "judged on its other SKUs: this plan pauses the ads of {skus}",
            "zh": "按其余 SKU 判断：本计划暂停了 {skus} 的广告",
        },
        "ads.why.changes_left_out": {
            "en": "this pauses every ad of the ad group: its {count} other changes (bids, "
            "negatives, harvests) are left out",
            "en_one": "this pauses every ad of the ad group: its 1 other change (a bid, "
            "negative or harvest) is left out",
            "zh": "此广告组的广告全部暂停：其另外 {count} 项调整（出价、否定、收割）已略去",
        },
        "ads.why.click_value": {
            "en": "{clicks} clicks, {orders} orders: conversion rate {cvr}; a click is worth "
            "{per_click} and costs {cpc}",
            "zh": "{clicks} 次点击、{orders} 单：转化率 {cvr}；每次点击价值 {per_click}，"
            "实际单次点击成本 {cpc}",
        },
        # Only when the shrinkage moved the rate materially (``SHRINK_NOTE_SHARE``).
        "ads.why.click_value_shrunk": {
            "en": "{clicks} clicks, {orders} orders: conversion rate {cvr} (its own {raw}, "
            "drawn toward the ad group's while clicks are few); a click is worth {per_click} "
            "and costs {cpc}",
            "zh": "{clicks} 次点击、{orders} 单：转化率 {cvr}（自身 {raw}，点击少时向广告组水平靠拢）；"
            "每次点击价值 {per_click}，实际单次点击成本 {cpc}",
        },
        # A raise of a harvested keyword without an order of its own yet.
        "ads.why.source_orders": {
            "en": "no order of its own yet: its {orders} orders are the same search term's "
            "under the auto / broad target it was harvested from ({clicks} clicks there), "
            "the same query",
            "en_one": "no order of its own yet: its 1 order is the same search term's "
            "under the auto / broad target it was harvested from ({clicks} clicks there), "
            "the same query",
            "one": "orders",
            "zh": "自身尚无订单：其 {orders} 单来自同一搜索词在收割来源的自动 / 广泛投放下"
            "（该处 {clicks} 次点击），是同一查询",
        },
        "ads.why.resume_value": {
            "en": "{clicks} clicks, {orders} orders: conversion rate {cvr}; a click is worth "
            "{per_click}; the bid of {before} was set before the pause and has bought nothing "
            "since, so it is set at once instead of moving a step a day (at most {up} up or "
            "{down} down)",
            "zh": "{clicks} 次点击、{orders} 单：转化率 {cvr}；每次点击价值 {per_click}；"
            "{before} 的出价定于暂停之前，此后未买到任何点击，因此一次到位，而不是每天逐步调整"
            "（每天最多上调 {up} 或下调 {down}）",
        },
        "ads.why.no_margin": {
            "en": "{sku}: {profit} per unit before ads at a price of {price}",
            "zh": "{sku}：售价 {price}，未计广告每件利润 {profit}",
        },
        "ads.why.budget_over_target": {
            "en": "ACoS {acos} is over 1.3 × the {line_name} of {target} ({line}); out of "
            "budget on {capped} of the last 14 days",
            "zh": "ACoS {acos} 超过{line_name} {target} 的 1.3 倍（{line}）；近 14 天有 {capped} 天预算耗尽",
        },
        "ads.why.budget_limited_profitable": {
            "en": "ACoS {acos} is under the {line_name} of {target}; out of budget on "
            "{capped} of the last 14 days",
            "zh": "ACoS {acos} 低于{line_name} {target}；近 14 天有 {capped} 天预算耗尽",
        },
        "ads.why.budget_inventory_low": {
            "en": "{sku}: {cover_in} days of cover with inbound against a {lead}-day lead time "
            "(push {factor}); the ACoS ({acos}, {line_name} {target}) is not the cause",
            "zh": "{sku}：含在途可售 {cover_in} 天，交货周期 {lead} 天（推广力度 {factor}）；"
            "ACoS（{acos}，{line_name} {target}）不是原因",
        },
        "ads.why.also_acos": {
            "en": "the ACoS ({acos}, {line_name} {target}) alone would also cut it",
            "zh": "仅凭 ACoS（{acos}，{line_name} {target}）也会削减",
        },
        # A campaign's line over its products (``proposals.CampaignLine.basis``).
        "ads.why.basis.spend_weighted": {
            "en": "the campaign's {name} is its ad groups' (each its products'), weighted by "
            "each ad group's ad spend over the last 60 days",
            "zh": "广告活动的{name}取其各广告组（各按其商品）的值，按各广告组近 60 天广告花费加权",
        },
        "ads.why.basis.mean": {
            "en": "the campaign's {name} is the mean of its ad groups' (each its products')",
            "zh": "广告活动的{name}取其各广告组（各按其商品）的平均值",
        },
        # The ACoS a campaign's or term's evidence is judged at, by goal (``opt.goal_acos``).
        "ads.judged.profit": {"en": "break-even ACoS", "zh": "盈亏平衡 ACoS"},
        "ads.judged.target": {"en": "target ACoS", "zh": "目标 ACoS"},
        "ads.why.also_stock": {
            "en": "low stock ({cover_in} days of cover, lead time {lead} days) alone would also "
            "cut it",
            "zh": "仅凭低库存（可售 {cover_in} 天，交货周期 {lead} 天）也会削减",
        },
        "ads.why.no_growth": {
            "en": "end of life ({skus}, catalog lifecycle): bids only come down, no harvest, "
            "no budget raise",
            "zh": "已到生命周期末期（{skus}，来自商品生命周期）：只降价，不收割，不加预算",
        },
        "ads.effect.text.profit": {
            "en": "{profit} profit/day expected",
            "zh": "预计每日利润 {profit}",
        },
        "ads.effect.text.profit_spend": {
            "en": "{profit} profit/day expected (ad spend {spend}/day)",
            "zh": "预计每日利润 {profit}（每日广告花费 {spend}）",
        },
        "ads.effect.text.spend": {
            "en": "{spend} ad spend/day expected",
            "zh": "预计每日广告花费 {spend}",
        },
        "ads.change.pause": {"en": "enabled → paused", "zh": "启用 → 暂停"},
        "ads.change.enable": {"en": "paused → enabled", "zh": "暂停 → 启用"},
        "ads.change.negative": {"en": "→ negative exact", "zh": "→ 精准否定"},
        "ads.change.harvest": {"en": "new exact, bid {bid}", "zh": "新建精准词，出价 {bid}"},
        "ads.effect.text.none": {
            "en": "not estimated (no history of its own yet)",
            "zh": "暂无估计（尚无自身数据）",
        },
        # A bid of an ad group back from a stock pause: it spends nothing while paused, so
        # its effect is against the bid from before the pause, once the ads serve again.
        "ads.effect.text.resume": {
            "en": "{profit} profit/day expected (ad spend {spend}/day) against the bid from "
            "before the pause, once the ads serve again",
            "zh": "恢复投放后，相对暂停前的出价：预计每日利润 {profit}（每日广告花费 {spend}）",
        },
        # Enabling an ad the optimizer paused: the spend it had before the pause comes back.
        "ads.effect.text.spend_back": {
            "en": "{spend} ad spend/day expected once it serves again (its spend before the pause)",
            "zh": "恢复投放后预计每日广告花费 {spend}（暂停前的花费）",
        },
        "ads.effect.text.none_enable": {
            "en": "not estimated (no spend recorded with its pause)",
            "zh": "暂无估计（暂停时未记录花费）",
        },
    }
)


def _signed(value: float, currency: str, lang: str) -> str:
    text = i18n.money(abs(value), currency, lang)
    return ("+" if value >= 0 else "−") + text


def change_text(
    kind: str, current: float | None, proposed: float | None, currency: str | None, lang: str
) -> str:
    """What a recommendation changes, as the CLI and the web show it: in words for a state
    change (``enabled → paused``), in money for a bid or budget (``$0.80 → $0.65``)."""

    def money(value: float | None) -> str:
        return "–" if value is None else i18n.money(value, currency or "USD", lang)

    if kind in ("pause", "enable", "negative"):
        return i18n.t(f"ads.change.{kind}", lang)
    if kind == "harvest" and current is None:
        return i18n.t("ads.change.harvest", lang, bid=money(proposed))
    return f"{money(current)} → {money(proposed)}"


def effect_text(
    effect: dict[str, float] | None, currency: str, lang: str, kind: str | None = None,
    reason: str | None = None,
) -> str:  # fmt: skip
    """The expected effect as a sentence: ``+$3.20 profit/day expected (ad spend −$5.00/day)``;
    profit is after ad spend. An enable's spend is the spend its pause took away; a bid back
    from a stock pause (``resume_value``) is against the bid from before the pause."""
    effect = effect or {}
    profit, spend = effect.get("profit"), effect.get("spend")
    if kind == "enable":
        if spend is None:
            return i18n.t("ads.effect.text.none_enable", lang)
        return i18n.t("ads.effect.text.spend_back", lang,
                      spend=_signed(float(spend), currency, lang))  # fmt: skip
    if reason == "resume_value" and profit is not None and spend is not None:
        return i18n.t("ads.effect.text.resume", lang,
                      profit=_signed(float(profit), currency, lang),
                      spend=_signed(float(spend), currency, lang))  # fmt: skip
    if profit is not None and spend is not None:
        return i18n.t("ads.effect.text.profit_spend", lang,
                      profit=_signed(float(profit), currency, lang),
                      spend=_signed(float(spend), currency, lang))  # fmt: skip
    if profit is not None:
        return i18n.t("ads.effect.text.profit", lang, profit=_signed(float(profit), currency, lang))
    if spend is not None:
        return i18n.t("ads.effect.text.spend", lang, spend=_signed(float(spend), currency, lang))
    return i18n.t("ads.effect.text.none", lang)


def judged_name(goal: Any, lang: str) -> str:
    """What the ACoS a proposal is judged at is called: break-even for a profit goal (mature,
    declining), the target for a launch or growth (``optimizer.goal_acos``)."""
    return i18n.t(f"ads.judged.{'target' if goal == 'target' else 'profit'}", lang)


def _line_name(e: dict[str, Any], lang: str) -> str:
    """The name of ``judged_at_acos`` (older rows have only the target: named so)."""
    return judged_name(e.get("goal") if "judged_at_acos" in e else "target", lang)


def _campaign_basis(e: dict[str, Any], lang: str) -> str | None:
    """How a campaign's line is figured over its ad groups' products, as a sentence
    (``campaign_acos_basis``, ``ads.proposals.CampaignLine``); None when they share one."""
    basis = e.get("campaign_acos_basis")
    if basis not in ("spend_weighted", "mean"):
        return None
    return i18n.t(f"ads.why.basis.{basis}", lang, name=_line_name(e, lang))


def _pct(value: Any, lang: str) -> str:
    return "–" if value is None else i18n.percent(float(value), lang)


def _days(value: Any, lang: str) -> str:
    return "∞" if value is None else i18n.number(float(value), lang, 1)


def reason_details(row: AdRecommendation, lang: str) -> list[str]:
    """The numbers behind the reason, as sentences (empty when the evidence lacks them)."""
    e = dict(row.evidence or {})
    cur = row.currency or "USD"
    sku = str(e.get("sku") or row.sku or "")
    cover_in = e.get("days_of_cover_with_inbound", e.get("days_of_cover"))
    lead = e.get("lead_time_days")
    out: list[str] = []
    try:
        if row.reason in ("inventory_out_of_stock", "inventory_buybox_lost",
                          "inventory_cover_short"):  # fmt: skip
            out.append(i18n.t(f"ads.why.{row.reason}", lang, sku=sku, lead=lead,
                              fulfillable=e["fulfillable"], share=_pct(e.get("buy_box"), lang),
                              cover=_days(e.get("days_of_cover"), lang),
                              pause=i18n.number(float(e.get("pause_cover_days") or 7), lang, 0)))  # fmt: skip
        elif row.reason == "inventory_capped" and e.get("ad_share_of_units") is not None:
            organic = max(1 - float(e["ad_share_of_units"]), 1e-9)
            days = None if cover_in is None else float(cover_in) / organic
            out.append(i18n.t("ads.why.inventory_capped", lang, sku=sku, lead=lead,
                              cover_in=_days(cover_in, lang), organic=_pct(organic, lang),
                              organic_days=_days(days, lang)))  # fmt: skip
        elif row.reason == "inventory_low" and row.kind == "budget":
            out.append(i18n.t("ads.why.budget_inventory_low", lang, sku=sku, lead=lead,
                              cover_in=_days(cover_in, lang),
                              factor=_pct(e.get("inventory_factor"), lang),
                              acos=_pct(e.get("acos"), lang),
                              line_name=_line_name(e, lang),
                              target=_pct(e.get("judged_at_acos", e.get("target_acos")), lang)))  # fmt: skip
        elif (row.reason in ("inventory_low", "overstock") and lead is not None
              and _lead_sentence(row, lang) is None):  # fmt: skip
            out.append(i18n.t("ads.why.inventory_low", lang, sku=sku, lead=lead,
                              cover_in=_days(cover_in, lang)))  # fmt: skip
        elif row.reason in ("above_value", "below_value") and e.get("value_per_click"):
            raw = _raw_rate(e)
            shrunk = raw is not None and shrink_moved(raw, float(e["cvr_shrunk"]))
            out.append(i18n.t("ads.why.click_value_shrunk" if shrunk else "ads.why.click_value",
                              lang, clicks=i18n.number(float(e["clicks"]), lang, 0),
                              orders=i18n.number(float(e["orders"]), lang, 0),
                              cvr=_pct(e["cvr_shrunk"], lang), raw=_pct(raw, lang),
                              per_click=i18n.money(float(e["value_per_click"]), cur, lang),
                              cpc=i18n.money(float(e["cpc"]), cur, lang)))  # fmt: skip
        elif row.reason == "resume_value" and e.get("bid_before_pause") is not None:
            out.append(i18n.t("ads.why.resume_value", lang,
                              clicks=i18n.number(float(e["clicks"]), lang, 0),
                              orders=i18n.number(float(e["orders"]), lang, 0),
                              cvr=_pct(e["cvr_shrunk"], lang),
                              per_click=i18n.money(float(e["value_per_click"]), cur, lang),
                              before=i18n.money(float(e["bid_before_pause"]), cur, lang),
                              up=_pct(RULES.max_step_up, lang),
                              down=_pct(RULES.max_step_down, lang)))  # fmt: skip
        elif row.reason == "no_margin":
            out.append(i18n.t("ads.why.no_margin", lang, sku=sku,
                              profit=i18n.money(float(e["profit_before_ads"]), cur, lang),
                              price=i18n.money(float(e["price"]), cur, lang)))  # fmt: skip
        elif row.reason in ("budget_over_target", "budget_limited_profitable"):
            out.append(i18n.t(f"ads.why.{row.reason}", lang, acos=_pct(e.get("acos"), lang),
                              line_name=_line_name(e, lang),
                              target=_pct(e.get("judged_at_acos", e.get("target_acos")), lang),
                              line=_pct(e.get("over_target_from_acos"), lang),
                              capped=e.get("days_capped")))  # fmt: skip
        basis = _campaign_basis(e, lang) if row.kind == "budget" else None
        if basis:
            out.append(basis)
        if row.kind == "budget" and row.reason == "budget_over_target" and e.get("cut_for_stock"):
            out.append(i18n.t("ads.why.also_stock", lang, cover_in=_days(cover_in, lang),
                              lead=lead))  # fmt: skip
        if row.kind == "budget" and row.reason == "inventory_low" and e.get("cut_for_acos"):
            out.append(i18n.t("ads.why.also_acos", lang, acos=_pct(e.get("acos"), lang),
                              line_name=_line_name(e, lang),
                              target=_pct(e.get("judged_at_acos", e.get("target_acos")), lang)))  # fmt: skip
        if (row.kind == "bid" and row.current is not None and row.proposed is not None
                and row.proposed > row.current and not e.get("orders")
                and e.get("source_orders")):  # fmt: skip
            out.append(i18n.t("ads.why.source_orders", lang,
                              orders=i18n.number(float(e["source_orders"]), lang, 0),
                              clicks=i18n.number(float(e.get("source_clicks") or 0), lang, 0)))  # fmt: skip
        if e.get("no_growth_skus"):
            out.append(i18n.t("ads.why.no_growth", lang, skus=e["no_growth_skus"]))
        if e.get("skus_paused_today") and row.kind in ("bid", "budget"):
            out.append(i18n.t("ads.why.paused_today", lang, skus=e["skus_paused_today"]))
        if e.get("changes_left_out") and row.kind == "pause":
            out.append(i18n.t("ads.why.changes_left_out", lang, count=e["changes_left_out"]))
    except (KeyError, TypeError, ValueError):
        return out  # older rows without these numbers: the reason alone
    return out


#: The reason says a conversion rate was drawn toward the ad group's only when that moved it
#: by at least this share of the target's own rate (with many clicks it barely does).
SHRINK_NOTE_SHARE = 0.10


def shrink_moved(raw: float, shrunk: float) -> bool:
    """True when the shrinkage moved the rate materially (:data:`SHRINK_NOTE_SHARE`)."""
    if raw <= 0:
        return shrunk > 0
    return abs(shrunk - raw) >= SHRINK_NOTE_SHARE * raw


def _raw_rate(e: dict[str, Any]) -> float | None:
    """The target's own conversion rate before shrinkage: ``cvr_raw`` (its clicks and
    orders, the incomplete days' and its search term's in the source included), else its
    mature clicks and orders (older rows)."""
    if e.get("cvr_raw") is not None:
        return float(e["cvr_raw"])
    clicks = float(e.get("clicks") or 0)
    return float(e.get("orders") or 0) / clicks if clicks else None


#: Amazon's auto-targeting expressions, as a person reads them in Chinese (the English kept
#: in parentheses: it is what the console and the bulk file show).
AUTO_TARGET_NAMES = {"close-match": "紧密匹配", "loose-match": "宽泛匹配",
                     "substitutes": "同类商品", "complements": "关联商品"}  # fmt: skip


def target_name(text: str | None, lang: str) -> str | None:
    """A target as the CLI table and the web show it: in Chinese an auto-targeting
    expression is named in Chinese with the English in parentheses (``紧密匹配（close-match）``);
    keywords, terms and SKUs as they are. Never for bulk files or JSON."""
    if text is None or lang != "zh":
        return text
    name = AUTO_TARGET_NAMES.get(text.strip().casefold())
    return f"{name}（{text}）" if name else text


def _lead_sentence(row: AdRecommendation, lang: str) -> str | None:
    """The reason with its numbers in one sentence, where one reads better than the reason
    followed by its details: a bid scaled down for stock."""
    e = row.evidence or {}
    if row.kind != "bid" or row.reason != "inventory_low":
        return None
    cover_in = e.get("days_of_cover_with_inbound", e.get("days_of_cover"))
    if e.get("lead_time_days") is None or e.get("inventory_factor") is None:
        return None
    return i18n.t("ads.why.inventory_low_bid", lang, sku=str(e.get("sku") or row.sku or ""),
                  cover_in=_days(cover_in, lang), lead=e["lead_time_days"],
                  factor=_pct(e["inventory_factor"], lang))  # fmt: skip


def reason_text(row: AdRecommendation, lang: str) -> str:
    """The reason, followed by the numbers behind it when the evidence has them."""
    lead = _lead_sentence(row, lang)
    text = lead or i18n.t(f"ads.reason.{row.reason}", lang)
    details = reason_details(row, lang)
    if not details:
        return text
    if lang == "zh":
        return f"{text}。{'；'.join(details)}。"
    return f"{text}. {'; '.join(details)}."


def where(session: Session, row: AdRecommendation) -> dict[str, str | None]:
    campaign = session.get(AdCampaign, row.campaign_id)
    group = session.get(AdGroup, row.ad_group_id) if row.ad_group_id else None
    target = session.get(AdTarget, row.target_id) if row.target_id else None
    return {
        "campaign": campaign.name if campaign else None,
        "ad_group": group.name if group else None,
        "target": target.text if target else (row.term or row.sku),
        "match_type": target.match_type if target else row.match_type,
    }


def to_dict(
    session: Session, row: AdRecommendation, lang: str, tacos: TacosView | None = None
) -> dict[str, Any]:
    """The JSON shape of one recommendation (``sellerops ads recommendations --json``);
    ``tacos`` (``metrics.tacos_view``) adds the TACoS of its SKU / ad group's products
    (None when their total sales are unknown)."""
    out = {
        "id": row.id,
        "date": row.review_date.isoformat(),
        "kind": row.kind,
        **where(session, row),
        "sku": row.sku,
        "current": None if row.current is None else float(row.current),
        "proposed": None if row.proposed is None else float(row.proposed),
        "currency": row.currency,
        "reason": row.reason,
        "reason_text": reason_text(row, lang),
        "evidence": row.evidence,
        "expected_effect_per_day": row.effect,
        # The same effect spelled out: profit after ad spend and ad spend, per day.
        "expected_profit_per_day": (row.effect or {}).get("profit"),
        "expected_spend_change_per_day": (row.effect or {}).get("spend"),
        "expected_effect_text": effect_text(
            row.effect, row.currency or "USD", lang, row.kind, row.reason
        ),
        "impact_per_day": round(impact(row), 2),
        "status": row.status,
        "decided_by": row.decided_by,
    }
    if tacos is not None:
        value = tacos.for_row(row.sku, row.ad_group_id)
        out["tacos"] = None if value is None else round(value, 4)
    return out
