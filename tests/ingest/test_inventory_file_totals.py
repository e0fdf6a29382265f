"""``totals.quantity`` of inventory files is the units on hand, never balances added over days;
a monthly ledger summary covers its whole month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

FBA = DATA / "fba"
SUMMARY_HEADER = (
    '"Date","FNSKU","ASIN","MSKU","Title","Disposition","Starting Warehouse Balance",'
    '"In Transit Between Warehouses","Receipts","Customer Shipments","Customer Returns",'
    '"Vendor Returns","Warehouse Transfer In/Out","Found","Lost","Damaged","Disposed",'
    '"Other Events","Ending Warehouse Balance","Unknown Events","Location"\n'
)


def test_a_daily_ledger_summary_gives_the_last_days_balance(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "ledger_summary.csv"
    path.write_text(
        SUMMARY_HEADER
        + '"11/20/2026","X00HOSE050","B0CHILD001","HOSE-50-GRN","Hose","SELLABLE","325","0",'
        '"0","-2","0","0","0","0","-3","0","0","0","320","0","US"\n'
        '"11/21/2026","X00HOSE050","B0CHILD001","HOSE-50-GRN","Hose","SELLABLE","320","0",'
        '"240","0","0","0","0","0","0","0","0","0","560","0","US"\n'
        '"11/20/2026","X00HOSE050","B0CHILD001","HOSE-50-GRN","Hose","DEFECTIVE","4","0",'
        '"0","0","0","0","0","0","0","0","0","0","4","0","US"\n',
        encoding="utf-8",
    )

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert outcome.totals == {"quantity": Decimal(564)}  # 560 on the 21st + 4 defective
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 20), date(2026, 11, 21))


def test_a_monthly_ledger_summary_covers_the_whole_month(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "Inventory_Ledger_Summary_US_2026-10.txt")

    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (date(2026, 10, 1), date(2026, 10, 31))
    assert outcome.totals == {"quantity": Decimal(329)}


def test_inventory_health_gives_the_units_on_hand(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Inventory_Planning_US_2026-11-26.txt")

    assert outcome.status == "imported", outcome.error
    # available + reserved + unfulfillable of the US rows: (120+15+5) + (300+15+5)
    assert outcome.totals == {"quantity": Decimal(460)}


def test_restock_gives_the_units_on_hand(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "Restock_Inventory_US_2026-11-26.txt")

    assert outcome.status == "imported", outcome.error
    # available + FC transfer + FC processing + customer orders + unfulfillable, US rows
    assert outcome.totals == {"quantity": Decimal(120 + 5 + 3 + 7 + 5 + 300)}
