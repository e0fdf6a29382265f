"""Run the daily review: every check, ranked, persisted with the operator's statuses."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from sellerops.accounts.models import ROLES, StoreGrant, User
from sellerops.accounts.service import allows, role_in_store
from sellerops.catalog import rollups
from sellerops.core import i18n
from sellerops.core.models import Store, utcnow
from sellerops.daily import overlap
from sellerops.daily.context import ReviewContext
from sellerops.daily.finding import Finding, score
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.daily.registry import all_checks

log = logging.getLogger(__name__)

STATUSES = ("new", "acknowledged", "snoozed", "done")
#: Roles that work on findings, and so may have one assigned to them.
ASSIGNABLE_ROLES = tuple(r for r in ROLES if allows(r, "act"))

i18n.register_messages(
    {
        "finding.unknown": {"en": "There is no finding {id}.", "zh": "没有编号为 {id} 的事项。"},
        "finding.snooze_past": {
            "en": "Snooze until a day after {last_seen}, the review that last saw this finding "
            "(not {until}).",
            "zh": "请暂缓到 {last_seen}（最近一次发现该事项的复盘日）之后的日期，而不是 {until}。",
        },
        "finding.assign.no_user": {
            "en": "There is no user {user}.",
            "zh": "用户 {user} 不存在。",
        },
        "finding.assign.inactive": {
            "en": "{user} is disabled and cannot be assigned findings.",
            "zh": "{user} 已停用，不能分配事项。",
        },
        "finding.assign.no_grant": {
            "en": "{user} has no access to store {store}: grant it first, then assign.",
            "zh": "{user} 无权访问店铺 {store}：请先授权，再分配。",
        },
        "finding.assign.viewer": {
            "en": "{user} is only a viewer in store {store}: findings go to operators, "
            "managers and owners.",
            "zh": "{user} 在店铺 {store} 仅为查看者：事项只能分配给运营、经理或所有者。",
        },
    }
)


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
    #: email of the user the finding is assigned to; None when nobody is
    assignee: str | None = None

    def is_new(self, as_of: date) -> bool:
        """First seen on ``as_of`` and not acted on yet (an acknowledged, assigned-over or
        snoozed finding is no longer new)."""
        return self.first_seen == as_of and self.status == "new"


@dataclass(slots=True)
class Review:
    store: Store
    as_of: date
    items: list[ReviewItem]
    errors: dict[str, str] = field(default_factory=dict)


class ReviewActionError(Exception):
    """A refused action on a finding; ``text(lang)`` says why, in the user's language."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(i18n.t(key, "en", **params))

    def text(self, lang: str) -> str:
        return i18n.t(self.key, lang, **self.params)


class UnknownFindingError(ReviewActionError, LookupError):
    """No finding has that id."""

    def __init__(self, finding_id: int) -> None:
        super().__init__("finding.unknown", id=finding_id)


class SnoozeDateError(ReviewActionError, ValueError):
    """A finding can only be snoozed until a day after the review that last saw it."""

    def __init__(self, until: date, last_seen: date) -> None:
        super().__init__("finding.snooze_past", until=until.isoformat(),
                         last_seen=last_seen.isoformat())  # fmt: skip


class AssignError(ReviewActionError, ValueError):
    """A finding cannot go to that user."""


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
    score_of = {f.key: r.score for f, r in rows}
    followers: dict[str, int] = {}
    for f, r in rows:
        r.overlaps_key = lead = shared.get(f.key)
        if lead is not None:  # ranked right after the finding whose money it shares
            followers[lead] = followers.get(lead, 0) + 1
            r.score = score_of[lead] - 1e-6 * followers[lead]
    session.flush()  # assigns the ids of new rows
    emails = assignee_emails(session, {r.assignee_id for _f, r in rows})
    items = [
        ReviewItem(
            r.id, f, r.status, r.first_seen, r.score, r.snoozed_until, r.overlaps_key,
            emails.get(r.assignee_id) if r.assignee_id is not None else None,
        )
        for f, r in rows
    ]  # fmt: skip
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
        if row.first_seen == as_of and row.status == "new" and row.assignee_id is None:
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


#: Days a finding is snoozed for when no wake-up day is given.
SNOOZE_DAYS = 7


def snooze_default(review_day: date, today: date | None = None) -> date:
    """The default wake-up day: a week after the later of today and the review day (a stale
    store's review day may be weeks ago; a snooze to a day already past would do nothing)."""
    return max(review_day, today or date.today()) + timedelta(days=SNOOZE_DAYS)


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
        raise UnknownFindingError(finding_id)
    if status == "snoozed" and snoozed_until is not None and snoozed_until <= row.last_seen:
        raise SnoozeDateError(snoozed_until, row.last_seen)
    row.status = status
    row.snoozed_until = snoozed_until if status == "snoozed" else None
    row.status_changed_at = utcnow()
    row.status_note = note
    session.flush()
    return row


def assignee_emails(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    """Emails of the given users, in one query (None ids are ignored)."""
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())


def assignable_users(*, session: Session, store_id: int) -> list[User]:
    """Active users who may work on the store's findings: owners and granted operators or up."""
    owners = session.scalars(select(User).where(User.is_owner, User.is_active))
    granted = session.scalars(
        select(User)
        .join(StoreGrant, StoreGrant.user_id == User.id)
        .where(
            StoreGrant.store_id == store_id,
            StoreGrant.role.in_(ASSIGNABLE_ROLES),
            User.is_active,
        )
    )
    found = {u.id: u for u in [*owners, *granted]}
    return sorted(found.values(), key=lambda u: (u.display_name.lower(), u.email))


def assign(*, session: Session, finding_id: int, user_id: int | None) -> FindingRow:
    """Give a finding to a user of its store (operator or above), or to nobody (``None``).

    The assignee stays when the review runs again, on later days too, like the status.
    """
    row = session.get(FindingRow, finding_id)
    if row is None:
        raise UnknownFindingError(finding_id)
    if user_id is None:
        row.assignee_id, row.assigned_at = None, None
        session.flush()
        return row
    user = session.get(User, user_id)
    if user is None:
        raise AssignError("finding.assign.no_user", user=user_id)
    if not user.is_active:
        raise AssignError("finding.assign.inactive", user=user.email)
    role = role_in_store(session=session, user=user, store_id=row.store_id)
    store = session.get(Store, row.store_id)
    store_name = store.name if store is not None else str(row.store_id)
    if role is None:
        raise AssignError("finding.assign.no_grant", user=user.email, store=store_name)
    if not allows(role, "act"):
        raise AssignError("finding.assign.viewer", user=user.email, store=store_name)
    if row.assignee_id != user.id:
        row.assignee_id, row.assigned_at = user.id, utcnow()
    session.flush()
    return row
