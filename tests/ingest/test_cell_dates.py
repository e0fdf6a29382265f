"""Dates in cells: ``05/11/2026`` is read by the whole column, the file's own evidence and the
store marketplace's custom, else refused at its cell; Chinese long dates; Excel serial days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.marketplaces import get_marketplace
from sellerops.finance.models import ExchangeRate, ProductCost
from sellerops.ingest import day_order, values
from sellerops.ingest.errors import CellError, localize, localize_problem
from sellerops.ingest.service import import_file
from sellerops.inventory.ledger_models import InventoryLedgerEvent
from sellerops.partners.models import PurchaseOrder
from tests.ingest.workbooks import workbook

COSTS_HEADER = "sku,effective_from,unit_cost,currency,first_leg_freight_per_unit,duty_rate\n"
LEDGER_HEADER = (
    '"Date","FNSKU","ASIN","MSKU","Title","Event Type","Reference ID","Quantity",'
    '"Fulfillment Center","Disposition","Reason","Country","Reconciled Quantity",'
    '"Unreconciled Quantity","Date and Time"\n'
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def cost_days(engine: Engine) -> dict[str, date]:
    with unit_of_work(engine) as session:
        return {c.sku: c.effective_from for c in session.scalars(select(ProductCost))}


@pytest.mark.parametrize(
    ("marketplace", "day"),
    [("DE", date(2026, 11, 5)), ("UK", date(2026, 11, 5)), ("MX", date(2026, 11, 5)),
     ("US", date(2026, 5, 11))],
)  # fmt: skip
def test_a_slashed_date_the_file_leaves_open_follows_the_store_marketplace(
    engine: Engine, tmp_path: Path, marketplace: str, day: date
) -> None:
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + "HOSE-15,05/11/2026,3.20,EUR,0.50,0%\n")

    outcome = import_file(engine=engine, path=sheet, marketplace=marketplace)

    assert outcome.status == "imported", outcome.error
    assert cost_days(engine) == {"HOSE-15": day}
    assert (outcome.data_start, outcome.data_end) == (day, day)
    # the same sheet reads otherwise in another store: the import says how it was read
    how = "month first" if marketplace == "US" else "day first"
    (note,) = [n for n in outcome.notes if n.startswith("dates like 05/11/2026")]
    assert f'in "effective_from" were read {how}, the custom of amazon.' in note
    assert "的习惯读作" in localize_problem(note, "zh")


@pytest.mark.parametrize("marketplace", ["CA", "JP"])
def test_a_slashed_date_nothing_decides_is_refused_at_its_cell(
    engine: Engine, tmp_path: Path, marketplace: str
) -> None:
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + "A-1,2026-11-01,3.20,USD,,\n"
                  "HOSE-15,05/11/2026,3.20,USD,0.50,0%\n")  # fmt: skip

    outcome = import_file(engine=engine, path=sheet, marketplace=marketplace)

    assert outcome.status == "failed"
    assert outcome.error is not None
    assert outcome.error.startswith('costs.csv, line 3, column "effective_from": "05/11/2026" ')
    assert "2026-11-05 (day first) or 2026-05-11 (month first)" in outcome.error
    assert "write the dates as YYYY-MM-DD" in outcome.error
    assert "第 3 行" in localize(outcome.error, "zh")
    assert "日在前" in localize(outcome.error, "zh")
    assert cost_days(engine) == {}


def test_the_column_decides_before_the_marketplace(engine: Engine, tmp_path: Path) -> None:
    """One day above 12 says the whole column is day first, even on amazon.com."""
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + "A-1,05/11/2026,3.20,USD,,\n"
                  "A-2,20/11/2026,3.20,USD,,\n")  # fmt: skip

    outcome = import_file(engine=engine, path=sheet, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert cost_days(engine) == {"A-1": date(2026, 11, 5), "A-2": date(2026, 11, 20)}


def test_another_date_column_of_the_file_decides(engine: Engine, tmp_path: Path) -> None:
    """``expected_arrival`` of 20/01/2027 says the file writes the day first: its
    ``order_date`` 05/11/2026 is 5 November, also on amazon.com."""
    sheet = write(
        tmp_path,
        "po.csv",
        "po_number,supplier,sku,quantity,unit_cost,currency,order_date,expected_arrival\n"
        "PO-1,Ningbo,HOSE-50-GRN,100,42.50,CNY,05/11/2026,20/01/2027\n",
    )

    outcome = import_file(engine=engine, path=sheet, marketplace="US")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        po = session.scalars(select(PurchaseOrder)).one()
        assert (po.order_date, po.expected_arrival_date) == (
            date(2026, 11, 5), date(2027, 1, 20),
        )  # fmt: skip


def test_a_column_mixing_both_orders_is_refused(engine: Engine, tmp_path: Path) -> None:
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + "A-1,20/11/2026,3.20,USD,,\n"
                  "A-2,11/25/2026,3.20,USD,,\n")  # fmt: skip

    outcome = import_file(engine=engine, path=sheet, marketplace="US")

    assert outcome.status == "failed"
    assert outcome.error is not None
    assert 'line 3, column "effective_from": "20/11/2026" (line 2) has the day first' in (
        outcome.error
    )
    assert cost_days(engine) == {}


def test_decimal_commas_in_the_file_say_day_first(engine: Engine, tmp_path: Path) -> None:
    """On amazon.ca, whose custom decides nothing, the file's ``0,1290`` does."""
    sheet = write(
        tmp_path, "fx.csv", 'date,from_currency,to_currency,rate\n03/11/2026,CNY,CAD,"0,1290"\n'
    )

    outcome = import_file(engine=engine, path=sheet, marketplace="CA")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        assert [r.day for r in session.scalars(select(ExchangeRate))] == [date(2026, 11, 3)]


def test_an_excel_resave_with_semicolons_and_decimal_commas_is_day_first(
    engine: Engine, tmp_path: Path
) -> None:
    sheet = write(
        tmp_path,
        "costs.csv",
        "sku;effective_from;unit_cost;currency;first_leg_freight_per_unit;duty_rate\n"
        'HOSE-50-GRN;05/11/2026;"42,50";CNY;"6,80";"7,5 %"\n',
        "cp1252",
    )

    outcome = import_file(engine=engine, path=sheet, marketplace="CA")

    assert outcome.status == "imported", outcome.error
    assert cost_days(engine) == {"HOSE-50-GRN": date(2026, 11, 5)}


def test_the_ledger_date_follows_its_own_date_and_time_column(
    engine: Engine, tmp_path: Path
) -> None:
    """A ledger of a marketplace without a custom (CA), where ``Date and Time`` decides."""
    ledger = write(tmp_path, "ledger.csv", LEDGER_HEADER + (
        '"05/11/2026","X00CA00001","B0CHILD001","HOSE-15","Hose","Shipments",'
        '"702-1","-2","YYZ1","SELLABLE","","CA","","","2026-11-05T10:00:00-05:00"\n'
    ))  # fmt: skip

    outcome = import_file(engine=engine, path=ledger)

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        assert [e.day for e in session.scalars(select(InventoryLedgerEvent))] == [date(2026, 11, 5)]


def test_a_chinese_long_date_is_read(engine: Engine, tmp_path: Path) -> None:
    sheet = write(
        tmp_path,
        "采购单.csv",
        "采购单号,供应商,SKU,数量,采购单价,币种,下单日期,预计到货日期\n"
        "PO-1,宁波园艺,HOSE-50-GRN,100,42.50,CNY,2026年11月5日,2027年01月20日\n",
        "gb18030",
    )

    outcome = import_file(engine=engine, path=sheet, marketplace="US")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        po = session.scalars(select(PurchaseOrder)).one()
        assert (po.order_date, po.expected_arrival_date) == (date(2026, 11, 5), date(2027, 1, 20))


def test_an_excel_serial_day_in_a_workbook_is_a_date(engine: Engine, tmp_path: Path) -> None:
    rows = [["sku", "effective_from", "unit_cost", "currency"], ["HOSE-15", 46346, 3.2, "USD"]]
    path = tmp_path / "costs.xlsx"
    path.write_bytes(workbook({"Costs": rows}))  # 46346: a number with no date format

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert cost_days(engine) == {"HOSE-15": date(2026, 11, 20)}


def test_a_bare_number_in_a_csv_date_column_is_no_date(engine: Engine, tmp_path: Path) -> None:
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + "HOSE-15,46346,3.20,USD,,\n")

    outcome = import_file(engine=engine, path=sheet, marketplace="US")

    assert outcome.status == "failed"
    assert outcome.error is not None and 'got "46346"' in outcome.error


def test_parse_date_forms() -> None:
    assert values.parse_date("2026年11月5日") == date(2026, 11, 5)
    assert values.parse_date("2026年11月05日") == date(2026, 11, 5)
    assert values.parse_date("05/11/2026", values.DateReading("dmy")) == date(2026, 11, 5)
    assert values.parse_date("05/11/2026", values.DateReading("mdy")) == date(2026, 5, 11)
    serials = values.DateReading(serials=True)
    assert values.parse_date("46346", serials) == date(2026, 11, 20)
    assert values.parse_date("46346.0", serials) == date(2026, 11, 20)
    with pytest.raises(values.DateFormatError):
        values.parse_date("46346")
    with pytest.raises(values.DateFormatError):
        values.parse_date("12", serials)  # 1900: no date a seller means
    with pytest.raises(values.DateFormatError):
        values.parse_date("2026年13月5日")


def column(*texts: str, header: str = "Date") -> day_order.DateCells:
    return day_order.DateCells(header, {line: t for line, t in enumerate(texts, start=2)})


def test_judge_without_a_store_refuses_what_the_file_leaves_open() -> None:
    with pytest.raises(CellError, match=r'line 2, column "Date": "05/11/2026" can be') as caught:
        day_order.judge("f.csv", column("05/11/2026"))
    assert "nor a marketplace says which" in str(caught.value)
    # ... but not what the column, a sibling or the file's decimal mark decides
    assert day_order.judge("f.csv", column("05/11/2026", "13/11/2026")).order == "dmy"
    assert day_order.judge("f.csv", column("05/11/2026", "11/13/2026")).order == "mdy"
    sibling = column("2026-11-05T10:00:00+01:00", header="Date and Time")
    assert day_order.judge("f.csv", column("05/11/2026"), siblings=[sibling]).order == "dmy"
    assert day_order.judge("f.csv", column("05/11/2026"), decimal_comma=True).order == "dmy"
    # a column without a/b/yyyy dates needs nothing
    assert day_order.judge("f.csv", column("2026-11-05", "05.11.2026")).order == "mdy"


def test_a_first_reading_notes_open_columns_and_the_market_reading_decides() -> None:
    with day_order.first_reading() as undecided:
        assert day_order.judge("f.csv", column("05/11/2026")).order == "mdy"
    assert undecided == ["Date"]
    with day_order.market_reading(get_marketplace("DE")):
        assert day_order.judge("f.csv", column("05/11/2026")).order == "dmy"
    with day_order.market_reading(get_marketplace("CA")), pytest.raises(CellError):
        day_order.judge("f.csv", column("05/11/2026"))


@pytest.mark.parametrize(
    ("marketplace", "cells", "forms", "zh"),
    [("DE", ["32.11.2026"], "YYYY-MM-DD or DD.MM.YYYY", "日期（YYYY-MM-DD 或 DD.MM.YYYY）"),
     ("UK", ["32/11/2026"], "YYYY-MM-DD or DD/MM/YYYY", "日期（YYYY-MM-DD 或 DD/MM/YYYY）"),
     ("US", ["11/32/2026"], "YYYY-MM-DD or MM/DD/YYYY", "日期（YYYY-MM-DD 或 MM/DD/YYYY）"),
     ("JP", ["2026/11/32"], "YYYY-MM-DD or YYYY/MM/DD", "日期（YYYY-MM-DD 或 YYYY/MM/DD）"),
     ("CA", ["2026-11-32"], "YYYY-MM-DD", "日期（YYYY-MM-DD）"),
     # the file's own form wins over the marketplace's
     ("US", ["26.11.2026", "32.11.2026"], "YYYY-MM-DD or DD.MM.YYYY", "DD.MM.YYYY"),
     ("US", ["26/11/2026", "32/11/2026"], "YYYY-MM-DD or DD/MM/YYYY", "DD/MM/YYYY"),
     (None, ["26.11.2026", "32.11.2026"], "YYYY-MM-DD or DD.MM.YYYY", "DD.MM.YYYY")],
)  # fmt: skip
def test_a_cell_that_is_no_date_is_told_the_forms_of_its_file_or_marketplace(
    engine: Engine,
    tmp_path: Path,
    marketplace: str | None,
    cells: list[str],
    forms: str,
    zh: str,
) -> None:
    rows = "".join(f"A-{i},{cell},3.20,EUR,,\n" for i, cell in enumerate(cells))
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + rows)

    outcome = import_file(engine=engine, path=sheet, marketplace=marketplace)

    assert outcome.status == "failed"
    line = len(cells) + 1
    assert outcome.error == (
        f'costs.csv, line {line}, column "effective_from": expected a date ({forms}), '
        f'got "{cells[-1]}"'
    )
    assert zh in localize(outcome.error, "zh")
    assert "expected" not in localize(outcome.error, "zh")


def test_a_column_mixing_date_orders_names_which_cell_has_which() -> None:
    cells = day_order.DateCells("effective_from", {2: "11/13/2026", 3: "13/11/2026"})
    with pytest.raises(CellError) as refused:
        day_order.judge("c3.csv", cells)
    # before: "11/13/2026" was called day first and "13/11/2026" month first
    assert str(refused.value.problem).startswith(
        '"13/11/2026" (line 3) has the day first but "11/13/2026" (line 2) the month first'
    )
    assert localize_problem(refused.value.problem, "zh").startswith(
        "“13/11/2026”（第 3 行）是日在前，而“11/13/2026”（第 2 行）是月在前"
    )


@pytest.mark.parametrize(
    ("marketplace", "text"),
    [("DE", "05.11.26"), ("DE", "5/11/26"), ("US", "11/5/26"), ("UK", "05/11/26")],
)  # fmt: skip
def test_excel_short_dates_with_a_two_digit_year_are_read(
    engine: Engine, tmp_path: Path, marketplace: str, text: str
) -> None:
    """Excel's short date (TT.MM.JJ, m/d/yy) in an operator's sheet: refused before."""
    sheet = write(tmp_path, "costs.csv", COSTS_HEADER + f"HOSE-15,{text},3.20,EUR,0.50,0%\n")

    outcome = import_file(engine=engine, path=sheet, marketplace=marketplace)

    assert outcome.status == "imported", outcome.error
    assert cost_days(engine) == {"HOSE-15": date(2026, 11, 5)}
