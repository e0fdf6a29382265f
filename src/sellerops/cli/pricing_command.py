"""``sellerops prices`` and ``sellerops price-rule``: landed-cost floors, rules, proposals."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from sellerops.cli.common import Ctx, fail, open_engine, parse_day, state
from sellerops.core import i18n

if TYPE_CHECKING:  # the commands import the domain when they run (start-up time)
    from sellerops.catalog import pricing_service

i18n.register_messages(
    {
        "prices.heading": {"en": "Prices and floors · {store} · {day}",
                           "zh": "价格与底价 · {store} · {day}"},
        "prices.none": {"en": "No SKU has both a price and a cost yet (import the costs sheet).",
                        "zh": "还没有同时具备售价和成本的 SKU（请导入成本表）。"},
        "prices.rule_saved": {"en": "Rule saved for {sku}.", "zh": "已保存 {sku} 的调价规则。"},
    }
)  # fmt: skip
COLUMNS = {
    "sku": ("SKU", "SKU"),
    "price": ("Price", "售价"),
    "floor": ("Floor", "底价"),
    "buy_box": ("Buy Box", "购买按钮价"),
    "units_30d": ("Units 30d", "30 天销量"),
    "proposed": ("Proposed", "建议价"),
    "reason": ("Why", "原因"),
}


def prices(
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
    day: Annotated[str | None, typer.Option("--date", help="As of this day, YYYY-MM-DD")] = None,
    propose: Annotated[bool, typer.Option(help="Run the repricing rules, store proposals")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Each SKU's price against its landed-cost floor, and the rules' proposed prices."""
    from sellerops.catalog import performance, pricing_service
    from sellerops.core.db import unit_of_work
    from sellerops.core.marketplaces import get_marketplace

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        currency = get_marketplace(the_store.marketplace_code).currency
        as_of = parse_day(ctx, day) or performance.latest_day(
            session=session, store_id=the_store.id
        )
        if as_of is None:
            fail(ctx, i18n.t("review.no_data", ctx.lang, store=the_store.name))
        args = {"session": session, "store_id": the_store.id, "currency": currency, "as_of": as_of}
        lines = pricing_service.floors(**args)
        proposals = {p.sku: p for p in pricing_service.propose_prices(**args)} if propose else {}
    records = [_record(line, proposals.get(line.sku)) for line in lines]
    if as_json:
        typer.echo(json.dumps({"date": as_of.isoformat(), "store": the_store.name,
                               "currency": currency, "lines": records}))  # fmt: skip
        return
    if not records:
        ctx.console.print(i18n.t("prices.none", ctx.lang))
        return
    table = Table(title=i18n.t("prices.heading", ctx.lang, store=the_store.name, day=as_of))
    for en, zh in COLUMNS.values():
        table.add_column(zh if ctx.lang == "zh" else en)
    for r in records:
        table.add_row(*("" if r[k] is None else str(r[k]) for k in COLUMNS))
    ctx.console.print(table)


def price_rule(
    sku: Annotated[str, typer.Argument(help="The SKU the rule is for")],
    strategy: Annotated[str, typer.Option(help="match_buy_box, beat_buy_box, target_margin, hold")],
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
    beat_by: Annotated[str, typer.Option(help="Amount under the Buy Box")] = "0",
    target_margin: Annotated[str | None, typer.Option(help="Margin to hold, 0.2 = 20%")] = None,
    min_price: Annotated[str | None, typer.Option(help="Never below this price")] = None,
    max_price: Annotated[str | None, typer.Option(help="Never above this price")] = None,
    min_margin: Annotated[str, typer.Option(help="Margin the floor keeps, 0.05 = 5%")] = "0",
) -> None:
    """Set a SKU's repricing rule; the landed-cost floor always wins over it."""
    from sellerops.catalog import pricing_service
    from sellerops.catalog.pricing import MinMargin, PricingError, RepricingRule
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    try:
        rule = RepricingRule(
            strategy=strategy,  # type: ignore[arg-type]
            beat_by=_amount(beat_by),
            target_margin=_maybe(target_margin),
            min_price=_maybe(min_price),
            max_price=_maybe(max_price),
            min_margin=MinMargin(rate=_amount(min_margin)),
        )
    except (PricingError, InvalidOperation) as exc:
        fail(ctx, str(exc))
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        pricing_service.set_rule(session=session, store_id=the_store.id, sku=sku, rule=rule)
    ctx.console.print(i18n.t("prices.rule_saved", ctx.lang, sku=sku))


def _store(ctx: Ctx, session: Any, name: str | None) -> Any:
    from sellerops.core.stores import StoreNotFoundError, get_store

    try:
        return get_store(session=session, name=name)
    except StoreNotFoundError as exc:
        fail(ctx, exc.text(ctx.lang))


def _amount(text: str) -> Decimal:
    return Decimal(text.strip().rstrip("%")) / (100 if text.strip().endswith("%") else 1)


def _maybe(text: str | None) -> Decimal | None:
    return None if text is None else _amount(text)


def _record(line: pricing_service.FloorLine, proposal: Any) -> dict[str, Any]:
    return {
        "sku": line.sku,
        "price": str(line.price.quantize(Decimal("0.01"))),
        "floor": str(line.floor),
        "buy_box": None if line.buy_box is None else str(line.buy_box),
        "units_30d": line.units_30d,
        "proposed": None if proposal is None else str(proposal.proposed_price),
        "reason": None if proposal is None else proposal.reason,
        "costs": {k: str(v.quantize(Decimal("0.01"))) for k, v in line.costs.breakdown().items()},
    }
