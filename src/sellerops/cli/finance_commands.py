"""Commands about what the imports hold: ``imports`` (the import history) and ``reconcile``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import Ctx, fail, open_engine, parse_day, state
from sellerops.core import i18n

if TYPE_CHECKING:  # the commands import the domain when they run (start-up time)
    from sellerops.finance.reconcile import Difference, Reconciliation
    from sellerops.ingest.history import HistoryRow

i18n.register_messages(
    {
        "imports.none": {"en": "No imports yet.", "zh": "还没有导入记录。"},
        "imports.refused_times": {
            "en": "refused {count} times (the same file, with the same reason), last at {when}",
            "zh": "已拒绝 {count} 次（同一文件，原因相同），最近一次 {when}",
        },
        # the title's counts, each singular or plural on its own ("1 settlement")
        "reconcile.title": {
            "en": "Reconciliation · {store} ({market}) · {days}, {settlements}, {items}, "
            "{tdays}, {periods} compared",
            "zh": "对账 · {store}（{market}）· 比较了 {days}、{settlements}、{items}、{tdays}、"
            "{periods}",
        },
        "reconcile.count.days": {"en": "{count} days", "en_one": "1 day", "zh": "{count} 天"},
        "reconcile.count.settlements": {
            "en": "{count} settlements",
            "en_one": "1 settlement",
            "zh": "{count} 笔结算",
        },
        "reconcile.count.items": {
            "en": "{count} settled order items",
            "en_one": "1 settled order item",
            "zh": "{count} 个已结算订单商品",
        },
        "reconcile.count.tdays": {
            "en": "{count} days of settlement against transaction lines",
            "en_one": "1 day of settlement against transaction lines",
            "zh": "{count} 天的结算与交易明细",
        },
        "reconcile.count.periods": {
            "en": "{count} date-range Business Reports",
            "en_one": "1 date-range Business Report",
            "zh": "{count} 份日期范围业务报告",
        },
        "reconcile.clean": {"en": "No differences.", "zh": "没有差异。"},
        "reconcile.col.check": {"en": "check", "zh": "核对项"},
        "reconcile.col.day": {"en": "day", "zh": "日期"},
        "reconcile.col.subject": {"en": "subject", "zh": "对象"},
        "reconcile.col.says": {"en": "says", "zh": "各自数字"},
        "reconcile.col.differs": {"en": "differs by", "zh": "差额"},
        "reconcile.col.reason": {"en": "likely reason", "zh": "可能原因"},
    }
)
_STORE = typer.Option("--store", help="Store name (default: every store)")
#: batches read per line of the ``imports`` listing (repeated refusals fold into one line)
_READ_PER_LINE = 4


def imports(
    store: Annotated[str | None, _STORE] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array, one object per file")
    ] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many, newest first")] = 50,
    types: Annotated[
        bool,
        typer.Option("--types", help="List the report types sellerops reads, by name, instead"),
    ] = False,
) -> None:
    """List the imported files the database holds: report, days covered, rows, totals."""
    from sellerops.core.db import unit_of_work
    from sellerops.ingest.history import group_refusals, list_batches

    ctx = state.ctx()
    if types:
        _print_types(ctx, as_json)
        return
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        store_id = _store_id(ctx, session, store)
        # --json: one object per batch; the listing: a refusal repeated unchanged once, with
        # its count (as the web Imports page), so it reads further back to fill ``limit``
        read = limit if as_json else limit * _READ_PER_LINE
        batches = list_batches(session=session, store_id=store_id, limit=read)
    if as_json:
        records = [b.to_dict() for b in batches]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    if not batches:
        ctx.console.print(i18n.t("imports.none", ctx.lang))
        return
    _print_imports(ctx, group_refusals(batches, limit))


def _store_id(ctx: Ctx, session: Any, name: str | None) -> int | None:
    from sellerops.core.stores import find_store

    if name is None:
        return None
    found = find_store(session=session, name=name)
    if found is None:
        fail(ctx, f"no store named {name!r}")
    return found.id


def _print_types(ctx: Ctx, as_json: bool) -> None:
    """Every report type the importer reads: its key (``report_type``) and its name."""
    from sellerops.ingest.titles import report_names

    names = report_names(ctx.lang)
    if as_json:
        listed = [{"report_type": k, "title": v} for k, v in names.items()]
        typer.echo(json.dumps(listed, ensure_ascii=False, indent=1))
        return
    for key, title in names.items():
        ctx.console.print(f"{escape(title)}  [dim]{key}[/]", highlight=False, soft_wrap=True)


def _print_imports(ctx: Ctx, rows: list[HistoryRow]) -> None:
    """One line per file, like ``import`` prints them: what, where, which days, how much
    (report names and totals in the reader's language; ``--json`` keeps the keys), with the
    notes of its import under it; a refusal repeated unchanged is one line with its count."""
    from sellerops.ingest.errors import localize as localize_error
    from sellerops.ingest.errors import localize_problem
    from sellerops.ingest.titles import report_title, totals_text

    for row in rows:
        r = row.record.to_dict()
        days = f"{r['date_from']}…{r['date_to']}" if r["date_from"] else "-"
        counts = i18n.t("import.rows", ctx.lang, read=r["rows_read"],
                        inserted=r["rows_inserted"], updated=r["rows_updated"])  # fmt: skip
        totals = totals_text(r["totals"], r["currency"], ctx.lang)
        title = report_title(r["report_type"], ctx.lang)
        facts = " · ".join(x for x in (title, r["store"] or "-", days, counts, totals)
                           if x)  # fmt: skip
        if row.times > 1:
            when = _when(row.record.batch.finished_at)
            facts += " · " + i18n.t("imports.refused_times", ctx.lang, count=row.times,
                                    when=when)  # fmt: skip
        mark = "[red]✗[/]" if r["error"] else "✓"
        line = f"{mark} #{r['batch_id']} {escape(r['file'])}  [dim]{escape(facts)}[/]"
        if r["error"]:
            line += f"\n    [red]{escape(localize_error(r['error'], ctx.lang))}[/]"
        for note in r["notes"]:
            line += f"\n    [dim]{escape(localize_problem(note, ctx.lang))}[/]"
        ctx.console.print(line, highlight=False, soft_wrap=True)


def _when(moment: datetime | None) -> str:
    """``2026-11-28 02:10 UTC``: the history keeps UTC, and says so."""
    return "-" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def reconcile_command(
    store: Annotated[str | None, _STORE] = None,
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Compare what the imports say about the same days: orders vs Business Report units,
    settlement totals vs their lines, settled principal vs order prices."""
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import StoreNotFoundError, get_store, list_stores
    from sellerops.finance.reconcile import reconcile

    ctx = state.ctx()
    first, last = parse_day(ctx, start), parse_day(ctx, end)
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        try:
            stores = [get_store(session=session, name=store)] if store else list_stores(
                session=session)  # fmt: skip
        except StoreNotFoundError as exc:
            fail(ctx, exc.text(ctx.lang))
        results = [reconcile(session=session, store=s, start=first, end=last) for s in stores]
    if as_json:
        payload = {"from": _iso(first), "to": _iso(last), "stores": [_to_dict(r) for r in results]}
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    for result in results:
        _print_result(ctx, result)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _to_dict(result: Reconciliation) -> dict[str, Any]:
    return {
        "store": result.store,
        "marketplace": result.marketplace,
        "checked": result.checked,
        "differences": [_difference(d) for d in result.differences],
    }


def _difference(d: Difference) -> dict[str, Any]:
    return {
        "check": d.check,
        "day": _iso(d.day),
        "day_to": _iso(d.day_to),  # the last day of a range (period_units), else null
        "subject": d.subject,
        "left_source": d.left_source,
        "left": _plain(d.left, d.currency),
        "right_source": d.right_source,
        "right": _plain(d.right, d.currency),
        "difference": _plain(d.difference, d.currency),
        "currency": d.currency,
        "reason": d.reason,
    }


def _print_result(ctx: Ctx, result: Reconciliation) -> None:
    checked = result.checked
    names = {"days": "days", "settlements": "settlements", "items": "order_items",
             "tdays": "transaction_days", "periods": "periods"}  # fmt: skip
    counts = {
        k: i18n.t(f"reconcile.count.{k}", ctx.lang,
                  count=i18n.number(checked.get(name, 0), ctx.lang, 0))
        for k, name in names.items()
    }  # fmt: skip
    ctx.console.print(
        i18n.t(
            "reconcile.title", ctx.lang, store=result.store, market=result.marketplace, **counts
        ),
        highlight=False,
    )
    if not result.differences:
        ctx.console.print(i18n.t("reconcile.clean", ctx.lang))
        return
    from sellerops.finance.reconcile import check_text, reason_text, source_text, subject_text

    lang = ctx.lang
    columns = ("check", "day", "subject", "says", "differs", "reason")
    table = Table(*(i18n.t(f"reconcile.col.{c}", lang) for c in columns), box=None)
    for d in result.differences:
        left, right = _num(d.left, d.currency), _num(d.right, d.currency)
        says = (f"{source_text(d.left_source, lang)} {left} · "
                f"{source_text(d.right_source, lang)} {right}")  # fmt: skip
        diff = _num(d.difference, d.currency) + (f" {d.currency}" if d.currency else "")
        day = (_iso(d.day) or "") if d.day_to is None else f"{_iso(d.day)}…{_iso(d.day_to)}"
        table.add_row(check_text(d.check, lang), day, escape(subject_text(d.subject, lang)),
                      escape(says), diff, escape(reason_text(d.reason, lang)))  # fmt: skip
    ctx.console.print(table)


def _plain(value: Decimal, currency: str | None) -> str:
    """``--json``: money to its currency's minor unit (``"1234.56"``), units whole (``"3"``)."""
    from sellerops.core.money import quantize

    if currency:
        return str(quantize(value, currency))
    return f"{value.normalize():f}" if value else "0"


def _num(value: Decimal, currency: str | None) -> str:
    """Money to its currency's minor unit (1,260.00), units as whole numbers."""
    from sellerops.core.money import quantize

    if currency:
        return f"{quantize(value, currency):,}"
    return f"{value.normalize():,f}" if value else "0"
