"""Many series of different lengths and end dates, laid out as right-aligned matrices.

Column ``T - 1`` is each series' own last day, so weekday and calendar lookups are done per
cell. Unobserved cells (before the series starts, stock-out days, zeros before the first
sale when stock is unknown) hold ``nan``; the model skips them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sellerops.inventory.forecast.types import Calendar, SeriesInput

NO_EVENT = -1


@dataclass
class Panel:
    """One chunk of series as matrices: history ``(S, T)``, future ``(S, H)``."""

    y: np.ndarray  # units, nan = not observed (censored, not listed yet, before start)
    dow: np.ndarray  # weekday 0=Monday
    event: np.ndarray  # event code, NO_EVENT = ordinary day
    logp: np.ndarray  # log(price / last known price), 0 where unknown
    has_price: np.ndarray  # (S, T) bool: price known that day
    dow_f: np.ndarray
    event_f: np.ndarray
    logp_f: np.ndarray
    group: np.ndarray  # (S,) group code
    stock_known: np.ndarray  # (S,) bool: the series came with an in-stock history
    first_day: list[date]  # per series, the first forecast day


@dataclass
class Vocab:
    """Event names and groups of the whole batch, as integer codes shared by all chunks."""

    events: dict[str, int]
    groups: dict[str | None, int]

    @classmethod
    def of(cls, series: Sequence[SeriesInput], calendar: Calendar | None) -> Vocab:
        names = set((calendar or {}).values())
        for s in series:
            names.update(e for e in (s.events or ()) if e)
            names.update((s.future_events or {}).values())
        groups = sorted({s.group for s in series}, key=lambda g: (g is None, g or ""))
        return cls(
            {n: k for k, n in enumerate(sorted(names))}, {g: k for k, g in enumerate(groups)}
        )


def build_panel(
    series: Sequence[SeriesInput],
    horizon: int,
    calendar: Calendar | None,
    vocab: Vocab,
    max_history: int,
) -> Panel:
    """Lay ``series`` out as matrices holding at most ``max_history`` days each."""
    width = max(1, min(max_history, max(len(s.units) for s in series)))
    n = len(series)
    y = np.full((n, width), np.nan)
    logp = np.zeros((n, width))
    has_price = np.zeros((n, width), dtype=bool)
    event = np.full((n, width), NO_EVENT, dtype=np.int32)
    logp_f = np.zeros((n, horizon))
    event_f = np.full((n, horizon), NO_EVENT, dtype=np.int32)
    days = _CalendarCodes(series, horizon, calendar, vocab)
    for i, s in enumerate(series):
        k = min(width, len(s.units))
        y[i, width - k :] = _observed(s)[-k:] if k else []
        event[i, width - k :] = days.history(s, k)
        event_f[i] = days.future(s)
        logp[i, width - k :], has_price[i, width - k :], logp_f[i] = _log_prices(s, k, horizon)
    ends = np.array([s.end.toordinal() for s in series])
    dow = (ends[:, None] - width + 1 + np.arange(width) - 1) % 7
    dow_f = (ends[:, None] + 1 + np.arange(horizon) - 1) % 7
    group = np.array([vocab.groups[s.group] for s in series])
    known = np.array([s.in_stock is not None for s in series])
    first = [s.end + timedelta(days=1) for s in series]
    return Panel(y, dow, event, logp, has_price, dow_f, event_f, logp_f, group, known, first)


def _observed(s: SeriesInput) -> np.ndarray:
    """Units with censored days and not-yet-listed days set to nan."""
    y = np.asarray(s.units, dtype=float).copy()
    y[~np.isfinite(y)] = np.nan
    y = np.clip(y, 0.0, None)
    if s.in_stock is not None:
        y[np.asarray(s.in_stock) == 0] = np.nan
    else:
        sold = np.flatnonzero(np.nan_to_num(y) > 0)
        if sold.size:
            y[: sold[0]] = np.nan
    return y


def _log_prices(s: SeriesInput, k: int, horizon: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """History and future log price relative to the last known price (0 when unknown)."""
    if s.price is None:
        return np.zeros(k), np.zeros(k, dtype=bool), np.zeros(horizon)
    price = np.asarray(s.price, dtype=float)[-k:] if k else np.zeros(0)
    known = np.isfinite(price) & (price > 0)
    if not known.any():
        return np.zeros(k), known, np.zeros(horizon)
    ref = np.log(price[np.flatnonzero(known)[-1]])
    logp = np.where(known, np.log(np.where(known, price, 1.0)) - ref, 0.0)
    future = np.zeros(horizon)
    if s.future_price is not None:
        fp = np.full(horizon, np.nan)
        given = np.asarray(s.future_price, dtype=float)[:horizon]
        fp[: len(given)] = given
        ok = np.isfinite(fp) & (fp > 0)
        future[ok] = np.log(fp[ok]) - ref
    return logp, known, future


class _CalendarCodes:
    """Event codes per day, looked up in one array over the batch's whole date range."""

    def __init__(
        self, series: Sequence[SeriesInput], horizon: int, calendar: Calendar | None, vocab: Vocab
    ) -> None:
        self.origin = min(s.start for s in series)
        last = max(s.end for s in series) + timedelta(days=horizon)
        self.codes = np.full((last - self.origin).days + 1, NO_EVENT, dtype=np.int32)
        for day, name in (calendar or {}).items():
            if self.origin <= day <= last and name:
                self.codes[(day - self.origin).days] = vocab.events[name]
        self.vocab = vocab
        self.horizon = horizon

    def history(self, s: SeriesInput, k: int) -> np.ndarray:
        if s.events is not None:
            names = list(s.events)[len(s.units) - k :]
            return np.array(
                [self.vocab.events[e] if e else NO_EVENT for e in names], dtype=np.int32
            )
        end = (s.end - self.origin).days + 1
        return self.codes[end - k : end]

    def future(self, s: SeriesInput) -> np.ndarray:
        begin = (s.end - self.origin).days + 1
        codes = self.codes[begin : begin + self.horizon].copy()
        for day, name in (s.future_events or {}).items():
            offset = (day - s.end).days - 1
            if 0 <= offset < self.horizon and name:
                codes[offset] = self.vocab.events[name]
        return codes
