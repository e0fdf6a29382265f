"""The P&L at every level and period, across stores, in one reporting currency.

Levels: ``sku``, ``asin``, ``parent`` (per store: the same SKU in two stores is two rows),
``store``, ``marketplace`` and ``account`` (the stores of one seller id; stores without a
seller id form one account). Periods: ``day``, ``week`` (Monday to Sunday), ``month`` or
``all`` (the whole range); the first and last periods are cut to the range.

Each store's P&L is computed per period with :func:`sku_pnl` (account-level fees are split
within the period), in the reporting currency: amounts convert at the rate of their own day,
at most ``rate_window_days`` old, else :class:`MissingRateError` names the currencies and
the day. Rows are then added up with :func:`~sellerops.finance.profit.totals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Store
from sellerops.finance.pnl import (
    CANCELLED,
    Allocation,
    CostLine,
    LineDetail,
    Pnl,
    lines_behind,
    sku_pnl,
)
from sellerops.finance.profit import SkuPnl, totals
from sellerops.finance.rates import DEFAULT_RATE_WINDOW_DAYS
from sellerops.service.models import Order, OrderItem, amazon_sale

Level = Literal["sku", "asin", "parent", "store", "marketplace", "account"]
Period = Literal["day", "week", "month", "all"]
LEVELS: tuple[Level, ...] = ("sku", "asin", "parent", "store", "marketplace", "account")
PERIODS: tuple[Period, ...] = ("day", "week", "month", "all")
#: The account of stores that have no seller id.
NO_SELLER_ID = "account"


class MixedCurrenciesError(ValueError):
    """Stores in several currencies and no reporting currency chosen."""

    def __init__(self, currencies: Sequence[str]) -> None:
        self.currencies = sorted(currencies)
        super().__init__(
            f"the stores are in {', '.join(self.currencies)}: choose a reporting currency"
        )


def periods(start: date, end: date, period: Period) -> list[tuple[date, date]]:
    """[start, end] cut into days, Monday-Sunday weeks or calendar months (or one piece)."""
    if period == "all":
        return [(start, end)]
    out = []
    first = start
    while first <= end:
        if period == "day":
            last = first
        elif period == "week":
            last = first + timedelta(days=6 - first.weekday())
        else:
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            last = following - timedelta(days=1)
        last = min(last, end)
        out.append((first, last))
        first = last + timedelta(days=1)
    return out


@dataclass(slots=True)
class LedgerRow:
    """One number line of the P&L table: a key at a level over one period."""

    start: date
    end: date
    key: str
    store: str | None  # the store (sku, asin, parent and store levels)
    marketplace: str | None  # the marketplace code (up to the marketplace level)
    pnl: SkuPnl


@dataclass(slots=True)
class Ledger:
    currency: str
    start: date
    end: date
    level: Level
    period: Period
    rows: list[LedgerRow] = field(default_factory=list)
    #: per store name: the last day its fee lines cover (later days are estimated)
    settled_through: dict[str, date | None] = field(default_factory=dict)
    missing_costs: dict[str, set[str]] = field(default_factory=dict)
    missing_rates: dict[str, set[str]] = field(default_factory=dict)

    def total(self) -> SkuPnl:
        """Every row added up: the account-level total over the whole range."""
        return totals([r.pnl for r in self.rows], "total")


def store_currency(store: Store) -> str:
    return get_marketplace(store.marketplace_code).currency


def reporting_currency(stores: Sequence[Store], currency: str | None) -> str:
    """The chosen currency, else the stores' one currency (MixedCurrenciesError if several)."""
    if currency:
        return currency.upper()
    found = {store_currency(s) for s in stores}
    if len(found) > 1:
        raise MixedCurrenciesError(list(found))
    return found.pop() if found else "USD"


def ledger(
    *,
    session: Session,
    stores: Sequence[Store],
    start: date,
    end: date,
    currency: str | None = None,
    level: Level = "sku",
    period: Period = "all",
    rate_window_days: int = DEFAULT_RATE_WINDOW_DAYS,
) -> Ledger:
    """The P&L of ``stores`` from ``start`` to ``end`` at ``level`` per ``period``, in
    ``currency`` (default: the stores' own, when they share one). Rows of one period come
    together, best profit first."""
    target = reporting_currency(stores, currency)
    out = Ledger(target, start, end, level, period)
    for first, last in periods(start, end, period):
        groups: dict[tuple[str, str | None, str | None], list[SkuPnl]] = {}
        for store in stores:
            pnl = store_pnl(session, store, target, first, last, rate_window_days)
            _note(out, store.name, pnl)
            for p in pnl.skus.values():
                groups.setdefault(_key(store, p, level), []).append(p)
        rows = [
            LedgerRow(first, last, key, store_name, market, _combined(ps, key, level))
            for (key, store_name, market), ps in groups.items()
        ]
        out.rows += sorted(rows, key=lambda r: (-r.pnl.profit, r.key, r.store or ""))
    return out


def store_pnl(
    session: Session, store: Store, currency: str, start: date, end: date, window: int
) -> Pnl:
    """One store's SKU P&L in ``currency`` (strict daily rates when it is not the store's)."""
    strict = None if currency == store_currency(store) else window
    return sku_pnl(session=session, store_id=store.id, currency=currency, start=start,
                   end=end, rate_window_days=strict)  # fmt: skip


def _note(out: Ledger, name: str, pnl: Pnl) -> None:
    out.settled_through[name] = pnl.settled_through
    if pnl.missing_costs:
        out.missing_costs.setdefault(name, set()).update(pnl.missing_costs)
    if pnl.missing_rates:
        out.missing_rates.setdefault(name, set()).update(pnl.missing_rates)


def _key(store: Store, p: SkuPnl, level: Level) -> tuple[str, str | None, str | None]:
    market = store.marketplace_code
    if level == "sku":
        return p.sku, store.name, market
    if level == "asin":
        return p.asin or p.sku, store.name, market
    if level == "parent":
        return p.parent_asin or p.asin or p.sku, store.name, market
    if level == "store":
        return store.name, store.name, market
    if level == "marketplace":
        return market, None, market
    return store.seller_id or NO_SELLER_ID, None, None


def _combined(pnls: list[SkuPnl], key: str, level: Level) -> SkuPnl:
    if level == "sku" and len(pnls) == 1:
        return pnls[0]
    out = totals(pnls, key)
    if level == "asin":
        out.asin = key
    return out


@dataclass(slots=True)
class DrillDown:
    """A SKU's P&L and every line behind it: the settlement (or Date Range) lines in their
    own currency, the landed-cost lines and the shares of account-level amounts."""

    store: str
    currency: str
    pnl: SkuPnl | None
    fee_lines: list[LineDetail]
    cost_lines: list[CostLine]
    allocations: list[Allocation]
    #: the orders behind the estimated numbers of the days no settlement covers yet
    order_lines: list[OrderLine] = field(default_factory=list)
    #: currencies (of costs, freight ...) with no exchange rate: those amounts are left out
    missing_rates: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class OrderLine:
    """An order item of a day not settled yet: its item price (store currency) is the
    estimated item sales; the estimated fees come from the SKU's settled rates."""

    day: date
    order_id: str
    units: int
    item_price: Decimal
    currency: str


def drill_down(
    *,
    session: Session,
    store: Store,
    sku: str,
    start: date,
    end: date,
    currency: str | None = None,
    rate_window_days: int = DEFAULT_RATE_WINDOW_DAYS,
) -> DrillDown:
    target = currency.upper() if currency else store_currency(store)
    pnl = store_pnl(session, store, target, start, end, rate_window_days)
    return DrillDown(
        store=store.name,
        currency=target,
        pnl=pnl.skus.get(sku),
        fee_lines=lines_behind(session=session, store_id=store.id, sku=sku, start=start, end=end),
        cost_lines=[c for c in pnl.cost_lines if c.sku == sku],
        allocations=[a for a in pnl.allocations if a.sku == sku],
        order_lines=_order_lines(session, store, sku, pnl, start, end),
        missing_rates=frozenset(pnl.missing_rates),
    )


def _order_lines(
    session: Session, store: Store, sku: str, pnl: Pnl, start: date, end: date
) -> list[OrderLine]:
    first = start if pnl.settled_through is None else pnl.settled_through + timedelta(days=1)
    first = max(first, start)
    if first > end:
        return []
    rows = session.execute(
        select(Order.purchase_day, Order.amazon_order_id, OrderItem.quantity, OrderItem.item_price)
        .join(Order, Order.id == OrderItem.order_id)
        .where(OrderItem.store_id == store.id, OrderItem.sku == sku, Order.purchase_day >= first,
               Order.purchase_day <= end, func.lower(Order.status).notin_(CANCELLED),
               OrderItem.quantity > 0, OrderItem.item_price.is_not(None), amazon_sale())
        .order_by(Order.purchase_day, Order.amazon_order_id)
    )  # fmt: skip
    currency = store_currency(store)
    return [
        OrderLine(day, oid, qty, Decimal(price or 0), currency) for day, oid, qty, price in rows
    ]
