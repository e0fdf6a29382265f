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
    return tuple(session.execute(_STORE_VERSION, {"store_id": store_id}).one())


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
    users = session.execute(_USERS).all()
    grants = session.execute(_GRANTS).all()
    return tuple(tuple(u) for u in users), tuple(tuple(g) for g in grants)


_USERS = select(User.id, User.email, User.display_name, User.is_owner, User.is_active).order_by(
    User.id
)
_GRANTS = select(StoreGrant.user_id, StoreGrant.store_id, StoreGrant.role).order_by(
    StoreGrant.user_id, StoreGrant.store_id
)
