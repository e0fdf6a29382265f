"""What ingest tests look at: the sample files, and what landed in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Base, ImportBatch, Store
from sellerops.ingest import templates

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"

#: Bookkeeping columns that may change on a re-import without changing any number.
_BOOKKEEPING = {"id", "import_batch_id", "updated_at", "order_id"}


def rows_of(engine: Engine, model: type[Base]) -> list[tuple[Any, ...]]:
    """Every row of a table, bookkeeping columns left out, in a stable order."""
    table = model.__table__
    columns = [c for c in table.c if c.name not in _BOOKKEEPING]  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:
        rows = session.execute(select(*columns)).all()
    return sorted((tuple(r) for r in rows), key=repr)


def batches(engine: Engine) -> list[ImportBatch]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(ImportBatch).order_by(ImportBatch.id)))


def stores(engine: Engine) -> list[tuple[str, str]]:
    with unit_of_work(engine) as session:
        return [(s.name, s.marketplace_code) for s in session.scalars(select(Store))]


def filled_in(path: Path) -> Path:
    """A sheet template (``templates.write``) as an operator fills it in: the example's
    values typed over it (the mark goes)."""
    text = path.read_text(encoding="utf-8-sig")
    for mark in templates.EXAMPLE_MARK.values():
        text = text.replace(mark, "")
    path.write_text(text, encoding="utf-8-sig")
    return path
