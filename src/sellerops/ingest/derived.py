"""What imports bring up to date: per-SKU rollups, store daily totals, stored restock plans.

Each file's transaction only marks its store as changed (cheap, and atomic with the rows it
wrote); once a run of files is in, every changed store is refreshed once, so importing 90
daily reports refreshes a store once, not 90 times. A refresh that fails is logged and
left to the next reader (pages refresh stale rollups themselves).
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from sellerops.catalog import rollups
from sellerops.catalog.rollup_models import RollupState
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.inventory import plan_store

log = logging.getLogger(__name__)


def mark_changed(*, session: Session, store_id: int) -> None:
    """New facts for the store: its rollups are stale and its stored plans are dropped."""
    session.execute(delete(RollupState).where(RollupState.store_id == store_id))
    plan_store.forget(session=session, store_id=store_id)


def refresh_changed(engine: Engine) -> None:
    """Refresh the rollups of every store marked changed (one transaction per store)."""
    with unit_of_work(engine) as session:
        stale = list(
            session.scalars(
                select(Store.id).where(
                    ~select(RollupState).where(RollupState.store_id == Store.id).exists()
                )
            )
        )
    for store_id in stale:
        try:
            with unit_of_work(engine) as session:
                rollups.refresh(session=session, store_id=store_id)
        except Exception:  # the import itself is in; the next page load refreshes instead
            log.exception("refreshing the rollups of store %s failed", store_id)
