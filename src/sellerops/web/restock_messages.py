"""Texts of the stored restock plan (when it was computed, recalculating, pages)."""

from sellerops.core import i18n

i18n.register_messages(
    {
        "web.restock.computed": {
            "en": "Computed {when} · {count} SKUs",
            "zh": "计算于 {when} · 共 {count} 个 SKU",
        },
        "web.restock.col.why": {"en": "Why", "zh": "原因"},
        "web.restock.why": {"en": "Explain", "zh": "查看说明"},
        "web.restock.recalculate": {"en": "Recalculate", "zh": "重新计算"},
        "web.restock.computing": {
            "en": "The plan is being computed (started {when}); this page refreshes itself "
            "until it is ready.",
            "zh": "补货计划正在计算（开始于 {when}），完成前本页会自动刷新。",
        },
        "web.restock.recalculate_hint": {
            "en": "Forecasts every SKU again; on a large store this takes a while.",
            "zh": "将重新预测所有 SKU；商品多时需要一些时间。",
        },
    }
)
