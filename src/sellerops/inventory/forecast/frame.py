"""Long-format tables in and out: one row per series and day.

Columns in: ``series_id``, ``date`` (``datetime.date`` or ISO text), ``units`` and, when
known, ``price``, ``in_stock`` (0/1), ``event`` (a name, empty for none) and ``group``.
Any column mapping works: a dict of lists, ``polars.DataFrame.to_dict(as_series=False)``,
``pandas.DataFrame.to_dict("list")``. A day missing between a series' first and last row
counts as zero units at an unknown price (report exports leave out days without sales).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from sellerops.inventory.forecast.model import forecast_many
from sellerops.inventory.forecast.types import (
    Calendar,
    ForecastConfig,
    SeriesForecast,
    SeriesInput,
)

REQUIRED = ("series_id", "date", "units")
OPTIONAL = ("price", "in_stock", "event", "group")
OUTPUT = ("series_id", "date", "mean", "p50", "p90")
_EPOCH = date(1970, 1, 1)


class FrameError(ValueError):
    """The table cannot be read as daily series; the message says what and where."""


def series_from_columns(columns: Mapping[str, Sequence[Any]]) -> list[SeriesInput]:
    """Group long-format rows into one :class:`SeriesInput` per ``series_id``."""
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise FrameError(f"missing column(s): {', '.join(missing)}")
    ids = np.asarray([str(v) for v in columns["series_id"]])
    days = _day_numbers(columns["date"])
    order = np.lexsort((days, ids))
    ids, days = ids[order], days[order]
    extra = {c: np.asarray(columns[c], dtype=object)[order] for c in OPTIONAL if c in columns}
    units = np.asarray(columns["units"], dtype=float)[order]
    names, starts = np.unique(ids, return_index=True)
    bounds = [*starts.tolist(), len(ids)]
    return [
        _one_series(str(name), days[a:b], units[a:b], {c: v[a:b] for c, v in extra.items()})
        for name, a, b in zip(names, bounds[:-1], bounds[1:], strict=True)
    ]


def _day_numbers(values: Sequence[Any]) -> np.ndarray:
    try:
        return np.asarray(values, dtype="datetime64[D]").astype(np.int64)
    except ValueError as exc:
        raise FrameError(f"column date: expected dates (YYYY-MM-DD): {exc}") from exc


def _one_series(
    series_id: str, days: np.ndarray, units: np.ndarray, extra: dict[str, np.ndarray]
) -> SeriesInput:
    repeated = np.flatnonzero(np.diff(days) == 0)
    if repeated.size:
        day = _EPOCH + timedelta(days=int(days[repeated[0]]))
        raise FrameError(f"series {series_id!r} has more than one row for {day}")
    at = days - days[0]
    n = int(at[-1]) + 1

    def spread(values: np.ndarray, fill: float) -> np.ndarray:
        out = np.full(n, fill)
        out[at] = np.asarray(values, dtype=float)
        return out

    events = None
    if "event" in extra:
        events_arr = np.full(n, None, dtype=object)
        events_arr[at] = [str(e) if e not in (None, "") else None for e in extra["event"]]
        events = list(events_arr)
    groups = extra.get("group")
    return SeriesInput(
        series_id=series_id,
        start=_EPOCH + timedelta(days=int(days[0])),
        units=spread(units, 0.0),
        in_stock=spread(extra["in_stock"], 1.0) if "in_stock" in extra else None,
        price=spread(_floats(extra["price"]), np.nan) if "price" in extra else None,
        events=events,
        group=None if groups is None or groups[0] in (None, "") else str(groups[0]),
    )


def _floats(values: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v in (None, "") else float(v) for v in values])


def forecasts_to_columns(forecasts: Sequence[SeriesForecast]) -> dict[str, list[Any]]:
    """Long-format columns ``series_id, date, mean, p50, p90``, one row per forecast day."""
    out: dict[str, list[Any]] = {c: [] for c in OUTPUT}
    for f in forecasts:
        out["series_id"].extend([f.series_id] * len(f.mean))
        out["date"].extend(f.dates)
        out["mean"].extend(f.mean.tolist())
        out["p50"].extend(f.p50.tolist())
        out["p90"].extend(f.p90.tolist())
    return out


def forecast_frame(
    columns: Mapping[str, Sequence[Any]],
    horizon: int,
    calendar: Calendar | None = None,
    *,
    config: ForecastConfig | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Any]]:
    """Forecast every series of a long-format table; see the module docstring for columns."""
    series = series_from_columns(columns)
    return forecasts_to_columns(
        forecast_many(series, horizon, calendar, config=config, progress=progress)
    )
