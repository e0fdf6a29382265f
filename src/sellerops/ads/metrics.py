"""Advertising metrics at every level, over any period, aware of the attribution window.

Counts and money come from the daily fact tables of ``ads.models``; ratios are computed
here from the sums (never averaged from daily ratios). Orders, units and sales of the last
``attribution_days`` days are still growing (a click today may convert in 7 or 14 days), so
:func:`mature_end` gives the last day whose conversions are complete: the optimizer judges
conversions only up to that day and never cuts on the incomplete tail.

TACoS is ad spend over *total* ordered sales (Business Report) of the same ASINs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads import product_ads
from sellerops.ads.models import (
    AdCampaignDaily,
    AdProductAd,
    AdProductDaily,
    AdSearchTermDaily,
    AdTargetDaily,
)
from sellerops.catalog.models import SalesTrafficDaily

#: Sponsored Products attribute sales within 7 days of the click; Brands / Display in 14.
DEFAULT_ATTRIBUTION_DAYS = {"SP": 7, "SB": 14, "SD": 14}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sums over a period; money in the marketplace currency."""

    impressions: int = 0
    clicks: int = 0
    spend: Decimal = Decimal(0)
    orders: int = 0
    units: int = 0
    sales: Decimal = Decimal(0)

    def __add__(self, other: Metrics) -> Metrics:
        return Metrics(
            self.impressions + other.impressions,
            self.clicks + other.clicks,
            self.spend + other.spend,
            self.orders + other.orders,
            self.units + other.units,
            self.sales + other.sales,
        )

    @property
    def ctr(self) -> float | None:
        return _ratio(self.clicks, self.impressions)

    @property
    def cpc(self) -> Decimal | None:
        return (self.spend / self.clicks).quantize(Decimal("0.01")) if self.clicks else None

    @property
    def cvr(self) -> float | None:
        """Orders per click."""
        return _ratio(self.orders, self.clicks)

    @property
    def acos(self) -> float | None:
        """Spend over attributed sales (None without sales)."""
        return _ratio(self.spend, self.sales)

    @property
    def roas(self) -> float | None:
        return _ratio(self.sales, self.spend)

    @property
    def order_value(self) -> Decimal | None:
        return (self.sales / self.orders) if self.orders else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "impressions": self.impressions,
            "clicks": self.clicks,
            "spend": float(self.spend),
            "orders": self.orders,
            "units": self.units,
            "sales": float(self.sales),
        }
        for name in ("ctr", "cvr", "acos", "roas"):
            value = getattr(self, name)
            out[name] = None if value is None else round(value, 4)
        out["cpc"] = None if self.cpc is None else float(self.cpc)
        return out


def _ratio(num: Any, den: Any) -> float | None:
    return float(num) / float(den) if den else None


def tacos(ad_spend: Decimal, total_sales: Decimal) -> float | None:
    """Ad spend over all ordered sales (ads and organic) of the same products."""
    return _ratio(ad_spend, total_sales)


def mature_end(as_of: date, attribution_days: int) -> date:
    """The last day whose attributed conversions are complete on ``as_of``."""
    return as_of - timedelta(days=attribution_days)


_LEVELS: dict[str, Any] = {
    "search_term": (AdSearchTermDaily, ("target_id", "term_key")),
    "target": (AdTargetDaily, ("target_id",)),
    "ad_group": (AdSearchTermDaily, ("ad_group_id",)),
    "campaign": (AdSearchTermDaily, ("campaign_id",)),
    "campaign_report": (AdCampaignDaily, ("campaign_id",)),
    "product": (AdProductDaily, ("asin",)),
}


def metrics_by(
    *, session: Session, store_id: int, level: str, start: date, end: date
) -> dict[tuple[Any, ...], Metrics]:
    """Sums per entity of ``level`` over ``start..end`` (inclusive, marketplace days).

    Levels: search_term (target, term), target, ad_group, campaign (these three summed from
    search term rows, which every store that imports ads has), campaign_report (the
    campaign report itself, any ad product), product (ASIN, advertised product report).
    """
    model, keys = _LEVELS[level]
    cols = [getattr(model, k) for k in keys]
    stmt = (
        select(
            *cols,
            func.sum(model.impressions),
            func.sum(model.clicks),
            func.coalesce(func.sum(model.spend), 0),
            func.coalesce(func.sum(model.orders), 0),
            func.coalesce(func.sum(model.units), 0),
            func.coalesce(func.sum(model.sales), 0),
        )
        .where(model.store_id == store_id, model.day >= start, model.day <= end)
        .group_by(*cols)
    )
    out = {}
    for row in session.execute(stmt):
        key = tuple(row[: len(keys)])
        imp, clicks, spend, orders, units, sales = row[len(keys) :]
        out[key] = Metrics(
            int(imp or 0), int(clicks or 0), Decimal(spend), int(orders), int(units), Decimal(sales)
        )
    return out


def daily_spend(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[int, dict[date, Decimal]]:
    """Spend per campaign per day, from search term rows (campaign reports when richer)."""
    out: dict[int, dict[date, Decimal]] = defaultdict(dict)
    for model in (AdSearchTermDaily, AdCampaignDaily):
        stmt = (
            select(model.campaign_id, model.day, func.sum(model.spend))
            .where(model.store_id == store_id, model.day >= start, model.day <= end)
            .group_by(model.campaign_id, model.day)
        )
        for campaign_id, day, spend in session.execute(stmt):
            seen = out[campaign_id].get(day, Decimal(0))
            out[campaign_id][day] = max(seen, Decimal(spend or 0))
    return dict(out)


def group_products(*, session: Session, store_id: int) -> dict[int, set[tuple[str, str]]]:
    """The (SKU, ASIN) pairs each ad group advertises: product ads of the bulk file, and the
    advertised product report's rows."""
    out: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for group_id, sku, asin in session.execute(
        select(AdProductAd.ad_group_id, AdProductAd.sku, AdProductAd.asin).where(
            AdProductAd.store_id == store_id
        )
    ):
        out[group_id].add((sku, asin))
    for group_id, sku, asin in session.execute(
        select(AdProductDaily.ad_group_id, AdProductDaily.sku, AdProductDaily.asin)
        .where(AdProductDaily.store_id == store_id)
        .distinct()
    ):
        out[group_id].add((sku, asin))
    return dict(out)


def tacos_by_asin(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[str, tuple[Decimal, Decimal, float | None]]:
    """Per advertised ASIN: (ad spend, total ordered sales, TACoS) over ``start..end``.

    Spend per ASIN comes from the advertised product report when imported; otherwise each ad
    group's search-term spend of a day goes to the ASINs whose ads served in it that day
    (``product_ads.serving_ads``: not those paused or archived), split over them by their
    ordered sales of the window (evenly when none sold), as the P&L splits it over SKUs.
    """
    spend: dict[str, Decimal] = defaultdict(Decimal)
    by_asin = metrics_by(session=session, store_id=store_id, level="product", start=start, end=end)
    if by_asin:
        for (asin,), m in by_asin.items():
            spend[asin] += m.spend
    else:
        serving = product_ads.serving_ads(session=session, store_id=store_id, start=start,
                                          end=end)  # fmt: skip
        per_day = session.execute(
            select(AdSearchTermDaily.ad_group_id, AdSearchTermDaily.day,
                   func.sum(AdSearchTermDaily.spend))
            .where(AdSearchTermDaily.store_id == store_id, AdSearchTermDaily.day >= start,
                   AdSearchTermDaily.day <= end)
            .group_by(AdSearchTermDaily.ad_group_id, AdSearchTermDaily.day)
        )  # fmt: skip
        shared: dict[tuple[str, ...], Decimal] = defaultdict(Decimal)
        for group_id, day, amount in per_day:
            asins = tuple(sorted({a for _, a in serving.products(group_id, day) if a}))
            if asins:
                shared[asins] += Decimal(amount or 0)
        every = sorted({a for asins in shared for a in asins})
        sold = _ordered_sales(session, store_id, start, end, every)
        for asins, total in shared.items():
            weights = {a: max(sold.get(a, Decimal(0)), Decimal(0)) for a in asins}
            whole = sum(weights.values(), Decimal(0))
            for asin in asins:
                share = weights[asin] / whole if whole else Decimal(1) / len(asins)
                spend[asin] += total * share
    sales = _ordered_sales(session, store_id, start, end, list(spend))
    return {
        asin: (s.quantize(Decimal("0.01")), sales.get(asin, Decimal(0)),
               tacos(s, sales.get(asin, Decimal(0))))
        for asin, s in spend.items()
    }  # fmt: skip


def _ordered_sales(
    session: Session, store_id: int, start: date, end: date, asins: list[str]
) -> dict[str, Decimal]:
    if not asins:
        return {}
    rows = session.execute(
        select(SalesTrafficDaily.child_asin, func.sum(SalesTrafficDaily.ordered_sales))
        .where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= end,
            SalesTrafficDaily.child_asin.in_(asins),
        )
        .group_by(SalesTrafficDaily.child_asin)
    )
    return {asin: Decimal(total or 0) for asin, total in rows}


@dataclass(frozen=True, slots=True)
class TacosView:
    """TACoS over a window: the store's (ASINs with known total sales only) and per ASIN /
    SKU. ``known`` is False when no business report covers the advertised ASINs."""

    start: date
    end: date
    spend: Decimal
    total_sales: Decimal
    tacos: float | None
    by_asin: dict[str, tuple[Decimal, Decimal, float | None]]
    by_sku: dict[str, float | None]
    by_group: dict[int, float | None] = field(default_factory=dict)  # its products together

    def for_row(self, sku: str | None, ad_group_id: int | None) -> float | None:
        """The TACoS a recommendation concerns: its SKU's, else its ad group's products'."""
        if sku and sku in self.by_sku:
            return self.by_sku[sku]
        return self.by_group.get(ad_group_id) if ad_group_id is not None else None

    @property
    def known(self) -> bool:
        return self.total_sales > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "ad_spend": float(self.spend),
            "total_sales": float(self.total_sales),
            "tacos": None if self.tacos is None else round(self.tacos, 4),
            "by_asin": {
                asin: {"ad_spend": float(s), "total_sales": float(t),
                       "tacos": None if r is None else round(r, 4)}
                for asin, (s, t, r) in sorted(self.by_asin.items()) if t > 0
            },
        }  # fmt: skip


def tacos_view(*, session: Session, store_id: int, as_of: date, days: int = 30) -> TacosView:
    """TACoS of the ``days`` days ending ``as_of``, counting only ASINs whose total sales are
    known (a business report covers them), so missing reports never flatter it."""
    start = as_of - timedelta(days=days - 1)
    by_asin = tacos_by_asin(session=session, store_id=store_id, start=start, end=as_of)
    known = {a: v for a, v in by_asin.items() if v[1] > 0}
    spend = sum((s for s, _, _ in known.values()), Decimal(0))
    sales = sum((t for _, t, _ in known.values()), Decimal(0))
    by_sku: dict[str, float | None] = {}
    by_group: dict[int, float | None] = {}
    for gid, pairs in group_products(session=session, store_id=store_id).items():
        for sku, asin in pairs:
            if asin in known:
                by_sku[sku] = known[asin][2]
        asins = {asin for _, asin in pairs if asin in known}
        if asins:
            by_group[gid] = tacos(sum((known[a][0] for a in asins), Decimal(0)),
                                  sum((known[a][1] for a in asins), Decimal(0)))  # fmt: skip
    return TacosView(start, as_of, spend, sales, tacos(spend, sales), by_asin, by_sku, by_group)
