"""Recommendations as people read them (terminal, JSON, web): what, where, why, effect."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sellerops.ads.metrics import TacosView
from sellerops.ads.models import AdCampaign, AdGroup, AdRecommendation, AdTarget
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
            "en": "Bid above what a click is worth (conversion rate x order value x break-even "
            "ACoS): the last clicks bought lose money",
            "zh": "出价高于单次点击价值（转化率 × 客单价 × 盈亏平衡 ACoS）：最后买到的点击在亏钱",
        },
        "ads.reason.below_value": {
            "en": "A click is worth more than the bid: raise it to buy the clicks that still "
            "pay for themselves",
            "zh": "单次点击价值高于出价：提高出价，买下仍能赚钱的点击",
        },
        "ads.reason.inventory_low": {
            "en": "Stock runs low against the lead time: push scaled down",
            "zh": "库存相对补货周期偏低：降低推广力度",
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
            "en": "Out of budget while well over target ACoS",
            "zh": "预算耗尽但 ACoS 远高于目标",
        },
        "ads.reason.inventory_out": {
            "en": "SKU out of stock, under a week of cover, or Buy Box lost",
            "zh": "SKU 断货、可售不足一周或失去购物车",
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
    }
)


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
        "reason_text": i18n.t(f"ads.reason.{row.reason}", lang),
        "evidence": row.evidence,
        "expected_effect_per_day": row.effect,
        "impact_per_day": round(impact(row), 2),
        "status": row.status,
        "decided_by": row.decided_by,
    }
    if tacos is not None:
        value = tacos.for_row(row.sku, row.ad_group_id)
        out["tacos"] = None if value is None else round(value, 4)
    return out
