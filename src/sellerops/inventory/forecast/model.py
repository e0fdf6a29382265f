"""The forecaster: demand per day = ``level x weekday x event x price x yearly``, fitted to
many series at once with numpy (no per-series Python loop in the maths).

Two passes over the batch. The first gathers per-series statistics, pooled into group
priors (:mod:`pooling`). The second shrinks each series' weekday profile, event uplifts
(:mod:`profile`) and price elasticity (:mod:`price`) toward its group's, divides them out of
the history, and picks the smoother that would have forecast that history best
(:mod:`level`). The level is pulled toward the group's for a new SKU, scaled by the group's
yearly index for the horizon (:mod:`yearly`); a run of zeros at the end of history weighs
ordinary demand against a temporary outage (after which sales return to the level of the
last sale) and a product that stopped selling (:func:`stockouts.presence`), so a short dip
does not wipe the forecast out but weeks of impossible zeros do. Everything is then
multiplied back out over the forecast days.
Daily quantiles are negative binomial around that mean, with the dispersion of the series'
own week-ahead errors (:mod:`quantiles`).

Censored days (``in_stock == 0``) are ``nan`` throughout: they count neither as demand nor
as evidence, so a stock-out never drags the forecast down. ``SeriesForecast.method`` is the
Syntetos-Boylan class of the observed days among the last 91 (:func:`demand_classes`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sellerops.inventory.forecast.level import (
    StackSpec,
    choose_level,
    smoothing_paths,
    window_paths,
)
from sellerops.inventory.forecast.panel import Panel, Vocab, build_panel
from sellerops.inventory.forecast.pooling import Priors, SeriesStats, pool
from sellerops.inventory.forecast.price import elasticity, price_multiplier, price_stats
from sellerops.inventory.forecast.profile import (
    centred_mean,
    day_factors,
    event_stats,
    normalise_weekdays,
    shrink,
    weekday_stats,
)
from sellerops.inventory.forecast.quantiles import nb_quantile
from sellerops.inventory.forecast.stockouts import hidden_stockouts, presence
from sellerops.inventory.forecast.types import (
    Calendar,
    ForecastConfig,
    SeriesForecast,
    SeriesInput,
)
from sellerops.inventory.forecast.yearly import block_factors, yearly_stats

RECENT_DAYS = 28
ADI_CUT = 1.32  # Syntetos-Boylan cut-offs
CV2_CUT = 0.49
CLASS_DAYS = 91  # the recent days (observed ones) the demand class is read from
PHI_STRENGTH = 10.0  # squared expected units of prior weight on the dispersion


def forecast_many(
    series: Sequence[SeriesInput],
    horizon: int,
    calendar: Calendar | None = None,
    *,
    config: ForecastConfig | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[SeriesForecast]:
    """Forecast daily units for ``horizon`` days after each series' last day.

    ``calendar`` names event days, past (to learn each event's effect) and future (to
    apply it). Series are pooled by ``group``; results come back in input order.
    ``progress(done, total)`` is called after each chunk of series is forecast.
    """
    cfg = config or ForecastConfig()
    if horizon < 1:
        raise ValueError("horizon must be at least 1 day")
    if not series:
        return []
    vocab = Vocab.of(series, calendar)
    chunks = [series[i : i + cfg.chunk_size] for i in range(0, len(series), cfg.chunk_size)]
    panels: list[Panel | None] = []
    stats = []
    for chunk in chunks:
        panel = _build(chunk, horizon, calendar, vocab, cfg)
        stats.append(_first_pass(panel, len(vocab.events), horizon, cfg))
        panels.append(panel if len(chunks) == 1 else None)
    priors = pool(SeriesStats.concat(stats), len(vocab.groups), cfg)
    out: list[SeriesForecast] = []
    for chunk, kept in zip(chunks, panels, strict=True):
        panel = kept or _build(chunk, horizon, calendar, vocab, cfg)
        out.extend(_second_pass(panel, chunk, priors, cfg))
        if progress is not None:
            progress(len(out), len(series))
    return out


def _build(
    chunk: Sequence[SeriesInput],
    horizon: int,
    calendar: Calendar | None,
    vocab: Vocab,
    cfg: ForecastConfig,
) -> Panel:
    """The chunk's matrices, with hidden stock-outs censored where stock is unknown."""
    panel = build_panel(chunk, horizon, calendar, vocab, cfg.max_history)
    if cfg.hidden_stockout_units > 0:
        hidden = hidden_stockouts(panel.y, cfg.hidden_stockout_units)
        panel.y[hidden & ~panel.stock_known[:, None]] = np.nan
    return panel


def _first_pass(p: Panel, n_events: int, horizon: int, cfg: ForecastConfig) -> SeriesStats:
    """Statistics each series contributes to its group's priors."""
    base = centred_mean(p.y)
    wu, wb = weekday_stats(p, base, cfg.weekday_days)
    own_w = normalise_weekdays(shrink(wu, wb, np.ones(7), cfg.weekday_strength))
    expected = base * _pick(own_w, p.dow)
    eu, eb = event_stats(p, expected, n_events)
    own_f = shrink(eu, eb, np.ones(n_events), cfg.event_strength)
    seasonal = _pick(own_w, p.dow) * day_factors(own_f, p.event)
    score, info = price_stats(p, base * seasonal)
    after, before = yearly_stats(p, horizon)
    observed = np.isfinite(p.y)
    recent = p.y[:, -RECENT_DAYS:]
    has_recent = np.isfinite(recent).any(axis=1)
    recent_level = np.full(p.y.shape[0], np.nan)
    recent_level[has_recent] = np.nanmean(recent[has_recent], axis=1)
    return SeriesStats(
        group=p.group,
        weekday_units=wu,
        weekday_base=wb,
        event_units=eu,
        event_base=eb,
        price_score=score,
        price_info=info,
        recent_level=recent_level,
        observed_days=observed.sum(axis=1),
        dispersion=_rough_dispersion(p.y, seasonal, cfg.dispersion_days),
        yearly_after=after,
        yearly_before=before,
    )


def _rough_dispersion(y: np.ndarray, seasonal: np.ndarray, days: int) -> np.ndarray:
    """phi of the errors of a 28-day trailing mean, lagged a week, over the last ``days``."""
    centred = centred_mean(y, RECENT_DAYS)
    shift = RECENT_DAYS // 2 + 7  # the mean of days t-35..t-8 lands on day t
    lagged = np.full_like(centred, np.nan)
    lagged[:, shift:] = centred[:, :-shift]
    mu = lagged * seasonal
    use = np.isfinite(y) & np.isfinite(mu)
    use[:, : max(0, y.shape[1] - days)] = False
    mu0 = np.where(use, mu, 0.0)
    num = np.where(use, (np.nan_to_num(y) - mu0) ** 2 - mu0, 0.0).sum(axis=1)
    den = (mu0 * mu0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 1.0, np.maximum(num / den, 0.0), np.nan)


@dataclass
class _Fitted:
    """A chunk's shape of demand: factors per cell, history ``(S, T)`` and future ``(S, H)``."""

    history: np.ndarray  # weekday x event x price, per history day
    future: np.ndarray  # the same for the forecast days


def _second_pass(
    p: Panel, chunk: Sequence[SeriesInput], priors: Priors, cfg: ForecastConfig
) -> list[SeriesForecast]:
    """Fit each series with its group's priors and forecast it."""
    shape = _shape(p, priors, cfg)
    paths = smoothing_paths(p.y, shape.history, cfg.alphas)
    if cfg.windows:
        paths = np.concatenate([paths, window_paths(p.y, shape.history, cfg.windows)], axis=1)
    score_from = p.y.shape[1] - cfg.selection_days
    fit = choose_level(
        paths,
        p.y,
        shape.history,
        cfg.selection_lags,
        score_from,
        cfg.selection_pooling,
        StackSpec(ridge=cfg.stack_ridge, scale_power=cfg.stack_scale_power)
        if cfg.stack_ridge > 0
        else None,
        cfg.selection_top,
    )
    phi = shrink(fit.phi_num, fit.phi_den, priors.dispersion[p.group], PHI_STRENGTH)
    phi = np.maximum(phi, 0.0)
    level = _shrink_new(fit.level, fit.seen, priors.level[p.group], cfg)
    horizon = shape.future.shape[1]
    yearly = block_factors(priors.yearly[p.group], horizon)
    expected = level[:, None]
    ordinary = np.ones_like(level)
    outage = np.zeros_like(expected)
    if cfg.prior_alive < 1:
        ordinary, outage, last_sale = presence(
            p.y, shape.history, phi, horizon, cfg.prior_alive, cfg.outage_share, cfg.outage_days
        )
        before = paths[np.arange(len(level)), fit.choice, last_sale].astype(float)
        before = _shrink_new(
            np.where(np.isfinite(before), before, 0.0), fit.seen, priors.level[p.group], cfg
        )
        outage = outage * before[:, None]
        expected = ordinary[:, None] * level[:, None] + outage
    mean = expected * shape.future * yearly
    p50 = nb_quantile(mean, phi[:, None], 0.5)
    p90 = np.maximum(nb_quantile(mean, phi[:, None], 0.9), p50)
    methods = _methods(p.y, fit.seen, cfg)
    return [
        SeriesForecast(s.series_id, p.first_day[i], mean[i], p50[i], p90[i], methods[i], phi[i])
        for i, s in enumerate(chunk)
    ]


def _shape(p: Panel, priors: Priors, cfg: ForecastConfig) -> _Fitted:
    """Weekday profile, event uplifts and elasticity, each shrunk toward the group's."""
    base = centred_mean(p.y)
    wu, wb = weekday_stats(p, base, cfg.weekday_days)
    w = normalise_weekdays(shrink(wu, wb, priors.weekday[p.group], cfg.weekday_strength))
    eu, eb = event_stats(p, base * _pick(w, p.dow), priors.event.shape[1])
    f = shrink(eu, eb, priors.event[p.group], cfg.event_strength)
    seasonal = _pick(w, p.dow) * day_factors(f, p.event)
    score, info = price_stats(p, base * seasonal)
    prior_e = priors.elasticity[p.group]
    e = elasticity(score, info, prior_e, cfg.elasticity_strength, cfg.elasticity_bounds)
    return _Fitted(
        history=seasonal * price_multiplier(p.logp, e),
        future=_pick(w, p.dow_f) * day_factors(f, p.event_f) * price_multiplier(p.logp_f, e),
    )


def _pick(factors: np.ndarray, codes: np.ndarray) -> np.ndarray:
    return factors[np.arange(codes.shape[0])[:, None], codes]


def _shrink_new(
    level: np.ndarray, seen: np.ndarray, prior: np.ndarray, cfg: ForecastConfig
) -> np.ndarray:
    """Pull the level of a series with little history toward its group's typical level."""
    k = cfg.level_prior_days * np.clip(1.0 - seen / cfg.new_series_days, 0.0, 1.0)
    k = np.where(np.isfinite(prior), k, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = (seen * level + k * np.nan_to_num(prior)) / (seen + k)
    return np.where(seen + k > 0, pooled, 0.0)


def _methods(y: np.ndarray, seen: np.ndarray, cfg: ForecastConfig) -> list[str]:
    """The demand class behind each forecast: ``new``/``none`` by history, else the
    Syntetos-Boylan class of recent history (:func:`demand_classes`)."""
    labels = demand_classes(y)
    labels = np.where(seen < cfg.new_series_days, "new", labels)
    labels = np.where(seen <= 0, "none", labels)
    return [str(v) for v in labels]


def demand_classes(y: np.ndarray, days: int = CLASS_DAYS) -> np.ndarray:
    """Syntetos-Boylan class per series from the observed days among its last ``days``.

    ADI (observed days per day with a sale) at or above 1.32 means demand days are far
    apart; CV² (squared coefficient of variation of the sizes on sale days) at or above
    0.49 means their sizes vary a lot: ``smooth`` (neither), ``erratic`` (sizes only),
    ``intermittent`` (gaps only), ``lumpy`` (both). Censored days (``nan``) are skipped, so a
    stock-out does not make a fast mover look intermittent; the window is calendar days, so a
    stock-out shortens the evidence rather than reaching back to older, different selling
    (the zeros of a launch or of the run-up to an earlier stock-out). A series with no sale
    in the window is ``intermittent``.
    """
    ok = np.isfinite(y)
    recent = ok & (np.arange(y.shape[1]) >= y.shape[1] - days)[None, :]
    values = np.where(recent, np.nan_to_num(y), 0.0)
    n_days = recent.sum(axis=1)
    sale = recent & (values > 0)
    n_sales = sale.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        adi = np.where(n_sales > 0, n_days / np.maximum(n_sales, 1), np.inf)
        size = np.where(sale, values, 0.0)
        mean = size.sum(axis=1) / np.maximum(n_sales, 1)
        var = np.where(sale, (values - mean[:, None]) ** 2, 0.0).sum(axis=1) / np.maximum(
            n_sales, 1
        )
        cv2 = np.where(mean > 0, var / np.maximum(mean, 1e-12) ** 2, 0.0)
    gaps = adi >= ADI_CUT
    varied = cv2 >= CV2_CUT
    return np.select(
        [gaps & varied, gaps, varied], ["lumpy", "intermittent", "erratic"], default="smooth"
    )
