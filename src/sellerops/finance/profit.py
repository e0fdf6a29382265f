"""True profit per SKU: pure arithmetic over plain values (no database).

A fee line is classified into one P&L line (:data:`LINES`) from its transaction type,
amount type and description. Sums are exact Decimals in the store currency; every cost is
negative (money leaving the seller), as Amazon signs settlement amounts.

Allocation rule for account-level amounts (storage, subscription, inbound placement, SB/SD
ads ...): split over SKUs by weight (cubic feet stored when the storage report gives them,
else units sold) with :func:`allocate`, which keeps the total to the cent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TypeVar

T = TypeVar("T")
CENT = Decimal("0.01")
#: Fewer units sold in a period say too little about a SKU's profit to call it a loser.
MIN_UNITS = 5
#: A loss smaller than this share of sales is break-even within what the P&L can tell (fees
#: and refunds still estimated, a day of settlement lag): such a SKU is not called losing
#: money (the review would otherwise put a best seller at -0.2 % on hold and let it run out).
LOSS_TOLERANCE = Decimal("0.01")
#: P&L lines in report order. Revenue lines first, then Amazon's charges, then ours.
LINES = (
    "principal",
    "shipping",
    "promotion",
    "refund",
    "reimbursement",
    "referral_fee",
    "fba_fee",
    "refund_commission",
    "storage",
    "other_fee",
    "ads",
    "cogs",
    "freight",
    "duty",
)
REVENUE = frozenset({"principal", "shipping", "promotion", "refund", "reimbursement"})
#: Tax collected for the marketplace (and the matching withholding) passes through.
PASS_THROUGH = "tax"

_ACCOUNT_LEVEL = {
    "storage fee": "storage",
    "storagefee": "storage",
    "fbastoragefee": "storage",
    "fba storage fee": "storage",
    "fbalongtermstoragefee": "storage",
    "storage": "storage",
    "longtermstoragefee": "storage",
    "storagerenewalbilling": "storage",
}


_DATE_RANGE = {
    "product_sales": "principal",
    "shipping_credits": "shipping",
    "gift_wrap_credits": "shipping",
    "promotional_rebates": "promotion",
    "selling_fees": "referral_fee",
    "fba_fees": "fba_fee",
}
_ADS_WORDS = ("cost of advertising", "costofadvertising", "werbekosten", "广告")


@cache
def classify(transaction_type: str | None, amount_type: str | None, description: str | None) -> str:
    """The P&L line of one settlement or Date Range amount (``tax`` and ``transfer`` pass
    through: they are not the seller's income or cost)."""
    tx = (transaction_type or "").strip().lower()
    kind = (amount_type or "").strip().lower()
    desc = (description or "").strip().lower()
    if tx == "transfer":
        return "transfer"
    if "tax" in desc or "tax" in kind or desc.startswith("marketplacefacilitator"):
        return PASS_THROUGH
    if any(w in desc for w in _ADS_WORDS):
        return "ads"
    if kind in _DATE_RANGE:
        line = _DATE_RANGE[kind]
        return "refund" if tx == "refund" and line in ("principal", "shipping") else line
    if tx == "refund":
        if desc in ("refundcommission", "refund commission"):
            return "refund_commission"
        return "refund" if kind in ("itemprice", "promotion") else "referral_fee"
    if "reimburse" in desc or "reimburse" in tx or desc in ("warehouse_lost", "warehouse_damage"):
        return "reimbursement"
    if kind == "itemprice":
        return "shipping" if "shipping" in desc else "principal"
    if kind == "promotion":
        return "promotion"
    if desc == "commission" or "referral" in desc:
        return "referral_fee"
    if desc.startswith("fba") and "storage" not in desc:
        return "fba_fee"
    return _ACCOUNT_LEVEL.get(desc, "other_fee")


@dataclass(slots=True)
class SkuPnl:
    """One SKU's P&L over a period, store currency. Costs are negative numbers.

    ``estimated`` holds the part of each line that comes from orders and fee estimates for
    days no settlement covers yet (already included in ``lines``). ``ads_split`` is the part
    of the ``ads`` line (already included) that no report ties to this SKU: ad spend split
    over SKUs by their item sales, an estimate.
    """

    sku: str
    asin: str | None = None
    parent_asin: str | None = None
    units: int = 0
    lines: dict[str, Decimal] = field(default_factory=dict)
    estimated: dict[str, Decimal] = field(default_factory=dict)
    ads_split: Decimal = Decimal(0)

    def add(self, line: str, amount: Decimal, *, estimated: bool = False) -> None:
        if line in (PASS_THROUGH, "transfer") or not amount:
            return
        self.lines[line] = self.lines.get(line, Decimal(0)) + amount
        if estimated:
            self.estimated[line] = self.estimated.get(line, Decimal(0)) + amount

    @property
    def revenue(self) -> Decimal:
        return sum((v for k, v in self.lines.items() if k in REVENUE), Decimal(0))

    @property
    def sales(self) -> Decimal:
        return self.lines.get("principal", Decimal(0))

    @property
    def costs(self) -> Decimal:
        return sum((v for k, v in self.lines.items() if k not in REVENUE), Decimal(0))

    @property
    def profit(self) -> Decimal:
        return self.revenue + self.costs

    @property
    def margin(self) -> float | None:
        """Profit as a fraction of item sales; None without sales."""
        return float(self.profit / self.sales) if self.sales > 0 else None

    @property
    def is_estimated(self) -> bool:
        return bool(self.estimated)

    @property
    def loses_money(self) -> bool:
        """Sold enough units to tell (:data:`MIN_UNITS`) and lost more than
        :data:`LOSS_TOLERANCE` of their sales on them: the rule of
        the review's ``losing_money`` finding, which the stock-out findings and the restock
        plan follow too (no "reorder now" for a SKU that loses on every unit)."""
        return (self.units >= MIN_UNITS and self.sales > 0
                and self.profit < -LOSS_TOLERANCE * self.sales)  # fmt: skip

    def sinking_line(self) -> tuple[str, Decimal] | None:
        """The biggest cost line (most negative), the one that sinks a loss-making SKU."""
        costs = [(k, v) for k, v in self.lines.items() if k not in REVENUE and v < 0]
        return min(costs, key=lambda kv: kv[1]) if costs else None


def landed_unit_cost(
    unit_cost: Decimal, freight: Decimal | None, duty_rate: Decimal | None, rate: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """(COGS, first-leg freight, duty) per unit in the store currency, unrounded.

    ``rate`` converts the cost currency into the store currency; duty is charged on the
    customs value (the unit cost), as US CBP does for most goods.
    """
    cogs = unit_cost * rate
    return cogs, (freight or Decimal(0)) * rate, cogs * (duty_rate or Decimal(0))


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def allocate(total: Decimal, weights: Mapping[str, float | Decimal]) -> dict[str, Decimal]:
    """Split ``total`` over keys by weight, in cents, so the parts add up to ``total`` exactly.

    Largest remainder: each key gets its floor share, and the cents left go to the keys with
    the biggest remainders. Keys with no weight get nothing; no weight at all: nothing.
    """
    positive = {k: Decimal(str(w)) for k, w in weights.items() if w and Decimal(str(w)) > 0}
    whole = sum(positive.values(), Decimal(0))
    if not positive or not total:
        return {}
    sign = -1 if total < 0 else 1
    total_cents = int((abs(total) / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    exact = {k: total_cents * w / whole for k, w in positive.items()}
    floors = {k: int(v) for k, v in exact.items()}
    left = total_cents - sum(floors.values())
    for k in sorted(exact, key=lambda k: (floors[k] - exact[k], k))[:left]:
        floors[k] += 1
    return {k: sign * Decimal(v) * CENT for k, v in floors.items()}


def rate_on(rates: Sequence[tuple[date, T]], day: date) -> T | None:
    """The rate in force on ``day`` from (day, rate) pairs sorted by day: the latest at or
    before it, else the earliest one (a rate entered after the sale beats none)."""
    chosen: T | None = None
    for when, rate in rates:
        if when <= day:
            chosen = rate
        elif chosen is None:
            return rate
        else:
            break
    return chosen


def totals(pnls: Sequence[SkuPnl], key: str = "store") -> SkuPnl:
    """Several SKUs' P&L added into one (ASIN, parent or store level)."""
    out = SkuPnl(sku=key)
    for p in pnls:
        out.units += p.units
        for line, amount in p.lines.items():
            out.add(line, amount)
        for line, amount in p.estimated.items():
            out.estimated[line] = out.estimated.get(line, Decimal(0)) + amount
        out.ads_split += p.ads_split
    return out
