"""Incidents: what makes sales drop besides ordinary noise, random and planted.

Random incidents happen to any SKU (a hijacker undercuts us, a listing is suppressed, a bad
production batch raises defects). Storylines are planted near the end date so the demo's daily
review has something real to find every time: a SKU running out with less cover than its lead
time, a Buy Box hijack in progress, a suppressed listing and a wave of bad reviews.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog import CatalogArrays
from sellerops.sim.config import BURN_IN_DAYS, SimConfig
from sellerops.sim.episodes import Episodes, draw_episodes, set_episode
from sellerops.sim.events import yearly_profile

#: Traffic left when a listing is suppressed: it vanishes from search, a few direct visits remain.
SUPPRESSED_TRAFFIC = 0.03
#: Conversion left during a bad-review wave (stars drop, the bad reviews sit on top).
REVIEW_WAVE_CVR = 0.55


@dataclass(frozen=True, slots=True)
class Incident:
    """One incident, in marketplace-local dates. ``end`` may lie after the simulated window."""

    kind: str  # buybox_loss, listing_suppressed, bad_batch, review_wave, stockout_risk
    sku_index: int
    start: date
    end: date
    planted: bool  # True for storylines planted for the demo
    detail: str


@dataclass(slots=True)
class IncidentPlan:
    """Per [sku, day] effects on the internal timeline (burn-in included)."""

    incidents: list[Incident]
    hijack: Episodes  # value = our Buy Box share while a hijacker holds the offer
    suppressed: Episodes
    bad_batch: Episodes  # value = defect-rate multiplier
    traffic_mult: NDArray[np.float32]
    cvr_mult: NDArray[np.float32]
    reorder_stop_t: NDArray[np.int64]  # the operator places no purchase order from this day on
    lean: NDArray[np.bool_]  # the operator orders as little as the rule allows (thin cover)
    stockout_story: tuple[int, int] | None  # (sku, first surge day), sized once stock is known
    review_wave: tuple[int, int, int] | None  # (sku, first, last day) of planted bad reviews
    planted: dict[tuple[str, int, int], int]  # (kind, sku, start day) -> full length in days


def plan_incidents(
    config: SimConfig, cat: CatalogArrays, timeline: list[date], rng: np.random.Generator
) -> IncidentPlan:
    n, t_all = len(cat), BURN_IN_DAYS + config.days
    hijack_prone = rng.random(n) < 0.3
    hijack = draw_episodes(
        rng, np.where(hijack_prone, 1 / 150, 1 / 1500), t_all, (3, 12), (0.2, 0.7)
    )
    suppressed = draw_episodes(rng, np.full(n, 1 / 2000), t_all, (2, 6), (1.0, 1.0))
    bad_batch = draw_episodes(rng, np.full(n, 1 / 3000), t_all, (30, 60), (3.0, 5.0))
    plan = IncidentPlan(
        incidents=[],
        hijack=hijack,
        suppressed=suppressed,
        bad_batch=bad_batch,
        traffic_mult=np.ones((n, t_all), dtype=np.float32),
        cvr_mult=np.ones((n, t_all), dtype=np.float32),
        reorder_stop_t=np.full(n, 10**6, dtype=np.int64),
        lean=np.zeros(n, dtype=bool),
        stockout_story=None,
        review_wave=None,
        planted={},
    )
    if config.storylines:
        _plant_storylines(plan, config, cat, timeline, rng)
    _apply_effects(plan)
    plan.incidents.extend(_records(plan, config))
    plan.incidents.sort(key=lambda i: (i.start, i.sku_index, i.kind))
    return plan


def _storyline_skus(
    cat: CatalogArrays, timeline: list[date], rng: np.random.Generator
) -> list[int]:
    """Four distinct established FBA SKUs among the best sellers, so a drop is unmistakable.

    The first (the stock-out story) is one whose season is not fading at the end date:
    otherwise stock bought for a busier season would hide the shortage.
    """
    t0 = BURN_IN_DAYS
    ok = (~cat.mfn) & (cat.launch_t < t0 - 90) & (cat.decline_t > 10**5)
    candidates = np.flatnonzero(ok)
    candidates = candidates[np.argsort(-cat.base_rate[candidates], kind="stable")]
    pool = candidates[: max(8, len(candidates) // 5)]
    k = min(4, len(pool))
    if k == 0:
        return []
    # The last purchase order is placed ~110 days before the end from the month before it.
    season = yearly_profile(timeline)
    end = len(timeline)
    trend = season[:, end - 110 :].mean(axis=1) / season[:, end - 140 : end - 110].mean(axis=1)
    rising = pool[trend[cat.cat[pool]] >= 0.85]
    first = int(rng.choice(rising)) if len(rising) else int(pool[0])
    rest = [int(i) for i in rng.choice(pool[pool != first], size=k - 1, replace=False)]
    return [first, *rest]


def _plant_storylines(
    plan: IncidentPlan,
    config: SimConfig,
    cat: CatalogArrays,
    timeline: list[date],
    rng: np.random.Generator,
) -> None:
    skus = _storyline_skus(cat, timeline, rng)
    end_t = BURN_IN_DAYS + config.days - 1
    roles = (_plant_stockout, _plant_hijack, _plant_suppression, _plant_review_wave)
    for plant, sku in zip(roles, skus, strict=False):
        plant(plan, config, cat, sku, end_t, rng)


def _plant_stockout(
    plan: IncidentPlan,
    config: SimConfig,
    cat: CatalogArrays,
    sku: int,
    end_t: int,
    rng: np.random.Generator,
) -> None:
    # The operator, busy elsewhere, stops ordering and had kept cover thin; then demand surges
    # (a viral video) by just enough to run stock down to days of cover at the end date (the
    # engine sizes the surge once it knows the stock).
    plan.reorder_stop_t[sku] = end_t - int(cat.lead_days[sku]) - 25
    plan.lean[sku] = True
    plan.stockout_story = (sku, end_t - 39)
    last = config.last_day
    detail = "demand surge for 40 days, no purchase order placed; cover < lead time"
    plan.incidents.append(Incident("stockout_risk", sku, last - timedelta(39), last, True, detail))


def _plant_hijack(
    plan: IncidentPlan,
    config: SimConfig,
    cat: CatalogArrays,
    sku: int,
    end_t: int,
    rng: np.random.Generator,
) -> None:
    set_episode(plan.hijack, sku, end_t - 2, 9, float(rng.uniform(0.3, 0.45)))
    plan.planted[("buybox_loss", sku, end_t - 2)] = 9


def _plant_suppression(
    plan: IncidentPlan,
    config: SimConfig,
    cat: CatalogArrays,
    sku: int,
    end_t: int,
    rng: np.random.Generator,
) -> None:
    set_episode(plan.suppressed, sku, end_t - 1, 5, 1.0)
    plan.planted[("listing_suppressed", sku, end_t - 1)] = 5


def _plant_review_wave(
    plan: IncidentPlan,
    config: SimConfig,
    cat: CatalogArrays,
    sku: int,
    end_t: int,
    rng: np.random.Generator,
) -> None:
    # Bad reviews land from day -12 to -4; conversion suffers once they show on the page.
    plan.cvr_mult[sku, end_t - 9 :] *= REVIEW_WAVE_CVR
    plan.review_wave = (sku, end_t - 12, end_t - 4)
    last = config.last_day
    detail = "a wave of 1-2 star reviews; conversion down 45%"
    plan.incidents.append(Incident("review_wave", sku, last - timedelta(12), last, True, detail))


def _apply_effects(plan: IncidentPlan) -> None:
    plan.traffic_mult[plan.suppressed.active] *= SUPPRESSED_TRAFFIC
    # Reviews about a bad batch arrive a week or two after it reaches buyers.
    lagged = np.zeros_like(plan.bad_batch.active)
    lagged[:, 10:] = plan.bad_batch.active[:, :-10]
    plan.cvr_mult[lagged] *= 0.8


def _records(plan: IncidentPlan, config: SimConfig) -> list[Incident]:
    """Incident records for episodes that touch the window."""
    out: list[Incident] = []
    first = config.first_day
    kinds = (
        ("buybox_loss", plan.hijack, "hijacker holds the Buy Box; our share {:.0%}"),
        ("listing_suppressed", plan.suppressed, "listing suppressed (missing attribute)"),
        ("bad_batch", plan.bad_batch, "defective production batch; defect rate x{:.1f}"),
    )
    for kind, ep, text in kinds:
        skus, starts = np.nonzero(ep.starts)
        for s, t in zip(skus.tolist(), starts.tolist(), strict=True):
            # Planted episodes run past the window; their stored length is clipped to it.
            length = plan.planted.get((kind, s, t), int(ep.length[s, t]))
            if t + length <= BURN_IN_DAYS:
                continue
            is_planted = (kind, s, t) in plan.planted
            start = first + timedelta(days=t - BURN_IN_DAYS)
            detail = text.format(float(ep.value[s, t]))
            out.append(Incident(kind, s, start, start + timedelta(length - 1), is_planted, detail))
    return out
