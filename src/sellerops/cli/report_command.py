"""``sellerops report`` (daily / weekly / monthly report as HTML, XLSX or PDF) and
``sellerops profit`` (true profit per SKU, ASIN, parent or store)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import Ctx, count, fail, open_engine, parse_day, state
from sellerops.core import i18n
from sellerops.finance.messages import LINE_NAMES, line_name
from sellerops.finance.profit import LINES, SkuPnl, cents, totals
from sellerops.reports import messages as _report_words  # noqa: F401  (registers labels)

if TYPE_CHECKING:  # the commands import the database and the domain when they run
    from sellerops.core.models import Store
    from sellerops.finance.pnl import LineDetail

i18n.register_messages(
    {
        "report.saved": {"en": "Saved {path}", "zh": "已保存 {path}"},
        "profit.heading": {
            "en": "Profit by {level} · {store} · {start} – {end} ({currency})",
            "zh": "按{level}利润 · {store} · {start} – {end}（{currency}）",
        },
        "profit.estimated": {
            "en": "* includes days after {day} estimated from orders (not settled yet)",
            "zh": "* 含 {day} 之后根据订单估算的数据（尚未结算）",
        },
        "profit.col.day": {"en": "Day", "zh": "日期"},
        "profit.col.source": {"en": "Settlement", "zh": "结算编号"},
        "profit.col.type": {"en": "Type", "zh": "类型"},
        "profit.col.order": {"en": "Order", "zh": "订单号"},
        "profit.col.description": {"en": "Description", "zh": "说明"},
        "profit.col.line": {"en": "P&L line", "zh": "利润表项目"},
        "profit.col.amount": {"en": "Amount", "zh": "金额"},
        "profit.missing_costs": {
            "en": "No cost for {count} SKUs (import the costs sheet): {skus}",
            "en_one": "No cost for {count} SKU (import the costs sheet): {skus}",
            "zh": "{count} 个 SKU 没有成本（请导入成本表）：{skus}",
        },
    }
)


class ReportKind(StrEnum):
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"


class ReportFormat(StrEnum):
    html = "html"
    xlsx = "xlsx"
    pdf = "pdf"


class Level(StrEnum):
    sku = "sku"
    asin = "asin"
    parent = "parent"
    store = "store"


def _store_and_day(
    ctx: Ctx, session: Any, store: str | None, day: str | None
) -> tuple[Store, date]:
    from sellerops.catalog import performance
    from sellerops.core.stores import StoreNotFoundError, get_store

    try:
        the_store = get_store(session=session, name=store)
    except StoreNotFoundError as exc:
        fail(ctx, exc.text(ctx.lang))
    as_of = parse_day(ctx, day) or performance.latest_day(session=session, store_id=the_store.id)
    if as_of is None:
        fail(ctx, i18n.t("review.no_data", ctx.lang, store=the_store.name))
    return the_store, as_of


def report(
    kind: Annotated[ReportKind, typer.Argument(help="daily, weekly or monthly")],
    out: Annotated[Path, typer.Option("--out", help="File to write")],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="html, xlsx or pdf")
    ] = ReportFormat.html,
    day: Annotated[str | None, typer.Option("--date", help="Last day covered, YYYY-MM-DD")] = None,
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
) -> None:
    """Daily, weekly or monthly report: KPIs vs the previous period and last year, P&L,
    top movers and problems, as HTML, XLSX or PDF."""
    from sellerops.core.db import unit_of_work
    from sellerops.finance.reports import build_report
    from sellerops.reports import render

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store, as_of = _store_and_day(ctx, session, store, day)
        data = build_report(session=session, store=the_store, kind=kind.value, day=as_of,
                            currency=_currency(the_store))  # fmt: skip
        writer = {"html": render.write_html, "xlsx": render.write_xlsx, "pdf": render.write_pdf}
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            writer[fmt.value](data, out, ctx.lang)
        except render.MissingFontError as exc:
            fail(ctx, str(exc))
    ctx.console.print(i18n.t("report.saved", ctx.lang, path=escape(str(out))), highlight=False)


def _currency(store: Store) -> str:
    from sellerops.core.marketplaces import get_marketplace

    return get_marketplace(store.marketplace_code).currency


def profit(
    days: Annotated[int, typer.Option(help="Days covered, ending on --date")] = 30,
    day: Annotated[str | None, typer.Option("--date", help="Last day, YYYY-MM-DD")] = None,
    by: Annotated[Level, typer.Option("--by", help="sku, asin, parent or store")] = Level.sku,
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many rows")] = 30,
    sku: Annotated[
        str | None, typer.Option("--sku", help="Drill down: this SKU's fee lines")
    ] = None,
) -> None:
    """True profit (fees, landed cost, ads, storage) by SKU, ASIN, parent or store, from
    settlements, with days not settled yet estimated from orders; --sku lists the lines
    behind one SKU's numbers."""
    from sellerops.core.db import unit_of_work
    from sellerops.finance.pnl import lines_behind, sku_pnl

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store, end = _store_and_day(ctx, session, store, day)
        start = end - timedelta(days=days - 1)
        currency = _currency(the_store)
        pnl = sku_pnl(session=session, store_id=the_store.id, currency=currency, start=start,
                      end=end)  # fmt: skip
        details = [] if sku is None else lines_behind(
            session=session, store_id=the_store.id, sku=sku, start=start, end=end)  # fmt: skip
    if sku is not None:
        _print_drill_down(ctx, pnl.skus.get(sku), details, currency, as_json)
        return
    rows = group(list(pnl.skus.values()), by.value)
    if as_json:
        typer.echo(json.dumps({"store": the_store.name, "currency": currency,
                               "start": start.isoformat(), "end": end.isoformat(),
                               "settled_through": _iso(pnl.settled_through),
                               "rows": [_record(r) for r in rows]}, ensure_ascii=False))  # fmt: skip
        return
    title = i18n.t("profit.heading", ctx.lang, level=by.value, store=the_store.name,
                   start=start.isoformat(), end=end.isoformat(), currency=currency)  # fmt: skip
    ctx.console.print(_table(rows[:limit], title, currency, ctx.lang))
    if pnl.settled_through is not None and pnl.settled_through < end:
        ctx.console.print(i18n.t("profit.estimated", ctx.lang, day=pnl.settled_through))
    if pnl.missing_costs:
        skus = ", ".join(sorted(pnl.missing_costs)[:5])
        ctx.console.print(i18n.t("profit.missing_costs", ctx.lang, count=len(pnl.missing_costs),
                                 skus=escape(skus)))  # fmt: skip


def _print_drill_down(
    ctx: Ctx, p: SkuPnl | None, details: list[LineDetail], currency: str, as_json: bool
) -> None:
    from sellerops.core.money import quantize

    if as_json:
        typer.echo(json.dumps({"pnl": _record(p) if p else None, "fee_lines": [
            {"day": d.day.isoformat(), "source": d.source_id, "line_no": d.line_no,
             "type": d.transaction_type, "order_id": d.order_id,
             "description": d.amount_description, "line": d.line,
             "amount": str(quantize(d.amount, d.currency)),
             "currency": d.currency} for d in details]}, ensure_ascii=False))  # fmt: skip
        return
    if p is not None:
        for line, amount in sorted(p.lines.items(), key=lambda kv: LINES.index(kv[0])):
            mark = " *" if line in p.estimated else ""
            ctx.console.print(f"{line_name(line, ctx.lang)}{mark}: "
                              f"{i18n.money(cents(amount), currency, ctx.lang)}")  # fmt: skip
    table = Table(show_header=True)
    for name in ("day", "source", "type", "order", "description", "line", "amount"):
        table.add_column(i18n.t(f"profit.col.{name}", ctx.lang),
                         justify="right" if name == "amount" else "left")  # fmt: skip
    for d in details:
        table.add_row(d.day.isoformat(), escape(d.source_id), escape(d.transaction_type or ""),
                      escape(d.order_id or ""), escape(d.amount_description or ""),
                      line_name(d.line, ctx.lang) if d.line in LINE_NAMES else d.line,
                      i18n.money(d.amount, d.currency, ctx.lang))  # fmt: skip
    ctx.console.print(table)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def group(pnls: list[SkuPnl], level: str) -> list[SkuPnl]:
    """SKU P&Ls added up to ``level`` (sku, asin, parent or store), best profit first."""
    if level == "sku":
        return sorted(pnls, key=lambda p: p.profit, reverse=True)
    keys: dict[str, list[SkuPnl]] = {}
    for p in pnls:
        key = {"asin": p.asin, "parent": p.parent_asin, "store": "store"}[level] or p.sku
        keys.setdefault(key, []).append(p)
    return sorted((totals(v, k) for k, v in keys.items()), key=lambda p: p.profit, reverse=True)


def _record(p: SkuPnl) -> dict[str, Any]:
    return {
        "key": p.sku,
        "asin": p.asin,
        "units": p.units,
        "lines": {k: str(cents(v)) for k, v in p.lines.items()},
        "estimated": {k: str(cents(v)) for k, v in p.estimated.items()},
        "profit": str(cents(p.profit)),
        "margin": None if p.margin is None else round(p.margin, 4),
    }


def _table(rows: list[SkuPnl], title: str, currency: str, lang: str) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("", "units", "principal", "referral_fee", "fba_fee", "ads", "cogs", "profit",
                 "margin"):  # fmt: skip
        label = i18n.t(f"report.{name}", lang) if name in ("units", "profit", "margin") else (
            line_name(name, lang) if name else "")  # fmt: skip
        table.add_column(label, justify="left" if not name else "right", no_wrap=not name)
    money = lambda v: i18n.money(cents(v), currency, lang)  # noqa: E731
    for p in rows:
        mark = " *" if p.is_estimated else ""
        table.add_row(
            escape(p.sku) + mark, count(p.units, lang),
            *(money(p.lines.get(k, Decimal(0))) for k in ("principal", "referral_fee", "fba_fee",
                                                          "ads", "cogs")),
            money(p.profit), "–" if p.margin is None else i18n.percent(p.margin, lang),
        )  # fmt: skip
    return table
