"""Individual orders behind the daily unit counts, built in numpy for millions of rows.

Units sold per [sku, day] are split into order items (mostly one unit each, some two or
three), a few items are joined into multi-item orders with a neighbouring SKU bought the same
day, and each order gets a time of day, a status, a channel, a ship-to place and an id.

Rule that keeps reports consistent: **a cancelled order never counts as sold.** The simulator
adds cancelled orders on top of the units sold (they did not consume stock); they appear in
All Orders with ``order-status`` Cancelled and quantity 0, as in Amazon's file, and are not in
the Business Report. (Amazon's own Business Report counts units when ordered, so a real one
may include orders cancelled later; the simulator chooses the rule that makes
"All Orders quantity per SKU and day == Business Report units ordered" hold exactly.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.addresses import places_for, prefixes_for

SHIPPED, PENDING, CANCELLED = 0, 1, 2
STATUS_NAMES = ("Shipped", "Pending", "Cancelled")
SHIP_LEVELS = ("Expedited", "Standard", "SecondDay", "NextDay")
#: Relative orders per local hour: quiet at night, peaking in the evening.
HOURLY = np.array(
    [2, 1.2, 0.8, 0.6, 0.6, 0.9, 1.8, 2.8, 3.6, 4.2, 4.5, 4.6,
     4.7, 4.6, 4.5, 4.5, 4.6, 4.9, 5.3, 5.8, 6.1, 5.8, 4.6, 3.2]
)  # fmt: skip


@dataclass(slots=True)
class OrderTable:
    """Order items (rows of All Orders) and their orders, compact enough for tens of millions.

    ``item_*`` arrays have one entry per order item, the others one per order. Days index the
    window; times are seconds after local midnight (use :meth:`purchase_utc` for instants).
    """

    item_order: NDArray[np.int32]
    item_sku: NDArray[np.int32]
    item_qty: NDArray[np.int32]  # units ordered (a cancelled item keeps what was ordered)
    item_price: NDArray[np.int64]  # line total = qty x unit price, minor units
    order_day: NDArray[np.int16]
    order_secs: NDArray[np.int32]  # purchase time, seconds after local midnight
    update_lag: NDArray[np.int32]  # seconds from purchase to last update
    order_prefix: NDArray[np.int16]
    order_number: NDArray[np.int64]  # the last 14 digits, unique
    status: NDArray[np.int8]
    mfn: NDArray[np.bool_]
    business: NDArray[np.bool_]
    ship_level: NDArray[np.int8]
    place: NDArray[np.int16]  # index into addresses.places_for(marketplace)
    zip4: NDArray[np.int16]  # ZIP+4 suffix for US addresses; -1 when not shown
    day_start_utc: NDArray[np.int64]  # [day], epoch second of each local midnight

    def __len__(self) -> int:
        return len(self.order_number)

    def order_id(self, i: int) -> str:
        n = int(self.order_number[i])
        return f"{int(self.order_prefix[i]):03d}-{n // 10**7:07d}-{n % 10**7:07d}"

    def purchase_utc(self) -> NDArray[np.int64]:
        """Purchase instants per order, epoch seconds."""
        return self.day_start_utc[self.order_day] + self.order_secs

    def item_day(self) -> NDArray[np.int16]:
        return self.order_day[self.item_order]


@dataclass(slots=True)
class CellCounts:
    """Per [sku, day] counts derived from the orders (cancelled ones excluded)."""

    order_items: NDArray[np.int32]
    units_b2b: NDArray[np.int32]
    order_items_b2b: NDArray[np.int32]


def make_orders(
    units: NDArray[np.int32],
    price: NDArray[np.int64],
    mfn: NDArray[np.bool_],
    b2b_share: NDArray[np.float64],
    dates: list[date],
    market: str,
    tz: ZoneInfo,
    rng: np.random.Generator,
) -> tuple[OrderTable, CellCounts]:
    """Orders for ``units`` [sku, day] sold at ``price`` [sku, day] (window only)."""
    d_idx, s_idx = np.nonzero(units.T)  # day-major, so a day's items sit together
    cell_units = units[s_idx, d_idx].astype(np.int64)
    item_cell, qty = _split_units(cell_units, rng)
    sku, day = s_idx[item_cell].astype(np.int32), d_idx[item_cell].astype(np.int32)
    cancel_sku, cancel_day, cancel_qty = _cancelled(s_idx, d_idx, rng)
    sku = np.concatenate([sku, cancel_sku])
    day = np.concatenate([day, cancel_day])
    qty = np.concatenate([qty, cancel_qty])
    cancelled_item = np.arange(len(sku)) >= len(item_cell)
    item_order = _group_orders(sku, day, mfn, cancelled_item, rng)
    line = qty.astype(np.int64) * price[sku, day]
    table = _order_level(item_order, sku, day, qty, line, mfn, b2b_share, market, rng)
    table.status = _status(table.order_day, len(dates), rng)
    table.status[item_order[cancelled_item]] = CANCELLED
    starts, change = day_starts(dates, tz)
    table.day_start_utc = starts
    table.order_secs = _purchase_secs(table.order_day, change, rng)
    table.update_lag = _update_lag(table, dates, tz, rng)
    return table, _cell_counts(table, units.shape)


def _split_units(
    cell_units: NDArray[np.int64], rng: np.random.Generator
) -> tuple[NDArray[np.int64], NDArray[np.int32]]:
    """Split each cell's units into order items: every extra unit starts a new item with p=.93."""
    k = 1 + rng.binomial(np.maximum(cell_units - 1, 0), 0.93)
    cells = np.arange(len(cell_units))
    item_cell = np.repeat(cells, k)
    first = np.concatenate([[0], np.cumsum(k)[:-1]]).astype(np.int64)
    extra = cell_units - k
    extra_cell = np.repeat(cells, extra)
    pos = first[extra_cell] + (rng.random(len(extra_cell)) * k[extra_cell]).astype(np.int64)
    qty = 1 + np.bincount(pos, minlength=len(item_cell)).astype(np.int32)
    return item_cell, qty


def _cancelled(
    s_idx: NDArray[np.intp], d_idx: NDArray[np.intp], rng: np.random.Generator
) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]]:
    """About 1.5 % extra orders that buyers cancel before they ship (one item each)."""
    pick = rng.random(len(s_idx)) < 0.015
    n = int(pick.sum())
    qty = 1 + (rng.random(n) < 0.1).astype(np.int32)
    return s_idx[pick].astype(np.int32), d_idx[pick].astype(np.int32), qty


def _group_orders(
    sku: NDArray[np.int32],
    day: NDArray[np.int32],
    mfn: NDArray[np.bool_],
    cancelled: NDArray[np.bool_],
    rng: np.random.Generator,
) -> NDArray[np.int32]:
    """Order index per item; ~4 % of items join the previous item's order (same day, other SKU)."""
    item_mfn = mfn[sku]
    join = np.zeros(len(sku), dtype=bool)
    join[1:] = (
        (rng.random(max(len(sku) - 1, 0), dtype=np.float32) < 0.04)
        & (day[1:] == day[:-1])
        & (sku[1:] != sku[:-1])
        & (item_mfn[1:] == item_mfn[:-1])
        & ~cancelled[1:]
        & ~cancelled[:-1]
    )
    return (np.cumsum(~join) - 1).astype(np.int32)


def _order_level(
    item_order: NDArray[np.int32],
    sku: NDArray[np.int32],
    day: NDArray[np.int32],
    qty: NDArray[np.int32],
    line: NDArray[np.int64],
    mfn: NDArray[np.bool_],
    b2b_share: NDArray[np.float64],
    market: str,
    rng: np.random.Generator,
) -> OrderTable:
    """Order-level attributes drawn per order (times are filled in by the caller)."""
    n = int(item_order[-1]) + 1 if len(item_order) else 0
    first_item = np.flatnonzero(np.diff(item_order, prepend=-1))
    o_sku, o_day = sku[first_item], day[first_item].astype(np.int16)
    weights = np.array([p.weight for p in places_for(market)])
    is_mfn = mfn[o_sku]
    prefixes = np.array(prefixes_for(market), dtype=np.int16)
    level = _draw(rng, np.array([0.6, 0.3, 0.05, 0.05]), n)
    return OrderTable(
        item_order=item_order,
        item_sku=sku,
        item_qty=qty,
        item_price=line,
        order_day=o_day,
        order_secs=np.zeros(0, dtype=np.int32),
        update_lag=np.zeros(0, dtype=np.int32),
        order_prefix=prefixes[rng.integers(0, len(prefixes), size=n)],
        order_number=_order_numbers(n, rng),
        status=np.zeros(0, dtype=np.int8),
        mfn=is_mfn,
        business=rng.random(n, dtype=np.float32) < b2b_share[o_sku],
        ship_level=np.where(is_mfn, 1, level).astype(np.int8),
        place=_draw(rng, weights, n).astype(np.int16),
        zip4=np.where(
            rng.random(n, dtype=np.float32) < 0.6,
            rng.integers(0, 10000, size=n, dtype=np.int16),
            -1,
        ).astype(np.int16),
        day_start_utc=np.zeros(0, dtype=np.int64),
    )


def _draw(rng: np.random.Generator, weights: NDArray[np.float64], n: int) -> NDArray[np.intp]:
    """n indexes drawn with the given relative weights.

    Inverse CDF through a lookup table of 2^16 slots: the weights are honoured to 1/65536,
    and it is several times faster than a search per draw for tens of millions of draws.
    """
    slots = 1 << 16
    cdf = np.cumsum(weights / weights.sum())
    table = np.minimum(np.searchsorted(cdf, (np.arange(slots) + 0.5) / slots), len(weights) - 1)
    return table[rng.integers(0, slots, size=n, dtype=np.int32)]


def day_starts(dates: list[date], tz: ZoneInfo) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Epoch seconds of each local midnight (at the day's midday offset) and DST-change days."""
    starts, change = [], []
    for d in dates:
        noon = datetime.combine(d, time(12), tz).utcoffset() or timedelta(0)
        dawn = datetime.combine(d, time(0), tz).utcoffset() or timedelta(0)
        midnight = datetime.combine(d, time(0), UTC) - noon
        starts.append(int(midnight.timestamp()))
        change.append(noon != dawn)
    return np.array(starts, dtype=np.int64), np.array(change, dtype=bool)


def _purchase_secs(
    o_day: NDArray[np.int16], dst_change: NDArray[np.bool_], rng: np.random.Generator
) -> NDArray[np.int32]:
    hour = _draw(rng, HOURLY, len(o_day)).astype(np.int32)
    secs = hour * 3600 + rng.integers(0, 3600, size=len(o_day), dtype=np.int32)
    # On a DST-change day, times before 3 am would convert with the wrong offset: move them.
    return np.where(dst_change[o_day], np.maximum(secs, 3 * 3600 + secs % 3600), secs)


def _status(o_day: NDArray[np.int16], days: int, rng: np.random.Generator) -> NDArray[np.int8]:
    """Shipped, except most of the last day's orders and some of the day before (Pending)."""
    u = rng.random(len(o_day), dtype=np.float32)
    pending = ((o_day == days - 1) & (u < 0.75)) | ((o_day == days - 2) & (u < 0.15))
    return np.where(pending, PENDING, SHIPPED).astype(np.int8)


def _update_lag(
    table: OrderTable, dates: list[date], tz: ZoneInfo, rng: np.random.Generator
) -> NDArray[np.int32]:
    """Last update: shipment confirmation hours later; no later than the download morning."""
    n = len(table)
    lag = np.where(
        table.status == PENDING,
        rng.integers(60, 1800, size=n, dtype=np.int32),
        rng.integers(4, 40, size=n, dtype=np.int32) * 3600,
    )
    download = int(datetime.combine(dates[-1] + timedelta(days=1), time(6), tz).timestamp())
    latest = download - table.purchase_utc()
    return np.minimum(lag, latest).astype(np.int32)


def _order_numbers(n: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """n distinct numbers below 10^14 that look random: a keyed Feistel permutation of a counter.

    The domain is 2^46 (< 10^14) split into two 23-bit halves, so each round is a multiply, an
    xor and a mask: no division, fast for tens of millions of orders.
    """
    bits, mask = 23, np.uint64((1 << 23) - 1)
    keys = rng.integers(1, 1 << 23, size=(4, 2), dtype=np.uint64)
    start = int(rng.integers(0, (1 << 46) - n - 1))
    serial = np.arange(start, start + n, dtype=np.uint64)
    left, right = serial >> np.uint64(bits), serial & mask
    for k1, k2 in keys:
        f = ((right * (k1 | np.uint64(1))) ^ k2) & mask
        left, right = right, left ^ f
    return ((left << np.uint64(bits)) | right).astype(np.int64)


def _cell_counts(table: OrderTable, shape: tuple[int, int]) -> CellCounts:
    live = table.status[table.item_order] != CANCELLED
    cell = table.item_sku.astype(np.int64) * shape[1] + table.item_day()
    b2b = table.business[table.item_order] & live
    size = shape[0] * shape[1]

    def count(weights: NDArray | None, mask: NDArray[np.bool_]) -> NDArray[np.int32]:
        w = None if weights is None else weights[mask]
        return np.bincount(cell[mask], weights=w, minlength=size).astype(np.int32).reshape(shape)

    return CellCounts(
        order_items=count(None, live),
        units_b2b=count(table.item_qty, b2b),
        order_items_b2b=count(None, b2b),
    )
