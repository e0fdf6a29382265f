"""The forecaster's behaviour on small hand-made series with a known answer."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from sellerops.inventory.forecast import ForecastConfig, SeriesForecast, SeriesInput, forecast_many

START = date(2024, 1, 1)  # a Monday


def poisson(rate: float | np.ndarray, days: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).poisson(np.broadcast_to(rate, (days,))).astype(float)


def one(
    series: SeriesInput, horizon: int = 28, calendar: dict[date, str] | None = None
) -> SeriesForecast:
    return forecast_many([series], horizon, calendar)[0]


def test_stock_out_days_do_not_pull_the_forecast_down() -> None:
    units = poisson(10.0, 200)
    in_stock = np.ones(200)
    units[-60:] = 0.0  # nothing to sell for the last two months
    in_stock[-60:] = 0
    censored = one(SeriesInput("A", START, units, in_stock=in_stock))
    naive = one(SeriesInput("A", START, units))
    assert 8.5 < censored.mean.mean() < 11.5
    assert naive.mean.mean() < 5.0  # without the stock history the zeros look like demand


def test_a_series_that_stopped_selling_is_forecast_low() -> None:
    units = poisson(5.0, 300)
    units[-40:] = 0.0
    assert one(SeriesInput("A", START, units)).mean.mean() < 0.5


def test_a_pure_weekly_pattern_is_recovered_on_the_right_weekdays() -> None:
    pattern = np.array([2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0])  # Monday..Sunday
    units = np.tile(pattern, 30)
    f = one(SeriesInput("W", START, units), horizon=14)
    expected = np.array([pattern[d.weekday()] for d in f.dates])
    np.testing.assert_allclose(f.mean, expected, rtol=0.05)
    assert f.start == START + timedelta(days=210)


def test_an_intermittent_series_gets_a_sensible_rate_and_ordered_quantiles() -> None:
    rng = np.random.default_rng(3)
    units = np.where(rng.uniform(size=365) < 0.2, rng.integers(1, 5, 365), 0).astype(float)
    f = one(SeriesInput("I", START, units))
    rate = units[-180:].mean()
    assert f.method == "intermittent"
    assert 0.4 * rate < f.mean.mean() < 2.0 * rate
    assert np.all(f.p50 >= 0) and np.all(f.p90 >= f.p50) and f.p90.min() >= 1


def test_an_event_uplift_learned_from_history_is_applied_on_a_future_event_day() -> None:
    days = 2 * 365 + 100
    calendar = {date(2024, 7, 16): "Prime Day", date(2025, 7, 15): "Prime Day"}
    rate = np.full(days, 5.0)
    for day in calendar:
        rate[(day - START).days] = 20.0
    units = poisson(rate, days)
    future = START + timedelta(days=days + 3)
    f = one(SeriesInput("E", START, units), horizon=7, calendar={**calendar, future: "Prime Day"})
    uplift = f.mean[3] / np.delete(f.mean, 3).mean()
    assert 2.0 < uplift < 4.5


def test_a_planned_price_cut_raises_the_forecast() -> None:
    days = 400
    price = np.full(days, 10.0)
    for start in range(20, days - 10, 50):
        price[start : start + 7] = 8.0  # -20 % promotions
    rate = 6.0 * (price / 10.0) ** -2.5  # elasticity -2.5: +75 % in a promotion
    units = poisson(rate, days)
    future_price = np.r_[np.full(7, 8.0), np.full(7, 10.0)]
    f = one(SeriesInput("P", START, units, price=price, future_price=future_price), horizon=14)
    assert f.mean[:7].mean() > 1.3 * f.mean[7:].mean()


def test_a_new_sku_borrows_its_level_from_its_group() -> None:
    group = [
        SeriesInput(f"old{k}", START, poisson(20.0, 200, seed=k), group="mugs") for k in range(6)
    ]
    new = SeriesInput("new", START + timedelta(days=197), np.array([0.0, 2.0, 1.0]), group="mugs")
    alone = one(SeriesInput("new", new.start, new.units))
    pooled = forecast_many([*group, new], 7)[-1]
    assert pooled.method == "new"
    assert pooled.mean.mean() > alone.mean.mean() + 3.0


def test_a_group_yearly_season_lifts_the_horizon() -> None:
    days = 2 * 364 + 300
    t = np.arange(days)
    season = 1.0 + 0.8 * (np.mod(t, 364) >= 300) * (np.mod(t, 364) < 340)  # a 40-day peak
    series = [SeriesInput(f"s{k}", START, poisson(8.0 * season, days, seed=k)) for k in range(5)]
    f = forecast_many(series, 28)
    assert np.mean([s.mean.mean() for s in f]) > 8.0 * 1.4


def test_results_keep_input_order_and_each_series_own_dates() -> None:
    a = SeriesInput("a", START, poisson(3.0, 50))
    b = SeriesInput("b", START + timedelta(days=9), poisson(7.0, 80, seed=2))
    out = forecast_many([b, a], 5)
    assert [f.series_id for f in out] == ["b", "a"]
    assert out[0].start == b.end + timedelta(days=1) and out[1].start == a.end + timedelta(days=1)
    assert all(len(f.mean) == len(f.p50) == len(f.p90) == 5 for f in out)


def test_a_series_with_no_history_gets_zero_or_its_group_level() -> None:
    empty = SeriesInput("e", START, np.zeros(0))
    assert one(empty, horizon=3).mean.tolist() == [0.0, 0.0, 0.0]
    peers = [SeriesInput(f"p{k}", START, poisson(4.0, 120, seed=k), group="g") for k in range(3)]
    orphan = SeriesInput("e", START + timedelta(days=120), np.zeros(0), group="g")
    f = forecast_many([*peers, orphan], 3)[-1]
    assert f.method == "none" and 2.0 < f.mean.mean() < 6.0


def test_hidden_stock_outs_can_be_guessed_from_impossible_zero_runs() -> None:
    units = poisson(8.0, 300)
    units[265:295] = 0.0  # a month of nothing in a series selling 8 a day, then sales again
    s = SeriesInput("H", START, units)
    guessed = forecast_many([s], 7, config=ForecastConfig(hidden_stockout_units=10.0))[0]
    taken_as_demand = forecast_many([s], 7)[0]  # the default: zeros are demand
    assert 7.0 < guessed.mean.mean() < 9.5
    assert taken_as_demand.mean.mean() < guessed.mean.mean() - 1.0


def test_a_mask_of_the_wrong_length_is_refused_with_the_series_named() -> None:
    with pytest.raises(ValueError, match=r"'A'.*in_stock has 3 days, units has 4"):
        SeriesInput("A", START, np.ones(4), in_stock=np.ones(3))


def test_a_long_horizon_sees_the_peak_and_the_drop_after_it_in_their_own_blocks() -> None:
    days = 2 * 364 + 280  # the origin sits 8 weeks before a 4-week peak
    t = np.arange(days + 140)
    season = 1.0 + 1.0 * (np.mod(t, 364) >= 336)  # weeks 49-52 sell twice as much
    series = [
        SeriesInput(f"s{k}", START, poisson(8.0 * season[:days], days, seed=k)) for k in range(5)
    ]
    f = forecast_many(series, 140)
    mean = np.mean([s.mean for s in f], axis=0)
    before, peak, after = mean[:56].mean(), mean[56:84].mean(), mean[84:140].mean()
    assert peak > 1.5 * before and peak > 1.5 * after  # one index for all 140 days would be flat
    assert 0.8 < before / 8.0 < 1.2 and 0.8 < after / 8.0 < 1.2


def test_combined_level_weights_favour_the_candidate_that_forecast_best() -> None:
    from sellerops.inventory.forecast.level import StackSpec, stack_weights

    rng = np.random.default_rng(5)
    y = rng.poisson(np.repeat(rng.uniform(1, 20, (60, 1)), 400, axis=1)).astype(float)
    s = np.ones_like(y)
    truth = np.cumsum(y, axis=1) / np.arange(1, 401)  # the running mean: right for flat series
    noise = truth + rng.normal(0, 3, y.shape)  # a candidate that is only noise around it
    paths = np.stack([truth, noise], axis=1)
    w = stack_weights(paths, y, s, 36, StackSpec(ridge=0.001))
    assert w is not None and abs(w.sum() - 1) < 1e-9 and w[0] > 0.9
    config = ForecastConfig(stack_ridge=0.001)
    steady = forecast_many([SeriesInput("A", START, y[0])], 28, config=config)[0]
    assert 0.8 * y[0].mean() < steady.mean.mean() < 1.2 * y[0].mean()


def test_a_short_dip_to_zero_does_not_collapse_the_forecast() -> None:
    """Sessions collapse (a suppressed listing, a lost Buy Box): a steady seller sells
    nothing for a few days. That says something is off, not that demand is gone."""
    for zeros in (2, 3, 4):
        units = poisson(10.0, 300)
        units[-zeros:] = 0.0
        f = one(SeriesInput("D", START, units))
        assert f.mean.mean() > 4.0, zeros  # most of the level comes back over the horizon
        assert f.mean[-7:].mean() > f.mean[:3].mean()  # the outage is expected to end
        assert f.p90[-7:].min() >= 5.0


def test_only_weeks_of_zeros_at_a_rate_that_should_sell_take_the_forecast_to_zero() -> None:
    means = []
    for zeros in (3, 10, 21, 40):
        units = poisson(10.0, 300)
        units[-zeros:] = 0.0
        means.append(one(SeriesInput("D", START, units)).mean.mean())
    assert means == sorted(means, reverse=True)
    assert means[-1] < 0.5 and means[0] > 10 * means[-1]


def test_a_fast_mover_is_smooth_whatever_its_old_history_or_stock_outs() -> None:
    rng = np.random.default_rng(5)
    # slow and patchy for a year and a half, now selling ~20 a day every day
    units = np.concatenate([(rng.uniform(size=540) < 0.15) * 1.0, poisson(20.0, 120)])
    assert one(SeriesInput("F", START, units)).method == "smooth"
    # a fast mover out of stock for 50 of its last 91 days: censored days are not gaps
    units = poisson(20.0, 400)
    in_stock = np.ones(400)
    units[-70:-20] = 0.0
    in_stock[-70:-20] = 0
    assert one(SeriesInput("F", START, units, in_stock=in_stock)).method == "smooth"


def test_demand_classes_follow_the_syntetos_boylan_cut_offs() -> None:
    from sellerops.inventory.forecast.model import demand_classes

    rng = np.random.default_rng(2)
    days = 200
    smooth = poisson(8.0, days)
    erratic = rng.choice([1.0, 40.0], days, p=[0.7, 0.3])  # CV² about 2
    sparse = rng.uniform(size=days) < 0.25
    intermittent = sparse * 3.0
    lumpy = sparse * rng.choice([1.0, 40.0], days, p=[0.7, 0.3])
    classes = demand_classes(np.stack([smooth, erratic, intermittent, lumpy]))
    assert classes.tolist() == ["smooth", "erratic", "intermittent", "lumpy"]


def test_the_demand_class_reads_recent_days_not_zeros_from_before_a_stock_out() -> None:
    """A SKU selling ~15 a day every day since its restock 8 weeks ago, after a 5-week
    stock-out preceded by a slow patch: the zeros from before the stock-out are history, not
    the gaps of an intermittent seller."""
    from sellerops.inventory.forecast.model import demand_classes

    y = np.concatenate([np.zeros(40), np.full(35, np.nan), poisson(15.0, 56) + 1.0])
    assert demand_classes(y[None, :]).tolist() == ["smooth"]
    in_stock = np.isfinite(y).astype(float)
    units = np.concatenate([poisson(15.0, 200, seed=4), np.nan_to_num(y)])
    in_stock = np.concatenate([np.ones(200), in_stock])
    f = one(SeriesInput("S", START, units, in_stock=in_stock))
    assert f.method == "smooth"


def test_the_forecast_keeps_the_erratic_and_lumpy_classes() -> None:
    rng = np.random.default_rng(7)
    erratic = rng.choice([1.0, 40.0], 300, p=[0.7, 0.3])
    lumpy = (rng.uniform(size=300) < 0.25) * rng.choice([1.0, 40.0], 300, p=[0.7, 0.3])
    assert one(SeriesInput("E", START, erratic)).method == "erratic"
    assert one(SeriesInput("L", START, lumpy)).method == "lumpy"
