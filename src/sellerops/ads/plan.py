"""The optimizer's daily plan for one store: load the data, call ``ads.optimizer``, propose.

Windows: conversions are judged over the :data:`WINDOW_DAYS` days that end
``attribution_days`` before the review day (their conversions are complete); the incomplete
tail is never used to cut a bid or negate a term. Each ad group's SKUs come from its product
ads; its stock from ``sellerops.inventory.service``; its target ACoS from ``ads.targets``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads import metrics as am
from sellerops.ads import optimizer as opt
from sellerops.ads import targets as tg
from sellerops.ads.models import AdCampaign, AdGroup, AdProductAd, AdRecommendation, AdTarget
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.inventory.service import StockPosition

WINDOW_DAYS = 60
ATTRIBUTION_DAYS = am.DEFAULT_ATTRIBUTION_DAYS["SP"]
SHARE_DAYS = 28  # the share of a SKU's units its ads bring, over the inventory's velocity window


@dataclass(slots=True)
class Proposal:
    kind: str  # bid | negative | harvest | budget | pause | enable
    key: str
    campaign_id: int
    reason: str
    ad_group_id: int | None = None
    target_id: int | None = None
    term: str | None = None
    match_type: str | None = None
    sku: str | None = None
    source_ad_group_id: int | None = None
    current: Decimal | None = None
    proposed: Decimal | None = None
    params: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    effect: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class GroupView:
    """What the optimizer knows of one ad group."""

    group: AdGroup
    campaign: AdCampaign
    skus: list[str]
    target: float
    break_even: float
    target_evidence: dict[str, Any]
    inventory: float
    inventory_evidence: dict[str, Any]
    stock: dict[str, tuple[float, dict[str, Any]]] = field(default_factory=dict)
    cvr: float = 0.0
    order_value: float = 0.0
    #: ``ad_orders`` (its own ad sales per order, 3 orders or more), ``selling_price`` (its
    #: SKUs' price per unit, see ``ads.targets``) or ``account`` (the account's ad order value).
    order_value_source: str = "ad_orders"
    #: ``profit`` (mature, declining: bid the click's marginal value) or ``target`` (launch,
    #: growth: aim the average ACoS at the target), see ``ads.optimizer``.
    goal: str = "profit"
    #: Each SKU's target ACoS (its economics and lifecycle).
    sku_targets: dict[str, tg.TargetAcos] = field(default_factory=dict)
    #: SKUs the catalog's lifecycle puts at their end (or discontinued): no growth for them.
    no_growth: list[str] = field(default_factory=list)

    @property
    def loses_money(self) -> bool:
        """Every SKU of the group loses money before ads (no ACoS breaks even)."""
        found = [t for s, t in self.sku_targets.items() if s in self.skus]
        return bool(found) and all(t.loses_money for t in found)

    @property
    def may_grow(self) -> bool:
        """False when a SKU of the group is at its end of life: no harvest, no raise."""
        return not self.no_growth

    def keep_only(self, skus: list[str], paused: list[str]) -> None:
        """Judge the group on ``skus`` alone: the plan pauses the product ads of ``paused``
        (its other SKUs), so their stock and margin no longer bear on its bids and budget."""
        known = [self.stock[s] for s in skus if s in self.stock]
        self.inventory = sum(f for f, _ in known) / len(known) if known else 1.0
        worst = min((e for _, e in known), default={},
                    key=lambda e: float("inf") if e.get("days_of_cover") is None
                    else float(e["days_of_cover"]))  # fmt: skip
        self.inventory_evidence = {**worst, "skus_paused_today": ", ".join(sorted(paused))}
        found = [self.sku_targets[s] for s in skus if s in self.sku_targets]
        if found:
            self.target = sum(t.target for t in found) / len(found)
            self.break_even = sum(t.break_even for t in found) / len(found)
            self.target_evidence = found[0].evidence()
            self.goal = goal_of(found[0].lifecycle)
        self.no_growth = [s for s in self.no_growth if s in skus]
        if self.no_growth:
            self.target_evidence = {**self.target_evidence, "lifecycle_source": "catalog",
                                    "no_growth_skus": ", ".join(self.no_growth)}  # fmt: skip

    @property
    def judge_acos(self) -> float:
        """The ACoS evidence is judged against (negatives, harvests, budgets)."""
        return opt.goal_acos(self.goal, self.target, self.break_even)


@dataclass(slots=True)
class Data:
    as_of: date
    start: date
    mature_end: date
    campaigns: dict[int, AdCampaign]
    groups: dict[int, AdGroup]
    targets: dict[int, AdTarget]
    terms: dict[tuple[int, str], am.Metrics]  # (target id, term key), mature window
    term_text: dict[str, str]
    views: dict[int, GroupView]
    account_cvr: float
    recent_spend: dict[int, Decimal]  # ad group -> spend over the last 7 days
    #: (target id, term key) -> clicks weighted by the share of orders reported so far,
    #: spend, reported orders and sales, over the incomplete days after ``mature_end``.
    tail: dict[tuple[int, str], tuple[float, Decimal, int, Decimal]] = field(default_factory=dict)
    term_priors: dict[int, opt.TermPrior] = field(default_factory=dict)  # per ad group


def load(
    *, session: Session, store_id: int, as_of: date, currency: str,
    positions: list[StockPosition], rules: opt.Rules = opt.RULES,
) -> Data:  # fmt: skip
    mature_end = am.mature_end(as_of, ATTRIBUTION_DAYS)
    start = mature_end - timedelta(days=WINDOW_DAYS - 1)
    campaigns = _by_id(session, AdCampaign, store_id)
    groups = _by_id(session, AdGroup, store_id)
    targets = _by_id(session, AdTarget, store_id)
    terms = am.metrics_by(
        session=session, store_id=store_id, level="search_term", start=start, end=mature_end
    )
    term_text = _term_texts(session, store_id, start, as_of)
    data = Data(as_of, start, mature_end, campaigns, groups, targets, terms, term_text, {}, 0.0,
                _recent_spend(session, store_id, as_of))  # fmt: skip
    data.tail = _tail(session, store_id, mature_end, as_of)
    data.views = _group_views(session, store_id, data, currency, positions, rules)
    return data


def _tail(
    session: Session, store_id: int, mature_end: date, as_of: date
) -> dict[tuple[int, str], tuple[float, Decimal, int, Decimal]]:
    """The incomplete days: each day's clicks weighted by ``opt.REPORTED_SHARE`` of its age."""
    out: dict[tuple[int, str], tuple[float, Decimal, int, Decimal]] = {}
    day = mature_end + timedelta(days=1)
    while day <= as_of:
        age = (as_of - day).days
        share = opt.REPORTED_SHARE[min(age, len(opt.REPORTED_SHARE) - 1)]
        for key, m in am.metrics_by(session=session, store_id=store_id, level="search_term",
                                    start=day, end=day).items():  # fmt: skip
            clicks, spend, orders, sales = out.get(
                (key[0], key[1]), (0.0, Decimal(0), 0, Decimal(0))
            )
            out[(key[0], key[1])] = (clicks + m.clicks * share, spend + m.spend,
                                     orders + m.orders, sales + m.sales)  # fmt: skip
        day += timedelta(days=1)
    return out


def _by_id(session: Session, model: Any, store_id: int) -> dict[int, Any]:
    return {r.id: r for r in session.scalars(select(model).where(model.store_id == store_id))}


def _term_texts(session: Session, store_id: int, start: date, end: date) -> dict[str, str]:
    from sellerops.ads.models import AdSearchTermDaily as T

    rows = session.execute(
        select(T.term_key, func.max(T.term))
        .where(T.store_id == store_id, T.day >= start, T.day <= end)
        .group_by(T.term_key)
    )
    return {key: text for key, text in rows}


def _recent_spend(session: Session, store_id: int, as_of: date) -> dict[int, Decimal]:
    per_group = am.metrics_by(
        session=session, store_id=store_id, level="ad_group",
        start=as_of - timedelta(days=6), end=as_of,
    )  # fmt: skip
    return {gid: m.spend for (gid,), m in per_group.items()}


def _group_views(
    session: Session, store_id: int, data: Data, currency: str,
    positions: list[StockPosition], rules: opt.Rules,
) -> dict[int, GroupView]:  # fmt: skip
    products = am.group_products(session=session, store_id=store_id)
    by_sku = {p.sku: p for p in positions}
    prices, price_sources = _prices(session, store_id, data.as_of, currency)
    sku_targets = tg.store_targets(
        session=session, store_id=store_id, as_of=data.as_of, currency=currency, prices=prices,
        price_sources=price_sources,
    )  # fmt: skip
    stages = catalog_stages(session, store_id, data.as_of, positions)
    for sku, stage in stages.items():
        if stage in tg.NO_GROWTH_STAGES and sku in sku_targets:
            t = sku_targets[sku]
            sku_targets[sku] = tg.target_acos(sku, t.economics, stage)
    boxes = buy_boxes(session, store_id, data.as_of)
    shares = _ad_shares(session, store_id, data.as_of, positions)
    default = tg.target_acos("", tg.economics(Decimal(100), None, None, "assumed_margin"), "mature")
    views = {}
    for gid, group in data.groups.items():
        skus = sorted({sku for sku, _ in products.get(gid, ())})
        found = [sku_targets[s] for s in skus if s in sku_targets] or [default]
        target = sum(t.target for t in found) / len(found)
        views[gid] = GroupView(
            group, data.campaigns[group.campaign_id], skus, target,
            sum(t.break_even for t in found) / len(found), found[0].evidence(),
            *_inventory(skus, by_sku, boxes, rules, shares),
        )  # fmt: skip
        views[gid].goal = goal_of(found[0].lifecycle)
        views[gid].sku_targets = {s: sku_targets[s] for s in skus if s in sku_targets}
        views[gid].no_growth = [s for s in skus if stages.get(s) in tg.NO_GROWTH_STAGES]
        if views[gid].no_growth:
            views[gid].target_evidence = {
                **views[gid].target_evidence, "lifecycle": stages[views[gid].no_growth[0]],
                "lifecycle_source": "catalog", "no_growth_skus": ", ".join(views[gid].no_growth),
            }  # fmt: skip
        views[gid].stock = {
            sku: _inventory([sku], by_sku, boxes, rules, shares) for sku in skus if sku in by_sku
        }
    _rates(data, views)
    return views


def catalog_stages(
    session: Session, store_id: int, as_of: date, positions: list[StockPosition]
) -> dict[str, str]:
    """SKU -> the catalog's lifecycle stage (``sellerops.catalog.lifecycle``: new, growth,
    mature, decline, end_of_life), as the daily review's lifecycle checks classify it; an
    empty map when the store or its sales history is missing."""
    from sellerops.catalog import lifecycle_checks
    from sellerops.core.models import Store
    from sellerops.daily.context import ReviewContext

    store = session.get(Store, store_id)
    if store is None or not positions:
        return {}
    ctx = ReviewContext(session, store, as_of)
    ctx.memo("inventory.stock_positions", lambda: positions)  # already loaded by the caller
    return {pos.sku: stage.stage for pos, stage, _ in lifecycle_checks._stages(ctx)}


def goal_of(lifecycle: str) -> str:
    """Mature and declining products aim at profit; a launch or growth buys sales at a set
    ACoS on purpose (``ads.targets.LIFECYCLE_FACTOR``)."""
    return "target" if lifecycle in ("launch", "growth") else "profit"


def _prices(
    session: Session, store_id: int, as_of: date, currency: str
) -> tuple[dict[str, Decimal], dict[str, tuple[str, int | None]]]:
    """SKU -> the price its margin is figured at, and where it comes from: the average
    selling price over the last ``selling_price.WINDOW_DAYS`` days when enough units sold
    (orders, else the Business Report), else the listing price (``current_prices``)."""
    from sellerops.catalog.pricing_service import current_prices
    from sellerops.catalog.selling_price import average_selling_prices

    prices: dict[str, Decimal] = {}
    sources: dict[str, tuple[str, int | None]] = {}
    for sku, (own, _) in current_prices(session=session, store_id=store_id, as_of=as_of).items():
        if own:
            prices[sku] = Decimal(own)
            sources[sku] = ("listing_price", None)
    realised = average_selling_prices(
        session=session, store_id=store_id, as_of=as_of, currency=currency
    )
    for sku, sold in realised.items():
        prices[sku] = sold.price
        sources[sku] = (f"average_selling_price_{sold.source}", sold.units)
    return prices, sources


@dataclass(frozen=True, slots=True)
class BuyBox:
    """An ASIN's Buy Box from the Business Report, as the daily review's ``buy_box_loss``
    check reads it: ``share`` on the review day (None: no row with sessions that day),
    ``usual`` its sessions-weighted share from 28 to 3 days before (None: no such days),
    ``lost`` when the share averaged under :data:`BUY_BOX_LOST` over the last 3 days with
    sessions (the ads pause: they would send shoppers to another seller's offer). A share
    of 34 % is a partial loss: said as the share, not as lost."""

    share: float | None
    usual: float | None
    lost: bool


#: Under this Buy Box share (3-day average) the offer counts as lost and its ads pause.
BUY_BOX_LOST = 0.10


def buy_boxes(session: Session, store_id: int, as_of: date) -> dict[str, BuyBox]:
    """Per child ASIN, its Buy Box on the review day, usually, and whether it is lost."""
    d = SalesTrafficDaily
    rows = session.execute(
        select(d.child_asin, d.day, d.buy_box_pct, d.sessions)
        .where(d.store_id == store_id, d.day >= as_of - timedelta(days=28), d.day <= as_of,
               d.sessions > 0, d.buy_box_pct.is_not(None))
    )  # fmt: skip
    days: dict[str, dict[date, tuple[float, int]]] = defaultdict(dict)
    for asin, day, share, sessions in rows:
        if share is not None:
            days[asin][day] = (float(share), int(sessions))
    out = {}
    for asin, seen in days.items():
        recent = [v for day, (v, _) in seen.items() if day > as_of - timedelta(days=3)]
        base = [(v, n) for day, (v, n) in seen.items() if day <= as_of - timedelta(days=3)]
        weight = sum(n for _, n in base)
        today = seen.get(as_of)
        out[asin] = BuyBox(
            None if today is None else today[0],
            sum(v * n for v, n in base) / weight if weight else None,
            bool(recent) and sum(recent) / len(recent) < BUY_BOX_LOST,
        )
    return out


def _ad_shares(
    session: Session, store_id: int, as_of: date, positions: list[StockPosition]
) -> dict[str, float]:
    """SKU -> the share of its units over the last :data:`SHARE_DAYS` days that its ads
    brought (advertised product report; SKUs without it are left out, their stock-capped
    check is skipped). Orders of the last days are not all reported yet: a low estimate,
    which makes the stock-capped pause (``opt.stock_capped``) more cautious, not less."""
    per_asin = am.metrics_by(session=session, store_id=store_id, level="product",
                             start=as_of - timedelta(days=SHARE_DAYS - 1), end=as_of)  # fmt: skip
    out = {}
    for p in positions:
        m = per_asin.get((p.asin,)) if p.asin else None
        if m is not None and p.units_per_day > 0:
            out[p.sku] = min(m.units / (p.units_per_day * SHARE_DAYS), 1.0)
    return out


def _inventory(
    skus: list[str], by_sku: dict[str, StockPosition], boxes: dict[str, BuyBox],
    rules: opt.Rules, shares: dict[str, float] | None = None,
) -> tuple[float, dict[str, Any]]:  # fmt: skip
    """The ad group's push: the mean of its SKUs' inventory factors (1 when unknown)."""
    shares = shares or {}
    known = [by_sku[s] for s in skus if s in by_sku]
    if not known:
        return 1.0, {}

    def lost(p: StockPosition) -> bool:
        box = boxes.get(p.asin or "")
        return box is not None and box.lost

    factors = [
        opt.inventory_factor(p.fulfillable, p.cover_days, p.cover_with_inbound_days,
                             p.lead_time_days, lost(p), rules, ad_share=shares.get(p.sku))
        for p in known
    ]  # fmt: skip
    worst = min(known, key=lambda p: p.cover_days)
    cover = None if worst.cover_days == float("inf") else round(worst.cover_days, 1)
    with_inbound = worst.cover_with_inbound_days
    evidence: dict[str, Any] = {
        "sku": worst.sku, "fulfillable": worst.fulfillable, "days_of_cover": cover,
        "days_of_cover_with_inbound": None if with_inbound == float("inf")
        else round(with_inbound, 1),
        "lead_time_days": worst.lead_time_days, "pause_cover_days": rules.pause_cover_days,
    }  # fmt: skip
    box = boxes.get(worst.asin or "")
    if box is not None and box.share is not None:  # the review day's share, as Today says it
        evidence["buy_box"] = round(box.share, 4)
        if box.usual is not None:
            evidence["buy_box_usual"] = round(box.usual, 4)
    share = shares.get(worst.sku)
    cause = opt.pause_cause(worst.fulfillable, worst.cover_days, with_inbound,
                            worst.lead_time_days, lost(worst), rules, ad_share=share)  # fmt: skip
    if cause is not None:
        evidence["pause_cause"] = cause
    if share is not None:
        evidence["ad_share_of_units"] = round(share, 3)
        evidence["stock_capped"] = worst.fulfillable > 0 and opt.stock_capped(
            worst.cover_with_inbound_days, worst.lead_time_days, share
        )
    return sum(factors) / len(factors), evidence


def _rates(data: Data, views: dict[int, GroupView]) -> None:
    """Hierarchical shrinkage: account -> campaign -> ad group conversion rates."""
    k = opt.RULES.prior_clicks
    per_group: dict[int, am.Metrics] = defaultdict(am.Metrics)
    group_terms: dict[int, dict[str, am.Metrics]] = defaultdict(lambda: defaultdict(am.Metrics))
    for (tid, term), m in data.terms.items():
        target = data.targets.get(tid)
        if target is not None:
            per_group[target.ad_group_id] += m
            group_terms[target.ad_group_id][term] += m
    per_campaign: dict[int, am.Metrics] = defaultdict(am.Metrics)
    for gid, m in per_group.items():
        per_campaign[data.groups[gid].campaign_id] += m
    total = sum(per_group.values(), am.Metrics())
    data.account_cvr = (total.orders / total.clicks) if total.clicks else 0.1
    account_aov = float(total.order_value or 0) or 25.0
    for gid, view in views.items():
        c = per_campaign.get(view.campaign.id, am.Metrics())
        c_rate = opt.shrunk_rate(c.orders, c.clicks, data.account_cvr, k)
        g = per_group.get(gid, am.Metrics())
        view.cvr = opt.shrunk_rate(g.orders, g.clicks, c_rate, k)
        terms = list(group_terms.get(gid, {}).values())
        data.term_priors[gid] = opt.fit_term_prior(
            [t.orders for t in terms], [t.clicks for t in terms], view.cvr, k
        )
        own = float(g.order_value or 0)
        priced = [float(t.economics.price) for s, t in view.sku_targets.items() if s in view.skus]
        if g.orders >= 3 or (own and not priced):
            view.order_value, view.order_value_source = own, "ad_orders"
        elif priced:  # a few orders say little: the price its units sell for
            view.order_value, view.order_value_source = sum(priced) / len(priced), "selling_price"
        else:
            view.order_value, view.order_value_source = account_aov, "account"


def paused_by_us(session: Session, store_id: int) -> set[tuple[int, str]]:
    """(ad group, SKU) product ads the optimizer paused for stock, the pause exported."""
    rows = session.execute(
        select(AdRecommendation.ad_group_id, AdRecommendation.sku).where(
            AdRecommendation.store_id == store_id,
            AdRecommendation.kind == "pause",
            AdRecommendation.status == "exported",
        )
    )
    return {(gid, sku) for gid, sku in rows if gid is not None and sku}


def pause_reasons(session: Session, store_id: int) -> dict[tuple[int, str], str]:
    """(ad group, SKU) -> the reason of the newest exported pause the optimizer made."""
    rows = session.execute(
        select(AdRecommendation.ad_group_id, AdRecommendation.sku, AdRecommendation.reason)
        .where(AdRecommendation.store_id == store_id, AdRecommendation.kind == "pause",
               AdRecommendation.status == "exported")
        .order_by(AdRecommendation.id)
    )  # fmt: skip
    return {(gid, sku): reason for gid, sku, reason in rows if gid is not None and sku}


def paused_spend(session: Session, store_id: int) -> dict[tuple[int, str], float]:
    """(ad group, SKU) -> the ad spend per day the newest exported pause of the optimizer
    took away (what the ad spent before it): what enabling it brings back."""
    rows = session.execute(
        select(AdRecommendation.ad_group_id, AdRecommendation.sku, AdRecommendation.effect)
        .where(AdRecommendation.store_id == store_id, AdRecommendation.kind == "pause",
               AdRecommendation.status == "exported")
        .order_by(AdRecommendation.id)
    )  # fmt: skip
    out = {}
    for gid, sku, effect in rows:
        spend = (effect or {}).get("spend")
        if gid is not None and sku and spend is not None:
            out[(gid, sku)] = -float(spend)
    return out


def product_ad_states(session: Session, store_id: int) -> dict[tuple[int, str], str | None]:
    rows = session.execute(
        select(AdProductAd.ad_group_id, AdProductAd.sku, AdProductAd.state).where(
            AdProductAd.store_id == store_id
        )
    )
    return {(gid, sku): state for gid, sku, state in rows}
