"""Deals and promotions calendar: Lightning Deals, Best Deals, coupons and Prime exclusive
discounts per SKU, with dates and fees; a stock readiness check before, and the measured
effect after (incremental units and profit against the SKU's own baseline, not revenue).

**Fees** (:data:`FEE_TABLE`) are Amazon's published US deal and coupon fees as announced to
sellers for 2025 (Seller Central help "Deals fees" / "Coupon fees", public information):
Lightning Deals and Best Deals 70.00 a day plus 1 % of the deal's sales, capped at 2,000.00
per deal; coupons 5.00 plus 2.5 % of the coupon's sales; Prime exclusive discounts free
outside events. Fees differ by marketplace and during events (Prime Day): pass ``fee`` when
you know the real one; the table is only the default.

**Baseline**: the SKU's units per day over the :data:`BASELINE_DAYS` days before the deal
(Business Report units of its ASIN). **Expected deal demand**, when not given:
baseline x :data:`UPLIFT` of the kind x the deal's days. **Profit** per unit before ads at the
deal price: the full-price profit per unit (``ads.targets``: price - fees - landed cost)
minus the discount net of the referral fee it saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads import targets as tg
from sellerops.ads.models import AdDeal
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core import i18n

KINDS = ("lightning", "best_deal", "coupon", "prime")
i18n.register_messages(
    {
        "ads.deal.lightning": {"en": "Lightning Deal", "zh": "秒杀"},
        "ads.deal.best_deal": {"en": "Best Deal", "zh": "最佳促销"},
        "ads.deal.coupon": {"en": "coupon", "zh": "优惠券"},
        "ads.deal.prime": {"en": "Prime exclusive discount", "zh": "Prime 专享折扣"},
    }
)
BASELINE_DAYS = 28
READY_WINDOW_DAYS = 14  # deals starting within this many days are checked for stock
#: Deal units per day as a multiple of the baseline, when the operator gives no estimate
#: (conservative mid-points of sellers' reported deal lifts).
UPLIFT = {"lightning": 4.0, "best_deal": 2.5, "coupon": 1.5, "prime": 1.5}


@dataclass(frozen=True, slots=True)
class FeeRule:
    fixed: Decimal  # per deal (coupon) or per day (per_day=True)
    per_day: bool
    share_of_sales: Decimal
    cap: Decimal | None


FEE_TABLE: dict[str, FeeRule] = {
    "lightning": FeeRule(Decimal("70"), True, Decimal("0.01"), Decimal("2000")),
    "best_deal": FeeRule(Decimal("70"), True, Decimal("0.01"), Decimal("2000")),
    "coupon": FeeRule(Decimal("5"), False, Decimal("0.025"), None),
    "prime": FeeRule(Decimal("0"), False, Decimal("0"), None),
}


class DealError(ValueError):
    """A deal that cannot be added (unknown kind or SKU, dates reversed)."""


#: How operators write the kinds in a sheet (English and Chinese, Amazon's words and ours).
KIND_NAMES = {
    "lightning": "lightning", "lightning deal": "lightning", "ld": "lightning",
    "秒杀": "lightning", "限时秒杀": "lightning",
    "best_deal": "best_deal", "best deal": "best_deal", "bd": "best_deal",
    "7-day deal": "best_deal", "最佳促销": "best_deal", "七天促销": "best_deal",
    "coupon": "coupon", "coupons": "coupon", "优惠券": "coupon", "优惠卷": "coupon",
    "prime": "prime", "prime exclusive discount": "prime", "prime discount": "prime",
    "ped": "prime", "prime 专享折扣": "prime", "prime专享折扣": "prime",
}  # fmt: skip


def parse_kind(text: str) -> str:
    """A deal kind from a sheet cell (``Lightning Deal``, ``秒杀``, ``best_deal`` ...)."""
    found = KIND_NAMES.get(" ".join(text.strip().casefold().replace("_", " ").split()))
    found = found or KIND_NAMES.get(text.strip().casefold())
    if found is None:
        raise DealError(f"kind must be one of {', '.join(KINDS)}, not {text!r}")
    return found


def find(session: Session, store_id: int, kind: str, sku: str, start: date) -> AdDeal | None:
    """The calendar's deal of this kind, SKU and start day (a sheet row's identity)."""
    return session.scalar(
        select(AdDeal).filter_by(store_id=store_id, kind=kind, sku=sku, start_date=start)
        .order_by(AdDeal.id).limit(1)
    )  # fmt: skip


def put(
    *, session: Session, store_id: int, kind: str, sku: str, start: date, end: date,
    discount: Decimal, currency: str, actor: str, fee: Decimal | None = None,
    expected_units: int | None = None, note: str | None = None,
) -> tuple[AdDeal, bool]:  # fmt: skip
    """Add the deal, or update the one of the same kind, SKU and start day (a sheet
    imported again changes the calendar, it does not double it); True when added."""
    fresh = _build(session=session, store_id=store_id, kind=kind, sku=sku, start=start,
                   end=end, discount=discount, currency=currency, actor=actor, fee=fee,
                   expected_units=expected_units, note=note)  # fmt: skip
    found = find(session, store_id, fresh.kind, sku, start)
    if found is None:
        session.add(fresh)
        session.flush()
        return fresh, True
    for name in ("end_date", "discount_pct", "fee", "currency", "expected_units", "note"):
        setattr(found, name, getattr(fresh, name))
    session.flush()
    return found, False


def days_of(deal: AdDeal) -> int:
    return (deal.end_date - deal.start_date).days + 1


def estimated_fee(kind: str, days: int, sales: Decimal) -> Decimal:
    """The fee from :data:`FEE_TABLE` for ``days`` days and ``sales`` of deal sales."""
    rule = FEE_TABLE[kind]
    fee = rule.fixed * (days if rule.per_day else 1) + rule.share_of_sales * sales
    if rule.cap is not None:
        fee = min(fee, rule.cap)
    return fee.quantize(Decimal("0.01"))


def add(
    *, session: Session, store_id: int, kind: str, sku: str, start: date, end: date,
    discount: Decimal, currency: str, actor: str, fee: Decimal | None = None,
    expected_units: int | None = None, note: str | None = None,
) -> AdDeal:  # fmt: skip
    """Put a deal in the calendar; without ``fee`` it is estimated from the table, the deal
    sales taken as expected units x the deal price."""
    deal = _build(session=session, store_id=store_id, kind=kind, sku=sku, start=start, end=end,
                  discount=discount, currency=currency, actor=actor, fee=fee,
                  expected_units=expected_units, note=note)  # fmt: skip
    session.add(deal)
    session.flush()
    return deal


def _build(
    *, session: Session, store_id: int, kind: str, sku: str, start: date, end: date,
    discount: Decimal, currency: str, actor: str, fee: Decimal | None,
    expected_units: int | None, note: str | None,
) -> AdDeal:  # fmt: skip
    if kind not in KINDS:
        raise DealError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if end < start:
        raise DealError("the deal ends before it starts")
    if not Decimal(0) <= discount < Decimal(1):
        raise DealError("discount is a share of the price, 0 to under 1 (0.2 = 20 % off)")
    product = session.scalar(select(Product).filter_by(store_id=store_id, sku=sku))
    if product is None:
        raise DealError(f"no product with SKU {sku!r}")
    if fee is None:
        days = (end - start).days + 1
        units = expected_units
        if units is None:
            units = round(baseline(session, store_id, product, start) * UPLIFT[kind] * days)
        price = Decimal(product.price or 0) * (1 - discount)
        fee = estimated_fee(kind, days, price * units)
    return AdDeal(store_id=store_id, kind=kind, sku=sku, start_date=start, end_date=end,
                  discount_pct=discount, fee=fee, currency=currency,
                  expected_units=expected_units, note=note, created_by=actor)  # fmt: skip


def calendar(
    *, session: Session, store_id: int, start: date | None = None, end: date | None = None
) -> list[AdDeal]:
    """Deals overlapping ``start..end`` (all when not given), by start date."""
    stmt = select(AdDeal).filter_by(store_id=store_id)
    if start is not None:
        stmt = stmt.where(AdDeal.end_date >= start)
    if end is not None:
        stmt = stmt.where(AdDeal.start_date <= end)
    return list(session.scalars(stmt.order_by(AdDeal.start_date, AdDeal.id)))


def _units(
    session: Session, store_id: int, asin: str | None, start: date, end: date
) -> tuple[int, Decimal, int]:
    """Units, ordered sales and days with a Business Report row of ``asin`` over the days."""
    if not asin:
        return 0, Decimal(0), 0
    units, sales, days = session.execute(
        select(func.sum(SalesTrafficDaily.units_ordered),
               func.sum(SalesTrafficDaily.ordered_sales), func.count())
        .where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.child_asin == asin,
               SalesTrafficDaily.day >= start, SalesTrafficDaily.day <= end)
    ).one()  # fmt: skip
    return int(units or 0), Decimal(sales or 0), int(days or 0)


def baseline(session: Session, store_id: int, product: Product, start: date) -> float:
    """Units per day over the :data:`BASELINE_DAYS` days before ``start``."""
    units, _, days = _units(session, store_id, product.asin, start - timedelta(days=BASELINE_DAYS),
                            start - timedelta(days=1))  # fmt: skip
    return units / days if days else 0.0


def expected_units(session: Session, deal: AdDeal, product: Product) -> float:
    if deal.expected_units is not None:
        return float(deal.expected_units)
    return (
        baseline(session, deal.store_id, product, deal.start_date)
        * UPLIFT[deal.kind]
        * days_of(deal)
    )


@dataclass(frozen=True, slots=True)
class Readiness:
    deal: AdDeal
    starts_in_days: int
    stock: int  # fulfillable + inbound
    needed: float  # baseline demand until the start + expected deal units
    shortfall: float
    price: Decimal


def readiness(
    *, session: Session, store_id: int, as_of: date, stock: dict[str, int],
    window_days: int = READY_WINDOW_DAYS,
) -> list[Readiness]:  # fmt: skip
    """Deals starting within ``window_days`` whose SKU's stock (``stock``: fulfillable +
    inbound per SKU) won't cover the baseline demand until the start plus the expected
    deal units."""
    out = []
    for deal in calendar(session=session, store_id=store_id, start=as_of,
                         end=as_of + timedelta(days=window_days)):  # fmt: skip
        if deal.start_date < as_of:
            continue
        product = session.scalar(select(Product).filter_by(store_id=store_id, sku=deal.sku))
        if product is None:
            continue
        lead = (deal.start_date - as_of).days
        needed = baseline(session, store_id, product, as_of) * lead + expected_units(
            session, deal, product
        )
        have = stock.get(deal.sku, 0)
        if have < needed:
            price = Decimal(product.price or 0) * (1 - deal.discount_pct)
            out.append(Readiness(deal, lead, have, needed, needed - have, price))
    return out


@dataclass(frozen=True, slots=True)
class DealEffect:
    deal: AdDeal
    days: int
    baseline_per_day: float
    units: int
    incremental_units: float
    deal_profit: Decimal  # profit before ads of the deal days, fee paid
    baseline_profit: Decimal  # what the same days would have made at the baseline
    incremental_profit: Decimal
    revenue: Decimal  # shown for reference; the verdict is incremental profit

    def as_dict(self) -> dict[str, Any]:
        d = self.deal
        return {
            "id": d.id, "kind": d.kind, "sku": d.sku, "start": d.start_date.isoformat(),
            "end": d.end_date.isoformat(), "days": self.days, "fee": float(d.fee),
            "discount": float(d.discount_pct), "baseline_units_per_day":
            round(self.baseline_per_day, 2), "units": self.units,
            "incremental_units": round(self.incremental_units, 1),
            "deal_profit": float(self.deal_profit), "baseline_profit": float(self.baseline_profit),
            "incremental_profit": float(self.incremental_profit), "revenue": float(self.revenue),
            "currency": d.currency,
        }  # fmt: skip


def effect(*, session: Session, deal: AdDeal, currency: str) -> DealEffect | None:
    """The measured effect of a deal that has ended (None before, or without the product)."""
    product = session.scalar(select(Product).filter_by(store_id=deal.store_id, sku=deal.sku))
    if product is None:
        return None
    per_day = baseline(session, deal.store_id, product, deal.start_date)
    units, revenue, _ = _units(session, deal.store_id, product.asin, deal.start_date,
                               deal.end_date)  # fmt: skip
    price = Decimal(product.price or 0)
    economics = tg.economics(price, None, Decimal(product.unit_cost) if product.unit_cost
                             else None, "unit_cost" if product.unit_cost else "assumed_margin")  # fmt: skip
    full = tg.profit_before_ads(economics)
    # The discount comes off the price; the referral fee (a share of the price) shrinks with it.
    per_unit = full - price * deal.discount_pct * (1 - tg.DEFAULT_REFERRAL_RATE)
    days = days_of(deal)
    deal_profit = (per_unit * units - deal.fee).quantize(Decimal("0.01"))
    base_profit = (full * Decimal(str(per_day)) * days).quantize(Decimal("0.01"))
    return DealEffect(deal, days, per_day, units, units - per_day * days, deal_profit,
                      base_profit, deal_profit - base_profit, revenue)  # fmt: skip


def report(*, session: Session, store_id: int, as_of: date, currency: str) -> list[DealEffect]:
    """Effects of the deals that ended by ``as_of``, newest first."""
    ended = [d for d in calendar(session=session, store_id=store_id) if d.end_date <= as_of]
    found = [effect(session=session, deal=d, currency=currency) for d in reversed(ended)]
    return [e for e in found if e is not None]
