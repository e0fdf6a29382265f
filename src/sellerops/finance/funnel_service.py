"""Loads each ASIN's funnel and the signals that explain a break, for :mod:`finance.funnel`.

Ads: ``ad_product_daily`` gives impressions and clicks per advertised ASIN. Ad groups and
days it does not cover fall back to the search-term report, whose rows are shared equally
among the ASINs the ad group advertises (its product ads): the search-term report does not
say which of them the shopper saw.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads import product_ads
from sellerops.ads.models import AdProductDaily, AdSearchTermDaily
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.catalog.pricing_models import PriceObservation
from sellerops.finance.funnel import FunnelDay, Signals, Window, summarize
from sellerops.inventory import service as inventory
from sellerops.reviews.models import Review
from sellerops.service.models import CustomerReturn

NEGATIVE_RATING = 3  # 1-3 stars
AdKey = tuple[str, date]  # (asin, day)


@dataclass(frozen=True, slots=True)
class Period:
    """The recent window (``recent_days`` ending ``as_of``) and the history before it."""

    as_of: date
    recent_days: int = 7
    base_days: int = 28

    @property
    def recent_start(self) -> date:
        return self.as_of - timedelta(days=self.recent_days - 1)

    @property
    def base_start(self) -> date:
        return self.recent_start - timedelta(days=self.base_days)


def ad_traffic(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[AdKey, tuple[int, int]]:
    """(impressions, clicks) per (ASIN, day), ``start`` to ``end`` inclusive."""
    out: dict[AdKey, list[int]] = defaultdict(lambda: [0, 0])
    covered: set[tuple[int, date]] = set()
    rows = session.execute(
        select(AdProductDaily.ad_group_id, AdProductDaily.day, AdProductDaily.asin,
               func.sum(AdProductDaily.impressions), func.sum(AdProductDaily.clicks))
        .where(AdProductDaily.store_id == store_id, AdProductDaily.day >= start,
               AdProductDaily.day <= end)
        .group_by(AdProductDaily.ad_group_id, AdProductDaily.day, AdProductDaily.asin)
    )  # fmt: skip
    for group, day, asin, impressions, clicks in rows:
        covered.add((group, day))
        out[(asin, day)][0] += int(impressions or 0)
        out[(asin, day)][1] += int(clicks or 0)
    _add_search_terms(session, store_id, start, end, covered, out)
    return {key: (v[0], v[1]) for key, v in out.items()}


def _add_search_terms(
    session: Session,
    store_id: int,
    start: date,
    end: date,
    covered: set[tuple[int, date]],
    out: dict[AdKey, list[int]],
) -> None:
    serving = product_ads.serving_ads(session=session, store_id=store_id, start=start, end=end)
    rows = session.execute(
        select(AdSearchTermDaily.ad_group_id, AdSearchTermDaily.day,
               func.sum(AdSearchTermDaily.impressions), func.sum(AdSearchTermDaily.clicks))
        .where(AdSearchTermDaily.store_id == store_id, AdSearchTermDaily.day >= start,
               AdSearchTermDaily.day <= end)
        .group_by(AdSearchTermDaily.ad_group_id, AdSearchTermDaily.day)
    )  # fmt: skip
    for group, day, impressions, clicks in rows:
        targets = sorted({asin for _, asin in serving.products(group, day) if asin})
        if (group, day) in covered or not targets:
            continue
        for asin in targets:  # an equal share each; remainders go to the first ASINs
            share = targets.index(asin)
            out[(asin, day)][0] += _share(int(impressions or 0), len(targets), share)
            out[(asin, day)][1] += _share(int(clicks or 0), len(targets), share)


def _share(total: int, parts: int, index: int) -> int:
    return total // parts + (1 if index < total % parts else 0)


def funnel_days(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[str, dict[date, FunnelDay]]:
    """Per child ASIN and day: ad impressions and clicks, sessions, orders (order items),
    units, ordered sales and Buy Box share. ASINs without Business Report rows are left out."""
    ads = ad_traffic(session=session, store_id=store_id, start=start, end=end)
    rows = session.execute(
        select(SalesTrafficDaily.child_asin, SalesTrafficDaily.day, SalesTrafficDaily.sessions,
               SalesTrafficDaily.total_order_items, SalesTrafficDaily.units_ordered,
               SalesTrafficDaily.ordered_sales, SalesTrafficDaily.buy_box_pct)
        .where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.day >= start,
               SalesTrafficDaily.day <= end)
    )  # fmt: skip
    out: dict[str, dict[date, FunnelDay]] = defaultdict(dict)
    for asin, day, sessions, items, units, sales, bb in rows:
        impressions, clicks = ads.get((asin, day), (0, 0))
        out[asin][day] = FunnelDay(
            impressions=impressions, clicks=clicks, sessions=sessions or 0,
            orders=items or units or 0, units=units or 0, sales=sales or Decimal(0),
            buy_box=None if bb is None else float(bb),
        )  # fmt: skip
    return dict(out)


def windows(rows: dict[date, FunnelDay], period: Period) -> tuple[Window, Window]:
    """The recent window and the history of one ASIN. The history starts no earlier than
    the ASIN's first day with data: days before it are unknown, not zero."""
    first = min(rows, default=period.as_of)
    base_start = max(period.base_start, first)
    base_days = max(0, (period.recent_start - base_start).days)
    recent = [r for d, r in rows.items() if d >= period.recent_start and d <= period.as_of]
    base = [r for d, r in rows.items() if base_start <= d < period.recent_start]
    return summarize(recent, period.recent_days), summarize(base, base_days)


def asin_of_sku(*, session: Session, store_id: int) -> dict[str, str]:
    rows = session.execute(
        select(Product.sku, Product.asin).where(
            Product.store_id == store_id, Product.asin.is_not(None)
        )
    )
    return {sku: asin for sku, asin in rows if asin}


def signals(*, session: Session, store_id: int, period: Period) -> dict[str, Signals]:
    """Per ASIN, what may explain a conversion drop in the recent window (see
    :class:`~sellerops.finance.funnel.Signals`); ASINs with nothing known are left out."""
    sku_asin = asin_of_sku(session=session, store_id=store_id)
    empty = inventory.days_without_stock(
        session=session, store_id=store_id, start=period.recent_start, end=period.as_of
    )
    oos: dict[str, set[date]] = defaultdict(set)
    for sku, days in empty.items():
        if sku in sku_asin:
            oos[sku_asin[sku]] |= days
    negative = _negative_reviews(session, store_id, period)
    gaps = _price_gaps(session, store_id, period, sku_asin)
    returns = _returns(session, store_id, period, sku_asin)
    out: dict[str, Signals] = {}
    for asin in set(oos) | set(negative) | set(gaps) | set(returns):
        recent, base, reason = returns.get(asin, (0, 0, None))
        out[asin] = Signals(
            out_of_stock_days=len(oos.get(asin, ())), price_vs_buy_box=gaps.get(asin),
            negative_reviews=negative.get(asin, 0), returns_recent=recent, returns_base=base,
            top_return_reason=reason,
        )  # fmt: skip
    return out


def _negative_reviews(session: Session, store_id: int, period: Period) -> dict[str, int]:
    rows = session.execute(
        select(Review.asin, func.count())
        .where(Review.store_id == store_id, Review.rating <= NEGATIVE_RATING,
               Review.review_day >= period.recent_start - timedelta(days=7),
               Review.review_day <= period.as_of)
        .group_by(Review.asin)
    )  # fmt: skip
    return {asin: int(n) for asin, n in rows}


def _price_gaps(
    session: Session, store_id: int, period: Period, sku_asin: dict[str, str]
) -> dict[str, float]:
    """Our price against the Buy Box price on the newest observation of the recent window."""
    rows = session.execute(
        select(PriceObservation.sku, PriceObservation.own_price, PriceObservation.buy_box_price)
        .where(PriceObservation.store_id == store_id, PriceObservation.day >= period.recent_start,
               PriceObservation.day <= period.as_of)
        .order_by(PriceObservation.day)
    )  # fmt: skip
    out: dict[str, float] = {}
    for sku, own, buy_box in rows:  # newest last, so it wins
        if sku in sku_asin and own and buy_box:
            out[sku_asin[sku]] = float(own / buy_box - 1)
    return out


def _returns(
    session: Session, store_id: int, period: Period, sku_asin: dict[str, str]
) -> dict[str, tuple[int, int, str | None]]:
    """(units returned recently, in the history, the most common recent reason) per ASIN."""
    rows = session.execute(
        select(CustomerReturn.sku, CustomerReturn.asin, CustomerReturn.return_day,
               CustomerReturn.quantity, CustomerReturn.reason)
        .where(CustomerReturn.store_id == store_id, CustomerReturn.return_day >= period.base_start,
               CustomerReturn.return_day <= period.as_of)
    )  # fmt: skip
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for sku, asin, day, quantity, reason in rows:
        key = asin or sku_asin.get(sku)
        if not key:
            continue
        recent = day >= period.recent_start
        counts[key][0 if recent else 1] += quantity or 0
        if recent and reason:
            reasons[key][reason] += quantity or 1
    return {
        asin: (c[0], c[1], reasons[asin].most_common(1)[0][0] if reasons[asin] else None)
        for asin, c in counts.items()
    }
