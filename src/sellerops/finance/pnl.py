"""Per-SKU P&L of a store over a period, loaded from what the imports hold.

Where each number comes from:

* **fee lines**: settlement lines when the store has any, else Date Range transaction lines
  (the two describe the same money and are never added together), by posted day;
* **estimated days**: days after the last settled day are estimated from All Orders (item
  price) with the SKU's own referral-fee rate and FBA fee per unit from its settled lines of
  the last 90 settled days (15 % and no FBA fee when it has none); those amounts are kept in
  ``SkuPnl.estimated``;
* **landed cost**: COGS, first-leg freight and duty per unit from the costs sheet in force on
  each day sold (``product_cost``, else the product's unit cost), converted with the exchange
  rate of that day;
* **ads**: Sponsored Products spend by advertised SKU; Brands / Display spend (and an
  account-level "Cost of Advertising" line when no ad report covers the period; or, when only
  search-term reports were imported, their spend) split over SKUs by their item sales;
* **account-level fees** (storage, subscription, inbound placement ...): storage split by the
  cubic feet each ASIN stored that month (storage-fee report), everything else and storage
  without that report by units sold.

All amounts are in the store currency, Decimal, costs negative.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads.models import AdCampaign, AdCampaignDaily, AdProductDaily, AdSearchTermDaily
from sellerops.catalog.models import Product
from sellerops.finance import service as finance
from sellerops.finance.models import ExchangeRate, FeeLine, ProductCost, StorageFeeMonthly
from sellerops.finance.profit import SkuPnl, allocate, cents, classify, landed_unit_cost, rate_on
from sellerops.service.models import Order, OrderItem

DEFAULT_REFERRAL_RATE = Decimal("0.15")
RATE_WINDOW_DAYS = 90
CANCELLED = ("cancelled", "canceled")


@dataclass(slots=True)
class Pnl:
    """The P&L of one store over [start, end]: per SKU, plus what could not be costed."""

    currency: str
    start: date
    end: date
    source: str  # settlement | date_range | none
    settled_through: date | None  # the last day with fee lines; later days are estimated
    skus: dict[str, SkuPnl] = field(default_factory=dict)
    missing_costs: set[str] = field(default_factory=set)
    missing_rates: set[str] = field(default_factory=set)

    def sku(self, sku: str) -> SkuPnl:
        if sku not in self.skus:
            self.skus[sku] = SkuPnl(sku=sku)
        return self.skus[sku]


class Rates:
    """Exchange rates of a store by day: ``convert(amount, from, to, day)``."""

    def __init__(self, session: Session, store_id: int) -> None:
        rows = session.execute(
            select(ExchangeRate.from_currency, ExchangeRate.to_currency, ExchangeRate.day,
                   ExchangeRate.rate)
            .where(ExchangeRate.store_id == store_id).order_by(ExchangeRate.day)
        )  # fmt: skip
        self.pairs: dict[tuple[str, str], list[tuple[date, Decimal]]] = defaultdict(list)
        for src, dst, day, rate in rows:
            self.pairs[(src, dst)].append((day, Decimal(rate)))

    def rate(self, src: str, dst: str, day: date) -> Decimal | None:
        if src == dst:
            return Decimal(1)
        direct = rate_on(self.pairs.get((src, dst), []), day)
        if direct is not None:
            return direct
        inverse = rate_on(self.pairs.get((dst, src), []), day)
        return Decimal(1) / inverse if inverse else None


def sku_pnl(*, session: Session, store_id: int, currency: str, start: date, end: date) -> Pnl:
    """Every SKU's P&L from ``start`` to ``end`` (marketplace-local days, both included)."""
    source = _source(session, store_id)
    settled = _settled_through(session, store_id, source)
    pnl = Pnl(currency, start, end, source or "none", settled)
    rates = Rates(session, store_id)
    units_by_day: dict[tuple[str, date], int] = defaultdict(int)
    pool: dict[str, Decimal] = defaultdict(Decimal)
    if source:
        _fee_lines(session, store_id, source, pnl, rates, units_by_day, pool)
    _estimate(session, store_id, pnl, units_by_day)
    _products(session, store_id, pnl)
    _landed_costs(session, store_id, pnl, rates, units_by_day)
    _ads(session, store_id, pnl, pool)
    _account_level(session, store_id, pnl, pool)
    return pnl


def _source(session: Session, store_id: int) -> finance.Source | None:
    sources: tuple[finance.Source, ...] = ("settlement", "date_range")
    for source in sources:
        query = select(FeeLine.line_no).where(
            FeeLine.store_id == store_id, finance.source_filter(source)
        )
        if session.execute(query.limit(1)).first():
            return source
    return None


def _settled_through(session: Session, store_id: int, source: str | None) -> date | None:
    if source is None:
        return None
    query = select(func.max(FeeLine.posted_day)).where(
        FeeLine.store_id == store_id,
        finance.source_filter(source),  # type: ignore[arg-type]
    )
    return session.scalar(query)


def _fee_lines(
    session: Session,
    store_id: int,
    source: finance.Source,
    pnl: Pnl,
    rates: Rates,
    units_by_day: dict[tuple[str, date], int],
    pool: dict[str, Decimal],
) -> None:
    rows = session.execute(
        select(FeeLine.sku, FeeLine.posted_day, FeeLine.transaction_type, FeeLine.amount_type,
               FeeLine.amount_description, func.sum(FeeLine.amount), func.sum(FeeLine.quantity),
               FeeLine.currency)
        .where(FeeLine.store_id == store_id, finance.source_filter(source),
               FeeLine.posted_day >= pnl.start, FeeLine.posted_day <= pnl.end)
        .group_by(FeeLine.sku, FeeLine.posted_day, FeeLine.transaction_type, FeeLine.amount_type,
                  FeeLine.amount_description, FeeLine.currency)
    )  # fmt: skip
    for sku, day, tx, kind, desc, amount, qty, cur in rows:
        if day is None:
            continue
        line = classify(tx, kind, desc)
        rate = rates.rate(cur, pnl.currency, day)
        if rate is None:
            pnl.missing_rates.add(cur)
            continue
        value = Decimal(amount) * rate
        if not sku:
            pool[line] += value
            continue
        pnl.sku(sku).add(line, value)
        if line == "principal" and (tx or "").lower() == "order" and qty:
            pnl.sku(sku).units += qty
            units_by_day[(sku, day)] += qty


def _estimate(
    session: Session, store_id: int, pnl: Pnl, units_by_day: dict[tuple[str, date], int]
) -> None:
    """Days after the last settled day: item sales from orders, fees at the SKU's own rates."""
    first = pnl.start if pnl.settled_through is None else pnl.settled_through + timedelta(1)
    first = max(first, pnl.start)
    if first > pnl.end:
        return
    fee_rates = _fee_rates(session, store_id, pnl.source, pnl.settled_through)
    rows = session.execute(
        select(OrderItem.sku, Order.purchase_day, OrderItem.quantity, OrderItem.item_price)
        .join(Order, Order.id == OrderItem.order_id)
        .where(OrderItem.store_id == store_id, Order.purchase_day >= first,
               Order.purchase_day <= pnl.end, func.lower(Order.status).notin_(CANCELLED),
               OrderItem.quantity > 0, OrderItem.item_price.is_not(None))
    )  # fmt: skip
    for sku, day, qty, price in rows:
        if price is None:
            continue
        referral, fba = fee_rates.get(sku, (DEFAULT_REFERRAL_RATE, Decimal(0)))
        entry = pnl.sku(sku)
        entry.units += qty
        units_by_day[(sku, day)] += qty
        entry.add("principal", Decimal(price), estimated=True)
        entry.add("referral_fee", cents(-Decimal(price) * referral), estimated=True)
        entry.add("fba_fee", cents(-fba * qty), estimated=True)


def _fee_rates(
    session: Session, store_id: int, source: str, settled_through: date | None
) -> dict[str, tuple[Decimal, Decimal]]:
    """Per SKU from its order lines of the last 90 settled days: (referral fee / principal,
    FBA fee per unit)."""
    if source == "none" or settled_through is None:
        return {}
    rows = session.execute(
        select(FeeLine.sku, FeeLine.amount_type, FeeLine.amount_description,
               func.sum(FeeLine.amount), func.sum(FeeLine.quantity))
        .where(FeeLine.store_id == store_id, finance.source_filter(source),  # type: ignore[arg-type]
               FeeLine.transaction_type == "Order", FeeLine.sku.is_not(None),
               FeeLine.posted_day > settled_through - timedelta(days=RATE_WINDOW_DAYS))
        .group_by(FeeLine.sku, FeeLine.amount_type, FeeLine.amount_description)
    )  # fmt: skip
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for sku, kind, desc, amount, qty in rows:
        if sku is None:
            continue
        line = classify("Order", kind, desc)
        sums[sku][line] += Decimal(amount)
        if line == "principal":
            sums[sku]["units"] += Decimal(qty or 0)
    out = {}
    for sku, s in sums.items():
        referral = -s["referral_fee"] / s["principal"] if s["principal"] else DEFAULT_REFERRAL_RATE
        fba = -s["fba_fee"] / s["units"] if s["units"] else Decimal(0)
        out[sku] = (referral, fba)
    return out


def _products(session: Session, store_id: int, pnl: Pnl) -> None:
    rows = session.execute(
        select(Product.sku, Product.asin, Product.parent_asin).where(Product.store_id == store_id)
    )
    for sku, asin, parent in rows:
        if sku in pnl.skus:
            pnl.skus[sku].asin, pnl.skus[sku].parent_asin = asin, parent or asin


def _landed_costs(
    session: Session,
    store_id: int,
    pnl: Pnl,
    rates: Rates,
    units_by_day: dict[tuple[str, date], int],
) -> None:
    costs = _cost_history(session, store_id)
    for (sku, day), units in sorted(units_by_day.items()):
        history = costs.get(sku)
        found = rate_on(history, day) if history else None
        if found is None:
            pnl.missing_costs.add(sku)
            continue
        unit_cost, cur, freight, duty = found
        rate = rates.rate(cur, pnl.currency, day)
        if rate is None:
            pnl.missing_rates.add(cur)
            continue
        cogs, frt, dty = landed_unit_cost(unit_cost, freight, duty, rate)
        entry = pnl.skus[sku]
        entry.add("cogs", cents(-cogs * units))
        entry.add("freight", cents(-frt * units))
        entry.add("duty", cents(-dty * units))


_Cost = tuple[Decimal, str, Decimal | None, Decimal | None]


def _cost_history(session: Session, store_id: int) -> dict[str, list[tuple[date, _Cost]]]:
    """Per SKU: (effective from, (unit cost, currency, freight per unit, duty rate)), oldest
    first; a product's own unit cost stands in when the costs sheet has no row."""
    history: dict[str, list[tuple[date, _Cost]]] = defaultdict(list)
    rows = session.execute(
        select(ProductCost.sku, ProductCost.effective_from, ProductCost.unit_cost,
               ProductCost.currency, ProductCost.first_leg_freight_per_unit,
               ProductCost.duty_rate)
        .where(ProductCost.store_id == store_id).order_by(ProductCost.effective_from)
    )  # fmt: skip
    for sku, day, cost, cur, freight, duty in rows:
        history[sku].append((day, (Decimal(cost), cur, freight, duty)))
    fallback = session.execute(
        select(Product.sku, Product.unit_cost, Product.cost_currency).where(
            Product.store_id == store_id, Product.unit_cost.is_not(None)
        )
    )
    for sku, own_cost, own_currency in fallback:
        if sku not in history and own_currency and own_cost is not None:
            history[sku].append((date.min, (Decimal(own_cost), own_currency, None, None)))
    return history


def _ads(session: Session, store_id: int, pnl: Pnl, pool: dict[str, Decimal]) -> None:
    by_asin = {p.asin: s for s, p in pnl.skus.items() if p.asin}
    rows = session.execute(
        select(AdProductDaily.sku, AdProductDaily.asin, func.sum(AdProductDaily.spend))
        .where(AdProductDaily.store_id == store_id, AdProductDaily.day >= pnl.start,
               AdProductDaily.day <= pnl.end)
        .group_by(AdProductDaily.sku, AdProductDaily.asin)
    )  # fmt: skip
    reported = Decimal(0)
    for sku, asin, spend in rows:
        reported += Decimal(spend or 0)
        target = sku or by_asin.get(asin)
        if target:
            pnl.sku(target).add("ads", -Decimal(spend or 0))
        else:
            pool["ads_unassigned"] -= Decimal(spend or 0)
    other = session.scalar(
        select(func.coalesce(func.sum(AdCampaignDaily.spend), 0))
        .join(AdCampaign, AdCampaign.id == AdCampaignDaily.campaign_id)
        .where(AdCampaignDaily.store_id == store_id, AdCampaign.ad_product != "SP",
               AdCampaignDaily.day >= pnl.start, AdCampaignDaily.day <= pnl.end)
    )  # fmt: skip
    if not reported and not other:  # only search-term reports: their spend, split by sales
        other = _search_term_spend(session, store_id, pnl.start, pnl.end)
    if reported or other:  # the ad reports describe the same spend as the invoice lines
        pool.pop("ads", None)
    pool["ads"] = (
        pool.get("ads", Decimal(0)) - Decimal(other or 0) + pool.pop("ads_unassigned", Decimal(0))
    )


def _search_term_spend(session: Session, store_id: int, start: date, end: date) -> Decimal:
    spend = session.scalar(
        select(func.coalesce(func.sum(AdSearchTermDaily.spend), 0)).where(
            AdSearchTermDaily.store_id == store_id,
            AdSearchTermDaily.day >= start,
            AdSearchTermDaily.day <= end,
        )
    )
    return Decimal(spend or 0)


def _account_level(session: Session, store_id: int, pnl: Pnl, pool: dict[str, Decimal]) -> None:
    by_units = {s: p.units for s, p in pnl.skus.items()}
    by_sales = {s: max(p.sales, Decimal(0)) for s, p in pnl.skus.items()}
    storage_weights = _storage_volume(session, store_id, pnl) or by_units
    for line, amount in pool.items():
        if not amount:
            continue
        weights = storage_weights if line == "storage" else by_sales if line == "ads" else by_units
        shares = allocate(amount, weights) or allocate(amount, {"(account)": 1})
        for sku, part in shares.items():
            pnl.sku(sku).add(line, part)


def _storage_volume(session: Session, store_id: int, pnl: Pnl) -> dict[str, Decimal]:
    rows = session.execute(
        select(StorageFeeMonthly.asin, func.sum(StorageFeeMonthly.estimated_total_item_volume))
        .where(StorageFeeMonthly.store_id == store_id,
               StorageFeeMonthly.month_of_charge >= pnl.start.replace(day=1),
               StorageFeeMonthly.month_of_charge <= pnl.end)
        .group_by(StorageFeeMonthly.asin)
    )  # fmt: skip
    by_asin = {p.asin: s for s, p in pnl.skus.items() if p.asin}
    return {by_asin[a]: Decimal(v) for a, v in rows if a in by_asin and v}


@dataclass(frozen=True, slots=True)
class LineDetail:
    """One fee line behind a P&L number, with the P&L line it counts in."""

    day: date
    source_id: str
    line_no: int
    transaction_type: str | None
    order_id: str | None
    amount_description: str | None
    line: str
    amount: Decimal
    currency: str


def lines_behind(
    *, session: Session, store_id: int, sku: str, start: date, end: date
) -> list[LineDetail]:
    """The settlement (or Date Range) lines of one SKU in [start, end], oldest first: the
    drill-down under a SKU's P&L (landed cost, ads and allocations are computed, not lines)."""
    source = _source(session, store_id)
    if source is None:
        return []
    rows = session.execute(
        select(FeeLine.posted_day, FeeLine.source_id, FeeLine.line_no, FeeLine.transaction_type,
               FeeLine.order_id, FeeLine.amount_type, FeeLine.amount_description, FeeLine.amount,
               FeeLine.currency)
        .where(FeeLine.store_id == store_id, FeeLine.sku == sku, finance.source_filter(source),
               FeeLine.posted_day >= start, FeeLine.posted_day <= end)
        .order_by(FeeLine.posted_day, FeeLine.source_id, FeeLine.line_no)
    )  # fmt: skip
    return [
        LineDetail(day, sid, no, tx, order, desc or kind, classify(tx, kind, desc),
                   Decimal(amount), cur)
        for day, sid, no, tx, order, kind, desc, amount, cur in rows
        if day is not None
    ]  # fmt: skip
