"""Benchmark report ingestion: a 1,000,000-row Sponsored Products search term report.

The file is written by the simulator's own search term writer (one file per day for a large
store, joined under one header: about 215 MB) and cached under ``--cache`` so later runs
start at once. Each measured step runs in a fresh child process, so its peak memory (maximum
resident set size) is its own. Prints one line per database and step:

- ``polars_parse_s``: ``polars.read_csv`` of the file (the median of three parses), the
  baseline of ``ratio``;
- ``import``: ``ingest.service.import_file`` into an empty, migrated database (typed, keyed,
  upserted, campaign structure and import batch included), its rows per second, peak memory
  and ``ratio`` = import time / polars parse time (goal: at most 5). Ads CSV reports take the
  bulk path (``ingest.columnar``: one read of the file in polars chunks, typed column-wise
  once per distinct text in a worker thread while the chunk before is written, parents
  placed once per distinct spelling, facts upserted per chunk in key order; COPY + staging
  table on PostgreSQL);
- ``reimport``: the same file imported again with ``force`` (every row counted as updated;
  rows whose values did not change are not rewritten);
- ``floor``: what the database alone takes to store the same typed rows (already inside it:
  one ``INSERT ... SELECT`` in key order into the emptied table, no Python in the loop): a
  lower bound of ``import`` for any implementation, in the same run;
- ``pandas``: the ``pandas.read_csv`` + ``DataFrame.to_sql`` a user would write by hand
  (untyped, no keys, no upsert), into the same kind of database.

PostgreSQL is measured when reachable at ``--postgres`` (a scratch database is created and
dropped). Needs ``polars`` and ``pandas`` (the ``bench`` extra).

    .venv/bin/python bench/ingest.py [--rows 1000000] [--cache /tmp/sellerops-bench]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_ROWS_PER_SKU_DAY = 2.7  # a little below what the search term writer yields per SKU-day


def generate(rows: int, path: Path) -> Path:
    """Write the first ``rows`` search-term rows of a simulated store into ``path``."""
    from sellerops.sim import SimConfig, simulate
    from sellerops.sim.writers import search_terms

    skus = 10_000 if rows >= 300_000 else max(200, rows // 30)
    days = math.ceil(rows / (_ROWS_PER_SKU_DAY * skus)) + 3
    config = SimConfig(seed=7, skus=skus, days=days, end_date=date(2026, 11, 26), lang="en")
    truth = simulate(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with tempfile.TemporaryDirectory() as tmp, path.open("wb") as out:
        for daily in search_terms.write(truth, "US", Path(tmp), "en", None):
            if written < rows:
                written += _append(daily, out, rows - written, header=written == 0)
    if written < rows:
        raise SystemExit(f"the simulation yielded only {written} rows; raise the day count")
    return path


def _append(daily: Path, out: object, wanted: int, *, header: bool) -> int:
    lines = daily.read_bytes().split(b"\r\n")
    body = [ln for ln in lines[1:] if ln][:wanted]
    out.write((b"\r\n".join(([lines[0]] if header else []) + body)) + b"\r\n")  # type: ignore[attr-defined]
    return len(body)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def step_polars(path: Path, _url: str) -> dict[str, float]:
    import polars as pl

    # The median of three parses: one parse of the (cached) file swung 0.57-2.18 s between
    # runs on the same quiet machine, and it is the denominator of every ratio.
    times = []
    for _ in range(3):
        start = time.perf_counter()
        frame = pl.read_csv(path)
        times.append(time.perf_counter() - start)
    return {"seconds": sorted(times)[1], "rows": frame.height}


def step_pandas(path: Path, url: str) -> dict[str, float]:
    import pandas as pd
    from sqlalchemy import create_engine

    engine = create_engine(url)
    start = time.perf_counter()
    frame = pd.read_csv(path)
    frame.to_sql("bench_pandas_search_terms", engine, index=False, if_exists="replace")
    seconds = time.perf_counter() - start
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_pandas_search_terms"))
    return {"seconds": seconds, "rows": len(frame)}


def step_import(path: Path, url: str, *, force: bool = False) -> dict[str, float]:
    from sellerops.core.db import make_engine
    from sellerops.ingest.service import import_file

    engine = make_engine(url)
    start = time.perf_counter()
    outcome = import_file(engine=engine, path=path, marketplace="US", force=force)
    seconds = time.perf_counter() - start
    if outcome.status != "imported":
        raise SystemExit(f"import {outcome.status}: {outcome.error}")
    return {
        "seconds": seconds,
        "rows": outcome.rows_read,
        "inserted": outcome.rows_inserted,
        "updated": outcome.rows_updated,
    }


def step_reimport(path: Path, url: str) -> dict[str, float]:
    return step_import(path, url, force=True)


FLOOR_TABLE = "ad_search_term_daily"


def step_floor(_path: Path, url: str) -> dict[str, float]:
    """What the database alone takes to store the typed rows an import stores, with no
    Python in the loop: the rows the import wrote (already typed and inside the database)
    are put aside, the table emptied, and the rows moved back by one ``INSERT ... SELECT``
    in key order (no conflict to check: the table is empty). A lower bound for a first
    import into this table, whatever it is written in."""
    from sellerops.core import schema  # noqa: F401  (every model's table in the metadata)
    from sellerops.core.models import Base

    table = Base.metadata.tables[FLOOR_TABLE]
    columns = [c.name for c in table.columns]
    key = [c.name for c in table.primary_key.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    ordered = ", ".join(f'"{c}"' for c in key)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        connection = sqlite3.connect(parsed.database, isolation_level=None)
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(f"PRAGMA cache_size = -{64 << 10}")  # as the import's loader
        connection.execute("ATTACH ? AS stage", (f"{parsed.database}-stage",))
        connection.execute(f'CREATE TABLE stage.rows AS SELECT * FROM "{FLOOR_TABLE}"')
        connection.execute(f'DELETE FROM "{FLOOR_TABLE}"')
        run = connection.execute
        statement = (
            f'INSERT INTO main."{FLOOR_TABLE}" ({quoted}) SELECT {quoted} FROM stage.rows '
            f"ORDER BY {ordered}"
        )
    else:
        import psycopg

        connection = psycopg.connect(
            parsed.set(drivername="postgresql").render_as_string(hide_password=False),
            autocommit=True,
        )
        connection.execute(f'CREATE UNLOGGED TABLE floor_rows AS SELECT * FROM "{FLOOR_TABLE}"')
        connection.execute(f'TRUNCATE "{FLOOR_TABLE}"')
        connection.execute("VACUUM ANALYZE")
        run = connection.execute
        statement = (
            f'INSERT INTO "{FLOOR_TABLE}" ({quoted}) SELECT {quoted} FROM floor_rows '
            f"ORDER BY {ordered}"
        )
    start = time.perf_counter()
    run("BEGIN")
    run(statement)
    run("COMMIT")
    seconds = time.perf_counter() - start
    rows = run(f'SELECT count(*) FROM "{FLOOR_TABLE}"').fetchone()[0]
    connection.close()
    return {"seconds": seconds, "rows": rows}


_STEPS = {
    "polars": step_polars,
    "pandas": step_pandas,
    "import": step_import,
    "reimport": step_reimport,
    "floor": step_floor,
}


def _child(step: str, path: Path, url: str) -> dict[str, float]:
    """Run one step in a fresh interpreter; its figures and its own peak memory come back."""
    command = [sys.executable, __file__, "--step", step, "--file", str(path), "--url", url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _databases(
    work: Path, postgres: str, chosen: list[str] | None
) -> list[tuple[str, str, str | None]]:
    """(label, url, scratch PostgreSQL database to drop afterwards)."""
    found: list[tuple[str, str, str | None]] = []
    if not chosen or "sqlite" in chosen:
        found.append(("sqlite", f"sqlite:///{work / 'bench.db'}", None))
    if chosen and "postgresql" not in chosen:
        return found
    from sellerops.core.db import make_engine

    try:
        admin = make_engine(postgres)
        name = f"sellerops_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = make_url(postgres).set(database=name).render_as_string(hide_password=False)
        found.append(("postgresql", url, name))
    except Exception as exc:  # not reachable: SQLite only
        print(f"# postgresql not measured: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    return found


def _drop(postgres: str, name: str) -> None:
    from sellerops.core.db import make_engine

    admin = make_engine(postgres)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _migrate(url: str) -> None:
    from sellerops.core.db import make_engine
    from sellerops.core.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()


def _line(db: str, step: str, figures: dict[str, float], polars_s: float) -> str:
    seconds = figures["seconds"]
    extra = ""
    if "inserted" in figures:
        extra = f" inserted={figures['inserted']:.0f} updated={figures['updated']:.0f}"
    return (
        f"ingest db={db} step={step} rows={figures['rows']:.0f} seconds={seconds:.2f} "
        f"rows_per_s={figures['rows'] / seconds:,.0f} peak_mem_mb={figures['peak_mb']:.0f} "
        f"polars_parse_s={polars_s:.2f} ratio={seconds / polars_s:.1f}{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "sellerops-bench"
    )
    parser.add_argument("--postgres", default=PG_URL)
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgresql"),
        action="append",
        help="measure only these databases (default: both, PostgreSQL if reachable)",
    )
    parser.add_argument("--step", choices=sorted(_STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        figures = _STEPS[args.step](args.file, args.url)
        print(json.dumps({**figures, "peak_mb": _peak_mb()}))
        return

    path = args.cache / f"Sponsored_Products_Search_Term_Report_US_{args.rows}.csv"
    if not path.exists():
        start = time.perf_counter()
        generate(args.rows, path)
        print(
            f"# wrote {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.0f} s"
        )
    polars = _child("polars", path, "")
    print(_line("-", "polars", polars, polars["seconds"]))
    with tempfile.TemporaryDirectory() as work:
        for db, url, scratch in _databases(Path(work), args.postgres, args.db):
            try:
                _migrate(url)
                for step in ("import", "reimport", "floor", "pandas"):
                    print(_line(db, step, _child(step, path, url), polars["seconds"]), flush=True)
            finally:
                if scratch is not None:
                    _drop(args.postgres, scratch)


if __name__ == "__main__":
    main()
