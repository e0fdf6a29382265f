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
        # under the table: what the floor is held against, and why a column is left out
        "prices.checked": {
            "en": "The floor is held against the average selling price (what units sold for "
                  "over the last {days} days: orders, else the Business Report), as on the "
                  "product page and in the profit; – : fewer than {units} units sold, the "
                  "listing price is used.",
            "zh": "底价与平均售价比较（近 {days} 天实际成交价：按订单，无订单时按业务报告），"
                  "与商品页和利润所用的价格相同；–：售出不足 {units} 件，改用标价比较。"},
        "prices.under": {"en": "{count} SKUs sell under their floor (in red).",
                         "en_one": "{count} SKU sells under its floor (in red).",
                         "zh": "{count} 个 SKU 的售价低于底价（红色）。"},
        "prices.no_buy_box": {
            "en": "Buy Box column left out: no Buy Box price was recorded in the last 7 days "
                  "(the report files sellerops imports do not carry it).",
            "zh": "未显示购买按钮价列：近 7 天没有记录到购买按钮价格（sellerops 导入的报告文件不含此价格）。"},
        "prices.no_propose": {
            "en": "Proposed prices come from repricing rules: set one with `sellerops "
                  "price-rule SKU --strategy …`, then run `sellerops prices --propose`.",
            "zh": "建议价来自调价规则：先用 `sellerops price-rule SKU --strategy …` 设置规则，"
                  "再运行 `sellerops prices --propose`。"},
        "prices.no_rules": {
            "en": "No proposals: no SKU has a repricing rule (`sellerops price-rule`).",
            "zh": "没有建议价：还没有 SKU 设置调价规则（`sellerops price-rule`）。"},
        "prices.no_changes": {"en": "No proposals: the rules keep every price today.",
                              "zh": "没有建议价：按规则今天所有价格保持不变。"},
    }
)  # fmt: skip
COLUMNS = {
    "sku": ("SKU", "SKU"),
    "price": ("Listing price", "标价"),
    "selling_price": ("Avg selling price", "平均售价"),
    "floor": ("Floor", "底价"),
    "vs_floor": ("vs floor", "较底价"),
    "buy_box": ("Buy Box", "购买按钮价"),
    "units_30d": ("Units 30d", "30 天销量"),
    "proposed": ("Proposed", "建议价"),
    "reason": ("Why", "原因"),
}
#: columns left out (with a note saying why) when no row has a value
OPTIONAL = ("buy_box", "proposed", "reason")


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
        has_rules = bool(pricing_service.rules(session=session, store_id=the_store.id))
    records = [_record(line, proposals.get(line.sku)) for line in lines]
    if as_json:
        typer.echo(json.dumps({"date": as_of.isoformat(), "store": the_store.name,
                               "currency": currency, "lines": records}))  # fmt: skip
        return
    if not records:
        ctx.console.print(i18n.t("prices.none", ctx.lang))
        return
    heading = i18n.t("prices.heading", ctx.lang, store=the_store.name, day=as_of)
    ctx.console.print(_table(lines, proposals, currency, ctx.lang, heading))
    for note in _notes(lines, proposals, propose=propose, has_rules=has_rules, lang=ctx.lang):
        ctx.console.print(note, highlight=False)


def _table(
    lines: list[pricing_service.FloorLine], proposals: dict[str, Any], currency: str,
    lang: str, heading: str,
) -> Table:  # fmt: skip
    """Amounts right-aligned with their currency; the rows that sell under the floor in red;
    the optional columns only when some row has a value."""
    from sellerops.catalog.pricing_checks import MIN_GAP

    def money(amount: Decimal | None) -> str:
        return "–" if amount is None else i18n.money(amount, currency, lang)

    rows = []
    for line in lines:
        proposal = proposals.get(line.sku)
        sold = line.selling
        over = line.checked_price - line.floor
        rows.append({
            "sku": line.sku,
            "price": money(line.price),
            "selling_price": money(None if sold is None else sold.price),
            "floor": money(line.floor),
            "vs_floor": ("+" if over >= 0 else "-") + money(abs(over)),
            "buy_box": None if line.buy_box is None else money(line.buy_box),
            "units_30d": i18n.number(line.units_30d, lang, 0),
            "proposed": None if proposal is None else money(proposal.proposed_price),
            "reason": None if proposal is None else _reason(proposal.reason, lang),
            "_under": line.gap >= MIN_GAP,
        })  # fmt: skip
    shown = [k for k in COLUMNS if k not in OPTIONAL or any(r[k] is not None for r in rows)]
    table = Table(title=heading)
    for key in shown:
        en, zh = COLUMNS[key]
        right = key not in ("sku", "reason")
        table.add_column(zh if lang == "zh" else en, justify="right" if right else "left",
                         no_wrap=key != "reason")  # fmt: skip
    for r in rows:
        table.add_row(*(str(r[k] or "") for k in shown), style="red" if r["_under"] else None)
    return table


def _notes(
    lines: list[pricing_service.FloorLine], proposals: dict[str, Any], *, propose: bool,
    has_rules: bool, lang: str,
) -> list[str]:  # fmt: skip
    """What the table's prices mean, how many SKUs sell under their floor, and why a column
    is left out."""
    from sellerops.catalog.pricing_checks import MIN_GAP
    from sellerops.catalog.selling_price import MIN_UNITS, WINDOW_DAYS

    notes = [i18n.t("prices.checked", lang, days=WINDOW_DAYS, units=MIN_UNITS)]
    under = sum(1 for line in lines if line.gap >= MIN_GAP)
    if under:
        notes.append(i18n.t("prices.under", lang, count=under))
    if all(line.buy_box is None for line in lines):
        notes.append(i18n.t("prices.no_buy_box", lang))
    if not proposals:
        key = "prices.no_changes" if has_rules else "prices.no_rules"
        notes.append(i18n.t(key if propose else "prices.no_propose", lang))
    return notes


def _reason(code: str, lang: str) -> str:
    from sellerops.catalog.pricing import REASONS

    en, zh = REASONS.get(code, (code, code))
    return zh if lang == "zh" else en


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
    """A line of ``prices --json``: ``price`` is the listing price, ``selling_price`` the
    average selling price (null: too few units sold), ``checked_price`` the one held against
    the floor and ``under_floor`` how far it is under it (0: at or above)."""
    sold = line.selling
    return {
        "sku": line.sku,
        "price": str(line.price.quantize(Decimal("0.01"))),
        "selling_price": None if sold is None else str(sold.price.quantize(Decimal("0.01"))),
        "selling_units": None if sold is None else sold.units,
        "selling_source": None if sold is None else sold.source,
        "checked_price": str(line.checked_price.quantize(Decimal("0.01"))),
        "under_floor": str(line.gap.quantize(Decimal("0.01"))),
        "floor": str(line.floor),
        "buy_box": None if line.buy_box is None else str(line.buy_box),
        "units_30d": line.units_30d,
        "proposed": None if proposal is None else str(proposal.proposed_price),
        "reason": None if proposal is None else proposal.reason,
        "costs": {k: str(v.quantize(Decimal("0.01"))) for k, v in line.costs.breakdown().items()},
    }
