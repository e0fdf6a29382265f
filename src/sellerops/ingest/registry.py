"""Report families: what each one's header looks like, and which one a file is.

A family registers its columns (every spelling, in every language, of each header),
which of them must be present, and its ``parse`` / ``load`` steps. A file is recognised by
its header row only, never by its name: the family whose required columns are all present
and which explains the largest share of the header wins. ``ingest.service`` registers the
families sellerops ships, in the order messages list them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from sellerops.core.marketplaces import Marketplace
from sellerops.ingest.errors import UnknownReportError
from sellerops.ingest.headers import normalize_header

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sellerops.core.models import Store
    from sellerops.ingest.reader import Table

Kind = Literal[
    "text", "int", "decimal", "amount", "percent", "timestamp", "date", "flag", "asin", "ignore"
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a family. ``key`` is the field name the parser gives the value."""

    key: str
    aliases: tuple[str, ...]
    kind: Kind = "text"
    required: bool = False  # the header must be there for a file to be this family
    nonempty: bool = False  # every row needs a value in it
    default: Any = None  # the value of an empty cell
    max_len: int | None = None  # longer text is an error (ids) ...
    truncate: bool = False  # ... or is cut to max_len (titles, free text)
    #: a parser of the family's own for a ``text`` column (e.g. ``Dec 01, 2019`` dates); it
    #: raises ``values.ValueFormatError`` so the error is located like any other
    convert: Callable[[str], Any] | None = None


def column(key: str, *aliases: str, **options: Any) -> Column:
    return Column(key, aliases, **options)


@dataclass(frozen=True, slots=True)
class MappedColumn:
    index: int
    header: str  # as written in the file, for messages
    column: Column


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """How one file's header row lines up with one family's columns."""

    mapped: tuple[MappedColumn, ...]
    missing: tuple[Column, ...]  # required columns the header lacks
    width: int  # non-blank header cells
    size: int  # all header cells, blank ones included

    @property
    def score(self) -> float:
        return len(self.mapped) / max(1, self.width)


@dataclass(slots=True)
class Parsed:
    """A whole file, parsed and validated, before anything is written."""

    rows_read: int
    records: Any
    #: marketplace code -> rows, for files that say where each row was sold (All Orders)
    marketplaces: Counter[str] = field(default_factory=Counter)
    #: the currency the file states its amounts in, when it states one (settlements); the
    #: store marketplace's currency otherwise
    currency: str | None = None
    #: marketplace code -> the currency its rows state, for files whose rows say both (All
    #: Orders of a unified account: DE and FR rows in EUR, UK rows in GBP)
    currencies: dict[str, str] = field(default_factory=dict)
    #: the currency mark the money cells carry (``$``, ``€``), when they carry one: a bare
    #: ``$`` says "some dollar", which ``currency`` cannot
    currency_mark: str | None = None
    #: rows marked as a template's example (``templates.EXAMPLE_MARK``): skipped, not read
    examples: int = 0
    #: a ``needs_day`` file whose rows say their day after all (a Business Report with a
    #: ``Date`` column added by a merge script): no day is asked of its name or the options
    dated_rows: bool = False


#: What a file adds up to: name -> exact number (see :attr:`Family.totals`).
Totals = dict[str, Decimal]
#: The totals that are money (in the file's currency); the others are counts.
MONEY_TOTALS = frozenset({"sales", "spend", "total"})


def totals_text(totals: Totals) -> dict[str, str]:
    """Totals as the decimal strings ``import --json`` and the import history give: money
    with at least two decimals (``"0.90"``, ``"1200.00"``; more when the file has more),
    counts as they are (``"1243"``)."""
    out = {}
    for key, value in totals.items():
        if key in MONEY_TOTALS and value.is_finite():
            places = max(2, -int(value.as_tuple().exponent))
            value = value.quantize(Decimal(1).scaleb(-places))
        out[key] = str(value)
    return out


@dataclass(frozen=True, slots=True)
class LoadContext:
    session: Session
    store: Store
    marketplace: Marketplace
    day: date | None
    batch_id: int
    file_name: str
    #: the last day, when a ``ranges`` family's file covers ``day`` .. ``until`` (not one day)
    until: date | None = None
    #: whether the uploader may import into a store (by id) other than ``store``: a web
    #: upload's lines of another marketplace go only where its uploader may act; None on the
    #: command line (every store)
    may_write: Callable[[int], bool] | None = None


@dataclass(slots=True)
class LoadResult:
    """Rows of the family's main table; ``rejected`` were read but belong elsewhere."""

    inserted: int = 0
    updated: int = 0
    rejected: int = 0
    data_start: date | None = None
    data_end: date | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Family:
    name: str  # stored as import_batch.report_type
    title: str  # what users call it
    columns: tuple[Column, ...]
    needs_day: bool  # the file has no date column: the day comes from its name or --date
    parse: Callable[[Table, HeaderMap], Parsed]
    load: Callable[[LoadContext, Parsed], LoadResult]
    #: Optional: what the file adds up to, for ``import --json`` and the import_batch row.
    #: Keys by kind of report: ``units``, ``sales`` (sales reports); ``impressions``,
    #: ``clicks``, ``spend``, ``sales``, ``orders`` (ads); ``total`` (settlements,
    #: transactions); ``quantity`` (inventory, returns). Amounts are in ``Parsed.currency``
    #: (else the marketplace's); rows of other marketplaces than the store's are left out.
    totals: Callable[[Parsed, Marketplace], Totals] | None = None
    #: Optional: the bulk path's parse of a delimited file (``ingest.columnar``), whose
    #: ``Parsed`` the family's ``load`` and ``totals`` also take. Either may raise
    #: ``columnar.Unsupported``: the import is then rolled back and redone row by row.
    columnar_parse: Callable[[Table, HeaderMap], Parsed] | None = None
    #: A ``needs_day`` file may cover several days (a Business Report downloaded for a date
    #: range: totals over the range): its ``load`` then gets ``LoadContext.until``.
    ranges: bool = False
    #: Optional, for a ``needs_day`` family whose day comes from the file name or the options:
    #: remove the rows an earlier import (a batch id) of the store left, returning how many.
    #: The same file imported again for other days moves there (a report of one day is on
    #: one day only), rather than staying on the day it was first imported for.
    forget: Callable[[Session, int, int], int] | None = None
    #: A JSON document's family (``documents.json_family``): its "columns" are the
    #: document's top-level keys, so it is never named as close to a table's header.
    document: bool = False
    _lookup: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, Column] = {}
        for col in self.columns:
            for alias in (col.key, *col.aliases):
                lookup.setdefault(normalize_header(alias), col)
        object.__setattr__(self, "_lookup", lookup)

    def map_header(self, header: list[str]) -> HeaderMap:
        """Line the file's header up with this family's columns (the first spelling wins)."""
        mapped: dict[str, MappedColumn] = {}
        for index, name in enumerate(header):
            col = self._lookup.get(normalize_header(name))
            if col is not None and col.key not in mapped:
                mapped[col.key] = MappedColumn(index, name.strip(), col)
        missing = tuple(c for c in self.columns if c.required and c.key not in mapped)
        width = sum(1 for name in header if name.strip())
        return HeaderMap(tuple(mapped.values()), missing, width, len(header))


_FAMILIES: dict[str, Family] = {}


def register(family: Family) -> Family:
    _FAMILIES[family.name] = family
    return family


def families() -> tuple[Family, ...]:
    return tuple(_FAMILIES.values())


def recognises(header: list[str]) -> bool:
    """Whether some family has all its required columns in ``header`` (finds header rows
    below a preamble, and the sheet of a workbook that holds a report)."""
    maps = (f.map_header(header) for f in families())
    return any(m.mapped and not m.missing for m in maps)


def detect(
    header: list[str], file_name: str, *, document: bool = False
) -> tuple[Family, HeaderMap]:
    """The family this header belongs to, or :class:`UnknownReportError`. ``document``:
    the header is a JSON document's top-level keys (else a table's header, which no JSON
    document type is named as close to: a CSV file cannot be one)."""
    candidates = [(f, f.map_header(header)) for f in families()]
    complete = [(f, m) for f, m in candidates if not m.missing]
    if complete:
        return max(complete, key=lambda fm: fm[1].score)
    alike = [fm for fm in candidates if similar(fm) and (document or not fm[0].document)]
    known_by = Counter(m.header.casefold() for _, hm in alike for m in hm.mapped)
    ranked = sorted(alike, key=lambda fm: _likeness(fm, known_by), reverse=True)
    closest = [f.title for f, _ in ranked[:CLOSEST]]
    hint = _closest_hint(ranked)  # (the error adds the header's language when that is the cause)
    raise UnknownReportError(file_name, closest, len(candidates), hint, header=header)


#: How many of the nearest report types an "unknown report" message names.
CLOSEST = 3
#: A report type is named as close when at least this many header cells are its columns (a
#: Business Report in a language we do not know yet still has its ``(Parent) ASIN``); a text
#: file, or a sheet of something else, matches none and gets no suggestions.
SIMILAR_COLUMNS = 1


def similar(fm: tuple[Family, HeaderMap]) -> bool:
    """Whether a header is like a family's (see :data:`SIMILAR_COLUMNS`)."""
    return len(fm[1].mapped) >= SIMILAR_COLUMNS


def _likeness(fm: tuple[Family, HeaderMap], known_by: Counter[str]) -> tuple[float, int, float]:
    """Share of the family's required columns found, how many columns match, and how rare
    those columns are among the families (``(Parent) ASIN`` says more than ``sku``)."""
    share, matched = _found_share(fm)
    rarity = sum(1 / known_by[m.header.casefold()] for m in fm[1].mapped)
    return share, matched, rarity


def _found_share(fm: tuple[Family, HeaderMap]) -> tuple[float, int]:
    """Share of the family's required columns the header has, then how many columns match."""
    required = sum(1 for c in fm[0].columns if c.required)
    return 1 - len(fm[1].missing) / max(1, required), len(fm[1].mapped)


def _closest_hint(ranked: list[tuple[Family, HeaderMap]]) -> str:
    """Name the family the header nearly matches (half its required columns or more)."""
    if not ranked or _found_share(ranked[0])[0] < 0.5:
        return ""
    family, header_map = ranked[0]
    lacking = ", ".join(f'"{c.aliases[0] if c.aliases else c.key}"' for c in header_map.missing)
    columns = "column" if len(header_map.missing) == 1 else "columns"
    return f" It looks closest to {family.title}, but lacks the {columns} {lacking}."
