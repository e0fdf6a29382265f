"""Finance services: storing settlements and fee lines, and reading them back.

Amounts are exact Decimals, signed as Amazon gives them (negative: money to Amazon), in the
currency stored next to them. Fee lines come from two sources that describe the same money
and must never be added together: settlement files (``source_id`` = the settlement id) and
Date Range transaction reports (``source_id`` starting with ``daterange:``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from sellerops.core.db import UpsertResult, upsert
from sellerops.finance.models import FeeLine, Settlement
from sellerops.finance.sums import from_sum, money_sum

DATE_RANGE_PREFIX = "daterange:"
Source = Literal["settlement", "date_range"]

_FEE_LINE: Table = FeeLine.__table__  # type: ignore[assignment]
_SETTLEMENT: Table = Settlement.__table__  # type: ignore[assignment]


def save_fee_lines(*, session: Session, lines: Sequence[Mapping[str, Any]]) -> UpsertResult:
    """Insert or update fee lines by (store, source id, line number)."""
    return upsert(session, _FEE_LINE, lines, key=["store_id", "source_id", "line_no"])


def save_settlement(
    *, session: Session, settlement: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]
) -> UpsertResult:
    """Store one settlement and all its lines (numbered 1..n), replacing what an earlier
    import of it stored: lines past ``n`` are deleted. Returns the lines' counts."""
    upsert(session, _SETTLEMENT, [settlement], key=["store_id", "settlement_id"])
    session.execute(
        delete(FeeLine).where(
            FeeLine.store_id == settlement["store_id"],
            FeeLine.source_id == settlement["settlement_id"],
            FeeLine.line_no > len(lines),
        )
    )
    return save_fee_lines(session=session, lines=lines)


def source_filter(source: Source) -> Any:
    """The WHERE clause that picks one source's fee lines."""
    is_range = FeeLine.source_id.startswith(DATE_RANGE_PREFIX)
    return is_range if source == "date_range" else ~is_range


def fee_total(*, session: Session, store_id: int, source: Source) -> Decimal:
    """The sum of one source's fee lines of a store (all currencies added: callers filter)."""
    query = select(money_sum(FeeLine.amount)).where(
        FeeLine.store_id == store_id, source_filter(source)
    )
    return from_sum(session.scalar(query))
