"""Exchange rates by day, and the conversion of a store's amounts into a reporting currency.

Rates come from the exchange-rates sheet, kept per store; a store uses its own rates first
and, for a pair it has no rate for, the rates imported into any other store (a rate is a
fact about the currencies, not about the store).

Two ways to look a rate up:

* :meth:`Rates.rate` (costs and fees in another currency than the store's, as before): the
  latest rate on or before the day, else the earliest one after it (a rate entered after
  the sale beats none); None when the pair has no rate at all;
* :meth:`Rates.strict` (the P&L in a reporting currency): the latest rate on or before the
  day and at most ``window`` days older than it, else :class:`MissingRateError`, which
  names the currencies and the day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.finance.models import ExchangeRate
from sellerops.finance.profit import rate_on

#: Days a reporting-currency rate may be older than the day it converts.
DEFAULT_RATE_WINDOW_DAYS = 7

_Pairs = dict[tuple[str, str], list[tuple[date, Decimal]]]


class MissingRateError(LookupError):
    """No rate from ``src`` to ``dst`` on ``day`` nor in the ``window`` days before it."""

    def __init__(self, src: str, dst: str, day: date, window: int) -> None:
        self.src, self.dst, self.day, self.window = src, dst, day, window
        super().__init__(
            f"no {src} to {dst} exchange rate for {day.isoformat()} (nor up to {window} days "
            "before): add it to the exchange-rates sheet (sellerops template exchange-rates) "
            "and import it"
        )


class Rates:
    """Exchange rates of a store by day: ``rate(from, to, day)``."""

    def __init__(self, session: Session, store_id: int) -> None:
        rows = session.execute(
            select(ExchangeRate.store_id, ExchangeRate.from_currency, ExchangeRate.to_currency,
                   ExchangeRate.day, ExchangeRate.rate)
            .order_by(ExchangeRate.day, ExchangeRate.store_id)
        )  # fmt: skip
        self.pairs: _Pairs = defaultdict(list)  # the store's own
        self.shared: _Pairs = defaultdict(list)  # other stores', for pairs the store lacks
        seen: set[tuple[str, str, date]] = set()
        for owner, src, dst, day, rate in rows:
            if owner == store_id:
                self.pairs[(src, dst)].append((day, Decimal(rate)))
            elif (src, dst, day) not in seen:
                self.shared[(src, dst)].append((day, Decimal(rate)))
                seen.add((src, dst, day))
        self._strict: dict[tuple[str, str, date, int], Decimal] = {}

    def _tables(self) -> list[tuple[_Pairs, bool]]:
        """Where to look, in order: own direct, own inverse, shared direct, shared inverse."""
        out = []
        for table in (self.pairs, self.shared):
            out += [(table, False), (table, True)]
        return out

    def rate(self, src: str, dst: str, day: date) -> Decimal | None:
        if src == dst:
            return Decimal(1)
        for table, inverse in self._tables():
            found = rate_on(table.get((dst, src) if inverse else (src, dst), []), day)
            if found:
                return Decimal(1) / found if inverse else found
        return None

    def strict(self, src: str, dst: str, day: date, window: int) -> Decimal:
        """The rate in force on ``day``, at most ``window`` days old, or MissingRateError."""
        if src == dst:
            return Decimal(1)
        key = (src, dst, day, window)
        if key not in self._strict:
            self._strict[key] = self._find_strict(src, dst, day, window)
        return self._strict[key]

    def _find_strict(self, src: str, dst: str, day: date, window: int) -> Decimal:
        oldest = day - timedelta(days=window)
        for table, inverse in self._tables():
            series = table.get((dst, src) if inverse else (src, dst), [])
            at = bisect_right(series, day, key=lambda pair: pair[0])
            if at and series[at - 1][0] >= oldest and series[at - 1][1]:
                found = series[at - 1][1]
                return Decimal(1) / found if inverse else found
        raise MissingRateError(src, dst, day, window)


@dataclass(slots=True)
class Converter:
    """Rates into one P&L's currency (``target``) for a store whose currency is ``home``.

    Without ``window`` (the store's own currency, as the P&L always was), an amount converts
    with :meth:`Rates.rate`. With it (a reporting currency), an amount goes into the store's
    currency first, then into the reporting currency at that day's rate, strictly.
    """

    rates: Rates
    target: str
    home: str
    window: int | None = None

    def rate(self, currency: str, day: date) -> Decimal | None:
        if currency == self.target:
            return Decimal(1)
        if self.window is None or self.home == self.target:
            return self.rates.rate(currency, self.target, day)
        first = Decimal(1) if currency == self.home else self.rates.rate(currency, self.home, day)
        if first is None:
            return None
        return first * self.rates.strict(self.home, self.target, day, self.window)
