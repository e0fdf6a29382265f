"""Dates, times and decimal marks as Seller Central writes them for people, in any language.

Payments reports (Date Range transaction CSVs, settlement flat files) write moments the way
the seller's display language does (report-formats.md §0.5, §4b, §4c)::

    Dec 1, 2017 12:38:23 AM PST          US
    Dec 1, 2017 12:38:23 a.m. PST        Canada, Mexico
    15 Mar 2026 3:22:08 PM UTC           UK / EU English
    01.03.2026 00:15:04 UTC              German
    1 déc. 2017 00:38:23 UTC             French (month names of en/de/fr/it/es/nl/pt)
    2017/12/01 0:38:23JST                Japanese
    2021年3月1日 下午3:22:08 PST         Chinese interface (上午 / 下午)
    2026-09-01 07:00:00 UTC / 2015-12-02T03:27:08+00:00

:func:`parse_moment` reads all of them into a :class:`LocalMoment` (the wall-clock time as
written, and its zone when the text names one); the caller, who knows the store's
marketplace, turns it into a UTC timestamp and the day the report counts it on
(:meth:`LocalMoment.local_day`). Which of ``,`` and ``.`` is a file's decimal mark, and
whether its ``01/02/2026`` means 1 February, is decided per file from all its values
(:func:`sniff_decimal_comma`, :func:`sniff_day_first`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache

from babel.dates import get_month_names

from sellerops.ingest import values
from sellerops.ingest.values import ValueFormatError


class MomentFormatError(ValueFormatError):
    expected = 'a date and time like "Dec 1, 2017 12:38:23 AM PST" or 2026-11-26T08:15:00+00:00'


#: The ISO form every file may use, named after the file's own form in :func:`moment_expected`.
_ISO_MOMENT = "2026-11-26T08:15:00+00:00"
#: A moment as each display language's payments reports write it (module docstring), for what
#: a cell that is no moment is told: 15 March, so a numeric date shows its order by itself.
_MOMENT_EXAMPLES = {
    "en_US": "Dec 1, 2017 12:38:23 AM PST",  # (MomentFormatError's own, for US files)
    "en_GB": "15 Mar 2026 3:22:08 PM UTC",
    "de": "15.03.2026 15:22:08 UTC",
    "fr": "15 mars 2026 15:22:08 UTC",
    "ja": "2026/03/15 15:22:08JST",
    "zh": "2026/3/15 下午3:22:08 PST",
}
#: ... and a day-first file's whose language has none of its own above (it, es, nl, MX).
_DAY_FIRST_EXAMPLE = "15/03/2026 15:22:08 UTC"


def moment_expected(language: str, day_first: bool) -> str:
    """What a cell that is no moment is told to be, in the form of the file it is in: its
    display language (a Date Range report's ``Locale.code``) and the day order the file is
    read in (a ``15/03/2026`` of an English file read day first is the UK's form)."""
    if language.startswith("en"):
        language = "en_GB" if day_first else "en_US"
    example = _MOMENT_EXAMPLES.get(language, _DAY_FIRST_EXAMPLE if day_first else None)
    if example is None:
        example = _MOMENT_EXAMPLES["en_US"]
    return f'a date and time like "{example}" or {_ISO_MOMENT}'


@dataclass(frozen=True, slots=True)
class LocalMoment:
    """A moment as written: wall-clock time, the zone the text names (if any), and whether
    the text had a time of day at all (``posted-date`` columns hold a date only)."""

    wall: datetime  # naive
    zone: tzinfo | None
    has_time: bool

    def utc(self, default: tzinfo) -> datetime | None:
        """The UTC timestamp; a text without a zone is in ``default`` (the marketplace's).
        None for a date without a time."""
        if not self.has_time:
            return None
        return self.wall.replace(tzinfo=self.zone or default).astimezone(UTC)

    def instant(self, default: tzinfo) -> datetime:
        """The UTC timestamp, a bare date read as midnight in ``default``."""
        return self.wall.replace(tzinfo=self.zone or default).astimezone(UTC)

    def local_day(self, market: tzinfo) -> date:
        """The day the report gives the moment. A text naming a local zone (``PST``,
        ``GMT-6``, ``JST``) is on the clock the report itself counts days by, so its day is
        the one written: Amazon Mexico's ``1 nov. 2026 12:38:23 a.m. GMT-6`` is of November 1
        (a November report holds it), though it is still October 31 in Los Angeles, the zone
        Amazon keeps the MX and CA marketplaces' days in. A moment in UTC, or with no zone,
        is put on ``market``'s clock; a bare date is taken as written."""
        if not self.has_time:
            return self.wall.date()
        if self.zone is not None and self.zone.utcoffset(None) != timedelta(0):
            return self.wall.date()
        return self.wall.replace(tzinfo=self.zone or market).astimezone(market).date()


#: Zone abbreviations seen in Amazon files (and their neighbours), hours from UTC.
_ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
    "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "TRT": 3, "GST": 4, "IST": 5.5, "SGT": 8,
    "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "BRT": -3, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
    "HST": -10,
}  # fmt: skip
_MERIDIEM = re.compile(
    r"(?<![^\W\d_])(?P<latin>[ap])\.?\s?m\.?(?![^\W\d_])|(?P<am>上午|午前|凌晨|早上)|(?P<pm>下午|午後|晚上|中午)",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<!\d)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?(?![\d:])"
)
_NAMED_OFFSET = re.compile(
    r"(?<![^\W\d_])(?:UTC|GMT)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?!\d)",
    re.IGNORECASE,
)
_ZONE_WORD = re.compile(r"(?<![^\W\d_])([A-Za-z]{1,5})(?![^\W\d_])")
_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_NUMERIC = re.compile(r"(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?!\d)")
_NAME_FIRST = re.compile(r"([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\.?,?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]{3,})\.?,?\s+(\d{4})")
_FILLER = re.compile(r"[\s,T]")
_SPANISH_DE = re.compile(r"(?<![^\W\d_])de(?![^\W\d_])", re.IGNORECASE)
_MONTH_LOCALES = ("en", "de", "fr", "it", "es", "nl", "pt")


@cache
def _month_names() -> dict[str, int]:
    """Lower-case month names and abbreviations (periods dropped) -> month, in the languages
    of Amazon's European and American marketplaces; a spelling two months share is left out."""
    seen: dict[str, set[int]] = {}
    for locale in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, locale).items():
                    key = _fold(name)
                    for spelling in {key, key[:3], key[:4]}:
                        if len(spelling) >= 3:
                            seen.setdefault(spelling, set()).add(month)
    seen.setdefault("sept", set()).add(9)
    return {name: months.pop() for name, months in seen.items() if len(months) == 1}


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().replace(".", "").strip()


def parse_moment(text: str, *, day_first: bool = False) -> LocalMoment:
    """Any of the forms in the module docstring. ``day_first`` decides ``01/02/2026`` (a
    part above 12 decides by itself); ``01.02.2026`` is always day first."""
    return _parse_moment(text, day_first=day_first)


#: Remembered per text and day order like ``values``' parsers: a report repeats the same
#: few texts down a column (a LocalMoment is immutable; an error is not remembered).
@functools.lru_cache(maxsize=values.MEMO_SIZE)
def _parse_moment(text: str, *, day_first: bool = False) -> LocalMoment:
    clean = unicodedata.normalize("NFKC", text).strip()
    rest, meridiem = _take_meridiem(clean)
    rest, clock, zone = _take_time(rest, text)
    if zone is None:
        rest, zone = _take_zone(rest, text)
    day = _take_date(rest, text, day_first)
    if clock is None:
        if meridiem is not None or zone is not None:
            raise MomentFormatError(text)
        return LocalMoment(datetime(day.year, day.month, day.day), None, False)
    hour, minute, second = clock
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise MomentFormatError(text)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        wall = datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        raise MomentFormatError(text) from None
    return LocalMoment(wall, zone, True)


def _take_meridiem(text: str) -> tuple[str, str | None]:
    match = _MERIDIEM.search(text)
    if match is None:
        return text, None
    if match["latin"]:
        kind = "am" if match["latin"].lower() == "a" else "pm"
    else:
        kind = "am" if match["am"] else "pm"
    return text[: match.start()] + " " + text[match.end() :], kind


def _take_time(text: str, original: str) -> tuple[str, tuple[int, int, int] | None, tzinfo | None]:
    match = _TIME.search(text)
    if match is None:
        return text, None, None
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise MomentFormatError(original)
    zone: tzinfo | None = None
    if match["offset"]:
        offset = match["offset"]
        if offset == "Z":
            zone = UTC
        else:
            digits = offset[1:].replace(":", "")
            zone = _offset_zone(offset[0], int(digits[:2]), int(digits[2:]))
    return text[: match.start()] + " " + text[match.end() :], (hour, minute, second), zone


def _take_zone(text: str, original: str) -> tuple[str, tzinfo | None]:
    match = _NAMED_OFFSET.search(text)
    if match is not None:
        zone = _offset_zone(match["sign"], int(match["h"]), int(match["m"] or 0))
        return text[: match.start()] + " " + text[match.end() :], zone
    for word in _ZONE_WORD.finditer(text):
        hours = _ZONES.get(word[1].upper())
        if hours is not None and word[1].isupper():
            zone = timezone(timedelta(hours=hours))
            return text[: word.start()] + " " + text[word.end() :], zone
    return text, None


def _offset_zone(sign: str, hours: int, minutes: int) -> tzinfo:
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if sign == "-" else delta)


def _take_date(text: str, original: str, day_first: bool) -> date:
    text = _SPANISH_DE.sub(" ", text)  # "1 de dic. de 2017"
    for finder in (_ymd, _numeric, _named):
        found = finder(text, day_first)
        if found is None:
            continue
        (year, month, day), (start, end) = found
        if _FILLER.sub("", text[:start] + text[end:]):
            raise MomentFormatError(original)  # words left over: not a date we understand
        try:
            return date(year, month, day)
        except ValueError:
            raise MomentFormatError(original) from None
    raise MomentFormatError(original)


Found = tuple[tuple[int, int, int], tuple[int, int]] | None


def _ymd(text: str, _day_first: bool) -> Found:
    match = _YMD.search(text)
    if match is None:
        return None
    return (int(match[1]), int(match[2]), int(match[3])), match.span()


def _numeric(text: str, day_first: bool) -> Found:
    match = _NUMERIC.search(text)
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    if len(match[4]) == 2:
        year += 2000
    if match[2] == "." or first > 12:
        day_first = True
    elif second > 12:
        day_first = False
    day, month = (first, second) if day_first else (second, first)
    return (year, month, day), match.span()


def _named(text: str, _day_first: bool) -> Found:
    months = _month_names()
    for pattern, name_at in ((_NAME_FIRST, 1), (_DAY_FIRST, 2)):
        match = pattern.search(text)
        if match is None:
            continue
        month = months.get(_fold(match[name_at]))
        if month is None:
            continue
        day = int(match[2] if name_at == 1 else match[1])
        return (int(match[3]), month, day), match.span()
    return None


_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-](?:\d{4}|\d{2})(?!\d)")


def sniff_day_first(texts: Iterable[str]) -> bool | None:
    """Whether a file's ``a/b/yyyy`` dates are day first: decided by any ``a`` or ``b`` above
    12; None when no value tells (or values contradict each other)."""
    day_first = month_first = False
    for text in texts:
        for match in _SLASH_DATE.finditer(text):
            first, second = int(match[1]), int(match[2])
            day_first |= first > 12
            month_first |= second > 12
    if day_first == month_first:
        return None
    return day_first


#: Marketplaces whose reports write a decimal comma (``1.234,56``): continental Europe,
#: Turkey and Brazil. The others (US, CA, MX, UK, IE, JP, IN, AU, SG, AE, SA, EG, ZA) write
#: a decimal point.
COMMA_MARKETPLACES = frozenset({"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "TR", "BR"})


def marketplaces_decimal_comma(codes: Iterable[str]) -> bool | None:
    """Whether the marketplaces a file's rows name write a decimal comma: True / False when
    all of them agree, None when they are mixed or no row names one."""
    found = {code in COMMA_MARKETPLACES for code in codes}
    return found.pop() if len(found) == 1 else None


def sniff_decimal_comma(texts: Iterable[str]) -> bool | None:
    """Whether a file's amounts use a decimal comma (``1.234,56``, ``12,5``): True / False
    when some value tells and none contradicts, else None (whole numbers, or ``1,234``
    alone, tell nothing)."""
    comma = dot = False
    seen: set[str] = set()
    for text in texts:
        if text in seen:
            continue  # a report repeats the same few amounts: each text votes once
        if len(seen) < values.MEMO_SIZE:
            seen.add(text)
        vote = _decimal_vote(text)
        if vote is not None:
            comma |= vote
            dot |= not vote
            if comma and dot:
                return None  # values contradict each other: no later one can tell
    if comma == dot:
        return None
    return comma


def _decimal_vote(text: str) -> bool | None:
    digits = re.sub(r"[^\d.,]", "", text)
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        return last_comma > last_dot
    mark = "," if last_comma >= 0 else "." if last_dot >= 0 else ""
    if not mark:
        return None
    if digits.count(mark) > 1:
        return mark == "."  # 1.234.567: dots group, so the decimal mark is a comma
    after = digits.rpartition(mark)[2]
    if len(after) == 3:
        return None
    return mark == ","
