"""``sellerops restock``: the restock plan in the terminal, as JSON or as a spreadsheet."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import cell, count, fail, open_engine, parse_day, state
from sellerops.core import i18n

if TYPE_CHECKING:  # the command imports the planner and the database when it runs
    from sellerops.inventory.planning import PlanRow

i18n.register_messages(
    {
        "restock.heading": {
            "en": "Restock plan · {store} · {day}",
            "zh": "补货计划 · {store} · {day}",
        },
        "restock.none": {
            "en": "No SKU has a recent stock snapshot.",
            "zh": "没有 SKU 有近期库存快照。",
        },
        "restock.saved": {"en": "Saved {path}", "zh": "已保存 {path}"},
        "restock.po_none": {
            "en": "No SKU needs an order today: no purchase-order draft written.",
            "zh": "今天没有需要下单的 SKU：未生成采购单草稿。",
        },
        "restock.po_saved": {
            "en": "Purchase-order draft for {supplier}: {units} units, {total} -> {path}",
            "zh": "{supplier} 的采购单草稿：{units} 件，{total} -> {path}",
        },
        "restock.bad_abc": {
            "en": "--abc-levels wants A=0.97,B=0.95,C=0.90 (levels between 0.5 and 0.999)",
            "zh": "--abc-levels 格式应为 A=0.97,B=0.95,C=0.90（服务水平在 0.5 到 0.999 之间）",
        },
        "restock.one_policy": {
            "en": "Choose one of --service-by-value and --service-by-abc.",
            "zh": "--service-by-value 和 --service-by-abc 只能选一个。",
        },
        "restock.losing_mark": {"en": "⚠ losing money", "zh": "⚠ 亏损"},
        "restock.losing_note": {
            "en": "⚠ losing money: the SKU lost money over the last 30 days; fix its price or "
            "cost before ordering it (--explain says how much).",
            "zh": "⚠ 亏损：该 SKU 近 30 天亏损；下单前请先调整售价或成本（--explain 显示亏损金额）。",
        },
        "restock.held_back": {
            "en": "FBA capacity: {units} units of {sku} held back",
            "zh": "FBA 库容限制：{sku} 暂缓发货 {units} 件",
        },
    }
)
COLUMNS = {
    "sku": ("SKU", "SKU"),
    "order_units": ("Order", "采购数量"),
    "order_by": ("Order by", "最晚下单日"),
    "stockout_date": ("Stock-out", "断货日"),
    "days_of_cover": ("Cover days (incl. inbound in time)", "可售天数（含按时到货在途）"),
    "forecast_per_day": ("Units/day (forecast)", "预测日销"),
    "position": ("On hand + inbound", "在库+在途"),
    "safety_stock": ("Safety stock", "安全库存"),
    "target_level": ("Target level", "目标库存"),
    "lead_time_days": ("Lead time", "交货周期"),
    "supplier": ("Supplier", "供应商"),
    "send_to_fba_units": ("Send to FBA", "发往 FBA"),
    "ship_by": ("Ship by", "最晚发货日"),
    "held_back_units": ("Held back", "暂缓数量"),
    "warehouse": ("Warehouse", "中转仓"),
    "warehouse_units": ("Warehouse stock", "中转仓库存"),
    "method": ("Demand type", "需求类型"),
    "service_level": ("Service level", "服务水平"),
    "abc_class": ("ABC class", "ABC 分类"),
    "asin": ("ASIN", "ASIN"),
    "title": ("Title", "标题"),
    "losing_money": ("Caution", "提示"),
    "explanation": ("Why", "说明"),
}


def restock(
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Plan as of this day, YYYY-MM-DD")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    xlsx: Annotated[Path | None, typer.Option(help="Write the plan to this .xlsx file")] = None,
    service_level: Annotated[float, typer.Option(help="Wanted in-stock probability")] = 0.95,
    service_by_value: Annotated[
        bool,
        typer.Option(
            "--service-by-value",
            help="Service level per SKU by the value of its daily demand (same average)",
        ),
    ] = False,
    service_by_abc: Annotated[
        bool,
        typer.Option(
            "--service-by-abc",
            help="Service level per SKU by its ABC class of 90-day sales value "
            "(A: top 80%, B: next 15%, C: the rest)",
        ),
    ] = False,
    abc_levels: Annotated[
        str | None,
        typer.Option(help="Service levels of the ABC classes, default A=0.97,B=0.95,C=0.90"),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Print a plain explanation of the numbers under each SKU"),
    ] = False,
    po: Annotated[
        Path | None,
        typer.Option(help="Write one purchase-order draft (.xlsx) per supplier to this folder"),
    ] = None,
) -> None:
    """Restock plan: units to order, by when, and the stock-out date if nothing is done."""
    from sellerops.catalog import performance
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import StoreNotFoundError, get_store
    from sellerops.core.xlsx import write_table
    from sellerops.inventory import purchase_orders
    from sellerops.inventory.planning import restock_plan

    ctx = state.ctx()
    if service_by_abc and service_by_value:
        fail(ctx, i18n.t("restock.one_policy", ctx.lang))
    levels = None
    if service_by_abc or abc_levels is not None:
        levels = parse_abc_levels(abc_levels)
        if levels is None:
            fail(ctx, i18n.t("restock.bad_abc", ctx.lang))
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        try:
            the_store = get_store(session=session, name=store)
        except StoreNotFoundError as exc:
            fail(ctx, exc.text(ctx.lang))
        as_of = parse_day(ctx, day) or performance.latest_day(
            session=session, store_id=the_store.id
        )
        if as_of is None:
            fail(ctx, i18n.t("review.no_data", ctx.lang, store=the_store.name))
        rows = restock_plan(
            session=session,
            store=the_store,
            as_of=as_of,
            service_level=service_level,
            service_by_value=service_by_value,
            abc_levels=levels,
        )
        currencies = purchase_orders.cost_currencies(session, the_store) if po else {}
    records = [_record(r, ctx.lang) for r in rows]
    if po is not None:
        _write_po(ctx, rows, po, as_of, currencies)
        return
    if as_json:
        typer.echo(
            json.dumps({"date": as_of.isoformat(), "store": the_store.name, "lines": records})
        )
        return
    if xlsx is not None:
        lang_index = 1 if ctx.lang == "zh" else 0
        headers = [COLUMNS[k][lang_index] for k in COLUMNS]
        write_table(
            xlsx, "restock", headers, [xlsx_row(_xlsx_record(r, ctx.lang)) for r in records]
        )
        ctx.console.print(i18n.t("restock.saved", ctx.lang, path=xlsx))
        return
    _print(ctx.console, rows, records, ctx.lang, the_store.name, as_of.isoformat(), explain)


#: Columns holding a day: real dates in the spreadsheet (sortable, shown as yyyy-mm-dd).
DATE_COLUMNS = ("order_by", "stockout_date", "ship_by")


def xlsx_row(record: dict[str, Any]) -> list[Any]:
    """A plan line as spreadsheet cells: days as dates, not ISO text."""
    return [
        date.fromisoformat(record[k]) if k in DATE_COLUMNS and record[k] else record[k]
        for k in COLUMNS
    ]


def _xlsx_record(record: dict[str, Any], lang: str) -> dict[str, Any]:
    """The JSON record with the demand class in words (the web's and the explanation's)."""
    from sellerops.inventory.plan_explain import demand_label

    mark = i18n.t("restock.losing_mark", lang) if record["losing_money"] else None
    return {**record, "method": demand_label(record["method"], lang), "losing_money": mark}


def _record(row: PlanRow, lang: str) -> dict[str, Any]:
    line = row.line
    cover = None if math.isinf(line.days_of_cover) else round(float(line.days_of_cover), 1)
    return {
        "sku": row.sku,
        "order_units": line.order_units,
        "order_by": line.order_by.isoformat() if line.order_by else None,
        "stockout_date": line.stockout_date.isoformat() if line.stockout_date else None,
        "days_of_cover": cover,
        "forecast_per_day": round(row.forecast_per_day, 2),
        "position": line.position,
        "safety_stock": line.safety_stock,
        "target_level": line.target_level,
        "lead_time_days": round(row.lead_time_days, 1),
        "supplier": row.supplier,
        "send_to_fba_units": row.send_to_fba_units,
        "ship_by": row.ship_by.isoformat() if row.ship_by else None,
        "held_back_units": row.held_back_units,
        "warehouse": row.warehouse,
        "warehouse_units": row.warehouse_units,
        "method": row.method,
        "service_level": row.service_level,
        "abc_class": row.abc_class,
        "asin": row.asin,
        "title": row.title,
        "losing_money": row.losing_money,
        "explanation": row.explain(lang),
    }


def parse_abc_levels(text: str | None) -> dict[str, float] | None:
    """``A=0.97,B=0.95,C=0.90`` as levels per class (missing classes keep their default);
    None when the text is malformed."""
    from sellerops.inventory.restock import ABC_LEVELS

    levels = dict(ABC_LEVELS)
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, _, value = part.partition("=")
        name = name.strip().upper()
        try:
            level = float(value)
        except ValueError:
            return None
        if name not in levels or not 0.5 <= level <= 0.999:
            return None
        levels[name] = level
    return levels


def _write_po(
    ctx: Any, rows: list[PlanRow], folder: Path, as_of: Any, currencies: dict[str, str]
) -> None:
    """One XLSX per supplier with the SKUs to order now, in the user's language."""
    from sellerops.inventory import purchase_orders

    lines = [
        (
            r.supplier,
            purchase_orders.PoLine(
                sku=r.sku,
                title=r.title,
                units=r.line.order_units,
                unit_cost=r.unit_cost,
                order_by=r.line.order_by,
                lead_time_days=r.lead_time_days,
                currency=currencies[r.sku],
            ),
        )
        for r in rows
    ]
    drafts = purchase_orders.drafts(lines)
    if not drafts:
        ctx.console.print(i18n.t("restock.po_none", ctx.lang))
        return
    paths = purchase_orders.write_drafts(folder, drafts, as_of, ctx.lang)
    for draft, path in zip(drafts, paths, strict=True):
        ctx.console.print(
            i18n.t(
                "restock.po_saved",
                ctx.lang,
                supplier=escape(draft.supplier),
                units=count(draft.units, ctx.lang),
                total=(
                    i18n.money(draft.total, draft.currency, ctx.lang) if draft.currency else "–"
                ),
                path=escape(str(path)),
            )
        )


def _print(
    console: Any,
    rows: list[PlanRow],
    records: list[dict[str, Any]],
    lang: str,
    store: str,
    day: str,
    explain: bool = False,
) -> None:
    if not rows:
        console.print(i18n.t("restock.none", lang))
        return
    idx = 1 if lang == "zh" else 0
    keys = [
        "sku",
        "order_units",
        "order_by",
        "stockout_date",
        "days_of_cover",
        "forecast_per_day",
    ]
    losing = any(rec["losing_money"] for rec in records)
    table = Table(title=i18n.t("restock.heading", lang, store=store, day=day))
    for k in keys:
        table.add_column(COLUMNS[k][idx], justify="left" if k == "sku" else "right", no_wrap=True)
    if losing:  # the caution the review gives, in the table an operator skims
        table.add_column(COLUMNS["losing_money"][idx], no_wrap=True, style="bold yellow")
    for rec in records:
        style = "bold red" if rec["order_units"] and rec["order_by"] == day else None
        cells = [escape(cell(rec[k], lang)) for k in keys]
        if losing:
            cells.append(i18n.t("restock.losing_mark", lang) if rec["losing_money"] else "")
        table.add_row(*cells, style=style)
    console.print(table)
    if losing:
        console.print(i18n.t("restock.losing_note", lang))
    if explain:
        for rec in records:
            console.print(f"[bold]{escape(rec['sku'])}[/bold]: {escape(rec['explanation'])}")
    for row in rows:
        if row.method == "merchant" and not explain:  # why it has no FBA plan, always said
            console.print(f"[bold]{escape(row.sku)}[/bold]: {escape(row.explain(lang))}")
        if row.held_back_units > 0:
            console.print(
                i18n.t(
                    "restock.held_back",
                    lang,
                    units=count(row.held_back_units, lang),
                    sku=escape(row.sku),
                )
            )
