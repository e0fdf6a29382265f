"""Manage FBA Inventory: one snapshot per SKU and day, both layouts, flags, products."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file
from sellerops.inventory.models import InventorySnapshot
from tests.ingest.helpers import DATA, rows_of


def snapshots(engine: Engine) -> dict[tuple[date, str], InventorySnapshot]:
    with unit_of_work(engine) as session:
        return {(s.snapshot_date, s.sku): s for s in session.scalars(select(InventorySnapshot))}


def test_the_21_column_file_lands_one_snapshot_per_sku(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt"))

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read, outcome.rows_inserted) == (
        "fba_inventory",
        3,
        3,
    )
    hose = snapshots(engine)[(date(2026, 11, 26), "HOSE-50-GRN")]
    assert (hose.fnsku, hose.asin, hose.condition) == ("X00ABCDE01", "B0CHILD001", "New")
    assert (hose.fulfillable, hose.reserved, hose.unfulfillable, hose.warehouse_total) == (
        120, 15, 5, 140,
    )  # fmt: skip
    assert (hose.inbound_working, hose.inbound_shipped, hose.inbound_receiving) == (10, 40, 10)
    assert (hose.researching, hose.mfn_fulfillable) == (2, None)
    assert (hose.your_price, hose.per_unit_volume) == (Decimal("39.99"), Decimal("0.45"))
    nozzle = snapshots(engine)[(date(2026, 11, 26), "NOZZLE-8")]
    assert (nozzle.mfn_fulfillable, nozzle.researching) == (12, None)


def test_the_older_18_column_file_is_read_by_name_and_dated_from_yyyymmdd(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample("Inventory_US_20261125.txt"))

    assert outcome.data_start == date(2026, 11, 25), outcome.error
    assert snapshots(engine)[(date(2026, 11, 25), "HOSE-25-GRN")].fulfillable == 28


def test_inventory_fills_fnsku_and_price_of_products(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt"))
    with unit_of_work(engine) as session:
        hose = session.scalar(select(Product).where(Product.sku == "HOSE-50-GRN"))
        assert hose is not None
        assert (hose.fnsku, hose.asin, hose.price) == ("X00ABCDE01", "B0CHILD001", Decimal("39.99"))


def test_reimporting_the_same_inventory_changes_no_number(engine: Engine, sample) -> None:
    path = sample("Inventory_US_2026-11-26.txt")
    import_file(engine=engine, path=path)
    before = rows_of(engine, InventorySnapshot), rows_of(engine, Product)
    forced = import_file(engine=engine, path=path, force=True)
    assert (forced.rows_inserted, forced.rows_updated) == (0, 3)
    assert (rows_of(engine, InventorySnapshot), rows_of(engine, Product)) == before


def _myi_with(tmp_path: Path, line: int, column: str, value: str) -> Path:
    lines = (DATA / "Inventory_US_2026-11-26.txt").read_text().splitlines()
    header = lines[0].split("\t")
    cells = lines[line - 1].split("\t")
    cells[header.index(column)] = value
    lines[line - 1] = "\t".join(cells)
    path = tmp_path / "Inventory_US_2026-11-26.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_flag_that_is_not_yes_or_no_is_an_error_at_its_cell(
    engine: Engine, tmp_path: Path
) -> None:
    outcome = import_file(engine=engine, path=_myi_with(tmp_path, 3, "afn-listing-exists", "Maybe"))
    assert outcome.error == (
        'Inventory_US_2026-11-26.txt, line 3, column "afn-listing-exists": '
        'expected Yes or No, got "Maybe"'
    )
    assert snapshots(engine) == {}


def test_a_sku_listed_twice_is_rejected(engine: Engine, tmp_path: Path) -> None:
    outcome = import_file(engine=engine, path=_myi_with(tmp_path, 3, "sku", "HOSE-50-GRN"))
    assert outcome.error == (
        "Inventory_US_2026-11-26.txt, line 3: SKU 'HOSE-50-GRN' appears again (first on line 2)"
    )


def test_a_quantity_too_big_for_the_database_is_a_cell_error(
    engine: Engine, tmp_path: Path
) -> None:
    path = _myi_with(tmp_path, 2, "afn-fulfillable-quantity", "99999999999")
    outcome = import_file(engine=engine, path=path)
    assert outcome.error == (
        'Inventory_US_2026-11-26.txt, line 2, column "afn-fulfillable-quantity": '
        'expected a whole number below 2,147,483,648, got "99999999999"'
    )
