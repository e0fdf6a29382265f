"""Typed rows from raw cells: each mapped column's text parsed by its kind, errors located.

A parse error becomes a :class:`CellError` naming the file, the line and the column as the
file spells it: ``BusinessReport_US_2026-11-26.csv, line 17, column "Units Ordered":
expected a whole number, got "abc"``.

Reports repeat the same few texts down a column (one date, ``$0.50``, ``0``), so each
column's parser remembers what it made of a text (up to :data:`_MEMO_SIZE` texts): a large
file is typed at dictionary-lookup speed. Parsers therefore must return immutable values
(numbers, dates, strings, frozen dataclasses), which all of them do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from sellerops.ingest import values
from sellerops.ingest.errors import CellError, FileError
from sellerops.ingest.registry import Column, HeaderMap, Kind

_INT_LIMIT = 2**31  # the columns are INTEGER (32-bit on PostgreSQL)
_MEMO_SIZE = 20_000  # distinct texts remembered per column


def _whole_number(text: str) -> int:
    number = values.parse_int(text)
    if not -_INT_LIMIT < number < _INT_LIMIT:
        raise values.WholeNumberError(text, f"a whole number below {_INT_LIMIT:,}")
    return number


_PARSERS: dict[Kind, Callable[[str], Any]] = {
    "int": _whole_number,
    "decimal": values.parse_decimal,
    "amount": values.parse_amount,
    "percent": values.parse_percent,
    "timestamp": values.parse_timestamp,
    "date": values.parse_date,
    "flag": values.parse_flag,
    "asin": values.parse_asin,
}
_ERRORS: dict[Kind, type[values.ValueFormatError]] = {
    "int": values.WholeNumberError,
    "decimal": values.NumberFormatError,
    "amount": values.AmountFormatError,
    "percent": values.PercentFormatError,
    "timestamp": values.TimestampFormatError,
    "date": values.DateFormatError,
    "flag": values.FlagFormatError,
    "asin": values.AsinFormatError,
}


class RowParser:
    """Parses rows of one file into dicts keyed by :attr:`Column.key`.

    Columns of the family that the file lacks are present in every dict with their default.
    ``dates`` gives the reading of ``date`` columns (by key) that the file decided
    (``day_order.judge``); a column it does not name reads ``05/11/2026`` month first.
    """

    def __init__(
        self,
        file_name: str,
        header_map: HeaderMap,
        columns: tuple[Column, ...],
        dates: Mapping[str, values.DateReading] | None = None,
    ):
        self.file_name = file_name
        readings = dates or {}
        convert = self._converter
        self._steps: list[tuple[int, str, str, Column, Callable[[str], Any] | None]] = [
            (
                m.index,
                m.column.key,
                m.header,
                m.column,
                convert(m.column, readings.get(m.column.key)),
            )
            for m in header_map.mapped
            if m.column.kind != "ignore"
        ]
        #: per mapped column: (index, key, the values of the texts read so far, the step)
        self._cached: list[tuple[int, str, dict[str, Any], Any]] = [
            (step[0], step[1], {}, step) for step in self._steps
        ]
        self._template = {c.key: c.default for c in columns if c.kind != "ignore"}
        self._width = header_map.size
        #: the first column a row cut short must not lose (a required one), by position
        self._required_at = sorted((m.index, m.header) for m in header_map.mapped
                                   if m.column.required and m.column.kind != "ignore")  # fmt: skip

    @staticmethod
    def _converter(
        col: Column, reading: values.DateReading | None = None
    ) -> Callable[[str], Any] | None:
        """None: keep the text as it is."""
        if col.convert is not None:
            return _memoized(col.convert)
        if col.kind == "date":
            return _memoized(partial(values.parse_date, reading=reading))
        if col.kind != "text":
            return _memoized(_PARSERS[col.kind])
        limit = col.max_len
        if limit is None:
            return None
        if col.truncate:
            return lambda text: text[:limit]

        def bounded(text: str) -> str:
            if len(text) > limit:
                raise values.ValueFormatError(text, f"at most {limit} characters")
            return text

        return bounded

    def parse(self, line: int, cells: list[str]) -> dict[str, Any]:
        size = len(cells)
        if size != self._width:
            self._check_width(line, cells)
        row = dict(self._template)
        if size >= self._width:
            # The common case: each cell looked up as written in its column's cache of
            # texts already read (a hit is a value made before, or an empty cell).
            for index, key, cache, step in self._cached:
                value = cache.get(cells[index], _MISS)
                if value is _MISS:
                    self._read_cell(row, line, cells[index], cache, step)
                elif value is not _KEEP:
                    row[key] = value
            return row
        for index, _key, cache, step in self._cached:
            self._read_cell(row, line, cells[index] if index < size else "", cache, step)
        return row

    def _check_width(self, line: int, cells: list[str]) -> None:
        size = len(cells)
        if size > self._width and any(c.strip() for c in cells[self._width :]):
            raise FileError(
                self.file_name,
                f"has {len(cells)} fields but the header has {self._width}; "
                "a value may hold an unquoted delimiter",
                line=line,
            )
        if size < self._width:
            lost = next(((i, h) for i, h in self._required_at if i >= size), None)
            if lost is not None:
                fields = "1 field" if size == 1 else f"{size} fields"
                raise CellError(self.file_name, f"the line has {fields} but the header has "
                                f"{self._width}: it looks cut short", line=line, column=lost[1])  # fmt: skip

    def _read_cell(
        self,
        row: dict[str, Any],
        line: int,
        cell: str,
        cache: dict[str, Any],
        step: tuple[int, str, str, Column, Callable[[str], Any] | None],
    ) -> None:
        """One cell the cache does not hold: read, and its value remembered (as the cell is
        written; an empty cell as :data:`_KEEP`)."""
        _index, key, header, col, convert = step
        raw = cell.strip()
        if not raw:
            if col.nonempty:
                problem = f"expected {_expected(col)}, got an empty cell"
                raise CellError(self.file_name, problem, line=line, column=header)
            if len(cache) < _MEMO_SIZE:
                cache[cell] = _KEEP
            return
        if convert is None:
            value: Any = raw
        else:
            try:
                value = convert(raw)
            except values.ValueFormatError as exc:
                raise CellError(self.file_name, str(exc), line=line, column=header) from None
        row[key] = value
        if len(cache) < _MEMO_SIZE:
            cache[cell] = value


_MISS = object()
#: a cached empty cell: the row keeps the column's default
_KEEP = object()


def _memoized(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """``convert`` remembering its results (not its errors) for the first distinct texts."""
    memo: dict[str, Any] = {}

    def remembered(text: str) -> Any:
        try:
            return memo[text]
        except KeyError:
            value = convert(text)
            if len(memo) < _MEMO_SIZE:
                memo[text] = value
            return value

    return remembered


def _expected(col: Column) -> str:
    error = _ERRORS.get(col.kind)
    return error.expected if error else "a value"
