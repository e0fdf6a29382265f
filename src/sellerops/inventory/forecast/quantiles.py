"""Daily quantiles of units from a negative-binomial distribution (numpy only).

Units on one day are taken as negative binomial with the forecast mean ``mu`` and
dispersion ``phi`` (variance ``mu + phi * mu**2``; ``phi = 0`` is Poisson). ``phi`` comes
from the series' own forecast errors, so it carries both day-to-day noise and the level's
uncertainty. Small means get exact discrete quantiles (a run of cumulative sums); large
means, where the distribution is smooth, the Wilson-Hilferty approximation of a gamma
with the same mean and variance.
"""

from __future__ import annotations

import numpy as np

EXACT_MAX_MEAN = 50.0
_Z = {0.5: 0.0, 0.8: 0.8416212335729143, 0.9: 1.2815515655446004, 0.95: 1.6448536269514722}


def nb_quantile(mu: np.ndarray, phi: np.ndarray, q: float) -> np.ndarray:
    """The ``q``-quantile of NB(mean ``mu``, dispersion ``phi``), elementwise.

    ``phi`` broadcasts against ``mu``. ``q`` must be one of 0.5, 0.8, 0.9, 0.95.
    """
    mu = np.maximum(np.asarray(mu, dtype=float), 0.0)
    phi = np.broadcast_to(np.maximum(np.asarray(phi, dtype=float), 1e-9), mu.shape)
    out = np.empty_like(mu)
    small = mu <= EXACT_MAX_MEAN
    out[small] = _exact(mu[small], phi[small], q)
    out[~small] = _wilson_hilferty(mu[~small], phi[~small], q)
    return out


def _exact(mu: np.ndarray, phi: np.ndarray, q: float) -> np.ndarray:
    """Smallest k with P(X <= k) >= q, by summing the pmf recursion."""
    r = 1.0 / phi
    pmf = np.exp(-r * np.log1p(mu * phi))
    cdf = pmf.copy()
    result = np.zeros_like(mu)
    active = cdf < q
    k = 0
    ratio = mu / (r + mu)
    while active.any() and k < 100_000:
        pmf = pmf * (k + r) / (k + 1) * ratio
        k += 1
        cdf = cdf + pmf
        done = active & (cdf >= q)
        result[done] = k
        active &= ~done
        if pmf[active].size and pmf[active].max() < 1e-300:
            break
    result[active] = k
    return result


def _wilson_hilferty(mu: np.ndarray, phi: np.ndarray, q: float) -> np.ndarray:
    """Quantile of a gamma with mean ``mu`` and variance ``mu + phi mu^2``."""
    shape = mu / (1.0 + phi * mu)
    c = 1.0 / (9.0 * shape)
    return mu * np.maximum(1.0 - c + _Z[q] * np.sqrt(c), 0.0) ** 3
