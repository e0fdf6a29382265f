"""``sellerops ads deals add | list | report``: the deals and promotions calendar, its fees, and
each deal's measured effect (incremental units and profit against the SKU's baseline). The
deals sheet (``sellerops template deals``, ``ingest.reports.sheet_deals``) fills the same
calendar."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import Ctx, acting_user, fail, open_engine, parse_day, state
from sellerops.core import i18n

i18n.register_messages(
    {
        "deals.added": {
            "en": "Deal {id} added: {kind} for {sku}, {start} – {end}, fee {fee} {currency}.",
            "zh": "已添加活动 {id}：{sku} 的{kind}，{start} – {end}，费用 {fee} {currency}。",
        },
        "deals.none": {"en": "No deals in the calendar.", "zh": "日历中没有促销活动。"},
        "deals.none_ended": {"en": "No deal has ended yet.", "zh": "尚无已结束的促销活动。"},
        "deals.heading": {"en": "Deals and promotions · {store}", "zh": "促销活动 · {store}"},
        "deals.report_heading": {
            "en": "Deal results vs the SKU's own baseline · {store}",
            "zh": "促销效果（对比该 SKU 自身基线）· {store}",
        },
        "deals.col.id": {"en": "ID", "zh": "编号"},
        "deals.col.kind": {"en": "Kind", "zh": "类型"},
        "deals.col.sku": {"en": "SKU", "zh": "SKU"},
        "deals.col.dates": {"en": "Dates", "zh": "日期"},
        "deals.col.discount": {"en": "Discount", "zh": "折扣"},
        "deals.col.fee": {"en": "Fee", "zh": "费用"},
        "deals.col.units": {"en": "Units (baseline/day)", "zh": "件数（基线/天）"},
        "deals.col.incremental_units": {"en": "Incremental units", "zh": "增量件数"},
        "deals.col.incremental_profit": {"en": "Incremental profit", "zh": "增量利润"},
        "deals.fee_source": {
            "en": "Default fees: Amazon's published US deal/coupon fees (2025, public info): "
            "Lightning/Best Deal 70.00 a day + 1 % of sales (cap 2,000.00), coupon 5.00 + "
            "2.5 % of sales, Prime exclusive discount 0. Use --fee for the real one.",
            "zh": "默认费用：亚马逊公开的美国站促销/优惠券费用（2025 年公开信息）："
            "秒杀/最佳促销每天 70.00 + 销售额 1%（上限 2,000.00），优惠券 5.00 + 销售额 2.5%，"
            "Prime 专享折扣 0。实际费用请用 --fee 指定。",
        },
    }
)

Store = Annotated[str | None, typer.Option(help="Store name")]


def _store(ctx: Ctx, session: Any, name: str | None) -> Any:
    from sellerops.core.stores import StoreNotFoundError, get_store

    try:
        return get_store(session=session, name=name)
    except StoreNotFoundError as exc:
        fail(ctx, exc.text(ctx.lang))


def _currency(store: Any) -> str:
    from sellerops.core.marketplaces import get_marketplace

    return get_marketplace(store.marketplace_code).currency


def _decimal(ctx: Ctx, text: str | None, what: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        fail(ctx, f"{what}: not a number: {text!r}")


def deals_add(
    kind: Annotated[str, typer.Option(help="lightning | best_deal | coupon | prime")],
    sku: Annotated[str, typer.Option(help="The SKU on deal")],
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD")],
    end: Annotated[str, typer.Option(help="Last day, YYYY-MM-DD")],
    discount: Annotated[str, typer.Option(help="Discount in percent off the price, e.g. 20")] = "0",
    fee: Annotated[
        str | None, typer.Option(help="The deal's fee (default: estimated from the fee table)")
    ] = None,
    expected_units: Annotated[
        int | None, typer.Option(help="Expected deal units (default: baseline x typical lift)")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note")] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who acts: a sellerops user's email (default: SELLEROPS_USER)"),
    ] = None,
    store: Store = None,
) -> None:
    """Add a Lightning Deal, Best Deal, coupon or Prime exclusive discount to the calendar
    (many at once: fill `sellerops template deals` and `sellerops import` it)."""
    from sellerops.ads import deals
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    first, last = parse_day(ctx, start), parse_day(ctx, end)
    off = _decimal(ctx, discount, "--discount") or Decimal(0)
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        assert first is not None and last is not None
        try:
            deal = deals.add(
                session=session, store_id=the_store.id, kind=kind, sku=sku, start=first,
                end=last, discount=off / 100, currency=_currency(the_store),
                actor=acting_user(session, by), fee=_decimal(ctx, fee, "--fee"),
                expected_units=expected_units, note=note,
            )  # fmt: skip
        except deals.DealError as exc:
            fail(ctx, str(exc))
        text = i18n.t("deals.added", ctx.lang, id=deal.id, kind=i18n.t(f"ads.deal.{kind}", ctx.lang),
                      sku=sku, start=first.isoformat(), end=last.isoformat(),
                      fee=f"{deal.fee:.2f}", currency=deal.currency)  # fmt: skip
    ctx.console.print(text, highlight=False)
    if fee is None:
        ctx.console.print(i18n.t("deals.fee_source", ctx.lang), highlight=False)


def _deal_dict(d: Any) -> dict[str, Any]:
    return {"id": d.id, "kind": d.kind, "sku": d.sku, "start": d.start_date.isoformat(),
            "end": d.end_date.isoformat(), "discount": float(d.discount_pct),
            "fee": float(d.fee), "currency": d.currency, "expected_units": d.expected_units,
            "note": d.note, "created_by": d.created_by}  # fmt: skip


def deals_list(
    since: Annotated[
        str | None, typer.Option(help="Only deals ending on or after this day")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: Store = None,
) -> None:
    """The deals calendar, by start date."""
    from sellerops.ads import deals
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        rows = [_deal_dict(d) for d in deals.calendar(session=session, store_id=the_store.id,
                                                      start=parse_day(ctx, since))]  # fmt: skip
    if as_json:
        typer.echo(json.dumps({"store": the_store.name, "deals": rows}, ensure_ascii=False))
        return
    if not rows:
        ctx.console.print(i18n.t("deals.none", ctx.lang))
        return
    table = Table(title=i18n.t("deals.heading", ctx.lang, store=the_store.name))
    for c in ("id", "kind", "sku", "dates", "discount", "fee"):
        table.add_column(i18n.t(f"deals.col.{c}", ctx.lang))
    for r in rows:
        table.add_row(str(r["id"]), i18n.t(f"ads.deal.{r['kind']}", ctx.lang), escape(r["sku"]),
                      f"{r['start']} – {r['end']}", f"{r['discount']:.0%}",
                      f"{r['fee']:.2f} {r['currency']}")  # fmt: skip
    ctx.console.print(table)


def deals_report(
    day: Annotated[str | None, typer.Option("--date", help="As of, YYYY-MM-DD")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: Store = None,
) -> None:
    """Ended deals measured against the SKU's own baseline: incremental units and profit
    (after the deal's fee and discount), not revenue."""
    from sellerops.ads import deals
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        as_of = parse_day(ctx, day) or date.today()
        found = [e.as_dict() for e in deals.report(session=session, store_id=the_store.id,
                                                   as_of=as_of, currency=_currency(the_store))]  # fmt: skip
    if as_json:
        typer.echo(json.dumps({"store": the_store.name, "date": as_of.isoformat(),
                               "deals": found}, ensure_ascii=False))  # fmt: skip
        return
    if not found:
        ctx.console.print(i18n.t("deals.none_ended", ctx.lang))
        return
    table = Table(title=i18n.t("deals.report_heading", ctx.lang, store=the_store.name))
    for c in ("id", "kind", "sku", "dates", "units", "incremental_units", "incremental_profit"):
        table.add_column(i18n.t(f"deals.col.{c}", ctx.lang))
    for r in found:
        table.add_row(str(r["id"]), i18n.t(f"ads.deal.{r['kind']}", ctx.lang), escape(r["sku"]),
                      f"{r['start']} – {r['end']}",
                      f"{r['units']} ({r['baseline_units_per_day']:.1f})",
                      f"{r['incremental_units']:+.0f}",
                      f"{r['incremental_profit']:+.2f} {r['currency']}")  # fmt: skip
    ctx.console.print(table)
