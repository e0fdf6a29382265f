"""Writing spreadsheets people open in Excel, safe against formula injection.

Every text cell is written as a string (never parsed as a formula), and text that starts
with ``= + - @`` or a tab/carriage return gets a leading apostrophe-equivalent quote prefix,
so a SKU or title coming from outside can never run as a formula (OWASP CSV injection).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

_RISKY = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(_RISKY) else value


def write_table(
    path: Path, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """One sheet with a bold, frozen header row and typed cells (numbers, dates, text)."""
    write_tables(path, [(sheet, headers, rows)])


def write_tables(
    path: Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]
) -> None:
    """Several sheets (name, headers, rows) in one workbook, each like :func:`write_table`."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    try:
        bold = book.add_format({"bold": True, "bg_color": "#EEF2F7"})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for sheet, headers, rows in sheets:
            ws = book.add_worksheet(sheet[:31])
            for col, name in enumerate(headers):
                ws.write_string(0, col, name, bold)
                ws.set_column(col, col, column_width([name, *(row[col] for row in rows
                                                              if col < len(row))]))  # fmt: skip
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row):
                    _write(ws, r, c, value, day)
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, max(1, len(rows)), max(0, len(headers) - 1))
    finally:
        book.close()


#: Column widths in characters: never narrower than a date, never wider than a screenful.
MIN_WIDTH, MAX_WIDTH, DATE_WIDTH = 10, 60, 12


def _cell_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return DATE_WIDTH
    if isinstance(value, float | Decimal):
        return len(f"{float(value):,.2f}")
    text = str(value)
    # a CJK character is two columns wide in Excel's default font
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def column_width(values: Sequence[Any]) -> int:
    """The width that shows the header and every value of a column (within limits)."""
    return max(MIN_WIDTH, min(MAX_WIDTH, max((_cell_width(v) for v in values), default=0) + 2))


def _write(ws: Any, row: int, col: int, value: Any, day_format: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, int | float | Decimal):
        ws.write_number(row, col, float(value))
    elif isinstance(value, date):
        ws.write_datetime(row, col, value, day_format)
    else:
        ws.write_string(row, col, safe_text(str(value)))
