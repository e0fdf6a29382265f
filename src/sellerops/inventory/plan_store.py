"""Restock plans computed once per store and day, stored as rows, read back by pages.

Forecasting every SKU of a large store takes seconds to minutes, so the plan is computed
when it is first asked for on a day (or recomputed on request) and stored; readers get the
stored lines in the planner's order, a page at a time.

A stored plan older than the store's newest import is *stale*: stock, sales, costs or the
P&L behind its "losing money" caution may have changed, so its numbers and explanation
notes may be out of date. Imports drop the stored plans (``ingest.derived``), but a plan
being computed while a file goes in is stored after that drop, from the data as it was; so
readers check the age too (:func:`is_stale`) and compute a stale plan again, like a
missing one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sellerops.core.models import ImportBatch, Store, utcnow
from sellerops.inventory.plan_explain import from_json, to_json
from sellerops.inventory.plan_models import RestockPlanLine, RestockPlanRun
from sellerops.inventory.planning import Losses, PlanRow, restock_plan
from sellerops.inventory.restock import RestockLine


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A page of a stored plan: ``rows`` in the planner's order, of ``total`` lines."""

    as_of: date
    computed_at: Any
    rows: list[PlanRow]
    total: int
    #: the newest import of the store finished after the plan was computed (UTC), else None
    newer_import_at: Any = None


def store_plan(
    *, session: Session, store: Store, as_of: date, computed_by: str | None = None,
    losses: Losses | None = None,
) -> int:  # fmt: skip
    """Compute the store's plan for ``as_of`` and store it (replacing that store's plans).

    Returns the number of lines. Only the newest day's lines are kept; the run rows stay
    as a log of when plans were computed.
    """
    plan = restock_plan(session=session, store=store, as_of=as_of, losses=losses)
    session.execute(delete(RestockPlanLine).where(RestockPlanLine.store_id == store.id))
    if plan:
        session.execute(
            insert(RestockPlanLine),
            [_line_values(store.id, as_of, k, r) for k, r in enumerate(plan)],
        )
    run = session.get(RestockPlanRun, (store.id, as_of))
    if run is None:
        session.add(RestockPlanRun(store_id=store.id, as_of=as_of, lines=len(plan),
                                   computed_by=computed_by))  # fmt: skip
    else:
        run.lines, run.computed_at, run.computed_by = len(plan), utcnow(), computed_by
    session.flush()
    return len(plan)


def ensure_plan(
    *, session: Session, store: Store, as_of: date, losses: Losses | None = None
) -> None:
    """Compute and store the day's plan unless it is stored already.

    Two requests may compute it at once; the loser's savepoint rolls back (unique key, or a
    busy snapshot on SQLite) and it reads the winner's lines.
    """
    run = session.get(RestockPlanRun, (store.id, as_of))
    if run is not None and not is_stale(session=session, run=run):
        return
    try:
        with session.begin_nested():
            store_plan(session=session, store=store, as_of=as_of, losses=losses)
    except DBAPIError:
        session.expire_all()


def plan_of_day(
    *, session: Session, store: Store, as_of: date, losses: Losses | None = None
) -> list[PlanRow]:
    """The plan of ``as_of``. The store keeps one plan, its newest day's: for that day (or a
    newer one) it is computed and stored when missing; an earlier day's plan is computed
    without replacing the stored one. ``losses``: the money-losing SKUs when the caller has
    them already (the review), else the plan computes them."""
    newest = session.scalar(
        select(func.max(RestockPlanRun.as_of)).where(RestockPlanRun.store_id == store.id)
    )
    if newest is not None and as_of < newest:
        return restock_plan(session=session, store=store, as_of=as_of, losses=losses)
    return stored_plan(session=session, store=store, as_of=as_of, losses=losses).rows


def stored_plan(
    *, session: Session, store: Store, as_of: date, offset: int = 0, limit: int | None = None,
    losses: Losses | None = None, compute: bool = True,
) -> StoredPlan:  # fmt: skip
    """The stored plan of ``as_of`` (computed first when missing or stale, unless
    ``compute`` is False: a page whose background job computes it reads what is stored),
    lines ``offset`` on."""
    if compute:
        ensure_plan(session=session, store=store, as_of=as_of, losses=losses)
    run = session.get(RestockPlanRun, (store.id, as_of))
    where = (RestockPlanLine.store_id == store.id, RestockPlanLine.as_of == as_of)
    total = session.scalar(select(func.count()).select_from(RestockPlanLine).where(*where)) or 0
    query = select(RestockPlanLine).where(*where).order_by(RestockPlanLine.rank).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = [_plan_row(r) for r in session.scalars(query)]
    newer = newer_import(session=session, run=run) if run is not None else None
    return StoredPlan(as_of, run.computed_at if run else None, rows, total, newer)


def newer_import(*, session: Session, run: RestockPlanRun) -> Any:
    """When the store's newest import finished, if after ``run`` was computed (UTC)."""
    newest = session.scalar(
        select(func.max(ImportBatch.finished_at)).where(
            ImportBatch.store_id == run.store_id, ImportBatch.status == "ok"
        )
    )
    return newest if newest is not None and newest > run.computed_at else None


def is_stale(*, session: Session, run: RestockPlanRun) -> bool:
    """The plan was computed before the store's newest import: compute it again."""
    return newer_import(session=session, run=run) is not None


def _line_values(store_id: int, as_of: date, rank: int, row: PlanRow) -> dict[str, Any]:
    line = row.line
    cover = line.days_of_cover
    return {
        "store_id": store_id, "as_of": as_of, "sku": row.sku, "rank": rank, "asin": row.asin,
        "title": row.title, "order_units": line.order_units, "order_by": line.order_by,
        "stockout_date": line.stockout_date,
        "days_of_cover": cover if math.isfinite(cover) else None,
        "target_level": line.target_level, "safety_stock": line.safety_stock,
        "protection_days": line.protection_days, "position": line.position,
        "forecast_per_day": row.forecast_per_day, "method": row.method,
        "lead_time_days": row.lead_time_days, "unit_cost": row.unit_cost,
        "explanation": to_json(row.notes),
        "forecast": None if row.forecast_path is None else
                    {"mean": list(row.forecast_path[0]), "p90": list(row.forecast_path[1])},
    }  # fmt: skip


def _plan_row(r: RestockPlanLine) -> PlanRow:
    line = RestockLine(
        sku=r.sku,
        order_units=r.order_units,
        order_by=r.order_by,
        stockout_date=r.stockout_date,
        days_of_cover=math.inf if r.days_of_cover is None else r.days_of_cover,
        target_level=r.target_level,
        safety_stock=r.safety_stock,
        protection_days=r.protection_days,
        position=r.position,
    )
    path = r.forecast or {}
    return PlanRow(r.sku, r.asin, r.title, line, r.forecast_per_day, r.method,
                   r.lead_time_days, r.unit_cost, notes=from_json(r.explanation),
                   forecast_path=(tuple(path["mean"]), tuple(path["p90"])) if path else None)  # fmt: skip


def forget(*, session: Session, store_id: int) -> None:
    """Drop the store's stored plans (new facts arrived): the next reader recomputes."""
    session.execute(delete(RestockPlanLine).where(RestockPlanLine.store_id == store_id))
    session.execute(delete(RestockPlanRun).where(RestockPlanRun.store_id == store_id))
