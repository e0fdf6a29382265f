"""Vectorised "episodes": things that start on a random day and last a few days.

Coupons, lightning deals, Buy Box hijacks and listing suppressions are all episodes. Drawing
them per [sku, day] cell and spreading each start over its duration with a running maximum
keeps the whole thing in numpy, with no Python loop over SKUs or days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(slots=True)
class Episodes:
    active: NDArray[np.bool_]  # [sku, day]
    value: NDArray[np.float32]  # [sku, day], the episode's value where active, else 0
    starts: NDArray[np.bool_]  # [sku, day], True on each episode's first day
    length: NDArray[np.int32]  # [sku, day], the episode's length on its first day, else 0


def draw_episodes(
    rng: np.random.Generator,
    rate: NDArray[np.float64],
    days: int,
    length: tuple[int, int],
    value: tuple[float, float],
) -> Episodes:
    """Episodes starting with per-SKU daily probability ``rate`` (shape [sku]).

    ``length`` is an inclusive range of days, ``value`` a uniform range. An episode that
    starts while another is running replaces it.
    """
    n = len(rate)
    starts = rng.random((n, days), dtype=np.float32) < rate[:, None].astype(np.float32)
    k = int(starts.sum())
    lengths = np.zeros((n, days), dtype=np.int32)
    values = np.zeros((n, days), dtype=np.float32)
    lengths[starts] = rng.integers(length[0], length[1] + 1, size=k)
    values[starts] = rng.uniform(value[0], value[1], size=k)
    return spread(starts, lengths, values)


def spread(
    starts: NDArray[np.bool_], lengths: NDArray[np.int32], values: NDArray[np.float32]
) -> Episodes:
    """Turn start markers (with length and value on the start day) into per-day activity."""
    n, days = starts.shape
    t = np.arange(days, dtype=np.int32)
    last = np.where(starts, t, np.int32(-1))
    np.maximum.accumulate(last, axis=1, out=last)
    rows = np.arange(n)[:, None]
    idx = np.maximum(last, 0)
    end = np.where(starts, t + lengths, np.int32(0))[rows, idx]
    active = (last >= 0) & (t < end)
    value = np.where(active, values[rows, idx], np.float32(0)).astype(np.float32)
    return Episodes(active=active, value=value, starts=starts, length=lengths)


def set_episode(ep: Episodes, sku: int, start: int, length: int, value: float) -> None:
    """Plant one episode (a storyline) on top of the random ones; clipped to the timeline."""
    days = ep.active.shape[1]
    lo, hi = max(start, 0), min(start + length, days)
    if lo >= hi:
        return
    ep.active[sku, lo:hi] = True
    ep.value[sku, lo:hi] = value
    ep.starts[sku, lo:hi] = False
    ep.starts[sku, lo] = True
    ep.length[sku, lo] = hi - lo
