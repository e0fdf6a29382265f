"""FBA inventory files beyond Manage FBA Inventory: inventory health (planning), restock
advice, adjustments and received inventory."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file
from sellerops.inventory.models import (
    InventoryAdjustment,
    InventoryHealthSnapshot,
    InventoryReceipt,
    RestockRecommendation,
)
from tests.ingest.helpers import DATA, rows_of

FBA = DATA / "fba"


def health(engine: Engine) -> dict[tuple[date, str], InventoryHealthSnapshot]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(InventoryHealthSnapshot))
        return {(h.snapshot_date, h.sku): h for h in rows}


def test_inventory_health_keeps_age_buckets_surcharges_and_storage_cost(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Inventory_Planning_US_2026-11-26.txt")

    assert outcome.status == "imported", outcome.error
    assert outcome.report_type == "fba_inventory_health"
    nozzle = health(engine)[(date(2026, 11, 26), "NOZZLE-8")]
    assert (nozzle.age_0_90, nozzle.age_91_180, nozzle.age_181_270) == (20, 30, 50)
    assert (nozzle.age_271_365, nozzle.age_365_plus) == (100, 100)
    assert nozzle.estimated_storage_cost_next_month == Decimal("12.40")
    assert (nozzle.ais_qty_365_plus, nozzle.ais_amount_365_plus) == (100, Decimal("43.50"))
    assert (nozzle.ais_qty_271_300, nozzle.ais_amount_271_300) == (100, Decimal("6.25"))
    assert (nozzle.recommended_action, nozzle.alert) == ("Create removal order", "Low traffic")
    assert nozzle.days_of_supply == Decimal("2250")
    assert (nozzle.storage_type, nozzle.volume_unit, nozzle.currency) == ("Standard", "ft3", "USD")


def test_computed_quantities_written_as_decimals_are_whole_numbers(engine: Engine) -> None:
    import_file(engine=engine, path=FBA / "FBA_Inventory_Planning_US_2026-11-26.txt")

    nozzle = health(engine)[(date(2026, 11, 26), "NOZZLE-8")]
    assert (nozzle.recommended_removal_quantity, nozzle.estimated_excess_quantity) == (180, 250)


def test_rows_of_another_marketplace_in_a_unified_file_are_rejected(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Inventory_Planning_US_2026-11-26.txt")

    assert (outcome.rows_read, outcome.rows_inserted, outcome.rows_rejected) == (3, 2, 1)
    assert outcome.notes == ("1 row for another marketplace was skipped",)
    assert {h.currency for h in health(engine).values()} == {"USD"}


def test_the_older_layout_with_long_term_storage_fee_columns_is_read_by_name(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Inventory_Planning_2023_layout.txt")

    assert outcome.status == "imported", outcome.error
    nozzle = health(engine)[(date(2023, 6, 15), "NOZZLE-8")]
    assert (nozzle.available, nozzle.age_365_plus) == (410, 25)
    assert (nozzle.ltsf_qty_12_mo, nozzle.ltsf_next_charge) == (25, Decimal("17.25"))
    assert (nozzle.ltsf_qty_9_mo, nozzle.ltsf_projected_9_mo) == (40, Decimal("21.90"))
    assert nozzle.ais_qty_365_plus is None


def test_a_sku_twice_in_one_health_snapshot_is_an_error(engine: Engine, tmp_path: Path) -> None:
    lines = (FBA / "FBA_Inventory_Planning_US_2026-11-26.txt").read_text().splitlines()
    path = tmp_path / "FBA_Inventory_Planning_US_2026-11-26.txt"
    path.write_text("\n".join([*lines[:3], lines[1]]) + "\n")

    outcome = import_file(engine=engine, path=path)

    assert outcome.error == (
        "FBA_Inventory_Planning_US_2026-11-26.txt, line 4: "
        "snapshot date and SKU '2026-11-26 / HOSE-50-GRN' appears again (first on line 2)"
    )


def test_restock_advice_is_dated_by_the_file_name(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "Restock_Inventory_US_2026-11-26.txt")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted, outcome.rows_rejected) == (
        "fba_restock", 2, 1,
    )  # fmt: skip
    with unit_of_work(engine) as session:
        advice = {r.sku: r for r in session.scalars(select(RestockRecommendation))}
    hose = advice["HOSE-50-GRN"]
    assert hose.snapshot_date == date(2026, 11, 26)
    assert (hose.recommended_replenishment_qty, hose.recommended_ship_date) == (
        130, date(2026, 12, 1),
    )  # fmt: skip
    assert (hose.available, hose.inbound, hose.working, hose.shipped) == (120, 50, 10, 30)
    assert (hose.sales_last_30_days, hose.currency) == (Decimal("2439.39"), "USD")
    assert (hose.supplier, hose.unit_storage_size) == ("Acme Hose Co.", "0.45 ft3")
    assert advice["NOZZLE-8"].recommended_ship_date is None  # Amazon writes "none"


def test_restock_without_a_date_in_its_name_needs_the_date_option(engine: Engine, sample) -> None:
    path = sample("fba/Restock_Inventory_US_2026-11-26.txt", "Restock_US.txt")

    assert "pass --date YYYY-MM-DD" in (import_file(engine=engine, path=path).error or "")
    dated = import_file(engine=engine, path=path, day=date(2026, 11, 20))
    assert dated.data_start == date(2026, 11, 20), dated.error


def test_adjustments_keep_their_sign_and_reason(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Inventory_Adjustments_US_2026-11.txt")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        rows = {a.transaction_item_id: a for a in session.scalars(select(InventoryAdjustment))}
    lost = rows["100200300400"]
    assert (lost.quantity, lost.reason, lost.disposition, lost.sku) == (
        -2, "M", "SELLABLE", "HOSE-50-GRN",
    )  # fmt: skip
    assert rows["100200300402"].adjusted_day == date(2026, 11, 11)  # 04:05 UTC, Nov 11 in LA
    assert sum(a.quantity for a in rows.values()) == -2


def test_received_inventory_takes_plain_dates_as_marketplace_days(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Received_Inventory_US_2026-11.txt")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        rows = list(session.scalars(select(InventoryReceipt)))
    assert sum(r.quantity for r in rows) == 120
    assert {r.received_day for r in rows} == {date(2026, 11, 6), date(2026, 11, 7)}
    assert {r.fba_shipment_id for r in rows} == {"FBA17ABCDEF1"}
    first = min(rows, key=lambda r: r.received_at)
    assert first.received_at.isoformat() == "2026-11-06T08:00:00+00:00"  # midnight in LA


def test_reimporting_inventory_movements_changes_no_total(engine: Engine) -> None:
    names = ("FBA_Inventory_Adjustments_US_2026-11.txt", "FBA_Received_Inventory_US_2026-11.txt")
    for name in names:
        import_file(engine=engine, path=FBA / name)
    before = rows_of(engine, InventoryAdjustment), rows_of(engine, InventoryReceipt)

    again = [import_file(engine=engine, path=FBA / name, force=True) for name in names]

    assert [o.rows_inserted for o in again] == [0, 0]
    assert (rows_of(engine, InventoryAdjustment), rows_of(engine, InventoryReceipt)) == before


def test_a_date_that_is_neither_a_date_nor_a_timestamp_is_a_cell_error(
    engine: Engine, tmp_path: Path
) -> None:
    text = (FBA / "FBA_Received_Inventory_US_2026-11.txt").read_text()
    path = tmp_path / "FBA_Received_Inventory_US_2026-11.txt"
    path.write_text(text.replace("2026-11-07", "Nov 7th"))

    outcome = import_file(engine=engine, path=path)

    assert outcome.error == (
        'FBA_Received_Inventory_US_2026-11.txt, line 4, column "received-date": expected a date '
        'or a timestamp, like 2026-11-26 or 2026-11-26T08:15:00+00:00, got "Nov 7th"'
    )


def test_restock_headers_in_another_case_with_trailing_spaces_are_the_same_columns(
    engine: Engine, tmp_path: Path
) -> None:
    header, *rows = (FBA / "Restock_Inventory_US_2026-11-26.txt").read_text().splitlines()
    shouted = "\t".join(f"{name.upper()}  " for name in header.split("\t"))
    path = tmp_path / "Restock_Inventory_US_2026-11-26.txt"
    path.write_text("\n".join([shouted, *rows]) + "\n")

    outcome = import_file(engine=engine, path=path)

    assert (outcome.report_type, outcome.rows_inserted) == ("fba_restock", 2), outcome.error
