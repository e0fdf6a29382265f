"""Recommendations as stored rows: refreshed by the daily review, approved or rejected by a
person, exported to a bulk file; every decision lands in ``ad_change_log`` with its actor.

Re-running a day's plan updates that day's proposals in place and drops the ones the day no
longer shows, but never touches what a person decided. A new day's plan supersedes proposals
of earlier days that nobody decided on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sellerops.ads import optimizer as opt
from sellerops.ads.models import AdChangeLog, AdRecommendation
from sellerops.ads.plan import Proposal
from sellerops.ads.proposals import make_plan
from sellerops.core.models import Store, utcnow
from sellerops.inventory.service import StockPosition

DECIDABLE = ("proposed",)


class RecommendationError(ValueError):
    """A decision that cannot be made (unknown id, already decided)."""


def day_positions(*, session: Session, store: Store, as_of: date) -> list[StockPosition]:
    """The stock positions the daily review reads for ``as_of``: demand rate, days of cover
    and stock-out date of the day's stored restock plan (``inventory.service.
    review_positions``). ``sellerops ads recommendations`` and the Advertising page's run
    plan from these, so the ads, the review and the restock plan show one days-of-cover."""
    from sellerops.daily.context import ReviewContext
    from sellerops.inventory.service import review_positions

    return review_positions(ReviewContext(session, store, as_of))


def refresh(
    *, session: Session, store_id: int, as_of: date, currency: str,
    positions: list[StockPosition], rules: opt.Rules = opt.RULES,
) -> list[AdRecommendation]:  # fmt: skip
    """Plan ``as_of`` and store its proposals; returns that day's recommendations."""
    proposals = make_plan(session=session, store_id=store_id, as_of=as_of, currency=currency,
                          positions=positions, rules=rules)  # fmt: skip
    existing = {
        r.rec_key: r
        for r in session.scalars(
            select(AdRecommendation).filter_by(store_id=store_id, review_date=as_of)
        )
    }
    keys = {p.key for p in proposals}
    for key, row in existing.items():
        if key not in keys and row.status == "proposed":
            session.delete(row)
    for p in proposals:
        found = existing.get(p.key)
        row = found or AdRecommendation(store_id=store_id, review_date=as_of, rec_key=p.key)
        if found is None:
            session.add(row)
        if row.status in (None, "proposed"):
            _fill(row, p, currency)
    session.execute(
        update(AdRecommendation)
        .where(AdRecommendation.store_id == store_id, AdRecommendation.review_date < as_of,
               AdRecommendation.status == "proposed")
        .values(status="superseded")
    )  # fmt: skip
    session.flush()
    return for_day(session=session, store_id=store_id, day=as_of)


def _fill(row: AdRecommendation, p: Proposal, currency: str) -> None:
    values = asdict(p)
    values.pop("key")
    for name, value in values.items():
        setattr(row, name, value)
    row.currency = currency
    row.status = "proposed"


def latest_day(*, session: Session, store_id: int) -> date | None:
    found: date | None = session.scalar(
        select(func.max(AdRecommendation.review_date)).where(AdRecommendation.store_id == store_id)
    )
    return found


def for_day(*, session: Session, store_id: int, day: date) -> list[AdRecommendation]:
    """A day's recommendations in :func:`rank_key` order: by expected profit where the
    optimizer estimates it (a pause's spend saved is a loss avoided: profit), then the ones
    with only a spend estimate, by the spend saved."""
    rows = list(
        session.scalars(
            select(AdRecommendation)
            .filter_by(store_id=store_id, review_date=day)
            .order_by(AdRecommendation.id)
        )
    )
    return sorted(rows, key=rank_key)


def effect_kind(row: AdRecommendation) -> str | None:
    """What a recommendation's expected effect is in: ``profit`` (after ad spend; bids,
    budgets, pauses: the spend a pause saves is a loss avoided), ``spend`` (only the ad spend
    it saves or adds: negatives, enables, pauses stored before they carried a profit), or
    None (not estimated)."""
    effect = row.effect or {}
    if effect.get("profit") is not None:
        return "profit"
    if effect.get("spend") is not None:
        return "spend"
    return None


def rank_key(row: AdRecommendation) -> tuple[int, float]:
    """The order recommendations are listed in (CLI and the Advertising page): first those
    expected to add profit per day, the most first (a pause for stock or for a SKU losing
    money saves its spend, a loss avoided: it ranks by that saving among them); then those
    with only an ad spend estimate (negatives: the spend saved may cost a few orders, so it
    is not counted as profit), the most spend saved first; then
    those expected to cost profit (a budget cut for stock), the least first; then the ones
    not estimated."""
    effect = row.effect or {}
    kind = effect_kind(row)
    if kind == "profit" and float(effect["profit"]) > 0:
        return 0, -float(effect["profit"])
    if kind == "spend":
        return 1, float(effect["spend"])
    if kind == "profit":
        return 2, -float(effect["profit"])
    return 3, 0.0


def impact(row: AdRecommendation) -> float:
    """Money per day the change is expected to win or save: the profit change when the
    proposal estimates one (it already counts the spend saved), else the spend saved."""
    effect = row.effect or {}
    if effect.get("profit") is not None:
        return float(effect["profit"])
    return max(0.0, -float(effect.get("spend") or 0))


def decide(
    *, session: Session, store_id: int, ids: Sequence[int] | None, actor: str, approve: bool,
    note: str | None = None,
) -> list[AdRecommendation]:  # fmt: skip
    """Approve (or reject) the given recommendations, or all open ones of the newest day
    when ``ids`` is None; log each decision with ``actor``."""
    if ids is None:
        day = latest_day(session=session, store_id=store_id)
        rows = [r for r in for_day(session=session, store_id=store_id, day=day)
                if r.status in DECIDABLE] if day else []  # fmt: skip
    else:
        rows = _rows(session, store_id, ids)
    status = "approved" if approve else "rejected"
    now = utcnow()
    for row in rows:
        row.status, row.decided_by, row.decided_at = status, actor, now
        log(session=session, row=row, actor=actor, action=status, detail=note)
    session.flush()
    return rows


def _rows(session: Session, store_id: int, ids: Sequence[int]) -> list[AdRecommendation]:
    found = {
        r.id: r
        for r in session.scalars(
            select(AdRecommendation).where(
                AdRecommendation.store_id == store_id, AdRecommendation.id.in_(list(ids))
            )
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise RecommendationError(f"no recommendation with id {', '.join(map(str, missing))}")
    closed = [i for i in ids if found[i].status not in DECIDABLE]
    if closed:
        states = ", ".join(f"{i} ({found[i].status})" for i in closed)
        raise RecommendationError(f"already decided: {states}")
    return [found[i] for i in ids]


def log(
    *, session: Session, row: AdRecommendation, actor: str, action: str, detail: str | None
) -> None:
    session.add(AdChangeLog(store_id=row.store_id, recommendation_id=row.id, actor=actor,
                            action=action, detail=detail, at=utcnow()))  # fmt: skip


def approved(*, session: Session, store_id: int) -> list[AdRecommendation]:
    """Approved changes not yet written to a bulk file, oldest first."""
    return list(
        session.scalars(
            select(AdRecommendation)
            .filter_by(store_id=store_id, status="approved")
            .order_by(AdRecommendation.id)
        )
    )


def change_log(*, session: Session, store_id: int) -> list[AdChangeLog]:
    return list(
        session.scalars(select(AdChangeLog).filter_by(store_id=store_id).order_by(AdChangeLog.id))
    )


def as_money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
