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
from sellerops.core.models import Store
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
    """Store one settlement and its lines, replacing what an earlier import of it stored.

    A unified account's settlement spreads its lines over the stores of their marketplaces
    (each line says its ``store_id``; the settlement row is in one store): a settlement id is
    one payout, so whatever an earlier import put elsewhere (another store's copy of the
    settlement row, lines no longer there or now in another store) is deleted, and no total
    counts a line twice. Returns the lines' counts."""
    sid = settlement["settlement_id"]
    stores = _store_ids(session)  # the key's first column: no scan of every store's lines
    session.execute(
        delete(Settlement).where(
            Settlement.settlement_id == sid, Settlement.store_id != settlement["store_id"]
        )
    )
    upsert(session, _SETTLEMENT, [settlement], key=["store_id", "settlement_id"])
    keep = {(line["store_id"], line["line_no"]) for line in lines}
    stored = session.execute(
        select(FeeLine.store_id, FeeLine.line_no).where(
            FeeLine.store_id.in_(stores), FeeLine.source_id == sid
        )
    )
    stale: dict[int, list[int]] = {}
    for store_id, line_no in stored:
        if (store_id, line_no) not in keep:
            stale.setdefault(store_id, []).append(line_no)
    for store_id, numbers in stale.items():
        for start in range(0, len(numbers), 500):
            session.execute(
                delete(FeeLine).where(
                    FeeLine.store_id == store_id,
                    FeeLine.source_id == sid,
                    FeeLine.line_no.in_(numbers[start : start + 500]),
                )
            )
    return save_fee_lines(session=session, lines=lines)


def move_fee_lines(*, session: Session, lines: Sequence[Mapping[str, Any]]) -> None:
    """Delete the copies other stores hold of these lines (same source id): an account-level
    line of a transaction report belongs to one store, whichever import placed it last."""
    stores = _store_ids(session)
    by_store: dict[int, set[str]] = {}
    for line in lines:
        by_store.setdefault(line["store_id"], set()).add(line["source_id"])
    for store_id, ids in by_store.items():
        others = [s for s in stores if s != store_id]
        unique = sorted(ids)
        for start in range(0, len(unique) if others else 0, 500):
            session.execute(
                delete(FeeLine).where(
                    FeeLine.store_id.in_(others), FeeLine.source_id.in_(unique[start : start + 500])
                )
            )


def holders(
    *, session: Session, source_ids: Sequence[str], settlement_ids: Sequence[str] = ()
) -> set[int]:
    """The stores holding fee lines of these source ids, or these settlements' rows."""
    found: set[int] = set()
    unique = sorted(set(source_ids))
    for start in range(0, len(unique), 500):
        found.update(session.scalars(select(FeeLine.store_id).distinct().where(
            FeeLine.source_id.in_(unique[start : start + 500]))))  # fmt: skip
    if settlement_ids:
        found.update(session.scalars(select(Settlement.store_id).distinct().where(
            Settlement.settlement_id.in_(sorted(set(settlement_ids))))))  # fmt: skip
    return found


def _store_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Store.id)))


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
