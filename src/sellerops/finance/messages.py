"""Names people read for the finance domain's P&L lines and report labels, English and Chinese."""

from __future__ import annotations

from sellerops.core import i18n

LINE_NAMES: dict[str, dict[str, str]] = {
    "principal": {"en": "Item sales", "zh": "商品销售额"},
    "shipping": {"en": "Shipping credits", "zh": "运费收入"},
    "promotion": {"en": "Promotions and coupons", "zh": "促销与优惠券"},
    "refund": {"en": "Refunds", "zh": "退款"},
    "reimbursement": {"en": "Reimbursements", "zh": "赔偿"},
    "referral_fee": {"en": "Referral fees", "zh": "销售佣金"},
    "fba_fee": {"en": "FBA fulfilment fees", "zh": "FBA 配送费"},
    "refund_commission": {"en": "Refund commission", "zh": "退款管理费"},
    "storage": {"en": "Storage fees", "zh": "仓储费"},
    "other_fee": {"en": "Other Amazon fees", "zh": "其他亚马逊费用"},
    "ads": {"en": "Advertising", "zh": "广告费"},
    "cogs": {"en": "Cost of goods", "zh": "采购成本"},
    "freight": {"en": "First-leg freight", "zh": "头程运费"},
    "duty": {"en": "Duties", "zh": "关税"},
}
i18n.register_messages({f"finance.line.{k}": v for k, v in LINE_NAMES.items()})


def line_name(line: str, lang: str) -> str:
    return i18n.t(f"finance.line.{line}", lang)
