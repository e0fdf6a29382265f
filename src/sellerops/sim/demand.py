"""Demand per [sku, day]: traffic to the detail page times the chance a visit buys.

``traffic`` (expected sessions) carries everything that brings shoppers: base popularity,
lifecycle, weekday, season, events, deal pages, incidents such as a suppressed listing.
``cvr`` (expected units per session) carries what makes them buy: price against the list
price, coupons, rating, bad-review waves. ``true_demand`` = traffic x cvr is the rate of units
buyers want from us when we hold the Buy Box and have stock; ``demand`` is its realisation,
negative-binomial (Poisson-gamma) so slow sellers are lumpy and fast ones over-dispersed.
Stock-outs and Buy Box losses are applied later, in the store: lost demand never becomes sales.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog import CatalogArrays
from sellerops.sim.events import WEEKLY, Event, event_uplift, yearly_profile
from sellerops.sim.incidents import IncidentPlan
from sellerops.sim.offers import Offers

#: Share of an event's uplift that SKUs without a deal still get (shoppers browse more).
EVENT_HALO = 0.35


@dataclass(slots=True)
class Demand:
    lifecycle: NDArray[np.float32]  # [sku, day], 0 before launch, ~1 at maturity
    traffic: NDArray[np.float32]  # [sku, day], expected sessions when in stock
    cvr: NDArray[np.float32]  # [sku, day], expected units per session
    true_demand: NDArray[np.float32]  # [sku, day], expected units wanted
    demand: NDArray[np.int32]  # [sku, day], units wanted (realised)


def lifecycle_curve(cat: CatalogArrays, t_all: int) -> NDArray[np.float32]:
    """Launch ramp (logistic over ``ramp_days``), then maturity, then exponential decline."""
    t = np.arange(t_all, dtype=np.float32)[None, :]
    age = t - cat.launch_t[:, None].astype(np.float32)
    ramp = cat.ramp_days[:, None].astype(np.float32)
    z = np.clip((age - ramp / 2) / (ramp / 6), -30, 30)
    lc = 1 / (1 + np.exp(-z))
    lc[age < 0] = 0
    since = np.maximum(t - cat.decline_t[:, None].astype(np.float32), 0)
    lc *= np.float32(0.5) ** (since / cat.decline_halflife[:, None].astype(np.float32))
    return lc.astype(np.float32)


def make_demand(
    cat: CatalogArrays,
    offers: Offers,
    plan: IncidentPlan,
    dates: list[date],
    events: list[Event],
    scale: float,
    rng: np.random.Generator,
) -> Demand:
    lc = lifecycle_curve(cat, len(dates))
    traffic = _traffic(cat, offers, plan, dates, events, scale, lc)
    cvr = _conversion(cat, offers, plan)
    true_demand = traffic * cvr
    k = cat.dispersion[:, None].astype(np.float32)
    lam = true_demand * rng.standard_gamma(k, size=true_demand.shape, dtype=np.float32) / k
    demand = rng.poisson(lam).astype(np.int32)
    return Demand(lifecycle=lc, traffic=traffic, cvr=cvr, true_demand=true_demand, demand=demand)


def _traffic(
    cat: CatalogArrays,
    offers: Offers,
    plan: IncidentPlan,
    dates: list[date],
    events: list[Event],
    scale: float,
    lc: NDArray[np.float32],
) -> NDArray[np.float32]:
    base = (cat.base_rate * scale / cat.cvr).astype(np.float32)[:, None]
    dow = np.array([d.weekday() for d in dates])
    weekday = WEEKLY[dow].astype(np.float32)[None, :]
    season = yearly_profile(dates).astype(np.float32)[cat.cat]
    uplift, deal_day = event_uplift(dates, events)
    up = uplift.astype(np.float32)[None, :]
    halo = 1 + (up - 1) * np.float32(EVENT_HALO)
    on_deal = offers.deal & deal_day[None, :]
    event = np.where(deal_day[None, :], np.where(on_deal, up, halo), up)
    # A lightning deal outside events puts the item on the Deals page for its day.
    deal_page = np.where(offers.deal & ~deal_day[None, :], np.float32(2.0), np.float32(1.0))
    return (base * weekday * season * lc * event * deal_page * plan.traffic_mult).astype(np.float32)


def expected_rating(defect_rate: NDArray[np.float64]) -> NDArray[np.float64]:
    """The star rating a SKU settles at given its defect rate (0.5 % -> 4.7, 5 % -> 3.9)."""
    return np.clip(4.79 - 18 * defect_rate, 3.2, 4.9)


def _conversion(cat: CatalogArrays, offers: Offers, plan: IncidentPlan) -> NDArray[np.float32]:
    rating = np.exp(1.0 * (expected_rating(cat.defect_rate) - 4.4)).astype(np.float32)
    paid = offers.price * (1 - offers.coupon) / offers.list_price[:, None]
    price = np.power(paid.astype(np.float32), cat.elasticity[:, None].astype(np.float32))
    badge = np.where(offers.coupon > 0, np.float32(1.1), np.float32(1.0))
    badge = np.where(offers.deal, np.float32(1.3), badge)
    cvr0 = cat.cvr.astype(np.float32)[:, None] * rating[:, None]
    return (cvr0 * price * badge * plan.cvr_mult).astype(np.float32)
