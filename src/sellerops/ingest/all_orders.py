"""All Orders flat file (``GET_FLAT_FILE_ALL_ORDERS_DATA_BY_*``) -> orders and order items.

One row per order item. Both the 2017 (32 columns, with ``url``) and the 2022 layout (``cpf``,
``signature-confirmation-recommended``) are read by header name; unknown extra columns are
ignored. Orders are keyed by (store, amazon-order-id) and items by (order, sku): a SKU that
repeats within one order is summed; a later file updates an order (Pending -> Shipped), but a
file older than what is stored (by ``last-updated-date``) does not roll an order back. Rows
sold on another Amazon marketplace than the store's are counted as rejected, not stored.

Multi-Channel Fulfilment orders (``sales-channel`` "Non-Amazon", e.g. a Shopify order shipped
from FBA stock, item price 0) are stored, since they take FBA stock, but are no Amazon sale:
the import's ``units`` and ``sales`` leave them out and a note counts them (the P&L and
``reconcile`` leave them out too).
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, select, update

from sellerops.catalog import service as catalog
from sellerops.catalog.models import Product
from sellerops.core.db import upsert
from sellerops.core.marketplaces import Marketplace, by_sales_channel, get_marketplace
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import (
    Column,
    Family,
    HeaderMap,
    LoadContext,
    LoadResult,
    Parsed,
    Totals,
    column,
)
from sellerops.service.models import MCF_CHANNEL, Order, OrderItem

_MONEY = ("item_price", "item_tax", "shipping_price", "shipping_tax", "gift_wrap_price",
          "gift_wrap_tax", "item_promotion_discount", "ship_promotion_discount")  # fmt: skip
_IGNORED = ("order-channel", "url", "purchase-order-number", "price-designation", "cpf",
            "signature-confirmation-recommended", "is-sold-by-ab", "fulfilled-by", "is-iba",
            "is-prime", "shipment-status", "buyer-identification-number",
            "buyer-identification-type", "is-buyer-requested-cancellation")  # fmt: skip

COLUMNS: tuple[Column, ...] = (
    column("amazon_order_id", "amazon-order-id", required=True, nonempty=True, max_len=32),
    column("merchant_order_id", "merchant-order-id", max_len=64),
    column("purchased_at", "purchase-date", kind="timestamp", required=True, nonempty=True),
    column("last_updated_at", "last-updated-date", kind="timestamp"),
    column("status", "order-status", required=True, nonempty=True, max_len=32),
    column("fulfillment_channel", "fulfillment-channel", max_len=16),
    column("sales_channel", "sales-channel", max_len=32),
    column("ship_service_level", "ship-service-level", max_len=32),
    column("title", "product-name", max_len=500, truncate=True),
    column("sku", "sku", required=True, nonempty=True, max_len=64),
    column("asin", "asin", kind="asin"),
    column("item_status", "item-status", max_len=32),
    column("quantity", "quantity", kind="int", required=True, default=0),
    column("currency", "currency", max_len=3),
    column("item_price", "item-price", kind="decimal", required=True),
    *(column(key, key.replace("_", "-"), kind="decimal") for key in _MONEY[1:]),
    column("ship_city", "ship-city", max_len=120, truncate=True),
    column("ship_state", "ship-state", max_len=120, truncate=True),
    column("ship_postal_code", "ship-postal-code", max_len=32),
    column("ship_country", "ship-country", max_len=4),
    column("promotion_ids", "promotion-ids"),
    column("is_business_order", "is-business-order", kind="flag"),
    *(Column("~" + name, (name,), kind="ignore") for name in _IGNORED),
)
_ORDER_FIELDS = ("amazon_order_id", "merchant_order_id", "purchased_at", "last_updated_at",
                 "status", "fulfillment_channel", "sales_channel", "ship_service_level",
                 "ship_city", "ship_state", "ship_postal_code", "ship_country",
                 "is_business_order", "currency")  # fmt: skip
_ITEM_FIELDS = ("sku", "asin", "item_status", "quantity", *_MONEY, "promotion_ids")


@dataclass(slots=True)
class OrderRecords:
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    rows_per_order: dict[str, int] = field(default_factory=dict)
    #: per SKU, its ASIN and title as ``catalog.upsert_products`` merges them (later
    #: non-empty facts winning), so no dict is held per row
    products: dict[str, dict[str, Any]] = field(default_factory=dict)


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row validated; orders and items gathered (a repeated SKU in an order summed)."""
    parser = RowParser(table.file_name, header_map, COLUMNS)
    records = OrderRecords()
    parsed = Parsed(0, records)
    for line, cells in table.rows:
        parsed.rows_read += 1
        row = parser.parse(line, cells)
        order_id = row["amazon_order_id"]
        market = by_sales_channel(row["sales_channel"] or "")
        if market is not None:
            parsed.marketplaces[market.code] += 1
        if order_id not in records.orders:
            records.orders[order_id] = _order_of(row, market.code if market else None)
        records.rows_per_order[order_id] = records.rows_per_order.get(order_id, 0) + 1
        _add_item(records.items, order_id, row)
        _add_product(records.products, row)
    parsed.currency = next((o["currency"] for o in records.orders.values() if o["currency"]), None)
    # A unified account's file holds several marketplaces' rows, each in its own currency:
    # the rows of the store's marketplace are the ones its currency is checked against.
    for order in records.orders.values():
        if order["market"] and order["currency"]:
            parsed.currencies.setdefault(order["market"], order["currency"])
    return parsed


def is_mcf(order: dict[str, Any]) -> bool:
    return _mcf_channel(order["sales_channel"])


@functools.lru_cache(maxsize=256)
def _mcf_channel(channel: str | None) -> bool:
    return (channel or "").strip().lower() == MCF_CHANNEL


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``units`` and ``sales`` (item prices) of the orders sold on the store's marketplace
    (Multi-Channel Fulfilment orders are no Amazon sale)."""
    records: OrderRecords = parsed.records
    own = {
        oid
        for oid, o in records.orders.items()
        if o["market"] in (None, market.code) and not is_mcf(o)
    }
    items = [item for (oid, _sku), item in records.items.items() if oid in own]
    sales = sum((i["item_price"] for i in items if i["item_price"] is not None), Decimal(0))
    return {"units": Decimal(sum(i["quantity"] for i in items)), "sales": sales}


def _order_of(row: dict[str, Any], market: str | None) -> dict[str, Any]:
    order = {key: row[key] for key in _ORDER_FIELDS}
    order["market"] = market
    return order


def _add_item(items: dict[tuple[str, str], dict[str, Any]], order_id: str, row: dict) -> None:
    key = (order_id, row["sku"])
    item = items.get(key)
    if item is None:
        items[key] = {name: row[name] for name in _ITEM_FIELDS}
        return
    item["quantity"] += row["quantity"]
    for name in _MONEY:
        if row[name] is not None:
            item[name] = row[name] if item[name] is None else item[name] + row[name]


def _add_product(products: dict[str, dict[str, Any]], row: dict[str, Any]) -> None:
    sku, asin, title = row["sku"], row["asin"], row["title"]
    facts = products.get(sku)
    if facts is None:
        facts = products[sku] = {"sku": sku}
    if asin is not None:
        facts["asin"] = asin
    if title is not None:
        facts["title"] = title


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    records: OrderRecords = parsed.records
    own = ctx.marketplace.code
    foreign = [oid for oid, o in records.orders.items() if o["market"] not in (None, own)]
    if records.orders and len(foreign) == len(records.orders):
        raise FileError(ctx.file_name, f"none of the orders were sold on {ctx.marketplace.domain}, "
                        f"the marketplace of store {ctx.store.name!r}")  # fmt: skip
    result = LoadResult(rejected=sum(records.rows_per_order[oid] for oid in foreign))
    if foreign:
        result.notes.append(
            "1 row sold on another marketplace was skipped"
            if result.rejected == 1
            else f"{result.rejected} rows sold on other marketplaces were skipped"
        )
    wanted = {oid: o for oid, o in records.orders.items() if o["market"] in (None, own)}
    stale = _older_than_stored(ctx, wanted)
    if stale:
        result.notes.append(
            "1 order is newer in the database and was kept"
            if len(stale) == 1
            else f"{len(stale)} orders are newer in the database and were kept"
        )
    written = [oid for oid in wanted if oid not in stale]
    first, last = _write(ctx, records, written, result)
    mcf = {oid for oid, o in wanted.items() if is_mcf(o)}
    if mcf:
        units = sum(i["quantity"] for (oid, _), i in records.items.items() if oid in mcf)
        result.notes.append(
            f"{_plural(len(mcf), 'Multi-Channel Fulfilment order')} (sales channel Non-Amazon, "
            f"{_plural(units, 'unit')}) stored for stock, not counted as Amazon sales"
        )
    result.data_start, result.data_end = first, last
    return result


def _plural(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _write(
    ctx: LoadContext, records: OrderRecords, written: list[str], result: LoadResult
) -> tuple[Any, Any]:
    """Upsert the orders ``written`` and their items; the first and last purchase day.
    Rows are made a batch at a time as they are written (none held for the whole file)."""
    order_table: Table = Order.__table__  # type: ignore[assignment]
    item_table: Table = OrderItem.__table__  # type: ignore[assignment]
    days: list[Any] = []

    def order_rows() -> Iterator[dict[str, Any]]:
        first = last = None
        for oid in written:
            row = _order_row(ctx, records.orders[oid])
            day = row["purchase_day"]
            if first is None or day < first:
                first = day
            if last is None or day > last:
                last = day
            yield row
        days.extend((first, last))

    counted = upsert(ctx.session, order_table, order_rows(), key=["store_id", "amazon_order_id"])
    result.notes.append(f"{_plural(len(written), 'order')} ({counted.inserted} new)")
    ids = _order_ids(ctx)
    store_id = ctx.store.id
    items = (
        {**item, "order_id": ids[oid], "store_id": store_id}
        for (oid, _sku), item in records.items.items()
        if oid in ids
    )
    skus: set[str] = set()

    def seen(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            skus.add(row["sku"])
            yield row

    counted = upsert(ctx.session, item_table, seen(items), key=["order_id", "sku"])
    result.inserted, result.updated = counted.inserted, counted.updated
    products = [facts for sku, facts in records.products.items() if sku in skus]
    catalog.upsert_products(session=ctx.session, store_id=ctx.store.id, products=products)
    _fill_missing_prices(ctx, records, ids)
    return (days[0], days[1]) if days and days[0] is not None else (None, None)


def _fill_missing_prices(ctx: LoadContext, records: OrderRecords, wanted: Container[str]) -> None:
    """Give a SKU with no known price (a merchant-fulfilled SKU: no FBA inventory report
    lists it) the unit price of its newest sold order line; a price a listing or inventory
    report gave is never overwritten."""
    newest: dict[str, tuple[datetime, Decimal]] = {}
    for (oid, sku), item in records.items.items():
        if oid not in wanted or not item["quantity"] or not item["item_price"]:
            continue
        if (item["item_status"] or "").lower() == "cancelled" or item["item_price"] <= 0:
            continue
        when: datetime = records.orders[oid]["purchased_at"]
        if sku not in newest or when > newest[sku][0]:
            unit = (item["item_price"] / item["quantity"]).quantize(Decimal("0.01"))
            newest[sku] = (when, unit)
    if not newest:
        return
    table: Table = Product.__table__  # type: ignore[assignment]
    stmt = (
        update(table)
        .where(table.c.store_id == ctx.store.id, table.c.sku == bindparam("b_sku"),
               table.c.price.is_(None))
        .values(price=bindparam("b_price"))
    )  # fmt: skip
    rows = [{"b_sku": sku, "b_price": unit} for sku, (_when, unit) in newest.items()]
    ctx.session.connection().execute(stmt, rows)


def _order_row(ctx: LoadContext, order: dict[str, Any]) -> dict[str, Any]:
    market = get_marketplace(order["market"]) if order["market"] else ctx.marketplace
    purchased: datetime = order["purchased_at"]
    row = {key: order[key] for key in _ORDER_FIELDS}
    row.update(
        store_id=ctx.store.id,
        purchase_day=market.local_date(purchased),
        import_batch_id=ctx.batch_id,
    )
    return row


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _order_ids(ctx: LoadContext) -> dict[str, int]:
    """The ids of the orders this import wrote: every one of them, and none other, now
    carries its batch (the upsert sets ``import_batch_id`` on new and updated orders)."""
    table: Table = Order.__table__  # type: ignore[assignment]
    query = select(table.c.amazon_order_id, table.c.id).where(
        table.c.store_id == ctx.store.id, table.c.import_batch_id == ctx.batch_id
    )
    return {oid: pk for oid, pk in ctx.session.connection().execute(query)}


def _older_than_stored(ctx: LoadContext, orders: dict[str, dict[str, Any]]) -> set[str]:
    """Orders whose stored copy was last updated after this file's copy."""
    table: Table = Order.__table__  # type: ignore[assignment]
    connection = ctx.session.connection()
    mine = table.c.store_id == ctx.store.id
    if connection.execute(select(table.c.id).where(mine).limit(1)).first() is None:
        return set()  # a store with no orders yet (a first import) holds none newer
    stale: set[str] = set()
    query = select(table.c.amazon_order_id, table.c.last_updated_at).where(
        mine,
        table.c.amazon_order_id.in_(bindparam("b_ids", expanding=True)),
        table.c.last_updated_at.is_not(None),
    )
    for chunk in _chunks(list(orders), 5_000):
        for oid, stored in connection.execute(query, {"b_ids": chunk}):
            mine_at = orders[oid]["last_updated_at"]
            if stored is not None and mine_at is not None and stored > mine_at:
                stale.add(oid)
    return stale


FAMILY = Family(
    name="all_orders",
    title="All Orders",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
