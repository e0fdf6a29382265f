"""FBA customer returns: one row per returned unit line, buyer comments kept, overlaps add
nothing, and the simulator's monthly files import."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file, import_paths
from sellerops.service.models import CustomerReturn
from sellerops.sim import SimConfig, simulate, write_reports
from tests.ingest.helpers import DATA, batches, rows_of

FBA = DATA / "fba"


def returns(engine: Engine) -> dict[tuple[str, str], CustomerReturn]:
    with unit_of_work(engine) as session:
        return {(r.order_id, r.sku): r for r in session.scalars(select(CustomerReturn))}


def test_a_returns_file_lands_one_row_per_line_with_the_buyers_comment(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Customer_Returns_US_2026-11.txt")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read, outcome.rows_inserted) == ("fba_returns", 3, 3)
    assert outcome.totals == {"quantity": Decimal(4)}
    leak = returns(engine)[("114-1111111-7654321", "HOSE-50-GRN")]
    assert leak.customer_comments == "Leaks at the connector after two days"
    assert (leak.detailed_disposition, leak.reason, leak.status) == (
        "DEFECTIVE", "DEFECTIVE", "Reimbursed",
    )  # fmt: skip
    assert (leak.quantity, leak.fulfillment_center, leak.license_plate_number) == (
        1, "ONT8", "LPNRH987654321",
    )  # fmt: skip


def test_the_return_moment_is_utc_and_its_day_is_the_marketplaces(engine: Engine) -> None:
    import_file(engine=engine, path=FBA / "FBA_Customer_Returns_US_2026-11.txt")

    leak = returns(engine)[("114-1111111-7654321", "HOSE-50-GRN")]
    # 02:10 UTC on Nov 5 is still Nov 4 in Los Angeles, amazon.com's time zone
    assert leak.returned_at == datetime(2026, 11, 5, 2, 10, tzinfo=UTC)
    assert leak.return_day == date(2026, 11, 4)


def test_overlapping_monthly_files_count_each_return_once(engine: Engine) -> None:
    import_file(engine=engine, path=FBA / "FBA_Customer_Returns_US_2026-11.txt")
    later = import_file(
        engine=engine, path=FBA / "FBA_Customer_Returns_US_2026-11-15_2026-12-15.txt"
    )

    assert (later.rows_inserted, later.rows_updated) == (1, 1)
    assert sum(r.quantity for r in returns(engine).values()) == 1 + 1 + 2 + 1
    assert len(batches(engine)) == 2


def test_importing_the_same_returns_twice_changes_nothing(engine: Engine) -> None:
    path = FBA / "FBA_Customer_Returns_US_2026-11.txt"
    import_file(engine=engine, path=path)
    before = rows_of(engine, CustomerReturn)

    again = import_file(engine=engine, path=path, force=True)

    assert (again.rows_inserted, again.rows_updated) == (0, 3)
    assert rows_of(engine, CustomerReturn) == before


def test_columns_are_found_by_name_in_any_order_beside_a_tools_own_columns(
    engine: Engine,
) -> None:
    outcome = import_file(
        engine=engine, path=FBA / "FBA_Customer_Returns_reordered.txt", marketplace="US"
    )

    assert outcome.status == "imported", outcome.error
    assert returns(engine)[("113-4839201-1234567", "HOSE-50-GRN")].quantity == 1


def test_returns_name_the_products_they_are_of(engine: Engine) -> None:
    import_file(engine=engine, path=FBA / "FBA_Customer_Returns_US_2026-11.txt")
    with unit_of_work(engine) as session:
        nozzle = session.scalar(select(Product).where(Product.sku == "NOZZLE-8"))
        assert nozzle is not None
        assert (nozzle.asin, nozzle.fnsku) == ("B0CHILD003", "X00ABCDE03")


def test_a_bad_quantity_rejects_the_whole_file_naming_line_and_column(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=FBA / "FBA_Customer_Returns_US_bad_quantity.txt")

    assert outcome.status == "failed"
    assert outcome.error == (
        'FBA_Customer_Returns_US_bad_quantity.txt, line 3, column "quantity": '
        'expected a whole number, got "two"'
    )
    assert returns(engine) == {}


def test_a_tab_or_line_break_inside_a_comment_stays_in_the_comment(
    engine: Engine, tmp_path: Path
) -> None:
    lines = (FBA / "FBA_Customer_Returns_US_2026-11.txt").read_text().splitlines()
    lines[2] += "\tand the washer\nis missing"  # line 3's comment, broken by a tab and a newline
    path = tmp_path / "FBA_Customer_Returns_US_2026-11.txt"
    path.write_text("\n".join(lines) + "\n")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    leak = returns(engine)[("114-1111111-7654321", "HOSE-50-GRN")]
    assert leak.customer_comments == (
        "Leaks at the connector after two days\tand the washer\nis missing"
    )
    assert len(returns(engine)) == 3


def test_a_line_cut_short_is_an_error_not_part_of_a_comment(engine: Engine, tmp_path: Path) -> None:
    lines = (FBA / "FBA_Customer_Returns_US_2026-11.txt").read_text().splitlines()
    lines.append("2026-11-21T10:00:00+00:00\t112-9999999-0000000\tHOSE-50-GRN")
    path = tmp_path / "FBA_Customer_Returns_US_2026-11.txt"
    path.write_text("\n".join(lines) + "\n")

    outcome = import_file(engine=engine, path=path)

    assert outcome.error == (
        'FBA_Customer_Returns_US_2026-11.txt, line 5, column "quantity": '
        "the line has 3 fields but the header has 13: it looks cut short"
    )


@pytest.mark.parametrize("left", ["2026-11", "2026-11-2", "11/2"])
def test_a_file_cut_inside_its_last_return_date_is_an_error(
    engine: Engine, tmp_path: Path, left: str
) -> None:
    """What the cut left of a date is not a line of the comment above it."""
    text = (FBA / "FBA_Customer_Returns_US_2026-11.txt").read_text().rstrip("\n")
    path = tmp_path / "FBA_Customer_Returns_US_2026-11.txt"
    path.write_text(f"{text}\n{left}")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert "line 5" in (outcome.error or "") and "looks cut short" in (outcome.error or "")
    assert returns(engine) == {}


def test_the_simulators_returns_files_import_and_reimport_to_the_same_totals(
    engine: Engine, tmp_path: Path
) -> None:
    truth = simulate(SimConfig(skus=6, days=45, end_date=date(2026, 11, 26)))
    paths = write_reports(truth, tmp_path, families=("fba_returns",))

    first = import_paths(engine=engine, paths=paths)
    assert [o.status for o in first] == ["imported"] * len(paths), [o.error for o in first]
    stored = rows_of(engine, CustomerReturn)
    assert len(stored) == sum(o.rows_read for o in first) > 0
    again = import_paths(engine=engine, paths=paths, force=True)
    assert sum(o.rows_inserted for o in again) == 0
    assert rows_of(engine, CustomerReturn) == stored
