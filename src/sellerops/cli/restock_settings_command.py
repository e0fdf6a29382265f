"""``sellerops fba-capacity`` and ``sellerops warehouse-stock``: the restock plan's settings
that no Amazon report carries (capacity limits per storage type; 3PL stock per SKU)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import typer

from sellerops.cli.common import fail, open_engine, state
from sellerops.core import i18n

STORAGE_TYPES = ("standard", "oversize", "apparel", "footwear")

i18n.register_messages(
    {
        "restock.capacity_saved": {
            "en": "FBA capacity of {store} for {kind}: {cuft} cu ft, {units} units",
            "zh": "{store} 的 FBA 库容（{kind}）：{cuft} 立方英尺，{units} 件",
        },
        "restock.capacity_bad_type": {
            "en": "Unknown storage type {kind}; use one of {kinds}",
            "zh": "未知的存储类型 {kind}；可选 {kinds}",
        },
        "restock.capacity_missing": {
            "en": "Give --cuft and/or --units",
            "zh": "请提供 --cuft 和/或 --units",
        },
        "restock.warehouse_saved": {
            "en": "{sku}: {units} units at {warehouse}, {days} days to FBA",
            "zh": "{sku}：{warehouse} 有 {units} 件，发往 FBA 需 {days} 天",
        },
    }
)


def fba_capacity(
    storage_type: Annotated[str, typer.Argument(help="standard, oversize, apparel or footwear")],
    cuft: Annotated[float | None, typer.Option(help="Limit in cubic feet")] = None,
    units: Annotated[int | None, typer.Option(help="Limit in units")] = None,
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
) -> None:
    """Set the store's FBA capacity limit for one storage type (Seller Central's Capacity
    Monitor); the restock plan caps shipments to FBA at it."""
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import StoreNotFoundError, get_store
    from sellerops.inventory.models import FbaCapacityLimit

    ctx = state.ctx()
    kind = storage_type.strip().lower()
    if kind not in STORAGE_TYPES:
        fail(ctx, i18n.t("restock.capacity_bad_type", ctx.lang, kind=kind,
                         kinds=", ".join(STORAGE_TYPES)))  # fmt: skip
    if cuft is None and units is None:
        fail(ctx, i18n.t("restock.capacity_missing", ctx.lang))
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        try:
            the_store = get_store(session=session, name=store)
        except StoreNotFoundError as exc:
            fail(ctx, exc.text(ctx.lang))
        row = session.get(FbaCapacityLimit, (the_store.id, kind))
        if row is None:
            row = FbaCapacityLimit(store_id=the_store.id, storage_type=kind)
            session.add(row)
        row.limit_cuft = None if cuft is None else Decimal(str(cuft))
        row.limit_units = units
        name = the_store.name
    ctx.console.print(i18n.t("restock.capacity_saved", ctx.lang, store=name, kind=kind,
                             cuft=cuft if cuft is not None else "-",
                             units=units if units is not None else "-"))  # fmt: skip


def warehouse_stock(
    sku: Annotated[str, typer.Argument(help="SKU")],
    units: Annotated[int, typer.Option(help="Units held at the warehouse now")],
    transfer_days: Annotated[int, typer.Option(help="Days from the warehouse to sellable at FBA")],
    warehouse: Annotated[str, typer.Option(help="Warehouse name")] = "3PL",
    store: Annotated[str | None, typer.Option(help="Store name")] = None,
) -> None:
    """Record a SKU's stock at an intermediate warehouse (3PL): the restock plan then orders
    into it and proposes transfers to FBA with a ship-by date."""
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import StoreNotFoundError, get_store
    from sellerops.inventory.models import WarehouseStock

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        try:
            the_store = get_store(session=session, name=store)
        except StoreNotFoundError as exc:
            fail(ctx, exc.text(ctx.lang))
        row = session.get(WarehouseStock, (the_store.id, sku))
        if row is None:
            row = WarehouseStock(store_id=the_store.id, sku=sku)
            session.add(row)
        row.units, row.transfer_days = max(0, units), max(0, transfer_days)
        row.warehouse, row.as_of = warehouse, date.today()
    ctx.console.print(i18n.t("restock.warehouse_saved", ctx.lang, sku=sku, units=units,
                             warehouse=warehouse, days=transfer_days))  # fmt: skip
