"""The Date Range (transaction) report: a cell that is no date is told the form of its own
file (a German or UK file is not shown a US date), and an import that stores more fee lines
than the file has rows says why."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import Engine

from sellerops.ingest.errors import localize, localize_problem
from sellerops.ingest.history import outcome_to_dict
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"


def _edited(source: str, target: Path, *changes: tuple[str, str]) -> Path:
    text = (FINANCE / source).read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def test_a_german_file_is_told_the_german_form(engine: Engine, tmp_path: Path) -> None:
    path = _edited(
        "DateRange_DE_2026Nov.csv",
        tmp_path / "DateRange_DE_bad.csv",
        ('"15.11.2026 23:30:00 UTC"', '"31.11.2026 23:30:00 UTC"'),
    )

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert outcome.error == (
        'DateRange_DE_bad.csv, line 6, column "Datum/Uhrzeit": expected a date and time like '
        '"15.03.2026 15:22:08 UTC" or 2026-11-26T08:15:00+00:00, got "31.11.2026 23:30:00 UTC"'
    )
    assert localize(outcome.error, "zh") == (
        "DateRange_DE_bad.csv，第 6 行，“Datum/Uhrzeit”列：应为日期和时间，如 “15.03.2026 15:22:08 "
        "UTC” 或 2026-11-26T08:15:00+00:00，实际为“31.11.2026 23:30:00 UTC”"
    )


def test_a_uk_file_is_told_the_day_first_form(engine: Engine, tmp_path: Path) -> None:
    # The UK layout: "fulfilment", no "account type"; its dates are written day first.
    text = (FINANCE / "DateRange_US_bad_date.csv").read_text(encoding="utf-8")
    text = text.replace("USD", "GBP").replace("amazon.com", "amazon.co.uk")
    text = text.replace("Nov 1, 2026 12:38:23 AM PDT", "1 Nov 2026 12:38:23 AM GMT")
    text = text.replace("Nov 31, 2026 8:00:00 AM PST", "31 Nov 2026 8:00:00 AM GMT")
    table = list(csv.reader(io.StringIO(text)))
    at = next(i for i, row in enumerate(table) if row[:1] == ["date/time"])
    drop = table[at].index("account type")
    table[at] = ["fulfilment" if h == "fulfillment" else h for h in table[at]]
    rows = [*table[:at], *([c for i, c in enumerate(r) if i != drop] for r in table[at:])]
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(rows)
    uk = buffer.getvalue()
    path = tmp_path / "DateRange_UK_bad.csv"
    path.write_text(uk, encoding="utf-8")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert (outcome.error or "").endswith(
        ': expected a date and time like "15 Mar 2026 3:22:08 PM UTC" or '
        '2026-11-26T08:15:00+00:00, got "31 Nov 2026 8:00:00 AM GMT"'
    )


def test_a_us_file_keeps_the_us_form(engine: Engine, tmp_path: Path) -> None:
    path = _edited("DateRange_US_bad_date.csv", tmp_path / "DateRange_US_bad_date.csv")

    outcome = import_file(engine=engine, path=path)

    assert '"Dec 1, 2017 12:38:23 AM PST"' in (outcome.error or "")


def test_more_fee_lines_than_rows_are_explained(engine: Engine) -> None:
    path = FINANCE / "DateRange_DE_2026Nov.csv"

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    record = outcome_to_dict(outcome)
    assert (record["rows_read"], record["rows_inserted"], record["rows_updated"]) == (3, 6, 0)
    note = (
        "3 rows of the file were stored as 6 fee lines, one per money column that is not zero "
        "(sales, each fee ...): the new and updated counts are of fee lines"
    )
    assert record["notes"] == [note]
    assert localize_problem(note, "zh") == (
        "文件的 3 行存为 6 条费用明细（每个非零金额列一条：销售额、每项费用……）：新增和更新的数量按费用明细计"
    )
    again = import_file(engine=engine, path=path, force=True)
    assert (again.rows_inserted, again.rows_updated) == (0, 6) and list(again.notes) == [note]
