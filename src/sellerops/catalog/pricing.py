"""Prices: the landed-cost floor and the repricing rules. Pure Decimal arithmetic, no I/O.

The **floor** is the lowest price at which one more unit sold still earns the minimum margin
after every cost the unit carries::

    fixed  = COGS + first-leg freight + duty + FBA fee + storage + ad cost
             + refunds and other fees                                      (per unit)
    floor  = (fixed + min_margin_amount) / (1 - referral_rate - min_margin_rate)

(the referral fee and a margin stated as a share of the price both grow with the price,
hence the division). All amounts are per unit in one currency, the marketplace's; the
floor is rounded *up* to the cent so the margin is never a fraction short.

A **rule** says where a SKU's price should sit: match the Buy Box, beat it by an amount,
hold a target margin, or hold the current price, always clamped to the rule's min and max
and never below the floor. :func:`propose` returns the price with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
ZERO = Decimal(0)

Strategy = Literal["match_buy_box", "beat_buy_box", "target_margin", "hold"]
STRATEGIES: tuple[Strategy, ...] = ("match_buy_box", "beat_buy_box", "target_margin", "hold")


class PricingError(ValueError):
    """Costs or a rule that cannot give a price (e.g. fees and margin take all of it)."""


@dataclass(frozen=True, slots=True)
class UnitCosts:
    """Everything one unit costs, per unit in the marketplace currency.

    ``duty_rate`` is a fraction of the customs value (COGS); ``referral_rate`` a fraction
    of the selling price; ``storage`` the monthly storage fee spread over the units sold in
    a month; ``ad_cost`` ad spend over units sold (all units, not only ad-attributed ones);
    ``returns`` what refunds, refund commissions and other Amazon fees cost over units sold
    (the profit counts them: a floor without them lets a SKU that loses money pass).
    """

    cogs: Decimal
    freight: Decimal = ZERO
    duty_rate: Decimal = ZERO
    fba_fee: Decimal = ZERO
    referral_rate: Decimal = Decimal("0.15")
    storage: Decimal = ZERO
    ad_cost: Decimal = ZERO
    returns: Decimal = ZERO

    @property
    def duty(self) -> Decimal:
        return self.cogs * self.duty_rate

    @property
    def fixed(self) -> Decimal:
        """Per-unit costs that do not depend on the price."""
        return (self.cogs + self.freight + self.duty + self.fba_fee + self.storage
                + self.ad_cost + self.returns)  # fmt: skip

    def breakdown(self) -> dict[str, Decimal]:
        """The parts of :attr:`fixed`, for an explanation next to the floor."""
        return {
            "cogs": self.cogs,
            "freight": self.freight,
            "duty": _cents(self.duty),
            "fba_fee": self.fba_fee,
            "storage": self.storage,
            "ad_cost": self.ad_cost,
            "returns": self.returns,
        }


@dataclass(frozen=True, slots=True)
class MinMargin:
    """The least a unit must earn: a share of the price, an amount, or both."""

    rate: Decimal = ZERO
    amount: Decimal = ZERO


def unit_profit(price: Decimal, costs: UnitCosts) -> Decimal:
    """What one unit sold at ``price`` earns after all its costs (may be negative)."""
    return price * (1 - costs.referral_rate) - costs.fixed


def margin_rate(price: Decimal, costs: UnitCosts) -> Decimal:
    """Unit profit as a share of the price."""
    if price <= 0:
        raise PricingError("a margin needs a price above zero")
    return unit_profit(price, costs) / price


def price_for_margin(costs: UnitCosts, margin: MinMargin) -> Decimal:
    """The lowest price (rounded up to the cent) earning ``margin`` after all costs."""
    keep = 1 - costs.referral_rate - margin.rate
    if keep <= 0:
        raise PricingError(
            f"referral fee {costs.referral_rate:%} and margin {margin.rate:%} leave nothing"
        )
    return ((costs.fixed + margin.amount) / keep).quantize(CENT, rounding=ROUND_CEILING)


def landed_cost_floor(costs: UnitCosts, min_margin: MinMargin | None = None) -> Decimal:
    """The price floor: full landed cost plus the minimum margin (see the module doc)."""
    return price_for_margin(costs, min_margin or MinMargin())


@dataclass(frozen=True, slots=True)
class RepricingRule:
    """Where one SKU's price should sit; amounts in the marketplace currency.

    ``beat_by`` is how far under the Buy Box ``beat_buy_box`` goes; ``target_margin`` the
    share of the price ``target_margin`` holds; ``min_price``/``max_price`` bound any result,
    and ``min_margin`` sets the floor (which wins over ``min_price`` and ``max_price``).
    """

    strategy: Strategy = "match_buy_box"
    beat_by: Decimal = ZERO
    target_margin: Decimal | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    min_margin: MinMargin = MinMargin()

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise PricingError(f"strategy must be one of {STRATEGIES}, not {self.strategy!r}")
        if self.beat_by < 0:
            raise PricingError("beat_by is an amount under the Buy Box: zero or more")
        if self.strategy == "target_margin" and self.target_margin is None:
            raise PricingError("a target_margin rule needs target_margin")
        low, high = self.min_price, self.max_price
        if low is not None and high is not None and low > high:
            raise PricingError("min_price is above max_price")


@dataclass(frozen=True, slots=True)
class PriceProposal:
    """The price a rule asks for and why. ``reason`` codes are listed in REASONS."""

    current: Decimal
    price: Decimal
    floor: Decimal
    reason: str
    buy_box: Decimal | None
    unit_profit: Decimal  # at the proposed price

    @property
    def changes(self) -> bool:
        return self.price != self.current


#: Why a price was proposed (en, zh); the first words of every change-log entry.
REASONS = {
    "match_buy_box": ("match the Buy Box price", "跟随购买按钮价格"),
    "beat_buy_box": ("beat the Buy Box price", "低于购买按钮价格"),
    "target_margin": ("hold the target margin", "保持目标利润率"),
    "hold": ("keep the current price", "保持当前价格"),
    "no_buy_box": ("no Buy Box price known: keep the price", "无购买按钮价格：保持原价"),
    "floor": ("raised to the landed-cost floor", "提高到到岸成本底价"),
    "min_price": ("raised to the rule's minimum price", "提高到规则最低价"),
    "max_price": ("capped at the rule's maximum price", "限制在规则最高价"),
}


def propose(
    rule: RepricingRule, *, current: Decimal, costs: UnitCosts, buy_box: Decimal | None = None
) -> PriceProposal:
    """The price ``rule`` asks for today; never below the landed-cost floor.

    Order of bounds: the strategy's price, then ``max_price``, then ``min_price``, then the
    floor, so a floor above ``max_price`` still wins (selling at a loss is never proposed).
    """
    floor = landed_cost_floor(costs, rule.min_margin)
    price, reason = _target(rule, current, costs, buy_box)
    if rule.max_price is not None and price > rule.max_price:
        price, reason = rule.max_price, "max_price"
    if rule.min_price is not None and price < rule.min_price:
        price, reason = rule.min_price, "min_price"
    if price < floor:
        price, reason = floor, "floor"
    price = price.quantize(CENT, rounding=ROUND_HALF_UP)
    return PriceProposal(
        current=current,
        price=price,
        floor=floor,
        reason=reason,
        buy_box=buy_box,
        unit_profit=_cents(unit_profit(price, costs)),
    )


def _target(
    rule: RepricingRule, current: Decimal, costs: UnitCosts, buy_box: Decimal | None
) -> tuple[Decimal, str]:
    if rule.strategy == "hold":
        return current, "hold"
    if rule.strategy == "target_margin":
        assert rule.target_margin is not None
        return price_for_margin(costs, MinMargin(rate=rule.target_margin)), "target_margin"
    if buy_box is None:
        return current, "no_buy_box"
    if rule.strategy == "beat_buy_box":
        return buy_box - rule.beat_by, "beat_buy_box"
    return buy_box, "match_buy_box"


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
