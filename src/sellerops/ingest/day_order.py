"""Whether a file's ``05/11/2026`` is 5 November or 11 May: decided once per column and file.

The rule is the one the README gives for dates in file names, applied to a whole column:

1. the column itself: any ``a/b/yyyy`` with ``a`` above 12 says day first, any with ``b``
   above 12 month first (both at once is an error: the column mixes two orders);
2. the file: another column with ISO dates on the same rows (the FBA ledger's ``Date and
   Time``) says which reading is the day it gives; so does another date column whose own
   cells decide (a deal's ``end_date`` of ``20/11/2026``); numbers written with a decimal
   comma (``0,1290``, ``42,50``) say day first;
3. the custom of the store's marketplace: month first on amazon.com, day first in Europe,
   the UK, Mexico and the other marketplaces of :data:`DAY_FIRST`; amazon.ca mixes both, and
   Japan and China write ``2026/11/05``, so there an ``a/b/yyyy`` that 1 and 2 leave open is
   refused;
4. otherwise the column is refused at its first such cell (file, line, column), asking for
   ISO dates: nothing is stored on a guess.

The store's marketplace is known only once a file is parsed (its rows may name it), so an
import parses under :func:`first_reading`, which notes the columns 1 and 2 leave open
(reading them month first for the moment), and when there are any parses the file again
under :func:`market_reading` once the store is chosen. A parse under neither (a test, a
caller that knows no store) refuses such a column. Both also say whether the file is a
workbook, whose date columns may hold Excel serial days (``46346``) rather than dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta

from sellerops.core.marketplaces import Marketplace
from sellerops.ingest.errors import CellError
from sellerops.ingest.values import (
    SLASHED_DATE,
    DateReading,
    DayOrder,
    full_year,
    reading_dates,
)

#: Marketplaces whose people write the month first (``11/05/2026``) ...
MONTH_FIRST = frozenset({"US"})
#: ... and the day first (``05/11/2026``), as for dates in file names (``ingest.resolve``);
#: the others (CA mixes both; JP and CN write the year first) have no custom, so only the
#: file can say.
DAY_FIRST = frozenset(
    {"UK", "DE", "FR", "IT", "ES", "NL", "BE", "IE", "PL", "TR", "MX", "BR", "AU", "IN",
     "AE", "SA", "EG", "SG"}
)  # fmt: skip

#: Marketplaces whose people write ``26.11.2026`` and ``2026/11/26`` (for what a cell that is
#: no date is told to be: :func:`expected`).
DOTTED = frozenset({"DE", "PL", "TR"})
YEAR_FIRST = frozenset({"JP"})
_DOTTED_DATE = re.compile(r"\s*\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\s*")
#: The forms :func:`expected` may name beside ISO (each has its Chinese in ``errors``).
FORMS = ("MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYY/MM/DD")

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
#: How far a sibling ISO timestamp's day may be from the date it goes with (time zones).
_SLACK = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Context:
    market: Marketplace | None = None  # whose custom decides (None: no store known)
    undecided: list[str] | None = None  # a first reading notes open columns here
    serials: bool = False  # a workbook: bare numbers in date columns are Excel serial days
    likely: Marketplace | None = None  # whose date forms an error names


_NONE = _Context()
_CONTEXT: ContextVar[_Context] = ContextVar("day_order", default=_NONE)


@contextmanager
def first_reading(
    *, workbook: bool = False, likely: Marketplace | None = None
) -> Iterator[list[str]]:
    """A parse before the store is known: the columns the file leaves open are listed in
    the yielded list (and read month first for now) instead of refused. ``likely`` (the
    marketplace asked for) only says which date forms an error names."""
    undecided: list[str] = []
    token = _CONTEXT.set(_Context(None, undecided, workbook, likely))
    try:
        with reading_dates(DateReading(serials=workbook, expected=expected(likely))):
            yield undecided
    finally:
        _CONTEXT.reset(token)


@contextmanager
def market_reading(market: Marketplace, *, workbook: bool = False) -> Iterator[None]:
    """A parse for a store of ``market``: its custom decides what the file leaves open."""
    token = _CONTEXT.set(_Context(market, None, workbook, market))
    try:
        with reading_dates(DateReading(serials=workbook, expected=expected(market))):
            yield
    finally:
        _CONTEXT.reset(token)


def expected(
    market: Marketplace | None, order: DayOrder | None = None, *, dotted: bool = False
) -> str | None:
    """What a cell that is no date is told to be: ISO, and the form the column writes
    (``dotted``: ``26.11.2026``; ``order``: its ``a/b/yyyy`` read so), else the one the
    marketplace's people write; None (every form read) when nothing says."""
    if dotted:
        form: str | None = "DD.MM.YYYY"
    elif order is not None:
        form = "DD/MM/YYYY" if order == "dmy" else "MM/DD/YYYY"
    elif market is None:
        return None
    elif market.code in DOTTED:
        form = "DD.MM.YYYY"
    elif market.code in YEAR_FIRST:
        form = "YYYY/MM/DD"
    else:
        way = custom(market)
        form = None if way is None else "DD/MM/YYYY" if way == "dmy" else "MM/DD/YYYY"
    return "a date (YYYY-MM-DD)" if form is None else f"a date (YYYY-MM-DD or {form})"


def custom(market: Marketplace | None) -> DayOrder | None:
    """The marketplace's way of writing ``a/b/yyyy``, when it has one."""
    if market is None:
        return None
    if market.code in MONTH_FIRST:
        return "mdy"
    return "dmy" if market.code in DAY_FIRST else None


def custom_note(columns: list[str], market: Marketplace) -> str | None:
    """The import's note that ``columns`` were read by ``market``'s custom (nothing in the
    file said the order): the same sheet imported into another store reads otherwise."""
    order = custom(market)
    if order is None or not columns:
        return None
    names = ", ".join(f'"{c}"' for c in dict.fromkeys(columns))
    how = "day first" if order == "dmy" else "month first"
    return (
        f"dates like 05/11/2026 in {names} were read {how}, the custom of {market.domain}: "
        "write them as YYYY-MM-DD if the file means otherwise"
    )


@dataclass(frozen=True, slots=True)
class DateCells:
    """One date column of a file: its header (for messages) and its cells by line."""

    header: str
    cells: Mapping[int, str]


def judge_file(
    file_name: str, columns: Mapping[str, DateCells], *, decimal_comma: bool | None = None
) -> dict[str, DateReading]:
    """The reading of each date column of a file (by key): each column by its own cells,
    then by the file: its other date columns (an ISO date on the same row, or the order
    another column's cells decide, when those that decide agree) and its decimal mark."""
    decided = {_by_column(file_name, c)[1] for c in columns.values()} - {None}
    file_order = decided.pop() if len(decided) == 1 else None
    return {
        key: judge(
            file_name,
            column,
            siblings=[c for k, c in columns.items() if k != key],
            decimal_comma=decimal_comma,
            file_order=file_order,
        )
        for key, column in columns.items()
    }


def judge(
    file_name: str,
    column: DateCells,
    *,
    siblings: Iterable[DateCells] = (),
    decimal_comma: bool | None = None,
    file_order: DayOrder | None = None,
) -> DateReading:
    """The reading of ``column`` (see the module docstring); ``siblings`` are the file's
    other date columns, ``decimal_comma`` whether its numbers use a decimal comma,
    ``file_order`` the order the file's other date columns decide."""
    context = _CONTEXT.get()
    open_cells, order = _by_column(file_name, column)
    if order is None and open_cells:
        order = _by_siblings(open_cells, siblings) or file_order
        if order is None and decimal_comma:
            order = "dmy"
        order = order or custom(context.market)
        if order is None:
            if context.undecided is None:
                line, text = open_cells[0]
                raise CellError(file_name, _problem(text, context.market), line=line,
                                column=column.header)  # fmt: skip
            context.undecided.append(column.header)
    cells = column.cells.values()
    dotted = any(_DOTTED_DATE.fullmatch(text) for text in cells)
    slashed = order is not None and any(SLASHED_DATE.fullmatch(t.strip()) for t in cells)
    hint = expected(context.likely, order if slashed else None, dotted=dotted)
    return DateReading(order or "mdy", context.serials, hint)


def _by_column(file_name: str, column: DateCells) -> tuple[list[tuple[int, str]], DayOrder | None]:
    """The cells that read two ways, and the order the others say (None: they do not)."""
    day_first: tuple[int, str] | None = None
    month_first: tuple[int, str] | None = None
    open_cells = []
    for line, text in column.cells.items():
        match = SLASHED_DATE.fullmatch(text.strip())
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 and second <= 12:
            day_first = day_first or (line, text.strip())
        elif second > 12 and first <= 12:
            month_first = month_first or (line, text.strip())
        elif first != second and first <= 12 and second <= 12:
            open_cells.append((line, text.strip()))
        if day_first and month_first:
            (ld, d), (lm, m) = day_first, month_first
            problem = (
                f'"{d}" (line {ld}) has the day first but "{m}" (line {lm}) the month first: '
                "the column mixes two date orders; write its dates as YYYY-MM-DD and import "
                "the file again"
            )
            raise CellError(file_name, problem, line=max(ld, lm), column=column.header)
    if day_first:
        return open_cells, "dmy"
    return open_cells, "mdy" if month_first else None


def _by_siblings(
    open_cells: list[tuple[int, str]], siblings: Iterable[DateCells]
) -> DayOrder | None:
    """The order under which the open cells give the day an ISO date of the same row gives
    (within a day: a timestamp's own zone), when only one order does."""
    fits = {"dmy": 0, "mdy": 0}
    compared = 0
    for sibling in siblings:
        for line, text in open_cells:
            iso = _ISO_DAY.match(sibling.cells.get(line, ""))
            match = SLASHED_DATE.fullmatch(text)
            if iso is None or match is None:
                continue
            try:
                other = date(int(iso[1]), int(iso[2]), int(iso[3]))
            except ValueError:
                continue
            a, b, year = int(match[1]), int(match[2]), full_year(match[3])
            compared += 1
            fits["dmy"] += abs(date(year, b, a) - other) <= _SLACK
            fits["mdy"] += abs(date(year, a, b) - other) <= _SLACK
    if not compared:
        return None
    agreeing = [order for order, n in fits.items() if n == compared]
    return agreeing[0] if len(agreeing) == 1 else None  # type: ignore[return-value]


def _problem(text: str, market: Marketplace | None) -> str:
    match = SLASHED_DATE.fullmatch(text)
    assert match is not None
    a, b, year = int(match[1]), int(match[2]), full_year(match[3])
    day_first, month_first = date(year, b, a), date(year, a, b)
    who = f"nor the custom of {market.domain}" if market is not None else "nor a marketplace"
    return (
        f'"{text}" can be {day_first} (day first) or {month_first} (month first), and neither '
        f"the column, the file {who} says which: write the dates as YYYY-MM-DD "
        f"({day_first}) and import the file again"
    )
