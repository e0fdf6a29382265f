"""Data versions: cheap values that change whenever what a store's pages show may change.

``web.page_cache`` keys kept pages on them. They are read from the database (never from a
worker's memory), so a change made through any worker, the CLI or a job shows on the next
request everywhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sellerops.accounts.models import StoreGrant, User
from sellerops.ads.models import AdChangeLog, AdRecommendation
from sellerops.catalog.rollup_models import RollupState
from sellerops.core.models import ImportBatch, utcnow
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.inventory.plan_models import RestockPlanRun
from sellerops.web.models import StoreChange


def bump(session: Session, store_id: int) -> None:
    """Count one more change of the store (in the caller's transaction: a request that fails
    and rolls back changes nothing)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(StoreChange).values(store_id=store_id, version=1, changed_at=utcnow())
    stmt = stmt.on_conflict_do_update(
        index_elements=["store_id"],
        set_={"version": StoreChange.version + 1, "changed_at": stmt.excluded.changed_at},
    )
    session.execute(stmt)


def store_version(session: Session, store_id: int) -> tuple[Any, ...]:
    """What changes whenever anything a store's pages show may have changed.

    One round trip of indexed lookups: the store's change counter (every state-changing
    web request bumps it), and its newest import batch, rollup refresh, review run, finding
    change, ad recommendation and ad change-log entry, and restock plan computation (which
    the CLI and jobs write too).
    """
    # on the session's connection: a Core statement through Session.execute costs ~4x more
    conn = session.connection()
    return tuple(conn.execute(_STORE_VERSION, {"store_id": store_id}).one())


def _store_version_query() -> Any:
    store_id = bindparam("store_id", type_=Integer)

    def newest(column: Any, where: Any) -> Any:
        return select(func.max(column)).where(where).scalar_subquery()

    def one(column: Any, where: Any) -> Any:
        return select(column).where(where).scalar_subquery()

    return select(
        one(StoreChange.version, StoreChange.store_id == store_id),
        newest(ImportBatch.id, ImportBatch.store_id == store_id),
        one(RollupState.refreshed_at, RollupState.store_id == store_id),
        newest(ReviewRun.ran_at, ReviewRun.store_id == store_id),
        newest(FindingRow.updated_at, FindingRow.store_id == store_id),
        newest(AdRecommendation.id, AdRecommendation.store_id == store_id),
        newest(AdChangeLog.id, AdChangeLog.store_id == store_id),
        newest(RestockPlanRun.computed_at, RestockPlanRun.store_id == store_id),
    )


_STORE_VERSION = _store_version_query()  # built once: statements cost more than the lookups


def users_version(session: Session) -> tuple[Any, ...]:
    """Every user (id, email, name, owner and active flags) and every grant: what decides who
    a finding may be assigned to. Small tables, read in two queries."""
    conn = session.connection()
    users = conn.execute(_USERS).all()
    grants = conn.execute(_GRANTS).all()
    return tuple(tuple(u) for u in users), tuple(tuple(g) for g in grants)


_U, _G = User.__table__.c, StoreGrant.__table__.c
_USERS = select(_U.id, _U.email, _U.display_name, _U.is_owner, _U.is_active).order_by(_U.id)
_GRANTS = select(_G.user_id, _G.store_id, _G.role).order_by(_G.user_id, _G.store_id)
