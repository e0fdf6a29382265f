"""Brand services: Brand Analytics search terms, stored idempotently."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from sellerops.brand.models import SearchTermRank
from sellerops.core.db import UpsertResult, upsert

SEARCH_TERM_KEY = (
    "store_id", "period_start", "period_end", "department_key", "term_key", "click_rank",
)  # fmt: skip


def store_search_terms(*, session: Session, rows: Sequence[Mapping[str, Any]]) -> UpsertResult:
    """Upsert Brand Analytics rows (columns of :class:`SearchTermRank`) on their key: a
    search term's click rank in one department and period. Re-importing a report, or an
    overlapping one, rewrites the same rows."""
    table: Table = SearchTermRank.__table__  # type: ignore[assignment]
    return upsert(session, table, rows, key=SEARCH_TERM_KEY)
