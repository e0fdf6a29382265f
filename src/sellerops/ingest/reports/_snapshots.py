"""What the snapshot families share: a file of an older day never becomes the current state.

A snapshot report says how things stood on one day (Manage FBA Inventory, FBA Inventory
health, Restock Inventory, the 3PL stock sheet, the suppressed listings report). Files come
in any order (last month's folder after today's download), and what the daily review, the
restock plan and the pages read as "now" must be the newest day's whatever that order was:

- families that keep a row per day (inventory snapshots, inventory health, restock advice)
  keep an older file as history (readers take each SKU's newest day), but what such a file
  would refresh besides its own rows, the catalog's titles, prices and FNSKUs, it only adds
  for SKUs the catalog lacks (:func:`remember_products`);
- families that keep one current row per SKU leave a row alone when the file is older than
  what the row holds (the 3PL stock sheet, per SKU; the suppressed listings report, whole).

Each says so in a note on the import (:func:`older_note`; ``errors`` has its Chinese).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Table, func, select

from sellerops.catalog import service as catalog
from sellerops.catalog.models import Product
from sellerops.ingest.registry import LoadContext


def newest_day(ctx: LoadContext, model: type, column: str) -> date | None:
    """The newest day ``model``'s date ``column`` holds for the store (before this file's
    rows are written)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    query = select(func.max(table.c[column])).where(table.c.store_id == ctx.store.id)
    newest: date | None = ctx.session.scalar(query)
    return newest


def is_older(day: date | None, newest: date | None) -> bool:
    """Whether a file of ``day`` is older than the ``newest`` day stored (the same day is
    not: a file of that day imported again, or a second copy of it, replaces it)."""
    return day is not None and newest is not None and day < newest


def products_of(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The catalog facts report rows name (as ``_fact_rows.remember_products`` keeps them)."""
    return [
        {"sku": r["sku"], "asin": r.get("asin"), "fnsku": r.get("fnsku"), "title": r.get("title")}
        for r in rows
        if r.get("sku")
    ]


def remember_products(
    ctx: LoadContext, products: Iterable[Mapping[str, Any]], *, older: bool
) -> None:
    """``catalog.upsert_products``; from an ``older`` snapshot only the SKUs the catalog
    lacks, so an old title or price never overwrites a newer one."""
    wanted = [p for p in products if p.get("sku")]
    if older:
        known = set(
            ctx.session.scalars(select(Product.sku).where(Product.store_id == ctx.store.id))
        )
        wanted = [p for p in wanted if p["sku"] not in known]
    if wanted:
        catalog.upsert_products(session=ctx.session, store_id=ctx.store.id, products=wanted)


def older_note(title: str, day: date, newest: date) -> str:
    """What an import of an older snapshot that was kept as history says."""
    return (
        f"the store already has a newer {title} ({newest}); this one ({day}) was kept as "
        "history and did not replace it"
    )


def not_applied_note(title: str, day: date, newest: date) -> str:
    """What an import of an older snapshot that the store keeps no history of says."""
    return (
        f"the store already has a newer {title} ({newest}); this one ({day}) was not "
        "applied: the current state is the newer one's"
    )


def older_rows_note(skipped: int, what: str) -> str:
    """What an import says of the rows it left out because the stored ``what`` (``count``)
    of their SKU is of a later day."""
    if skipped == 1:
        return f"1 SKU has a newer {what} stored than this file's: its row was not applied"
    return (
        f"{skipped} SKUs have a newer {what} stored than this file's: their rows were not applied"
    )
