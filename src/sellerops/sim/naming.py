"""Identifiers and titles of the simulated catalog: SKU, ASIN, FNSKU, parent ASIN, title.

SKUs read like a seller's own scheme, ``ACME-KITCH-0007-BL``: brand, category, model number
(shared by a variation family), variant (colour or size). ASINs are ``B0`` + 8 and FNSKUs
``X00`` + 7 upper-case letters and digits, unique within the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog_data import CATEGORIES, COLOURS, FEATURES, SIZES

_ALNUM = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))


@dataclass(frozen=True, slots=True)
class Names:
    sku: str
    asin: str
    fnsku: str
    parent_asin: str  # the family's parent; the ASIN itself for a product without variations
    variation: str
    title: str
    product_type: str


def codes(rng: np.random.Generator, n: int, prefix: str, length: int) -> list[str]:
    """n distinct identifiers: prefix + random upper-case letters and digits."""
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        chars = _ALNUM[rng.integers(0, len(_ALNUM), size=(n - len(out), length))]
        for row in chars:
            code = prefix + "".join(row)
            if code not in seen:
                seen.add(code)
                out.append(code)
    return out


def make_names(
    rng: np.random.Generator,
    brand: str,
    cat: NDArray[np.int8],
    family: NDArray[np.int32],
    kind: NDArray[np.int8],
) -> list[Names]:
    """Names per SKU; ``kind`` per family is 1 for size variants, 0 for colours."""
    n, fam_n = len(cat), int(family[-1]) + 1
    asins = codes(rng, n + fam_n, "B0", 8)  # children first, then one parent per family
    fnskus = codes(rng, n, "X00", 7)
    model = np.cumsum(rng.integers(1, 3, size=fam_n))
    noun_i = rng.integers(0, 10, size=fam_n)
    adj_i = rng.integers(0, 5, size=fam_n)
    feat_i = rng.integers(0, len(FEATURES), size=fam_n)
    first_colour = rng.integers(0, len(COLOURS), size=fam_n)
    fam_sizes = np.bincount(family, minlength=fam_n)
    pos = np.arange(n) - np.searchsorted(family, family)  # position within the family
    out = []
    for i in range(n):
        f, c = int(family[i]), CATEGORIES[int(cat[i])]
        if kind[f] == 1 and fam_sizes[f] > 1:
            suffix, variation = SIZES[int(pos[i]) % len(SIZES)]
        else:
            suffix, variation = COLOURS[(int(first_colour[f]) + int(pos[i])) % len(COLOURS)]
        noun, adjective = c.nouns[int(noun_i[f])], c.adjectives[int(adj_i[f])]
        out.append(
            Names(
                sku=f"{brand.upper()[:4]}-{c.code}-{int(model[f]):04d}-{suffix}",
                asin=asins[i],
                fnsku=fnskus[i],
                parent_asin=asins[n + f] if fam_sizes[f] > 1 else asins[i],
                variation=variation,
                title=f"{brand} {adjective} {noun}, {FEATURES[int(feat_i[f])]}, {variation}",
                product_type=noun,
            )
        )
    return out
