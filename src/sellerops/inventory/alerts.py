"""Stock alerts as pure arithmetic: storage fees, aged-inventory surcharges, overstock,
low-inventory-level fee risk and FBA capacity overrun.

Fee tables (used only when the store has no imported fee report that states the amount):

- Monthly storage fee, Amazon US, per cubic foot per month, 2024 schedule without the
  storage-utilization surcharge: standard size $0.78 (January-September) / $2.40
  (October-December); oversize $0.56 / $1.40.
- Aged Inventory Surcharge, Amazon US, per cubic foot per month by days in an FC, 2024
  schedule: 181-210 $0.50, 211-240 $1.00, 241-270 $1.50, 271-300 $5.45, 301-330 $5.70,
  331-365 $5.90, over 365 $6.90 (or $0.15 a unit, whichever is greater).
- Low-inventory-level fee, Amazon US (from April 2024), per unit shipped, charged when both
  the 30-day and the 90-day historical days of supply are under 28: small standard
  $0.89 / $0.63 / $0.32 for under 14 / 14-21 / 21-28 days; large standard up to 3 lb
  $0.97 / $0.70 / $0.36; large standard over 3 lb $1.11 / $0.87 / $0.47; not charged on
  oversize. (Third-party summaries of Seller Central's fee pages; Amazon revises them yearly.)

These figures are estimates in the marketplace currency taken 1:1 from the US dollar table
for other marketplaces (said so in the finding's ``fee_source``); imported report amounts
always win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
PEAK_MONTHS = frozenset({10, 11, 12})
STORAGE_RATE = {
    ("standard", False): Decimal("0.78"),
    ("standard", True): Decimal("2.40"),
    ("oversize", False): Decimal("0.56"),
    ("oversize", True): Decimal("1.40"),
}
#: Aged Inventory Surcharge per cubic foot per month, by age band (days in an FC).
AIS_RATE: dict[str, Decimal] = {
    "181_210": Decimal("0.50"),
    "211_240": Decimal("1.00"),
    "241_270": Decimal("1.50"),
    "271_300": Decimal("5.45"),
    "301_330": Decimal("5.70"),
    "331_365": Decimal("5.90"),
    "365_plus": Decimal("6.90"),
}
AIS_MIN_PER_UNIT_365 = Decimal("0.15")
#: When only the coarse bands are known, the average rate of the fine bands they hold.
COARSE_AIS_RATE = {
    "181_270": Decimal("1.00"),
    "271_365": Decimal("5.68"),
    "365_plus": Decimal("6.90"),
}
LOW_INVENTORY_THRESHOLD_DAYS = 28.0
#: Per-unit low-inventory-level fee by size class, for days of supply <14, 14-21, 21-28.
LOW_INVENTORY_FEE = {
    "small_standard": (Decimal("0.89"), Decimal("0.63"), Decimal("0.32")),
    "large_standard_light": (Decimal("0.97"), Decimal("0.70"), Decimal("0.36")),
    "large_standard_heavy": (Decimal("1.11"), Decimal("0.87"), Decimal("0.47")),
}
#: Cover beyond which stock counts as excess: a sea-freight cycle plus a safety margin.
HEALTHY_COVER_DAYS = 90.0


def storage_class(size_tier: str | None, storage_type: str | None = None) -> str:
    """``standard`` or ``oversize`` from a size tier or an FBA storage type name."""
    text = f"{size_tier or ''} {storage_type or ''}".lower()
    if any(word in text for word in ("oversize", "bulky", "extra-large", "extra large")):
        return "oversize"
    return "standard"


def monthly_storage_fee(
    units: float, unit_volume_cuft: Decimal, storage: str, month: int
) -> Decimal:
    """Estimated storage fee of ``units`` held for one calendar month (currency units)."""
    if units <= 0 or unit_volume_cuft <= 0:
        return Decimal(0)
    rate = STORAGE_RATE[(storage, month in PEAK_MONTHS)]
    return _money(Decimal(str(units)) * unit_volume_cuft * rate)


def average_monthly_storage_fee(unit_volume_cuft: Decimal, storage: str) -> Decimal:
    """One unit's storage fee averaged over a year (nine off-peak and three peak months)."""
    year = sum(STORAGE_RATE[(storage, m in PEAK_MONTHS)] for m in range(1, 13))
    return (unit_volume_cuft * year / 12).quantize(Decimal("0.0001"))


def aged_surcharge(units_by_band: Mapping[str, int], unit_volume_cuft: Decimal) -> Decimal:
    """Monthly Aged Inventory Surcharge for units by age band.

    Bands are the keys of :data:`AIS_RATE` (fine) or :data:`COARSE_AIS_RATE` (coarse);
    units of younger bands cost nothing and may be left out.
    """
    total = Decimal(0)
    for band, units in units_by_band.items():
        if units <= 0:
            continue
        rate = AIS_RATE.get(band) or COARSE_AIS_RATE.get(band)
        if rate is None:
            raise ValueError(f"unknown age band {band!r}")
        amount = Decimal(units) * unit_volume_cuft * rate
        if band == "365_plus":
            amount = max(amount, Decimal(units) * AIS_MIN_PER_UNIT_365)
        total += amount
    return _money(total)


@dataclass(frozen=True, slots=True)
class Overstock:
    """Units beyond ``HEALTHY_COVER_DAYS`` of demand, counting inbound; ``cover_days`` is
    how long fulfillable plus inbound stock lasts at ``units_per_day`` (inf: no sales)."""

    excess_units: int
    cover_days: float
    healthy_units: int


def overstock(
    on_hand: int, inbound: int, units_per_day: float, healthy_days: float = HEALTHY_COVER_DAYS
) -> Overstock:
    stock = on_hand + inbound
    healthy = round(units_per_day * healthy_days)
    cover = float("inf") if units_per_day <= 0 else stock / units_per_day
    excess = max(0, min(on_hand, stock - healthy))  # only stock already in FBA costs storage
    return Overstock(excess_units=excess, cover_days=cover, healthy_units=healthy)


def weight_class(size_tier: str | None, weight_lb: float | None) -> str | None:
    """Low-inventory-level fee class, or None for oversize (not charged)."""
    tier = (size_tier or "").lower()
    if storage_class(size_tier) == "oversize":
        return None
    if tier.startswith("small"):
        return "small_standard"
    if weight_lb is not None and weight_lb > 3:
        return "large_standard_heavy"
    return "large_standard_light"


def historical_days_of_supply(avg_units_in_stock: float, units_shipped_per_day: float) -> float:
    """Amazon's historical days of supply: average daily inventory over average daily
    shipped units in the same window (inf when nothing shipped)."""
    if units_shipped_per_day <= 0:
        return float("inf")
    return avg_units_in_stock / units_shipped_per_day


def low_inventory_fee_per_unit(
    fee_class: str | None, days_short: float, days_long: float
) -> Decimal:
    """The per-unit fee when both the 30-day and 90-day days of supply are under 28."""
    if fee_class is None:
        return Decimal(0)
    days = max(days_short, days_long)  # charged only if both are low: the higher one decides
    if days >= LOW_INVENTORY_THRESHOLD_DAYS:
        return Decimal(0)
    under14, under21, under28 = LOW_INVENTORY_FEE[fee_class]
    return under14 if days < 14 else under21 if days < 21 else under28


@dataclass(frozen=True, slots=True)
class CapacityUse:
    """Cubic feet used (on hand + inbound) against the limit of one storage type."""

    storage_type: str
    used_cuft: Decimal
    limit_cuft: Decimal

    @property
    def over_cuft(self) -> Decimal:
        return max(Decimal(0), self.used_cuft - self.limit_cuft)

    @property
    def share(self) -> float:
        return float(self.used_cuft / self.limit_cuft) if self.limit_cuft > 0 else float("inf")


def capacity_overruns(
    used: Mapping[str, Decimal], limits: Mapping[str, Decimal]
) -> list[CapacityUse]:
    """Storage types whose volume exceeds their FBA capacity limit (types without a limit
    are left out: nothing to compare with)."""
    out = [
        CapacityUse(kind, used.get(kind, Decimal(0)), limit)
        for kind, limit in limits.items()
        if used.get(kind, Decimal(0)) > limit
    ]
    return sorted(out, key=lambda c: c.over_cuft, reverse=True)


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
