"""FBA size tiers and per-unit fulfilment fees, vectorised over SKUs.

The tier limits and fees approximate Amazon US's 2024 schedule (non-apparel, non-peak); the
exact 2025/26 figures were not verified. Good enough for profit arithmetic in the demo: the
point is that heavier, bulkier items cost visibly more to fulfil.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SIZE_TIERS = ("Small standard", "Large standard", "Large bulky", "Extra-large")

# Large standard fee steps by shipping weight (upper bound in lb -> fee in USD).
_LARGE_STD_STEPS = (
    (0.25, 3.68),
    (0.5, 3.90),
    (0.75, 4.15),
    (1.0, 4.55),
    (1.5, 4.99),
    (2.0, 5.37),
    (2.5, 5.52),
    (3.0, 5.77),
)
_SMALL_STD_STEPS = ((0.25, 3.06), (0.5, 3.15), (0.75, 3.24), (1.0, 3.33))


def size_tier(weight_lb: NDArray[np.float64], dims_in: NDArray[np.float64]) -> NDArray[np.int8]:
    """Index into :data:`SIZE_TIERS` from unit weight (lb) and sorted dimensions [n, 3] (in)."""
    longest, median, shortest = dims_in[:, 0], dims_in[:, 1], dims_in[:, 2]
    small = (weight_lb <= 1.0) & (longest <= 15) & (median <= 12) & (shortest <= 0.75)
    large = (weight_lb <= 20) & (longest <= 18) & (median <= 14) & (shortest <= 8)
    bulky = (weight_lb <= 50) & (longest <= 59) & (median <= 33) & (shortest <= 33)
    tier = np.full(weight_lb.shape, 3, dtype=np.int8)
    tier[bulky] = 2
    tier[large] = 1
    tier[small] = 0
    return tier


def fba_fee_cents(weight_lb: NDArray[np.float64], tier: NDArray[np.int8]) -> NDArray[np.int64]:
    """Per-unit FBA fulfilment fee in US cents."""
    over3 = np.ceil(np.maximum(weight_lb - 3.0, 0) * 4) * 0.08  # $0.08 per 4 oz above 3 lb
    large = np.where(weight_lb > 3.0, 6.92 + over3, _step_fee(weight_lb, _LARGE_STD_STEPS))
    extra_lb = np.maximum(np.ceil(weight_lb) - 1, 0)
    fee = np.select(
        [tier == 0, tier == 1, tier == 2],
        [_step_fee(weight_lb, _SMALL_STD_STEPS), large, 9.61 + 0.38 * extra_lb],
        26.33 + 0.38 * extra_lb,
    )
    return np.round(fee * 100).astype(np.int64)


def _step_fee(
    weight_lb: NDArray[np.float64], steps: tuple[tuple[float, float], ...]
) -> NDArray[np.float64]:
    """The fee of the first step whose weight limit holds the unit (last step above all)."""
    limits = np.array([w for w, _ in steps])
    fees = np.array([f for _, f in steps])
    idx = np.minimum(np.searchsorted(limits, weight_lb, side="left"), len(steps) - 1)
    return fees[idx]
