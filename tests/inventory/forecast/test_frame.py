"""Long-format rows in, long-format forecasts out."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from sellerops.inventory.forecast import FrameError, forecast_frame, series_from_columns


def test_rows_become_series_with_missing_days_as_zero_sales() -> None:
    columns = {
        "series_id": ["b", "a", "a", "a"],
        "date": ["2024-01-03", "2024-01-04", "2024-01-01", "2024-01-02"],
        "units": [5, 4, 1, 2],
        "in_stock": [1, 0, 1, 1],
        "event": ["", "", "Sale", ""],
        "group": ["g", "g", "g", "g"],
    }
    a, b = series_from_columns(columns)
    assert (a.series_id, a.start, a.units.tolist()) == ("a", date(2024, 1, 1), [1, 2, 0, 4])
    assert a.in_stock is not None and a.in_stock.tolist() == [1, 1, 1, 0]
    assert a.events == ["Sale", None, None, None] and a.group == "g"
    assert (b.series_id, b.start, b.units.tolist()) == ("b", date(2024, 1, 3), [5])


def test_forecast_frame_returns_one_row_per_series_and_day() -> None:
    days = [f"2024-02-{d:02d}" for d in range(1, 29)]
    columns = {"series_id": ["x"] * 28, "date": days, "units": [3.0] * 28}
    out = forecast_frame(columns, horizon=5)
    assert list(out) == ["series_id", "date", "mean", "p50", "p90"]
    assert out["date"][0] == date(2024, 2, 29) and len(out["date"]) == 5
    assert np.allclose(out["mean"], 3.0, rtol=0.02)


def test_a_repeated_day_is_an_error_naming_the_series_and_day() -> None:
    columns = {"series_id": ["x", "x"], "date": ["2024-01-01", "2024-01-01"], "units": [1, 2]}
    with pytest.raises(FrameError, match=r"'x'.*2024-01-01"):
        series_from_columns(columns)


def test_a_missing_column_is_named() -> None:
    with pytest.raises(FrameError, match="units"):
        series_from_columns({"series_id": ["x"], "date": ["2024-01-01"]})
