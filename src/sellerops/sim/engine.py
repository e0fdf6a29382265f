"""``simulate``: builds the catalog, then runs every marketplace through the model chain.

Order of the chain (each step only reads the steps before it): incidents -> offers ->
demand -> Buy Box -> store day loop -> orders -> traffic -> ads -> returns, reviews, messages.
The timeline includes a burn-in before the window; everything reported is cut to the window.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from sellerops.core.marketplaces import Marketplace, get_marketplace
from sellerops.sim.ads import AdMetrics, make_metrics, make_structure
from sellerops.sim.catalog import Catalog, CatalogArrays, make_catalog
from sellerops.sim.catalog_data import CATEGORIES, MARKET_SCALE
from sellerops.sim.config import BURN_IN_DAYS, SimConfig, stream
from sellerops.sim.demand import Demand, make_demand
from sellerops.sim.events import Event, event_uplift, events_between, yearly_profile
from sellerops.sim.feedback import MessageTable, ReviewTable, make_messages, make_reviews
from sellerops.sim.incidents import IncidentPlan, plan_incidents
from sellerops.sim.offers import Offers, make_offers
from sellerops.sim.orders import CellCounts, OrderTable, make_orders
from sellerops.sim.returns import ReturnTable, make_returns
from sellerops.sim.stock_views import pipeline_stages, shift_days, unfulfillable_units
from sellerops.sim.store import StockTrace, StoreInputs, StoreLoop
from sellerops.sim.traffic import Traffic, make_traffic
from sellerops.sim.truth import MarketTruth, SimTruth


def simulate(config: SimConfig) -> SimTruth:
    """Simulate the store described by ``config``; deterministic for a given config."""
    catalog = make_catalog(config)
    first = config.first_day - timedelta(days=BURN_IN_DAYS)
    timeline = [first + timedelta(days=i) for i in range(BURN_IN_DAYS + config.days)]
    events = events_between(timeline[0], config.last_day + timedelta(days=365))
    structure = make_structure(catalog.products, catalog.arrays, stream(config.seed, "ads"))
    markets = {
        code: _market(config, catalog, code, timeline, events, storylines=i == 0)
        for i, code in enumerate(config.market_codes)
    }
    return SimTruth(
        config=config,
        days=timeline[BURN_IN_DAYS:],
        products=catalog.products,
        catalog=catalog.arrays,
        events=[e for e in events if e.end >= config.first_day],
        ad_structure=structure,
        markets=markets,
    )


@dataclass(slots=True)
class _Market:
    """One marketplace's run: its identity and its seeded streams."""

    config: SimConfig
    cat: CatalogArrays
    code: str
    timeline: list[date]

    @property
    def mp(self) -> Marketplace:
        return get_marketplace(self.code)

    def rng(self, part: str) -> np.random.Generator:
        return stream(self.config.seed, f"{part}/{self.code}")


@dataclass(slots=True)
class _Model:
    plan: IncidentPlan
    offers: Offers
    demand: Demand
    wanted: NDArray[np.int32]
    stock: StockTrace


def _market(
    config: SimConfig,
    catalog: Catalog,
    code: str,
    timeline: list[date],
    events: list[Event],
    *,
    storylines: bool,
) -> MarketTruth:
    ctx = _Market(
        config if storylines else replace(config, storylines=False), catalog.arrays, code, timeline
    )
    model = _store_model(ctx, events)
    return _records(ctx, model)


def _store_model(ctx: _Market, events: list[Event]) -> _Model:
    """Incidents -> offers -> demand -> Buy Box -> the store's day loop, over the timeline."""
    cat, timeline = ctx.cat, ctx.timeline
    scale = MARKET_SCALE.get(ctx.code, 0.1)
    plan = plan_incidents(ctx.config, cat, timeline, ctx.rng("incidents"))
    _, deal_days = event_uplift(timeline, events)
    offers = make_offers(cat, plan, deal_days, ctx.mp.currency, ctx.rng("offers"))
    demand = make_demand(cat, offers, plan, timeline, events, scale, ctx.rng("demand"))
    wanted = ctx.rng("buybox").binomial(demand.demand, offers.buybox).astype(np.int32)
    # The operator plans launches and fallbacks with the planned rate: base rate x lifecycle.
    plan_rate = ((cat.base_rate * scale)[:, None] * demand.lifecycle).astype(np.float32)
    season = yearly_profile(timeline)[cat.cat]
    inputs = StoreInputs(wanted, plan_rate, plan.reorder_stop_t, plan.lean, season)
    loop = StoreLoop(cat, inputs, ctx.rng("store"))
    if plan.stockout_story is not None:
        loop.run(plan.stockout_story[1])
        _size_surge(plan, loop, demand, wanted, offers.buybox, ctx.rng("surge"))
    loop.run(len(timeline))
    return _Model(plan, offers, demand, wanted, loop.result())


@dataclass(slots=True)
class _Records:
    orders: OrderTable
    counts: CellCounts
    traffic: Traffic
    ads: AdMetrics
    returns: ReturnTable
    reviews: ReviewTable
    messages: MessageTable


def _records(ctx: _Market, model: _Model) -> MarketTruth:
    """Cut the model to the window and derive what a seller's reports are made of."""
    cat, mp, rng, w = ctx.cat, ctx.mp, ctx.rng, slice(BURN_IN_DAYS, None)
    dates = ctx.timeline[w]
    units, price = model.stock.units_sold[:, w], model.offers.price[:, w]
    available, expected = model.stock.available[:, w], model.demand.traffic[:, w]
    b2b = np.array([c.b2b_share for c in CATEGORIES])[cat.cat]
    orders, counts = make_orders(units, price, cat.mfn, b2b, dates, ctx.code, mp.tz, rng("orders"))
    traffic = make_traffic(
        expected, available, counts.order_items, counts.order_items_b2b, b2b, rng("traffic")
    )
    ads = make_metrics(
        cat, traffic.sessions, expected, available, units, counts.order_items, price,
        mp.currency, rng("ads"),
    )  # fmt: skip
    bad = model.plan.bad_batch
    defect_mult = np.where(bad.active, bad.value, np.float32(1))[:, w]
    starts = orders.day_start_utc
    returns = make_returns(
        orders, cat.return_rate, defect_mult, cat.defect_rate, starts, rng("returns")
    )
    wave = model.plan.review_wave
    wave = None if wave is None else (wave[0], wave[1] - BURN_IN_DAYS, wave[2] - BURN_IN_DAYS)
    reviews = make_reviews(orders, cat.defect_rate, defect_mult, wave, len(dates), rng("reviews"))
    deadline = int(starts[-1]) + 86400 + 6 * 3600  # the next morning, when reports are pulled
    messages = make_messages(orders, returns, ctx.code, deadline, rng("messages"))
    records = _Records(orders, counts, traffic, ads, returns, reviews, messages)
    return _assemble(ctx, model, records)


def _assemble(ctx: _Market, model: _Model, r: _Records) -> MarketTruth:
    """The window's slice of every model array, plus the derived records."""
    w, stock, demand, offers = slice(BURN_IN_DAYS, None), model.stock, model.demand, model.offers
    dates = ctx.timeline[w]
    unfulfillable = unfulfillable_units(stock, r.returns, r.orders, dates, ctx.rng("removals"))
    stages = pipeline_stages(stock.purchase_orders, len(ctx.cat), len(ctx.timeline))
    return MarketTruth(
        marketplace=ctx.mp,
        incidents=model.plan.incidents,
        list_price=offers.list_price,
        price=offers.price[:, w],
        coupon=offers.coupon[:, w],
        deal=offers.deal[:, w],
        buybox_share=offers.buybox[:, w],
        lifecycle=demand.lifecycle[:, w],
        expected_sessions=demand.traffic[:, w],
        cvr=demand.cvr[:, w],
        true_demand=demand.true_demand[:, w],
        demand=demand.demand[:, w],
        wanted=model.wanted[:, w],
        units_sold=stock.units_sold[:, w],
        order_items=r.counts.order_items,
        units_b2b=r.counts.units_b2b,
        order_items_b2b=r.counts.order_items_b2b,
        available=stock.available[:, w],
        fulfillable=stock.fulfillable[:, w],
        reserved=stock.reserved[:, w],
        unfulfillable=unfulfillable[:, w],
        on_order=stages[0][:, w],
        inbound_working=stages[1][:, w],
        inbound_shipped=stages[2][:, w],
        inbound_receiving=stages[3][:, w],
        traffic=r.traffic,
        ads=r.ads,
        orders=r.orders,
        returns=r.returns,
        reviews=r.reviews,
        messages=r.messages,
        purchase_orders=shift_days(stock.purchase_orders, -BURN_IN_DAYS),
        day_start_utc=r.orders.day_start_utc,
    )


def _size_surge(
    plan: IncidentPlan,
    loop: StoreLoop,
    demand: Demand,
    wanted: NDArray[np.int32],
    buybox: NDArray[np.float32],
    rng: np.random.Generator,
) -> None:
    """Scale the stock-out story's demand from its start day so that what is on hand and
    arriving by the end date sells down to 2-8 days of cover (never less than no surge)."""
    assert plan.stockout_story is not None
    sku, start = plan.stockout_story
    end = wanted.shape[1] - 1
    base = int(wanted[sku, start:].sum())
    keep = base / (end + 1 - start) * rng.uniform(2, 8)
    mult = float(np.clip((loop.position(sku, end) - keep) / max(base, 1), 1.0, 5.0))
    demand.traffic[sku, start:] *= np.float32(mult)
    demand.true_demand[sku, start:] *= np.float32(mult)
    demand.demand[sku, start:] = rng.poisson(demand.true_demand[sku, start:])
    new = rng.binomial(demand.demand[sku, start:], buybox[sku, start:]).astype(np.int32)
    loop.set_wanted(sku, start, new)
    for i, inc in enumerate(plan.incidents):
        if inc.kind == "stockout_risk":
            text = f"demand up {mult - 1:.0%} for 40 days, no purchase order placed"
            plan.incidents[i] = replace(inc, detail=text + "; cover < lead time")
