"""Whole-number amounts with a thousands mark (``1.500``) in Date Range and settlement files.

A file that writes decimal commas (``-185,18``, ``1.304,95``) writes 1500 as ``1.500``; read
as 1.5 it vanished into an invented ``unexplained`` line. Where nothing tells the file's
decimal mark, a lone ``1.500`` is refused at its line and column, not guessed.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import FeeLine, Settlement
from sellerops.ingest import service  # noqa: F401  (registers the families)
from sellerops.ingest.errors import localize
from sellerops.ingest.service import import_file
from sellerops.ingest.values import AmbiguousAmountError, parse_amount, parse_decimal
from tests.ingest.helpers import rows_of

# report-formats.md §4c, the German column names.
DE_HEADER = ["Datum/Uhrzeit", "Abrechnungsnummer", "Typ", "Bestellnummer", "SKU",
             "Beschreibung", "Menge", "Marketplace", "Umsätze", "Verkaufsgebühren",
             "Gebühren zu Versand durch Amazon", "Gesamt"]  # fmt: skip
# §4c, the US column names (2017 list).
US_HEADER = ["date/time", "settlement id", "type", "order id", "sku", "description",
             "quantity", "marketplace", "product sales", "selling fees", "fba fees",
             "total"]  # fmt: skip
# §4b, GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, verbatim.
V2_HEADER = (
    "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\t"
    "currency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\t"
    "marketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\t"
    "posted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\t"
    "sku\tquantity-purchased\tpromotion-id"
)


def _date_range(path: Path, preamble: str, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows([[preamble], header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _settlement(path: Path, total: str, amounts: list[str], market: str) -> Path:
    summary = ["22345678901", "01.11.2026 00:00:00 UTC", "15.11.2026 00:00:00 UTC",
               "17.11.2026 00:00:00 UTC", total, "EUR"] + [""] * 18  # fmt: skip
    lines = [V2_HEADER, "\t".join(summary)]
    kinds = [("ItemPrice", "Principal"), ("ItemFees", "Commission"),
             ("ItemFees", "FBAPerUnitFulfillmentFee")]  # fmt: skip
    for (kind, what), amount in zip(kinds, amounts, strict=False):
        cells = ["22345678901", "", "", "", "", "", "Order", "302-0000000-0000001", "", "", "",
                 market, kind, what, amount, "AFN", "05.11.2026", "05.11.2026 10:00:00 UTC",
                 "", "", "", "DE-1", "3" if kind == "ItemPrice" else "", ""]  # fmt: skip
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lines(engine: Engine) -> list[tuple[str | None, Decimal]]:
    with unit_of_work(engine) as session:
        found = session.scalars(select(FeeLine).order_by(FeeLine.posted_at, FeeLine.line_no))
        return [(x.amount_type, x.amount) for x in found]


def test_a_known_decimal_comma_reads_a_bare_1_500_as_fifteen_hundred() -> None:
    assert parse_amount("1.500", decimal_comma=True).value == Decimal("1500")
    assert parse_amount("-1.500", decimal_comma=True).value == Decimal("-1500")
    assert parse_decimal("1.500", decimal_comma=True) == Decimal("1500")
    assert parse_amount("0.500", decimal_comma=True).value == Decimal("0.500")
    assert parse_amount("1.500", decimal_comma=False).value == Decimal("1.5")
    assert parse_amount("1.500").value == Decimal("1.5")  # the documented default, unchanged
    for text in ("1.500", "1,500", "-1.500", "€1.500"):
        with pytest.raises(AmbiguousAmountError):
            parse_amount(text, ambiguous_error=True)
    # What tells needs no help: two marks, other than three digits, a mark after the number.
    assert parse_amount("1.304,95", ambiguous_error=True).value == Decimal("1304.95")
    assert parse_amount("-185.18", ambiguous_error=True).value == Decimal("-185.18")
    assert parse_amount("1.500 €", ambiguous_error=True).value == Decimal("1500")


def test_a_german_date_range_report_reads_1_500_as_1500_with_nothing_unexplained(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [["01.11.2026 00:38:23 UTC", "999", "Bestellung", "302-1-1", "DE-1", "Würfel", "3",
             "amazon.de", "1.500", "-185,18", "-9,87", "1.304,95"]]  # fmt: skip
    path = _date_range(tmp_path / "range.csv", "Alle Beträge in EUR, sofern nicht anders "
                       "angegeben", DE_HEADER, rows)  # fmt: skip

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert outcome.totals == {"total": Decimal("1304.95")}
    assert _lines(engine) == [
        ("product_sales", Decimal("1500")),
        ("selling_fees", Decimal("-185.18")),
        ("fba_fees", Decimal("-9.87")),
    ]
    assert not any("do not add up" in note for note in outcome.notes)


def test_an_english_report_of_a_comma_marketplace_with_nothing_telling_refuses_1_500(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [["Nov 3, 2026 1:00:00 PM UTC", "1", "Order", "302-1", "S", "d", "1", "amazon.de",
             "1.500", "0", "0", "1.500"]]  # fmt: skip
    path = _date_range(tmp_path / "range.csv", "All amounts in EUR, unless specified",
                       US_HEADER, rows)  # fmt: skip

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert outcome.error == (
        'range.csv, line 3, column "product sales": expected an amount whose decimal mark the '
        'file makes clear (1.500 can mean 1500 or 1.5), got "1.500"'
    )
    assert "1.500 可以是 1500，也可以是 1.5" in localize(outcome.error, "zh")
    assert rows_of(engine, FeeLine) == []


def test_a_settlement_writing_decimal_commas_reads_1_500_as_1500(
    engine: Engine, tmp_path: Path
) -> None:
    path = _settlement(tmp_path / "settlement.txt", "1234,56", ["1.500", "-225,00", "-40,44"],
                       "Amazon.de")  # fmt: skip

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert _lines(engine)[0] == ("ItemPrice", Decimal("1500"))
    with unit_of_work(engine) as session:
        found = session.scalars(select(Settlement)).one()
        assert (found.lines_total, found.reconciled) == (Decimal("1234.56"), True)


def test_a_settlement_whose_values_say_nothing_takes_its_marketplace_s_mark(
    engine: Engine, tmp_path: Path
) -> None:
    path = _settlement(tmp_path / "settlement.txt", "1.500", ["1.500"], "Amazon.de")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert outcome.totals == {"total": Decimal("1500")}


def test_a_settlement_with_nothing_telling_its_decimal_mark_refuses_1_500(
    engine: Engine, tmp_path: Path
) -> None:
    path = _settlement(tmp_path / "settlement.txt", "1.500", ["1.500"], "")

    outcome = import_file(engine=engine, path=path, marketplace="DE")

    assert outcome.status == "failed"
    assert outcome.error is not None
    assert outcome.error.startswith('settlement.txt, line 2, column "total-amount": expected an '
                                    "amount whose decimal mark the file makes clear")  # fmt: skip
    assert rows_of(engine, FeeLine) == []
