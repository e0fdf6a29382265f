"""Values operators type into their own sheets: currencies, star ratings, SKU lists, the
check that a fact repeated over several rows says the same thing on each, and the check
that an amount's currency mark (``$2.50``) agrees with the row's currency column."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from babel.numbers import is_currency

from sellerops.ingest import values
from sellerops.ingest.errors import CellError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import HeaderMap
from sellerops.ingest.reports._fact_rows import LINE, Row
from sellerops.ingest.values import ValueFormatError

#: What operators write for a currency besides its ISO code.
_CURRENCY_NAMES = {
    "RMB": "CNY", "人民币": "CNY", "元": "CNY", "美元": "USD", "美金": "USD", "欧元": "EUR",
    "英镑": "GBP", "日元": "JPY", "加元": "CAD", "港币": "HKD", "港元": "HKD", "澳元": "AUD",
}  # fmt: skip
_SKU_SEPARATORS = re.compile(r"[;,，；、\s]+")


def parse_currency(text: str) -> str:
    """``usd`` -> ``USD``; ``RMB`` / ``人民币`` -> ``CNY``; anything else is an error."""
    stripped = text.strip()
    code = _CURRENCY_NAMES.get(stripped.upper(), _CURRENCY_NAMES.get(stripped, stripped.upper()))
    if len(code) != 3 or not code.isalpha() or not is_currency(code):
        raise ValueFormatError(text, "a currency code such as USD, CNY or EUR")
    return code


def parse_rating(text: str) -> int:
    """``4`` / ``4.0`` / ``4.0 out of 5 stars`` / ``4星`` -> 4; must be 1 to 5."""
    match = re.match(r"\s*(\d+(?:[.,]0+)?)", text)
    value = int(Decimal(match[1].replace(",", "."))) if match else 0
    if not 1 <= value <= 5:
        raise ValueFormatError(text, "a star rating from 1 to 5")
    return value


def positive(value: Decimal) -> Decimal:
    """A parsed number that must be above zero (a rate)."""
    if value <= 0:
        raise ValueFormatError(str(value), "a number above zero")
    return value


def split_skus(text: str) -> list[str]:
    """``A-1; A-2, A-3`` -> ``["A-1", "A-2", "A-3"]`` (also Chinese separators)."""
    return [s for s in _SKU_SEPARATORS.split(text.strip()) if s]


def same_across_rows(
    file_name: str,
    header_map: HeaderMap,
    rows: Sequence[Row],
    group: str,
    fields: Sequence[str],
) -> dict[Any, Row]:
    """Rows grouped by ``group``: each field must be the same on every row of a group that
    fills it in (empty cells take the group's value), else it is an error at the cell."""
    headers = {m.column.key: m.header for m in header_map.mapped}
    groups: dict[Any, Row] = {}
    set_on: dict[tuple[Any, str], int] = {}  # (group, field) -> the line that set it
    for row in rows:
        kept = groups.setdefault(row[group], {group: row[group], LINE: row[LINE]})
        for name in fields:
            value, have = row.get(name), kept.get(name)
            if value is None or value == have:
                continue
            if have is not None:
                raise CellError(
                    file_name,
                    f"{row[group]} has {have!r} on line {set_on[row[group], name]} "
                    f"but {value!r} here",
                    line=row[LINE],
                    column=headers.get(name, name),
                )
            kept[name], set_on[row[group], name] = value, row[LINE]
    return groups


#: The currencies a bare ``$`` may mean, and those ``¥`` may (the yen and the yuan).
_DOLLARS = frozenset({"USD", "CAD", "AUD", "MXN", "SGD", "HKD", "NZD", "TWD", "BRL"})
_YEN_SIGNS = {"¥": {"JPY", "CNY"}, "￥": {"JPY", "CNY"}, "元": {"CNY"}}
_PLAIN = re.compile(r"\s*[-+]?[\d.,\s']*\s*")

#: (line, column key) -> (the cell's text, its currency mark)
Marks = dict[tuple[int, str], tuple[str, str]]


def noting_marks(
    table: FileTable, header_map: HeaderMap, keys: Iterable[str], marks: Marks
) -> FileTable:
    """The table, noting in ``marks`` the currency marks of the cells of ``keys`` as its
    rows are read (for :func:`check_marks`)."""
    wanted = set(keys)
    index = {m.column.key: m.index for m in header_map.mapped if m.column.key in wanted}
    if not index:
        return table

    def rows() -> Iterator[tuple[int, list[str]]]:
        for line, cells in table.rows:
            for key, at in index.items():
                text = cells[at] if at < len(cells) else ""
                if text and not _PLAIN.fullmatch(text):
                    try:
                        symbol = values.parse_amount(text).symbol
                    except ValueFormatError:
                        continue  # the column's own parser says what is wrong
                    if symbol is not None:
                        marks[line, key] = (text.strip(), symbol)
            yield line, cells

    return dataclasses.replace(table, rows=rows())


def _agrees(symbol: str, currency: str) -> bool:
    if symbol == "$":
        return currency in _DOLLARS
    if symbol in _YEN_SIGNS:
        return currency in _YEN_SIGNS[symbol]
    return values.CURRENCY_SYMBOLS.get(symbol, symbol.upper()) == currency


def check_marks(
    file_name: str, header_map: HeaderMap, rows: Sequence[Row], marks: Marks,
    currency_key: str = "currency",
) -> None:  # fmt: skip
    """An error at the first amount whose currency mark contradicts its row's currency
    (``$2.50`` on a row in CNY): which one the operator meant cannot be told."""
    if not marks:
        return
    headers = {m.column.key: m.header for m in header_map.mapped}
    by_line: dict[int, list[tuple[str, str, str]]] = {}
    for (line, key), (text, symbol) in marks.items():
        by_line.setdefault(line, []).append((key, text, symbol))
    for row in rows:
        currency = row.get(currency_key)
        if not currency:
            continue
        line = row[LINE]
        for key, text, symbol in by_line.get(line, ()):
            if not _agrees(symbol, currency):
                raise CellError(
                    file_name,
                    f'"{text}" is marked {symbol}, which is not {currency}, the row\'s currency: '
                    "write the amount without a currency mark, or correct the currency",
                    line=line,
                    column=headers.get(key, key),
                )
