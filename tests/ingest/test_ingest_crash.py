"""A process killed in the middle of an import leaves nothing of that file behind.

The import runs in a child process whose report families pause once they have written every
row and the ``ok`` import batch (flushed, not yet committed); the test kills the child with
SIGKILL there, the harshest point: all the writing done, the commit not.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA, batches, rows_of

BR = "BusinessReport_US_2026-11-26.csv"

_CHILD = """
import dataclasses, sys, time
from sqlalchemy import func, select
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import make_engine
from sellerops.core.models import ImportBatch
from sellerops.ingest import registry, service

def pausing(load):
    def paused(ctx, parsed):
        result = load(ctx, parsed)
        ctx.session.flush()
        rows = ctx.session.scalar(select(func.count()).select_from(SalesTrafficDaily))
        ok = ctx.session.scalar(select(func.count()).where(ImportBatch.status == "ok"))
        print(f"written {rows} rows, {ok} ok batch", flush=True)
        time.sleep(120)
        return result
    return paused

for family in registry.families():
    registry.register(dataclasses.replace(family, load=pausing(family.load)))
service.import_file(engine=make_engine(sys.argv[1]), path=sys.argv[2])
print("finished", flush=True)
"""


def _import_and_kill(db_url: str, path: Path) -> str:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, db_url, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert child.stdout is not None
        said = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    if not said:
        raise AssertionError(f"the child import never paused: {child.stderr.read()}")  # type: ignore[union-attr]
    return said


@pytest.mark.slow  # a child interpreter starts (about 3 s)
def test_an_import_killed_before_its_commit_leaves_no_rows_and_no_batch(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / BR
    path.write_bytes((DATA / BR).read_bytes())

    said = _import_and_kill(db_url, path)

    assert said.startswith("written ") and said.endswith(" rows, 1 ok batch")
    assert said != "written 0 rows, 1 ok batch"  # the rows were in the database's hands
    assert rows_of(engine, SalesTrafficDaily) == []
    assert batches(engine) == []
    # The file is not taken for a duplicate of an import that never happened.
    assert import_file(engine=engine, path=path).status == "imported"
