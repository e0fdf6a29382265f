"""The FBA inventory ledger: unit movements (detailed view) and period balances (summary)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file
from sellerops.inventory.ledger_models import InventoryLedgerBalance, InventoryLedgerEvent
from tests.ingest.helpers import DATA, rows_of

DETAIL = DATA / "fba" / "Inventory_Ledger_Detail_US_2026-11.csv"
SUMMARY = DATA / "fba" / "Inventory_Ledger_Summary_US_2026-10.txt"


def events(engine: Engine) -> list[InventoryLedgerEvent]:
    with unit_of_work(engine) as s:
        rows = list(s.scalars(select(InventoryLedgerEvent).order_by(InventoryLedgerEvent.day)))
        s.expunge_all()
        return rows


def test_the_detailed_ledger_keeps_every_movement_signed_with_its_day(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=DETAIL)

    assert outcome.status == "imported", outcome.error
    assert outcome.report_type == "fba_ledger_detail"
    # 6 lines: one Canadian line skipped, the repeated shipment line is one movement of 2
    assert (outcome.rows_read, outcome.rows_inserted, outcome.rows_rejected) == (6, 4, 1)
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 1), date(2026, 11, 4))
    assert outcome.totals == {"quantity": Decimal("117")}  # 120 - 1 - 1 - 2 + 1 (US rows only)
    moved = {(e.event_type, e.disposition): e for e in events(engine)}
    shipped = moved[("Shipments", "SELLABLE")]
    assert (shipped.quantity, shipped.reference_id, shipped.day) == (
        -2,
        "112-1234567-7654321",
        date(2026, 11, 2),
    )
    assert shipped.moment == datetime(2026, 11, 2, 18, 0, tzinfo=UTC)
    lost = moved[("Adjustments", "SELLABLE")]
    assert (lost.quantity, lost.reason, lost.reconciled, lost.unreconciled) == (-2, "M", 0, 2)
    assert moved[("CustomerReturns", "CUSTOMER_DAMAGED")].quantity == 1
    assert {e.sku for e in events(engine)} == {"LEDGER-1"}


def test_importing_the_ledger_again_changes_no_number(engine: Engine) -> None:
    import_file(engine=engine, path=DETAIL)
    before = rows_of(engine, InventoryLedgerEvent)
    again = import_file(engine=engine, path=DETAIL, force=True)

    assert again.status == "imported", again.error
    assert (again.rows_inserted, again.rows_updated) == (0, 4)
    assert rows_of(engine, InventoryLedgerEvent) == before


def test_the_summary_view_keeps_monthly_balances_per_disposition(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SUMMARY)

    assert outcome.status == "imported", outcome.error
    assert outcome.report_type == "fba_ledger_summary"
    assert (outcome.rows_inserted, outcome.rows_rejected) == (2, 1)
    assert outcome.totals == {"quantity": Decimal("329")}
    with unit_of_work(engine) as s:
        rows = {b.disposition: b for b in s.scalars(select(InventoryLedgerBalance))}
        sellable = rows["SELLABLE"]
        assert (sellable.period_start, sellable.period) == (date(2026, 10, 1), "month")
        assert (sellable.starting, sellable.receipts, sellable.customer_shipments) == (
            300,
            120,
            -95,
        )
        assert (sellable.lost, sellable.damaged, sellable.found, sellable.ending) == (
            -3,
            -1,
            1,
            326,
        )
        assert rows["CUSTOMER_DAMAGED"].disposed == -2


def test_a_bad_quantity_names_the_line_and_the_column(engine: Engine, tmp_path: Path) -> None:
    lines = DETAIL.read_text().splitlines()
    lines[3] = lines[3].replace('"-1"', '"minus one"', 1)
    bad = tmp_path / "ledger.csv"
    bad.write_text("\n".join(lines) + "\n")

    outcome = import_file(engine=engine, path=bad, marketplace="US")

    assert outcome.status == "failed"
    assert "line 4" in (outcome.error or "") and "Quantity" in (outcome.error or "")
    assert events(engine) == []


def test_a_ledger_date_that_is_neither_a_day_nor_a_month_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    text = SUMMARY.read_text().replace("10/2026", "13/2026", 1)
    bad = tmp_path / "Inventory_Ledger_Summary_US_bad.txt"
    bad.write_text(text)

    outcome = import_file(engine=engine, path=bad)

    assert outcome.status == "failed"
    assert "line 2" in (outcome.error or "") and "11/2026" in (outcome.error or "")
