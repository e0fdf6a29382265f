"""Per-SKU P&L of a store over a period, loaded from what the imports hold.

Where each number comes from:

* **fee lines**: settlement lines when the store has any, else Date Range transaction lines
  (the two describe the same money and are never added together), by posted day;
* **estimated days**: days after the last settled day are estimated from All Orders (item
  price) with the SKU's own referral-fee rate and FBA fee per unit from its settled lines of
  the last 90 settled days (15 % and no FBA fee when it has none); those amounts are kept in
  ``SkuPnl.estimated``;
* **landed cost**: COGS per unit from the costs sheet in force on each day sold
  (``product_cost``, else the product's unit cost), converted with the exchange rate of that
  day; first-leg freight and duties from the inbound shipment the units came in (first in,
  first out by shipment date; the shipment's freight invoice split by weight or volume, its
  duties by customs value, an actual invoice replacing the estimate: ``finance.landed``),
  else the costs sheet's freight per unit and duty rate;
* **ads**: Sponsored Products spend by advertised SKU (advertised product report); when only
  search-term reports were imported, each ad group's spend of a day goes to the SKUs whose
  product ads served in the group that day (not those paused or archived: see
  ``ads.product_ads.serving_ads``), split over them by item
  sales when it has several; Brands / Display spend, an account-level "Cost of Advertising"
  line when no ad report covers the period, and the spend of ad groups whose products are
  not known are split over all SKUs by their item sales, and that part is kept in
  ``SkuPnl.ads_split`` (an estimate: the P&L marks it);
* **account-level fees** (storage, subscription, inbound placement ...): storage split by the
  cubic feet each ASIN stored that month (storage-fee report); without that report, by the
  units each SKU held in FBA over the period (inventory snapshots, weighted by the per-unit
  volume when the report gives it), so a merchant-fulfilled SKU pays no FBA storage;
  everything else, and storage when neither is known, by units sold.

All amounts are in the P&L's currency, Decimal, costs negative. That is the store's currency,
or a reporting currency (``rate_window_days`` set): every amount is converted into the
store's currency as above, then into the reporting currency at the rate of its own day (at
most ``rate_window_days`` old, else :class:`~sellerops.finance.rates.MissingRateError`).
Money is summed exactly (``finance.sums``), never through floats, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads import product_ads
from sellerops.ads.models import AdCampaign, AdCampaignDaily, AdProductDaily, AdSearchTermDaily
from sellerops.catalog.models import Product
from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Store
from sellerops.finance import service as finance
from sellerops.finance.landed_service import CostLine, add_landed_costs
from sellerops.finance.landed_service import cost_history as _cost_history
from sellerops.finance.models import FeeLine, StorageFeeMonthly
from sellerops.finance.profit import SkuPnl, allocate, cents, classify
from sellerops.finance.rates import Converter, MissingRateError, Rates
from sellerops.finance.sums import from_sum, money_sum
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem, amazon_sale

__all__ = ["Allocation", "CostLine", "LineDetail", "MissingRateError", "Pnl", "Rates",
           "_cost_history", "lines_behind", "sku_pnl"]  # fmt: skip

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
    fees: finance.FeeChoice  # the fee lines that count (settlement and Date Range, once)
    skus: dict[str, SkuPnl] = field(default_factory=dict)
    missing_costs: set[str] = field(default_factory=set)
    missing_rates: set[str] = field(default_factory=set)
    #: the landed-cost amounts behind the ``cogs``, ``freight`` and ``duty`` lines
    cost_lines: list[CostLine] = field(default_factory=list)
    #: the account-level amounts (storage, subscription, SB/SD ads ...) split over SKUs
    allocations: list[Allocation] = field(default_factory=list)

    def sku(self, sku: str) -> SkuPnl:
        if sku not in self.skus:
            self.skus[sku] = SkuPnl(sku=sku)
        return self.skus[sku]


@dataclass(frozen=True, slots=True)
class Allocation:
    """A SKU's share of an account-level amount, and the rule that split it."""

    sku: str
    line: str
    amount: Decimal
    rule: str  # cubic_feet | fba_units_held | units | item_sales | ad_group | account


def sku_pnl(
    *,
    session: Session,
    store_id: int,
    currency: str,
    start: date,
    end: date,
    rate_window_days: int | None = None,
) -> Pnl:
    """Every SKU's P&L from ``start`` to ``end`` (marketplace-local days, both included), in
    ``currency``: the store's, or with ``rate_window_days`` a reporting currency whose rate
    of each day may be at most that many days old (:class:`MissingRateError` otherwise)."""
    choice = finance.fee_choice(session=session, store_id=store_id)
    settled = _settled_through(session, store_id, choice)
    pnl = Pnl(currency, start, end, choice.source or "none", settled, choice)
    conv = Converter(Rates(session, store_id), currency, store_currency(session, store_id),
                     rate_window_days)  # fmt: skip
    units_by_day: dict[tuple[str, date], int] = defaultdict(int)
    pool: dict[str, Decimal] = defaultdict(Decimal)
    if choice.any:
        _fee_lines(session, store_id, choice, pnl, conv, units_by_day, pool)
    _estimate(session, store_id, pnl, conv, units_by_day, choice)
    _products(session, store_id, pnl)
    add_landed_costs(session, store_id, pnl, conv, units_by_day)
    _ads(session, store_id, pnl, conv, pool)
    _account_level(session, store_id, pnl, pool)
    return pnl


def store_currency(session: Session, store_id: int) -> str:
    """The currency of the store's marketplace."""
    code = session.scalar(select(Store.marketplace_code).where(Store.id == store_id))
    return get_marketplace(code).currency if code else "USD"


def _settled_through(session: Session, store_id: int, choice: finance.FeeChoice) -> date | None:
    if not choice.any:
        return None
    query = select(func.max(FeeLine.posted_day)).where(FeeLine.store_id == store_id, choice.clause)
    return session.scalar(query)


def _fee_lines(
    session: Session,
    store_id: int,
    choice: finance.FeeChoice,
    pnl: Pnl,
    conv: Converter,
    units_by_day: dict[tuple[str, date], int],
    pool: dict[str, Decimal],
) -> None:
    rows = session.execute(
        select(FeeLine.sku, FeeLine.posted_day, FeeLine.transaction_type, FeeLine.amount_type,
               FeeLine.amount_description, money_sum(FeeLine.amount), func.sum(FeeLine.quantity),
               FeeLine.currency)
        .where(FeeLine.store_id == store_id, choice.clause,
               FeeLine.posted_day >= pnl.start, FeeLine.posted_day <= pnl.end)
        .group_by(FeeLine.sku, FeeLine.posted_day, FeeLine.transaction_type, FeeLine.amount_type,
                  FeeLine.amount_description, FeeLine.currency)
    )  # fmt: skip
    for sku, day, tx, kind, desc, amount, qty, cur in rows:
        if day is None:
            continue
        line = classify(tx, kind, desc)
        if line in ("tax", "transfer"):
            continue
        rate = conv.rate(cur, day)
        if rate is None:
            pnl.missing_rates.add(cur)
            continue
        value = from_sum(amount) * rate
        if not sku:
            pool[line] += value
            continue
        pnl.sku(sku).add(line, value)
        if line == "principal" and (tx or "").lower() == "order" and qty:
            pnl.sku(sku).units += qty
            units_by_day[(sku, day)] += qty


def _estimate(
    session: Session,
    store_id: int,
    pnl: Pnl,
    conv: Converter,
    units_by_day: dict[tuple[str, date], int],
    choice: finance.FeeChoice,
) -> None:
    """Days after the last settled day: item sales from orders, fees at the SKU's own rates."""
    first = pnl.start if pnl.settled_through is None else pnl.settled_through + timedelta(1)
    first = max(first, pnl.start)
    if first > pnl.end:
        return
    fee_rates = _fee_rates(session, store_id, choice, pnl.settled_through)
    rows = session.execute(
        select(OrderItem.sku, Order.purchase_day, OrderItem.quantity, OrderItem.item_price)
        .join(Order, Order.id == OrderItem.order_id)
        .where(OrderItem.store_id == store_id, Order.purchase_day >= first,
               Order.purchase_day <= pnl.end, func.lower(Order.status).notin_(CANCELLED),
               OrderItem.quantity > 0, OrderItem.item_price.is_not(None), amazon_sale())
    )  # fmt: skip
    for sku, day, qty, price in rows:
        if price is None:
            continue
        rate = conv.rate(conv.home, day)
        if rate is None:
            pnl.missing_rates.add(conv.home)
            continue
        referral, fba = fee_rates.get(sku, (DEFAULT_REFERRAL_RATE, Decimal(0)))
        entry = pnl.sku(sku)
        entry.units += qty
        units_by_day[(sku, day)] += qty
        value = Decimal(price) * rate
        entry.add("principal", value, estimated=True)
        entry.add("referral_fee", cents(-value * referral), estimated=True)
        entry.add("fba_fee", cents(-fba * qty * rate), estimated=True)


def _fee_rates(
    session: Session, store_id: int, choice: finance.FeeChoice, settled_through: date | None
) -> dict[str, tuple[Decimal, Decimal]]:
    """Per SKU from its order lines of the last 90 settled days: (referral fee / principal,
    FBA fee per unit)."""
    if not choice.any or settled_through is None:
        return {}
    rows = session.execute(
        select(FeeLine.sku, FeeLine.amount_type, FeeLine.amount_description,
               money_sum(FeeLine.amount), func.sum(FeeLine.quantity))
        .where(FeeLine.store_id == store_id, choice.clause,
               FeeLine.transaction_type == "Order", FeeLine.sku.is_not(None),
               FeeLine.posted_day > settled_through - timedelta(days=RATE_WINDOW_DAYS))
        .group_by(FeeLine.sku, FeeLine.amount_type, FeeLine.amount_description)
    )  # fmt: skip
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for sku, kind, desc, amount, qty in rows:
        if sku is None:
            continue
        line = classify("Order", kind, desc)
        sums[sku][line] += from_sum(amount)
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


def _ads(
    session: Session, store_id: int, pnl: Pnl, conv: Converter, pool: dict[str, Decimal]
) -> None:
    """Ad spend in each row's own currency (a report's row may be in another than the
    store's), converted at each day's rate."""
    by_asin = {p.asin: s for s, p in pnl.skus.items() if p.asin}
    rows = session.execute(
        select(AdProductDaily.sku, AdProductDaily.asin, AdProductDaily.day,
               AdProductDaily.currency, money_sum(AdProductDaily.spend))
        .where(AdProductDaily.store_id == store_id, AdProductDaily.day >= pnl.start,
               AdProductDaily.day <= pnl.end)
        .group_by(AdProductDaily.sku, AdProductDaily.asin, AdProductDaily.day,
                  AdProductDaily.currency)
    )  # fmt: skip
    reported = Decimal(0)
    for sku, asin, day, currency, spend in rows:
        amount = from_sum(spend)
        reported += amount
        value = _converted(pnl, conv, amount, day, currency)
        target = sku or by_asin.get(asin)
        if target:
            pnl.sku(target).add("ads", -value)
        else:
            pool["ads_unassigned"] -= value
    other_rows = session.execute(
        select(AdCampaignDaily.day, AdCampaignDaily.currency, money_sum(AdCampaignDaily.spend))
        .join(AdCampaign, AdCampaign.id == AdCampaignDaily.campaign_id)
        .where(AdCampaignDaily.store_id == store_id, AdCampaign.ad_product != "SP",
               AdCampaignDaily.day >= pnl.start, AdCampaignDaily.day <= pnl.end)
        .group_by(AdCampaignDaily.day, AdCampaignDaily.currency)
    ).all()  # fmt: skip
    other = [(day, currency, from_sum(v)) for day, currency, v in other_rows]
    described = bool(reported) or any(v for _, _, v in other)
    if not described:
        # only search-term reports: each ad group's spend goes to the SKUs it advertises;
        # the spend of groups whose products are not known is split by sales
        described, other = _search_term_spend(session, store_id, pnl, conv)
    if described:  # the ad reports describe the invoice lines' spend
        pool.pop("ads", None)
    other_value = sum((_converted(pnl, conv, v, day, cur) for day, cur, v in other), Decimal(0))
    pool["ads"] = pool.get("ads", Decimal(0)) - other_value + pool.pop("ads_unassigned", Decimal(0))


def _converted(
    pnl: Pnl, conv: Converter, amount: Decimal, day: date, currency: str | None = None
) -> Decimal:
    """An amount in ``currency`` (the store's when None) on ``day``, in the P&L's (0 when
    no rate, the currency then named in ``missing_rates``)."""
    rate = conv.rate(currency or conv.home, day)
    if rate is None:
        pnl.missing_rates.add(currency or conv.home)
        return Decimal(0)
    return amount * rate


def _search_term_spend(
    session: Session, store_id: int, pnl: Pnl, conv: Converter
) -> tuple[bool, list[tuple[date, str | None, Decimal]]]:
    """Search-term spend by ad group and day, charged to the SKUs whose ads served in the
    group that day (``ads.product_ads.serving_ads``: the advertised product report's rows
    where present, else the product ads enabled, so a paused ad's SKU is not charged); a
    group with several SKUs is split over them by their item sales (evenly when none sold).
    Returns (any search-term spend, the spend per day of groups with no known SKU)."""
    rows = session.execute(
        select(AdSearchTermDaily.ad_group_id, AdSearchTermDaily.day,
               AdSearchTermDaily.currency, money_sum(AdSearchTermDaily.spend))
        .where(AdSearchTermDaily.store_id == store_id, AdSearchTermDaily.day >= pnl.start,
               AdSearchTermDaily.day <= pnl.end)
        .group_by(AdSearchTermDaily.ad_group_id, AdSearchTermDaily.day,
                  AdSearchTermDaily.currency)
    ).all()  # fmt: skip
    if not any(from_sum(amount) for _, _, _, amount in rows):
        return False, []
    by_asin = {p.asin: s for s, p in pnl.skus.items() if p.asin}
    serving = product_ads.serving_ads(session=session, store_id=store_id, start=pnl.start,
                                      end=pnl.end)  # fmt: skip
    spend: dict[tuple[int, tuple[str, ...]], Decimal] = defaultdict(Decimal)
    unknown: dict[tuple[date, str | None], Decimal] = defaultdict(Decimal)
    for group, day, currency, amount in rows:
        value = from_sum(amount)
        found = {sku or by_asin.get(asin) for sku, asin in serving.products(group, day)}
        skus = tuple(sorted(s for s in found if s))
        if skus:
            spend[(group, skus)] += _converted(pnl, conv, value, day, currency)
        else:
            unknown[(day, currency)] += value
    for (_, skus), total in sorted(spend.items()):
        if len(skus) == 1:
            pnl.sku(skus[0]).add("ads", -total)
            continue
        sales = {s: max(pnl.skus[s].sales, Decimal(0)) for s in skus if s in pnl.skus}
        weights: Mapping[str, int | Decimal] = (
            sales if any(sales.values()) else dict.fromkeys(skus, 1)
        )
        for sku, part in allocate(-total, weights).items():
            pnl.sku(sku).add("ads", part)
            pnl.allocations.append(Allocation(sku, "ads", part, "ad_group"))
    return True, [(day, cur, v) for (day, cur), v in sorted(unknown.items(), key=str)]


def _account_level(session: Session, store_id: int, pnl: Pnl, pool: dict[str, Decimal]) -> None:
    by_units = {s: p.units for s, p in pnl.skus.items()}
    by_sales = {s: max(p.sales, Decimal(0)) for s, p in pnl.skus.items()}
    volume = _storage_volume(session, store_id, pnl)
    held = {} if volume else _fba_units_held(session, store_id, pnl)
    weights: Mapping[str, int | Decimal]
    for line, amount in pool.items():
        if not amount:
            continue
        if line == "storage" and volume:
            rule, weights = "cubic_feet", volume
        elif line == "storage" and held:
            rule, weights = "fba_units_held", held
        elif line == "ads":
            rule, weights = "item_sales", by_sales
        else:
            rule, weights = "units", by_units
        shares = allocate(amount, weights)
        if not shares:
            rule, shares = "account", allocate(amount, {"(account)": 1})
        for sku, part in shares.items():
            pnl.sku(sku).add(line, part)
            if line == "ads":  # no report says which SKU this spend advertised
                pnl.sku(sku).ads_split += part
            pnl.allocations.append(Allocation(sku, line, part, rule))


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


def _fba_units_held(session: Session, store_id: int, pnl: Pnl) -> dict[str, Decimal]:
    """Units each SKU of the P&L held in FBA over the period (sum over the inventory
    snapshots of fulfillable + reserved + unfulfillable, times the per-unit volume when the
    snapshot gives it): the share of the storage bill without a storage-fee report."""
    on_hand = (
        InventorySnapshot.fulfillable + InventorySnapshot.reserved + InventorySnapshot.unfulfillable
    )
    weighted = on_hand * func.coalesce(InventorySnapshot.per_unit_volume, 1)
    rows = session.execute(
        select(InventorySnapshot.sku, func.sum(weighted))
        .where(InventorySnapshot.store_id == store_id,
               InventorySnapshot.snapshot_date >= pnl.start,
               InventorySnapshot.snapshot_date <= pnl.end)
        .group_by(InventorySnapshot.sku)
    )  # fmt: skip
    return {sku: Decimal(str(v)) for sku, v in rows if sku in pnl.skus and v and v > 0}


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
    choice = finance.fee_choice(session=session, store_id=store_id)
    if not choice.any:
        return []
    rows = session.execute(
        select(FeeLine.posted_day, FeeLine.source_id, FeeLine.line_no, FeeLine.transaction_type,
               FeeLine.order_id, FeeLine.amount_type, FeeLine.amount_description, FeeLine.amount,
               FeeLine.currency)
        .where(FeeLine.store_id == store_id, FeeLine.sku == sku, choice.clause,
               FeeLine.posted_day >= start, FeeLine.posted_day <= end)
        .order_by(FeeLine.posted_day, FeeLine.source_id, FeeLine.line_no)
    )  # fmt: skip
    return [
        LineDetail(day, sid, no, tx, order, desc or kind, classify(tx, kind, desc),
                   Decimal(amount), cur)
        for day, sid, no, tx, order, kind, desc, amount, cur in rows
        if day is not None
    ]  # fmt: skip
