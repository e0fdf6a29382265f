"""Target ACoS per product: break-even ACoS from the profit per unit before ads, by lifecycle.

Break-even ACoS is the share of the price that is left after Amazon's fees and the landed
cost: spending that share of sales on ads leaves zero profit. Per unit, in the marketplace
currency::

    profit_before_ads = price - referral fee - FBA fee - landed cost
    break_even_acos   = profit_before_ads / price

``price`` is what the SKU's units sold for on average over the last 28 days
(``catalog.selling_price``: orders, else the Business Report, with enough units), else its
listing price; the evidence names which (``price_source``).

Fees come from settlement fee lines of the SKU when imported; otherwise the referral fee is
taken as :data:`DEFAULT_REFERRAL_RATE` of the price and the FBA fee as
:data:`DEFAULT_FBA_FEE_RATE`. The landed cost is ``product_cost`` (unit cost + first-leg
freight + duty) or ``Product.unit_cost``; without any cost the margin before ads is assumed
to be :data:`DEFAULT_MARGIN` of the price, and the evidence says so (``cost_source``).

Lifecycle goals: a launch may run above break-even for :data:`LAUNCH_DAYS` days (to buy rank
and reviews); a mature product aims at keeping part of its margin as profit; a declining one
spends even less.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.finance.models import ExchangeRate, FeeLine, ProductCost

DEFAULT_REFERRAL_RATE = Decimal("0.15")
DEFAULT_FBA_FEE_RATE = Decimal("0.15")
DEFAULT_MARGIN = Decimal("0.30")  # profit before ads / price when no cost is known
LAUNCH_DAYS = 90
#: Target ACoS as a multiple of break-even ACoS, per lifecycle stage. Mature aims at profit:
#: when clicks grow about in proportion to the bid (elasticity e ~ 1) and CPC with it, profit
#: after ads peaks at an ACoS of break-even x e / (1 + e), about half of it.
#: An end-of-life SKU (the catalog's lifecycle stage) spends as little as a declining one.
LIFECYCLE_FACTOR = {"launch": 1.3, "growth": 0.8, "mature": 0.5, "decline": 0.4,
                    "end_of_life": 0.4}  # fmt: skip
#: Stages whose ads must not grow: no harvest, no bid or budget raise, no overstock push.
NO_GROWTH_STAGES = ("end_of_life", "discontinued")
MIN_TARGET, MAX_TARGET = 0.05, 0.9


@dataclass(frozen=True, slots=True)
class UnitEconomics:
    price: Decimal
    referral_fee: Decimal
    fba_fee: Decimal
    landed_cost: Decimal | None  # None: unknown, DEFAULT_MARGIN assumed
    fees_source: str  # settlement | assumed
    cost_source: str  # product_cost | unit_cost | assumed_margin
    #: Where ``price`` comes from: ``average_selling_price_orders`` /
    #: ``average_selling_price_business_report`` (what units sold for over the last
    #: ``catalog.selling_price.WINDOW_DAYS`` days) or ``listing_price`` (too few units sold).
    price_source: str = "listing_price"
    price_units: int | None = None  # units behind an average selling price
    sku: str | None = None  # the SKU the price is of


@dataclass(frozen=True, slots=True)
class TargetAcos:
    sku: str
    break_even: float
    target: float
    lifecycle: str
    profit_per_unit: Decimal
    economics: UnitEconomics

    @property
    def loses_money(self) -> bool:
        """The product loses money on every unit before any ad spend: no ACoS breaks even,
        so there is no target ACoS (not 0 %: no ad sale can pay for itself)."""
        return self.profit_per_unit <= 0

    def evidence(self) -> dict[str, object]:
        e = self.economics
        out: dict[str, object] = {
            "price": round(float(e.price), 2),
            "price_source": e.price_source,
            "profit_before_ads": float(self.profit_per_unit),
            "break_even_acos": None if self.loses_money else round(self.break_even, 4),
            "target_acos": None if self.loses_money else round(self.target, 4),
            "lifecycle": self.lifecycle,
            "cost_source": e.cost_source,
            "fees_source": e.fees_source,
        }
        if e.price_units is not None:
            out["price_units"] = e.price_units
        if e.sku:
            out["price_sku"] = e.sku
        if self.loses_money:
            out["loses_money_before_ads"] = True
        return out


def profit_before_ads(e: UnitEconomics) -> Decimal:
    """Per unit, in the marketplace currency."""
    if e.landed_cost is None:
        return (e.price * DEFAULT_MARGIN).quantize(Decimal("0.01"))
    return (e.price - e.referral_fee - e.fba_fee - e.landed_cost).quantize(Decimal("0.01"))


def target_acos(sku: str, e: UnitEconomics, lifecycle: str) -> TargetAcos:
    """Break-even ACoS and the lifecycle-adjusted target (both fractions of sales)."""
    profit = profit_before_ads(e)
    break_even = max(0.0, float(profit / e.price)) if e.price > 0 else 0.0
    target = min(MAX_TARGET, max(MIN_TARGET, break_even * LIFECYCLE_FACTOR.get(lifecycle, 0.7)))
    if lifecycle != "launch":  # only a launch may buy clicks above break-even, on purpose
        target = min(target, break_even)
    return TargetAcos(sku, break_even, target, lifecycle, profit, e)


def lifecycle_stage(first_sale: date | None, as_of: date, trend: float | None) -> str:
    """launch (first sale within LAUNCH_DAYS), decline (sales down a third), else mature."""
    if first_sale is not None and (as_of - first_sale).days < LAUNCH_DAYS:
        return "launch"
    if trend is not None and trend < -0.33:
        return "decline"
    return "mature"


def economics(
    price: Decimal,
    fees_per_unit: tuple[Decimal, Decimal] | None,
    landed_cost: Decimal | None,
    cost_source: str,
) -> UnitEconomics:
    if fees_per_unit is None:
        referral = price * DEFAULT_REFERRAL_RATE
        fba = price * DEFAULT_FBA_FEE_RATE
        source = "assumed"
    else:
        referral, fba = fees_per_unit
        source = "settlement"
    return UnitEconomics(price, referral, fba, landed_cost, source, cost_source)


def store_targets(
    *, session: Session, store_id: int, as_of: date, currency: str, prices: dict[str, Decimal],
    price_sources: dict[str, tuple[str, int | None]] | None = None,
) -> dict[str, TargetAcos]:  # fmt: skip
    """Target ACoS of every SKU in ``prices`` (SKU -> price per unit in ``currency``, the
    marketplace's); ``price_sources`` says where each price comes from (source, units
    behind it; see :attr:`UnitEconomics.price_source`), the listing price when absent."""
    price_sources = price_sources or {}
    products = {
        p.sku: p for p in session.scalars(select(Product).where(Product.store_id == store_id))
    }
    costs = _landed_costs(session, store_id, as_of, currency)
    fees = _fees_per_unit(session, store_id, as_of)
    firsts, trends = _sales_history(session, store_id, as_of)
    out = {}
    for sku, price in prices.items():
        product = products.get(sku)
        cost, source = costs.get(sku, (None, "assumed_margin"))
        if (
            sku not in costs
            and product is not None
            and product.unit_cost is not None
            and product.cost_currency in (None, "", currency)
        ):
            cost, source = product.unit_cost, "unit_cost"
        asin = product.asin if product else None
        stage = lifecycle_stage(firsts.get(asin or ""), as_of, trends.get(asin or ""))
        e = economics(price, fees.get(sku), cost, source)
        where, units = price_sources.get(sku, ("listing_price", None))
        e = replace(e, price_source=where, price_units=units, sku=sku)
        out[sku] = target_acos(sku, e, stage)
    return out


def _landed_costs(
    session: Session, store_id: int, as_of: date, currency: str
) -> dict[str, tuple[Decimal | None, str]]:
    """Newest product_cost per SKU in force on ``as_of``, in ``currency``: costs in another
    currency use the newest exchange rate kept for the store, or are left out without one."""
    out: dict[str, tuple[Decimal | None, str]] = {}
    rows = session.scalars(
        select(ProductCost)
        .where(ProductCost.store_id == store_id, ProductCost.effective_from <= as_of)
        .order_by(ProductCost.sku, ProductCost.effective_from)
    )
    rates: dict[str, Decimal | None] = {currency: Decimal(1)}
    for row in rows:
        if row.currency not in rates:
            rates[row.currency] = _rate(session, store_id, as_of, row.currency, currency)
        rate = rates[row.currency]
        if rate is None:
            out[row.sku] = (None, "assumed_margin")
            continue
        freight = row.first_leg_freight_per_unit or Decimal(0)
        duty = row.unit_cost * (row.duty_rate or Decimal(0))
        out[row.sku] = ((row.unit_cost + freight + duty) * rate, "product_cost")
    return out


def _rate(session: Session, store_id: int, as_of: date, src: str, dst: str) -> Decimal | None:
    found = session.scalar(
        select(ExchangeRate.rate)
        .where(ExchangeRate.store_id == store_id, ExchangeRate.day <= as_of,
               ExchangeRate.from_currency == src, ExchangeRate.to_currency == dst)
        .order_by(ExchangeRate.day.desc())
        .limit(1)
    )  # fmt: skip
    return Decimal(found) if found is not None else None


def _fees_per_unit(
    session: Session, store_id: int, as_of: date
) -> dict[str, tuple[Decimal, Decimal]]:
    """(referral, FBA fee) per unit from the last 90 days of settlement lines per SKU."""
    start = as_of - timedelta(days=90)
    rows = session.execute(
        select(FeeLine.sku, FeeLine.amount_description, func.sum(FeeLine.amount))
        .where(FeeLine.store_id == store_id, FeeLine.posted_day >= start,
               FeeLine.posted_day <= as_of, FeeLine.sku.is_not(None))
        .group_by(FeeLine.sku, FeeLine.amount_description)
    )  # fmt: skip
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for sku, desc, amount in rows:
        if sku is None:
            continue
        totals[sku][(desc or "").casefold()] += Decimal(amount or 0)
    units = _settled_units(session, store_id, start, as_of)
    out = {}
    for sku, by_desc in totals.items():
        n = units.get(sku, 0)
        referral = -by_desc.get("commission", Decimal(0))
        fba = -by_desc.get("fbaperunitfulfillmentfee", Decimal(0))
        if n > 0 and referral > 0:
            out[sku] = (referral / n, fba / n)
    return out


def _settled_units(session: Session, store_id: int, start: date, end: date) -> dict[str, int]:
    rows = session.execute(
        select(FeeLine.sku, func.sum(FeeLine.quantity))
        .where(FeeLine.store_id == store_id, FeeLine.posted_day >= start,
               FeeLine.posted_day <= end, FeeLine.amount_description == "Principal")
        .group_by(FeeLine.sku)
    )  # fmt: skip
    return {sku: int(q or 0) for sku, q in rows if sku is not None}


def _sales_history(
    session: Session, store_id: int, as_of: date
) -> tuple[dict[str, date], dict[str, float]]:
    """First day with units per ASIN, and the last 28 days' sales against the 28 before."""
    firsts = dict(
        session.execute(
            select(SalesTrafficDaily.child_asin, func.min(SalesTrafficDaily.day))
            .where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.units_ordered > 0)
            .group_by(SalesTrafficDaily.child_asin)
        ).all()
    )
    if firsts:
        # A first sale in the first week of imported history says nothing about a launch.
        cut = min(firsts.values()) + timedelta(days=6)
        firsts = {a: d for a, d in firsts.items() if d > cut}
    recent = _units(session, store_id, as_of - timedelta(days=27), as_of)
    before = _units(session, store_id, as_of - timedelta(days=55), as_of - timedelta(days=28))
    trends = {a: recent.get(a, 0) / b - 1 for a, b in before.items() if b >= 10}
    return firsts, trends


def _units(session: Session, store_id: int, start: date, end: date) -> dict[str, int]:
    rows = session.execute(
        select(SalesTrafficDaily.child_asin, func.sum(SalesTrafficDaily.units_ordered))
        .where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.day >= start,
               SalesTrafficDaily.day <= end)
        .group_by(SalesTrafficDaily.child_asin)
    )  # fmt: skip
    return {a: int(u or 0) for a, u in rows}
