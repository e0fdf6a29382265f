"""The plain explanation of a restock line, in English and Chinese, from the line's numbers.

The planner records the explanation as *notes*: ``(message key, params)`` pairs whose params
are plain JSON values (numbers, ISO dates, names, or a nested note for a phrase that needs
translating), so a stored plan renders in either language later. :func:`render` turns the
notes into sentences: ints and floats are formatted for the language, params named
``*date`` are ISO dates shown as the language writes dates, ``*_pct`` fractions are percents
and ``{"amount", "currency"}`` pairs are money.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sellerops.core import i18n

#: One sentence or phrase: a message key and its params (JSON values or nested notes).
Note = tuple[str, dict[str, Any]]

_P = "restock.why."
i18n.register_messages(
    {
        # demand, by the forecaster's demand class (Syntetos-Boylan; the words of DEMAND_LABELS)
        _P + "demand.smooth": {
            "en": "Sells about {per_day} a day (steady demand).",
            "zh": "日均销量约 {per_day} 件（需求平稳）。",
        },
        _P + "demand.erratic": {
            "en": "Sells about {per_day} a day; the units per day vary a lot (erratic demand).",
            "zh": "日均销量约 {per_day} 件，每天的销量波动很大（需求波动大）。",
        },
        _P + "demand.intermittent": {
            "en": "Sells about {per_day} a day on average, with many days without a sale "
            "(intermittent demand).",
            "zh": "日均销量约 {per_day} 件，但很多天没有销售（间歇性需求）。",
        },
        _P + "demand.lumpy": {
            "en": "Sells about {per_day} a day on average, in irregular bursts: many days without "
            "a sale and units per sale day that vary a lot (lumpy demand).",
            "zh": "日均销量约 {per_day} 件，呈不规则的集中销售：很多天没有销售，有销售时销量"
            "波动也很大（间歇且波动大的需求）。",
        },
        _P + "sale_days": {
            "en": "It sold on {sold} of the last {days} days it was in stock.",
            "zh": "近 {days} 个有货日中有 {sold} 天有销售。",
        },
        # which report gave the units per day (planning.sources_notes)
        _P + "units.mixed": {
            "en": "Units per day come from your orders through {orders_end_date}, and from the "
            "Business Report for {report_spans}, which no order report covers yet.",
            "zh": "每日销量取自订单（截至 {orders_end_date}），订单报告尚未覆盖的 {report_spans} "
            "取自业务报告。",
        },
        _P + "units.report": {
            "en": "Units per day come from the Business Report ({report_spans}): no order "
            "report covers these days.",
            "zh": "每日销量取自业务报告（{report_spans}）：没有订单报告覆盖这些日期。",
        },
        _P + "units.missing": {
            "en": "{days} days without an order report or a Business Report ({missing_spans}) "
            "are left out, not counted as days without sales.",
            "en_one": "{days} day without an order report or a Business Report ({missing_spans}) "
            "is left out, not counted as a day without sales.",
            "one": "days",
            "zh": "{days} 天既无订单报告也无业务报告（{missing_spans}），已排除在外，"
            "不按无销售计算。",
        },
        _P + "demand.new": {
            "en": "Sells about {per_day} a day, but with only {history_days} days of sales "
            "history the forecast is rough and leans on related listings where there are any.",
            "zh": "日均销量约 {per_day} 件；销售历史仅 {history_days} 天，预测较粗略，"
            "并参考同类商品（如有）。",
        },
        _P + "merchant": {
            "en": "Merchant-fulfilled (you ship it yourself; no FBA stock report covers it), "
            "so there is no FBA plan: it sold about {per_day} a day over the last {days} days; "
            "plan its purchase orders from your own warehouse stock.",
            "zh": "自发货（由您自己发货，FBA 库存报告中没有它），因此没有 FBA 补货计划："
            "近 {days} 天日均销量约 {per_day} 件；请按自有仓库存安排采购。",
        },
        _P + "demand.none": {
            "en": "No sales history yet, so no demand is forecast.",
            "zh": "尚无销售历史，因此没有需求预测。",
        },
        _P + "demand.none_pooled": {
            "en": "No sales history yet: the {per_day} a day forecast is the typical level of "
            "related listings.",
            "zh": "尚无销售历史：日均 {per_day} 件的预测取自同类商品的常见水平。",
        },
        _P + "events": {
            "en": "The forecast for the {days} days to cover includes {events}.",
            "zh": "需覆盖的 {days} 天预测已包含{events}。",
        },
        # the units the plan must cover
        _P + "cover": {
            "en": "Lead time {lead} days ({source}) plus a {review}-day review period: "
            "{protection} days to cover = {demand} units, plus {safety} safety stock for a "
            "{level}% service level, so the target is {target}.",
            "zh": "交货周期 {lead} 天（{source}），加 {review} 天复核周期：需覆盖 {protection} 天"
            " = {demand} 件，再加 {safety} 件安全库存（服务水平 {level}%），目标库存 {target} 件。",
        },
        _P + "source.product": {"en": "set on the product", "zh": "商品设置"},
        _P + "source.supplier": {
            "en": "{supplier}'s production lead time",
            "zh": "{supplier} 的生产周期",
        },
        _P + "source.store": {"en": "the store's default", "zh": "店铺默认值"},
        _P + "source.leg": {
            "en": "{base}, then {transfer} days from {warehouse} to FBA",
            "zh": "{base}，再加 {warehouse} 到 FBA 的 {transfer} 天",
        },
        _P + "abc.A": {
            "en": "That service level is class A's: the SKUs making most of the sales value.",
            "zh": "该服务水平对应 A 类：贡献大部分销售额的 SKU。",
        },
        _P + "abc.B": {
            "en": "That service level is class B's: the middle of the sales value.",
            "zh": "该服务水平对应 B 类：销售额居中的 SKU。",
        },
        _P + "abc.C": {
            "en": "That service level is class C's: the SKUs making the last few percent of "
            "sales value, where a stock-out costs least.",
            "zh": "该服务水平对应 C 类：只贡献最后一小部分销售额的 SKU，断货损失最小。",
        },
        # the finance side: a SKU that loses money (the review's losing_money finding)
        _P + "losing_money": {
            "en": "Caution: it lost {loss} over the last 30 days (margin {margin_pct}), so it "
            "loses money on what it sells. Fix its price or costs before reordering: the units "
            "this plan gives are what it would need at a profit, not an order to place as it is.",
            "zh": "注意：近30天亏损 {loss}（利润率 {margin_pct}），卖得越多亏得越多。请先调整售价或成本再补货："
            "本计划给出的补货量是它盈利时所需的数量，不是按现状应下的采购单。",
        },
        # stock position
        _P + "position": {
            "en": "You have {on_hand} on hand and {inbound} inbound.",
            "zh": "现有可售 {on_hand} 件，在途 {inbound} 件。",
        },
        _P + "position.leg": {
            "en": "You have {on_hand} on hand at FBA, {inbound} inbound and {warehouse_units} "
            "at {warehouse}.",
            "zh": "FBA 可售 {on_hand} 件，在途 {inbound} 件，{warehouse} 有 {warehouse_units} 件。",
        },
        _P + "open_po": {
            "en": "The inbound count includes {units} units on open purchase orders ({orders}).",
            "zh": "在途数量已包含未完成采购单上的 {units} 件（{orders}）。",
        },
        # the decision
        _P + "order": {
            "en": "So order {units} by {order_by_date}.",
            "zh": "因此请在 {order_by_date} 前采购 {units} 件。",
        },
        _P + "order.now": {
            "en": "So order {units} now.",
            "zh": "因此请现在采购 {units} 件。",
        },
        _P + "order.today": {
            "en": "So order {units} today.",
            "zh": "因此请今天采购 {units} 件。",
        },
        _P + "order.today_rounded": {
            "en": "So order {units} today ({need} needed, {rounding}).",
            "zh": "因此请今天采购 {units} 件（需 {need} 件，{rounding}）。",
        },
        _P + "order.rounded": {
            "en": "So order {units} by {order_by_date} ({need} needed, {rounding}).",
            "zh": "因此请在 {order_by_date} 前采购 {units} 件（需 {need} 件，{rounding}）。",
        },
        _P + "round.cases": {
            "en": "rounded up to {cases} cases of {pack}",
            "zh": "向上取整为 {cases} 箱 × {pack} 件",
        },
        _P + "round.moq": {
            "en": "raised to the MOQ of {moq}",
            "zh": "提高到最小起订量 {moq} 件",
        },
        _P + "round.cases_moq": {
            "en": "raised to the MOQ of {moq}, {cases} cases of {pack}",
            "zh": "提高到最小起订量 {moq} 件，共 {cases} 箱 × {pack} 件",
        },
        _P + "no_order": {
            "en": "That covers the target of {target}: no order now.",
            "zh": "已覆盖目标库存 {target} 件：现在无需采购。",
        },
        _P + "no_order.next": {
            "en": "That covers the target of {target}: no order now, but place the next one "
            "by {order_by_date}.",
            "zh": "已覆盖目标库存 {target} 件：现在无需采购，但下一单须在 {order_by_date} 前下。",
        },
        _P + "no_order.no_demand": {
            "en": "Nothing is forecast to sell: no order.",
            "zh": "预测无销量：无需采购。",
        },
        # stock-out
        _P + "stockout": {
            "en": "Without it you run out around {stockout_date}.",
            "zh": "如不采购，预计 {stockout_date} 左右断货。",
        },
        _P + "stockout.gap": {
            "en": "Without it you run out around {stockout_date}; even an order today lands "
            "about {lead} days from now, after that date, so expect a gap (consider faster "
            "freight).",
            "zh": "如不采购，预计 {stockout_date} 左右断货；即使今天下单也要约 {lead} 天后到货，"
            "晚于断货日，预计会断货一段时间（可考虑更快的物流）。",
        },
        _P + "stockout.later": {
            "en": "At the forecast, stock runs out around {stockout_date}.",
            "zh": "按预测，库存将在 {stockout_date} 左右售罄。",
        },
        _P + "stockout.now": {
            "en": "It is out of stock at FBA now.",
            "zh": "FBA 目前已断货。",
        },
        _P + "stockout.none": {
            "en": "Stock lasts beyond the planning horizon.",
            "zh": "库存可支撑到计划期之后。",
        },
        # getting units to FBA
        _P + "send.leg": {
            "en": "Send {send} from {warehouse} to FBA by {ship_by_date}.",
            "zh": "请在 {ship_by_date} 前从 {warehouse} 发 {send} 件到 FBA。",
        },
        _P + "send.leg_short": {
            "en": "{warehouse} holds too few: {held} units FBA needs are not there to send.",
            "zh": "{warehouse} 库存不足：FBA 需要的 {held} 件无货可发。",
        },
        _P + "capacity": {
            "en": "FBA capacity for {storage} storage is short: {held} units held back, send "
            "{send} now.",
            "zh": "FBA {storage} 库容不足：暂缓 {held} 件，现在发 {send} 件。",
        },
    }
)

#: The shopping events of ``core.calendar`` by name, for the events sentence.
EVENT_NAMES = {
    "Black Friday": "黑色星期五",
    "Black Friday weekend": "黑五周末",
    "Cyber Monday": "网络星期一",
    "Christmas Eve": "平安夜",
    "Christmas Day": "圣诞节",
    "Prime Day": "Prime 会员日",
    "Boxing Day": "节礼日",
    "Singles Day": "双十一",
}
i18n.register_messages({_P + "event." + en: {"en": en, "zh": zh} for en, zh in EVENT_NAMES.items()})


#: The demand class of a plan line (:attr:`SeriesForecast.method`, or ``merchant``) in a
#: word or two: the "Demand type" column of the CLI/web spreadsheets and the web table, in
#: the words the explanation uses.
DEMAND_LABELS: dict[str, dict[str, str]] = {
    "smooth": {"en": "steady", "zh": "平稳"},
    "erratic": {"en": "erratic", "zh": "波动大"},
    "intermittent": {"en": "intermittent", "zh": "间歇"},
    "lumpy": {"en": "lumpy", "zh": "间歇且波动大"},
    "new": {"en": "new", "zh": "新品"},
    "none": {"en": "no history", "zh": "无历史"},
    "merchant": {"en": "merchant-fulfilled", "zh": "自发货"},
}
i18n.register_messages({f"restock.demand.{k}": v for k, v in DEMAND_LABELS.items()})


def demand_label(method: str, lang: str) -> str:
    """The demand class ``method`` in ``lang``'s words (the raw value if unknown)."""
    words = DEMAND_LABELS.get(method)
    return words.get(lang, words["en"]) if words else method


def render(notes: list[Note] | tuple[Note, ...], lang: str) -> str:
    """The notes as sentences in ``lang`` (joined by a space in English, none in Chinese)."""
    sep = "" if lang == "zh" else " "
    return sep.join(_one(key, params, lang) for key, params in notes)


def _one(key: str, params: dict[str, Any], lang: str) -> str:
    return i18n.t(key, lang, **{k: _value(k, v, lang) for k, v in params.items()})


def _value(name: str, value: Any, lang: str) -> Any:
    if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[1], dict):
        return _one(str(value[0]), value[1], lang)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = [i18n.t(_P + "event." + v, lang) if name == "events" else v for v in value]
        return ("、" if lang == "zh" else ", ").join(names)
    if name.endswith("_spans") and isinstance(value, list):
        return ("、" if lang == "zh" else ", ").join(
            _span(first, last, lang) for first, last in value
        )
    if isinstance(value, dict) and value.keys() == {"amount", "currency"}:
        return i18n.money(Decimal(value["amount"]), value["currency"], lang)
    if isinstance(value, bool) or value is None:
        return value
    if name.endswith("_pct") and isinstance(value, (int, float)):
        return i18n.percent(value, lang)
    if isinstance(value, int):
        return i18n.number(value, lang, 0)
    if isinstance(value, float):
        return i18n.number(value, lang, 1)
    if name.endswith("date") and isinstance(value, str):
        return i18n.day(date.fromisoformat(value), lang)
    return value


def _span(first: str, last: str, lang: str) -> str:
    """``[first, last]`` ISO days as one day or a range in ``lang``."""
    a, b = i18n.day(date.fromisoformat(first), lang), i18n.day(date.fromisoformat(last), lang)
    return a if first == last else f"{a}{'至' if lang == 'zh' else '–'}{b}"


def to_json(notes: tuple[Note, ...]) -> list[Any]:
    """Notes as stored (lists, since JSON has no tuples)."""
    return [[k, p] for k, p in notes]


def from_json(value: list[Any] | None) -> tuple[Note, ...]:
    return tuple((str(k), dict(p)) for k, p in value or ())
