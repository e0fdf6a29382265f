"""Our offer per SKU and day: price, coupons, deals, and our share of the Buy Box.

``price`` is what a buyer pays per unit on the detail page (list price after our own price
changes and any deal price). Coupons are clipped at checkout and settled separately, so they
lower the price the buyer *perceives* (and lift demand) but not the order's item price, as in
Amazon's order reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from babel.numbers import get_currency_precision
from numpy.typing import NDArray

from sellerops.sim.catalog import CatalogArrays
from sellerops.sim.catalog_data import FX_PER_USD
from sellerops.sim.episodes import draw_episodes
from sellerops.sim.incidents import IncidentPlan


@dataclass(slots=True)
class Offers:
    list_price: NDArray[np.int64]  # [sku], minor units of the marketplace currency
    price: NDArray[np.int64]  # [sku, day], the selling price per unit, minor units
    coupon: NDArray[np.float32]  # [sku, day], coupon discount fraction, 0 when none
    deal: NDArray[np.bool_]  # [sku, day], lightning deal or event deal running
    buybox: NDArray[np.float32]  # [sku, day], our share of the featured offer, 0..1


def local_list_price(cat: CatalogArrays, currency: str) -> NDArray[np.int64]:
    """List price in the marketplace currency's minor units, with a charm ending (.99, ¥..80)."""
    digits = get_currency_precision(currency)
    major = cat.price_cents / 100 * FX_PER_USD.get(currency, 1.0)
    if digits == 0:
        return (np.ceil(major / 100) * 100 - 20).astype(np.int64)
    return (np.ceil(major) * 10**digits - 1).astype(np.int64)


def make_offers(
    cat: CatalogArrays,
    plan: IncidentPlan,
    deal_days: NDArray[np.bool_],
    currency: str,
    rng: np.random.Generator,
) -> Offers:
    n, t_all = plan.traffic_mult.shape
    list_price = local_list_price(cat, currency)
    steps = _price_steps(rng, n, t_all)
    coupon_users = rng.random(n) < 0.6
    coupons = draw_episodes(rng, np.where(coupon_users, 1 / 75, 0.0), t_all, (7, 21), (0.05, 0.2))
    lightning = draw_episodes(
        rng, np.where(rng.random(n) < 0.3, 1 / 120, 0.0), t_all, (1, 1), (0.15, 0.3)
    )
    # About 40 % of SKUs take part in deal events, at 15-25 % off.
    joins = rng.random((n,)) < 0.4
    on_event = joins[:, None] & deal_days[None, :]
    event_cut = np.where(on_event, rng.uniform(0.15, 0.25, size=(n, 1)), 0.0)
    cut = np.maximum(lightning.value, event_cut)
    price = np.round(list_price[:, None] * steps * (1 - cut)).astype(np.int64)
    price = _charm(price, get_currency_precision(currency))
    return Offers(
        list_price=list_price,
        price=price,
        coupon=(coupons.value * ~on_event).astype(np.float32),  # no coupon stacking on deals
        deal=lightning.active | on_event,
        buybox=_buybox(rng, plan),
    )


def _price_steps(rng: np.random.Generator, n: int, t_all: int) -> NDArray[np.float64]:
    """Our own price changes: a step every ~5 months on average, +-3..12 %, kept within bounds."""
    change = rng.random((n, t_all), dtype=np.float32) < 1 / 150
    step = np.ones((n, t_all))
    k = int(change.sum())
    step[change] = rng.uniform(0.03, 0.12, size=k) * rng.choice([-1.0, 1.0], size=k) + 1
    level = np.cumprod(step, axis=1)
    return np.clip(level, 0.8, 1.25)


def _charm(price: NDArray[np.int64], digits: int) -> NDArray[np.int64]:
    """Snap prices to endings shoppers see: .99 (or ..80 for currencies without decimals)."""
    if digits == 0:
        return np.maximum((price // 10) * 10, 10)
    unit = 10**digits
    return np.maximum((price // unit) * unit + unit - 1, unit - 1)


def _buybox(rng: np.random.Generator, plan: IncidentPlan) -> NDArray[np.float32]:
    """Normally 95-100 % (a brief suppression now and then); a hijacker's episode takes most."""
    n, t_all = plan.traffic_mult.shape
    u = rng.random((n, t_all), dtype=np.float32)
    share = 1 - np.float32(0.05) * u**4
    jitter = rng.uniform(0.85, 1.15, size=(n, t_all)).astype(np.float32)
    hijacked = np.clip(plan.hijack.value * jitter, 0.05, 0.95)
    return np.where(plan.hijack.active, hijacked, share).astype(np.float32)
