"""What was imported: the ``import_batch`` rows, and one shape for them in JSON.

``sellerops import --json`` (an :class:`ImportOutcome` per file) and ``sellerops imports
--json`` (a stored batch per file) print the same keys, so a script can read either:
:data:`ALL_KEYS` (:data:`KEYS`, the ones the issue names, plus ``status``, ``store``,
``currency``, ``batch_id``, ``store_created``, ``notes`` and ``imported_at``). ``totals``
holds decimal strings in ``currency`` (see ``registry.Family.totals``) or is null; ``notes``
is a list of strings (empty for batches recorded before notes were kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from sellerops.core.models import ImportBatch, Store
from sellerops.ingest.registry import totals_text
from sellerops.ingest.service import ImportOutcome

KEYS = ("file", "report_type", "marketplace", "date_from", "date_to", "rows_read",
        "rows_inserted", "rows_updated", "rows_rejected", "totals", "error")  # fmt: skip
#: every key of an object of ``import --json`` and ``imports --json``, in their order
ALL_KEYS = (*KEYS, "status", "store", "currency", "batch_id", "store_created", "notes",
            "imported_at")  # fmt: skip


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def outcome_to_dict(outcome: ImportOutcome) -> dict[str, Any]:
    """One imported (or skipped, or rejected) file, as ``import --json`` prints it."""
    totals = None if outcome.totals is None else totals_text(outcome.totals)
    return {
        "file": outcome.path,
        "report_type": outcome.report_type,
        "marketplace": outcome.marketplace,
        "date_from": _day(outcome.data_start),
        "date_to": _day(outcome.data_end),
        "rows_read": outcome.rows_read,
        "rows_inserted": outcome.rows_inserted,
        "rows_updated": outcome.rows_updated,
        "rows_rejected": outcome.rows_rejected,
        "totals": totals,
        "error": outcome.error,
        "status": outcome.status,
        "store": outcome.store,
        "currency": outcome.currency,
        "batch_id": outcome.batch_id,
        "store_created": outcome.store_created,
        "notes": list(outcome.notes),
        "imported_at": _moment(outcome.imported_at),
    }


@dataclass(frozen=True, slots=True)
class BatchRecord:
    batch: ImportBatch
    store: str | None
    marketplace: str | None

    def to_dict(self) -> dict[str, Any]:
        """The same keys as :func:`outcome_to_dict`."""
        b = self.batch
        return {
            "file": b.file_name,
            "report_type": b.report_type,
            "marketplace": self.marketplace,
            "date_from": _day(b.data_start),
            "date_to": _day(b.data_end),
            "rows_read": b.rows_read,
            "rows_inserted": b.rows_inserted,
            "rows_updated": b.rows_updated,
            "rows_rejected": b.rows_rejected,
            "totals": b.totals,
            "error": b.error,
            "status": "imported" if b.status == "ok" else b.status,
            "store": self.store,
            "currency": b.currency,
            "batch_id": b.id,
            "store_created": bool(b.store_created),
            "notes": list(b.notes or []),
            "imported_at": _moment(b.finished_at),
        }


def visible(store_id: int, storeless_of: int | None, every_storeless: bool) -> ColumnElement[bool]:
    """The store's batches, and the refusals recorded before any store was known that the
    reader may see: those ``storeless_of`` (a user id) uploaded, or all with
    ``every_storeless`` (owners)."""
    storeless: ColumnElement[bool] = ImportBatch.store_id.is_(None)
    if not every_storeless:
        storeless = and_(storeless, ImportBatch.user_id == storeless_of)
    wanted: ColumnElement[bool] = ImportBatch.store_id == store_id
    if every_storeless or storeless_of is not None:
        wanted = or_(wanted, storeless)
    return wanted


def list_batches(
    *,
    session: Session,
    store_id: int | None = None,
    limit: int | None = None,
    storeless_of: int | None = None,
    every_storeless: bool = False,
) -> list[BatchRecord]:
    """The import_batch rows, newest first; only one store's when ``store_id`` is given,
    with the files refused before their store was known (they have none) that ``storeless_of``
    (a user id) uploaded, or all of them with ``every_storeless`` (owners)."""
    query = (
        select(ImportBatch, Store.name, Store.marketplace_code)
        .outerjoin(Store, Store.id == ImportBatch.store_id)
        .order_by(ImportBatch.id.desc())
    )
    if store_id is not None:
        query = query.where(visible(store_id, storeless_of, every_storeless))
    if limit is not None:
        query = query.limit(limit)
    return [BatchRecord(b, name, code) for b, name, code in session.execute(query)]


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A line of the import history: a batch, and how many times the same refusal of it
    was recorded (the same file, bytes and error for the same person: an upload retried
    unchanged), the newest standing for all of them."""

    record: BatchRecord
    times: int = 1


def _refusal_key(batch: ImportBatch) -> tuple[Any, ...] | None:
    if batch.status != "failed":
        return None
    return (batch.user_id, batch.store_id, batch.file_name, batch.file_sha256, batch.error)


def group_refusals(records: list[BatchRecord], limit: int | None = None) -> list[HistoryRow]:
    """``records`` (newest first) with each repeated identical refusal shown once, at its
    newest, with the number of times; at most ``limit`` lines."""
    rows: list[HistoryRow] = []
    where: dict[tuple[Any, ...], int] = {}
    for record in records:
        key = _refusal_key(record.batch)
        if key is not None and key in where:
            at = where[key]
            rows[at] = HistoryRow(rows[at].record, rows[at].times + 1)
            continue
        if key is not None:
            where[key] = len(rows)
        rows.append(HistoryRow(record))
    return rows if limit is None else rows[:limit]
