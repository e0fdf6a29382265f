"""The simulated catalog: per-SKU parameters as numpy arrays, plus a readable product table.

Everything the demand, supply and fee models need per SKU lives in :class:`CatalogArrays`
(one entry per SKU, vectorised). :class:`Product` is the same information as plain values for
tests and for people reading the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog_data import CATEGORIES
from sellerops.sim.config import BURN_IN_DAYS, SimConfig, stream
from sellerops.sim.fees import SIZE_TIERS, fba_fee_cents, size_tier
from sellerops.sim.naming import Names, make_names

_NEVER = 10**6  # a timeline index after any simulated day


@dataclass(frozen=True, slots=True)
class Product:
    """One SKU as a seller knows it. Money in US cents (per-marketplace prices are in the truth)."""

    index: int
    sku: str
    asin: str
    fnsku: str
    parent_asin: str  # the family's parent ASIN; the ASIN itself for a product without variations
    variation: str  # colour or size name
    title: str
    product_type: str  # the generic name shoppers search for, e.g. "Garlic Press"
    brand: str
    category: str
    list_price_cents: int
    cost_cents: int  # COGS per unit, ex works
    weight_lb: float
    dimensions_in: tuple[float, float, float]
    size_tier: str
    fba_fee_cents: int
    referral_rate: float
    production_days: int  # planned means; each purchase order draws its own actual times
    transit_days: int
    receiving_days: int
    ship_mode: str  # "sea" or "air"
    lead_time_days: int  # production + transit + receiving
    moq: int
    case_pack: int
    defect_rate: float
    return_rate: float
    base_rate: float  # US units/day at maturity before season, events, price and rating effects
    launch_date: date | None  # None when launched long before the window
    lifecycle: str  # stage at the end date: new, growth, mature, decline
    fulfillment: str  # "AFN" (FBA) or "MFN" (shipped by the seller)
    advertised: bool


@dataclass(slots=True)
class CatalogArrays:
    """Per-SKU model parameters; index i is SKU i. Timeline indexes count from the burn-in start."""

    cat: NDArray[np.int8]
    family: NDArray[np.int32]
    price_cents: NDArray[np.int64]
    cost_cents: NDArray[np.int64]
    weight_lb: NDArray[np.float64]
    dims_in: NDArray[np.float64]
    tier: NDArray[np.int8]
    fba_fee_cents: NDArray[np.int64]
    referral_rate: NDArray[np.float64]
    production_days: NDArray[np.int64]
    transit_days: NDArray[np.int64]
    receiving_days: NDArray[np.int64]
    sea: NDArray[np.bool_]
    moq: NDArray[np.int64]
    case_pack: NDArray[np.int64]
    defect_rate: NDArray[np.float64]
    return_rate: NDArray[np.float64]
    base_rate: NDArray[np.float64]
    cvr: NDArray[np.float64]  # organic unit session rate at the reference price
    dispersion: NDArray[np.float64]  # negative-binomial shape: small = lumpy demand
    elasticity: NDArray[np.float64]
    launch_t: NDArray[np.int64]
    ramp_days: NDArray[np.float64]
    decline_t: NDArray[np.int64]
    decline_halflife: NDArray[np.float64]
    mfn: NDArray[np.bool_]
    advertised: NDArray[np.bool_]

    @property
    def lead_days(self) -> NDArray[np.int64]:
        return self.production_days + self.transit_days + self.receiving_days

    def __len__(self) -> int:
        return len(self.cat)


@dataclass(slots=True)
class Catalog:
    arrays: CatalogArrays
    products: list[Product]


def make_catalog(config: SimConfig) -> Catalog:
    rng = stream(config.seed, "catalog")
    n = config.skus
    family, variant_of_family = _families(rng, n)
    arrays = _arrays(rng, n, family, config)
    # The seller's own warehouse checks a container in within days, not Amazon's one to two weeks.
    arrays.receiving_days = np.where(arrays.mfn, 2, arrays.receiving_days)
    products = _products(rng, config, arrays, family, variant_of_family)
    return Catalog(arrays=arrays, products=products)


def _families(rng: np.random.Generator, n: int) -> tuple[NDArray[np.int32], NDArray[np.int8]]:
    """Family id per SKU (consecutive SKUs share a family) and each family's variant kind.

    Most products stand alone; about a third come in 2-5 colours or sizes, which is what makes
    parent ASINs and per-child Business Report rows interesting.
    """
    sizes = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.62, 0.16, 0.11, 0.07, 0.04])
    ends = np.cumsum(sizes)
    sizes = sizes[: int(np.searchsorted(ends, n)) + 1]
    family = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[:n]
    kind = (rng.random(len(sizes)) < 0.3).astype(np.int8)  # 1 = size family, 0 = colours
    return family, kind


def _arrays(
    rng: np.random.Generator, n: int, family: NDArray[np.int32], config: SimConfig
) -> CatalogArrays:
    # Variants of one family share category, price level and supplier.
    fam_n = int(family[-1]) + 1
    cat = rng.integers(0, len(CATEGORIES), size=fam_n).astype(np.int8)[family]
    lo = np.array([c.price_usd[0] for c in CATEGORIES])[cat]
    hi = np.array([c.price_usd[1] for c in CATEGORIES])[cat]
    fam_u = rng.random(fam_n)[family]
    price = np.ceil(lo + (hi - lo) * fam_u**1.4) - 0.01  # skewed to cheap, ending in .99
    cogs = np.array([c.cogs_ratio for c in CATEGORIES])[cat]
    cost = price * rng.uniform(cogs[:, 0], cogs[:, 1])
    weight, dims = _physical(rng, cat, family)
    tier = size_tier(weight, dims)
    sea = (rng.random(fam_n) < 0.8)[family]
    base_rate = np.clip(rng.lognormal(np.log(1.5), 1.3, size=n), 0.05, 80.0)
    lifecycle = _lifecycle(rng, n, config.days)
    case_pack = rng.choice([6, 10, 12, 20, 24, 30, 40, 50], size=n)
    return CatalogArrays(
        cat=cat,
        family=family,
        price_cents=np.round(price * 100).astype(np.int64),
        cost_cents=np.round(cost * 100).astype(np.int64),
        weight_lb=weight,
        dims_in=dims,
        tier=tier,
        fba_fee_cents=fba_fee_cents(weight, tier),
        referral_rate=np.array([c.referral_rate for c in CATEGORIES])[cat],
        production_days=rng.integers(15, 36, size=fam_n)[family],
        transit_days=np.where(sea, rng.integers(25, 41, size=n), rng.integers(7, 13, size=n)),
        receiving_days=rng.integers(3, 15, size=n),
        sea=sea,
        moq=np.maximum(case_pack, _round_to(base_rate * rng.uniform(20, 60, size=n), case_pack)),
        case_pack=case_pack,
        defect_rate=(d := np.clip(rng.lognormal(np.log(0.015), 0.7, size=n), 0.002, 0.12)),
        return_rate=np.array([c.return_base for c in CATEGORIES])[cat] + 0.7 * d,
        base_rate=base_rate,
        cvr=rng.uniform(0.06, 0.16, size=n),
        dispersion=rng.uniform(1.5, 8.0, size=n),
        elasticity=rng.uniform(-2.8, -1.0, size=n),
        **lifecycle,
        mfn=_pick(rng, n, 0.05, minimum=1 if n >= 10 else 0),
        advertised=rng.random(n) < 0.7,
    )


def _round_to(x: NDArray[np.float64], step: NDArray[np.int64]) -> NDArray[np.int64]:
    return (np.ceil(x / step) * step).astype(np.int64)


def _pick(rng: np.random.Generator, n: int, share: float, minimum: int) -> NDArray[np.bool_]:
    """A boolean mask of about ``share`` of n, with at least ``minimum`` set."""
    k = max(minimum, round(share * n))
    mask = np.zeros(n, dtype=bool)
    mask[rng.choice(n, size=min(k, n), replace=False)] = True
    return mask


def _physical(
    rng: np.random.Generator, cat: NDArray[np.int8], family: NDArray[np.int32]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Unit weight (lb) and dimensions (in, longest first), shared within a family."""
    fam_n = int(family[-1]) + 1
    fam_cat = cat[np.unique(family, return_index=True)[1]]
    w_lo = np.array([c.weight_lb[0] for c in CATEGORIES])[fam_cat]
    w_hi = np.array([c.weight_lb[1] for c in CATEGORIES])[fam_cat]
    weight = np.exp(rng.uniform(np.log(w_lo), np.log(w_hi)))
    volume = weight * rng.uniform(60, 260, size=fam_n)  # cubic inches per lb: dense to airy
    shape = np.sort(rng.uniform(0.35, 1.0, size=(fam_n, 3)), axis=1)[:, ::-1]
    scale = np.cbrt(volume / shape.prod(axis=1))
    dims = np.round(shape * scale[:, None], 1).clip(0.3)
    return weight[family], dims[family]


def _lifecycle(rng: np.random.Generator, n: int, days: int) -> dict[str, NDArray]:
    """Launch and decline points on the internal timeline (window starts at BURN_IN_DAYS).

    About 10 % of SKUs launch inside the window, 10 % are young and still growing, 15 %
    decline during it; the rest are established.
    """
    t0 = BURN_IN_DAYS
    kind = rng.choice(4, size=n, p=[0.65, 0.10, 0.10, 0.15])  # mature, new, growth, declining
    launch = t0 - rng.integers(300, 1500, size=n)
    late_launch = t0 + rng.integers(0, max(days - 14, 1), size=n)
    launch = np.where(kind == 1, late_launch, launch)
    launch = np.where(kind == 2, t0 - rng.integers(30, 150, size=n), launch)
    decline = np.where(kind == 3, t0 + rng.integers(-120, max(days - 20, -119), size=n), _NEVER)
    return {
        "launch_t": launch.astype(np.int64),
        "ramp_days": rng.uniform(30, 90, size=n),
        "decline_t": decline.astype(np.int64),
        "decline_halflife": rng.uniform(60, 200, size=n),
    }


def _products(
    rng: np.random.Generator,
    config: SimConfig,
    a: CatalogArrays,
    family: NDArray[np.int32],
    kind: NDArray[np.int8],
) -> list[Product]:
    names = make_names(rng, config.brand, a.cat, family, kind)
    stage = _stage(a, config.days)
    return [_product(i, names[i], a, config, stage[i]) for i in range(len(a))]


def _product(i: int, name: Names, a: CatalogArrays, config: SimConfig, stage: str) -> Product:
    return Product(
        index=i,
        sku=name.sku,
        asin=name.asin,
        fnsku=name.fnsku,
        parent_asin=name.parent_asin,
        variation=name.variation,
        title=name.title,
        product_type=name.product_type,
        brand=config.brand,
        category=CATEGORIES[int(a.cat[i])].name,
        list_price_cents=int(a.price_cents[i]),
        cost_cents=int(a.cost_cents[i]),
        weight_lb=round(float(a.weight_lb[i]), 2),
        dimensions_in=(float(a.dims_in[i, 0]), float(a.dims_in[i, 1]), float(a.dims_in[i, 2])),
        size_tier=SIZE_TIERS[int(a.tier[i])],
        fba_fee_cents=int(a.fba_fee_cents[i]),
        referral_rate=float(a.referral_rate[i]),
        production_days=int(a.production_days[i]),
        transit_days=int(a.transit_days[i]),
        receiving_days=int(a.receiving_days[i]),
        ship_mode="sea" if a.sea[i] else "air",
        lead_time_days=int(a.lead_days[i]),
        moq=int(a.moq[i]),
        case_pack=int(a.case_pack[i]),
        defect_rate=round(float(a.defect_rate[i]), 4),
        return_rate=round(float(a.return_rate[i]), 4),
        base_rate=round(float(a.base_rate[i]), 3),
        launch_date=_launch_date(config, int(a.launch_t[i])),
        lifecycle=stage,
        fulfillment="MFN" if a.mfn[i] else "AFN",
        advertised=bool(a.advertised[i]),
    )


def _launch_date(config: SimConfig, launch_t: int) -> date | None:
    if launch_t < BURN_IN_DAYS:
        return None
    return config.first_day + timedelta(days=launch_t - BURN_IN_DAYS)


def _stage(a: CatalogArrays, days: int) -> list[str]:
    """Lifecycle stage at the end date, as an operator would label it."""
    end_t = BURN_IN_DAYS + days - 1
    age = end_t - a.launch_t
    stage = np.where(age < 60, "new", np.where(age < 240, "growth", "mature"))
    stage = np.where(a.decline_t <= end_t, "decline", stage)
    return [str(s) for s in stage]
