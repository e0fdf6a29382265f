"""Stores (a seller account in one marketplace): find, create, list, empty."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Base, Store


class StoreNotFoundError(LookupError):
    pass


def list_stores(*, session: Session) -> list[Store]:
    return list(session.scalars(select(Store).order_by(Store.name)))


def find_store(*, session: Session, name: str) -> Store | None:
    return session.scalar(select(Store).where(Store.name == name))


def get_store(*, session: Session, name: str | None) -> Store:
    """The named store, or the only store when no name is given."""
    if name is not None:
        store = find_store(session=session, name=name)
        if store is None:
            known = ", ".join(s.name for s in list_stores(session=session)) or "none yet"
            raise StoreNotFoundError(f"no store named {name!r} (stores: {known})")
        return store
    stores = list_stores(session=session)
    if len(stores) == 1:
        return stores[0]
    if not stores:
        raise StoreNotFoundError("no store yet: import a report or run `sellerops demo` first")
    names = ", ".join(s.name for s in stores)
    raise StoreNotFoundError(f"several stores ({names}): choose one with --store")


def create_store(
    *, session: Session, name: str, marketplace: str, default_lead_time_days: int = 45
) -> Store:
    code = get_marketplace(marketplace).code
    store = Store(name=name, marketplace_code=code, default_lead_time_days=default_lead_time_days)
    session.add(store)
    session.flush()
    return store


def delete_store_data(*, session: Session, store_id: int) -> None:
    """Remove every fact row of a store (children before parents), keeping the store itself.

    Who may see the store (grants, tokens: tables tagged ``info={"access": True}``) stays.
    """
    for table in reversed(Base.metadata.sorted_tables):
        if table.info.get("access"):
            continue
        if table.name != "store" and "store_id" in table.c:
            session.execute(delete(table).where(table.c.store_id == store_id))
    session.flush()
