"""English and Chinese texts and evidence labels of the stock-health alerts."""

from __future__ import annotations

from sellerops.core import i18n
from sellerops.daily.evidence import register_evidence

register_evidence(
    {
        "excess_units": (
            "Excess units in FBA (beyond healthy, at most fulfillable + reserved)",
            "FBA 内超额库存（超出健康库存，且不超过可售 + 预留）",
            "plain",
        ),
        "healthy_units": (
            "Healthy level (larger of plan target and 90 days of forecast)",
            "健康库存（补货目标与 90 天预测需求取大）",
            "plain",
        ),
        "reserved": ("Reserved", "预留", "plain"),
        "on_order": ("On order (open purchase orders)", "已下单未到货（采购单）", "plain"),
        "stock_position": (
            "Stock position (fulfillable + inbound + on order)",
            "库存位置（可售 + 在途 + 已下单）",
            "plain",
        ),
        "over_healthy_units": (
            "Beyond healthy level (position − healthy)",
            "超出健康库存（库存位置 − 健康库存）",
            "plain",
        ),
        "plan_target_units": ("Restock plan target", "补货计划目标库存", "plain"),
        "days_of_cover_note": ("Days of cover", "可售天数", "plain"),
        "storage_fee_per_unit_month": ("Storage fee/unit/month", "每件月仓储费", "money"),
        "excess_storage_fee_month": ("Storage fee on excess/month", "超额部分月仓储费", "money"),
        "excess_value": ("Excess at sale price", "超额库存货值", "money"),
        "fee_source": ("Fee source", "费用来源", "plain"),
        "units_181_plus": ("Units aged 181+ days", "库龄 181 天以上", "plain"),
        "units_91_180": ("Units aged 91-180 days", "库龄 91-180 天", "plain"),
        "aged_surcharge_month": ("Aged surcharge/month", "超龄附加费/月", "money"),
        "unfulfillable_units": ("Unfulfillable", "不可售", "plain"),
        "stranded_units": ("Stranded", "搁置库存", "plain"),
        "unit_value_basis": ("Valued at", "估值依据", "plain"),
        "unit_value": ("Value per unit", "单件价值", "money"),
        "days_of_supply_30": ("Days of supply (30 d)", "历史供货天数（30 天）", "plain"),
        "days_of_supply_90": ("Days of supply (90 d)", "历史供货天数（90 天）", "plain"),
        "fee_per_unit": ("Fee per unit", "每件费用", "money"),
        "units_shipped_30": ("Units shipped (30 d)", "30 天发货件数", "plain"),
        "used_cuft": ("At FBA (cu ft)", "FBA 占用（立方英尺）", "plain"),
        "limit_cuft": ("Capacity limit (cu ft)", "库容上限（立方英尺）", "plain"),
        "used_units": ("At FBA (units)", "FBA 占用（件）", "plain"),
        "limit_units": ("Capacity limit (units)", "库容上限（件）", "plain"),
    }
)
FEE_SOURCES = {
    "report": ("monthly storage fee report", "月度仓储费报告"),
    "health": ("FBA Inventory report estimate", "FBA 库存报告估算"),
    "estimate": (
        "estimated from unit volume and the 2024 US fee table",
        "按单件体积和 2024 美国费率估算",
    ),
    "charged": ("long-term storage fee report", "长期仓储费报告"),
}
VALUE_BASES = {
    "cost": ("unit cost", "单件成本"),
    "price": ("selling price", "售价"),
    "price_share": ("30% of the price (no cost imported)", "售价的 30%（未导入成本）"),
}
i18n.register_messages(
    {f"evidence.unit_value_basis.{k}": {"en": en, "zh": zh} for k, (en, zh) in VALUE_BASES.items()}
)
i18n.register_messages(
    {f"evidence.fee_source.{k}": {"en": en, "zh": zh} for k, (en, zh) in FEE_SOURCES.items()}
)
i18n.register_messages(
    {
        "inventory.overstock.title": {
            "en": "{entity}: {excess_units} units beyond the healthy level ({cover}) cost "
            "about {fee} a month in storage",
            "zh": "{entity}：超出健康库存 {excess_units} 件（{cover}），每月仓储费约 {fee}",
        },
        "evidence.days_of_cover_note.no_sales_expected": {
            "en": "none: no sales expected",
            "zh": "无：预计无销售",
        },
        # days of cover in a finding (alert_checks.cover_phrase)
        "inventory.cover.days": {
            "en": "{days} days of cover",
            "en_one": "{days} day of cover",
            "one": "days",
            "zh": "可售 {days} 天",
        },
        "inventory.cover.none": {
            "en": "no sales expected, so it does not sell down",
            "zh": "预计无销售，库存不会减少",
        },
        "inventory.overstock.action": {
            "en": "Stop or shrink open purchase orders; push sell-through (coupon, price cut, "
            "more ads) before the units turn 181 days old and start paying the aged surcharge.",
            "zh": "暂停或减少在途采购；在库龄满 181 天产生超龄附加费前，用优惠券、降价或加大广告加快消化。",
        },
        # a SKU that loses money: sell-through bought with ads or price cuts deepens the loss
        "inventory.overstock.action.losing": {
            "en": "Stop or shrink open purchase orders. This SKU lost money over the last 30 "
            "days (see the losing-money finding), so do not push sell-through with more ads or "
            "a price cut: fix the price or the cost first, or create a removal or liquidation "
            "order for the excess if keeping it ({fee} a month in storage) costs more.",
            "zh": "暂停或减少在途采购。该 SKU 近 30 天亏损（见亏损提示），不要用加大广告或降价来"
            "加快消化：先调整售价或成本；若保留超额库存的成本（每月仓储费 {fee}）更高，"
            "则为超额部分创建移除或清算订单。",
        },
        # units already over 180 days old: the surcharge applies now, not "before they turn 181"
        "inventory.overstock.action.aged": {
            "en": "Stop or shrink open purchase orders. {aged_units} of these units are already "
            "over 180 days old, so the aged-inventory surcharge already applies (about "
            "{aged_fee} a month, on top of {fee} storage on the excess): compare a removal or "
            "liquidation order with keeping them at that monthly cost (the lifecycle finding "
            "prices both); a coupon or price cut only pays if it clears them faster.",
            "zh": "暂停或减少在途采购。其中 {aged_units} 件库龄已超 180 天，超龄附加费已在产生"
            "（每月约 {aged_fee}，另加超额部分仓储费 {fee}）：比较创建移除或清算订单与按此月成本"
            "继续保留（生命周期建议给出两者的金额）；只有能更快清掉这些库存时，优惠券或降价才划算。",
        },
        "inventory.overstock.action.aged_losing": {
            "en": "Stop or shrink open purchase orders. This SKU lost money over the last 30 "
            "days (see the losing-money finding), so more ads or a price cut would deepen the "
            "loss; and {aged_units} of these units are already over 180 days old, paying the "
            "aged-inventory surcharge (about {aged_fee} a month, on top of {fee} storage on the "
            "excess). Fix the price or the cost first, or create a removal or liquidation "
            "order rather than keep paying that every month.",
            "zh": "暂停或减少在途采购。该 SKU 近 30 天亏损（见亏损提示），加大广告或降价只会扩大"
            "亏损；且其中 {aged_units} 件库龄已超 180 天，正在支付超龄附加费（每月约 {aged_fee}，"
            "另加超额部分仓储费 {fee}）。请先调整售价或成本，或创建移除或清算订单，"
            "不要每月继续支付这些费用。",
        },
        "inventory.aged_inventory.title": {
            "en": "{entity}: {aged_units} units over 180 days old pay about {fee} a month in "
            "aged-inventory surcharge",
            "en_one": "{entity}: {aged_units} unit over 180 days old pays about {fee} a month in "
            "aged-inventory surcharge",
            "one": "aged_units",
            "zh": "{entity}：{aged_units} 件库龄超 180 天，每月超龄附加费约 {fee}",
        },
        "inventory.aged_inventory.action": {
            "en": "Sell the oldest units through (deal, coupon, price cut) or create a removal or "
            "liquidation order before the next monthly charge (the 15th); see the lifecycle "
            "finding for which pays more.",
            "zh": "通过秒杀、优惠券或降价清掉老库存，或在下次扣费（每月 15 日）前创建移除/清算订单；"
            "参考生命周期建议比较哪种更划算。",
        },
        "inventory.unfulfillable.title": {
            "en": "{entity}: {units} unfulfillable units sit in FBA (worth {value})",
            "en_one": "{entity}: {units} unfulfillable unit sits in FBA (worth {value})",
            "one": "units",
            "zh": "{entity}：FBA 中有 {units} 件不可售库存（价值 {value}）",
        },
        "inventory.unfulfillable.action": {
            "en": "Create a removal order (return or dispose) so they stop paying storage, and "
            "open a reimbursement case for units damaged in Amazon's warehouse.",
            "zh": "创建移除订单（退回或弃置）以停止仓储费；对仓库损坏的商品提交赔偿申请。",
        },
        "inventory.stranded.title": {
            "en": "{entity}: {units} units at FBA have no active listing (stranded, worth {value})",
            "en_one": "{entity}: {units} unit at FBA has no active listing (stranded, worth "
            "{value})",
            "one": "units",
            "zh": "{entity}：FBA 中 {units} 件没有在售商品（搁置库存，价值 {value}）",
        },
        "inventory.stranded.action": {
            "en": "Fix the listing on the Stranded Inventory page (relist, correct the price or "
            "the listing error) or remove the units.",
            "zh": "在搁置库存页面修复商品（重新上架、修正价格或错误），或移除这些库存。",
        },
        "inventory.fba_capacity_overrun.title": {
            "en": "FBA {entity} storage is {over_cuft} cu ft over its capacity limit: about "
            "{fee} a month in overage fees",
            "zh": "FBA {entity} 库容超出上限 {over_cuft} 立方英尺：每月超额费约 {fee}",
        },
        "inventory.fba_capacity_overrun.action": {
            "en": "Hold back the slowest sellers' shipments (the restock plan lists which), "
            "remove aged or excess units, or ship via a 3PL in smaller batches.",
            "zh": "暂缓发出慢销 SKU 的货（补货计划列出了哪些被暂缓），移除超龄或多余库存，"
            "或改为从第三方仓小批量补货。",
        },
        "inventory.low_inventory_fee.title": {
            "en": "{entity}: {days} days of supply is under Amazon's 28: low-inventory-level "
            "fee of {fee_per_unit} on every unit shipped",
            "zh": "{entity}：历史供货天数 {days} 天低于亚马逊 28 天标准，每发一件加收低库存费 {fee_per_unit}",
        },
        "inventory.low_inventory_fee.action": {
            "en": "Send more per shipment so at least 4-5 weeks of demand sit in FBA; the fee "
            "stops once the 30-day or the 90-day days of supply is back above 28.",
            "zh": "每批多发一些，让 FBA 中保持 4-5 周以上的销量；30 天或 90 天供货天数回到 28 天以上即停止收费。",
        },
    }
)
