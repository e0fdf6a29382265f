"""Shopping events per marketplace: the days demand jumps (Prime Day, Black Friday ...).

Rule-based, so it covers any year: US Thanksgiving-based days are computed, Prime Day uses
Amazon's announced dates where known and the usual mid-July Tuesday-Wednesday otherwise.
Forecasts learn each event's uplift from history and apply it on the future dates here.
"""

from __future__ import annotations

from datetime import date, timedelta

#: Prime Day as Amazon ran it (first day, number of days); other years fall back on the rule.
PRIME_DAY = {
    2019: (date(2019, 7, 15), 2),
    2020: (date(2020, 10, 13), 2),
    2021: (date(2021, 6, 21), 2),
    2022: (date(2022, 7, 12), 2),
    2023: (date(2023, 7, 11), 2),
    2024: (date(2024, 7, 16), 2),
    2025: (date(2025, 7, 8), 4),
}
#: Marketplaces without Prime Day in July (India runs it later; some have none).
NO_JULY_PRIME = {"IN", "BR", "AE", "SA", "EG", "ZA", "TR"}
BOXING_DAY = {"UK", "CA", "AU", "IE", "SG"}
SINGLES_DAY = {"SG", "CN"}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _prime_days(year: int) -> list[date]:
    if year in PRIME_DAY:
        start, length = PRIME_DAY[year]
    else:  # the second full week of July, Tuesday and Wednesday
        start, length = _nth_weekday(year, 7, 1, 2), 2
    return [start + timedelta(days=k) for k in range(length)]


def events(marketplace: str, start: date, end: date) -> dict[date, str]:
    """Named event days between ``start`` and ``end`` inclusive for one marketplace code."""
    out: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        thanksgiving = _nth_weekday(year, 11, 3, 4)
        days = {
            thanksgiving + timedelta(days=1): "Black Friday",
            thanksgiving + timedelta(days=2): "Black Friday weekend",
            thanksgiving + timedelta(days=3): "Black Friday weekend",
            thanksgiving + timedelta(days=4): "Cyber Monday",
            date(year, 12, 24): "Christmas Eve",
            date(year, 12, 25): "Christmas Day",
        }
        if marketplace not in NO_JULY_PRIME:
            days.update({d: "Prime Day" for d in _prime_days(year)})
        if marketplace in BOXING_DAY:
            days[date(year, 12, 26)] = "Boxing Day"
        if marketplace in SINGLES_DAY:
            days[date(year, 11, 11)] = "Singles Day"
        out.update({d: name for d, name in days.items() if start <= d <= end})
    return dict(sorted(out.items()))
