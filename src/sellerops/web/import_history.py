"""The Imports page's history: one page of it, filtered by report type and outcome.

Repeated identical refusals (the same file, bytes and error for the same person: an upload
retried unchanged) are one line, at the newest, with the number of times, as
``ingest.history.group_refusals`` folds a list; here the folding is done in the query, so
that a page holds ``per_page`` lines and the page count is exact however many refusals
repeat. Pages go from the newest (page 1) to the oldest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, func, literal, select, union_all
from sqlalchemy.orm import Session

from sellerops.core.models import ImportBatch, Store
from sellerops.ingest import history
from sellerops.ingest.history import BatchRecord, HistoryRow

PER_PAGE = 50
#: the report-type filter's value for files refused before their type was known
UNKNOWN_TYPE = "unknown"
#: the outcome filter's values ("" for every outcome)
OUTCOMES = ("failed", "ok")


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the reader asked for (the page's query string), already checked."""

    report_type: str = ""
    outcome: str = ""
    page: int = 1

    @classmethod
    def parse(cls, report_type: str, outcome: str, page: str) -> HistoryFilter:
        """From the query string; anything unknown reads as "all", a bad page as page 1."""
        number = int(page) if page.strip().isdigit() else 1
        return cls(report_type.strip()[:64], outcome if outcome in OUTCOMES else "", max(number, 1))

    def query(self, page: int | None = None) -> str:
        """The query string of this filter at ``page`` (``?`` included; empty for page 1 of
        everything)."""
        params = {"type": self.report_type, "outcome": self.outcome}
        params["page"] = str(page or self.page) if (page or self.page) > 1 else ""
        text = urlencode({k: v for k, v in params.items() if v})
        return f"?{text}" if text else ""


@dataclass(frozen=True, slots=True)
class HistoryPage:
    rows: list[HistoryRow]
    filter: HistoryFilter
    page: int
    pages: int
    #: history lines matching the filter, on every page
    total: int
    #: the report types in the store's history, with their number of files (None: unknown)
    types: list[tuple[str | None, int]] = field(default_factory=list)


def _lines(where: list[ColumnElement[bool]], outcome: str) -> Select[int, int]:
    """One (batch id, times) per history line: each import, and each distinct refusal at its
    newest with how many times it was recorded."""
    imported = select(ImportBatch.id, literal(1).label("times")).where(
        *where, ImportBatch.status != "failed"
    )
    refused = (
        select(func.max(ImportBatch.id).label("id"), func.count().label("times"))
        .where(*where, ImportBatch.status == "failed")
        .group_by(
            ImportBatch.user_id,
            ImportBatch.store_id,
            ImportBatch.file_name,
            ImportBatch.file_sha256,
            ImportBatch.error,
        )
    )
    if outcome == "ok":
        return imported
    if outcome == "failed":
        return refused
    return select(union_all(imported, refused).subquery())


def history_page(
    *,
    session: Session,
    store_id: int,
    wanted: HistoryFilter,
    storeless_of: int | None = None,
    every_storeless: bool = False,
    per_page: int = PER_PAGE,
) -> HistoryPage:
    """One page (newest first) of the store's import history as the reader may see it,
    filtered by report type (``UNKNOWN_TYPE``: files refused before their type was known)
    and outcome (``failed``: refused only, ``ok``: imported only)."""
    visible = history.visible(store_id, storeless_of, every_storeless)
    types = [
        (kind, count)
        for kind, count in session.execute(
            select(ImportBatch.report_type, func.count())
            .where(visible)
            .group_by(ImportBatch.report_type)
        )
    ]
    where = [visible]
    if wanted.report_type == UNKNOWN_TYPE:
        where.append(ImportBatch.report_type.is_(None))
    elif wanted.report_type:
        where.append(ImportBatch.report_type == wanted.report_type)
    lines = _lines(where, wanted.outcome).subquery()
    total = session.scalar(select(func.count()).select_from(lines)) or 0
    pages = max(1, -(-total // per_page))
    page = min(wanted.page, pages)
    query = (
        select(ImportBatch, Store.name, Store.marketplace_code, lines.c.times)
        .join(lines, lines.c.id == ImportBatch.id)
        .outerjoin(Store, Store.id == ImportBatch.store_id)
        .order_by(ImportBatch.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    rows = [
        HistoryRow(BatchRecord(b, name, code), int(times))
        for b, name, code, times in session.execute(query)
    ]
    return HistoryPage(rows, wanted, page, pages, total, types)
