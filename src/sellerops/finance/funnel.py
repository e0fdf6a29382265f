"""The funnel of one ASIN and where it breaks: pure arithmetic over plain values.

impressions -> clicks (ads) and sessions -> orders (Business Report), summed over a recent
window (normally the last 7 days) and over the ASIN's own history before it (the 28 days
before), compared as rates per day. A break is only diagnosed when orders fell by more than
day-to-day noise explains; the diagnosis then follows the chain Buy Box -> ad click-through
-> sessions -> conversion to the first broken link, and for a conversion drop names the
likeliest cause (stock, price against the Buy Box, new negative reviews, returns).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from statistics import fmean, median, pvariance

MIN_BASE_ORDERS_PER_DAY = 1.0  # below this the history is too thin to call a break
DROP_P_VALUE = 0.01  # recent orders that unlikely under Poisson noise around the history
DROP_Z = 2.58  # ... and under the history's own day-to-day spread (one-sided 0.5 %)
DROP_RATIO = 0.75  # ... and at most 75 % of the history's rate
RATE_FALL = 0.75  # a rate (CTR, sessions/day, conversion) at most 75 % of its history
MIN_SESSIONS_PER_DAY = 20  # a conversion rate on fewer sessions is too lumpy to compare
MAX_TRAFFIC_RISE = 2.0  # past double the sessions (launch, deal) shoppers are not comparable
STEADY = 0.85  # clicks at least 85 % of their history count as steady
BUY_BOX_FALL = 0.15  # Buy Box share down 15 points or more
MIN_IMPRESSIONS = 1000  # per window: fewer say little about a CTR
PRICE_GAP = 0.02  # our price 2 % or more above the Buy Box price
PRICE_RISE = 0.05  # our price 5 % or more above its history
RETURN_RATE_RISE = 1.5  # returns per order up 50 % or more ...
MIN_RETURNS = 3  # ... and at least 3 units back in the recent window

STAGES = ("buy_box", "ctr", "organic", "ad_reach", "traffic", "conversion")
CAUSES = ("stock", "price", "reviews", "returns", "unclear")


@dataclass(frozen=True, slots=True)
class FunnelDay:
    """One ASIN on one day: ad impressions and clicks, Business Report sessions, orders,
    units, ordered sales (marketplace currency) and Buy Box share (fraction, None unknown)."""

    impressions: int = 0
    clicks: int = 0
    sessions: int = 0
    orders: int = 0
    units: int = 0
    sales: Decimal = Decimal(0)
    buy_box: float | None = None


@dataclass(frozen=True, slots=True)
class Window:
    """Totals over ``days`` days (missing days count as zero)."""

    days: int
    impressions: int
    clicks: int
    sessions: int
    orders: int
    units: int
    sales: Decimal
    buy_box: float | None  # session-weighted share
    daily: tuple[FunnelDay, ...] = ()  # the days with data

    def orders_by_day(self) -> list[int]:
        """Orders of each day of the window, the days without data as zero."""
        orders = [d.orders for d in self.daily]
        return orders + [0] * max(0, self.days - len(orders))

    def median_price(self) -> float | None:
        """The median of the daily average selling prices: a few deal days do not move it."""
        prices = [float(d.sales / d.units) for d in self.daily if d.units and d.sales]
        return median(prices) if prices else None

    def per_day(self, value: float) -> float:
        return value / self.days if self.days else 0.0

    @property
    def ctr(self) -> float | None:
        return self.clicks / self.impressions if self.impressions else None

    @property
    def conversion(self) -> float | None:
        return self.orders / self.sessions if self.sessions else None

    @property
    def order_value(self) -> Decimal | None:
        return self.sales / self.orders if self.orders else None

    @property
    def unit_price(self) -> Decimal | None:
        return self.sales / self.units if self.units else None


@dataclass(frozen=True, slots=True)
class Signals:
    """What else is known of the recent window: days without sellable stock, our price
    against the Buy Box price and against our own history, new 1-3 star reviews, returns."""

    out_of_stock_days: int = 0
    price_vs_buy_box: float | None = None  # our price / Buy Box price - 1
    price_change: float | None = None  # recent average price / historic average - 1
    negative_reviews: int = 0
    returns_recent: int = 0
    returns_base: int = 0
    top_return_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Where the funnel breaks, and the orders (per day) and money (per day) lost there."""

    stage: str  # one of STAGES
    cause: str | None  # one of CAUSES when the stage is "conversion"
    lost_orders_per_day: float
    expected_orders_per_day: float  # what the history predicts (rate, or sessions x conversion)
    money_per_day: Decimal
    recent: Window
    base: Window


def summarize(days: list[FunnelDay], n_days: int) -> Window:
    """Add up ``days`` (the days with data of an ``n_days`` window)."""
    sessions = sum(d.sessions for d in days)
    with_bb = [d for d in days if d.buy_box is not None]
    weight = sum(d.sessions for d in with_bb)
    buy_box = None
    if with_bb:
        buy_box = (
            sum((d.buy_box or 0.0) * d.sessions for d in with_bb) / weight
            if weight
            else sum(d.buy_box or 0.0 for d in with_bb) / len(with_bb)
        )
    return Window(
        days=n_days,
        impressions=sum(d.impressions for d in days),
        clicks=sum(d.clicks for d in days),
        sessions=sessions,
        orders=sum(d.orders for d in days),
        units=sum(d.units for d in days),
        sales=sum((d.sales for d in days), Decimal(0)),
        buy_box=buy_box,
        daily=tuple(days),
    )


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean), summed in log space so large means do not underflow."""
    if mean <= 0:
        return 1.0
    log_term = -mean
    total = math.exp(log_term)
    for i in range(1, k + 1):
        log_term += math.log(mean / i)
        total += math.exp(log_term)
    return min(1.0, total)


def dispersion(base: Window) -> float | None:
    """How much more the history's daily orders swing than Poisson noise (at least 1), or
    None when the history sells too little to judge."""
    history = base.orders_by_day()
    if not history or fmean(history) < MIN_BASE_ORDERS_PER_DAY:
        return None
    return max(1.0, pvariance(history) / fmean(history))


def significant_shortfall(observed: int, expected: float, spread: float) -> bool:
    """``observed`` orders well below ``expected``: at most ``DROP_RATIO`` of it, unlikely
    under Poisson noise, and ``DROP_Z`` standard deviations below it once the history's own
    day-to-day swing (``spread``, see :func:`dispersion`) is allowed for."""
    if expected <= 0 or observed > DROP_RATIO * expected:
        return False
    if poisson_cdf(observed, expected) >= DROP_P_VALUE:
        return False
    return (expected - observed) / math.sqrt(expected * spread) >= DROP_Z


def orders_fell(recent: Window, base: Window) -> bool:
    """Recent orders well below the history's daily rate."""
    spread = dispersion(base)
    expected = base.per_day(base.orders) * recent.days
    return spread is not None and significant_shortfall(recent.orders, expected, spread)


def orders_expected_from_traffic(recent: Window, base: Window) -> float | None:
    """The orders the recent sessions would have brought at the history's conversion, when
    shoppers kept coming (sessions steady or up, at most doubled): a conversion drop can
    hide behind more traffic. None when orders are not well below that."""
    now, before = recent.per_day(recent.sessions), base.per_day(base.sessions)
    steady = before * RATE_FALL < now <= before * MAX_TRAFFIC_RISE
    if base.conversion is None or before < MIN_SESSIONS_PER_DAY or not steady:
        return None
    spread = dispersion(base)
    expected = recent.sessions * base.conversion
    if spread is None or not significant_shortfall(recent.orders, expected, spread):
        return None
    return expected


def _fell(now: float | None, before: float | None, ratio: float = RATE_FALL) -> bool:
    return bool(before) and now is not None and now <= ratio * (before or 0.0)


def break_stage(recent: Window, base: Window) -> str:
    """The first broken link: Buy Box, ad click-through, sessions (organic or ads), conversion."""
    bb_now, bb_before = recent.buy_box, base.buy_box
    if bb_now is not None and bb_before is not None and bb_before - bb_now >= BUY_BOX_FALL:
        return "buy_box"
    has_ads = min(recent.impressions, base.impressions) >= MIN_IMPRESSIONS
    if has_ads and _fell(recent.ctr, base.ctr):
        return "ctr"
    sessions_now, sessions_before = (w.per_day(w.sessions) for w in (recent, base))
    if _fell(sessions_now, sessions_before):
        if not has_ads:
            return "traffic"
        clicks_now, clicks_before = (w.per_day(w.clicks) for w in (recent, base))
        return "organic" if clicks_now >= STEADY * clicks_before else "ad_reach"
    return "conversion"


def price_change(recent: Window, base: Window) -> float | None:
    """The recent median selling price against the history's (0.1 = 10 % dearer)."""
    now, before = recent.median_price(), base.median_price()
    return now / before - 1 if now is not None and before else None


def conversion_cause(signals: Signals, recent: Window, base: Window) -> str:
    """Why shoppers who came bought less: stock, price, reviews, returns, in that order."""
    if signals.out_of_stock_days > 0:
        return "stock"
    change = (
        signals.price_change if signals.price_change is not None else price_change(recent, base)
    )
    if (signals.price_vs_buy_box or 0.0) >= PRICE_GAP or (change or 0.0) >= PRICE_RISE:
        return "price"
    if signals.negative_reviews > 0:
        return "reviews"
    rate_now = signals.returns_recent / recent.orders if recent.orders else 0.0
    rate_before = signals.returns_base / base.orders if base.orders else 0.0
    if signals.returns_recent >= MIN_RETURNS and rate_now >= RETURN_RATE_RISE * max(
        rate_before, 0.01
    ):
        return "returns"
    return "unclear"


def diagnose(days_recent: Window, days_base: Window, signals: Signals) -> Diagnosis | None:
    """The break of one ASIN's funnel, or None when it holds.

    A break is orders well below the history's rate (followed down the chain to the first
    broken link), or, with sessions steady or up, orders well below what those sessions
    would have brought at the history's conversion (a conversion break).

    Money at stake per day: the orders lost per day times the history's average order
    value, to the cent, in the marketplace currency.
    """
    recent, base = days_recent, days_base
    if orders_fell(recent, base):
        stage, expected = break_stage(recent, base), base.per_day(base.orders) * recent.days
    else:
        from_traffic = orders_expected_from_traffic(recent, base)
        if from_traffic is None:
            return None
        stage, expected = "conversion", from_traffic
    lost = (expected - recent.orders) / recent.days
    cause = conversion_cause(signals, recent, base) if stage == "conversion" else None
    value = base.order_value or Decimal(0)
    money = (Decimal(str(round(lost, 4))) * value).quantize(Decimal("0.01"))
    return Diagnosis(
        stage, cause, round(lost, 2), round(expected / recent.days, 2), money, recent, base
    )
