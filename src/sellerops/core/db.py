"""Database engine, unit of work and the one dialect-aware bulk upsert helper."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


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
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str],
    update: Sequence[str] | None = None,
) -> UpsertResult:
    """Insert rows, or update the existing row with the same ``key`` columns.

    ``update`` names the columns to overwrite on conflict (default: every column in the
    rows that is not part of the key). Works on SQLite and PostgreSQL through
    ``INSERT ... ON CONFLICT``; returns how many rows were new and how many existed.
    Rows must not repeat a key within one call.
    """
    result = UpsertResult()
    if not rows:
        return result
    columns = list(rows[0].keys())
    update_cols = [c for c in (update if update is not None else columns) if c not in key]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = insert(table)
    if update_cols:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(key), set_={c: stmt.excluded[c] for c in update_cols}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    for start in range(0, len(rows), _BATCH):
        part = rows[start : start + _BATCH]
        existing = _count_existing(session, table, part, key)
        session.execute(stmt, list(part))  # executemany: compiled once, not once per chunk
        result.inserted += len(part) - existing
        result.updated += existing
    return result


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
