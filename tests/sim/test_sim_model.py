"""The ground truth behaves like a store: stock limits sales, lost demand is lost, and the demo
store has the end-of-window problems the daily review must find."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from sellerops.sim import SimConfig, SimTruth, simulate
from tests.sim.conftest import DEMO_END


def test_sales_never_exceed_demand_or_stock(demo_truth: SimTruth) -> None:
    m = demo_truth.primary
    assert (m.units_sold <= m.demand).all()
    assert (m.units_sold <= m.wanted).all()
    assert (m.units_sold <= m.available).all()


def test_nothing_sells_without_stock_and_that_demand_is_lost(demo_truth: SimTruth) -> None:
    m = demo_truth.primary
    empty = m.available == 0
    assert (m.units_sold[empty] == 0).all()
    assert (m.demand[empty] > 0).sum() > 0, "stock-outs must cost real demand"
    assert m.lost_units.sum() > 0


def test_order_items_and_sessions_add_up(demo_truth: SimTruth) -> None:
    m = demo_truth.primary
    assert (m.order_items <= m.units_sold).all()
    assert ((m.units_sold > 0) == (m.order_items > 0)).all()
    assert (m.traffic.sessions >= m.order_items).all()
    assert (m.traffic.sessions_b2b <= m.traffic.sessions).all()
    assert (m.units_b2b <= m.units_sold).all()
    assert (m.ads.units <= m.units_sold).all()
    assert (m.ads.orders <= m.ads.clicks).all()


def test_order_table_matches_units_sold(demo_truth: SimTruth) -> None:
    """Non-cancelled order quantities per SKU and day are exactly the units sold."""
    m = demo_truth.primary
    o = m.orders
    live = o.status[o.item_order] != 2
    counted = np.zeros_like(m.units_sold)
    np.add.at(counted, (o.item_sku[live], o.item_day()[live]), o.item_qty[live])
    assert np.array_equal(counted, m.units_sold)
    assert len(np.unique(o.order_number)) == len(o)


def test_stock_outs_in_the_last_60_days_hit_a_realistic_share_of_skus() -> None:
    shares = []
    for seed in (1, 2, 3):
        m = simulate(SimConfig(seed=seed, end_date=DEMO_END)).primary
        selling = m.lifecycle[:, -60:].max(axis=1) > 0
        out = ((m.available[:, -60:] == 0) & (m.lifecycle[:, -60:] > 0)).any(axis=1)
        shares.append(out[selling].mean())
    assert 0.03 <= float(np.mean(shares)) <= 0.2, shares


def test_ad_spend_is_a_plausible_share_of_sales(demo_truth: SimTruth) -> None:
    m = demo_truth.primary
    assert 0.04 <= m.ads.spend.sum() / m.sales.sum() <= 0.15


def test_returns_and_bad_reviews_follow_defect_rates(demo_truth: SimTruth) -> None:
    m = demo_truth.primary
    defect = demo_truth.catalog.defect_rate
    bad = m.reviews.rating <= 2
    worst, best = defect >= np.quantile(defect, 0.75), defect <= np.quantile(defect, 0.25)
    share = [bad[np.isin(m.reviews.sku, np.flatnonzero(g))].mean() for g in (worst, best)]
    assert share[0] > share[1]
    assert 0.01 < m.returns.qty.sum() / m.units_sold.sum() < 0.12


@pytest.mark.parametrize("end", [DEMO_END, date(2026, 7, 20), date(2026, 3, 3)])
def test_demo_has_a_sku_with_less_cover_than_its_lead_time(end: date) -> None:
    truth = simulate(SimConfig(end_date=end))
    m = truth.primary
    in_stock = m.available[:, -60:] > 0
    rate = (m.units_sold[:, -60:] * in_stock).sum(axis=1) / np.maximum(in_stock.sum(axis=1), 1)
    lead = np.array([p.lead_time_days for p in truth.products])
    short = (rate >= 1) & (m.fulfillable[:, -1] < rate * lead)
    assert short.any()
    planted = [i for i in truth.incidents if i.kind == "stockout_risk"]
    assert planted and planted[0].planted


def test_demo_has_a_buybox_loss_on_the_last_day(demo_truth: SimTruth) -> None:
    m = demo_truth.primary
    lost = np.flatnonzero(m.buybox_share[:, -1] < 0.7)
    assert len(lost) > 0
    episodes = {i.sku_index for i in demo_truth.incidents if i.kind == "buybox_loss"}
    assert set(lost.tolist()) <= episodes
    assert any(
        i.end >= demo_truth.days[-1] for i in demo_truth.incidents if i.kind == "buybox_loss"
    )


def test_demo_has_a_sales_drop_against_the_same_weekday(demo_truth: SimTruth) -> None:
    units = demo_truth.units_sold
    usual = units[:, [-8, -15, -22, -29]].mean(axis=1)
    dropped = (usual >= 3) & (units[:, -1] < 0.4 * usual)
    assert dropped.any()
    suppressed = [i for i in demo_truth.incidents if i.kind == "listing_suppressed" and i.planted]
    assert suppressed and dropped[suppressed[0].sku_index]


def test_events_include_the_big_shopping_days(demo_truth: SimTruth) -> None:
    names = {e.name for e in demo_truth.events}
    assert {"Prime Day", "Black Friday", "Cyber Monday"} <= names
    assert max(e.end for e in demo_truth.events) > demo_truth.days[-1]


def test_products_look_like_a_real_catalog(demo_truth: SimTruth) -> None:
    products = demo_truth.products
    assert all(p.asin.startswith("B0") and len(p.asin) == 10 for p in products)
    assert all(p.fnsku.startswith("X00") and len(p.fnsku) == 10 for p in products)
    assert len({p.sku for p in products}) == len(products)
    assert any(p.parent_asin != p.asin for p in products), "some variation families"
    assert all(0.2 <= p.cost_cents / p.list_price_cents <= 0.4 for p in products)
    assert {p.fulfillment for p in products} == {"AFN", "MFN"}
