"""Sponsored Products: campaign structure and daily ad metrics per SKU.

Two campaigns per category (one auto, one manual with keywords), one ad group per product
family in each. Ad clicks are a share of the detail page's sessions (every click lands there),
ad orders a share of its order items, so ad-attributed units never exceed units sold; orders
are attributed to the click's day (the 7-day window collapsed to the same day). Ads stop
serving while a SKU is out of stock, as Amazon's do. Spend comes out at roughly 5-15 % of
sales with the default parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from babel.numbers import get_currency_precision
from numpy.typing import NDArray

from sellerops.sim.catalog import CatalogArrays, Product
from sellerops.sim.catalog_data import CATEGORIES, FX_PER_USD

_LOWER_ALNUM = np.array(list("abcdefghijklmnopqrstuvwxyz0123456789"))


@dataclass(frozen=True, slots=True)
class Target:
    text: str  # keyword, or an auto-targeting expression such as close-match
    match_type: str  # EXACT / PHRASE / BROAD, or "-" for auto targeting
    weight: float  # share of the ad group's clicks
    search_terms: tuple[str, ...]  # what shoppers typed (or ASINs, lower case, for substitutes)


@dataclass(frozen=True, slots=True)
class AdGroup:
    index: int
    campaign: int
    name: str
    skus: tuple[int, ...]
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class Campaign:
    index: int
    name: str
    targeting: str  # "auto" or "manual"
    category: str


@dataclass(slots=True)
class AdMetrics:
    """Per [sku, day], in the marketplace currency's minor units where money."""

    impressions: NDArray[np.int32]
    clicks: NDArray[np.int32]
    spend: NDArray[np.int64]
    orders: NDArray[np.int32]
    units: NDArray[np.int32]
    sales: NDArray[np.int64]
    other_units: NDArray[np.int32]  # halo: other SKUs bought after the click
    other_sales: NDArray[np.int64]
    auto_share: NDArray[np.float64]  # [sku], share of clicks through the auto campaign


@dataclass(slots=True)
class AdStructure:
    campaigns: list[Campaign]
    ad_groups: list[AdGroup]
    groups_of_sku: NDArray[np.int32]  # [sku, 2]: auto and manual ad group, -1 if none


def make_structure(
    products: list[Product], cat: CatalogArrays, rng: np.random.Generator
) -> AdStructure:
    """Campaigns and ad groups for the advertised SKUs, with their targets and search terms."""
    campaigns: list[Campaign] = []
    groups: list[AdGroup] = []
    groups_of_sku = np.full((len(products), 2), -1, dtype=np.int32)
    for ci, category in enumerate(CATEGORIES):
        skus = [p.index for p in products if cat.advertised[p.index] and cat.cat[p.index] == ci]
        if not skus:
            continue
        families: dict[int, list[int]] = {}
        for s in skus:
            families.setdefault(int(cat.family[s]), []).append(s)
        for col, kind in enumerate(("auto", "manual")):
            camp = Campaign(
                len(campaigns), f"SP - {category.name} - {kind.title()}", kind, category.name
            )
            campaigns.append(camp)
            for members in families.values():
                head = products[members[0]]
                name = f"{head.product_type} {head.sku.split('-')[2]}"
                targets = _targets(head, kind, rng)
                groups.append(AdGroup(len(groups), camp.index, name, tuple(members), targets))
                groups_of_sku[members, col] = len(groups) - 1
    return AdStructure(campaigns=campaigns, ad_groups=groups, groups_of_sku=groups_of_sku)


def _targets(p: Product, kind: str, rng: np.random.Generator) -> tuple[Target, ...]:
    term = p.product_type.lower()
    adj = (
        p.title.split(",")[0].removeprefix(p.brand + " ").removesuffix(" " + p.product_type).lower()
    )
    last = term.split()[-1]
    if kind == "manual":
        return (
            Target(term, "EXACT", 0.5, (term,)),
            Target(term, "PHRASE", 0.3, (term, f"best {term}", f"{term} {adj}", f"{term} set")),
            Target(
                f"{adj} {term}", "BROAD", 0.2, (f"{adj} {term}", f"{last} {adj}", f"cheap {term}")
            ),
        )
    asins = tuple(
        "b0" + "".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz0123456789"), 8))
        for _ in range(5)
    )
    return (
        Target("close-match", "-", 0.45, (term, f"{term} {p.variation.lower()}", f"{adj} {term}")),
        Target(
            "loose-match",
            "-",
            0.25,
            (f"{term} gift", f"{last} accessories", f"{p.category.lower()}"),
        ),
        Target("substitutes", "-", 0.2, asins[:3]),
        Target("complements", "-", 0.1, asins[3:]),
    )


def make_metrics(
    cat: CatalogArrays,
    sessions: NDArray[np.int32],
    expected_sessions: NDArray[np.float32],
    available: NDArray[np.int32],
    units: NDArray[np.int32],
    order_items: NDArray[np.int32],
    price: NDArray[np.int64],
    currency: str,
    rng: np.random.Generator,
) -> AdMetrics:
    """Daily ad metrics per SKU; zero for SKUs that are not advertised."""
    n = len(cat)
    share = np.where(cat.advertised, rng.uniform(0.15, 0.4, size=n), 0.0)[:, None]
    serving = available > 0
    clicks = np.where(serving, rng.binomial(sessions, share), 0)
    inv_ctr = rng.uniform(150, 450, size=(n, 1))
    impressions = np.maximum(rng.poisson(expected_sessions * share * inv_ctr * serving), clicks)
    cpc_usd = np.array([c.cpc_usd for c in CATEGORIES])[cat.cat] * rng.lognormal(0, 0.25, size=n)
    cpc = cpc_usd * FX_PER_USD.get(currency, 1.0) * 10 ** get_currency_precision(currency)
    jitter = np.float32(0.85) + np.float32(0.3) * rng.random(clicks.shape, dtype=np.float32)
    spend = np.round(clicks * cpc[:, None].astype(np.float32) * jitter)
    ad_share = share * 0.9
    orders = np.minimum(rng.binomial(order_items, ad_share), clicks)
    extra = rng.binomial(units - order_items, ad_share)
    ad_units = np.where(orders > 0, orders + extra, 0)
    other = rng.binomial(ad_units, 0.08)
    return AdMetrics(
        impressions=impressions.astype(np.int32),
        clicks=clicks.astype(np.int32),
        spend=spend.astype(np.int64),
        orders=orders.astype(np.int32),
        units=ad_units.astype(np.int32),
        sales=ad_units * price,
        other_units=other.astype(np.int32),
        other_sales=other * price,
        auto_share=rng.uniform(0.3, 0.6, size=n),
    )
