"""Simulation settings and the seeded random streams every model component draws from."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sellerops.core.marketplaces import get_marketplace

#: Interface languages the file writers can produce.
LANGUAGES = ("en", "zh")

#: Days simulated before the window so that the store starts in a settled state
#: (stock on hand, purchase orders in flight) rather than with empty shelves.
BURN_IN_DAYS = 150


@dataclass(frozen=True, slots=True)
class SimConfig:
    """What to simulate.

    The defaults are the demo store: 40 SKUs over 180 days in the US marketplace with seed 42,
    ending yesterday (relative to ``today``, itself defaulting to the real current date; pass
    ``end_date`` or ``today`` for a reproducible run). With ``storylines`` on (the default) the
    simulator plants end-of-window incidents the daily review must find: a SKU about to run out
    with less cover than its lead time, a Buy Box hijack, a suppressed listing and a bad-review
    wave.
    """

    seed: int = 42
    skus: int = 40
    days: int = 180
    marketplaces: tuple[str, ...] = ("US",)
    end_date: date | None = None
    today: date | None = None
    lang: str = "en"
    storylines: bool = True
    brand: str = "Acme"

    def __post_init__(self) -> None:
        if self.skus < 1 or self.days < 1:
            raise ValueError("skus and days must be at least 1")
        if self.lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, got {self.lang!r}")
        if not self.marketplaces:
            raise ValueError("at least one marketplace is needed")
        for code in self.marketplaces:
            get_marketplace(code)  # raises on an unknown code
        if not self.brand.isalpha():
            raise ValueError("brand must be letters only (it becomes the SKU prefix)")

    @property
    def last_day(self) -> date:
        """The last simulated (marketplace-local) day: ``end_date``, else the day before today."""
        if self.end_date is not None:
            return self.end_date
        return (self.today or date.today()) - timedelta(days=1)

    @property
    def first_day(self) -> date:
        return self.last_day - timedelta(days=self.days - 1)

    @property
    def market_codes(self) -> tuple[str, ...]:
        """Marketplace codes normalised (``GB`` -> ``UK``)."""
        return tuple(get_marketplace(c).code for c in self.marketplaces)


def stream(seed: int, name: str) -> np.random.Generator:
    """An independent generator for one model component.

    Each component gets its own stream keyed by name, so adding draws to one component does
    not shift the numbers of every other one (which would make every fixture churn).
    """
    key = zlib.crc32(name.encode("utf-8"))
    return np.random.Generator(np.random.PCG64([seed, key]))
