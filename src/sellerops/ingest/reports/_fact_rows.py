"""What the FBA report families and the operator sheets share, beyond the framework's kinds.

- Moments: FBA event reports write ISO timestamps with an offset, but a re-saved file or an
  older layout may carry plain dates, and a file re-saved by Excel a date and a time without
  a zone (``2026/11/3 10:21``, or a workbook's date-time cell). All are accepted; a date is
  read as midnight and a time without a zone as the clock in the marketplace's time zone
  (the import says so: :func:`local_time_note`), so every event has a UTC moment and a
  marketplace-local day.
- Marketplaces: reports of unified accounts carry a country per row; rows of another
  marketplace than the store's are counted as rejected, never stored.
- Repeated keys: lines of one file with the same natural key are one fact, their quantities
  and amounts added, so a file imported twice, or overlapping files, give the same totals.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from sellerops.catalog import service as catalog
from sellerops.core.db import UpsertResult, upsert
from sellerops.core.marketplaces import Marketplace, UnknownMarketplaceError, get_marketplace
from sellerops.ingest import day_order, values
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import CellError, FileError
from sellerops.ingest.localized import sniff_decimal_comma
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Column, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.templates import is_example

Row = dict[str, Any]
#: Row fields the framework adds: the marketplace code a row is for (None: the file does not
#: say), and the line the row starts on.
MARKET = "_market"
LINE = "_line"


class MomentFormatError(values.ValueFormatError):
    expected = "a date or a timestamp, like 2026-11-26 or 2026-11-26T08:15:00+00:00"


#: A date and a clock time without a zone, as a spreadsheet writes it (``2026/11/3 10:21``,
#: ``11/3/2026 10:21 AM``, ``2026-11-03 10:21:00``): the date is any form ``parse_date``
#: reads (in the column's order).
_CLOCK = re.compile(
    r"(?P<date>\S.*?)(?:T|\s+)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,6})?)?"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?)?"
)


def parse_moment(text: str) -> datetime | date:
    """A timestamp with a UTC offset (aware), a date and time without one (naive: the
    marketplace's clock, see :func:`utc_and_day`), else a plain date."""
    return _remembered_moment(text, values.date_reading())


@functools.lru_cache(maxsize=values.MEMO_SIZE)
def _remembered_moment(text: str, reading: values.DateReading) -> datetime | date:
    """:func:`_parse_moment`, remembered per text and date reading (``reading`` is the one in
    force, which ``_parse_moment`` reads itself: here it keys the memo)."""
    return _parse_moment(text)


def _parse_moment(text: str) -> datetime | date:
    try:
        return values.parse_timestamp(text)
    except values.TimestampFormatError:
        pass
    try:
        return values.parse_date(text)
    except values.DateFormatError:
        pass
    clock = _CLOCK.fullmatch(text.strip())
    if clock is not None:
        try:
            day = values.parse_date(clock["date"])
        except values.DateFormatError:
            raise MomentFormatError(text) from None
        hour, minute, second = int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)
        if clock["half"]:
            if not 1 <= hour <= 12:
                raise MomentFormatError(text)
            hour = hour % 12 + (12 if clock["half"] in "Pp" else 0)
        if hour <= 23 and minute <= 59 and second <= 59:
            return datetime(day.year, day.month, day.day, hour, minute, second)
    raise MomentFormatError(text)


def date_part(text: str) -> str:
    """The date of a cell that may carry a clock time after it (``11/03/2026 10:21``): what
    decides a column's day order."""
    if ":" not in text:
        return text
    clock = _CLOCK.fullmatch(text.strip())
    return clock["date"] if clock is not None else text


def parse_month(text: str) -> date:
    """``2026-10`` (storage fees' ``month_of_charge``) or a full date -> first of the month."""
    stripped = text.strip()
    try:
        year, month = (int(p) for p in stripped.split("-"))
        return date(year, month, 1)
    except ValueError:
        pass
    try:
        return values.parse_date(stripped).replace(day=1)
    except values.DateFormatError:
        raise values.ValueFormatError(text, "a month, like 2026-10") from None


def parse_count(text: str) -> int:
    """A whole number of units, also when written as a decimal (``12.0``), as Amazon's
    computed columns sometimes are; ``12.5`` is an error."""
    try:
        return values.parse_int(text)
    except values.WholeNumberError:
        pass
    try:
        number = values.parse_decimal(text)
    except values.NumberFormatError:
        raise values.WholeNumberError(text) from None
    if number != number.to_integral_value() or abs(number) >= 2**31:
        raise values.WholeNumberError(text)
    return int(number)


def parse_optional_date(text: str) -> date | None:
    """A date, or ``none`` / ``n/a`` / ``-`` for no date (Restock's ship date)."""
    if text.strip().lower() in ("none", "n/a", "na", "-", "--"):
        return None
    return values.parse_date(text)


def local_day(moment: datetime | date, market: Marketplace) -> date:
    """The day of a snapshot: a moment at midnight (``2021-08-15T00:00:00+00:00``, the old
    layouts' way of writing a date) is the date written; another is the marketplace's day."""
    if isinstance(moment, datetime) and moment.time() == time():
        return moment.date()
    return utc_and_day(moment, market)[1]


def utc_and_day(moment: datetime | date, market: Marketplace) -> tuple[datetime, date]:
    """The UTC moment and the marketplace-local day of a parsed moment (a time without a
    zone is on the marketplace's clock)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return moment.replace(tzinfo=market.tz).astimezone(UTC), moment.date()
        return moment.astimezone(UTC), market.local_date(moment)
    return datetime.combine(moment, time(), market.tz).astimezone(UTC), moment


def local_time_note(
    result: LoadResult, rows: Iterable[Row], key: str, header: str, market: Marketplace
) -> None:
    """Note that the times without a zone in ``key`` (``header``) were read on ``market``'s
    clock, when there were any."""
    count = sum(1 for r in rows if isinstance(r.get(key), datetime) and r[key].tzinfo is None)
    if count:
        result.notes.append(
            f'{count} time{"s" if count != 1 else ""} in "{header}" without a time zone '
            f"{'were' if count != 1 else 'was'} read as {market.domain} local time "
            f"({market.tz})"
        )


def market_code(value: str | None) -> str | None:
    """``US`` / ``GB`` / ``Amazon.de`` / a marketplace id -> code; unknown or empty -> None."""
    if not value:
        return None
    try:
        return get_marketplace(value).code
    except UnknownMarketplaceError:
        return None


#: Converters that read a date column: their column's ``05/11/2026`` is judged as a whole
#: (``day_order``) and parsed in the order that gives.
_DATE_CONVERTERS: set[Callable[..., Any]] = set()


def reads_dates(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """Mark a converter as one that parses a date column's cells with ``values.parse_date``."""
    _DATE_CONVERTERS.add(convert)
    return convert


reads_dates(parse_moment)
reads_dates(parse_month)
reads_dates(parse_optional_date)

#: Kinds whose cells tell whether a file writes a decimal comma.
_NUMBER_KINDS = frozenset({"amount", "decimal", "percent"})


def read_rows(
    table: FileTable,
    header_map: HeaderMap,
    columns: tuple[Column, ...],
    converters: Mapping[str, Callable[[Any], Any]] | None = None,
    *,
    market_key: str | None = None,
) -> Parsed:
    """Every data row typed; ``Parsed.records`` is the list of rows, each with its ``_line``.

    The text of the columns named in ``converters`` goes through them, an error located at
    its cell; ``market_key`` names the column that says which marketplace a row is for.
    A template's example row (``templates.is_example``) is skipped and counted apart.
    Date columns (``date`` kind, or a converter marked :func:`reads_dates`) are read in the
    order ``day_order.judge`` decides for the whole column.
    """
    converters = converters or {}
    parsed = Parsed(0, [])
    lines = []
    for line, cells in table.rows:
        if is_example(cells):
            parsed.examples += 1
        else:
            lines.append((line, cells))
    parsed.rows_read = len(lines)
    readings = date_readings(table, header_map, lines, converters)
    parser = RowParser(table.file_name, header_map, columns, readings)
    headers = {m.column.key: m.header for m in header_map.mapped}
    for at, (line, cells) in enumerate(lines):
        row = parser.parse(line, cells)
        row[LINE] = line
        parsed.records.append(row)
        lines[at] = _READ  # its cells are not held while the rest of the file is typed
    del lines
    for key, convert in converters.items():
        with values.reading_dates(readings.get(key, values.DateReading())):
            _convert(table.file_name, parsed.records, key, convert, headers.get(key, key))
    if market_key is not None:
        for row in parsed.records:
            row[MARKET] = market_code(row.get(market_key))
            if row[MARKET] is not None:
                parsed.marketplaces[row[MARKET]] += 1
    return parsed


_READ: tuple[int, list[str]] = (0, [])


def _convert(
    file_name: str, rows: list[Row], key: str, convert: Callable[[Any], Any], header: str
) -> None:
    for row in rows:
        if row.get(key) is not None:
            try:
                row[key] = convert(row[key])
            except values.ValueFormatError as exc:
                raise CellError(file_name, str(exc), line=row[LINE], column=header) from None


def date_readings(
    table: FileTable,
    header_map: HeaderMap,
    lines: list[tuple[int, list[str]]],
    converters: Mapping[str, Callable[[Any], Any]] | None = None,
) -> dict[str, values.DateReading]:
    """The reading of each date column of the file, judged on all its cells at once."""
    converters = converters or {}
    found: dict[str, day_order.DateCells] = {}
    numbers: list[str] = []
    dated = [
        m
        for m in header_map.mapped
        if m.column.kind == "date" or converters.get(m.column.key) in _DATE_CONVERTERS
    ]
    if not dated:
        return {}
    for m in header_map.mapped:
        if m in dated:
            cells = {
                line: date_part(cells[m.index]) for line, cells in lines if m.index < len(cells)
            }
            found[m.column.key] = day_order.DateCells(m.header, cells)
        elif m.column.kind in _NUMBER_KINDS:
            numbers.extend(cells[m.index] for _, cells in lines if m.index < len(cells))
    comma = sniff_decimal_comma(n for n in numbers if n.strip())
    return day_order.judge_file(table.file_name, found, decimal_comma=comma)


def check_unique(file_name: str, rows: list[Row], key: Sequence[str], what: str) -> None:
    """Each key once: a repeated one cannot be told apart from the first, so it is an error
    at the line that repeats it. ``what`` names the key for the message (``SKU``)."""
    first: dict[tuple[Any, ...], int] = {}
    for row in rows:
        k = tuple(row[c] for c in key)
        if k in first:
            shown = " / ".join(str(row[c]) for c in key if not c.startswith("_"))
            raise FileError(
                file_name,
                f"{what} {shown!r} appears again (first on line {first[k]})",
                line=row[LINE],
            )
        first[k] = row[LINE]


def total(parsed: Parsed, market: Marketplace, field: str) -> Decimal:
    """The sum of a field over the rows for ``market`` (or for none in particular), for
    :attr:`Family.totals`."""
    rows: list[Row] = parsed.records
    return Decimal(sum(r[field] or 0 for r in rows if r.get(MARKET) in (None, market.code)))


def one_currency(parsed: Parsed, field: str = "currency") -> None:
    """Say the file's currency when every row that names one names the same."""
    rows: list[Row] = parsed.records
    found = {str(r[field]).upper() for r in rows if r.get(field)}
    parsed.currency = found.pop() if len(found) == 1 else None


def own_rows(ctx: LoadContext, parsed: Parsed, result: LoadResult) -> list[Row]:
    """The rows for the store's marketplace (or for none in particular); others rejected."""
    own = ctx.marketplace.code
    rows: list[Row] = parsed.records
    mine = [r for r in rows if r.get(MARKET) in (None, own)]
    if rows and not mine:
        raise FileError(
            ctx.file_name,
            f"none of the rows are for {ctx.marketplace.domain}, "
            f"the marketplace of store {ctx.store.name!r}",
        )
    if len(mine) < len(rows):
        result.rejected += len(rows) - len(mine)
        skipped = len(rows) - len(mine)
        result.notes.append(
            "1 row for another marketplace was skipped"
            if skipped == 1
            else f"{skipped} rows for other marketplaces were skipped"
        )
    return mine


def merge(rows: Iterable[Row], key: Sequence[str], add: Sequence[str]) -> list[Row]:
    """Rows with equal ``key`` fields become one: ``add`` fields summed, others the last
    non-empty value."""
    merged: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        k = tuple(row[c] for c in key)
        kept = merged.get(k)
        if kept is None:
            merged[k] = dict(row)
            continue
        for name, value in row.items():
            if name in add:
                kept[name] = _plus(kept[name], value)
            elif value is not None:
                kept[name] = value
    return list(merged.values())


def _plus(a: int | Decimal | None, b: int | Decimal | None) -> int | Decimal | None:
    if a is None or b is None:
        return b if a is None else a
    return a + b


def store(
    ctx: LoadContext, model: type, rows: list[Row], key: Sequence[str], fields: Sequence[str]
) -> UpsertResult:
    """Upsert ``fields`` of the rows (plus store and batch ids) into the model's table."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    records = [
        {**{f: row[f] for f in fields}, "store_id": ctx.store.id, "import_batch_id": ctx.batch_id}
        for row in rows
    ]
    return upsert(ctx.session, table, records, key=["store_id", *key])


def remember_products(ctx: LoadContext, rows: Iterable[Row]) -> None:
    """Keep the catalog in step with the SKUs, ASINs, FNSKUs and titles a report names."""
    products = [
        {"sku": r["sku"], "asin": r.get("asin"), "fnsku": r.get("fnsku"), "title": r.get("title")}
        for r in rows
        if r.get("sku")
    ]
    catalog.upsert_products(session=ctx.session, store_id=ctx.store.id, products=products)


def day_span(days: Iterable[date]) -> tuple[date | None, date | None]:
    found = list(days)
    return (min(found), max(found)) if found else (None, None)


def finish(result: LoadResult, counted: UpsertResult, days: Iterable[date]) -> LoadResult:
    result.inserted, result.updated = counted.inserted, counted.updated
    result.data_start, result.data_end = day_span(days)
    return result
