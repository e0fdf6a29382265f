"""What the Products pages show: the catalog with its last four weeks, one product over time.

The catalog list reads the precomputed per-SKU rollups (``catalog.rollups``); a product page
reads one ASIN's Business Report rows and one SKU's stock snapshots (indexed on store, ASIN
or SKU, day), the forecast stored with the day's restock plan (the plan's forecaster runs
on the plan's history of the SKU only for a SKU the plan has no line of) and the stored
findings.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from threading import Lock
from typing import Any

from markupsafe import Markup
from sqlalchemy import Date, Integer, asc, bindparam, desc, func, select
from sqlalchemy.orm import Session

from sellerops.catalog import rollups
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.catalog.rollup_models import AsinRollup, RollupState
from sellerops.catalog.selling_price import MIN_UNITS, SellingPrice
from sellerops.core import i18n
from sellerops.core.models import Store
from sellerops.daily.models import FindingRow
from sellerops.inventory.models import InventorySnapshot
from sellerops.inventory.plan_models import RestockPlanLine

WINDOW_DAYS = rollups.WINDOW_DAYS
CHART_DAYS = 90
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


def cells(
    line: ProductLine, currency: str, lang: str, merchant: Mapping[str, int | None] | None = None
) -> tuple[str, ...]:
    """The row's price, units, sales, sessions, conversion and stock as ``lang`` writes them
    (empty where there is no value; a merchant-fulfilled SKU's stock: :func:`stock_text`)."""
    return (
        "" if line.price is None else i18n.money(line.price, currency, lang),
        i18n.number(line.units, lang, 0),
        i18n.money(line.sales, currency, lang),
        i18n.number(line.sessions, lang, 0),
        "" if line.conversion is None else i18n.percent(line.conversion, lang),
        stock_text(line.sku, line.stock, merchant or {}, lang),
    )


def stock_cell(
    sku: str, stock: int | None, merchant: Mapping[str, int | None], lang: str
) -> tuple[str, str | None]:
    """A SKU's stock in the catalog table: (text, tooltip). A merchant-fulfilled SKU's is
    short ("MFN", "35 MFN"), its tooltip says what that means: the column stays narrow
    and the SKUs beside it are not pushed to break."""
    if sku not in merchant:
        return ("" if stock is None else i18n.number(stock, lang, 0)), None
    own = merchant[sku]
    if own is None:
        return i18n.t("web.products.mfn_short", lang), i18n.t("web.products.mfn_title", lang)
    units = i18n.number(own, lang, 0)
    return (
        i18n.t("web.products.mfn_short_stock", lang, units=units),
        i18n.t("web.products.mfn_title_stock", lang, units=units),
    )


def stock_text(sku: str, stock: int | None, merchant: Mapping[str, int | None], lang: str) -> str:
    """A SKU's stock as a page shows it: FBA's fulfillable units, or for a SKU the seller
    ships (``merchant``: :func:`merchant_stock`) its own stock when a report gave it, else
    "merchant-fulfilled: no FBA stock" (not a blank that reads as "unknown")."""
    if sku in merchant:
        own = merchant[sku]
        if own is None:
            return i18n.t("web.products.mfn_no_stock", lang)
        return i18n.t("web.products.mfn_stock", lang, units=i18n.number(own, lang, 0))
    return "" if stock is None else i18n.number(stock, lang, 0)


def merchant_stock(*, session: Session, store_id: int, as_of: date) -> dict[str, int | None]:
    """SKUs the seller ships (merchant-fulfilled orders in the last 28 days and none fulfilled
    by Amazon: the restock plan's ``merchant`` lines) -> their own stock, the newest FBA
    inventory snapshot's MFN fulfillable quantity when a report named the SKU, else None."""
    from sellerops.inventory.planning import merchant_rows

    skus = [row.sku for row in merchant_rows(session, store_id, as_of, set())]
    out: dict[str, int | None] = dict.fromkeys(skus)
    if not skus:
        return out
    snapshots = session.execute(
        select(_S.sku, _S.mfn_fulfillable)
        .where(_S.store_id == store_id, _S.sku.in_(skus), _S.snapshot_date <= as_of)
        .order_by(_S.snapshot_date)
    )
    for sku, units in snapshots:  # oldest first: the newest snapshot's value is kept
        out[sku] = None if units is None else int(units)
    return out


def stock_now(session: Session, store_id: int, sku: str, as_of: date) -> int | None:
    """The SKU's fulfillable FBA units in its newest snapshot up to ``as_of`` (None: none)."""
    found = session.execute(
        select(_S.fulfillable)
        .where(_S.store_id == store_id, _S.sku == sku, _S.snapshot_date <= as_of)
        .order_by(_S.snapshot_date.desc())
        .limit(1)
    ).scalar()
    return None if found is None else int(found)


@dataclass(frozen=True, slots=True)
class PriceFacts:
    """The price a product page leads with: the one its margins and the ads work at.

    ``selling`` is the average selling price over ``days`` days (``source`` ``orders`` or
    ``business_report``, over ``units`` units: ``catalog.selling_price``) when enough units
    sold, else the listing price (``source`` ``listing``); ``listing`` is what the offer asks.
    """

    selling: Decimal | None
    source: str  # orders | business_report | listing
    units: int | None
    days: int
    listing: Decimal | None
    min_units: int = MIN_UNITS


def price_facts(product: Any, sold: SellingPrice | None, days: int) -> PriceFacts:
    if sold is not None:
        return PriceFacts(sold.price, sold.source, sold.units, sold.days, product.price)
    return PriceFacts(product.price, "listing", None, days, product.price)


def rows_html(
    store_id: int,
    lines: list[ProductLine],
    currency: str,
    lang: str,
    merchant: Mapping[str, int | None] | None = None,
) -> Markup:
    """The catalog table's rows. Built here rather than in the template: a 50-row page has
    some 500 values to escape, and ``html.escape`` on plain strings costs a fraction of what
    Jinja2's per-value ``Markup`` escaping does (the page renders in a third of the time)."""
    e = html.escape
    out = []
    for p in lines:
        values = cells(p, currency, lang, merchant)[:-1]
        nums = "".join(f'<td class="num">{e(x)}</td>' for x in values)
        stock, tip = stock_cell(p.sku, p.stock, merchant or {}, lang)
        if tip is None:
            nums += f'<td class="num">{e(stock)}</td>'
        else:
            nums += f'<td class="num mfn" title="{e(tip)}">{e(stock)}</td>'
        out.append(
            f'<tr class="product-row"><td class="sku-cell"><a href="/stores/{store_id}/'
            f'products/{p.id}">{e(p.sku)}</a><div class="entity">{e(p.asin or "")}</div></td>'
            f'<td class="title-cell">{e(p.title or "")}</td>{nums}</tr>'
        )
    return Markup("\n".join(out))


def catalog_page(
    *,
    session: Session,
    store_id: int,
    as_of: date,
    search: str = "",
    sort: str = "sales",
    descending: bool = True,
    page: int = 1,
    known_fresh: bool = False,
) -> CatalogPage:
    """One page of the store's products, filtered by SKU, ASIN or title, sorted by a column.

    Units, sales and sessions are sums over the 28 days ending ``as_of``. Reads the
    precomputed ``asin_rollup`` rows (refreshed first if they are older than ``as_of``,
    unless the caller ``known_fresh`` checked it at this data version: :func:`rollups_fresh`):
    one indexed page query, whatever the size of the catalog. The counts come from the
    rollup state (all products) or from the search keys kept in memory per rollup refresh
    (:func:`_search_keys`), which also turn a search into the list of matching SKUs instead
    of a ``LIKE`` scan of every row. Statements are built once per sort (``_statement``).
    """
    if not known_fresh:
        rollups.ensure_fresh(session=session, store_id=store_id, as_of=as_of)
    conn = session.connection()
    state = conn.execute(_STATE, {"store_id": store_id}).first()
    params: dict[str, Any] = {"store_id": store_id}
    mode = ""
    if search:
        wanted = rollups.search_key(search)
        matches = _matches(session, store_id, None if state is None else tuple(state), wanted)
        if len(matches) <= MAX_IN_LIST:
            mode, params["skus"] = "in", matches
        else:  # a very broad search: let the database filter
            mode, params["pattern"] = "like", f"%{wanted.translate(_LIKE_ESCAPES)}%"
        total = len(matches)
    elif state is not None:
        total = state.products
    else:
        total = conn.execute(_statement("", mode, "count", False), params).scalar() or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    sort = sort if sort in SORTS else "sales"
    rows = _sorted_page(conn, params, mode, sort, descending, (page - 1) * PER_PAGE)
    return CatalogPage([ProductLine(*x) for x in rows], total, page, pages)


def rollups_fresh(*, session: Session, store_id: int, as_of: date) -> bool:
    """Whether the store's rollups are as of ``as_of`` with every product (only reads)."""
    conn = session.connection()
    state = conn.execute(_STATE, {"store_id": store_id}).first()
    if state is None or state.as_of != as_of:
        return False
    return bool(state.products == conn.execute(_PRODUCTS, {"store_id": store_id}).scalar())


#: Matching SKUs handed to the database as a list up to this many (beyond: ``LIKE``).
MAX_IN_LIST = 2_000
#: Searches whose matches are kept per store and rollup refresh.
MAX_SEARCHES = 256
_KEYS: dict[tuple[str, int], tuple[Any, list[tuple[str, str]], dict[str, list[str]]]] = {}
_KEYS_LOCK = Lock()
_R = AsinRollup.__table__.c
_STATE = select(
    RollupState.__table__.c.as_of,
    RollupState.__table__.c.refreshed_at,
    RollupState.__table__.c.products,
).where(RollupState.__table__.c.store_id == bindparam("store_id", type_=Integer))
_PRODUCTS = (
    select(func.count())
    .select_from(Product.__table__)
    .where(Product.__table__.c.store_id == bindparam("store_id", type_=Integer))
)


def _matches(session: Session, store_id: int, version: Any, wanted: str) -> list[str]:
    """The SKUs whose search key holds ``wanted``; the last searches are kept with the keys
    (a scan of 10,000 keys costs about as much as the rest of the page)."""
    pairs, found = _search_keys(session, store_id, version)
    with _KEYS_LOCK:
        matches = found.get(wanted)
    if matches is None:
        matches = [sku for sku, key in pairs if wanted in key]
        with _KEYS_LOCK:
            found[wanted] = matches
            while len(found) > MAX_SEARCHES:
                found.pop(next(iter(found)))
    return matches


def _search_keys(
    session: Session, store_id: int, version: Any
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """The store's (SKU, search key) pairs, read once per rollup refresh and kept, with
    the matches of the searches made since."""
    key = (str(session.get_bind().engine.url), store_id)
    with _KEYS_LOCK:
        found = _KEYS.get(key)
    if found is not None and version is not None and found[0] == version:
        return found[1], found[2]
    pairs = [
        (sku, text)
        for sku, text in session.execute(
            select(AsinRollup.sku, AsinRollup.search_key).where(AsinRollup.store_id == store_id)
        )
    ]
    searches: dict[str, list[str]] = {}
    with _KEYS_LOCK:
        _KEYS[key] = (version, pairs, searches)
        while len(_KEYS) > 64:
            _KEYS.pop(next(iter(_KEYS)))
    return pairs, searches


def _sorted_page(
    conn: Any, params: dict[str, Any], mode: str, sort: str, descending: bool, offset: int
) -> list[Any]:
    """``PER_PAGE`` rows from ``offset`` on, each sort served by its index on (store, column,
    SKU): ties go by SKU in the same direction; rows without a value come last, read apart."""

    def page(part: str, skip: int, take: int) -> list[Any]:
        stmt = _statement(sort, mode, part, descending)
        return list(conn.execute(stmt, {**params, "skip": skip, "take": take}).all())

    if sort in _NEVER_EMPTY:
        return page("all", offset, PER_PAGE)
    rows = page("filled", offset, PER_PAGE)
    if len(rows) < PER_PAGE:  # past the filled rows: how many there are, to go on after them
        filled = conn.execute(_statement(sort, mode, "count", descending), params).scalar()
        rows += page("empty", max(0, offset - (filled or 0)), PER_PAGE - len(rows))
    return rows


@functools.cache
def _statement(sort: str, mode: str, part: str, descending: bool) -> Any:
    """The catalog query of one sort, search ``mode`` ("", "in": SKUs, "like": a pattern)
    and ``part`` ("all" rows, the "filled" or "empty" ones of the sort column, or the
    "count" of the filled ones, or of all when ``sort`` is empty), with bound parameters."""
    r = _R
    where: list[Any] = [r.store_id == bindparam("store_id", type_=Integer)]
    if mode == "in":
        where.append(r.sku.in_(bindparam("skus", expanding=True)))
    elif mode == "like":
        where.append(r.search_key.like(bindparam("pattern"), escape="\\"))
    column = _SORT_COLUMNS[sort] if sort else None
    if column is not None and part in ("filled", "count"):
        where.append(column.is_not(None))
    elif column is not None and part == "empty":
        where.append(column.is_(None))
    if part == "count":
        return select(func.count()).select_from(AsinRollup.__table__).where(*where)
    direction = desc if descending else asc
    order = [direction(r.sku)]
    if part != "empty":
        assert column is not None
        order.insert(0, direction(column))
    return (
        select(r.product_id, r.sku, r.asin, r.title, r.price, r.units_28, r.sales_28,
               r.sessions_28, r.stock)
        .where(*where)
        .order_by(*order)
        .limit(bindparam("take", type_=Integer))
        .offset(bindparam("skip", type_=Integer))
    )  # fmt: skip


_LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})
_SORT_COLUMNS: dict[str, Any] = {
    "sku": _R.sku,
    "title": _R.title,
    "price": _R.price,
    "units": _R.units_28,
    "sales": _R.sales_28,
    "sessions": _R.sessions_28,
    "conversion": _R.conversion_28,
    "stock": _R.stock,
}
_NEVER_EMPTY = frozenset({"sku", "units", "sales", "sessions"})


def product_of_store(session: Session, store_id: int, product_id: int) -> Any:
    """The product's row (``product`` columns by name), only if it belongs to the store."""
    return session.connection().execute(_PRODUCT, {"id": product_id, "store_id": store_id}).first()


def _traffic(session: Session, store_id: int, asin: str | None, start: date, end: date) -> Any:
    if asin is None:
        return []
    params = {"store_id": store_id, "asin": asin, "start": start, "end": end}
    return session.connection().execute(_TRAFFIC, params).all()


def _stock(session: Session, store_id: int, sku: str, start: date, end: date) -> dict[date, int]:
    params = {"store_id": store_id, "sku": sku, "start": start, "end": end}
    return {d: int(q) for d, q in session.connection().execute(_STOCK, params)}


_P, _T, _S = Product.__table__.c, SalesTrafficDaily.__table__.c, InventorySnapshot.__table__.c
_STORE = bindparam("store_id", type_=Integer)
_PRODUCT = select(Product.__table__).where(_P.id == bindparam("id", type_=Integer),
                                           _P.store_id == _STORE)  # fmt: skip
_TRAFFIC = select(_T.day, _T.units_ordered, _T.ordered_sales, _T.sessions, _T.buy_box_pct).where(
    _T.store_id == _STORE, _T.child_asin == bindparam("asin"),
    _T.day >= bindparam("start", type_=Date), _T.day <= bindparam("end", type_=Date),
)  # fmt: skip
_STOCK = select(_S.snapshot_date, _S.fulfillable).where(
    _S.store_id == _STORE, _S.sku == bindparam("sku"),
    _S.snapshot_date >= bindparam("start", type_=Date),
    _S.snapshot_date <= bindparam("end", type_=Date),
)  # fmt: skip
_L = RestockPlanLine.__table__.c
_FORECAST = select(_L.forecast).where(
    _L.store_id == _STORE, _L.as_of == bindparam("as_of", type_=Date), _L.sku == bindparam("sku")
)
_F = FindingRow.__table__.c
_OPEN_FINDINGS = (
    select(FindingRow)
    .where(_F.store_id == _STORE, _F.entity.in_(bindparam("entities", expanding=True)),
           _F.status != "done")
    .order_by(_F.score.desc(), _F.id)
)  # fmt: skip


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def product_chart(*, session: Session, store: Store, product: Any, as_of: date) -> dict[str, Any]:
    """The product's last 90 days and the next 28 (forecast) on one axis, for ECharts.

    Per day: ordered sales (store currency), units, sessions, conversion (units per
    session, %), average selling price (sales / units), Buy Box % and fulfillable stock;
    then the forecast's mean and 90th percentile of units per day.
    """
    # the stored plan's forecast, else the plan's forecaster on the plan's history of the SKU
    fc = _stored_forecast(session, store.id, product.sku, as_of) or _forecast(
        session, store, product, as_of
    )
    start = as_of - timedelta(days=CHART_DAYS - 1)
    rows = {r.day: r for r in _traffic(session, store.id, product.asin, start, as_of)}
    stock = _stock(session, store.id, product.sku, start, as_of)
    days = [as_of - timedelta(days=k) for k in range(CHART_DAYS - 1, -1, -1)]
    future = [as_of + timedelta(days=k) for k in range(1, FORECAST_DAYS + 1)]
    pad: list[float | None] = [None] * FORECAST_DAYS
    series: dict[str, list[float | None]] = {k: [] for k in ("sales", "units", "sessions",
                                                            "conversion", "price", "buy_box")}  # fmt: skip
    covered = _report_days(session, store.id, days[0], as_of)
    for d in days:
        r = rows.get(d)
        if r is None and d not in covered:  # no Business Report that day: a gap, not a zero
            for values in series.values():
                values.append(None)
            continue
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


def _report_days(session: Session, store_id: int, start: date, end: date) -> set[date]:
    """The days a Business Report of the store covers (a row of any ASIN): on these a
    product without a row sold nothing; on the others nothing is known."""
    found = session.execute(
        select(_T.day).where(_T.store_id == store_id, _T.day >= start, _T.day <= end).distinct()
    )
    return set(found.scalars())


def _stored_forecast(
    session: Session, store_id: int, sku: str, as_of: date
) -> tuple[list[float | None], list[float | None]] | None:
    """The forecast the stored restock plan of ``as_of`` used for the SKU (computed by the
    morning review with every other SKU's), or None when the plan has no such line."""
    path = (
        session.connection()
        .execute(_FORECAST, {"store_id": store_id, "as_of": as_of, "sku": sku})
        .scalar()
    )
    if not path or len(path.get("mean") or ()) < FORECAST_DAYS:
        return None
    mean, p90 = path["mean"][:FORECAST_DAYS], path["p90"][:FORECAST_DAYS]
    return [_round(float(v)) for v in mean], [_round(float(v)) for v in p90]


def _forecast(
    session: Session, store: Store, product: Any, as_of: date
) -> tuple[list[float | None], list[float | None]]:
    """Mean and 90th percentile of units per day for the 28 days after ``as_of`` when the
    stored plan has no line of the SKU: the plan's own forecast of it (``planning``: the same
    days and units, orders where an order report covers the day, Business Report units where
    only it does, days neither covers left out), so the page says what the plan will."""
    from sellerops.inventory.planning import sku_forecast

    path = _store_forecasts(session, store, as_of).get(product.sku)
    if path is not None:
        return path
    fc = sku_forecast(session=session, store=store, sku=product.sku, asin=product.asin,
                      as_of=as_of)  # fmt: skip
    return _paths(fc.mean, fc.p90)


def _paths(mean: Any, p90: Any) -> tuple[list[float | None], list[float | None]]:
    return (
        [_round(float(v)) for v in mean[:FORECAST_DAYS]],
        [_round(float(v)) for v in p90[:FORECAST_DAYS]],
    )


def _store_forecasts(
    session: Session, store: Store, as_of: date
) -> dict[str, tuple[list[float | None], list[float | None]]]:
    """The store's forecasts as the plan makes them (``planning.store_forecasts``), made once
    for all its product pages at a data version (``page_cache.FACTS``, as ``remember``)."""
    from sellerops.inventory.planning import store_forecasts
    from sellerops.web.page_cache import FACTS
    from sellerops.web.versions import store_version

    key = (str(session.get_bind().engine.url), store.id, as_of,
           store_version(session, store.id), "store_forecasts")  # fmt: skip
    found: dict[str, tuple[list[float | None], list[float | None]]] | None = FACTS.get(key)
    if found is None:
        found = {
            sku: _paths(fc.mean, fc.p90)
            for sku, fc in store_forecasts(session=session, store=store, as_of=as_of).items()
        }
        FACTS.put(key, found)
    return found


def open_findings(*, session: Session, store_id: int, product: Any) -> list[FindingRow]:
    """The product's findings (by SKU or ASIN) that are not done, highest score first."""
    entities = [e for e in (product.sku, product.asin) if e]
    params = {"store_id": store_id, "entities": entities}
    return list(session.scalars(_OPEN_FINDINGS, params))
