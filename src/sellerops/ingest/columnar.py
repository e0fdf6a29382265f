"""The bulk path: large delimited reports read, typed and loaded column by column.

A family opts in with ``Family.columnar_parse`` (see ``reports/_ads_columnar.py``). The file
is cut into chunks of whole lines (``CHUNK_BYTES`` each), each parsed by polars into text
columns and typed column-wise: common number forms (``1234``, ``$1,234.56``) by vectorised
expressions, every other text by the row path's own parsers applied once per *distinct*
text, so both paths give the same values. A chunk with a cell that does not parse is handed
to the row parser, which raises the same located error (file, line, column) as the row path.

What the bulk path cannot read exactly (records spanning lines, rows polars cannot split,
amounts with more than four decimals, timestamps) raises :class:`Unsupported`: the import is
rolled back and redone by the row path.
Loading (:class:`Loader`) upserts each chunk inside the caller's transaction: on PostgreSQL
the rows of days the table held nothing of for the store are COPied straight into it, the
others staged in a temporary table (COPY) and moved with one ``INSERT ... SELECT ... ON
CONFLICT DO UPDATE``; on SQLite one ``executemany`` of the upsert.
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from queue import Queue
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import numpy as np

from sellerops.ingest import values
from sellerops.ingest.cells import _whole_number
from sellerops.ingest.reader import _records
from sellerops.ingest.registry import Column, HeaderMap

try:
    import polars as pl
except ImportError:  # pragma: no cover - polars is a dependency; the row path still works
    pl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

    from sellerops.core.db import UpsertResult
    from sellerops.ingest.reader import Table as FileTable

#: Flipped off by tests (and callers) to force the row path for comparison.
ENABLED = True
BATCH_ROWS = 100_000  # rows per staging round trip (PostgreSQL)
SQLITE_BATCH_ROWS = 20_000  # rows turned into Python tuples at a time (SQLite)
CHUNK_BYTES = 8 << 20  # bytes of the file typed at a time (memory: a few chunks are alive)
SQLITE_CACHE_KIB = 64 << 10  # SQLite page cache while loading (default: 2 MiB)
MONEY_SCALE = 4  # Money columns are NUMERIC(18, 4)
RATE_SCALE = 6  # Rate columns are NUMERIC(12, 6)
#: What Python's ``str.strip()`` removes (``str.isspace``), for polars' ``strip_chars``.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_ODD_SPACES = (b"\x1c", b"\x1d", b"\x1e", b"\x1f")
_INT = r"^-?\d{1,9}$"
_AMOUNT = r"^\$?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d{1,4})?$"


class Unsupported(Exception):
    """The file needs the row path; the bulk path would not read it exactly."""


class RowFallback(Exception):
    """A chunk holds a cell the column-wise typing refused: the row parser must locate it."""


def usable(table: FileTable) -> bool:
    """Whether the bulk path may read the table (delimited text, polars installed)."""
    delimited = table.delimiter in ("\t", ",", ";")
    readable = table.raw is not None or table.text is not None
    return ENABLED and pl is not None and readable and delimited


@dataclass(slots=True)
class Chunk:
    first_line: int  # the line of the chunk's first row
    frame: Any  # pl.DataFrame: one text column per header cell, ``c0`` ... (null: empty)
    piece: bytes  # the chunk's lines as in the file (UTF-8)
    source: Source
    odd_spaces: bool = True  # holds \x1c-\x1f, which Python strips and polars does not

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The chunk's rows split as the row path splits them: (line, cells).

        Not the frame's rows: polars pads a line cut short with nulls, and the row parser
        must see how many fields the line really has to say it was cut short."""
        text = self.piece.decode("utf-8")
        shift = self.first_line - 1
        for line, cells in _records(text, self.source.delimiter, self.source.file_name):
            yield line + shift, cells


@dataclass(frozen=True, slots=True)
class Source:
    """Where the data rows of a delimited file are: its UTF-8 bytes and its layout."""

    file_name: str
    raw: bytes
    header_line: int
    width: int
    delimiter: str

    @classmethod
    def of(cls, table: FileTable) -> Source:
        """The table's bytes (re-encoded when the file was not UTF-8). The row iterator and
        the decoded text are dropped: the bulk path reads the bytes again, in chunks."""
        raw = table.raw
        if raw is None:
            assert table.text is not None
            raw = table.text.encode("utf-8")
        table.text, table.rows = None, iter(())
        return cls(table.file_name, raw, table.header_line, len(table.header), table.delimiter)


def _pieces(source: Source, chunk_bytes: int | None) -> Iterator[tuple[int, bytes, int]]:
    """(first line, bytes, line count) of the data below the header, in whole lines."""
    raw, size = source.raw, chunk_bytes or CHUNK_BYTES
    start = 0
    for _ in range(source.header_line):
        start = raw.find(b"\n", start) + 1
        if start == 0:
            return
    line = source.header_line + 1
    while start < len(raw):
        end = raw.find(b"\n", start + size) + 1 or len(raw)
        piece = raw[start:end]
        lines = piece.count(b"\n") + (not piece.endswith(b"\n"))
        yield line, piece, lines
        line += lines
        start = end


def chunks(source: Source, chunk_bytes: int | None = None) -> Iterator[Chunk]:
    """The data rows below the header in chunks of whole lines; blank rows left out."""
    assert pl is not None
    names = [f"c{i}" for i in range(source.width)]
    for line, piece, lines in _pieces(source, chunk_bytes):
        frame = _read(piece, names, source.delimiter)
        if frame.height != lines:  # a quoted value spans lines: line numbers would drift
            raise Unsupported("records spanning lines")
        numbers = pl.int_range(line, line + lines, eager=True).alias("_line")
        frame = _without_blank_rows(frame.with_columns(numbers), names)
        if source.delimiter == "\t":
            frame = frame.with_columns(_unquote(n) for n in names)
        odd = any(c in piece for c in _ODD_SPACES)
        yield Chunk(line, frame.drop("_line"), piece, source, odd)


#: A slashed date anywhere in a cell (``05/11/2026``, ``05/11/2026 - 05/11/2026``).
SLASHED = r"\d{1,2}/\d{1,2}/\d{4}"


def columns_of(source: Source, columns: dict[str, int]) -> Iterator[Any]:
    """Some columns (name -> index) of every data row of the file, in chunks, as the typing
    sees them (stripped; None: empty), with each row's ``_line``: for what must be decided
    on the whole file before its first chunk is typed. Reading a few columns is cheap."""
    assert pl is not None
    names = [f"c{i}" for i in range(source.width)]
    wanted = sorted(set(columns.values()))
    for line, piece, lines in _pieces(source, None):
        frame = _read(piece, names, source.delimiter, wanted)
        if frame.height != lines:
            raise Unsupported("records spanning lines")
        if source.delimiter == "\t":
            frame = frame.with_columns(_unquote(f"c{i}") for i in wanted)
        yield frame.select(
            pl.int_range(line, line + lines, eager=True).alias("_line"),
            *(_clean(pl.col(f"c{i}"), WHITESPACE).alias(name) for name, i in columns.items()),
        )


def _read(piece: bytes, names: list[str], delimiter: str, columns: list[int] | None = None) -> Any:
    assert pl is not None
    try:
        return pl.read_csv(
            piece,
            has_header=False,
            columns=columns,
            schema=dict.fromkeys(names, pl.String),
            separator=delimiter,
            quote_char=None if delimiter == "\t" else '"',
            encoding="utf8",
        )
    except (
        pl.exceptions.PolarsError
    ) as exc:  # ragged rows, bad quoting: the row parser says what is wrong
        raise Unsupported(f"polars cannot split the file: {exc}") from None


def _without_blank_rows(frame: Any, names: list[str]) -> Any:
    """The rows with a non-blank cell. Only rows whose first cell is blank are looked at
    whole (a blank test of every cell of every row costs more than reading the file)."""
    assert pl is not None
    suspects = frame.filter(_clean(pl.col(names[0]), WHITESPACE).is_null())
    if not suspects.height:
        return frame
    blank = pl.all_horizontal(_clean(pl.col(n), WHITESPACE).is_null() for n in names[1:] or names)
    lines = suspects.filter(blank)["_line"]
    return frame.filter(~pl.col("_line").is_in(lines.implode())) if len(lines) else frame


def _unquote(name: str) -> Any:
    assert pl is not None
    cell = pl.col(name)
    wrapped = (cell.str.len_chars() >= 2) & cell.str.starts_with('"') & cell.str.ends_with('"')
    inner = cell.str.slice(1, cell.str.len_chars() - 2).str.replace_all('""', '"', literal=True)
    return pl.when(wrapped).then(inner).otherwise(cell).alias(name)


def locate(chunk: Chunk, read_row: Callable[[int, list[str]], Any]) -> NoReturn:
    """Run the row parser over a chunk the typing refused: it raises the located error
    (the same as the row path's: the lines are split again as the row path splits them).
    A chunk the row parser accepts whole goes to the row path (``Unsupported``)."""
    for line, cells in chunk.rows():
        read_row(line, cells)
    raise Unsupported("the row parser accepted a chunk the column-wise typing refused")


_T = TypeVar("_T")


def ahead(items: Iterator[_T]) -> Generator[_T, None, None]:
    """``items``, each made in a worker thread while the caller uses the one before.

    polars and SQLite release the GIL: on two cores the next chunk is read and typed while
    this one is written. The worker makes one item ahead, no more (memory). An exception of
    ``items`` is raised here, at the item it stopped at; when the caller stops early, the
    worker stops after the item it is making."""
    queue: Queue[tuple[bool, Any]] = Queue()
    turn = threading.Semaphore(1)  # the worker's leave to make the next item
    stop = threading.Event()
    done = object()

    def work() -> None:
        try:
            while True:
                while not turn.acquire(timeout=0.05):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                item = next(items, done)
                queue.put((True, item))
                if item is done:
                    return
        except BaseException as exc:  # handed to the caller's thread
            queue.put((False, exc))

    worker = threading.Thread(target=work, name="sellerops-ingest-ahead", daemon=True)
    worker.start()
    try:
        while True:
            ok, item = queue.get()
            if not ok:
                raise item
            if item is done:
                return
            turn.release()  # the next one is made while this one is used
            yield item
            del item
    finally:
        stop.set()
        worker.join()


class Behind:
    """Calls run in order in one worker thread, one at a time, while the caller goes on
    (the caller's next chunk is placed while this one's facts are written: the database
    and polars release the GIL). ``submit`` waits for the call before to end; an exception
    of a call is raised by the next ``submit`` or by ``close``. ``close`` (also on the way
    out of a ``with``, error or not) waits for the call in flight: nothing uses the
    connection once the caller goes on to commit or roll back."""

    def __init__(self) -> None:
        self._queue: Queue[Callable[[], Any] | None] = Queue(maxsize=1)
        self._idle = threading.Semaphore(1)
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._work, name="sellerops-ingest-behind",
                                        daemon=True)  # fmt: skip
        self._worker.start()

    def _work(self) -> None:
        while (call := self._queue.get()) is not None:
            try:
                if self._error is None:
                    call()
            except BaseException as exc:  # handed to the caller's thread
                self._error = exc
            finally:
                self._idle.release()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def submit(self, call: Callable[[], Any]) -> None:
        self._idle.acquire()  # the call before has ended
        try:
            self._raise()
        except BaseException:
            self._idle.release()
            raise
        self._queue.put(call)

    def close(self) -> None:
        if self._worker.is_alive():
            self._queue.put(None)
            self._worker.join()
        self._raise()

    def __enter__(self) -> Behind:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:  # the caller's error wins; the call in flight still ends first
            with contextlib.suppress(BaseException):
                self.close()


# -- typing ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Typer:
    """Types a chunk's text columns by the family's columns (see the module docstring).

    Amounts give two columns: the value (``key``) and its currency mark (``key + "__mark"``).
    ``scales`` holds, per decimal column, the most decimals a non-zero value was written with
    (what a Decimal sum of the row path would show).
    """

    header_map: HeaderMap
    columns: tuple[Column, ...]
    scales: dict[str, int] = field(default_factory=dict)
    _memo: dict[str, dict[str, Any]] = field(default_factory=dict)

    def type(self, chunk: Chunk) -> Any:
        assert pl is not None
        frame = chunk.frame
        out: list[Any] = []
        mapped = {m.column.key: m for m in self.header_map.mapped}
        wanted = [c for c in self.columns if c.kind != "ignore" and c.key in mapped]
        # Rust's whitespace lacks Python's \x1c-\x1f: the default strip is used without them.
        chars = WHITESPACE if chunk.odd_spaces else None
        cleaned = frame.select(
            _clean(pl.col(f"c{mapped[c.key].index}"), chars).alias(c.key) for c in wanted
        )
        for col in self.columns:
            if col.kind == "ignore":
                continue
            if col.key not in mapped:
                out.extend(_missing(col, frame.height))
                continue
            cells = cleaned[col.key]
            # An empty required cell: refused (nonempty), or a line cut short before it.
            if (col.nonempty or col.required) and cells.null_count():
                raise RowFallback
            out.extend(self._typed(col, cells))
        return pl.DataFrame(out)

    def _typed(self, col: Column, cells: Any) -> list[Any]:
        assert pl is not None
        key = col.key
        if col.convert is not None:
            return [self._distinct(key, cells, col.convert, None)]
        if col.kind == "text":
            if col.max_len is None:
                return [cells]
            if col.truncate:
                return [cells.str.slice(0, col.max_len)]
            if (cells.str.len_chars() > col.max_len).any():
                raise RowFallback
            return [cells]
        if col.kind == "int":
            return _by_text(cells, lambda texts: [self._int(key, texts)])
        if col.kind == "amount":
            return _by_text(cells, lambda texts: self._amount(key, texts))
        if col.kind in ("decimal", "percent"):
            scale = RATE_SCALE if col.kind == "percent" else MONEY_SCALE
            parse = values.parse_percent if col.kind == "percent" else values.parse_decimal
            return [self._decimal(key, cells, parse, scale)]
        if col.kind == "timestamp":
            raise Unsupported("timestamps are read by the row path")
        if col.kind == "date" and cells.str.contains(_SLASHED_DATE).any():
            # 05/11/2026 reads by the whole column and the file (day_order), not per text
            raise Unsupported("dates like 05/11/2026 are read by the row path")
        parsers: dict[str, Callable[[str], Any]] = {
            "date": values.parse_date, "flag": values.parse_flag, "asin": values.parse_asin,
        }  # fmt: skip
        dtypes = {"date": pl.Date, "flag": pl.Boolean, "asin": pl.String}
        return [self._distinct(key, cells, parsers[col.kind], dtypes[col.kind])]

    def _distinct(self, key: str, cells: Any, parse: Callable[[str], Any], dtype: Any) -> Any:
        """``parse`` applied once per distinct text (remembered across chunks)."""
        assert pl is not None
        memo = self._memo.setdefault(key, {})
        texts = cells.drop_nulls().unique().to_list()
        try:
            for text in texts:
                if text not in memo:
                    memo[text] = parse(text)
        except values.ValueFormatError:
            raise RowFallback from None
        found = [memo[t] for t in texts]
        if dtype is None:
            dtype = pl.Series(found[:1], strict=False).dtype if found else pl.String
            dtype = pl.String if dtype == pl.Null else dtype
        return cells.replace_strict(texts, found, default=None, return_dtype=dtype)

    def _int(self, key: str, cells: Any) -> Any:
        assert pl is not None
        plain = cells.str.contains(_INT)
        if plain.all() or cells.null_count() == len(cells):
            return cells.cast(pl.Int64)
        fast = cells.cast(pl.Int64, strict=False)
        rest = self._distinct(key, cells.filter(~plain.fill_null(True)), _whole_number, pl.Int64)
        return _patch(fast, plain, cells, rest, key)

    def _amount(self, key: str, cells: Any) -> list[Any]:
        assert pl is not None
        dtype = pl.Decimal(38, MONEY_SCALE)
        plain = cells.str.contains(_AMOUNT)
        digits = cells.str.replace_all(r"[$,]", "")
        value = digits.cast(dtype, strict=False)
        mark = pl.when(cells.str.starts_with("$")).then(pl.lit("$")).otherwise(None)
        mark = cells.to_frame().select(mark.alias(key + "__mark")).to_series()
        fraction = digits.str.extract(r"\.(\d+)$").str.len_chars().fill_null(0)
        self._scale(key, fraction.filter(value != 0).max())
        if plain.all():
            return [value.alias(key), mark]
        others = cells.filter(~plain.fill_null(True))
        parsed = self._each(key, others, values.parse_amount)
        self._check_scale(key, [a.value for a in parsed], MONEY_SCALE)
        rest_value = pl.Series([a.value for a in parsed], dtype=dtype)
        rest_mark = pl.Series([a.symbol for a in parsed], dtype=pl.String)
        return [
            _patch(value, plain, cells, rest_value, key),
            _patch(mark, plain, cells, rest_mark, key + "__mark"),
        ]

    def _each(self, key: str, cells: Any, parse: Callable[[str], Any]) -> list[Any]:
        """``parse`` of each non-null text, in row order (each distinct text parsed once)."""
        memo = self._memo.setdefault(key, {})
        found = []
        try:
            for text in cells.drop_nulls().to_list():
                value = memo.get(text)
                if value is None:
                    value = memo[text] = parse(text)
                found.append(value)
        except values.ValueFormatError:
            raise RowFallback from None
        return found

    def _decimal(self, key: str, cells: Any, parse: Callable[[str], Any], scale: int) -> Any:
        assert pl is not None
        parsed = iter(self._each(key, cells, parse))
        self._check_scale(key, list(self._memo.get(key, {}).values()), scale)
        found = [None if t is None else next(parsed) for t in cells.to_list()]
        return pl.Series(key, found, dtype=pl.Decimal(38, scale))

    def _check_scale(self, key: str, numbers: list[Decimal], scale: int) -> None:
        for number in numbers:
            exponent = number.as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            if places > scale:
                raise Unsupported(f"{number} has more than {scale} decimals")
            if number:
                self._scale(key, places)

    def _scale(self, key: str, places: Any) -> None:
        if places is not None:
            self.scales[key] = max(self.scales.get(key, 0), int(places))


_SLASHED_DATE = r"^\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})$"


def _by_text(cells: Any, typed: Callable[[Any], list[Any]]) -> list[Any]:
    """``typed`` (text column -> typed columns, row by row) run over the distinct texts
    only, then spread to the rows (reports repeat their texts: names, amounts, counts)."""
    assert pl is not None
    texts = cells.drop_nulls().unique()
    return [
        cells.replace_strict(texts, out, default=None, return_dtype=out.dtype).alias(out.name)
        for out in typed(texts)
    ]


def _patch(fast: Any, plain: Any, cells: Any, rest: Any, name: str) -> Any:
    """``fast`` where the text was plain, else the next of ``rest`` (in row order)."""
    assert pl is not None
    frame = pl.DataFrame({"fast": fast, "plain": plain.fill_null(True)})
    slots = (~frame["plain"]).cum_sum() - 1
    picked = rest.gather(slots.clip(0, max(0, len(rest) - 1))) if len(rest) else fast
    result = frame.select(
        pl.when(pl.col("plain")).then(pl.col("fast")).otherwise(picked).alias(name)
    )
    return result.to_series()


def _clean(cell: Any, chars: str | None) -> Any:
    """A cell as the row parser sees it: stripped, and None when empty."""
    assert pl is not None
    stripped = cell.str.strip_chars(chars)
    return pl.when(stripped == "").then(None).otherwise(stripped)


def _missing(col: Column, height: int) -> list[Any]:
    """A family column the file lacks: its default in every row (none of them have one)."""
    assert pl is not None
    if col.default is not None:
        raise Unsupported(f"column {col.key} has a default")
    dtypes: dict[str, Any] = {
        "int": pl.Int64, "amount": pl.Decimal(38, MONEY_SCALE), "date": pl.Date,
        "decimal": pl.Decimal(38, MONEY_SCALE), "percent": pl.Decimal(38, RATE_SCALE),
        "flag": pl.Boolean,
    }  # fmt: skip
    if col.convert is not None and col.key == "end_date":
        dtypes["text"] = pl.Date
    found = [_nulls(col.key, dtypes.get(col.kind, pl.String), height)]
    if col.kind == "amount":
        found.append(_nulls(col.key + "__mark", pl.String, height))
    return found


def _nulls(name: str, dtype: Any, height: int) -> Any:
    assert pl is not None
    return pl.Series(name, [], dtype=dtype).extend_constant(None, height)


# -- names ----------------------------------------------------------------------------------

_ASCII_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]+"


def name_keys(cells: Any, python: Callable[[str], str], limit: int) -> Any:
    """``python`` (a name normaliser: NFKC, spaces, case) over a text column: ASCII texts
    vectorised, the others by ``python``; each distinct text once."""
    name = cells.name
    return _by_text(cells, lambda texts: [_name_keys(texts, python, limit).alias(name)])[0]


def _name_keys(cells: Any, python: Callable[[str], str], limit: int) -> Any:
    assert pl is not None
    ascii_only = ~cells.str.contains(r"[^\x00-\x7f]").fill_null(True)
    fast = (
        cells.str.replace_all(_ASCII_SPACE, " ")
        .str.strip_chars(" ")
        .str.to_lowercase()
        .str.slice(0, limit)
    )
    if ascii_only.all():
        return fast
    others = cells.filter(~ascii_only & cells.is_not_null())
    texts = others.unique().to_list()
    mapped = others.replace_strict(texts, [python(t) for t in texts], return_dtype=pl.String)
    return _patch(fast, ascii_only | cells.is_null(), cells, mapped, cells.name)


# -- loading --------------------------------------------------------------------------------


class Loader:
    """Upserts a family's rows into ``table`` chunk by chunk, inside the caller's transaction.

    Rows carry ``store_id`` and ``import_batch_id``; keys are distinct within a chunk. The
    loader remembers the keys it was given (exactly: a hash picks the candidates, the key
    columns decide). A key no earlier chunk of this import gave is *fresh*: inserted, or,
    when the table holds it from another import, overwritten only if a value differs (an
    unchanged row is not rewritten and keeps the batch that last changed it: importing the
    same file again writes nothing). A key an earlier chunk gave is merged as the row path
    merges repeated keys: ``additive`` columns summed (NULL + x = x), the others kept as the
    first row had them. ``fixed`` columns follow from the key (a target's campaign) and are
    never updated. On PostgreSQL each part is COPied into a temporary staging table and
    moved with one ``INSERT ... SELECT ... ON CONFLICT DO UPDATE``, except fresh keys of a
    day the table held no row of the store on before this import: those cannot conflict and
    are COPied straight into the table (imports of one table into one store take turns, by
    a transaction-level advisory lock, so none can appear meanwhile). On SQLite, where a
    statement costs no round trip, an ``executemany`` of the same upsert is as fast.
    """

    def __init__(
        self, session: Session, table: Table, *, key: list[str], additive: list[str],
        fixed: list[str], store_id: int, batch_id: int,
    ) -> None:  # fmt: skip
        self.session, self.table, self.key, self.additive = session, table, key, additive
        self.fixed = fixed
        self.store_id, self.batch_id = store_id, batch_id
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        self.before = self._count()
        self.columns: list[str] = []
        self.stage = f"stage_{table.name}"
        self.written = 0  # distinct keys given
        self._seen: list[Any] = []  # per chunk: its fresh keys and their hashes ("_h")
        #: every hash in ``_seen``, sorted: a chunk's keys are looked up in it by bisection
        #: (a hash set of all earlier keys rebuilt per chunk cost 1.5 s per 1M rows)
        self._hashes = np.empty(0, dtype=np.uint64)
        self._sqlite: dict[tuple[tuple[str, str], ...], tuple[str, str]] = {}
        #: days looked up in the table (before this import wrote on them), and those of
        #: them that held no row of the store: fresh keys of such a day cannot conflict
        self._days_checked: set[Any] = set()
        self._empty_days: set[Any] = set()
        if self.postgres:
            # Imports of one table into one store take turns (per transaction): a fresh key
            # copied straight into the table (``_write``) must not meet a concurrent one.
            self.cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s), %s)", (table.name, int(store_id))
            )
        else:
            # A larger page cache for this connection: the indexes grow by the whole file.
            self.cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    def _statements(
        self, columns: list[str], constants: dict[str, str] | None = None
    ) -> tuple[str, str]:
        """(upsert of fresh keys, merge of repeated keys); on SQLite, ``constants`` are
        columns given as SQL literals rather than bound in every row."""
        name = self.table.name
        quoted = ", ".join(f'"{c}"' for c in columns)
        conflict = ", ".join(f'"{k}"' for k in self.key)
        values = [c for c in columns if c not in self.key and c not in self.fixed]
        compared = [c for c in values if c != "import_batch_id"]
        differs = "IS DISTINCT FROM" if self.postgres else "IS NOT"
        changed = " OR ".join(f'"{name}"."{c}" {differs} excluded."{c}"' for c in compared)
        fresh = ", ".join(f'"{c}" = excluded."{c}"' for c in values)
        fresh = f"DO UPDATE SET {fresh} WHERE {changed}" if changed else "DO NOTHING"
        merged = [f'"{c}" = COALESCE("{name}"."{c}" + excluded."{c}", "{name}"."{c}", '
                  f'excluded."{c}")' for c in values if c in self.additive]  # fmt: skip
        merged.append('"import_batch_id" = excluded."import_batch_id"')
        merge = f"DO UPDATE SET {', '.join(merged)}"
        if self.postgres:
            head = f'INSERT INTO "{name}" ({quoted}) SELECT {quoted} FROM "{self.stage}"'
        else:
            marks = ", ".join((constants or {}).get(c, "?") for c in columns)
            head = f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})'
        return (f"{head} ON CONFLICT ({conflict}) {fresh}",
                f"{head} ON CONFLICT ({conflict}) {merge}")  # fmt: skip

    def check(self, frame: Any) -> None:
        """Refuse (``RowFallback``) rows holding NULL where the table cannot: whatever let
        them through, the row parser is to name the line, not the database the column."""
        required = [
            c.name for c in self.table.columns
            if not c.nullable and c.name in frame.columns
        ]  # fmt: skip
        if required and frame.select(pl.any_horizontal(pl.col(required).is_null()).any()).item():
            raise RowFallback

    def add(self, frame: Any) -> None:
        self.prepare(frame)()

    def prepare(self, frame: Any) -> Callable[[], None]:
        """Upsert ``frame``: its keys are split and (SQLite) its rows ordered and made into
        the values bound, now; the database work is returned, to be run next, before the
        next frame's (``add`` runs it at once; the bulk path in another thread)."""
        assert pl is not None
        if frame.height == 0:
            return lambda: None
        first = not self.columns
        if first:
            self.columns = list(frame.columns)
            self.fresh_sql, self.merge_sql = self._statements(self.columns)
        frame = frame.select(self.columns).with_columns(
            frame.select(self.key).hash_rows().alias("_h")
        )
        fresh, repeated = self._split(frame)
        self._seen.append(fresh.select(*self.key, "_h"))
        merged = np.concatenate([self._hashes, fresh["_h"].to_numpy()])
        self._hashes = np.sort(merged, kind="stable")  # two sorted runs: merged, not resorted
        self.written += fresh.height
        fresh, repeated = fresh.drop("_h"), repeated.drop("_h")
        if not self.postgres:
            jobs = [
                *self._sqlite_jobs(fresh, merge=False),
                *self._sqlite_jobs(repeated, merge=True),
            ]

            def write_sqlite() -> None:
                for statement, rows in jobs:
                    self.cursor.executemany(statement, rows)

            return write_sqlite

        def write_postgres() -> None:
            nonlocal fresh
            if first:
                quoted = ", ".join(f'"{c}"' for c in self.columns)
                self.cursor.execute(
                    f'CREATE TEMP TABLE "{self.stage}" ON COMMIT DROP AS '
                    f'SELECT {quoted} FROM "{self.table.name}" WHERE false'
                )
            if "day" in self.key:
                days = pl.Series(sorted(self._empty(fresh)), dtype=pl.Date)
                empty = pl.col("day").is_in(days.implode())
                self._write(fresh.filter(empty), merge=False, direct=True)
                fresh = fresh.filter(~empty)
            self._write(fresh, merge=False)
            self._write(repeated, merge=True)

        return write_postgres

    def _empty(self, frame: Any) -> set[Any]:
        """The frame's days on which the table held no row of the store before this import
        (each day looked up once, before this import writes on it)."""
        days = set(frame["day"].unique().to_list()) - self._days_checked
        if days:
            self.cursor.execute(
                f'SELECT DISTINCT day FROM "{self.table.name}" '
                f"WHERE store_id = %s AND day = ANY(%s)",
                (int(self.store_id), sorted(days)),
            )
            held = {row[0] for row in self.cursor.fetchall()}
            self._days_checked |= days
            self._empty_days |= days - held
        return self._empty_days

    def _split(self, frame: Any) -> tuple[Any, Any]:
        """(rows of keys new to this import, rows of keys an earlier chunk gave)."""
        assert pl is not None
        if not self._hashes.size:
            return frame, frame.clear()
        hashes = frame["_h"].to_numpy()
        at = np.minimum(np.searchsorted(self._hashes, hashes), self._hashes.size - 1)
        found = self._hashes[at] == hashes
        if not found.any():
            return frame, frame.clear()
        suspect = pl.Series(found)
        suspects = frame.filter(suspect)
        earlier = pl.concat(
            [part.filter(pl.col("_h").is_in(suspects["_h"].implode())) for part in self._seen]
        ).drop("_h")
        repeated = suspects.join(earlier, on=self.key, how="semi")
        fresh = pl.concat([frame.filter(~suspect), suspects.join(earlier, on=self.key, how="anti")])
        return fresh, repeated

    def _write(self, frame: Any, *, merge: bool, direct: bool = False) -> None:
        """PostgreSQL: upsert (or ``merge``) the rows; ``direct``: keys no row of the table
        can hold (COPied straight into the table, no staging, no conflict check)."""
        if not frame.height:
            return
        # In key order: each insert (or lookup) lands next to the one before in the key's
        # b-tree, instead of on a page anywhere in it.
        frame = frame.sort(self.key)
        for offset in range(0, frame.height, BATCH_ROWS):
            part = frame.slice(offset, BATCH_ROWS)
            if direct:
                _copy(self.cursor, self.table.name, self.columns, part)
            else:
                _copy(self.cursor, self.stage, self.columns, part)
                self.cursor.execute(self.merge_sql if merge else self.fresh_sql)
                self.cursor.execute(f'TRUNCATE "{self.stage}"')

    def _sqlite_jobs(self, frame: Any, *, merge: bool) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """SQLite: (statement, rows) per part, in key order (each insert lands next to the
        one before in the key's b-tree). The rows are bound one by one, except the columns
        that hold one value in the whole part (the store, the batch, the currency, often the
        day): those are written into the statement once (fewer Python values made and bound)."""
        jobs: list[tuple[str, list[tuple[Any, ...]]]] = []
        if not frame.height:
            return jobs
        frame = frame.sort(self.key)
        for offset in range(0, frame.height, SQLITE_BATCH_ROWS):
            plain = _plain(frame.slice(offset, SQLITE_BATCH_ROWS))
            constants = _constants(plain, self.columns)
            statements = self._sqlite.get(tuple(constants.items()))
            if statements is None:
                statements = self._sqlite[tuple(constants.items())] = self._statements(
                    self.columns, constants
                )
            bound = [c for c in self.columns if c not in constants]
            rows = (
                list(zip(*[plain[c].to_list() for c in bound], strict=True))
                if bound
                else [()] * plain.height
            )
            jobs.append((statements[merge], rows))
        return jobs

    def finish(self) -> UpsertResult:
        """Keys new to the table are inserted; the other keys this import gave, updated
        (whether or not a value changed, as the row path counts them)."""
        from sellerops.core.db import UpsertResult

        if self.postgres and self.columns:
            self.cursor.execute(f'DROP TABLE "{self.stage}"')
        inserted = self._count() - self.before
        self._seen.clear()
        self._hashes = np.empty(0, dtype=np.uint64)
        return UpsertResult(inserted=inserted, updated=self.written - inserted)

    def _count(self) -> int:
        self.cursor.execute(
            f'SELECT count(*) FROM "{self.table.name}" WHERE store_id = {int(self.store_id)}'
        )
        return int(self.cursor.fetchone()[0])


def _copy(cursor: Any, stage: str, columns: list[str], part: Any) -> None:
    quoted = ", ".join(f'"{c}"' for c in columns)
    buffer = io.BytesIO()
    part.write_csv(buffer, include_header=False, null_value="")
    with cursor.copy(f'COPY "{stage}" ({quoted}) FROM STDIN (FORMAT csv)') as copy:
        copy.write(buffer.getvalue())


def _plain(part: Any) -> Any:
    """SQLite: the values as SQLAlchemy binds them (dates as ISO text, money as REAL)."""
    assert pl is not None
    return part.with_columns(
        [pl.col(c).cast(pl.Float64) for c, t in part.schema.items() if isinstance(t, pl.Decimal)]
        + [pl.col(c).cast(pl.String) for c, t in part.schema.items() if t == pl.Date]
    )


_LITERAL_TEXT = re.compile(r"[\w .:-]{0,32}")  # texts written into a statement as they are


def _constants(plain: Any, columns: list[str]) -> dict[str, str]:
    """The columns holding one value in every row, as SQL literals that SQLite reads as
    the value the bound parameter would be: NULL, an integer, a whole REAL, a short plain
    text. Other values are left to binding."""
    assert pl is not None
    if not plain.height:
        return {}
    counts = plain.select(pl.col(columns).n_unique()).row(0)
    found: dict[str, str] = {}
    for name, count in zip(columns, counts, strict=True):
        if count != 1:
            continue
        value = plain[name][0]
        if value is None:
            found[name] = "NULL"
        elif isinstance(value, bool):
            found[name] = str(int(value))
        elif isinstance(value, int):
            found[name] = str(value)
        elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            found[name] = repr(value)  # exact (other REALs: SQLite's rounding of a literal)
        elif isinstance(value, str) and _LITERAL_TEXT.fullmatch(value):
            found[name] = f"'{value}'"
    return found
