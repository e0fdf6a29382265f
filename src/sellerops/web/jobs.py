"""Slow work a page asks for, run in a background thread so no request waits on it.

Computing a store's restock plan forecasts every SKU: a few seconds for a small store,
tens of seconds at 10,000 SKUs. The Restock page starts it when the day's plan is missing
and the Recalculate button starts it on request; the request waits up to ``WAIT_SECONDS``
(small stores then behave as before: the plan shows at once) and otherwise answers with
"being computed", the page refreshing itself until the plan is stored.

Jobs are known per worker process: one store's plan is computed once at a time per
process (two workers may each compute it; ``plan_store`` keeps one result).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store, utcnow
from sellerops.inventory import plan_store

log = logging.getLogger(__name__)

#: How long a request waits for the job before answering "being computed".
WAIT_SECONDS = 3.0


@dataclass
class Job:
    as_of: date
    started_at: datetime = field(default_factory=utcnow)
    done: threading.Event = field(default_factory=threading.Event)
    error: str | None = None


_JOBS: dict[tuple[str, int], Job] = {}
_LOCK = threading.Lock()


def running_plan(engine: Engine, store_id: int) -> Job | None:
    """The store's plan computation still running in this process, if any."""
    with _LOCK:
        job = _JOBS.get((str(engine.url), store_id))
    return job if job is not None and not job.done.is_set() else None


def compute_plan(
    engine: Engine,
    store_id: int,
    as_of: date,
    *,
    computed_by: str | None = None,
    force: bool = False,
    wait: float | None = None,
) -> Job:
    """Compute and store the store's restock plan of ``as_of`` in a background thread
    (``force``: even when it is stored already), or join the one running; wait up to
    ``wait`` seconds (default ``WAIT_SECONDS``) for it. The caller must have committed what it wrote (SQLite lets
    one writer at a time)."""
    key = (str(engine.url), store_id)
    with _LOCK:
        job = _JOBS.get(key)
        if job is None or job.done.is_set():
            job = _JOBS[key] = Job(as_of)
            threading.Thread(
                target=_run, args=(engine, store_id, job, computed_by, force), daemon=True,
                name=f"restock-plan-{store_id}",
            ).start()  # fmt: skip
    job.done.wait(WAIT_SECONDS if wait is None else wait)
    return job


def _run(engine: Engine, store_id: int, job: Job, computed_by: str | None, force: bool) -> None:
    try:
        with unit_of_work(engine) as session:
            store = session.get(Store, store_id)
            if store is None:
                return
            if force:
                plan_store.store_plan(
                    session=session, store=store, as_of=job.as_of, computed_by=computed_by
                )
            else:
                plan_store.ensure_plan(session=session, store=store, as_of=job.as_of)
    except Exception as exc:  # shown on the page; the next request may start it again
        log.exception("restock plan of store %s failed", store_id)
        job.error = f"{type(exc).__name__}: {exc}"
    finally:
        job.done.set()
