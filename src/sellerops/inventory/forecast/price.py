"""Price response: a constant elasticity learned from temporary price moves.

Demand is modelled as ``baseline * (price / reference) ** e``. The reference is the centred
moving average of log price, so a promotion or a short price rise is the signal; a lasting
price change moves the level instead, which the smoother follows anyway. The estimate is
one Fisher-scoring step of a Poisson regression from ``e = 0``, with the group's elasticity
as a prior worth ``k`` units of squared-log-price information.
"""

from __future__ import annotations

import numpy as np

from sellerops.inventory.forecast.panel import NO_EVENT, Panel
from sellerops.inventory.forecast.profile import centred_mean

REFERENCE_WIDTH = 56


def price_deviation(p: Panel) -> np.ndarray:
    """log price minus its centred moving average; 0 where the price is unknown."""
    logp = np.where(p.has_price, p.logp, np.nan)
    ref = centred_mean(logp, REFERENCE_WIDTH)
    return np.where(p.has_price & np.isfinite(ref), logp - ref, 0.0)


def price_stats(p: Panel, expected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Poisson score and information of the elasticity at ``e = 0`` per series.

    ``expected`` is the demand the model predicts without any price effect.
    """
    x = price_deviation(p)
    mask = np.isfinite(p.y) & np.isfinite(expected) & (p.event == NO_EVENT) & (x != 0)
    y = np.where(mask, p.y, 0.0)
    mu = np.where(mask, expected, 0.0)
    return (x * (y - mu)).sum(axis=1), (x * x * mu).sum(axis=1)


def elasticity(
    score: np.ndarray, info: np.ndarray, prior: np.ndarray, k: float, bounds: tuple[float, float]
) -> np.ndarray:
    """Posterior elasticity per series, clipped to ``bounds``."""
    return np.clip((score + k * prior) / (info + k), *bounds)


def price_multiplier(logp: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Demand multiplier ``exp(e * log(price / last price))`` per cell."""
    return np.exp(np.clip(e[:, None] * logp, -5.0, 5.0))
