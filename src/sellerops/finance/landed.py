"""First-leg freight and duties of inbound shipments, allocated to units, and the lots that
sold units draw their landed cost from: pure arithmetic over plain values.

Rules (the README and ``sellerops template shipments`` state them too):

* **Which invoice**: a shipment's *actual* freight invoices replace its *estimated* ones as
  soon as one actual invoice arrives; several invoices of the same kind add up.
* **Freight**: each invoice is split over the shipment's lines by its basis: the lines'
  weight (units x unit weight) or volume (units x unit volume). A line without that
  measure makes the whole invoice split by units, so no line gets freight for free.
* **Duties and taxes** on an invoice are split by customs value (units x declared value per
  unit); without a declared value on every line, by the freight's weights.
* **Which lot a sale draws from**: first in, first out by shipment date (then shipment id):
  units sold on a day draw from the oldest lot, shipped on or before that day, with units
  left. Units no lot covers (sold before the first shipment, or more than were shipped) take
  the costs sheet's freight per unit and duty rate instead.

Amounts are Decimals in one currency (the caller converts invoices first), unrounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ESTIMATED, ACTUAL, NONE = "estimated", "actual", "none"
WEIGHT, VOLUME = "weight", "volume"


@dataclass(frozen=True, slots=True)
class ShipmentLine:
    shipment_id: str
    sku: str
    shipped_on: date
    units: int
    unit_weight: Decimal | None = None  # kg
    unit_volume: Decimal | None = None  # cubic metres
    customs_value: Decimal | None = None  # declared value per unit (any currency: a weight)


@dataclass(frozen=True, slots=True)
class Invoice:
    shipment_id: str
    status: str  # estimated | actual
    basis: str  # weight | volume
    freight: Decimal  # in the caller's currency
    duties: Decimal = Decimal(0)  # duties and import taxes, same currency


@dataclass(frozen=True, slots=True)
class Lot:
    """The units of one SKU in one shipment, with their freight and duty per unit.

    ``freight_per_unit`` is None when the shipment has no invoice yet, ``duty_per_unit``
    when no invoice of it states duties: the costs sheet's freight per unit and duty rate
    apply to those units then.
    """

    shipment_id: str
    sku: str
    shipped_on: date
    units: int
    freight_per_unit: Decimal | None  # None: no invoice yet
    duty_per_unit: Decimal | None
    status: str  # the kind of invoice in force: estimated | actual | none


@dataclass(frozen=True, slots=True)
class Draw:
    """``units`` sold on ``day`` drawn from ``lot`` (None: no shipment covers them)."""

    day: date
    units: int
    lot: Lot | None


def invoices_in_force(invoices: Iterable[Invoice]) -> dict[str, list[Invoice]]:
    """Per shipment: its actual invoices when it has any, else its estimated ones."""
    found: dict[str, list[Invoice]] = {}
    for inv in invoices:
        found.setdefault(inv.shipment_id, []).append(inv)
    return {
        sid: [i for i in invs if i.status == ACTUAL] or [i for i in invs if i.status != ACTUAL]
        for sid, invs in found.items()
    }


def _weights(lines: Sequence[ShipmentLine], basis: str) -> list[Decimal]:
    measure = [ln.unit_weight if basis == WEIGHT else ln.unit_volume for ln in lines]
    known = [m for m in measure if m is not None and m > 0]
    if len(known) == len(lines):
        return [Decimal(ln.units) * m for ln, m in zip(lines, known, strict=True)]
    return [Decimal(ln.units) for ln in lines]


def _split(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    whole = sum(weights, Decimal(0))
    if not whole:
        return [Decimal(0)] * len(weights)
    return [amount * w / whole for w in weights]


def allocate_shipment(lines: Sequence[ShipmentLine], invoices: Sequence[Invoice]) -> list[Lot]:
    """One lot per line of a shipment, its invoices in force split over the lines."""
    lines = [ln for ln in lines if ln.units > 0]
    if not lines:
        return []
    status = invoices[0].status if invoices else NONE
    freight = [Decimal(0)] * len(lines)
    duties = [Decimal(0)] * len(lines)
    has_duties = any(inv.duties for inv in invoices)
    customs = [ln.customs_value for ln in lines]
    for inv in invoices:
        weights = _weights(lines, inv.basis)
        freight = [a + b for a, b in zip(freight, _split(inv.freight, weights), strict=True)]
        if inv.duties:
            by_value = [ln.units * c for ln, c in zip(lines, customs, strict=True) if c]
            duty_weights = by_value if len(by_value) == len(lines) else weights
            duties = [a + b for a, b in zip(duties, _split(inv.duties, duty_weights), strict=True)]
    return [
        Lot(ln.shipment_id, ln.sku, ln.shipped_on, ln.units,
            f / ln.units if invoices else None, d / ln.units if has_duties else None, status)
        for ln, f, d in zip(lines, freight, duties, strict=True)
    ]  # fmt: skip


def lots_by_sku(lines: Iterable[ShipmentLine], invoices: Iterable[Invoice]) -> dict[str, list[Lot]]:
    """Every shipment allocated; per SKU its lots in FIFO order (shipment date, then id).
    A shipment with no invoice yet still makes lots (sales draw from them in turn), with
    ``freight_per_unit`` None: those units take the costs sheet's freight per unit."""
    by_shipment: dict[str, list[ShipmentLine]] = {}
    for ln in lines:
        by_shipment.setdefault(ln.shipment_id, []).append(ln)
    in_force = invoices_in_force(invoices)
    out: dict[str, list[Lot]] = {}
    for sid, shipment in by_shipment.items():
        for lot in allocate_shipment(shipment, in_force.get(sid, [])):
            out.setdefault(lot.sku, []).append(lot)
    for lots in out.values():
        lots.sort(key=lambda lot: (lot.shipped_on, lot.shipment_id))
    return out


def draw_fifo(
    lots: Sequence[Lot], sales: Sequence[tuple[date, int]], *, before: int = 0
) -> list[Draw]:
    """The lots ``sales`` ((day, units), oldest first) draw from, after ``before`` units
    sold earlier took theirs from the oldest lots."""
    left = [lot.units for lot in lots]
    _take(lots, left, None, before)
    draws: list[Draw] = []
    for day, units in sales:
        draws.extend(_take(lots, left, day, units))
    return draws


def _take(lots: Sequence[Lot], left: list[int], day: date | None, units: int) -> list[Draw]:
    draws: list[Draw] = []
    for i, lot in enumerate(lots):
        if units <= 0:
            break
        if day is not None and lot.shipped_on > day:
            break  # later lots cannot have sold yet
        n = min(units, left[i])
        if n > 0:
            left[i] -= n
            units -= n
            if day is not None:
                draws.append(Draw(day, n, lot))
    if units > 0 and day is not None:
        draws.append(Draw(day, units, None))
    return draws


def units_before(sales: Mapping[date, int], first: date, start: date) -> int:
    """Units sold from ``first`` (the oldest lot's date) up to the day before ``start``."""
    return sum(n for day, n in sales.items() if first <= day < start)
