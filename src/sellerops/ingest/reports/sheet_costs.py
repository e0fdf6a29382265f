"""The costs sheet (``sellerops template costs``) -> product_cost, and the product's cost.

One row per SKU and ``effective_from`` date: a cost history, so a price rise from the
supplier is a new row, not an edit. After the import, each SKU's cost in effect today (the
latest row dated on or before today in the marketplace's time zone) is copied to the
product: ``unit_cost`` and ``cost_currency``, and ``lead_time_days`` when that row gives
one, which the stock checks use instead of the store's default lead time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update

from sellerops.catalog import service as catalog
from sellerops.catalog.models import Product
from sellerops.core.models import utcnow
from sellerops.finance.models import ProductCost
from sellerops.finance.rates import Rates
from sellerops.ingest import templates
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import check_unique, finish, read_rows, store
from sellerops.ingest.reports._sheet_values import (
    Marks,
    check_marks,
    noting_marks,
    parse_currency,
)
from sellerops.ingest.values import ValueFormatError

TEMPLATE = templates.COSTS
COLUMNS = templates.columns(TEMPLATE)
_KEY = ("sku", "effective_from")
_FIELDS = (*_KEY, "unit_cost", "currency", "first_leg_freight_per_unit", "duty_rate",
           "lead_time_days")  # fmt: skip


#: Amounts in the row's ``currency``: a currency mark on them must agree with it.
_MONEY = ("unit_cost", "first_leg_freight_per_unit")


def _rate(value: Decimal) -> Decimal:
    if not 0 <= value <= 1:
        raise ValueFormatError(str(value), "a duty rate from 0% to 100% (25% or 0.25)")
    return value


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueFormatError(str(value), "an amount of zero or more")
    return value


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Callable[[Any], Any]] = {"currency": parse_currency, "duty_rate": _rate, "unit_cost": _not_negative,
                  "first_leg_freight_per_unit": _not_negative}  # fmt: skip
    marks: Marks = {}
    table = noting_marks(table, header_map, _MONEY, marks)
    parsed = read_rows(table, header_map, COLUMNS, converters)
    check_marks(table.file_name, header_map, parsed.records, marks)
    check_unique(table.file_name, parsed.records, _KEY, "SKU and date")
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows = parsed.records
    counted = store(ctx, ProductCost, rows, _KEY, _FIELDS)
    skus = sorted({r["sku"] for r in rows})
    warnings = [*_unknown_skus(ctx, skus), *_currencies_without_rate(ctx, rows)]
    catalog.upsert_products(session=ctx.session, store_id=ctx.store.id,
                            products=[{"sku": sku} for sku in skus])  # fmt: skip
    result = finish(LoadResult(), counted, (r["effective_from"] for r in rows))
    today = ctx.marketplace.local_date(utcnow())
    copied = copy_costs_in_effect(ctx, skus, today)
    if len(copied) < len(skus):
        result.notes.append(
            f"1 SKU has no cost in effect by {today} yet; its product cost was left as it was"
            if len(skus) - len(copied) == 1
            else f"{len(skus) - len(copied)} SKUs have no cost in effect by {today} yet; "
            "their product cost was left as it was"
        )
    result.notes.extend(warnings)
    return result


#: How many SKUs a note names before it says "and N more".
_NAMED = 5


def _named(skus: list[str]) -> str:
    shown = ", ".join(skus[:_NAMED])
    return shown + (f" and {len(skus) - _NAMED} more" if len(skus) > _NAMED else "")


def _unknown_skus(ctx: LoadContext, skus: list[str]) -> list[str]:
    """A note naming the SKUs no report of the store has listed (no ASIN, no title): a typo,
    a SKU of another store, or a template's sample. Their costs are kept all the same (a
    costs sheet may come before the first reports)."""
    listed: set[str] = set()
    for start in range(0, len(skus), 500):
        listed.update(ctx.session.scalars(
            select(Product.sku).where(
                Product.store_id == ctx.store.id,
                Product.sku.in_(skus[start : start + 500]),
                Product.asin.is_not(None) | Product.title.is_not(None),
            )
        ))  # fmt: skip
    unknown = [sku for sku in skus if sku not in listed]
    if not unknown:
        return []
    if not listed and not _has_listed_products(ctx):
        return [
            f"no report of store '{ctx.store.name}' lists a product yet, so the {len(skus)} "
            f"SKU{'' if len(skus) == 1 else 's'} could not be checked against the catalog: "
            "import the store's reports and "
            "then the costs sheet again to check them"
        ]
    return [
        f"{len(unknown)} of the {len(skus)} SKUs {'is' if len(unknown) == 1 else 'are'} not in "
        f"the catalog (no report of store "
        f"'{ctx.store.name}' lists them): {_named(unknown)}; their costs were kept: check the "
        "spelling, or delete the rows if they are not yours"
    ]


def _has_listed_products(ctx: LoadContext) -> bool:
    listed = select(Product.id).where(
        Product.store_id == ctx.store.id,
        Product.asin.is_not(None) | Product.title.is_not(None),
    )
    return ctx.session.scalar(listed.limit(1)) is not None


def _currencies_without_rate(ctx: LoadContext, rows: list[dict[str, Any]]) -> list[str]:
    """A note per currency the costs are in that has no exchange rate to the store's: the
    profit figures leave such costs out until a rate is imported."""
    home = ctx.marketplace.currency
    rates = Rates(ctx.session, ctx.store.id)
    notes = []
    for currency in sorted({r["currency"] for r in rows} - {home}):
        days = [r["effective_from"] for r in rows if r["currency"] == currency]
        if rates.rate(currency, home, max(days)) is None:
            notes.append(
                f"costs in {currency} have no exchange rate to {home}: profit leaves them out "
                "until one is imported (sellerops template exchange-rates)"
            )
    return notes


def copy_costs_in_effect(ctx: LoadContext, skus: list[str], today: date) -> set[str]:
    """Copy each SKU's cost in effect on ``today`` to its product; the SKUs copied."""
    latest: dict[str, ProductCost] = {}
    for start in range(0, len(skus), 500):
        query = (
            select(ProductCost)
            .where(
                ProductCost.store_id == ctx.store.id,
                ProductCost.sku.in_(skus[start : start + 500]),
                ProductCost.effective_from <= today,
            )
            .order_by(ProductCost.sku, ProductCost.effective_from)
        )
        latest.update({cost.sku: cost for cost in ctx.session.scalars(query)})
    for sku, cost in latest.items():
        facts = {"unit_cost": cost.unit_cost, "cost_currency": cost.currency}
        if cost.lead_time_days is not None:
            facts["lead_time_days"] = cost.lead_time_days
        ctx.session.execute(
            update(Product)
            .where(Product.store_id == ctx.store.id, Product.sku == sku)
            .values(**facts)
        )
    return set(latest)


FAMILY = Family(
    name=TEMPLATE.family,
    title="Costs sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
