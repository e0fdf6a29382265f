"""Values of the Ads console and Brand Analytics exports that the shared parsers do not read.

Dates: ISO and the forms ``values.parse_date`` knows, ``Dec 01, 2019`` / ``December 1, 2019``
(older Ads CSVs), ``20240401`` (bulk files), and ranges ``2024-04-01 - 2024-04-07``. Countries
(``United States``) name the marketplace of Ads rows; ``Currency`` cells are ISO codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sellerops.core.marketplaces import MARKETPLACES
from sellerops.ingest import day_order, values
from sellerops.ingest.errors import CellError
from sellerops.ingest.localized import sniff_decimal_comma

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_COMPACT = re.compile(r"(20\d\d)(\d\d)(\d\d)")
RANGE = re.compile(r"(.+?)\s+[-–~至]\s+(.+)")


class ConsoleDateError(values.DateFormatError):
    expected = "a date (2019-12-01, 12/01/2019, Dec 01, 2019 or 20191201)"


_HINT = re.compile(r"a date \(YYYY-MM-DD(?: or (?P<form>.+))?\)")


def console_expected(hint: str | None) -> str | None:
    """What an Ads date that is none is told to be: the forms of its file or marketplace
    (``day_order.expected``) and the console's own; None: all of them."""
    match = _HINT.fullmatch(hint or "")
    if match is None:
        return None
    form = f"{match['form']}, " if match["form"] else ""
    return f"a date (YYYY-MM-DD, {form}Dec 01, 2019 or 20191201)"


def _error(text: str) -> ConsoleDateError:
    return ConsoleDateError(text, console_expected(values.date_reading().expected))


@dataclass(frozen=True, slots=True)
class Span:
    """The days one row covers (``start == end`` for a daily row)."""

    start: date
    end: date


def parse_date(text: str) -> date:
    """One date in any of the forms of the module docstring."""
    stripped = text.strip()
    try:
        return values.parse_date(stripped)
    except values.DateFormatError:
        pass
    try:
        if match := _MONTH_DAY_YEAR.fullmatch(stripped):
            month, day, year = match[1], match[2], match[3]
        elif match := _DAY_MONTH_YEAR.fullmatch(stripped):
            day, month, year = match[1], match[2], match[3]
        elif match := _COMPACT.fullmatch(stripped):
            return date(int(match[1]), int(match[2]), int(match[3]))
        else:
            raise _error(text)
        return date(int(year), _MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        raise _error(text) from None


def judge_dates(
    file_name: str, columns: Mapping[str, day_order.DateCells], marks: Iterable[str] = ()
) -> dict[str, values.DateReading]:
    """How each date column of a file reads its ``05/11/2026`` (``day_order.judge_file``),
    judged on all its cells at once; ``marks``: the file's money texts (a decimal comma says
    day first)."""
    comma = sniff_decimal_comma(t for t in marks if t and t.strip())
    return day_order.judge_file(file_name, columns, decimal_comma=comma)


@contextmanager
def reading(found: values.DateReading | None) -> Iterator[None]:
    """Parse dates as ``found`` says inside the block (None: as the caller's context says)."""
    if found is None:
        yield
        return
    with values.reading_dates(found):
        yield


def settle_dates(
    file_name: str,
    rows: Sequence[dict[str, Any]],
    headers: Mapping[str, str],
    marks: Iterable[str] = (),
    line_key: str = "_line",
) -> None:
    """Parse the date columns of ``rows`` (by key in ``headers``: the header each has in the
    file), still texts, with :func:`parse_date` as the whole file says
    (:func:`judge_dates`); an error is located at its cell."""
    found = {
        key: day_order.DateCells(header, {r[line_key]: r[key] for r in rows if r.get(key)})
        for key, header in headers.items()
    }
    readings = judge_dates(file_name, found, marks)
    for key, header in headers.items():
        seen: dict[str, date] = {}
        with reading(readings.get(key)):
            for row in rows:
                text = row.get(key)
                if not text:
                    continue
                if text not in seen:
                    try:
                        seen[text] = parse_date(text)
                    except values.ValueFormatError as exc:
                        raise CellError(
                            file_name, str(exc), line=row[line_key], column=header
                        ) from None
                row[key] = seen[text]


def parse_span(text: str) -> Span:
    """A date, or a range of two (``2024-04-01 - 2024-04-07``, ``Nov 1, 2024 - Nov 30, 2024``)."""
    stripped = text.strip()
    match = RANGE.fullmatch(stripped)
    if match and not _looks_like_one_date(stripped):
        start, end = parse_date(match[1]), parse_date(match[2])
        if end < start:
            raise ConsoleDateError(text)
        return Span(start, end)
    day = parse_date(stripped)
    return Span(day, day)


def _looks_like_one_date(text: str) -> bool:
    try:
        parse_date(text)
    except values.DateFormatError:
        return False
    return True


class CurrencyCodeError(values.ValueFormatError):
    expected = "a three-letter currency code like USD"


def parse_currency(text: str) -> str:
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise CurrencyCodeError(text)
    return code


_COUNTRIES = {m.country.casefold(): m.code for m in MARKETPLACES.values()}
_COUNTRIES |= {
    "usa": "US", "us": "US", "uk": "UK", "gb": "UK", "great britain": "UK",
    "美国": "US", "加拿大": "CA", "墨西哥": "MX", "巴西": "BR", "英国": "UK", "德国": "DE",
    "法国": "FR", "意大利": "IT", "西班牙": "ES", "荷兰": "NL", "瑞典": "SE", "波兰": "PL",
    "比利时": "BE", "日本": "JP", "澳大利亚": "AU", "印度": "IN", "阿联酋": "AE",
    "沙特阿拉伯": "SA", "新加坡": "SG", "土耳其": "TR", "埃及": "EG", "爱尔兰": "IE",
    "アメリカ": "US", "日本国": "JP",
}  # fmt: skip


def marketplace_of_country(text: str | None) -> str | None:
    """``United States`` / ``美国`` / ``US`` -> ``US``; unknown -> None."""
    if not text:
        return None
    key = text.strip().casefold()
    return _COUNTRIES.get(key) or (key.upper() if key.upper() in MARKETPLACES else None)


_WINDOW = re.compile(r"^(\d{1,2})\s*(?:-?\s*day|天|日)")


def attribution_days(header: str | None) -> int | None:
    """``7 Day Total Sales`` -> 7; ``14天总销售额`` -> 14; ``Sales`` -> None."""
    if not header:
        return None
    match = _WINDOW.match(header.strip().casefold())
    return int(match[1]) if match else None
