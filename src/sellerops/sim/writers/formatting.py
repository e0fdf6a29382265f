"""How values look in the files: the UI's human formats and the flat files' plain ones.

See ``shared/formats/report-formats.md`` section 0: UI reports (Business Reports, Ads console)
use thousands separators, ``%`` and currency symbols; flat files use plain decimals and
ISO-8601 timestamps with an offset. Amounts arrive here as integers in minor units so nothing
is lost to floating point on the way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from babel.numbers import get_currency_precision, get_currency_symbol

#: Babel locale whose currency symbol each interface language shows (``US$`` in Chinese).
_SYMBOL_LOCALE = {"en": "en_US", "zh": "zh_CN"}


def thousands(n: int) -> str:
    """``1234`` -> ``1,234``."""
    return f"{n:,}"


def percent(part: float, whole: float, places: int = 2) -> str:
    """``part / whole`` as ``12.34%``; ``0.00%`` when the whole is zero."""
    value = 100.0 * part / whole if whole else 0.0
    return f"{value:.{places}f}%"


def fraction_percent(value: float, places: int = 2) -> str:
    """A 0..1 fraction as a percentage string."""
    return f"{100.0 * value:.{places}f}%"


@cache
def _symbol(currency: str, lang: str) -> str:
    return str(get_currency_symbol(currency, locale=_SYMBOL_LOCALE[lang]))


@cache
def _digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def money_ui(minor: int, currency: str, lang: str) -> str:
    """``$1,234.56`` (en) / ``US$1,234.56`` (zh): symbol, thousands separators, minor digits."""
    return _symbol(currency, lang) + _grouped(minor, _digits(currency))


def _grouped(minor: int, digits: int) -> str:
    sign = "-" if minor < 0 else ""
    minor = abs(minor)
    if digits == 0:
        return f"{sign}{minor:,}"
    unit = 10**digits
    return f"{sign}{minor // unit:,}.{minor % unit:0{digits}d}"


def plain_decimal(minor: int, currency: str) -> str:
    """Flat-file amounts as Amazon writes them: ``14.0``, ``7.99``, ``29.9`` (no grouping)."""
    digits = _digits(currency)
    if digits == 0:
        return str(minor)
    unit = 10**digits
    sign = "-" if minor < 0 else ""
    minor = abs(minor)
    frac = f"{minor % unit:0{digits}d}".rstrip("0") or "0"
    return f"{sign}{minor // unit}.{frac}"


def grouped_decimal(minor: int, currency: str) -> str:
    """Amounts with thousands separators and all minor digits: ``-1,052.64`` (Date Range)."""
    return _grouped(minor, _digits(currency))


def fixed_decimal(minor: int, currency: str) -> str:
    """Amounts with all minor digits: ``24.99``, ``25.00``."""
    return _grouped(minor, _digits(currency)).replace(",", "")


def iso_utc(epoch_seconds: int) -> str:
    """``2022-07-18T18:52:47+00:00``."""
    return datetime.fromtimestamp(epoch_seconds, UTC).isoformat()


def clean(value: str) -> str:
    """Tab-separated files have no quoting: a tab or newline inside a value would break rows."""
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    """A flat file: UTF-8, tab-separated, no quoting, ``\\n`` line ends."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            line = "\t".join(row)
            # Cheap check on the joined line; clean value by value only when something is off.
            if line.count("\t") != len(row) - 1 or "\n" in line or "\r" in line:
                line = "\t".join(clean(v) for v in row)
            f.write(line + "\n")
    return path


def write_ui_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool
) -> Path:
    """A UI download: comma-separated, every field double-quoted, ``\\r\\n`` line ends.

    ``bom`` writes the UTF-8 byte-order mark Chinese-language downloads carry (so Excel shows
    the Chinese correctly).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig" if bom else "utf-8", newline="")
    return path
