"""``sellerops profit``: true profit by SKU, ASIN, parent, store, marketplace or account,
per day, week or month, across stores in one reporting currency, with the drill-down to the
settlement, landed-cost and allocation lines behind one SKU's numbers."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import Ctx, count, fail, open_engine, parse_day, state
from sellerops.core import i18n
from sellerops.finance.messages import line_name
from sellerops.finance.profit import LINES, SkuPnl, cents
from sellerops.reports import messages as _report_words  # noqa: F401  (registers labels)

if TYPE_CHECKING:  # the command imports the database and the ledger when it runs
    from sellerops.core.models import Store
    from sellerops.finance.ledger import DrillDown, Ledger, LedgerRow

#: ``finance.rates.DEFAULT_RATE_WINDOW_DAYS``, written out so that the help needs no database
#: modules (tests/cli/test_startup.py checks that the two agree).
DEFAULT_RATE_WINDOW_DAYS = 7

i18n.register_messages(
    {
        "pnl.heading": {
            "en": "Profit by {level} · {stores} · {start} – {end} ({currency})",
            "zh": "按{level}利润 · {stores} · {start} – {end}（{currency}）",
        },
        "pnl.more": {
            "en": "… {count} more rows not shown (--limit 0 shows all); rows losing money are "
            "always shown ({losing} of them past the limit)",
            "zh": "… 另有 {count} 行未显示（--limit 0 显示全部）；亏损的行总会显示（超出限制的有 {losing} 行）",
        },
        "pnl.more_losing": {
            "en": "… the last {losing} rows are past the limit and shown because they lose money "
            "(--limit 0 shows all)",
            "zh": "… 最后 {losing} 行超出显示限制，因亏损而显示（--limit 0 显示全部）",
        },
        "pnl.level.sku": {"en": "SKU", "zh": "SKU"},
        "pnl.level.asin": {"en": "ASIN", "zh": "ASIN"},
        "pnl.level.parent": {"en": "parent ASIN", "zh": "父 ASIN"},
        "pnl.level.store": {"en": "store", "zh": "店铺"},
        "pnl.level.marketplace": {"en": "marketplace", "zh": "站点"},
        "pnl.level.account": {"en": "account", "zh": "账户"},
        "pnl.col.period": {"en": "Period", "zh": "期间"},
        "pnl.col.store": {"en": "Store", "zh": "店铺"},
        "pnl.total": {"en": "Total", "zh": "合计"},
        "pnl.estimated": {
            "en": "* includes days after {day} ({store}) estimated from orders (not settled yet)",
            "zh": "* 含 {store} 在 {day} 之后根据订单估算的数据（尚未结算）",
        },
        "pnl.missing_costs": {
            "en": "{store}: no cost for {count} SKUs (import the costs sheet): {skus}",
            "en_one": "{store}: no cost for 1 SKU (import the costs sheet): {skus}",
            "zh": "{store}：{count} 个 SKU 没有成本（请导入成本表）：{skus}",
        },
        "pnl.missing_rates": {
            "en": "{store}: no exchange rate for {currencies}: those amounts are left out, so "
            "profit is overstated (import the exchange-rates sheet)",
            "zh": "{store}：缺少 {currencies} 的汇率，相关金额未计入，利润因此偏高（请导入汇率表）",
        },
        "pnl.missing_rate": {
            "en": "No {src} → {dst} exchange rate for {day} (nor up to {window} days before). "
            "Add it to the exchange-rates sheet (sellerops template exchange-rates) and "
            "import it, or widen --rate-days.",
            "zh": "缺少 {day}（及之前 {window} 天内）{src} → {dst} 的汇率。请在汇率表"
            "（sellerops template exchange-rates）中补上并导入，或放宽 --rate-days。",
        },
        "pnl.mixed_currencies": {
            "en": "The stores are in {currencies}: choose a reporting currency with --currency "
            "(e.g. --currency {first}).",
            "zh": "这些店铺使用 {currencies}：请用 --currency 指定报告币种（例如 --currency "
            "{first}）。",
        },
        "pnl.no_store": {
            "en": "No store yet: import a report or run `sellerops demo` first.",
            "zh": "还没有店铺：请先导入报告或运行 `sellerops demo`。",
        },
        "pnl.no_sku": {
            "en": "No store has SKU {sku} in this period.",
            "zh": "此期间没有店铺有 SKU {sku}。",
        },
        "pnl.lines.fee": {"en": "Settlement / transaction lines", "zh": "结算 / 交易明细"},
        "pnl.lines.cost": {"en": "Landed-cost lines", "zh": "到岸成本明细"},
        "pnl.lines.allocation": {"en": "Shares of account-level amounts", "zh": "账户级费用分摊"},
        "pnl.lines.orders": {
            "en": "Orders behind the estimated days (not settled yet)",
            "zh": "估算日期对应的订单（尚未结算）",
        },
        "pnl.col.units": {"en": "Units", "zh": "件数"},
        "pnl.col.amazon_fees": {"en": "Amazon fees", "zh": "亚马逊费用"},
        "pnl.col.refunds_other": {
            "en": "Refunds, shipping, promos, reimb.",
            "zh": "退款/运费/促销/赔偿",
        },
        "pnl.col.landed_cost": {"en": "Landed cost", "zh": "到岸成本"},
        "pnl.col.per_unit": {"en": "Per unit", "zh": "单件"},
        "pnl.col.from": {"en": "From", "zh": "来源"},
        "pnl.col.rule": {"en": "Split by", "zh": "分摊依据"},
        "pnl.source.costs_sheet": {"en": "costs sheet {ref}", "zh": "成本表 {ref}"},
        "pnl.source.shipment": {"en": "shipment {ref} ({status})", "zh": "货件 {ref}（{status}）"},
        "pnl.status.actual": {"en": "actual invoice", "zh": "实际账单"},
        "pnl.status.estimated": {"en": "estimate", "zh": "预估"},
        "pnl.status.none": {"en": "no invoice yet", "zh": "尚无账单"},
        "pnl.rule.cubic_feet": {"en": "cubic feet stored", "zh": "仓储体积（立方英尺）"},
        "pnl.rule.fba_units_held": {"en": "units held in FBA", "zh": "FBA 库存件数"},
        "pnl.rule.units": {"en": "units sold", "zh": "销售件数"},
        "pnl.rule.item_sales": {"en": "item sales", "zh": "商品销售额"},
        "pnl.rule.account": {"en": "account (no SKU sold)", "zh": "账户（无 SKU 销售）"},
        "pnl.rule.ad_group": {
            "en": "item sales of the ad group's SKUs",
            "zh": "广告组内各 SKU 的商品销售额",
        },
        "pnl.ads_split": {
            "en": "‡ advertising partly estimated: spend no ad report ties to a SKU (Sponsored "
            "Brands / Display, ad groups whose products are not known, an account-level ad "
            "invoice) is split over the SKUs by their item sales",
            "zh": "‡ 广告费部分为估算：广告报告无法对应到 SKU 的花费（品牌/展示广告、商品未知的广告组、"
            "账户级广告账单）按各 SKU 的商品销售额分摊",
        },
    }
)


class By(StrEnum):
    sku = "sku"
    asin = "asin"
    parent = "parent"
    store = "store"
    marketplace = "marketplace"
    account = "account"


class PeriodOption(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    all = "all"


#: The table's money columns: P&L lines added up, so that they add up to the profit (every
#: line is in --json and --sku).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "principal": ("principal",),
    "refunds_other": ("refund", "shipping", "promotion", "reimbursement"),
    "amazon_fees": ("referral_fee", "fba_fee", "refund_commission", "storage", "other_fee"),
    "ads": ("ads",),
    "landed_cost": ("cogs", "freight", "duty"),
}


def profit(
    days: Annotated[int, typer.Option(help="Days covered, ending on --date")] = 30,
    day: Annotated[str | None, typer.Option("--date", help="Last day, YYYY-MM-DD")] = None,
    by: Annotated[
        By, typer.Option("--by", help="sku, asin, parent, store, marketplace or account")
    ] = By.sku,
    period: Annotated[
        PeriodOption, typer.Option("--period", help="day, week, month or all (one total)")
    ] = PeriodOption.all,
    store: Annotated[
        list[str] | None, typer.Option("--store", help="Store name (repeat; default: all)")
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option("--currency", help="Reporting currency, e.g. EUR (default: the stores')"),
    ] = None,
    rate_days: Annotated[
        int, typer.Option("--rate-days", help="Oldest exchange rate usable for a day, in days")
    ] = DEFAULT_RATE_WINDOW_DAYS,
    sku: Annotated[str | None, typer.Option("--sku", help="Drill down into this SKU")] = None,
    lines: Annotated[
        bool, typer.Option("--lines", help="With --sku: every line behind its numbers")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    limit: Annotated[
        int, typer.Option(help="Show at most this many rows per period (0: all)")
    ] = 30,
) -> None:
    """True profit (fees, landed cost with first-leg freight, ads, storage) by SKU, ASIN,
    parent, store, marketplace or account, per day, week or month, in one currency; days not
    settled yet are estimated from orders (marked *); --sku X --lines lists the lines behind
    a SKU's numbers."""
    from sellerops.core.db import unit_of_work
    from sellerops.finance.ledger import MixedCurrenciesError, ledger
    from sellerops.finance.rates import MissingRateError

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        stores = _stores(ctx, session, store)
        end = parse_day(ctx, day) or _latest_day(session, stores)
        start = end - timedelta(days=days - 1)
        try:
            if sku is not None:
                found = _drill(session, stores, sku, start, end, currency, rate_days)
            else:
                table = ledger(session=session, stores=stores, start=start, end=end,
                               currency=currency, level=by.value, period=period.value,
                               rate_window_days=rate_days)  # fmt: skip
        except MissingRateError as exc:
            fail(ctx, i18n.t("pnl.missing_rate", ctx.lang, src=exc.src, dst=exc.dst,
                             day=exc.day.isoformat(), window=exc.window))  # fmt: skip
        except MixedCurrenciesError as exc:
            fail(ctx, i18n.t("pnl.mixed_currencies", ctx.lang,
                             currencies=", ".join(exc.currencies), first=exc.currencies[0]))  # fmt: skip
    if sku is not None:
        if found is None:
            fail(ctx, i18n.t("pnl.no_sku", ctx.lang, sku=sku))
        _print_drill_down(ctx, found, start, end, lines, as_json)
        return
    if as_json:
        typer.echo(json.dumps(_ledger_json(table, stores), ensure_ascii=False))
        return
    _print_ledger(ctx, table, stores, limit)


def _stores(ctx: Ctx, session: Any, names: list[str] | None) -> list[Store]:
    from sellerops.core.stores import find_store, list_stores

    if not names:
        found = list_stores(session=session)
        if not found:
            fail(ctx, i18n.t("pnl.no_store", ctx.lang))
        return found
    out = []
    for name in names:
        one = find_store(session=session, name=name)
        if one is None:
            known = ", ".join(s.name for s in list_stores(session=session)) or "-"
            fail(ctx, f"no store named {name!r} (stores: {known})")
        out.append(one)
    return out


def _latest_day(session: Any, stores: list[Store]) -> date:
    from sellerops.catalog import performance

    days = [performance.latest_day(session=session, store_id=s.id) for s in stores]
    known = [d for d in days if d is not None]
    return max(known) if known else date.today()


def _drill(
    session: Any,
    stores: list[Store],
    sku: str,
    start: date,
    end: date,
    currency: str | None,
    rate_days: int,
) -> DrillDown | None:
    """The first store (by name) that has the SKU in the period."""
    from sellerops.finance.ledger import drill_down

    for one in stores:
        found = drill_down(session=session, store=one, sku=sku, start=start, end=end,
                           currency=currency, rate_window_days=rate_days)  # fmt: skip
        if found.pnl is not None or found.fee_lines:
            return found
    return None


def _money(value: Decimal) -> str:
    return str(cents(value))


def _record(p: SkuPnl) -> dict[str, Any]:
    return {
        "key": p.sku,
        "asin": p.asin,
        "units": p.units,
        "lines": {k: _money(v) for k, v in p.lines.items()},
        "estimated": {k: _money(v) for k, v in p.estimated.items()},
        # the part of the ads line split over SKUs by item sales (no report names the SKU)
        "ads_split": _money(p.ads_split),
        "profit": _money(p.profit),
        "margin": None if p.margin is None else round(p.margin, 4),
    }


def _row_json(r: LedgerRow) -> dict[str, Any]:
    return {"start": r.start.isoformat(), "end": r.end.isoformat(), "store": r.store,
            "marketplace": r.marketplace, **_record(r.pnl)}  # fmt: skip


def _ledger_json(t: Ledger, stores: list[Store]) -> dict[str, Any]:
    settled = [d for d in t.settled_through.values() if d is not None]
    return {
        "store": stores[0].name if len(stores) == 1 else None,
        "stores": [s.name for s in stores],
        "currency": t.currency,
        "by": t.level,
        "period": t.period,
        "start": t.start.isoformat(),
        "end": t.end.isoformat(),
        "settled_through": min(settled).isoformat() if settled else None,
        "settled_through_by_store": {k: _iso(v) for k, v in t.settled_through.items()},
        "rows": [_row_json(r) for r in t.rows],
        "total": _record(t.total()),
        "missing_costs": {k: sorted(v) for k, v in t.missing_costs.items()},
        "missing_rates": {k: sorted(v) for k, v in t.missing_rates.items()},
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _print_ledger(ctx: Ctx, t: Ledger, stores: list[Store], limit: int) -> None:
    lang = ctx.lang
    title = i18n.t("pnl.heading", lang, level=i18n.t(f"pnl.level.{t.level}", lang),
                   stores=", ".join(s.name for s in stores), start=t.start.isoformat(),
                   end=t.end.isoformat(), currency=t.currency)  # fmt: skip
    table = Table(title=title, title_justify="left")
    with_period = t.period != "all"
    with_store = len(stores) > 1 and t.level in ("sku", "asin", "parent")
    if with_period:
        table.add_column(i18n.t("pnl.col.period", lang), no_wrap=True)
    table.add_column(i18n.t(f"pnl.level.{t.level}", lang), no_wrap=True)
    if with_store:
        table.add_column(i18n.t("pnl.col.store", lang), no_wrap=True)
    for name in ("units", *_COLUMNS, "profit", "margin"):
        if name in ("units", "profit", "margin"):
            label = i18n.t(f"report.{name}", lang)
        else:
            label = line_name(name, lang) if name in LINES else i18n.t(f"pnl.col.{name}", lang)
        table.add_column(label, justify="right")
    shown: dict[date, int] = {}
    hidden = 0
    losing: list[LedgerRow] = []  # past the limit but losing money: an operator must see them

    marked = False  # a row carries the "*" of estimated days: the footnote explains it

    def add(r: LedgerRow) -> None:
        nonlocal marked
        marked = marked or r.pnl.is_estimated
        table.add_row(*_cells(r.pnl, t.currency, lang, _period(r) if with_period else None,
                              r.store if with_store else None, with_store))  # fmt: skip

    for r in t.rows:
        shown[r.start] = shown.get(r.start, 0) + 1
        if limit <= 0 or shown[r.start] <= limit:
            add(r)
        else:
            hidden += 1
            if r.pnl.profit < 0:
                losing.append(r)
    for r in losing:
        add(r)
    total = t.total()
    total.sku = i18n.t("pnl.total", lang)
    table.add_row(*_cells(total, t.currency, lang, "" if with_period else None, "", with_store),
                  style="bold")  # fmt: skip
    ctx.console.print(table)
    if hidden:
        not_shown = hidden - len(losing)
        if not_shown:
            more = i18n.t("pnl.more", lang, count=not_shown, losing=len(losing))
        else:  # every row past the limit loses money, so all are listed
            more = i18n.t("pnl.more_losing", lang, losing=len(losing))
        ctx.console.print(f"[dim]{escape(more)}[/]")
    _print_notes(ctx, t, marked=marked or total.is_estimated)


def _period(r: LedgerRow) -> str:
    """2026-11-03 (a day), 2026-11 (a whole month), 2026-11-02…08 (a week or part month)."""
    if r.start == r.end:
        return r.start.isoformat()
    following = r.end + timedelta(days=1)
    if r.start.day == 1 and following.day == 1:
        return r.start.strftime("%Y-%m")
    last = r.end.strftime("%d" if r.end.month == r.start.month else "%m-%d")
    return f"{r.start.isoformat()}…{last}"


def _cells(
    p: SkuPnl, currency: str, lang: str, period: str | None, store: str | None, with_store: bool
) -> list[str]:
    mark = " *" if p.is_estimated else ""
    cells = [] if period is None else [period]
    cells.append(escape(p.sku) + mark)
    if with_store:
        cells.append(escape(store or ""))
    cells.append(count(p.units, lang))
    for name, parts in _COLUMNS.items():
        amount = sum((p.lines.get(k, Decimal(0)) for k in parts), Decimal(0))
        split = " ‡" if name == "ads" and p.ads_split else ""
        cells.append(i18n.money(cents(amount), currency, lang) + split)
    cells.append(i18n.money(cents(p.profit), currency, lang))
    cells.append("–" if p.margin is None else i18n.percent(p.margin, lang))
    return cells


def _print_notes(ctx: Ctx, t: Ledger, *, marked: bool = True) -> None:
    lang = ctx.lang
    if any(r.pnl.ads_split for r in t.rows):
        ctx.console.print(escape(i18n.t("pnl.ads_split", lang)))
    for name, settled in t.settled_through.items():
        if marked and settled is not None and settled < t.end:
            ctx.console.print(i18n.t("pnl.estimated", lang, day=settled, store=escape(name)))
    for name, skus in t.missing_costs.items():
        listed = ", ".join(sorted(skus)[:5])
        ctx.console.print(i18n.t("pnl.missing_costs", lang, store=escape(name), count=len(skus),
                                 skus=escape(listed)))  # fmt: skip
    for name, currencies in t.missing_rates.items():
        ctx.console.print(i18n.t("pnl.missing_rates", lang, store=escape(name),
                                 currencies=", ".join(sorted(currencies))))  # fmt: skip


def _drill_json(d: DrillDown, start: date, end: date) -> dict[str, Any]:
    from sellerops.core.money import quantize

    return {
        "store": d.store, "currency": d.currency, "start": start.isoformat(),
        "end": end.isoformat(), "pnl": _record(d.pnl) if d.pnl else None,
        "fee_lines": [
            {"day": x.day.isoformat(), "source": x.source_id, "line_no": x.line_no,
             "type": x.transaction_type, "order_id": x.order_id,
             "description": x.amount_description, "line": x.line,
             "amount": str(quantize(x.amount, x.currency)), "currency": x.currency}
            for x in d.fee_lines
        ],
        "cost_lines": [
            {"day": c.day.isoformat(), "line": c.line, "units": c.units,
             "per_unit": str(c.per_unit.quantize(Decimal("0.0001"))), "amount": _money(c.amount),
             "source": c.source, "ref": c.ref, "status": c.status}
            for c in d.cost_lines
        ],
        "allocations": [
            {"line": a.line, "amount": _money(a.amount), "rule": a.rule} for a in d.allocations
        ],
        "order_lines": [
            {"day": o.day.isoformat(), "order_id": o.order_id, "units": o.units,
             "item_price": str(quantize(o.item_price, o.currency)), "currency": o.currency}
            for o in d.order_lines
        ],
        "missing_rates": sorted(d.missing_rates),
    }  # fmt: skip


def _print_drill_down(
    ctx: Ctx, d: DrillDown, start: date, end: date, lines: bool, as_json: bool
) -> None:
    if as_json:
        typer.echo(json.dumps(_drill_json(d, start, end), ensure_ascii=False))
        return
    lang = ctx.lang
    if d.pnl is not None:
        for line, amount in sorted(d.pnl.lines.items(), key=lambda kv: LINES.index(kv[0])):
            mark = " *" if line in d.pnl.estimated else ""
            mark += " ‡" if line == "ads" and d.pnl.ads_split else ""
            ctx.console.print(f"{line_name(line, lang)}{mark}: "
                              f"{i18n.money(cents(amount), d.currency, lang)}")  # fmt: skip
        ctx.console.print(f"{i18n.t('report.profit', lang)}: "
                          f"{i18n.money(cents(d.pnl.profit), d.currency, lang)}")  # fmt: skip
    if d.pnl is not None and d.pnl.ads_split:
        ctx.console.print(escape(i18n.t("pnl.ads_split", lang)))
    if d.missing_rates:
        ctx.console.print(i18n.t("pnl.missing_rates", lang, store=escape(d.store),
                                 currencies=", ".join(sorted(d.missing_rates))))  # fmt: skip
    if not lines:
        return
    from sellerops.cli import profit_lines

    profit_lines.print_lines(ctx, d)
