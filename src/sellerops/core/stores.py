"""Stores (a seller account in one marketplace): find, create, list, empty."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sellerops.core import i18n
from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Base, Store

i18n.register_messages(
    {
        "store.unknown": {
            "en": "no store named {name!r} (stores: {known})",
            "zh": "没有名为 {name!r} 的店铺（现有店铺：{known}）",
        },
        "store.none_known": {"en": "none yet", "zh": "暂无"},
        "store.none": {
            "en": "no store yet: import a report or run `sellerops demo` first",
            "zh": "还没有店铺：请先导入报告或运行 `sellerops demo`",
        },
        "store.several": {
            "en": "several stores ({names}): choose one with --store",
            "zh": "有多个店铺（{names}）：请用 --store 选择一个",
        },
    }
)


class StoreNotFoundError(LookupError):
    """No store, or no single one: ``str()`` is English, :meth:`text` any language."""

    def __init__(self, key: str, *, name: str = "", names: list[str] | None = None) -> None:
        self.key, self.name, self.names = key, name, names or []
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        sep = "、" if lang == "zh" else ", "
        names = sep.join(self.names) or i18n.t("store.none_known", lang)
        return i18n.t(self.key, lang, name=self.name, names=names, known=names)


def list_stores(*, session: Session) -> list[Store]:
    return list(session.scalars(select(Store).order_by(Store.name)))


def find_store(*, session: Session, name: str) -> Store | None:
    return session.scalar(select(Store).where(Store.name == name))


def get_store(*, session: Session, name: str | None) -> Store:
    """The named store, or the only store when no name is given."""
    if name is not None:
        store = find_store(session=session, name=name)
        if store is None:
            known = [s.name for s in list_stores(session=session)]
            raise StoreNotFoundError("store.unknown", name=name, names=known)
        return store
    stores = list_stores(session=session)
    if len(stores) == 1:
        return stores[0]
    if not stores:
        raise StoreNotFoundError("store.none")
    raise StoreNotFoundError("store.several", names=[s.name for s in stores])


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
