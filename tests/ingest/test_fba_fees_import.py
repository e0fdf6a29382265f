"""Money Amazon pays back or charges for FBA stock: reimbursements, monthly storage fees and
long-term storage fees / aged inventory surcharges, exact to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import FbaReimbursement, StorageFeeLongTerm, StorageFeeMonthly
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA, rows_of

FBA = DATA / "fba"


def reimbursements(engine: Engine) -> dict[tuple[str, str], FbaReimbursement]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(FbaReimbursement))
        return {(r.reimbursement_id, r.sku): r for r in rows}


def test_a_reimbursement_covering_two_skus_is_two_lines_in_its_currency(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Reimbursements_US_2026-11.txt")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted) == ("fba_reimbursements", 3)
    lost = reimbursements(engine)
    hose = lost[("5551234567", "HOSE-50-GRN")]
    assert (hose.amount_total, hose.amount_per_unit, hose.currency) == (
        Decimal("36.84"), Decimal("18.42"), "USD",
    )  # fmt: skip
    assert (hose.quantity_reimbursed_cash, hose.quantity_reimbursed_total) == (2, 2)
    nozzle = lost[("5551234567", "NOZZLE-8")]
    assert (nozzle.amount_total, nozzle.quantity_reimbursed_inventory) == (Decimal("0"), 1)
    assert sum(r.amount_total for r in lost.values()) == Decimal("55.26")
    assert outcome.totals == {"total": Decimal("55.26"), "quantity": Decimal(4)}


def test_a_return_reimbursement_keeps_its_case_and_order(engine: Engine) -> None:
    import_file(engine=engine, path=FBA / "FBA_Reimbursements_US_2026-11.txt")

    refund = reimbursements(engine)[("5559876543", "HOSE-50-GRN")]
    assert (refund.case_id, refund.amazon_order_id, refund.reason) == (
        "12345678901", "114-1111111-7654321", "CustomerReturn",
    )  # fmt: skip
    assert refund.approval_day == date(2026, 11, 18)


def test_reimporting_reimbursements_changes_no_total(engine: Engine) -> None:
    path = FBA / "FBA_Reimbursements_US_2026-11.txt"
    import_file(engine=engine, path=path)
    before = rows_of(engine, FbaReimbursement)

    again = import_file(engine=engine, path=path, force=True)

    assert (again.rows_inserted, again.rows_updated) == (0, 3)
    assert rows_of(engine, FbaReimbursement) == before


def test_an_amount_that_is_not_a_number_rejects_the_reimbursements(
    engine: Engine, tmp_path: Path
) -> None:
    text = (FBA / "FBA_Reimbursements_US_2026-11.txt").read_text()
    path = tmp_path / "FBA_Reimbursements_US_2026-11.txt"
    path.write_text(text.replace("\t36.84\t", "\tthirty\t"))

    outcome = import_file(engine=engine, path=path)

    assert outcome.error == (
        'FBA_Reimbursements_US_2026-11.txt, line 2, column "amount-total": '
        'expected a number, got "thirty"'
    )
    assert reimbursements(engine) == {}


def test_monthly_storage_fees_are_per_fnsku_and_fulfillment_center(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Storage_Fees_US_2026-10.txt")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.data_start) == ("fba_storage_fees", date(2026, 10, 1))
    with unit_of_work(engine) as session:
        fees = list(session.scalars(select(StorageFeeMonthly)))
    assert sum(f.estimated_monthly_storage_fee for f in fees) == Decimal("23.9419")
    assert outcome.totals == {"total": Decimal("23.9419")}
    phx = next(f for f in fees if f.fulfillment_center == "PHX7")
    assert (phx.month_of_charge, phx.average_quantity_on_hand, phx.storage_rate) == (
        date(2026, 10, 1), Decimal("40.5"), Decimal("0.78"),
    )  # fmt: skip
    assert (phx.product_size_tier, phx.volume_units, phx.currency) == (
        "Large standard-size", "cubic feet", "USD",
    )  # fmt: skip


def test_a_month_of_charge_that_is_no_month_is_a_cell_error(engine: Engine, tmp_path: Path) -> None:
    text = (FBA / "FBA_Storage_Fees_US_2026-10.txt").read_text()
    path = tmp_path / "FBA_Storage_Fees_US_2026-10.txt"
    path.write_text(text.replace("\t2026-10\t", "\tOctober\t", 1))

    outcome = import_file(engine=engine, path=path)

    assert outcome.error == (
        'FBA_Storage_Fees_US_2026-10.txt, line 2, column "month_of_charge": '
        'expected a month, like 2026-10, got "October"'
    )


def test_aged_inventory_surcharges_are_one_row_per_age_tier(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Long_Term_Storage_Fees_US_2026-11-15.txt")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        tiers = {
            (f.sku, f.surcharge_age_tier): f for f in session.scalars(select(StorageFeeLongTerm))
        }
    assert tiers[("NOZZLE-8", "365+")].amount_charged == Decimal("16.72")
    assert tiers[("NOZZLE-8", "271-300")].qty_charged == 100
    assert sum(f.amount_charged for f in tiers.values()) == Decimal("30.70")


def test_the_pre_2022_long_term_fee_layout_becomes_two_tiers(engine: Engine) -> None:
    outcome = import_file(
        engine=engine, path=FBA / "FBA_Long_Term_Storage_Fees_2018_layout.txt", marketplace="US"
    )

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        tiers = {f.surcharge_age_tier: f for f in session.scalars(select(StorageFeeLongTerm))}
    assert (tiers["12-mo"].qty_charged, tiers["12-mo"].amount_charged) == (25, Decimal("10.46"))
    assert (tiers["6-mo"].qty_charged, tiers["6-mo"].amount_charged) == (40, Decimal("8.37"))


def test_reimporting_storage_fees_changes_no_total(engine: Engine) -> None:
    names = ("FBA_Storage_Fees_US_2026-10.txt", "FBA_Long_Term_Storage_Fees_US_2026-11-15.txt")
    for name in names:
        import_file(engine=engine, path=FBA / name)
    before = rows_of(engine, StorageFeeMonthly), rows_of(engine, StorageFeeLongTerm)

    again = [import_file(engine=engine, path=FBA / name, force=True) for name in names]

    assert [o.rows_inserted for o in again] == [0, 0]
    assert (rows_of(engine, StorageFeeMonthly), rows_of(engine, StorageFeeLongTerm)) == before
