"""Parse the numbers, dates and flags of seller files, strictly.

A value either parses exactly or raises a :class:`ValueFormatError` that says what was
expected. The one convention that decides an ambiguous value: a *single* ``,`` or ``.``
followed by exactly three digits (``1,234`` / ``1.234``) is a thousands separator when it is
a comma and a decimal point when it is a dot, unless the caller says the file uses decimal
commas or the amount carries a currency symbol *after* the number (``1.234 €``), the
continental-European way of writing money. Whole-number columns always read it as grouping.
A caller that knows a file's decimal mark passes it (``decimal_comma=True``: ``1.500`` is
1500 there, also written bare); one that cannot tell asks for ``ambiguous_error`` and gets an
:class:`AmbiguousAmountError` instead of a guess.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

#: Currency marks as they appear in front of or after an amount -> ISO code.
#: ``$`` alone is missing on purpose: it means the marketplace's own dollar (see currency_for).
CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "CDN$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "MX$": "MXN",
    "S$": "SGD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "円": "JPY",
    "₹": "INR",
    "zł": "PLN",
    "kr": "SEK",
    "₺": "TRY",
    "TL": "TRY",
}
_DOLLAR_CURRENCIES = frozenset({"USD", "CAD", "AUD", "MXN", "SGD"})
_ISO_CODE = re.compile(r"[A-Z]{3}")

_AMOUNT = re.compile(
    r"(?P<s1>[-+\u2212]?)\s*(?P<pre>[^\d\s.,+\-\u2212()]*)\s*(?P<s2>[-+\u2212]?)\s*"
    r"(?P<body>\d(?:[\d.,'’\s]*\d)?|[.,]\d+)\s*(?P<post>[^\d\s]*)"
)
_PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")
_PLAIN_INT = re.compile(r"-?\d+")
_GROUP_SPLIT = re.compile(r"[,.'’\s]")


#: Parsed values remembered per text (and options), ``functools.lru_cache``: a report
#: repeats the same few texts down a column. Values are all immutable; an error raises and
#: is not remembered; bounded, so a long-running process holds at most this many per parser.
MEMO_SIZE = 50_000


class ValueFormatError(ValueError):
    """A cell's text is not what its column holds: ``expected <what>, got "<text>"``."""

    expected = "a value"

    def __init__(self, got: str, expected: str | None = None) -> None:
        self.got = got
        if expected is not None:
            self.expected = expected
        shown = got if len(got) <= 60 else got[:57] + "..."
        super().__init__(f'expected {self.expected}, got "{shown}"')


class NumberFormatError(ValueFormatError):
    expected = "a number"


class AmountFormatError(NumberFormatError):
    expected = "an amount"


class AmbiguousAmountError(AmountFormatError):
    """``1.500`` / ``1,500`` in a file whose decimal mark nothing tells: 1500 or 1.5."""

    expected = "an amount whose decimal mark the file makes clear (1.500 can mean 1500 or 1.5)"


class WholeNumberError(NumberFormatError):
    expected = "a whole number"


class PercentFormatError(NumberFormatError):
    expected = "a percentage"


class DateFormatError(ValueFormatError):
    expected = "a date (YYYY-MM-DD, MM/DD/YYYY, DD.MM.YYYY or YYYY/MM/DD)"


class TimestampFormatError(ValueFormatError):
    expected = "a timestamp with a UTC offset, like 2026-11-26T08:15:00+00:00"


class FlagFormatError(ValueFormatError):
    expected = "Yes or No"


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount as written: its value and the currency mark next to it, if any."""

    value: Decimal
    symbol: str | None = None


def currency_for(symbol: str | None, marketplace_currency: str) -> str:
    """The ISO currency of an amount's mark, read on a store of ``marketplace_currency``.

    No mark means the marketplace's currency; a bare ``$`` means the marketplace's own dollar
    (USD on amazon.com, CAD on amazon.ca), or USD on a marketplace that has none.
    """
    if symbol is None:
        return marketplace_currency
    if symbol == "$":
        return marketplace_currency if marketplace_currency in _DOLLAR_CURRENCIES else "USD"
    return CURRENCY_SYMBOLS.get(symbol, symbol)


def parse_amount(
    text: str, *, decimal_comma: bool | None = None, ambiguous_error: bool = False
) -> Amount:
    """``US$1,234.56`` / ``5.255,61 €`` / ``-1,052.64`` / ``￥1,234`` -> value and mark (see
    :func:`_parse_amount`)."""
    return _parse_amount(text, decimal_comma=decimal_comma, ambiguous_error=ambiguous_error)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _parse_amount(
    text: str, *, decimal_comma: bool | None = None, ambiguous_error: bool = False
) -> Amount:
    """``US$1,234.56`` / ``5.255,61 €`` / ``-1,052.64`` / ``￥1,234`` -> value and mark.

    ``decimal_comma`` is the file's decimal mark when the caller knows it (True: ``1.500`` is
    1500). When it is None the mark after the number decides (``1.234 €`` is continental),
    else the dot is the decimal mark -- unless ``ambiguous_error``: then a lone mark before
    three digits (``1.500``, ``1,500``) is an :class:`AmbiguousAmountError`, not a guess.
    """
    stripped = text.strip()
    if _PLAIN_DECIMAL.fullmatch(stripped) and not (
        "." in stripped and (decimal_comma or (decimal_comma is None and ambiguous_error))
    ):
        return Amount(Decimal(stripped))
    negative, prefix, body, suffix = _split(stripped, AmountFormatError)
    if (prefix and suffix) or suffix == "%":
        raise AmountFormatError(text)
    symbol = prefix or suffix or None
    if symbol is not None and not _known_symbol(symbol):
        raise AmountFormatError(text)
    if decimal_comma is None:  # 1.234 € is continental; 1,234 USD is not
        decimal_comma = bool(suffix) and not _ISO_CODE.fullmatch(suffix)
        if not decimal_comma and ambiguous_error and _lone_group(body) is not None:
            raise AmbiguousAmountError(text)
    value = _to_decimal(body, decimal_comma=decimal_comma, error=AmountFormatError, text=text)
    return Amount(-value if negative else value, symbol)


def parse_decimal(text: str, *, decimal_comma: bool | None = None) -> Decimal:
    """A number, with or without a currency mark (see :func:`_parse_decimal`)."""
    return _parse_decimal(text, decimal_comma=decimal_comma)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _parse_decimal(text: str, *, decimal_comma: bool | None = None) -> Decimal:
    """A number, with or without a currency mark (the mark is dropped)."""
    stripped = text.strip()
    if _PLAIN_DECIMAL.fullmatch(stripped) and not ("." in stripped and decimal_comma):
        return Decimal(stripped)
    try:
        return parse_amount(text, decimal_comma=decimal_comma).value
    except AmountFormatError:
        raise NumberFormatError(text) from None


def parse_int(text: str) -> int:
    """A whole number, thousands separators allowed (see :func:`_parse_int`)."""
    return _parse_int(text)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _parse_int(text: str) -> int:
    """A whole number, thousands separators allowed: ``1,234`` / ``1.234`` / ``1 234``."""
    stripped = text.strip()
    if _PLAIN_INT.fullmatch(stripped):
        return int(stripped)
    negative, prefix, body, suffix = _split(stripped, WholeNumberError)
    if prefix or suffix:
        raise WholeNumberError(text)
    value = _to_decimal(body, decimal_comma=None, error=WholeNumberError, text=text)
    return -int(value) if negative else int(value)


def parse_percent(text: str, *, decimal_comma: bool | None = None) -> Decimal:
    """``12.34%`` -> ``0.1234`` (see :func:`_parse_percent`)."""
    return _parse_percent(text, decimal_comma=decimal_comma)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _parse_percent(text: str, *, decimal_comma: bool | None = None) -> Decimal:
    """``12.34%`` -> ``0.1234``; a plain number is already a fraction: ``0.125`` -> ``0.125``."""
    stripped = text.strip()
    if _PLAIN_DECIMAL.fullmatch(stripped):
        return Decimal(stripped)
    negative, prefix, body, suffix = _split(stripped, PercentFormatError)
    if prefix or suffix not in ("", "%"):
        raise PercentFormatError(text)
    comma = bool(decimal_comma)
    value = _to_decimal(body, decimal_comma=comma, error=PercentFormatError, text=text)
    if suffix == "%":
        value = value.scaleb(-2)
    return -value if negative else value


def _known_symbol(symbol: str) -> bool:
    return symbol == "$" or symbol in CURRENCY_SYMBOLS or bool(_ISO_CODE.fullmatch(symbol))


def _split(text: str, error: type[ValueFormatError]) -> tuple[bool, str, str, str]:
    """Split ``-US$1,234.56`` into (negative, prefix mark, digits, suffix mark)."""
    inner, negative = text, False
    if inner.startswith("(") and inner.endswith(")"):
        inner, negative = inner[1:-1].strip(), True
    match = _AMOUNT.fullmatch(inner)
    if (
        match is None
        or (match["s1"] and match["s2"])
        or (negative and (match["s1"] or match["s2"]))
    ):
        raise error(text)
    sign = match["s1"] or match["s2"]
    return negative or sign in ("-", "\u2212"), match["pre"], match["body"], match["post"]


def _to_decimal(
    body: str, *, decimal_comma: bool | None, error: type[ValueFormatError], text: str
) -> Decimal:
    """Digits with grouping and at most one decimal mark -> Decimal (exact)."""
    mark = _decimal_mark(body, decimal_comma)
    whole, _, fraction = body.rpartition(mark) if mark else (body, "", "")
    if mark and (error is WholeNumberError or not fraction.isdigit()):
        raise error(text)
    digits = _ungroup(whole, error, text)
    return Decimal(f"{digits or '0'}.{fraction}" if mark else digits)


def _decimal_mark(body: str, decimal_comma: bool | None) -> str | None:
    """Which of ``.`` and ``,`` is the decimal mark in ``body``, if any (None: integers)."""
    dot, comma = body.rfind("."), body.rfind(",")
    if dot >= 0 and comma >= 0:
        return "." if dot > comma else ","
    marks = [c for c in body if c in ".,"]
    if len(marks) != 1:
        return None  # no mark, or the same mark repeated: thousands grouping
    mark = _lone_group(body)
    if mark is None:
        return marks[0]
    if decimal_comma is None:  # a whole-number column: 1.234 and 1,234 both mean 1234
        return None
    return mark if (mark == ",") == decimal_comma else None


def _lone_group(body: str) -> str | None:
    """The mark of ``1.234`` / ``1,234`` -- one mark, three digits after it, a number not
    starting with 0 before it: grouping or decimal depending on the file's convention."""
    marks = [c for c in body if c in ".,"]
    if len(marks) != 1:
        return None
    before, _, after = body.partition(marks[0])
    before = before.strip()
    if len(after) != 3 or not before or before.startswith("0") or not before[-1].isdigit():
        return None
    return marks[0]


def _ungroup(whole: str, error: type[ValueFormatError], text: str) -> str:
    """``1,234,567`` / ``12,34,567`` (India) / ``1 234`` -> ``1234567``; else error."""
    groups = _GROUP_SPLIT.split(whole)
    if len(groups) == 1:
        return whole
    separators = {"\u0020" if c.isspace() else c for c in whole if not c.isdigit()}
    first, *middle, last = groups
    valid = (
        len(separators) == 1
        and 1 <= len(first) <= 3
        and not first.startswith("0")
        and len(last) == 3
        and all(len(g) in (2, 3) and g.isdigit() for g in middle)
    )
    if not valid:
        raise error(text)
    return "".join(groups)


_DATE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),  # Chinese Excel
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"), "dmy"),  # also Excel's 05.11.26
)
#: ``05/11/2026`` (or Excel's short ``5/11/26``): which part is the day is the file's to say
#: (:mod:`ingest.day_order`).
SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")


def full_year(digits: str) -> int:
    """A date's year as written: ``26`` (Excel's short date) is 2026."""
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


#: A bare whole number that a workbook cell without a date format holds for a date: Excel's
#: serial day (1900 system, day 1 = 1900-01-01, with Excel's phantom 29 February 1900).
_SERIAL = re.compile(r"(\d{5})(?:\.0+)?")
_EXCEL_EPOCH = date(1899, 12, 30)
#: Serial days read as dates: 2000-01-01 .. 2100-12-31; other numbers are no dates.
_SERIAL_RANGE = (36526, 73415)

DayOrder = Literal["dmy", "mdy"]


@dataclass(frozen=True, slots=True)
class DateReading:
    """How one column's dates read: the order of ``05/11/2026`` (day first or month first),
    and whether a bare number is an Excel serial day (a workbook's cell without a date
    format). Decided per column and file by :mod:`ingest.day_order`."""

    order: DayOrder = "mdy"
    serials: bool = False
    #: what a cell that is no date is told to be, in the forms of the file or marketplace
    #: (``day_order.expected``); None: every form read
    expected: str | None = None


#: The reading of the column being parsed, for parsers that take a text only (converters).
_PLAIN = DateReading()
_READING: ContextVar[DateReading] = ContextVar("date_reading", default=_PLAIN)


@contextmanager
def reading_dates(reading: DateReading) -> Iterator[None]:
    """Parse dates with ``reading`` inside the block (one column's converter calls)."""
    token = _READING.set(reading)
    try:
        yield
    finally:
        _READING.reset(token)


def date_reading() -> DateReading:
    """The reading in effect (:func:`reading_dates`)."""
    return _READING.get()


def parse_date(text: str, reading: DateReading | None = None) -> date:
    """A date as :func:`_parse_date` reads it."""
    return _parse_date(text, reading or _READING.get())


@functools.lru_cache(maxsize=MEMO_SIZE)
def _parse_date(text: str, reading: DateReading) -> date:
    """``2026-11-26``, ``2026/11/26``, ``2026年11月26日``, ``26.11.2026``, and ``05/11/2026``
    in the order ``reading`` (:func:`parse_date`: the column's, :func:`reading_dates`) gives;
    with ``reading.serials`` also an Excel serial day (``46346``: 2026-11-20)."""
    stripped = text.strip()
    forms = (*_DATE_FORMS, (SLASHED_DATE, reading.order))
    for pattern, order in forms:
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        try:
            return date(full_year(parts["y"]), int(parts["m"]), int(parts["d"]))
        except ValueError:
            break
    if reading.serials and (serial := _SERIAL.fullmatch(stripped)) is not None:
        days = int(serial[1])
        if _SERIAL_RANGE[0] <= days <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + timedelta(days=days)
    raise DateFormatError(text, reading.expected)


def parse_timestamp(text: str) -> datetime:
    """ISO-8601 with a UTC offset (see :func:`_parse_timestamp`)."""
    return _parse_timestamp(text)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _parse_timestamp(text: str) -> datetime:
    """ISO-8601 with a UTC offset (``2022-07-18T18:52:47+00:00``, ``...Z``); aware result."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise TimestampFormatError(text) from None
    if moment.tzinfo is None:
        raise TimestampFormatError(text)
    return moment


_FLAGS = {"yes": True, "true": True, "y": True, "1": True, "no": False, "false": False}
_FLAGS |= {"n": False, "0": False}
#: ... and as the Chinese templates' own columns say it (``已验证购买``: 是/否; a flag of
#: having something, ``A+页面``: 有/无).
_FLAGS |= {"是": True, "否": False, "有": True, "无": False, "無": False}


def parse_flag(text: str) -> bool:
    """``Yes``/``No`` (MYI), ``true``/``false`` (All Orders), ``Y``/``N``, ``1``/``0``,
    ``是``/``否`` and ``有``/``无`` (Chinese templates)."""
    try:
        return _FLAGS[text.strip().lower()]
    except KeyError:
        raise FlagFormatError(text) from None


class AsinFormatError(ValueFormatError):
    expected = "a 10-character ASIN"


_ASIN = re.compile(r"[A-Z0-9]{10}")


def parse_asin(text: str) -> str:
    """An ASIN, upper-cased; an ISBN-ASIN a spreadsheet stripped of leading zeros is padded.

    Scientific notation (``1.23457E+09``, from a spreadsheet re-save) cannot be repaired and
    is an error.
    """
    asin = text.strip().upper()
    if asin.isdigit() and len(asin) < 10:
        asin = asin.zfill(10)
    if not _ASIN.fullmatch(asin):
        raise AsinFormatError(text)
    return asin
