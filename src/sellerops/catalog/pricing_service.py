"""Pricing service: landed-cost floors per SKU, repricing rules, proposals and the change log.

Loads costs (the costs sheet and the last 30 days' fees, storage, ad spend and refunds from
the finance P&L), prices (the newest observation, else the inventory report's
``your-price``, else the product's price), average selling prices
(``catalog.selling_price``) and rules; calls the pure math in
:mod:`sellerops.catalog.pricing`; stores proposals and changes. The caller commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product
from sellerops.catalog.pricing import (
    MinMargin,
    PricingError,
    RepricingRule,
    UnitCosts,
    landed_cost_floor,
    propose,
)
from sellerops.catalog.pricing_models import (
    PriceChange,
    PriceObservation,
    PriceProposalRow,
    RepricingRuleRow,
)
from sellerops.catalog.selling_price import SellingPrice, average_selling_prices
from sellerops.core.db import upsert
from sellerops.finance import pnl as finance_pnl
from sellerops.finance.models import ProductCost
from sellerops.inventory.models import InventorySnapshot

COST_WINDOW_DAYS = 30
DEFAULT_REFERRAL_RATE = Decimal("0.15")
PRICE_STALE_DAYS = 7  # an observation older than this is not today's price
#: P&L lines (``finance.profit.LINES``) that the floor's ``returns`` spreads over the units
#: sold; promotions are not among them: the average selling price is already net of them
RETURN_LINES = ("refund", "refund_commission", "other_fee")


@dataclass(frozen=True, slots=True)
class FloorLine:
    """One SKU's price against its floor (per unit, store currency) and its recent volume.

    ``price`` is the listing price (what the offer asks now); ``selling`` what its units
    actually sold for on average (``catalog.selling_price``: orders, else the Business Report,
    over its window; None with too few units sold), the price the product page, the ads and
    the profit work with. The floor is checked against the selling price when there is one:
    coupons, promotions and sales make a SKU listed above its floor sell under it.
    """

    sku: str
    price: Decimal
    floor: Decimal
    costs: UnitCosts
    units_30d: int  # units sold in the cost window
    buy_box: Decimal | None
    selling: SellingPrice | None = None

    @property
    def checked_price(self) -> Decimal:
        """The price held against the floor: the average selling price, else the listing's."""
        return self.price if self.selling is None else self.selling.price

    @property
    def gap(self) -> Decimal:
        """How far the checked price is under the floor (0 when it is at or above)."""
        return max(Decimal(0), self.floor - self.checked_price)


def set_rule(*, session: Session, store_id: int, sku: str, rule: RepricingRule) -> None:
    """Create or replace the SKU's repricing rule."""
    values = {
        "strategy": rule.strategy,
        "beat_by": rule.beat_by,
        "target_margin": rule.target_margin,
        "min_price": rule.min_price,
        "max_price": rule.max_price,
        "min_margin_rate": rule.min_margin.rate,
        "min_margin_amount": rule.min_margin.amount,
        "active": True,
    }
    upsert(
        session,
        RepricingRuleRow.__table__,  # type: ignore[arg-type]
        [{"store_id": store_id, "sku": sku, **values}],
        key=("store_id", "sku"),
        update=tuple(values),
    )


def rules(*, session: Session, store_id: int) -> dict[str, RepricingRule]:
    """Active rules by SKU."""
    rows = session.scalars(
        select(RepricingRuleRow).where(
            RepricingRuleRow.store_id == store_id, RepricingRuleRow.active.is_(True)
        )
    )
    return {r.sku: _rule_of(r) for r in rows}


def record_prices(
    *, session: Session, store_id: int, rows: Iterable[Mapping[str, Any]], source: str = "import"
) -> int:
    """Store price observations (``sku, day`` and any of ``own_price, buy_box_price,
    lowest_competitor_price``); a second observation of the same SKU and day replaces it."""
    records = [{"store_id": store_id, "source": source, **r} for r in rows]
    if not records:
        return 0
    fields = ("own_price", "buy_box_price", "lowest_competitor_price", "source")
    upsert(
        session,
        PriceObservation.__table__,  # type: ignore[arg-type]
        [{f: r.get(f) for f in ("store_id", "sku", "day", *fields)} for r in records],
        key=("store_id", "sku", "day"),
        update=fields,
    )
    return len(records)


def floors(*, session: Session, store_id: int, currency: str, as_of: date) -> list[FloorLine]:
    """Every SKU with a known price and cost, against its landed-cost floor on ``as_of``.

    The floor uses the SKU's rule's minimum margin (none without a rule); it is held against
    the SKU's average selling price when enough units sold (:attr:`FloorLine.checked_price`).
    """
    costs, units = _costs_and_units(session, store_id, currency, as_of)
    prices = current_prices(session=session, store_id=store_id, as_of=as_of)
    margins = {s: r.min_margin for s, r in rules(session=session, store_id=store_id).items()}
    sold = average_selling_prices(
        session=session, store_id=store_id, as_of=as_of, currency=currency
    )
    out = []
    for sku, (own, buy_box) in sorted(prices.items()):
        if sku not in costs or own is None or own <= 0:
            continue
        try:
            floor = landed_cost_floor(costs[sku], margins.get(sku))
        except PricingError:
            continue
        line = FloorLine(sku, own, floor, costs[sku], units.get(sku, 0), buy_box, sold.get(sku))
        out.append(line)
    return out


def propose_prices(
    *, session: Session, store_id: int, currency: str, as_of: date
) -> list[PriceProposalRow]:
    """Run every active rule; store (replace) today's proposal for each SKU whose price
    should change. Nothing is proposed below the floor (the math enforces it)."""
    costs = unit_costs(session=session, store_id=store_id, currency=currency, as_of=as_of)
    prices = current_prices(session=session, store_id=store_id, as_of=as_of)
    out = []
    for sku, rule in sorted(rules(session=session, store_id=store_id).items()):
        own, buy_box = prices.get(sku, (None, None))
        if own is None or sku not in costs:
            continue
        proposal = propose(rule, current=own, costs=costs[sku], buy_box=buy_box)
        if proposal.changes:
            out.append(_store_proposal(session, store_id, sku, as_of, proposal))
    return out


def apply_proposal(*, session: Session, proposal_id: int, actor: str | None) -> PriceChange:
    """Mark a proposal applied and log the change (the SP-API push reads the log)."""
    proposal = session.get(PriceProposalRow, proposal_id)
    if proposal is None or proposal.status != "proposed":
        raise PricingError(f"no open price proposal {proposal_id}")
    if proposal.proposed_price < proposal.floor:  # a rule never does this; a hand edit might
        raise PricingError("the proposed price is under the landed-cost floor")
    proposal.status = "applied"
    change = PriceChange(
        store_id=proposal.store_id,
        sku=proposal.sku,
        old_price=proposal.current_price,
        new_price=proposal.proposed_price,
        floor=proposal.floor,
        reason=proposal.reason,
        proposal_id=proposal.id,
        actor=actor,
    )
    session.add(change)
    session.flush()
    return change


def change_log(*, session: Session, store_id: int, sku: str | None = None) -> list[PriceChange]:
    """Price changes, newest first."""
    query = select(PriceChange).where(PriceChange.store_id == store_id)
    if sku is not None:
        query = query.where(PriceChange.sku == sku)
    return list(session.scalars(query.order_by(PriceChange.changed_at.desc(), PriceChange.id)))


def unit_costs(
    *, session: Session, store_id: int, currency: str, as_of: date
) -> dict[str, UnitCosts]:
    """Per SKU: what one unit costs now (store currency).

    COGS, freight and duty rate from the newest cost row in effect on ``as_of``; FBA fee,
    storage, ad cost and refunds with other fees (:data:`RETURN_LINES`) per unit and the
    referral rate from the last 30 days' P&L (the
    referral rate defaults to 15 % for a SKU with no sales in that window).
    """
    return _costs_and_units(session, store_id, currency, as_of)[0]


def current_prices(
    *, session: Session, store_id: int, as_of: date
) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Per SKU: (our price, Buy Box price) on ``as_of``, from the newest sources."""
    out: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for sku, price in session.execute(
        select(Product.sku, Product.price).where(Product.store_id == store_id)
    ):
        out[sku] = (price, None)
    for sku, price in _latest_snapshot_prices(session, store_id, as_of):
        if price is not None:
            out[sku] = (price, None)
    since = as_of - timedelta(days=PRICE_STALE_DAYS)
    observed = session.execute(
        select(PriceObservation)
        .where(
            PriceObservation.store_id == store_id,
            PriceObservation.day <= as_of,
            PriceObservation.day > since,
        )
        .order_by(PriceObservation.day)
    ).scalars()
    for obs in observed:  # oldest first: the newest day wins
        own = obs.own_price if obs.own_price is not None else out.get(obs.sku, (None, None))[0]
        out[obs.sku] = (own, obs.buy_box_price)
    return out


def _rule_of(row: RepricingRuleRow) -> RepricingRule:
    return RepricingRule(
        strategy=row.strategy,  # type: ignore[arg-type]
        beat_by=row.beat_by or Decimal(0),
        target_margin=row.target_margin,
        min_price=row.min_price,
        max_price=row.max_price,
        min_margin=MinMargin(
            row.min_margin_rate or Decimal(0), row.min_margin_amount or Decimal(0)
        ),
    )


def _store_proposal(
    session: Session, store_id: int, sku: str, day: date, proposal: Any
) -> PriceProposalRow:
    row = session.scalar(
        select(PriceProposalRow).where(
            PriceProposalRow.store_id == store_id,
            PriceProposalRow.sku == sku,
            PriceProposalRow.day == day,
        )
    )
    if row is None:
        row = PriceProposalRow(store_id=store_id, sku=sku, day=day)
        session.add(row)
    row.current_price = proposal.current
    row.proposed_price = proposal.price
    row.floor = proposal.floor
    row.buy_box_price = proposal.buy_box
    row.unit_profit = proposal.unit_profit
    row.reason = proposal.reason
    row.status = "proposed"
    session.flush()
    return row


def _current_costs(
    session: Session, store_id: int, as_of: date
) -> dict[str, tuple[Decimal, str, Decimal | None, Decimal | None]]:
    """The cost row in effect on ``as_of`` per SKU; the product's unit cost otherwise."""
    out: dict[str, tuple[Decimal, str, Decimal | None, Decimal | None]] = {}
    for sku, cost, cur in session.execute(
        select(Product.sku, Product.unit_cost, Product.cost_currency).where(
            Product.store_id == store_id, Product.unit_cost.is_not(None)
        )
    ):
        if cur and cost is not None:
            out[sku] = (Decimal(cost), cur, None, None)
    rows = session.scalars(
        select(ProductCost)
        .where(ProductCost.store_id == store_id, ProductCost.effective_from <= as_of)
        .order_by(ProductCost.effective_from)
    )
    for r in rows:  # oldest first: the newest row in effect wins
        out[r.sku] = (r.unit_cost, r.currency, r.first_leg_freight_per_unit, r.duty_rate)
    return out


def _window_pnl(
    session: Session, store_id: int, currency: str, as_of: date
) -> dict[str, finance_pnl.SkuPnl]:
    start = as_of - timedelta(days=COST_WINDOW_DAYS - 1)
    pnl = finance_pnl.sku_pnl(
        session=session, store_id=store_id, currency=currency, start=start, end=as_of
    )
    return dict(pnl.skus)


def _costs_from(
    cogs: Decimal, freight: Decimal, duty: Decimal | None, sku: finance_pnl.SkuPnl | None
) -> UnitCosts:
    def per_unit(line: str) -> Decimal:
        if sku is None or sku.units <= 0:
            return Decimal(0)
        return max(Decimal(0), -sku.lines.get(line, Decimal(0)) / sku.units)

    referral = DEFAULT_REFERRAL_RATE
    if sku is not None and sku.sales > 0 and sku.lines.get("referral_fee"):
        referral = -sku.lines["referral_fee"] / sku.sales
    return UnitCosts(
        cogs=cogs,
        freight=freight,
        duty_rate=duty or Decimal(0),
        fba_fee=per_unit("fba_fee"),
        referral_rate=referral,
        storage=per_unit("storage"),
        ad_cost=per_unit("ads"),
        returns=sum((per_unit(x) for x in RETURN_LINES), Decimal(0)),
    )


def _costs_and_units(
    session: Session, store_id: int, currency: str, as_of: date
) -> tuple[dict[str, UnitCosts], dict[str, int]]:
    rates = finance_pnl.Rates(session, store_id)
    window = _window_pnl(session, store_id, currency, as_of)
    costs = {}
    for sku, (cost, cur, freight, duty) in _current_costs(session, store_id, as_of).items():
        rate = rates.rate(cur, currency, as_of)
        if rate is None:
            continue
        costs[sku] = _costs_from(cost * rate, (freight or Decimal(0)) * rate, duty, window.get(sku))
    return costs, {s: p.units for s, p in window.items()}


def _latest_snapshot_prices(
    session: Session, store_id: int, as_of: date
) -> list[tuple[str, Decimal | None]]:
    newest = session.scalar(
        select(func.max(InventorySnapshot.snapshot_date)).where(
            InventorySnapshot.store_id == store_id, InventorySnapshot.snapshot_date <= as_of
        )
    )
    if newest is None:
        return []
    return [
        (sku, price)
        for sku, price in session.execute(
            select(InventorySnapshot.sku, InventorySnapshot.your_price).where(
                InventorySnapshot.store_id == store_id, InventorySnapshot.snapshot_date == newest
            )
        )
    ]
