"""The deals sheet (``sellerops template deals``) -> the deals calendar (``ad_deal``).

The same calendar as ``sellerops ads deals add``, one row per deal: SKU, kind (Lightning
Deal, Best Deal, coupon, Prime exclusive discount; English or Chinese names), first and last
day (marketplace days, inclusive), discount, and optionally the fee (estimated from
Amazon's published fees when empty, see ``ads.deals``), the expected units and a note.

A deal is known by its SKU, kind and start day: importing the sheet again updates those
deals (new dates, discount, fee) instead of adding them twice. Amounts are in the
marketplace's currency. A SKU the catalog does not know yet is added to it (as the costs
sheet does), and the import's notes say which, so a typo shows.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from sellerops.ads import deals
from sellerops.catalog import service as catalog
from sellerops.catalog.models import Product
from sellerops.ingest import templates
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import LINE, check_unique, read_rows
from sellerops.ingest.values import ValueFormatError

TEMPLATE = templates.DEALS
COLUMNS = templates.columns(TEMPLATE)
_KEY = ("sku", "kind", "start_date")


def _kind(text: str) -> str:
    try:
        return deals.parse_kind(text)
    except deals.DealError:
        raise ValueFormatError(text, "lightning, best_deal, coupon or prime") from None


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueFormatError(str(value), "an amount of zero or more")
    return value


def _units(value: int) -> int:
    if value < 0:
        raise ValueFormatError(str(value), "a number of units, zero or more")
    return value


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Callable[[Any], Any]] = {
        "kind": _kind, "fee": _not_negative, "expected_units": _units,
    }  # fmt: skip
    parsed = read_rows(table, header_map, COLUMNS, converters)
    check_unique(table.file_name, parsed.records, _KEY, "SKU, kind and start date")
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    actor = f"sheet {ctx.file_name}"[:120]
    skus = sorted({r["sku"] for r in parsed.records})
    known = set(ctx.session.scalars(
        select(Product.sku).where(Product.store_id == ctx.store.id, Product.sku.in_(skus))
    ))  # fmt: skip
    new = [sku for sku in skus if sku not in known]
    if new:
        catalog.upsert_products(session=ctx.session, store_id=ctx.store.id,
                                products=[{"sku": sku} for sku in new])  # fmt: skip
        counted = "1 SKU" if len(new) == 1 else f"{len(new)} SKUs"
        result.notes.append(f"{counted} not in the catalog yet {'was' if len(new) == 1 else 'were'} "
                            "added: " + ", ".join(new[:10]) + (" ..." if len(new) > 10 else ""))  # fmt: skip
    for row in parsed.records:
        try:
            _, added = deals.put(
                session=ctx.session, store_id=ctx.store.id, kind=row["kind"], sku=row["sku"],
                start=row["start_date"], end=row["end_date"], discount=row["discount"],
                currency=ctx.marketplace.currency, actor=actor, fee=row.get("fee"),
                expected_units=row.get("expected_units"), note=row.get("note"),
            )  # fmt: skip
        except deals.DealError as exc:
            raise FileError(ctx.file_name, str(exc), line=row[LINE]) from None
        if added:
            result.inserted += 1
        else:
            result.updated += 1
        for day in (row["start_date"], row["end_date"]):
            result.data_start = min(result.data_start or day, day)
            result.data_end = max(result.data_end or day, day)
    return result


FAMILY = Family(
    name=TEMPLATE.family,
    title="Deals sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
