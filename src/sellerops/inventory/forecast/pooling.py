"""Group priors: what a series with little evidence borrows from its group, and a group
with little evidence from the whole batch.

The first pass over the batch collects, per series, sufficient statistics (units and
baseline units per weekday and per event, the price score and information, a recent level
and a rough error dispersion). This module sums them per group into priors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sellerops.inventory.forecast.profile import normalise_weekdays, shrink
from sellerops.inventory.forecast.types import ForecastConfig

BATCH_SHRINK = 0.1


@dataclass
class SeriesStats:
    """First-pass statistics of a set of series (rows)."""

    group: np.ndarray  # (S,)
    weekday_units: np.ndarray  # (S, 7)
    weekday_base: np.ndarray  # (S, 7)
    event_units: np.ndarray  # (S, V)
    event_base: np.ndarray  # (S, V)
    price_score: np.ndarray  # (S,)
    price_info: np.ndarray  # (S,)
    recent_level: np.ndarray  # (S,) mean units per day lately, nan if none
    observed_days: np.ndarray  # (S,)
    dispersion: np.ndarray  # (S,) rough negative-binomial phi, nan if unknown
    yearly_after: np.ndarray  # (S, B) units in last years' forecast windows, per block
    yearly_before: np.ndarray  # (S, B) what the rate just before those windows gave

    @staticmethod
    def concat(parts: list[SeriesStats]) -> SeriesStats:
        fields = SeriesStats.__dataclass_fields__
        return SeriesStats(**{f: np.concatenate([getattr(p, f) for p in parts]) for f in fields})


@dataclass
class Priors:
    """Per group (row = group code): the values a series shrinks toward."""

    weekday: np.ndarray  # (G, 7), each row averages 1
    event: np.ndarray  # (G, V)
    elasticity: np.ndarray  # (G,)
    level: np.ndarray  # (G,) typical units/day of an established series; nan = none
    dispersion: np.ndarray  # (G,)
    yearly: np.ndarray  # (G, B) seasonal index per 28-day block vs the last 28 days


def pool(stats: SeriesStats, n_groups: int, cfg: ForecastConfig) -> Priors:
    """Sum the statistics per group and shrink each group toward the whole batch."""
    g = stats.group

    def by_group(a: np.ndarray) -> np.ndarray:
        out = np.zeros((n_groups, *a.shape[1:]))
        np.add.at(out, g, a)
        return out

    wu, wb = stats.weekday_units, stats.weekday_base
    # the whole batch's profile needs little pull toward flat: it pools every series
    w_all = shrink(wu.sum(0), wb.sum(0), np.ones(7), cfg.weekday_strength * BATCH_SHRINK)
    weekday = shrink(by_group(wu), by_group(wb), w_all, cfg.weekday_strength)
    eu, eb = stats.event_units, stats.event_base
    e_all = shrink(eu.sum(0), eb.sum(0), np.ones(eu.shape[1]), cfg.event_strength * BATCH_SHRINK)
    event = shrink(by_group(eu), by_group(eb), e_all, cfg.event_strength)
    k, lo_hi = cfg.elasticity_strength, cfg.elasticity_bounds
    el_all = np.clip(stats.price_score.sum() / (stats.price_info.sum() + k), *lo_hi)
    el = (by_group(stats.price_score) + k * el_all) / (by_group(stats.price_info) + k)
    return Priors(
        weekday=normalise_weekdays(weekday),
        event=event,
        elasticity=np.clip(el, *lo_hi),
        level=_group_median(stats.recent_level, stats, n_groups, cfg),
        dispersion=np.nan_to_num(_group_median(stats.dispersion, stats, n_groups, cfg), nan=0.5),
        yearly=shrink(
            by_group(stats.yearly_after), by_group(stats.yearly_before), 1.0, cfg.yearly_strength
        ),
    )


def _group_median(
    values: np.ndarray, stats: SeriesStats, n_groups: int, cfg: ForecastConfig
) -> np.ndarray:
    """Median over the group's established series; the batch's where a group has none."""
    established = (stats.observed_days >= cfg.new_series_days) & np.isfinite(values)
    overall = np.median(values[established]) if established.any() else np.nan
    out = np.full(n_groups, overall)
    for grp in np.unique(stats.group[established]):
        out[grp] = np.median(values[established & (stats.group == grp)])
    return out
