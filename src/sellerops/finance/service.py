"""Finance services: storing settlements and fee lines, and reading them back.

Amounts are exact Decimals, signed as Amazon gives them (negative: money to Amazon), in the
currency stored next to them. Fee lines come from two sources that describe the same money
and must never be added together: settlement files (``source_id`` = the settlement id) and
Date Range transaction reports (``source_id`` starting with ``daterange:``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Table, and_, delete, false, func, or_, select
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


@dataclass(frozen=True, slots=True)
class FeeChoice:
    """Which fee lines of a store say what its money was, the two sources never added up:
    every settlement line, and the Date Range lines no imported settlement holds (a year of
    Date Range history before the first settlement, the days after the last one): a Date
    Range line counts unless the settlement it names (its ``settlement id``, Amazon's own
    link) is imported; a line that names none (or was imported before the id was kept)
    counts unless its moment lies in the period of an imported settlement. A line of a
    settled period that names a later settlement (a deferred payout) still counts.
    ``source``: ``settlement`` when the store holds any settlement line, ``date_range`` when
    it holds only those, None when it holds neither."""

    source: Source | None
    clause: Any  # the WHERE clause on FeeLine

    @property
    def any(self) -> bool:
        return self.source is not None


def fee_choice(*, session: Session, store_id: int) -> FeeChoice:
    """The fee lines that count for the store (see :class:`FeeChoice`)."""
    is_range = FeeLine.source_id.startswith(DATE_RANGE_PREFIX)
    has = {
        source: session.execute(
            select(FeeLine.line_no).where(FeeLine.store_id == store_id, source_filter(source))
            .limit(1)
        ).first() is not None
        for source in ("settlement", "date_range")
    }  # fmt: skip
    if not has["settlement"]:
        return FeeChoice("date_range" if has["date_range"] else None, is_range)
    if not has["date_range"]:
        return FeeChoice("settlement", ~is_range)
    settled = select(Settlement.settlement_id).where(_covering(store_id))
    in_period = [
        and_(FeeLine.posted_at >= start, FeeLine.posted_at < end)
        for start, end in _settlement_periods(session, store_id)
    ]
    in_period += [
        FeeLine.posted_day.between(first, last)
        for first, last in _undated_settlements(session, store_id)
    ]
    covered = or_(
        FeeLine.settlement_id.in_(settled),
        and_(FeeLine.settlement_id.is_(None), or_(false(), *in_period)),
    )
    return FeeChoice("settlement", or_(~is_range, and_(is_range, ~covered)))


def _covering(store_id: int) -> Any:
    """The settlements that cover the store: its own, and a unified account's of which it
    holds lines."""
    own_lines = select(FeeLine.source_id).where(
        FeeLine.store_id == store_id, source_filter("settlement")
    )
    return (Settlement.store_id == store_id) | Settlement.settlement_id.in_(own_lines)


def _settlement_periods(session: Session, store_id: int) -> list[tuple[Any, Any]]:
    query = (
        select(Settlement.start_at, Settlement.end_at)
        .distinct()
        .where(
            _covering(store_id), Settlement.start_at.is_not(None), Settlement.end_at.is_not(None)
        )
    )
    return [(start, end) for start, end in session.execute(query)]


def _undated_settlements(session: Session, store_id: int) -> list[tuple[Any, Any]]:
    """(first, last) posted day of the store's lines of each settlement without a period."""
    undated = select(Settlement.settlement_id).where(
        _covering(store_id), or_(Settlement.start_at.is_(None), Settlement.end_at.is_(None))
    )
    query = (
        select(func.min(FeeLine.posted_day), func.max(FeeLine.posted_day))
        .where(FeeLine.store_id == store_id, FeeLine.source_id.in_(undated))
        .group_by(FeeLine.source_id)
    )
    return [(first, last) for first, last in session.execute(query) if first is not None]


def fee_total(*, session: Session, store_id: int, source: Source) -> Decimal:
    """The sum of one source's fee lines of a store (all currencies added: callers filter)."""
    query = select(money_sum(FeeLine.amount)).where(
        FeeLine.store_id == store_id, source_filter(source)
    )
    return from_sum(session.scalar(query))
