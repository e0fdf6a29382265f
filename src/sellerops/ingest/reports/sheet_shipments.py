"""The inbound-shipments sheet (``sellerops template shipments``) -> inbound_shipment_line.

One row per shipment and SKU: units shipped on the shipment's date, and what the shipment's
first-leg freight is split by: weight (kg) and volume (cubic metres) per unit, given as
such or as a carton's size (cm), weight and units per carton (a per-unit value wins over the
carton's), and the declared customs value per unit, which splits the duties. The sheet is
the truth about the shipments it lists: a SKU removed from a listed shipment is removed.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, tuple_

from sellerops.finance.models import InboundShipmentLine
from sellerops.ingest import templates
from sellerops.ingest.errors import CellError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import (
    LINE,
    Row,
    check_unique,
    finish,
    read_rows,
    remember_products,
    store,
)

TEMPLATE = templates.SHIPMENTS
COLUMNS = templates.columns(TEMPLATE)
_KEY = ("shipment_id", "sku")
_FIELDS = (*_KEY, "shipped_on", "units", "unit_weight_kg", "unit_volume_m3",
           "customs_value_per_unit")  # fmt: skip
_CARTON = ("carton_length_cm", "carton_width_cm", "carton_height_cm")
_CM3_PER_M3 = Decimal(1_000_000)


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    parsed = read_rows(table, header_map, COLUMNS)
    headers = {m.column.key: m.header for m in header_map.mapped}
    for row in parsed.records:
        _check(table.file_name, headers, row)
        row["shipped_on"] = row["date"]
        per_carton = row.get("units_per_carton")
        if row.get("unit_volume_m3") is None and per_carton and all(row.get(k) for k in _CARTON):
            length, width, height = (row[k] for k in _CARTON)
            row["unit_volume_m3"] = length * width * height / _CM3_PER_M3 / per_carton
        if row.get("unit_weight_kg") is None and per_carton and row.get("carton_weight_kg"):
            row["unit_weight_kg"] = row["carton_weight_kg"] / per_carton
    check_unique(table.file_name, parsed.records, _KEY, "shipment and SKU")
    return parsed


def _check(file_name: str, headers: dict[str, str], row: Row) -> None:
    if row["units"] <= 0:
        raise CellError(file_name, "units must be above zero", line=row[LINE],
                        column=headers["units"])  # fmt: skip
    for key in ("unit_weight_kg", "unit_volume_m3", "customs_value_per_unit", "units_per_carton",
                "carton_weight_kg", *_CARTON):  # fmt: skip
        value = row.get(key)
        if value is not None and value < 0:
            raise CellError(file_name, f"{key} cannot be negative", line=row[LINE],
                            column=headers.get(key, key))  # fmt: skip


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows: list[Row] = parsed.records
    listed = sorted({r["shipment_id"] for r in rows})
    kept = {(r["shipment_id"], r["sku"]) for r in rows}
    ctx.session.execute(
        delete(InboundShipmentLine).where(
            InboundShipmentLine.store_id == ctx.store.id,
            InboundShipmentLine.shipment_id.in_(listed),
            tuple_(InboundShipmentLine.shipment_id, InboundShipmentLine.sku).not_in(kept),
        )
    )
    counted = store(ctx, InboundShipmentLine, rows, _KEY, _FIELDS)
    remember_products(ctx, rows)
    return finish(LoadResult(), counted, (r["shipped_on"] for r in rows))


FAMILY = Family(
    name=TEMPLATE.family,
    title="Inbound shipments sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
