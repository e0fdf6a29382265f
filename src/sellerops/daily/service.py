"""Run the daily review: every check, ranked, persisted with the operator's statuses."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from sellerops.catalog import rollups
from sellerops.core.models import Store, utcnow
from sellerops.daily import overlap
from sellerops.daily.context import ReviewContext
from sellerops.daily.finding import Finding, score
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.daily.registry import all_checks

log = logging.getLogger(__name__)

STATUSES = ("new", "acknowledged", "snoozed", "done")


@dataclass(slots=True)
class ReviewItem:
    """A finding as the operator sees it today: with its id, status and whether it is new."""

    id: int
    finding: Finding
    status: str
    first_seen: date
    score: float
    snoozed_until: date | None = None
    #: key of the finding whose money this one shares (see ``daily.overlap``); None if none
    overlaps: str | None = None

    def is_new(self, as_of: date) -> bool:
        return self.first_seen == as_of


@dataclass(slots=True)
class Review:
    store: Store
    as_of: date
    items: list[ReviewItem]
    errors: dict[str, str] = field(default_factory=dict)


class UnknownFindingError(LookupError):
    pass


def run_review(*, session: Session, store: Store, as_of: date) -> Review:
    """Run every registered check for ``store`` on ``as_of`` and persist the findings.

    A check that fails is logged and reported in ``Review.errors``; the others still run
    (each inside a savepoint, so a failed check leaves nothing behind). Re-running the same
    day replaces that day's results and keeps the operator's statuses.
    """
    ctx = ReviewContext(session=session, store=store, as_of=as_of)
    findings: list[Finding] = []
    errors: dict[str, str] = {}
    for chk in all_checks():
        try:
            with session.begin_nested():
                findings.extend(chk.func(ctx))
        except Exception as exc:  # one broken check must not hide the others' findings
            log.exception("check %s failed for store %s", chk.name, store.id)
            errors[chk.name] = f"{type(exc).__name__}: {exc}"
    unique = {f.key: f for f in findings}
    shared = overlap.overlaps(unique.values(), overlap.asin_map(session, store.id, unique.values()))
    _forget_stale(session, store.id, as_of, set(unique))
    known = _rows_by_key(session, store.id, set(unique))
    rows = [(f, _persist(session, store.id, as_of, f, known.get(f.key))) for f in unique.values()]
    for f, r in rows:
        r.overlaps_key = shared.get(f.key)
    session.flush()  # assigns the ids of new rows
    items = [
        ReviewItem(r.id, f, r.status, r.first_seen, r.score, r.snoozed_until, r.overlaps_key)
        for f, r in rows
    ]
    items.sort(key=lambda item: item.score, reverse=True)
    _record_run(session, store.id, as_of, len(items), errors)
    rollups.refresh(session=session, store_id=store.id)  # open-finding counts per product
    session.flush()
    return Review(store=store, as_of=as_of, items=ranked(visible(items, as_of)), errors=errors)


def ranked(items: list[ReviewItem]) -> list[ReviewItem]:
    """Items by score, each finding that shares another's money listed right after it."""
    return overlap.grouped(
        items,
        {id(i): i.finding.key for i in items},
        {id(i): i.overlaps for i in items},
    )


def _forget_stale(session: Session, store_id: int, as_of: date, keys: set[str]) -> None:
    """Re-running a day drops what that day's earlier run found and this run does not."""
    stale = session.scalars(
        select(FindingRow).where(
            FindingRow.store_id == store_id,
            FindingRow.last_seen == as_of,
            FindingRow.finding_key.not_in(keys) if keys else true(),
        )
    )
    for row in stale:
        if row.first_seen == as_of and row.status == "new":
            session.delete(row)
        else:
            row.last_seen = as_of - timedelta(days=1)
    session.flush()


def visible(items: list[ReviewItem], as_of: date) -> list[ReviewItem]:
    """What today's list shows: everything except done and still-snoozed findings."""
    return [
        i
        for i in items
        if i.status != "done" and not (i.status == "snoozed" and (i.snoozed_until or as_of) > as_of)
    ]


def _rows_by_key(session: Session, store_id: int, keys: set[str]) -> dict[str, FindingRow]:
    """The stored rows of today's findings, in one query (not one per finding)."""
    if not keys:
        return {}
    rows = session.scalars(
        select(FindingRow).where(FindingRow.store_id == store_id, FindingRow.finding_key.in_(keys))
    )
    return {row.finding_key: row for row in rows}


def _persist(
    session: Session, store_id: int, as_of: date, f: Finding, row: FindingRow | None
) -> FindingRow:
    values: dict[str, Any] = {
        "module": f.module,
        "kind": f.kind,
        "severity": f.severity,
        "entity_type": f.entity_type,
        "entity": f.entity,
        "params": _jsonable(f.params),
        "evidence": _jsonable(f.evidence),
        "money_at_stake": f.money_at_stake,
        "money_period": f.money_period,
        "currency": f.currency,
        "score": score(f),
    }
    if row is None:
        row = FindingRow(store_id=store_id, finding_key=f.key, first_seen=as_of, last_seen=as_of)
        row.status = "new"
        session.add(row)
    else:
        if row.status == "done" and as_of > row.last_seen:
            row.status, row.first_seen = "new", as_of  # came back after being fixed
        elif row.status == "snoozed" and row.snoozed_until and row.snoozed_until <= as_of:
            row.status, row.snoozed_until = "new", None
        row.last_seen = max(row.last_seen, as_of)
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif hasattr(value, "as_tuple"):  # Decimal
            out[key] = float(value)
        else:
            out[key] = value
    return out


def _record_run(
    session: Session, store_id: int, as_of: date, count: int, errors: dict[str, str]
) -> None:
    run = session.get(ReviewRun, (store_id, as_of))
    if run is None:
        run = ReviewRun(store_id=store_id, review_date=as_of)
        session.add(run)
    run.ran_at = datetime.now(UTC)
    run.findings = count
    run.errors = errors


def set_status(
    *,
    session: Session,
    finding_id: int,
    status: str,
    snoozed_until: date | None = None,
    note: str | None = None,
) -> FindingRow:
    """Acknowledge, snooze (until a date), finish or reopen a finding."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    if status == "snoozed" and snoozed_until is None:
        raise ValueError("snoozing needs a date to wake up on")
    row = session.get(FindingRow, finding_id)
    if row is None:
        raise UnknownFindingError(f"no finding with id {finding_id}")
    row.status = status
    row.snoozed_until = snoozed_until if status == "snoozed" else None
    row.status_changed_at = utcnow()
    row.status_note = note
    session.flush()
    return row
