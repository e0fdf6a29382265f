"""An engine nobody holds any more is collected with its pooled connections."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from sqlalchemy import text

from sellerops.core.db import make_engine, unit_of_work


def test_a_unit_of_work_keeps_no_reference_to_its_engine(tmp_path: Path) -> None:
    # a CLI command or a test opens an engine and drops it: if anything kept it alive, its
    # pool would keep a database connection open for the life of the process
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with unit_of_work(engine) as session:
        assert session.execute(text("select 1")).scalar() == 1
    gone = weakref.ref(engine)
    del engine, session
    gc.collect()

    assert gone() is None
