"""FBA customer returns: which order items come back, when, why, and in what condition.

The return rate follows each SKU's defect rate (and rises during a bad production batch), and
so does the mix of reasons: a defective SKU's returns say DEFECTIVE / QUALITY_UNACCEPTABLE /
NOT_AS_DESCRIBED, a healthy one's mostly UNWANTED_ITEM. Only FBA orders are in Amazon's FBA
returns report, so merchant-fulfilled orders are not returned here. Sellable returns are not
put back into fulfillable stock (a small simplification); unsellable ones add to unfulfillable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.orders import CANCELLED, OrderTable

#: (reason code, weight) for returns caused by the product.
DEFECT_REASONS = (
    ("DEFECTIVE", 0.42),
    ("QUALITY_UNACCEPTABLE", 0.2),
    ("NOT_AS_DESCRIBED", 0.2),
    ("MISSING_PARTS", 0.08),
    ("DAMAGED_BY_CARRIER", 0.05),
    ("DAMAGED_BY_FC", 0.05),
)
#: (reason code, weight) for returns that are about the buyer, not the product.
OTHER_REASONS = (
    ("UNWANTED_ITEM", 0.4),
    ("ORDERED_WRONG_ITEM", 0.12),
    ("FOUND_BETTER_PRICE", 0.1),
    ("NO_REASON_GIVEN", 0.1),
    ("MISSED_ESTIMATED_DELIVERY", 0.06),
    ("EXTRA_ITEM", 0.05),
    ("NOT_COMPATIBLE", 0.05),
    ("UNAUTHORIZED_PURCHASE", 0.03),
    ("SWITCHEROO", 0.03),
    ("UNDELIVERABLE_UNKNOWN", 0.03),
    ("NEVER_ARRIVED", 0.03),
)
REASONS = tuple(r for r, _ in DEFECT_REASONS + OTHER_REASONS)
DISPOSITIONS = ("SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE", "CARRIER_DAMAGED", "DAMAGED")
STATUSES = ("Unit returned to inventory", "Reimbursed", "Repackaged Successfully")
FULFILLMENT_CENTERS = ("PHX7", "ONT8", "LGB8", "SDF8", "MDW2", "BFI4", "TPA1", "CLT2", "AVP1")
COMMENTS: dict[str, tuple[str, ...]] = {
    "DEFECTIVE": ("Stopped working after two days", "Broke the first time I used it"),
    "QUALITY_UNACCEPTABLE": ("Feels cheap, not worth the price", "Poor quality material"),
    "NOT_AS_DESCRIBED": ("Smaller than in the pictures", "Color is different from the photo"),
    "MISSING_PARTS": ("Screws missing from the box",),
    "UNWANTED_ITEM": ("Changed my mind", "No longer needed"),
    "ORDERED_WRONG_ITEM": ("Ordered the wrong size",),
    "FOUND_BETTER_PRICE": ("Found it cheaper elsewhere",),
}


@dataclass(slots=True)
class ReturnTable:
    item: NDArray[np.int64]  # order item index in the OrderTable
    day: NDArray[np.int32]  # window day of the return
    utc: NDArray[np.int64]
    qty: NDArray[np.int32]
    reason: NDArray[np.int8]  # index into REASONS
    disposition: NDArray[np.int8]  # index into DISPOSITIONS
    status: NDArray[np.int8]  # index into STATUSES
    center: NDArray[np.int8]  # index into FULFILLMENT_CENTERS
    lpn: NDArray[np.int64]  # license plate number digits
    comment: NDArray[np.int8]  # index into the reason's COMMENTS, -1 for none

    def __len__(self) -> int:
        return len(self.item)


def make_returns(
    orders: OrderTable,
    return_rate: NDArray[np.float64],
    defect_mult: NDArray[np.float32],
    defect_rate: NDArray[np.float64],
    day_start: NDArray[np.int64],
    rng: np.random.Generator,
) -> ReturnTable:
    """Returns of FBA order items whose return date falls inside the window.

    ``defect_mult`` [sku, day] is the bad-batch multiplier on the purchase day;
    ``day_start`` [day] the epoch second of each window day's local midnight.
    """
    item, day, lag, defect_share = _returned(
        orders, return_rate, defect_mult, defect_rate, len(day_start), rng
    )
    k = len(item)
    reason = _reasons(rng.random(k) < defect_share, rng)
    disposition = _dispositions(reason, rng)
    qty = np.where(rng.random(k) < 0.7, 1, orders.item_qty[item]).astype(np.int32)
    ret_day = (day + lag).astype(np.int32)
    # Returns are scanned in during the warehouse's day shift.
    secs = day_start[ret_day] + rng.integers(7 * 3600, 21 * 3600, size=k)
    is_fc = reason == REASONS.index("DAMAGED_BY_FC")
    return ReturnTable(
        item=item.astype(np.int64),
        day=ret_day,
        utc=secs,
        qty=qty,
        reason=reason,
        disposition=disposition,
        status=np.where(is_fc, 1, np.where(rng.random(k) < 0.05, 2, 0)).astype(np.int8),
        center=rng.integers(0, len(FULFILLMENT_CENTERS), size=k).astype(np.int8),
        lpn=rng.integers(10**8, 10**9, size=k),
        comment=np.where(rng.random(k) < 0.5, rng.integers(0, 2, size=k), -1).astype(np.int8),
    )


def _returned(
    orders: OrderTable,
    return_rate: NDArray[np.float64],
    defect_mult: NDArray[np.float32],
    defect_rate: NDArray[np.float64],
    days: int,
    rng: np.random.Generator,
) -> tuple[NDArray[np.intp], NDArray[np.int32], NDArray[np.int32], NDArray[np.float64]]:
    """Returned items, their purchase day, days until the return, and the defect share of
    their return rate (how likely the reason is a product fault)."""
    # Draw against each SKU's highest possible rate first, then thin: cheap for 10^7 items.
    worst = return_rate + 0.7 * defect_rate * (defect_mult.max(axis=1) - 1)
    draw = rng.random(len(orders.item_sku), dtype=np.float32)
    cand = np.flatnonzero(draw < worst[orders.item_sku])
    o = orders.item_order[cand]
    sku, day = orders.item_sku[cand], orders.order_day[o].astype(np.int32)
    defect = defect_rate[sku] * defect_mult[sku, day]
    rate = return_rate[sku] + 0.7 * (defect - defect_rate[sku])
    lag = 3 + rng.gamma(2.0, 6.0, size=len(cand)).astype(np.int32)
    live = (orders.status[o] != CANCELLED) & ~orders.mfn[o]
    hit = live & (rng.random(len(cand)) * worst[sku] < rate) & (day + lag < days)
    share = np.clip(0.7 * defect[hit] / rate[hit], 0, 1)
    return cand[hit], day[hit], lag[hit], share


def _reasons(from_defect: NDArray[np.bool_], rng: np.random.Generator) -> NDArray[np.int8]:
    d_w = np.array([w for _, w in DEFECT_REASONS])
    o_w = np.array([w for _, w in OTHER_REASONS])
    k = len(from_defect)
    d = rng.choice(len(d_w), size=k, p=d_w / d_w.sum())
    other = len(d_w) + rng.choice(len(o_w), size=k, p=o_w / o_w.sum())
    return np.where(from_defect, d, other).astype(np.int8)


def _dispositions(reason: NDArray[np.int8], rng: np.random.Generator) -> NDArray[np.int8]:
    """Condition on receipt: defects are DEFECTIVE, damage by who caused it, most others resell."""
    names = np.array(REASONS)[reason]
    u = rng.random(len(reason))
    disp = np.where(u < 0.8, 0, 1)  # SELLABLE or CUSTOMER_DAMAGED
    defect_like = np.isin(names, ["DEFECTIVE", "QUALITY_UNACCEPTABLE", "MISSING_PARTS"])
    disp = np.where(defect_like, 2, disp)
    disp = np.where(
        names == "NOT_AS_DESCRIBED", np.where(u < 0.5, 0, np.where(u < 0.7, 1, 2)), disp
    )
    disp = np.where(names == "DAMAGED_BY_CARRIER", 3, disp)
    disp = np.where(names == "DAMAGED_BY_FC", 4, disp)
    disp = np.where(names == "SWITCHEROO", 1, disp)
    return disp.astype(np.int8)


def comment_text(reason: int, comment: int) -> str:
    options = COMMENTS.get(REASONS[reason], ())
    if comment < 0 or not options:
        return ""
    return options[comment % len(options)]
