"""Daily demand forecasts per SKU: mean, median and 90th percentile of units per day.

Pure math over numpy arrays; no database, no I/O. Services load the history, call one of
these, and store or use the result::

    from sellerops.inventory.forecast import SeriesInput, forecast_many

    history = [SeriesInput("MUG-01", date(2025, 1, 1), units, in_stock=in_stock,
                           price=price, group="kitchen")]
    calendar = {date(2026, 7, 14): "Prime Day", date(2026, 11, 27): "Black Friday"}
    for f in forecast_many(history, horizon=28, calendar=calendar):
        f.mean, f.p50, f.p90  # arrays of units per day from f.start

:func:`forecast_frame` does the same for long-format columns (``series_id, date, units``
and optional ``price, in_stock, event, group``). The model is described in :mod:`.model`;
how it compares with seasonal naive, a moving average and AutoETS is measured by
``bench/forecast.py``.
"""

from sellerops.inventory.forecast.frame import (
    FrameError,
    forecast_frame,
    forecasts_to_columns,
    series_from_columns,
)
from sellerops.inventory.forecast.model import forecast_many
from sellerops.inventory.forecast.types import (
    Calendar,
    ForecastConfig,
    SeriesForecast,
    SeriesInput,
)

__all__ = [
    "Calendar",
    "ForecastConfig",
    "FrameError",
    "SeriesForecast",
    "SeriesInput",
    "forecast_frame",
    "forecast_many",
    "forecasts_to_columns",
    "series_from_columns",
]
