"""What the Products pages show: the catalog with its last four weeks, one product over time.

The catalog list reads the precomputed per-SKU rollups (``catalog.rollups``); a product page
reads one ASIN's Business Report rows and one SKU's stock snapshots (indexed on store, ASIN
or SKU, day), the forecast stored with the day's restock plan (the forecaster runs only for
a SKU the plan has no line of) and the stored findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from threading import Lock
from typing import Any

import numpy as np
from sqlalchemy import asc, desc, func, select
from sqlalchemy.orm import Session

from sellerops.catalog import rollups
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.catalog.rollup_models import AsinRollup, RollupState
from sellerops.core import calendar, i18n
from sellerops.core.models import Store
from sellerops.daily.models import FindingRow
from sellerops.inventory.forecast import SeriesInput, forecast_many
from sellerops.inventory.models import InventorySnapshot
from sellerops.inventory.plan_models import RestockPlanLine

WINDOW_DAYS = rollups.WINDOW_DAYS
CHART_DAYS = 90
HISTORY_DAYS = 365
FORECAST_DAYS = 28
PER_PAGE = 50
SORTS = ("sku", "title", "price", "units", "sales", "sessions", "conversion", "stock")


@dataclass(frozen=True, slots=True)
class ProductLine:
    """One catalog row: units, sales (store currency) and sessions over the window."""

    id: int
    sku: str
    asin: str | None
    title: str | None
    price: Decimal | None
    units: int
    sales: Decimal
    sessions: int
    stock: int | None  # fulfillable units in the newest snapshot; None: no snapshot

    @property
    def conversion(self) -> float | None:
        return self.units / self.sessions if self.sessions else None


@dataclass(frozen=True, slots=True)
class CatalogPage:
    lines: list[ProductLine]
    total: int
    page: int
    pages: int


def cells(line: ProductLine, currency: str, lang: str) -> tuple[str, ...]:
    """The row's price, units, sales, sessions, conversion and stock as ``lang`` writes them
    (empty where there is no value)."""
    return (
        "" if line.price is None else i18n.money(line.price, currency, lang),
        i18n.number(line.units, lang, 0),
        i18n.money(line.sales, currency, lang),
        i18n.number(line.sessions, lang, 0),
        "" if line.conversion is None else i18n.percent(line.conversion, lang),
        "" if line.stock is None else i18n.number(line.stock, lang, 0),
    )


def catalog_page(
    *,
    session: Session,
    store_id: int,
    as_of: date,
    search: str = "",
    sort: str = "sales",
    descending: bool = True,
    page: int = 1,
) -> CatalogPage:
    """One page of the store's products, filtered by SKU, ASIN or title, sorted by a column.

    Units, sales and sessions are sums over the 28 days ending ``as_of``. Reads the
    precomputed ``asin_rollup`` rows (refreshed first if they are older than ``as_of``): one
    indexed page query, whatever the size of the catalog. The counts come from the rollup
    state (all products) or from the search keys kept in memory per rollup refresh
    (:func:`_search_keys`), which also turn a search into the list of matching SKUs instead
    of a ``LIKE`` scan of every row.
    """
    rollups.ensure_fresh(session=session, store_id=store_id, as_of=as_of)
    r = AsinRollup
    where: list[Any] = [r.store_id == store_id]
    state = session.get(RollupState, store_id)
    if search:
        keys = _search_keys(session, store_id, state)
        wanted = rollups.search_key(search)
        matches = [sku for sku, key in keys if wanted in key]
        if len(matches) <= MAX_IN_LIST:
            where.append(r.sku.in_(matches))
        else:  # a very broad search: let the database filter
            pattern = wanted.translate(_LIKE_ESCAPES)
            where.append(r.search_key.like(f"%{pattern}%", escape="\\"))
        total = len(matches)
    elif state is not None:
        total = state.products
    else:
        total = session.scalar(select(func.count()).select_from(r).where(*where)) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    sort = sort if sort in SORTS else "sales"
    offset = (page - 1) * PER_PAGE
    rows = _sorted_page(session, where, sort, desc if descending else asc, offset)
    return CatalogPage([ProductLine(*x) for x in rows], total, page, pages)


#: Matching SKUs handed to the database as a list up to this many (beyond: ``LIKE``).
MAX_IN_LIST = 2_000
_KEYS: dict[tuple[str, int], tuple[Any, list[tuple[str, str]]]] = {}
_KEYS_LOCK = Lock()


def _search_keys(
    session: Session, store_id: int, state: RollupState | None
) -> list[tuple[str, str]]:
    """The store's (SKU, search key) pairs, read once per rollup refresh and kept."""
    key = (str(session.get_bind().engine.url), store_id)
    version = None if state is None else (state.as_of, state.refreshed_at, state.products)
    with _KEYS_LOCK:
        found = _KEYS.get(key)
    if found is not None and version is not None and found[0] == version:
        return found[1]
    pairs = [
        (sku, text)
        for sku, text in session.execute(
            select(AsinRollup.sku, AsinRollup.search_key).where(AsinRollup.store_id == store_id)
        )
    ]
    with _KEYS_LOCK:
        _KEYS[key] = (version, pairs)
        while len(_KEYS) > 64:
            _KEYS.pop(next(iter(_KEYS)))
    return pairs


def _sorted_page(
    session: Session, where: list[Any], sort: str, direction: Any, offset: int
) -> list[Any]:
    """``PER_PAGE`` rows from ``offset`` on, each sort served by its index on (store, column,
    SKU): ties go by SKU in the same direction; rows without a value come last, read apart."""
    r = AsinRollup
    column = _SORT_COLUMNS[sort]

    def page(conditions: list[Any], order: list[Any], skip: int, take: int) -> list[Any]:
        query = (
            select(r.product_id, r.sku, r.asin, r.title, r.price, r.units_28, r.sales_28,
                   r.sessions_28, r.stock)
            .where(*conditions)
            .order_by(*order)
            .limit(take)
            .offset(skip)
        )  # fmt: skip
        return list(session.execute(query))

    order = [direction(column), direction(r.sku)]
    if sort in _NEVER_EMPTY:
        return page(where, order, offset, PER_PAGE)
    rows = page([*where, column.is_not(None)], order, offset, PER_PAGE)
    if len(rows) < PER_PAGE:  # past the filled rows: how many there are, to go on after them
        filled = session.scalar(
            select(func.count()).select_from(r).where(*where, column.is_not(None))
        )
        skip = max(0, offset - (filled or 0))
        rows += page([*where, column.is_(None)], [direction(r.sku)], skip, PER_PAGE - len(rows))
    return rows


_LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})
_SORT_COLUMNS: dict[str, Any] = {
    "sku": AsinRollup.sku,
    "title": AsinRollup.title,
    "price": AsinRollup.price,
    "units": AsinRollup.units_28,
    "sales": AsinRollup.sales_28,
    "sessions": AsinRollup.sessions_28,
    "conversion": AsinRollup.conversion_28,
    "stock": AsinRollup.stock,
}
_NEVER_EMPTY = frozenset({"sku", "units", "sales", "sessions"})


def product_of_store(session: Session, store_id: int, product_id: int) -> Product | None:
    product = session.get(Product, product_id)
    return product if product is not None and product.store_id == store_id else None


def _traffic(session: Session, store_id: int, asin: str | None, start: date, end: date) -> Any:
    if asin is None:
        return []
    return session.execute(
        select(
            SalesTrafficDaily.day,
            SalesTrafficDaily.units_ordered,
            SalesTrafficDaily.ordered_sales,
            SalesTrafficDaily.sessions,
            SalesTrafficDaily.buy_box_pct,
        ).where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.child_asin == asin,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= end,
        )
    ).all()


def _stock(session: Session, store_id: int, sku: str, start: date, end: date) -> dict[date, int]:
    rows = session.execute(
        select(InventorySnapshot.snapshot_date, InventorySnapshot.fulfillable).where(
            InventorySnapshot.store_id == store_id,
            InventorySnapshot.sku == sku,
            InventorySnapshot.snapshot_date >= start,
            InventorySnapshot.snapshot_date <= end,
        )
    )
    return {d: int(q) for d, q in rows}


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def product_chart(
    *, session: Session, store: Store, product: Product, as_of: date
) -> dict[str, Any]:
    """The product's last 90 days and the next 28 (forecast) on one axis, for ECharts.

    Per day: ordered sales (store currency), units, sessions, conversion (units per
    session, %), average selling price (sales / units), Buy Box % and fulfillable stock;
    then the forecast's mean and 90th percentile of units per day.
    """
    history_start = as_of - timedelta(days=HISTORY_DAYS - 1)
    rows = {r.day: r for r in _traffic(session, store.id, product.asin, history_start, as_of)}
    stock = _stock(session, store.id, product.sku, history_start, as_of)
    fc = _stored_forecast(session, store.id, product.sku, as_of) or _forecast(
        store, product, history_start, as_of, rows, stock
    )
    days = [as_of - timedelta(days=k) for k in range(CHART_DAYS - 1, -1, -1)]
    future = [as_of + timedelta(days=k) for k in range(1, FORECAST_DAYS + 1)]
    pad: list[float | None] = [None] * FORECAST_DAYS
    series: dict[str, list[float | None]] = {k: [] for k in ("sales", "units", "sessions",
                                                            "conversion", "price", "buy_box")}  # fmt: skip
    for d in days:
        r = rows.get(d)
        units, sales, sess = (r.units_ordered, float(r.ordered_sales), r.sessions) if r else (0, 0.0, 0)  # fmt: skip
        series["sales"].append(round(sales, 2))
        series["units"].append(units)
        series["sessions"].append(sess)
        series["conversion"].append(_round(100 * units / sess if sess else None, 1))
        series["price"].append(_round(sales / units if units else None))
        bb = r.buy_box_pct if r is not None else None
        series["buy_box"].append(_round(None if bb is None else 100 * float(bb), 1))
    out: dict[str, Any] = {k: v + pad for k, v in series.items()}
    out["dates"] = [d.isoformat() for d in days + future]
    out["stock"] = [stock.get(d) for d in days] + pad
    out["forecast"] = [None] * (CHART_DAYS - 1) + [out["units"][CHART_DAYS - 1]] + fc[0]
    out["forecast_p90"] = [None] * CHART_DAYS + fc[1]
    return out


def _stored_forecast(
    session: Session, store_id: int, sku: str, as_of: date
) -> tuple[list[float | None], list[float | None]] | None:
    """The forecast the stored restock plan of ``as_of`` used for the SKU (computed by the
    morning review with every other SKU's), or None when the plan has no such line."""
    path = session.scalar(
        select(RestockPlanLine.forecast).where(
            RestockPlanLine.store_id == store_id,
            RestockPlanLine.as_of == as_of,
            RestockPlanLine.sku == sku,
        )
    )
    if not path or len(path.get("mean") or ()) < FORECAST_DAYS:
        return None
    mean, p90 = path["mean"][:FORECAST_DAYS], path["p90"][:FORECAST_DAYS]
    return [_round(float(v)) for v in mean], [_round(float(v)) for v in p90]


def _forecast(
    store: Store, product: Product, start: date, as_of: date, rows: dict[date, Any],
    stock: dict[date, int],
) -> tuple[list[float | None], list[float | None]]:  # fmt: skip
    """Mean and 90th percentile of units per day for the 28 days after ``as_of``."""
    n = (as_of - start).days + 1
    units = np.zeros(n)
    in_stock = np.ones(n)
    for d, r in rows.items():
        units[(d - start).days] = r.units_ordered
    for d, q in stock.items():
        in_stock[(d - start).days] = 1.0 if q > 0 else 0.0
    events = calendar.events(store.marketplace_code, start, as_of + timedelta(days=FORECAST_DAYS))
    series = SeriesInput(product.sku, start, units, in_stock=in_stock, group=product.asin)
    fc = forecast_many([series], FORECAST_DAYS, events)[0]
    return [_round(float(v)) for v in fc.mean], [_round(float(v)) for v in fc.p90]


def open_findings(*, session: Session, store_id: int, product: Product) -> list[FindingRow]:
    """The product's findings (by SKU or ASIN) that are not done, highest score first."""
    entities = [e for e in (product.sku, product.asin) if e]
    return list(
        session.scalars(
            select(FindingRow)
            .where(
                FindingRow.store_id == store_id,
                FindingRow.entity.in_(entities),
                FindingRow.status != "done",
            )
            .order_by(FindingRow.score.desc(), FindingRow.id)
        )
    )
