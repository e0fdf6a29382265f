"""Product reviews and buyer messages generated from the orders.

Ratings follow each SKU's defect rate (and its bad batches), so a SKU with many DEFECTIVE
returns also collects 1-2 star reviews; a negative review carries its root cause. Messages
come from a small share of orders, more often from orders that end up returned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.orders import CANCELLED, PENDING, OrderTable
from sellerops.sim.returns import ReturnTable

#: Root causes of negative reviews, as the reviews module classifies them.
CAUSES = ("quality", "packaging", "not_as_described", "logistics", "size_fit", "usage")
INTENTS = ("product_question", "shipping", "return", "complaint", "other")
#: Buyer languages per marketplace, (language, share).
LANGUAGES: dict[str, tuple[tuple[str, float], ...]] = {
    "US": (("en", 0.93), ("es", 0.07)),
    "CA": (("en", 0.8), ("fr", 0.2)),
    "MX": (("es", 0.95), ("en", 0.05)),
    "UK": (("en", 1.0),),
    "DE": (("de", 0.85), ("en", 0.15)),
    "FR": (("fr", 0.95), ("en", 0.05)),
    "IT": (("it", 0.95), ("en", 0.05)),
    "ES": (("es", 0.95), ("en", 0.05)),
    "JP": (("ja", 0.95), ("en", 0.05)),
}
#: Share of shipped order items whose buyer leaves a rating or review.
REVIEW_RATE = 0.02


@dataclass(slots=True)
class ReviewTable:
    sku: NDArray[np.int32]
    day: NDArray[np.int32]  # window day the review was published
    rating: NDArray[np.int8]  # 1-5 stars
    item: NDArray[np.int64]  # order item it came from, -1 when not traceable
    cause: NDArray[np.int8]  # index into CAUSES for 1-3 stars, else -1

    def __len__(self) -> int:
        return len(self.sku)


@dataclass(slots=True)
class MessageTable:
    item: NDArray[np.int64]  # order item the conversation is about
    utc: NDArray[np.int64]  # when the buyer wrote
    intent: NDArray[np.int8]  # index into INTENTS
    language: list[str]  # per message

    def __len__(self) -> int:
        return len(self.item)


def star_probabilities(defect: NDArray[np.float64]) -> NDArray[np.float64]:
    """P(1..5 stars) per element of ``defect``: shape [n, 5]."""
    bad = np.clip(0.04 + 6.0 * defect, 0, 0.9)
    p = np.empty((len(defect), 5))
    p[:, 0], p[:, 1] = 0.6 * bad, 0.4 * bad
    p[:, 2] = 0.07 * (1 - bad)
    p[:, 3] = 0.22 * (1 - bad)
    p[:, 4] = 1 - p[:, :4].sum(axis=1)
    return p


def make_reviews(
    orders: OrderTable,
    defect_rate: NDArray[np.float64],
    defect_mult: NDArray[np.float32],
    wave: tuple[int, int, int] | None,
    days: int,
    rng: np.random.Generator,
) -> ReviewTable:
    """Reviews from shipped items, published 1-6 weeks after purchase, inside the window.

    ``wave`` = (sku, first, last window day) plants a burst of 1-2 star reviews.
    """
    item = np.flatnonzero(rng.random(len(orders.item_sku), dtype=np.float32) < REVIEW_RATE)
    o = orders.item_order[item]
    day = orders.order_day[o].astype(np.int32)
    lag = 7 + rng.gamma(2.0, 6.0, size=len(item)).astype(np.int32)
    shipped = (orders.status[o] != CANCELLED) & (orders.status[o] != PENDING)
    keep = shipped & (day + lag < days)
    item, day, lag = item[keep], day[keep], lag[keep]
    sku = orders.item_sku[item]
    defect = defect_rate[sku] * defect_mult[sku, day]
    probs = star_probabilities(defect)
    stars = 1 + (rng.random(len(item))[:, None] > np.cumsum(probs, axis=1)).sum(axis=1)
    table = ReviewTable(
        sku=sku.astype(np.int32),
        day=(day + lag).astype(np.int32),
        rating=np.minimum(stars, 5).astype(np.int8),
        item=item.astype(np.int64),
        cause=np.full(len(item), -1, dtype=np.int8),
    )
    if wave is not None:
        table = _with_wave(table, wave, orders, rng)
    table.cause = np.where(
        table.rating <= 3, rng.choice(len(CAUSES), size=len(table), p=_CAUSE_P), -1
    ).astype(np.int8)
    return table


_CAUSE_P = np.array([0.4, 0.12, 0.2, 0.1, 0.1, 0.08])


def _with_wave(
    table: ReviewTable, wave: tuple[int, int, int], orders: OrderTable, rng: np.random.Generator
) -> ReviewTable:
    """Add 7-11 one- and two-star reviews of ``sku`` between two window days."""
    sku, first, last = wave
    first, last = max(first, 0), max(last, 0)
    k = int(rng.integers(7, 12))
    day = orders.item_day()
    recent = np.flatnonzero((orders.item_sku == sku) & (day < first - 3) & (day >= first - 40))
    item = rng.choice(recent, size=k) if len(recent) else np.full(k, -1)
    extra = ReviewTable(
        sku=np.full(k, sku, dtype=np.int32),
        day=rng.integers(first, last + 1, size=k).astype(np.int32),
        rating=rng.choice([1, 2], size=k, p=[0.7, 0.3]).astype(np.int8),
        item=item.astype(np.int64),
        cause=np.full(k, -1, dtype=np.int8),
    )
    fields = ("sku", "day", "rating", "item", "cause")
    merged = {f: np.concatenate([getattr(table, f), getattr(extra, f)]) for f in fields}
    order = np.lexsort((merged["sku"], merged["day"]))
    return ReviewTable(**{f: v[order] for f, v in merged.items()})


def make_messages(
    orders: OrderTable,
    returns: ReturnTable,
    market: str,
    deadline_utc: int,
    rng: np.random.Generator,
) -> MessageTable:
    """Buyer messages: ~1.5 % of orders ask something; 30 % of returns come with a message."""
    n = len(orders.item_order)
    returned = np.zeros(n, dtype=bool)
    returned[returns.item] = True
    p = np.where(returned, 0.3, 0.015)
    item = np.flatnonzero(rng.random(n) < p)
    k = len(item)
    normal = rng.choice(len(INTENTS), size=k, p=[0.35, 0.4, 0.1, 0.1, 0.05])
    after_return = rng.choice([2, 3], size=k, p=[0.7, 0.3])
    intent = np.where(returned[item], after_return, normal).astype(np.int8)
    sent = orders.purchase_utc()[orders.item_order[item]] + rng.integers(600, 10 * 86400, size=k)
    keep = sent <= deadline_utc
    langs, shares = zip(*LANGUAGES.get(market, (("en", 1.0),)), strict=True)
    lang = rng.choice(len(langs), size=k, p=np.array(shares) / sum(shares))
    order = np.argsort(sent[keep], kind="stable")
    return MessageTable(
        item=item[keep][order].astype(np.int64),
        utc=sent[keep][order],
        intent=intent[keep][order],
        language=[langs[i] for i in lang[keep][order]],
    )
