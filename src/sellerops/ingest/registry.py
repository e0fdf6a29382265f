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


@dataclass(frozen=True, slots=True)
class LoadContext:
    session: Session
    store: Store
    marketplace: Marketplace
    day: date | None
    batch_id: int
    file_name: str


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


def detect(header: list[str], file_name: str) -> tuple[Family, HeaderMap]:
    """The family this header belongs to, or :class:`UnknownReportError`."""
    candidates = [(f, f.map_header(header)) for f in families()]
    complete = [(f, m) for f, m in candidates if not m.missing]
    if complete:
        return max(complete, key=lambda fm: fm[1].score)
    titles = [f.title for f in families()]
    raise UnknownReportError(file_name, titles, _closest_hint(candidates))


def _closest_hint(candidates: list[tuple[Family, HeaderMap]]) -> str:
    """Name the family the header nearly matches (half its required columns or more)."""

    def found_share(fm: tuple[Family, HeaderMap]) -> float:
        required = sum(1 for c in fm[0].columns if c.required)
        return 1 - len(fm[1].missing) / max(1, required)

    if not candidates:
        return ""
    family, header_map = max(candidates, key=found_share)
    if found_share((family, header_map)) < 0.5:
        return ""
    lacking = ", ".join(f'"{c.aliases[0] if c.aliases else c.key}"' for c in header_map.missing)
    return f" It looks closest to {family.title}, but lacks the columns {lacking}."
