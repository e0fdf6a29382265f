"""Retail calendar: shopping events, weekly rhythm and yearly seasonality by category.

The event list is part of the truth so a forecaster can be given the same calendar the
simulator used (events are listed up to a year past the end date, as a seller's promo calendar
would be).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog_data import CATEGORIES

#: Relative demand by weekday (Monday first): US shoppers buy most early in the week and on
#: Sunday evenings, least on Friday and Saturday.
WEEKLY = np.array([1.08, 1.04, 1.01, 0.99, 0.92, 0.93, 1.03])


@dataclass(frozen=True, slots=True)
class Event:
    """A shopping event. ``uplift`` multiplies demand for SKUs on deal; others get part of it."""

    name: str
    start: date
    end: date  # inclusive
    kind: str  # "deal_event", "holiday" or "lull"
    uplift: float

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def _weekday_on_or_after(year: int, month: int, day: int, weekday: int) -> date:
    d = date(year, month, day)
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def events_for_year(year: int) -> list[Event]:
    """The events of one calendar year (US-centred dates, used for every marketplace)."""
    prime = _weekday_on_or_after(year, 7, 10, 1)  # a Tuesday in mid-July
    pbdd = _weekday_on_or_after(year, 10, 7, 1)  # Prime Big Deal Days, early October
    thanksgiving = _weekday_on_or_after(year, 11, 22, 3)  # fourth Thursday of November
    black_friday = thanksgiving + timedelta(days=1)
    cyber_monday = black_friday + timedelta(days=3)
    mothers_day = _weekday_on_or_after(year, 5, 8, 6)
    day = timedelta(days=1)
    return [
        Event("New Year's Day", date(year, 1, 1), date(year, 1, 1), "lull", 0.8),
        Event("Valentine's Day run-up", date(year, 2, 7), date(year, 2, 13), "holiday", 1.15),
        Event("Mother's Day run-up", mothers_day - 7 * day, mothers_day - day, "holiday", 1.15),
        Event("Prime Day", prime, prime + day, "deal_event", 2.6),
        Event("Back to School", date(year, 8, 10), date(year, 8, 24), "holiday", 1.1),
        Event("Prime Big Deal Days", pbdd, pbdd + day, "deal_event", 1.7),
        Event(
            "Black Friday Week", black_friday - 7 * day, thanksgiving, "deal_event", 1.25
        ),
        Event("Black Friday", black_friday, black_friday, "deal_event", 2.3),
        Event("Cyber Weekend", black_friday + day, cyber_monday - day, "deal_event", 1.7),
        Event("Cyber Monday", cyber_monday, cyber_monday, "deal_event", 2.1),
        Event("Last shipping days before Christmas", date(year, 12, 14), date(year, 12, 20),
              "holiday", 1.25),
        Event("Christmas lull", date(year, 12, 23), date(year, 12, 26), "lull", 0.6),
    ]  # fmt: skip


def events_between(first: date, last: date) -> list[Event]:
    """Events overlapping [first, last], in date order."""
    out = [
        e
        for year in range(first.year, last.year + 1)
        for e in events_for_year(year)
        if e.end >= first and e.start <= last
    ]
    return sorted(out, key=lambda e: (e.start, e.name))


def event_uplift(dates: list[date], events: list[Event]) -> tuple[NDArray, NDArray[np.bool_]]:
    """Per-day uplift (1 = normal) and whether the day is a deal event, for ``dates``."""
    index = {d: i for i, d in enumerate(dates)}
    uplift = np.ones(len(dates))
    deal = np.zeros(len(dates), dtype=bool)
    for e in events:
        d = e.start
        while d <= e.end:
            i = index.get(d)
            if i is not None:
                uplift[i] *= e.uplift
                deal[i] |= e.kind == "deal_event"
            d += timedelta(days=1)
    return uplift, deal


def yearly_profile(dates: list[date]) -> NDArray[np.float64]:
    """Seasonality per category and day, shape [category, day], mean about 1 over a year.

    A Q4 bump peaking mid-December (gifting) and a summer bump at each category's own peak,
    both Gaussian in the day of year, plus a January slump everywhere.
    """
    doy = np.array([d.timetuple().tm_yday for d in dates], dtype=np.float64)
    q4 = np.array([c.q4_uplift for c in CATEGORIES])[:, None]
    summer = np.array([c.summer_uplift for c in CATEGORIES])[:, None]
    peak = np.array([c.summer_peak_doy for c in CATEGORIES], dtype=np.float64)[:, None]
    q4_bump = np.exp(-0.5 * ((doy - 345) / 22) ** 2) + 0.4 * np.exp(-0.5 * ((doy - 320) / 20) ** 2)
    summer_bump = np.exp(-0.5 * (_circular(doy - peak) / 40) ** 2)
    january = 1 - 0.12 * np.exp(-0.5 * ((doy - 15) / 12) ** 2)
    raw = (1 + q4 * q4_bump + summer * summer_bump) * january
    # Normalise so the yearly mean is ~1: base rates mean "an average day".
    return raw / (1 + 0.2 * q4 + 0.27 * summer)


def _circular(delta: NDArray[np.float64]) -> NDArray[np.float64]:
    return (delta + 182.5) % 365 - 182.5
