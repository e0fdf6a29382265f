"""What each file adds up to: reported per import, kept on its import_batch row."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.ingest.history import KEYS, list_batches, outcome_to_dict
from sellerops.ingest.service import import_file
from tests.ingest.helpers import batches


def test_a_business_report_adds_up_units_and_sales(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("BusinessReport_US_2026-11-26.csv"))

    # Units Ordered 1,234 + 9 + 0; Ordered Product Sales $23,456.78 + $179.91 + $0.00
    assert outcome.totals == {"units": Decimal(1243), "sales": Decimal("23636.69")}
    assert outcome.currency == "USD"


def test_an_order_report_adds_up_the_items_of_the_store_s_marketplace(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))

    # quantity 1 + 2 + 1 + 1 + 1 + 2; item-price 39.99 + 79.98 + 9.99 + 19.99 + 9.99 + 19.98
    assert outcome.totals == {"units": Decimal(8), "sales": Decimal("179.92")}


def test_an_inventory_file_adds_up_the_units_in_amazon_s_warehouses(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt"))

    assert outcome.totals == {"quantity": Decimal(170)}  # 140 + 30 + 0


def test_totals_are_kept_on_the_batch_and_listed_with_the_import_keys(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample("finance/Settlement_V2_US.txt"))
    failed = import_file(engine=engine, path=sample("finance/DateRange_US_bad_date.csv"))

    stored = batches(engine)[0]
    assert (stored.totals, stored.currency) == ({"total": "1071.48"}, "USD")
    with unit_of_work(engine) as session:
        listed = [r.to_dict() for r in list_batches(session=session)]
    assert set(KEYS) <= set(listed[0]) and set(KEYS) <= set(outcome_to_dict(outcome))
    newest, oldest = listed
    assert (newest["status"], newest["report_type"], newest["totals"]) == (
        "failed", "date_range", None,
    )  # fmt: skip
    assert newest["error"] == failed.error
    as_imported = outcome_to_dict(outcome)
    for key in KEYS:
        assert oldest[key] == as_imported[key], key
    assert oldest["totals"] == {"total": "1071.48"} and oldest["date_from"] == "2026-11-15"


def test_money_totals_are_written_with_at_least_two_decimals(engine: Engine, tmp_path) -> None:
    # A whole-dollar Business Report: "$1,200" and "$0.9" add up to 1200.9; the JSON and the
    # history say "1200.90" (as "128.30" elsewhere), never "1200.9"; counts stay counts.
    header = ["(Parent) ASIN", "(Child) ASIN", "Title", "Sessions - Total",
              "Page Views - Total", "Units Ordered", "Ordered Product Sales",
              "Total Order Items"]  # fmt: skip
    rows = [["B0PARENT01", "B0CHILD001", "Widget", "10", "12", "3", "$1,200", "3"],
            ["B0PARENT01", "B0CHILD002", "Widget", "10", "12", "1", "$0.9", "1"]]  # fmt: skip
    path = tmp_path / "BusinessReport_US_2026-11-20.csv"
    path.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in [header, *rows]) + "\n")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert outcome_to_dict(outcome)["totals"] == {"units": "4", "sales": "1200.90"}
    assert batches(engine)[0].totals == {"units": "4", "sales": "1200.90"}
    only_whole = tmp_path / "BusinessReport_US_2026-11-21.csv"
    only_whole.write_text("\n".join(",".join(f'"{c}"' for c in r)
                                    for r in [header, rows[0]]) + "\n")  # fmt: skip
    whole = import_file(engine=engine, path=only_whole)
    assert outcome_to_dict(whole)["totals"] == {"units": "3", "sales": "1200.00"}
