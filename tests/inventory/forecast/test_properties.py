"""Whatever the history, forecasts are finite, non-negative and their quantiles ordered."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sellerops.inventory.forecast import SeriesInput, forecast_many

units = arrays(np.float64, st.integers(0, 120), elements=st.floats(0, 1e4, allow_nan=False))


@st.composite
def series_inputs(draw: st.DrawFn) -> SeriesInput:
    y = draw(units)
    n = len(y)
    in_stock = draw(st.none() | arrays(np.int8, n, elements=st.integers(0, 1)))
    price = draw(st.none() | arrays(np.float64, n, elements=st.floats(0.5, 50, allow_nan=False)))
    events = draw(
        st.none() | st.lists(st.sampled_from([None, "", "Prime Day"]), min_size=n, max_size=n)
    )
    return SeriesInput(
        series_id=draw(st.text(min_size=1, max_size=5)),
        start=date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 400))),
        units=y,
        in_stock=in_stock,
        price=price,
        events=events,
        group=draw(st.sampled_from([None, "a", "b"])),
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(series_inputs(), min_size=1, max_size=4), st.integers(1, 30))
def test_forecasts_are_finite_non_negative_and_ordered(
    batch: list[SeriesInput], horizon: int
) -> None:
    calendar = {date(2024, 12, 1) + timedelta(days=k): "Prime Day" for k in range(0, 400, 37)}
    out = forecast_many(batch, horizon, calendar)
    assert [f.series_id for f in out] == [s.series_id for s in batch]
    for f, s in zip(out, batch, strict=True):
        assert f.start == s.end + timedelta(days=1)
        for values in (f.mean, f.p50, f.p90):
            assert values.shape == (horizon,)
            assert np.all(np.isfinite(values)) and np.all(values >= 0)
        assert np.all(f.p90 >= f.p50)


@settings(max_examples=30, deadline=None)
@given(st.floats(0.5, 1e4), st.integers(28, 400), st.integers(1, 40))
def test_a_constant_series_is_forecast_flat_at_its_value(
    level: float, days: int, horizon: int
) -> None:
    f = forecast_many([SeriesInput("c", date(2024, 1, 1), np.full(days, level))], horizon)[0]
    np.testing.assert_allclose(f.mean, level, rtol=0.01)
