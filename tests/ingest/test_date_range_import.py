"""Date Range transaction reports: preamble, languages, locale numbers, overlapping ranges."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import FeeLine
from sellerops.ingest import registry, service  # noqa: F401  (service registers the families)
from sellerops.ingest.reports.date_range_columns import LOCALES, header_locale, spellings
from sellerops.ingest.service import import_file
from tests.ingest.helpers import batches, rows_of, stores

US_FIRST_HALF = "finance/DateRange_US_2026Nov1-2026Nov15.csv"
US_OVERLAP = "finance/DateRange_US_2026Nov10-2026Nov20.csv"


def fee_lines(engine: Engine) -> list[FeeLine]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(FeeLine).order_by(FeeLine.posted_at, FeeLine.line_no)))


def fee_sum(engine: Engine) -> Decimal:
    with unit_of_work(engine) as session:
        return Decimal(session.scalar(select(func.coalesce(func.sum(FeeLine.amount), 0))))


def test_a_us_report_below_its_preamble_becomes_one_fee_line_per_amount(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample(US_FIRST_HALF))

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.store, outcome.currency) == ("date_range", "US", "USD")
    # 7 rows; non-zero amounts: 5 + 5 + 1 + 4 + 3 + 3 + 1 = 22 lines.
    assert (outcome.rows_read, outcome.rows_inserted) == (7, 22)
    # By hand: 27.89 + 55.78 - 1,052.64 - 17.59 + 5.27 + 5.27 - 500.00 = -1,476.02
    assert outcome.totals == {"total": Decimal("-1476.02")}
    assert fee_sum(engine) == Decimal("-1476.02")
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 1), date(2026, 11, 15))
    first = [x for x in fee_lines(engine) if x.order_id == "113-0000001-0000001"]
    assert [(x.amount_type, x.amount) for x in first] == [
        ("product_sales", Decimal("39.99")),
        ("product_sales_tax", Decimal("3.20")),
        ("marketplace_withheld_tax", Decimal("-3.20")),
        ("selling_fees", Decimal("-6.00")),
        ("fba_fees", Decimal("-6.10")),
    ]
    fee = first[3]
    assert fee.posted_at == datetime(2026, 11, 1, 7, 38, 23, tzinfo=UTC)  # 12:38:23 AM PDT
    assert (fee.posted_day, fee.transaction_type, fee.sku, fee.quantity) == (
        date(2026, 11, 1), "Order", "HOSE-50-GRN", 1,
    )  # fmt: skip
    assert fee.amount_description == "Garden Hose 50ft, Green"
    ads = [x for x in fee_lines(engine) if x.amount_description == "Cost of Advertising"]
    assert [(x.transaction_type, x.amount_type, x.amount) for x in ads] == [
        ("Service Fee", "other_transaction_fees", Decimal("-1052.64")),
    ]


def test_overlapping_reports_store_each_transaction_once(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample(US_FIRST_HALF))

    later = import_file(engine=engine, path=sample(US_OVERLAP))

    # Nov 10-15 are in both files: 12 lines already there, 3 new (the Nov 18 order).
    assert (later.status, later.rows_inserted, later.rows_updated) == ("imported", 3, 12)
    assert later.totals == {"total": Decimal("-1548.10")}  # the file's own total
    # -1,476.02 + 11.59 (the one new transaction) = -1,464.43
    assert fee_sum(engine) == Decimal("-1464.43")
    # The two identical nozzle orders of Nov 14 are two transactions, in both files.
    nozzles = [x for x in fee_lines(engine) if x.order_id == "113-0000007-0000007"]
    assert len(nozzles) == 6 and sum(x.amount for x in nozzles) == Decimal("10.54")


def test_importing_the_other_order_gives_the_same_lines(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample(US_OVERLAP))
    import_file(engine=engine, path=sample(US_FIRST_HALF))

    assert fee_sum(engine) == Decimal("-1464.43")
    assert len(fee_lines(engine)) == 25


def test_the_same_day_from_the_chinese_interface_adds_nothing(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample(US_FIRST_HALF))
    before = len(fee_lines(engine))

    chinese = import_file(engine=engine, path=sample("finance/DateRange_zh_US_2026Nov1.csv"))

    assert chinese.status == "imported", chinese.error
    assert (chinese.rows_read, chinese.rows_inserted, chinese.rows_updated) == (1, 0, 5)
    assert chinese.totals == {"total": Decimal("27.89")}
    assert fee_sum(engine) == Decimal("-1476.02")
    # Same moment (上午12:38:23 PDT), same type (订单 = Order): the same five lines, now
    # described in Chinese.
    after = fee_lines(engine)
    described = [x for x in after if x.amount_description == "花园水管 50 英尺，绿色"]
    assert len(described) == 5 and len(after) == before
    assert {x.transaction_type for x in described} == {"Order"}


def test_a_german_report_reads_decimal_commas_and_local_days(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("finance/DateRange_DE_2026Nov.csv"))

    assert outcome.status == "imported", outcome.error
    assert (outcome.store, outcome.currency, outcome.rows_inserted) == ("DE", "EUR", 6)
    # 1.008,42 - 17,59 - 45,50 = 945,33
    assert outcome.totals == {"total": Decimal("945.33")}
    assert fee_sum(engine) == Decimal("945.33")
    found = {(x.order_id, x.amount_type): x for x in fee_lines(engine)}
    sale = found[("302-0000003-0000003", "product_sales")]
    assert (sale.amount, sale.quantity, sale.transaction_type) == (Decimal("1199.97"), 3, "Order")
    refund = found[("302-0000002-0000002", "product_sales")]
    # 23:30 UTC on the 15th is already the 16th in Berlin.
    assert (refund.transaction_type, refund.posted_day) == ("Refund", date(2026, 11, 16))
    ads = found[(None, "other_transaction_fees")]
    assert ads.transaction_type == "Service Fee"
    assert ads.posted_at == datetime(2026, 11, 20, 7, tzinfo=UTC)  # 08:00 MEZ
    assert stores(engine) == [("DE", "DE")]


def test_a_bad_date_rejects_the_whole_file_naming_line_and_column(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("finance/DateRange_US_bad_date.csv"))

    assert outcome.status == "failed"
    assert outcome.error == (
        'DateRange_US_bad_date.csv, line 10, column "date/time": expected a date and time like '
        '"Dec 1, 2017 12:38:23 AM PST" or 2026-11-26T08:15:00+00:00, '
        'got "Nov 31, 2026 8:00:00 AM PST"'
    )
    assert rows_of(engine, FeeLine) == []
    assert batches(engine)[-1].report_type == "date_range"


def _report(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    preamble: str = "All amounts in USD, unless specified",
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerows([[preamble], header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_columns_that_do_not_add_up_keep_the_difference_as_unexplained(
    engine: Engine, tmp_path: Path
) -> None:
    header = ["date/time", "settlement id", "type", "order id", "sku", "description",
              "quantity", "marketplace", "product sales", "selling fees", "total"]  # fmt: skip
    row = ["Nov 3, 2026 1:00:00 PM PST", "1", "Order", "113-1", "S", "d", "1", "amazon.com",
           "10.00", "-1.50", "8.00"]  # fmt: skip
    outcome = import_file(engine=engine, path=_report(tmp_path / "range.csv", header, [row]))

    assert outcome.status == "imported", outcome.error
    assert [(x.amount_type, x.amount) for x in fee_lines(engine)] == [
        ("product_sales", Decimal("10.00")),
        ("selling_fees", Decimal("-1.50")),
        ("unexplained", Decimal("-0.50")),
    ]
    assert any("do not add up" in note for note in outcome.notes)


def test_rows_of_another_marketplace_are_counted_as_rejected(
    engine: Engine, tmp_path: Path
) -> None:
    header = ["date/time", "settlement id", "type", "order id", "sku", "description",
              "marketplace", "total"]  # fmt: skip
    rows = [["Nov 3, 2026 1:00:00 PM PST", "1", "Order", "113-1", "S", "d", "amazon.com", "5"],
            ["Nov 3, 2026 1:00:00 PM PST", "1", "Order", "702-1", "S", "d", "amazon.ca", "7"],
            ["Nov 3, 2026 1:00:00 PM PST", "1", "Order", "113-2", "S", "d", "amazon.com", "3"]]  # fmt: skip
    path = _report(tmp_path / "range.csv", header, rows)

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert (outcome.status, outcome.rows_read, outcome.rows_rejected) == ("imported", 3, 1)
    assert outcome.totals == {"total": Decimal("8")}
    assert fee_sum(engine) == Decimal("8")


@pytest.mark.parametrize("locale", [loc.code for loc in LOCALES if loc.code != "nl"])
def test_every_language_s_header_is_recognised_and_read_in_its_own_convention(
    locale: str,
) -> None:
    header = [
        next(name for code, name in names if code == locale)
        for key, names in spellings().items()
        if any(code == locale for code, _ in names)
    ]
    family, header_map = registry.detect(list(reversed(header)), "range.csv")

    assert family.name == "date_range"
    assert not header_map.missing
    assert header_locale(header).code == locale


def test_a_mexican_transaction_is_of_the_day_its_report_writes(
    engine: Engine, tmp_path: Path
) -> None:
    # report-formats.md §4c, the Mexican column names. 00:38 at GMT-6 on November 1 is
    # 06:38 UTC, still October 31 in Los Angeles (Amazon's clock for MX): the report counts
    # it on November 1, and so does the import.
    header = ["fecha/hora", "Id. de liquidación", "tipo", "Id. del pedido", "sku",
              "descripción", "cantidad", "marketplace", "ventas de productos",
              "tarifas de venta", "total"]  # fmt: skip
    rows = [["1 nov. 2026 12:38:23 a.m. GMT-6", "555", "Pedido", "701-1-1", "MX-1", "", "1",
             "amazon.com.mx", "1,299.00", "-194.85", "1,104.15"],
            ["30 nov. 2026 11:50:00 p.m. GMT-6", "555", "Pedido", "701-1-2", "MX-1", "", "1",
             "amazon.com.mx", "100.00", "0", "100.00"]]  # fmt: skip
    preamble = "Todos los importes en MXN, a menos que se especifique lo contrario"
    outcome = import_file(engine=engine, path=_report(tmp_path / "range.csv", header, rows,
                                                      preamble))  # fmt: skip

    assert outcome.status == "imported", outcome.error
    assert (outcome.store, outcome.data_start, outcome.data_end) == (
        "MX", date(2026, 11, 1), date(2026, 11, 30),
    )  # fmt: skip
    first = fee_lines(engine)[0]
    assert first.posted_at == datetime(2026, 11, 1, 6, 38, 23, tzinfo=UTC)
    assert first.posted_day == date(2026, 11, 1)
    # The last one is already December 1 in UTC, and still November 30 in the report.
    assert fee_lines(engine)[-1].posted_day == date(2026, 11, 30)
