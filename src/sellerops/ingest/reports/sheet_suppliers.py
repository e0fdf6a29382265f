"""The suppliers sheet (``sellerops template suppliers``) -> supplier, supplier_product.

One row per supplier and SKU (``sku``), or per supplier with several SKUs in ``skus``
(``A-1; A-2``). The supplier's contact, email and payment terms may be repeated on each of
its rows or written once; two different values are an error. Production lead time, MOQ and
case pack belong to the (supplier, SKU) pair.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select

from sellerops.core.db import upsert
from sellerops.ingest import templates
from sellerops.ingest.errors import CellError, FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import LINE, Row, check_unique, read_rows
from sellerops.ingest.reports._sheet_values import same_across_rows, split_skus
from sellerops.partners.models import Supplier, SupplierProduct

TEMPLATE = templates.SUPPLIERS
COLUMNS = templates.columns(TEMPLATE)
SUPPLIER_FIELDS = ("contact", "email", "payment_terms")
_PER_SKU = ("production_lead_time_days", "moq", "case_pack")


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    keys = {m.column.key: m.header for m in header_map.mapped}
    if "sku" not in keys and "skus" not in keys:
        raise FileError(table.file_name, 'needs a "sku" or a "skus" column')
    parsed = read_rows(table, header_map, COLUMNS)
    pairs: list[Row] = []
    for row in parsed.records:
        skus = ([row["sku"]] if row["sku"] else []) + split_skus(row["skus"] or "")
        if not skus:
            column = keys.get("sku") or keys["skus"]
            raise CellError(table.file_name, "expected a SKU, got an empty cell",
                            line=row[LINE], column=column)  # fmt: skip
        too_long = next((s for s in skus if len(s) > 64), None)
        if too_long:
            raise CellError(table.file_name, f"SKU {too_long!r} is longer than 64 characters",
                            line=row[LINE], column=keys.get("skus") or keys["sku"])  # fmt: skip
        pairs.extend({**row, "sku": sku} for sku in skus)
    check_unique(table.file_name, pairs, ("supplier", "sku"), "supplier and SKU")
    suppliers = same_across_rows(
        table.file_name, header_map, parsed.records, "supplier", SUPPLIER_FIELDS
    )
    parsed.records = {"suppliers": suppliers, "pairs": pairs}
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    suppliers: dict[str, Row] = parsed.records["suppliers"]
    pairs: list[Row] = parsed.records["pairs"]
    rows = [
        {"store_id": ctx.store.id, "name": name, "import_batch_id": ctx.batch_id,
         **{f: s.get(f) for f in SUPPLIER_FIELDS}}
        for name, s in suppliers.items()
    ]  # fmt: skip
    supplier_table: Table = Supplier.__table__  # type: ignore[assignment]
    made = upsert(ctx.session, supplier_table, rows, key=["store_id", "name"])
    ids = supplier_ids(ctx, list(suppliers))
    products = [
        {"supplier_id": ids[p["supplier"]], "sku": p["sku"], "store_id": ctx.store.id,
         "import_batch_id": ctx.batch_id, **{f: p[f] for f in _PER_SKU}}
        for p in pairs
    ]  # fmt: skip
    product_table: Table = SupplierProduct.__table__  # type: ignore[assignment]
    counted = upsert(ctx.session, product_table, products, key=["supplier_id", "sku"])
    result = LoadResult(counted.inserted, counted.updated)
    result.notes.append(
        f"{len(rows)} supplier{'' if len(rows) == 1 else 's'} ({made.inserted} new)"
    )
    return result


def supplier_ids(ctx: LoadContext, names: list[str]) -> dict[str, int]:
    """Supplier name -> id, for the store."""
    found: dict[str, int] = {}
    for start in range(0, len(names), 500):
        query = select(Supplier.name, Supplier.id).where(
            Supplier.store_id == ctx.store.id, Supplier.name.in_(names[start : start + 500])
        )
        found.update({name: pk for name, pk in ctx.session.execute(query)})
    return found


def ensure_suppliers(ctx: LoadContext, names: list[str]) -> dict[str, int]:
    """Ids of the named suppliers; a name not known yet gets a bare supplier row (its details
    come with the suppliers sheet), a known one is left untouched."""
    table: Table = Supplier.__table__  # type: ignore[assignment]
    rows: list[dict[str, Any]] = [
        {"store_id": ctx.store.id, "name": n, "import_batch_id": ctx.batch_id} for n in names
    ]
    upsert(ctx.session, table, rows, key=["store_id", "name"], update=[])
    return supplier_ids(ctx, names)


FAMILY = Family(
    name=TEMPLATE.family,
    title="Suppliers sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
