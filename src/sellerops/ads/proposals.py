"""Turn the loaded data (``ads.plan``) into proposals, one builder per kind of change.

Expected effects are per day in the marketplace currency (``spend``, ``profit`` after ad
spend); evidence carries the numbers behind each proposal, named as the daily review's
evidence fields.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from sellerops.ads import metrics as am
from sellerops.ads import optimizer as opt
from sellerops.ads.plan import (
    Data,
    GroupView,
    Proposal,
    load,
    paused_by_us,
    product_ad_states,
)
from sellerops.inventory.service import StockPosition

_ASIN = re.compile(r"^b0[a-z0-9]{8}$")
_HARVEST_FROM = {"broad", "phrase", "-"}


def make_plan(
    *, session: Session, store_id: int, as_of: date, currency: str,
    positions: list[StockPosition], rules: opt.Rules = opt.RULES,
) -> list[Proposal]:  # fmt: skip
    """Every change the optimizer proposes for ``as_of`` (a marketplace-local day)."""
    data = load(session=session, store_id=store_id, as_of=as_of, currency=currency,
                positions=positions, rules=rules)  # fmt: skip
    out = stock_proposals(
        data, paused_by_us(session, store_id), product_ad_states(session, store_id)
    )
    out += bid_proposals(data, rules)
    out += negative_proposals(data, rules)
    out += harvest_proposals(data, rules)
    out += budget_proposals(data, am.daily_spend(session=session, store_id=store_id,
                                                 start=as_of - timedelta(days=13), end=as_of),
                            rules)  # fmt: skip
    return out


def _active(data: Data, view: GroupView) -> bool:
    return view.campaign.state in (None, "enabled") and view.group.state in (None, "enabled")


def _target_metrics(data: Data) -> dict[int, am.Metrics]:
    out: dict[int, am.Metrics] = defaultdict(am.Metrics)
    for (tid, _), m in data.terms.items():
        out[tid] += m
    return out


def stock_proposals(
    data: Data, paused_before: set[tuple[int, str]], states: dict[tuple[int, str], str | None]
) -> list[Proposal]:
    """Pause the product ads of SKUs that cannot sell (out of stock, under a week of cover,
    Buy Box lost) while their ad group still spends; enable the ones we paused once stock
    is back. The SKU's spend is its ad group's spread evenly over the group's SKUs."""
    out = []
    for gid, view in data.views.items():
        spend = float(data.recent_spend.get(gid, 0)) / 7 / max(len(view.skus), 1)
        for sku, (factor, evidence) in view.stock.items():
            state = states.get((gid, sku))
            if factor == 0 and _active(data, view) and state in (None, "enabled") and spend > 0:
                reason = "inventory_capped" if evidence.get("stock_capped") else "inventory_out"
                out.append(Proposal("pause", f"pause:{gid}:{sku}", view.campaign.id,
                                    reason, ad_group_id=gid, sku=sku,
                                    params={"sku": sku}, evidence=dict(evidence),
                                    effect={"spend": -round(spend, 2)}))  # fmt: skip
            elif state == "paused" and (gid, sku) in paused_before and factor >= 0.5:
                out.append(Proposal("enable", f"enable:{gid}:{sku}", view.campaign.id,
                                    "inventory_back", ad_group_id=gid, sku=sku,
                                    params={"sku": sku}, evidence=dict(evidence)))  # fmt: skip
    return out


def bid_proposals(data: Data, rules: opt.Rules) -> list[Proposal]:
    per_target = _target_metrics(data)
    tail: dict[int, tuple[float, Decimal, int, Decimal]] = {}
    for (tid, _), (clicks, spend, orders, sales) in data.tail.items():
        c, sp, o, sa = tail.get(tid, (0.0, Decimal(0), 0, Decimal(0)))
        tail[tid] = (c + clicks, sp + spend, o + orders, sa + sales)
    days = (data.mature_end - data.start).days + 1
    out = []
    for tid, target in data.targets.items():
        view = data.views.get(target.ad_group_id)
        if target.negative or view is None or not _active(data, view) or view.inventory == 0:
            continue
        if target.state not in (None, "enabled"):
            continue
        bid = target.bid or view.group.default_bid
        m = per_target.get(tid)
        if bid is None or m is None:
            continue
        exact = target.match_type == "exact"  # an exact keyword is one search term
        # The incomplete days count with their clicks weighted by the orders reported so far.
        t_clicks, t_spend, t_orders, t_sales = tail.get(tid, (0.0, Decimal(0), 0, Decimal(0)))
        move = opt.bid_move(
            opt.BidInput(bid, m.clicks + round(t_clicks), m.spend + t_spend, m.orders + t_orders,
                         m.sales + t_sales, days, view.cvr,
                         view.order_value, view.target, view.break_even, view.inventory,
                         term_prior=data.term_priors.get(target.ad_group_id) if exact else None,
                         goal=view.goal),
            rules,
        )  # fmt: skip
        if move is None:
            continue
        evidence = {"clicks": m.clicks, "orders": m.orders, "acos": _round(m.acos),
                    "cvr_shrunk": round(move.cvr, 4), "cpc": round(move.cpc, 2),
                    "value_per_click": round(move.value_per_click, 2), "goal": view.goal,
                    "mature_through": data.mature_end.isoformat(), **view.target_evidence,
                    **view.inventory_evidence}  # fmt: skip
        out.append(Proposal("bid", f"bid:{tid}", target.campaign_id, move.reason,
                            ad_group_id=target.ad_group_id, target_id=tid,
                            current=bid, proposed=move.new_bid, evidence=evidence,
                            params={"target": target.text},
                            effect={"spend": round(move.spend_per_day, 2),
                                    "profit": round(move.profit_per_day, 2)}))  # fmt: skip
    return out


def _tail_per_group(data: Data) -> dict[tuple[int, str], tuple[float, Decimal, int, Decimal]]:
    out: dict[tuple[int, str], tuple[float, Decimal, int, Decimal]] = {}
    for (tid, term), (clicks, spend, orders, sales) in data.tail.items():
        target = data.targets.get(tid)
        if target is None:
            continue
        c, sp, o, sa = out.get((target.ad_group_id, term), (0.0, Decimal(0), 0, Decimal(0)))
        out[(target.ad_group_id, term)] = (c + clicks, sp + spend, o + orders, sa + sales)
    return out


def _terms_per_group(data: Data) -> dict[tuple[int, str], tuple[am.Metrics, set[str]]]:
    """Per (ad group, term): the metrics and the match types of the targets that matched."""
    out: dict[tuple[int, str], tuple[am.Metrics, set[str]]] = {}
    for (tid, term), m in data.terms.items():
        target = data.targets.get(tid)
        if target is None:
            continue
        seen, matches = out.get((target.ad_group_id, term), (am.Metrics(), set()))
        out[(target.ad_group_id, term)] = (seen + m, matches | {target.match_type})
    return out


def _negated(data: Data) -> set[tuple[int, str]]:
    """(ad group, term key) pairs already negated, campaign-level negatives included."""
    out = set()
    for t in data.targets.values():
        if not t.negative:
            continue
        if data.groups[t.ad_group_id].name_key == "":
            out |= {(gid, t.text_key) for gid, g in data.groups.items()
                    if g.campaign_id == data.groups[t.ad_group_id].campaign_id}  # fmt: skip
        out.add((t.ad_group_id, t.text_key))
    return out


def negative_proposals(data: Data, rules: opt.Rules) -> list[Proposal]:
    per_group = _terms_per_group(data)
    orders_of: dict[str, int] = defaultdict(int)
    for (_, term), (m, _) in per_group.items():
        orders_of[term] += m.orders
    negated = _negated(data)
    tail = _tail_per_group(data)
    out = []
    for (gid, term), (m, _) in per_group.items():
        view = data.views.get(gid)
        if view is None or (gid, term) in negated or not _active(data, view):
            continue
        # The incomplete days count too, their clicks weighted by the orders reported so far.
        t_clicks, t_spend, t_orders, _ = tail.get((gid, term), (0.0, Decimal(0), 0, Decimal(0)))
        call = opt.negative_call(m.clicks + t_clicks, m.spend + t_spend, m.orders + t_orders,
                                 view.order_value, view.cvr, view.judge_acos, rules,
                                 term_prior=data.term_priors.get(gid),
                                 goal=view.goal)  # fmt: skip
        if call is None:
            continue
        elsewhere = orders_of[term] - m.orders
        asin = bool(_ASIN.match(term))
        out.append(Proposal(
            "negative", f"neg:{gid}:{term}", view.campaign.id,
            "negative_converts_elsewhere" if elsewhere else "negative_no_conversions",
            ad_group_id=gid, term=data.term_text.get(term, term),
            match_type="negative -" if asin else "negative exact",
            params={"term": data.term_text.get(term, term)},
            evidence={"search_term": data.term_text.get(term, term), "clicks": m.clicks,
                      "spend": float(m.spend), "orders": m.orders,
                      "recent_clicks_weighted": round(t_clicks, 1),
                      "probability_reaching_target": round(call.probability, 4),
                      "probability_threshold": rules.negative_probability,
                      "needed_cvr": round(call.needed_cvr, 4),
                      "orders_elsewhere": elsewhere, "target_acos": round(view.target, 4),
                      "judged_at_acos": round(view.judge_acos, 4), "goal": view.goal,
                      "mature_through": data.mature_end.isoformat()},
            effect={"spend": -round(float(m.spend) / max((data.mature_end - data.start).days, 1),
                                    2)},
        ))  # fmt: skip
    return out


def _exact_keywords(data: Data) -> set[str]:
    return {t.text_key for t in data.targets.values() if t.match_type == "exact"}


def _destination(data: Data, source: GroupView) -> GroupView | None:
    """A manual campaign's ad group advertising the same products (else of the same name),
    of an ad product with keywords (Sponsored Products or Brands; Display has none), the
    source's own ad product first."""
    keyworded = sorted(
        (v for v in data.views.values() if v.campaign.ad_product in ("SP", "SB")),
        key=lambda v: (v.campaign.ad_product != source.campaign.ad_product, v.group.id),
    )
    for view in keyworded:
        manual = view.campaign.targeting_type == "manual" or view.campaign.targeting_type is None
        if view.group.id == source.group.id or not manual or view.campaign.id == source.campaign.id:
            continue
        if source.skus and view.skus == source.skus:
            return view
    for view in keyworded:
        if (view.campaign.targeting_type == "manual" and view.group.id != source.group.id
                and view.group.name_key == source.group.name_key):  # fmt: skip
            return view
    return None


def harvest_proposals(data: Data, rules: opt.Rules) -> list[Proposal]:
    """Converting terms of auto / broad / phrase targets become exact keywords in a manual
    ad group of the same products, and negative exact in the source (one proposal). The
    orders reported over the incomplete last days count too: adding a keyword is not a cut."""
    exact = _exact_keywords(data)
    tail = _tail_per_group(data)
    out = []
    for (gid, term), (m, matches) in _terms_per_group(data).items():
        view = data.views.get(gid)
        if view is None or term in exact or _ASIN.match(term) or not matches & _HARVEST_FROM:
            continue
        t_clicks, t_spend, t_orders, t_sales = tail.get(
            (gid, term), (0.0, Decimal(0), 0, Decimal(0))
        )
        orders, sales = m.orders + t_orders, m.sales + t_sales
        if orders < rules.harvest_min_orders or not sales:
            continue
        if float((m.spend + t_spend) / sales) > view.judge_acos:
            continue
        dest = _destination(data, view)
        if dest is None:
            continue
        exact.add(term)
        bid = opt.harvest_bid(orders, round(m.clicks + t_clicks), float(sales / orders),
                              view.cvr, dest.judge_acos, rules,
                              term_prior=data.term_priors.get(gid))  # fmt: skip
        text = data.term_text.get(term, term)
        out.append(Proposal(
            "harvest", f"harvest:{dest.group.id}:{term}", dest.campaign.id, "harvest_converting",
            ad_group_id=dest.group.id, source_ad_group_id=gid, term=text, match_type="exact",
            proposed=bid, params={"term": text},
            evidence={"search_term": text, "clicks": m.clicks, "orders": m.orders,
                      "acos": _round(m.acos), "target_acos": round(dest.target, 4),
                      "judged_at_acos": round(view.judge_acos, 4),
                      "source_campaign": view.campaign.name,
                      "mature_through": data.mature_end.isoformat()},
        ))  # fmt: skip
    return out


def budget_proposals(
    data: Data, spend: dict[int, dict[date, Decimal]], rules: opt.Rules
) -> list[Proposal]:
    per_campaign: dict[int, am.Metrics] = defaultdict(am.Metrics)
    for (tid, _), m in data.terms.items():
        if tid in data.targets:
            per_campaign[data.targets[tid].campaign_id] += m
    out = []
    for cid, campaign in data.campaigns.items():
        views = [v for v in data.views.values() if v.campaign.id == cid]
        if campaign.daily_budget is None or not views or campaign.state not in (None, "enabled"):
            continue
        days = list(spend.get(cid, {}).values())
        limited = opt.is_budget_limited(days, campaign.daily_budget, rules)
        target = sum(v.judge_acos for v in views) / len(views)
        inventory = min(v.inventory for v in views)
        m = per_campaign.get(cid, am.Metrics())
        move = opt.budget_move(campaign.daily_budget, m.acos, target, limited, inventory, rules)
        if move is None:
            continue
        new, reason = move
        extra = float(new - campaign.daily_budget)
        be = sum(v.break_even for v in views) / len(views)
        profit = extra * (be / m.acos - 1) if m.acos else 0.0
        capped = sum(1 for s in days if s >= campaign.daily_budget * Decimal("0.95"))
        out.append(Proposal(
            "budget", f"budget:{cid}", cid, reason, current=campaign.daily_budget, proposed=new,
            params={"campaign": campaign.name},
            evidence={"daily_budget": float(campaign.daily_budget), "days_capped": capped,
                      "acos": _round(m.acos), "target_acos": round(target, 4),
                      "spend": float(m.spend), "sales": float(m.sales)},
            effect={"spend": round(extra, 2), "profit": round(profit, 2)},
        ))  # fmt: skip
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
