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
        "web.restock.stale": {
            "en": "This plan was computed before the import of {when}: its numbers and notes "
            "may be out of date. Recalculate to bring them up to date.",
            "zh": "本计划计算于 {when} 的导入之前：其中的数字和说明可能已过时。请重新计算以更新。",
        },
        "web.restock.losing": {"en": "Losing money", "zh": "亏损"},
        "web.restock.losing_hint": {
            "en": "It lost money over the last 30 days: fix its price or costs before "
            "reordering (see Why).",
            "zh": "近30天亏损：补货前请先调整售价或成本（见“原因”）。",
        },
        "web.restock.losing_count": {
            "en": "{count} SKUs on this page lose money: fix price or costs before reordering.",
            "en_one": "1 SKU on this page loses money: fix its price or costs before reordering.",
            "zh": "本页有 {count} 个 SKU 亏损：补货前请先调整售价或成本。",
        },
        "web.restock.recalculate_hint": {
            "en": "Forecasts every SKU again; on a large store this takes a while.",
            "zh": "将重新预测所有 SKU；商品多时需要一些时间。",
        },
    }
)
