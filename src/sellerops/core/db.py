"""Database engine, unit of work and the one dialect-aware bulk upsert helper."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, column, create_engine, event, literal_column, select, true
from sqlalchemy import table as table_clause
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.type_api import TypeDecorator


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; SQLite gets WAL mode, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # Plain postgresql:// means psycopg 3 here (the [postgres] extra), not psycopg2.
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: One factory for every engine, bound per session: a sessionmaker builds a Session subclass
#: and its event dispatch, which cost about as much as a small query, and a web request opens
#: one unit of work. It holds no engine, so an engine nobody uses any more is collected with
#: its pooled connections (a factory kept per engine would keep every engine alive).
_FACTORY: sessionmaker[Session] = sessionmaker(expire_on_commit=False)


def new_session(engine: Engine) -> Session:
    return _FACTORY(bind=engine)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back on any error.

    Services only ``add`` and ``flush``; the caller (CLI command, web request, job)
    owns the commit through this context manager.
    """
    session = new_session(engine)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@dataclass(slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0

    def __iadd__(self, other: UpsertResult) -> UpsertResult:
        self.inserted += other.inserted
        self.updated += other.updated
        return self


#: Rows per executemany batch and per existence query (the IN lists stay under SQLite's
#: 32,766 bound-parameter limit for keys of up to 6 columns).
_BATCH = 5_000
_MAX_PROBES = 50_000


def upsert(
    session: Session,
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    *,
    key: Sequence[str],
    update: Sequence[str] | None = None,
) -> UpsertResult:
    """Insert rows, or update the existing row with the same ``key`` columns.

    ``update`` names the columns to overwrite on conflict (default: every column in the
    rows that is not part of the key). Works on SQLite and PostgreSQL through
    ``INSERT ... ON CONFLICT``; returns how many rows were new and how many existed.
    Rows must not repeat a key within one call. ``rows`` may be an iterator: it is read a
    batch at a time (a large file's rows need not all be made first).

    Each batch is staged (bound once, as SQLAlchemy binds the values: COPY on PostgreSQL,
    ``executemany`` on SQLite) in a temporary table, counted against the table by one join
    and moved with one ``INSERT ... SELECT ... ON CONFLICT`` in the order given, so a
    large file costs no per-row statement work in SQLAlchemy; rows whose keys repeat or hold
    NULL (where a join and ``ON CONFLICT`` disagree with the count) take the plain way.
    """
    result = UpsertResult()
    batches = _batches(rows)
    first = next(batches, None)
    if first is None:
        return result
    columns = list(first[0].keys())
    update_cols = [c for c in (update if update is not None else columns) if c not in key]
    dialect = session.get_bind().dialect
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    stmt = insert(table)
    if update_cols:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(key), set_={c: stmt.excluded[c] for c in update_cols}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    # (after an error the transaction is rolled back, the staging table with it)
    staged = _Staged.make(session, table, columns, key, update_cols, dialect)
    for part in itertools.chain([first], batches):
        if staged is not None:
            existing = staged.write(part)
            if existing is not None:
                result.inserted += len(part) - existing
                result.updated += existing
                continue
        existing = _count_existing(session, table, part, key)
        session.execute(stmt, list(part))  # executemany: compiled once, not once per chunk
        result.inserted += len(part) - existing
        result.updated += existing
    if staged is not None:
        staged.close()
    return result


#: Column types whose bound values a staging table takes as they are (COPY text on
#: PostgreSQL reads them as binding does); others (JSON, arrays, ...) take the plain way.
_STAGEABLE = (
    sqltypes.String,
    sqltypes.Integer,
    sqltypes.Numeric,
    sqltypes.Date,
    sqltypes.DateTime,
    sqltypes.Boolean,
)


class _Staged:
    """One ``upsert`` call's staging table and statements (see :func:`upsert`)."""

    def __init__(
        self,
        session: Session,
        table: Table,
        columns: list[str],
        key: Sequence[str],
        defaults: dict[str, Any],
        processors: list[tuple[str, Any]],
        move: str,
    ) -> None:
        self.session, self.table, self.columns, self.key = session, table, columns, key
        self.defaults, self.processors, self.move = defaults, processors, move
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.name = f"upsert_stage_{table.name}"
        self.all = [*columns, *defaults]
        self.cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        quoted = ", ".join(f'"{c}"' for c in self.all)
        prefix = "" if self.postgres else "temp."
        self.cursor.execute(f'DROP TABLE IF EXISTS {prefix}"{self.name}"')
        self.cursor.execute(
            f'CREATE TEMP TABLE "{self.name}" AS SELECT {quoted} FROM "{table.name}" WHERE 1 = 0'
        )
        joined = " AND ".join(f's."{k}" = t."{k}"' for k in key)
        join = "JOIN" if self.postgres else "CROSS JOIN"  # (SQLite: the staged rows outside)
        self.count_sql = f'SELECT count(*) FROM "{self.name}" s {join} "{table.name}" t ON {joined}'
        marks = ", ".join("?" for _ in self.all)
        self.stage_sql = f'INSERT INTO "{self.name}" ({quoted}) VALUES ({marks})'
        self.copy_sql = f'COPY "{self.name}" ({quoted}) FROM STDIN'
        self.clear_sql = f'{"TRUNCATE" if self.postgres else "DELETE FROM"} "{self.name}"'

    @classmethod
    def make(
        cls,
        session: Session,
        table: Table,
        columns: list[str],
        key: Sequence[str],
        update_cols: list[str],
        dialect: Dialect,
    ) -> _Staged | None:
        """The staging of these columns, or None when they must take the plain way."""
        if dialect.name not in ("postgresql", "sqlite") or any(
            c not in table.c
            or table.c[c].name != c
            or not isinstance(_impl(table.c[c].type), _STAGEABLE)
            for c in columns
        ):
            return None
        insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
        plain = insert(table).compile(dialect=dialect, column_keys=columns)
        if plain.escaped_bind_names or (
            plain.insert_prefetch
            and any(
                c.default is None or not (c.default.is_scalar or c.default.is_callable)
                for c in plain.insert_prefetch
            )
        ):
            return None
        defaults = {c.key: c.default for c in plain.insert_prefetch}
        if any(c not in table.c or table.c[c].name != c
               or not isinstance(_impl(table.c[c].type), _STAGEABLE) for c in defaults):  # fmt: skip
            return None
        processors = plain._bind_processors  # the processing SQLAlchemy's own binding does
        every = [*columns, *defaults]
        stage = table_clause(f"upsert_stage_{table.name}", *(column(c) for c in every))
        order: Any = literal_column("ctid" if dialect.name == "postgresql" else "rowid")
        source = select(*(stage.c[c] for c in every)).where(true()).order_by(order)
        stmt = insert(table).from_select(every, source)
        if update_cols:
            stmt = stmt.on_conflict_do_update(
                index_elements=list(key), set_={c: stmt.excluded[c] for c in update_cols}
            )
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
        move = str(stmt.compile(dialect=dialect))
        bound = [(c, processors.get(c)) for c in every]
        return cls(session, table, columns, key, defaults, bound, move)

    def write(self, part: Sequence[Mapping[str, Any]]) -> int | None:
        """Upsert ``part``; how many of its keys the table held. None (nothing written):
        its keys repeat or hold NULL, for the plain way."""
        keys = {tuple(r[k] for k in self.key) for r in part}
        if len(keys) != len(part) or any(v is None for k in keys for v in k):
            return None
        values = self._values(part)
        if self.postgres:
            with self.cursor.copy(self.copy_sql) as copy:
                for row in values:
                    copy.write_row(row)
        else:
            self.cursor.executemany(self.stage_sql, values)
        self.cursor.execute(self.count_sql)
        existing = int(self.cursor.fetchone()[0])
        self.cursor.execute(self.move)
        self.cursor.execute(self.clear_sql)
        return existing

    def _values(self, part: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """The rows' values as SQLAlchemy would bind them (Python-side defaults filled)."""
        defaults = self.defaults
        if defaults:
            filled = [
                {**row, **{c: d.arg if d.is_scalar else d.arg(None) for c, d in defaults.items()}}
                for row in part
            ]
            part = filled
        names = [c for c, _ in self.processors]
        convert = [(i, p) for i, (_, p) in enumerate(self.processors) if p is not None]
        out = []
        for row in part:
            values = [row[c] for c in names]
            for i, process in convert:
                values[i] = process(values[i])
            out.append(tuple(values))
        return out

    def close(self) -> None:
        prefix = "" if self.postgres else "temp."
        self.cursor.execute(f'DROP TABLE IF EXISTS {prefix}"{self.name}"')


def _batches(rows: Iterable[Mapping[str, Any]]) -> Iterator[Sequence[Mapping[str, Any]]]:
    if isinstance(rows, Sequence):
        for start in range(0, len(rows), _BATCH):
            yield rows[start : start + _BATCH]
        return
    iterator = iter(rows)
    while part := list(itertools.islice(iterator, _BATCH)):
        yield part


def _impl(type_: Any) -> Any:
    return type_.impl if isinstance(type_, TypeDecorator) else type_


def _count_existing(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], key: Sequence[str]
) -> int:
    """How many of the rows' keys are already in the table.

    One query per batch: each key column is matched against the batch's distinct values
    (equality when there is one, an index-friendly IN list otherwise, never a row-value IN,
    which PostgreSQL scans as a chain of ORs); the exact key tuples are checked in Python.
    """
    wanted = {tuple(r[k] for k in key) for r in rows}
    distinct = [(name, {w[i] for w in wanted}) for i, name in enumerate(key)]
    where = [table.c[n] == next(iter(v)) for n, v in distinct if len(v) == 1]
    # IN lists on several columns make the database probe their cartesian product: filter
    # on the most selective ones while that product stays small, and let Python do the rest.
    probes = 1
    for name, values in sorted(distinct, key=lambda nv: -len(nv[1])):
        if len(values) > 1 and (probes == 1 or probes * len(values) <= _MAX_PROBES):
            where.append(table.c[name].in_(values))
            probes *= len(values)
    found = session.execute(select(*[table.c[k] for k in key]).where(*where))
    return sum(1 for row in found if tuple(row) in wanted)
