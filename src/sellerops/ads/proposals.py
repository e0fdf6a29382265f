"""Turn the loaded data (``ads.plan``) into proposals, one builder per kind of change.

Expected effects are per day in the marketplace currency (``spend``, ``profit`` after ad
spend); evidence carries the numbers behind each proposal, named as the daily review's
evidence fields.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
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
    pause_reasons,
    paused_spend,
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
    states = product_ad_states(session, store_id)
    stock = stock_proposals(data, pause_reasons(session, store_id), states,
                            paused_spend(session, store_id))  # fmt: skip
    off = after_pauses(data, stock, states)
    negatives, harvests = negative_proposals(data, rules), harvest_proposals(data, rules)
    kept = [p for p in negatives + harvests if p.ad_group_id not in off]
    lines = campaign_lines(data, off)
    bids = bid_proposals(data, rules, moving_out(kept), back_in_stock(data, stock, states),
                         lines)  # fmt: skip
    _note_left_out(stock, [p for p in bids + negatives + harvests if p.ad_group_id in off])
    budgets = budget_proposals(data, am.daily_spend(session=session, store_id=store_id,
                                                    start=as_of - timedelta(days=13), end=as_of),
                               rules, off, lines)  # fmt: skip
    return stock + [p for p in bids if p.ad_group_id not in off] + kept + budgets


@dataclass(frozen=True, slots=True)
class CampaignLine:
    """One campaign's ACoS lines, the same wherever the campaign is judged or summed up
    (its budget, the review's findings, the web): the break-even, target and judged ACoS of
    its ad groups (each as the optimizer bids it: its serving products'), weighted by each
    ad group's ad spend over the judged window (``basis`` ``spend_weighted``; ``mean`` when
    none spent; ``single`` when its ad groups have one line). Ad groups whose products all
    lose money, or that this plan pauses entirely, are left out: they stop serving."""

    break_even: float
    target: float
    judged: float
    goal: str
    basis: str

    def evidence(self) -> dict[str, object]:
        return {"campaign_break_even_acos": round(self.break_even, 4),
                "campaign_target_acos": round(self.target, 4),
                "campaign_acos_basis": self.basis}  # fmt: skip


def campaign_lines(
    data: Data, off: set[int] | frozenset[int] = frozenset()
) -> dict[int, CampaignLine]:
    """Per campaign, its :class:`CampaignLine`."""
    spend: dict[int, float] = defaultdict(float)
    for (tid, _), m in data.terms.items():
        target = data.targets.get(tid)
        if target is not None:
            spend[target.ad_group_id] += float(m.spend)
    per_campaign: dict[int, list[GroupView]] = defaultdict(list)
    for view in data.views.values():
        if not view.loses_money and view.group.id not in off:
            per_campaign[view.campaign.id].append(view)
    out = {}
    for cid, views in per_campaign.items():
        weights = [spend.get(v.group.id, 0.0) for v in views]
        basis = "spend_weighted" if sum(weights) > 0 else "mean"
        if basis == "mean":
            weights = [1.0] * len(views)
        if len({(round(v.break_even, 4), round(v.target, 4)) for v in views}) == 1:
            basis = "single"  # one line for all its ad groups: nothing is weighted
        total = sum(weights)

        def mean(values: list[float], w: list[float] = weights, t: float = total) -> float:
            return sum(v * x for v, x in zip(values, w, strict=True)) / t

        out[cid] = CampaignLine(mean([v.break_even for v in views]),
                                mean([v.target for v in views]),
                                mean([v.judge_acos for v in views]), views[0].goal, basis)  # fmt: skip
    return out


def after_pauses(
    data: Data, stock: list[Proposal], states: dict[tuple[int, str], str | None]
) -> set[int]:
    """The ad groups whose every product ad this plan pauses (or finds paused already): they
    stop serving, so bids, negatives and harvests in them would change nothing. An ad group
    that keeps some SKUs serving is judged on those alone (``GroupView.keep_only``)."""
    paused: dict[int, set[str]] = defaultdict(set)
    for p in stock:
        if p.kind == "pause" and p.ad_group_id is not None and p.sku:
            paused[p.ad_group_id].add(p.sku)
    off = set()
    for gid, skus in paused.items():
        view = data.views[gid]
        live = [s for s in view.skus if s not in skus and states.get((gid, s)) in (None, "enabled")]
        if live:
            view.keep_only(live, sorted(skus))
        else:
            off.add(gid)
    return off


def _note_left_out(stock: list[Proposal], left_out: list[Proposal]) -> None:
    """Say on each pause of an ad group that stops serving how many of the group's other
    changes (bids, negatives, harvests) the plan leaves out for it."""
    counts: dict[int, int] = defaultdict(int)
    for p in left_out:
        if p.ad_group_id is not None:
            counts[p.ad_group_id] += 1
    for p in stock:
        if p.kind == "pause" and p.ad_group_id is not None and counts.get(p.ad_group_id):
            p.evidence["changes_left_out"] = counts[p.ad_group_id]


def _active(data: Data, view: GroupView) -> bool:
    return view.campaign.state in (None, "enabled") and view.group.state in (None, "enabled")


#: Pause reason per ``opt.pause_cause``.
PAUSE_REASONS = {"out_of_stock": "inventory_out_of_stock", "buybox_lost": "inventory_buybox_lost",
                 "cover_short": "inventory_cover_short", "capped": "inventory_capped"}  # fmt: skip


def stock_proposals(
    data: Data, paused_before: dict[tuple[int, str], str],
    states: dict[tuple[int, str], str | None],
    spend_before: dict[tuple[int, str], float] | None = None,
) -> list[Proposal]:  # fmt: skip
    """Pause the product ads of SKUs that cannot sell (out of stock, under a week of cover,
    Buy Box lost, stock-capped) or that lose money on every unit before ads (no ACoS breaks
    even) while their ad group still spends; enable the ones we paused once stock (or the
    margin) is back. Each pause names its cause and the numbers behind it. The SKU's spend
    is its ad group's spread evenly over the group's SKUs, and the spend a pause saves is
    its expected profit effect (a loss avoided, ranked with the other profit effects); an
    enable brings back the spend its pause took away (``spend_before``: a rise, the ad
    spends nothing while paused)."""
    spend_before = spend_before or {}
    out = []
    for gid, view in data.views.items():
        spend = float(data.recent_spend.get(gid, 0)) / 7 / max(len(view.skus), 1)
        for sku in view.skus:
            factor, evidence = view.stock.get(sku, (1.0, {}))
            target = view.sku_targets.get(sku)
            loses = target is not None and target.loses_money
            state = states.get((gid, sku))
            serving = _active(data, view) and state in (None, "enabled") and spend > 0
            if serving and (factor == 0 or loses):
                cause = evidence.get("pause_cause")
                if factor == 0 and cause in PAUSE_REASONS:
                    reason, facts = PAUSE_REASONS[str(cause)], dict(evidence)
                else:  # selling at a loss before ads: no ad sale can pay for itself
                    reason = "no_margin"
                    facts = {"sku": sku, **(target.evidence() if target else {}), **evidence}
                # The spend a pause saves is profit: the clicks cannot buy (no stock, the
                # Buy Box elsewhere), would only take the place of later sales at the same
                # margin (cover short, stock-capped), or each sale they buy adds to a loss
                # (no margin: at least the spend, the loss per unit comes on top).
                out.append(Proposal("pause", f"pause:{gid}:{sku}", view.campaign.id,
                                    reason, ad_group_id=gid, sku=sku,
                                    params={"sku": sku}, evidence=facts,
                                    effect={"spend": -round(spend, 2),
                                            "profit": round(spend, 2)}))  # fmt: skip
                continue
            why = paused_before.get((gid, sku))
            if state != "paused" or why is None or factor < 0.5 or loses:
                continue
            reason = "margin_back" if why == "no_margin" else "inventory_back"
            facts = dict(evidence)
            if why == "no_margin" and target is not None:
                facts = {**target.evidence(), **facts}
            back = spend_before.get((gid, sku))
            out.append(Proposal("enable", f"enable:{gid}:{sku}", view.campaign.id,
                                reason, ad_group_id=gid, sku=sku,
                                params={"sku": sku}, evidence=facts,
                                effect={} if back is None else {"spend": round(back, 2)}))  # fmt: skip
    return out


#: (clicks, the incomplete days' weighted by the orders reported so far; spend; orders).
Record = tuple[float, Decimal, int]


def _source_records(data: Data, tail: bool = True) -> dict[tuple[tuple[str, ...], str], Record]:
    """(SKUs advertised, search term) -> its record under auto / broad / phrase targets, the
    incomplete last days included (``tail``): the same query an exact keyword of those SKUs
    serves (its harvest source), so the same conversion rate; the exact keyword's own
    report starts empty when it is created."""
    rows: list[tuple[int, str, float, Decimal, int]] = [
        (tid, term, m.clicks, m.spend, m.orders) for (tid, term), m in data.terms.items()
    ]
    if tail:
        rows += [(tid, term, c, sp, o) for (tid, term), (c, sp, o, _) in data.tail.items()]
    out: dict[tuple[tuple[str, ...], str], Record] = {}
    for tid, term, clicks, spend, orders in rows:
        target = data.targets.get(tid)
        view = data.views.get(target.ad_group_id) if target is not None else None
        if target is None or view is None or target.match_type not in _HARVEST_FROM:
            continue
        c, sp, o = out.get((tuple(view.skus), term), (0.0, Decimal(0), 0))
        out[(tuple(view.skus), term)] = (c + clicks, sp + spend, o + orders)
    return out


def back_in_stock(
    data: Data, stock: list[Proposal], states: dict[tuple[int, str], str | None]
) -> set[int]:
    """Ad groups that served nothing during a stock pause and come back today: every product
    ad of the group is paused and this plan enables one for stock (``inventory_back``). Their
    bids are the ones from before the pause: they restart at today's value per click
    (``BidInput.resumed``)."""
    back = {p.ad_group_id for p in stock
            if p.kind == "enable" and p.reason == "inventory_back" and p.ad_group_id is not None}  # fmt: skip
    return {gid for gid in back if gid in data.views
            and all(states.get((gid, sku)) == "paused" for sku in data.views[gid].skus)}  # fmt: skip


def moving_out(proposals: list[Proposal]) -> set[tuple[int, str]]:
    """(ad group, term key) pairs that negatives and harvests of the same plan take out of
    the ad group's auto / broad / phrase targets (a harvest negates its term in the source)."""
    out = set()
    for p in proposals:
        gid = p.source_ad_group_id if p.kind == "harvest" else p.ad_group_id
        if p.kind in ("negative", "harvest") and gid is not None:
            out.add((gid, p.key.split(":", 2)[2]))
    return out


TailRecord = tuple[float, Decimal, int, Decimal]
#: Per target id: its (term key, mature record) and (term key, incomplete days) rows.
TermRows = dict[int, tuple[list[tuple[str, am.Metrics]], list[tuple[str, TailRecord]]]]


def _rows_per_target(data: Data) -> TermRows:
    out: TermRows = defaultdict(lambda: ([], []))
    for (tid, term), m in data.terms.items():
        out[tid][0].append((term, m))
    for (tid, term), t in data.tail.items():
        out[tid][1].append((term, t))
    return out


def _served(
    rows: TermRows, gid: int, tid: int, negated: set[tuple[int, str]]
) -> tuple[am.Metrics, TailRecord]:
    """A target's mature record and its incomplete days (weighted clicks, spend, orders,
    sales) over the search terms it still serves: the ones not in ``negated`` for its ad
    group ``gid``."""
    mature_rows, tail_rows = rows.get(tid, ([], []))
    mature = am.Metrics()
    for term, m in mature_rows:
        if (gid, term) not in negated:
            mature += m
    c, sp, o, sa = 0.0, Decimal(0), 0, Decimal(0)
    for term, (clicks, spend, orders, sales) in tail_rows:
        if (gid, term) not in negated:
            c, sp, o, sa = c + clicks, sp + spend, o + orders, sa + sales
    return mature, (c, sp, o, sa)


def bid_proposals(
    data: Data, rules: opt.Rules, gone: set[tuple[int, str]] | None = None,
    resumed: set[int] | None = None, lines: dict[int, CampaignLine] | None = None,
) -> list[Proposal]:  # fmt: skip
    """Bid moves. An auto / broad / phrase target is judged on the search terms it still
    serves: its negated queries (harvested ones included) are left out, and so are ``gone``,
    the ones this plan's negatives and harvests take out (its record would otherwise keep
    the converting queries that now go to exact keywords). An exact keyword counts its
    query's record in the source it was harvested from (``BidInput.history``). The bids of
    the ad groups in ``resumed`` (back from a stock pause today, :func:`back_in_stock`)
    restart at the value per click instead of stepping from the bid before the pause."""
    resumed = resumed or set()
    lines = campaign_lines(data) if lines is None else lines
    negated = _negated(data)
    leaving = (gone or set()) - negated
    left_out = negated | leaving
    history = _source_records(data)
    rows = _rows_per_target(data)
    days = (data.mature_end - data.start).days + 1
    out = []
    for tid, target in data.targets.items():
        view = data.views.get(target.ad_group_id)
        if target.negative or view is None or not _active(data, view) or view.inventory == 0:
            continue
        if view.loses_money:  # its product ads are paused instead (stock_proposals)
            continue
        if target.state not in (None, "enabled"):
            continue
        bid = target.bid or view.group.default_bid
        exact = target.match_type == "exact"  # an exact keyword is one search term
        # The incomplete days count with their clicks weighted by the orders reported so far.
        gid = target.ad_group_id
        m, (t_clicks, t_spend, t_orders, t_sales) = _served(
            rows, gid, tid, set() if exact else left_out
        )
        if bid is None or not m.clicks:  # the incomplete days alone never move a bid
            continue
        moved = 0
        if not exact and leaving:
            moved = sum(1 for term, _ in rows.get(tid, ([], []))[0] if (gid, term) in leaving)
        before = history.get((tuple(view.skus), target.text_key)) if exact else None
        push = view.inventory if view.may_grow else min(view.inventory, 1.0)
        move = opt.bid_move(
            opt.BidInput(bid, m.clicks + round(t_clicks), m.spend + t_spend, m.orders + t_orders,
                         m.sales + t_sales, days, view.cvr,
                         view.order_value, view.target, view.break_even,
                         push,
                         term_prior=data.term_priors.get(target.ad_group_id) if exact else None,
                         goal=view.goal,
                         history=(before[0], before[2]) if before else (0.0, 0.0),
                         resumed=target.ad_group_id in resumed),
            rules,
        )  # fmt: skip
        if move is None or (not view.may_grow and move.new_bid > bid):
            continue  # an end-of-life SKU's bids only come down
        seen = m.clicks + t_clicks + (before[0] if before else 0.0)
        sold = m.orders + t_orders + (before[2] if before else 0)
        evidence = {"clicks": m.clicks, "orders": m.orders, "acos": _round(m.acos),
                    "cvr_raw": round(sold / seen, 4) if seen else None,
                    "cvr_shrunk": round(move.cvr, 4), "cpc": round(move.cpc, 2),
                    "value_per_click": round(move.value_per_click, 2), "goal": view.goal,
                    "order_value": round(view.order_value, 2),
                    "order_value_source": view.order_value_source,
                    "mature_through": data.mature_end.isoformat(), **view.target_evidence,
                    **view.inventory_evidence}  # fmt: skip
        # The lines the bid is set at: its ad group's (its serving products'), and the
        # campaign's, as the budget and the review's findings state them.
        if not view.loses_money:
            evidence["break_even_acos"] = round(view.break_even, 4)
            evidence["target_acos"] = round(view.target, 4)
        if view.campaign.id in lines:
            evidence.update(lines[view.campaign.id].evidence())
        if before is not None and before[0]:
            evidence["source_clicks"] = round(before[0], 1)
            evidence["source_orders"] = before[2]
        if push != 1:
            evidence["inventory_factor"] = round(push, 3)
        if move.reason == "resume_value":  # the bid it had before the pause, left behind
            evidence["bid_before_pause"] = float(bid)
        if moved:  # queries this plan's harvests and negatives take out: not in its record
            evidence["terms_moving_out"] = moved
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
    """Negate search terms unlikely ever to pay for their clicks (``opt.negative_call``). An
    exact keyword's term is judged on its whole record: the keyword's own report and the
    same query's record under the auto / broad / phrase targets of the same SKUs (its
    harvest source), as its bid is."""
    per_group = _terms_per_group(data)
    orders_of: dict[str, int] = defaultdict(int)
    for (_, term), (m, _) in per_group.items():
        orders_of[term] += m.orders
    negated = _negated(data)
    tail = _tail_per_group(data)
    sources, mature_sources = _source_records(data), _source_records(data, tail=False)
    out = []
    for (gid, term), (m, matches) in per_group.items():
        view = data.views.get(gid)
        if view is None or (gid, term) in negated or not _active(data, view):
            continue
        if view.loses_money:
            continue
        # The incomplete days count too, their clicks weighted by the orders reported so far.
        t_clicks, t_spend, t_orders, _ = tail.get((gid, term), (0.0, Decimal(0), 0, Decimal(0)))
        s_clicks, s_spend, s_orders = 0.0, Decimal(0), 0
        if matches == {"exact"}:  # the keyword's query, as its source saw it
            s_clicks, s_spend, s_orders = sources.get((tuple(view.skus), term),
                                                      (0.0, Decimal(0), 0))  # fmt: skip
        call = opt.negative_call(m.clicks + t_clicks + s_clicks, m.spend + t_spend + s_spend,
                                 m.orders + t_orders + s_orders,
                                 view.order_value, view.cvr, view.judge_acos, rules,
                                 term_prior=data.term_priors.get(gid),
                                 goal=view.goal)  # fmt: skip
        if call is None:
            continue
        # Orders of the source's (mature) record are the term's own, not "elsewhere".
        own = mature_sources.get((tuple(view.skus), term), (0.0, Decimal(0), 0))[2] if (
            s_clicks) else 0  # fmt: skip
        elsewhere = orders_of[term] - m.orders - own
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
                      "orders_elsewhere": elsewhere, "source_clicks": round(s_clicks, 1),
                      "source_orders": s_orders, "target_acos": round(view.target, 4),
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
        if not view.may_grow or view.loses_money:  # no new keywords for an end-of-life SKU
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
        if dest is None or not dest.may_grow:
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
                      "recent_orders_reported": t_orders,
                      "acos": _round(m.acos), "target_acos": round(dest.target, 4),
                      "judged_at_acos": round(view.judge_acos, 4),
                      "source_campaign": view.campaign.name,
                      "mature_through": data.mature_end.isoformat()},
        ))  # fmt: skip
    return out


def budget_proposals(
    data: Data, spend: dict[int, dict[date, Decimal]], rules: opt.Rules,
    off: set[int] | frozenset[int] = frozenset(), lines: dict[int, CampaignLine] | None = None,
) -> list[Proposal]:  # fmt: skip
    """Raise capped budgets under the goal's ACoS, cut capped ones well over it (an ACoS
    cause) or whose stock runs low (a stock cause): the reason names the cause that sets the
    new budget, the evidence the numbers of both. No raise for an end-of-life SKU's campaign;
    none at all for a campaign whose products all lose money before ads or whose ad groups
    all stop serving (``off``: this plan pauses every product ad in them)."""
    lines = campaign_lines(data, off) if lines is None else lines
    per_campaign: dict[int, am.Metrics] = defaultdict(am.Metrics)
    for (tid, _), m in data.terms.items():
        if tid in data.targets:
            per_campaign[data.targets[tid].campaign_id] += m
    out = []
    for cid, campaign in data.campaigns.items():
        views = [v for v in data.views.values()
                 if v.campaign.id == cid and not v.loses_money and v.group.id not in off]  # fmt: skip
        if campaign.daily_budget is None or not views or campaign.state not in (None, "enabled"):
            continue
        days = list(spend.get(cid, {}).values())
        limited = opt.is_budget_limited(days, campaign.daily_budget, rules)
        line = lines.get(cid) or campaign_lines(data, off)[cid]
        target = line.judged
        low = min(views, key=lambda v: v.inventory)
        m = per_campaign.get(cid, am.Metrics())
        grow = all(v.may_grow for v in views)
        move = opt.budget_decision(campaign.daily_budget, m.acos, target, limited,
                                   low.inventory, rules, allow_raise=grow)  # fmt: skip
        if move is None:
            continue
        extra = float(move.new - campaign.daily_budget)
        be = line.break_even
        profit = extra * (be / m.acos - 1) if m.acos else 0.0
        capped = sum(1 for s in days if s >= campaign.daily_budget * Decimal("0.95"))
        evidence: dict[str, object] = {
            "daily_budget": float(campaign.daily_budget), "days_capped": capped,
            "acos": _round(m.acos),
            "target_acos": round(line.target, 4),
            "judged_at_acos": round(target, 4), "goal": views[0].goal,
            "break_even_acos": round(be, 4), "campaign_acos_basis": line.basis,
            "spend": float(m.spend), "sales": float(m.sales),
            "over_target_from_acos": round(1.3 * target, 4),
            "inventory_factor": round(low.inventory, 3),
            "cut_for_acos": "budget_over_target" in move.causes,
            "cut_for_stock": "inventory_low" in move.causes,
        }  # fmt: skip
        if low.inventory < 1 or "inventory_low" in move.causes:
            evidence.update({k: v for k, v in low.inventory_evidence.items()
                             if k in ("sku", "days_of_cover", "days_of_cover_with_inbound",
                                      "lead_time_days")})  # fmt: skip
        if not grow:
            evidence["no_growth_skus"] = ", ".join(s for v in views for s in v.no_growth)
        if not move.causes:  # a raise
            evidence.pop("cut_for_acos")
            evidence.pop("cut_for_stock")
        out.append(Proposal(
            "budget", f"budget:{cid}", cid, move.reason, current=campaign.daily_budget,
            proposed=move.new, params={"campaign": campaign.name}, evidence=evidence,
            effect={"spend": round(extra, 2), "profit": round(profit, 2)},
        ))  # fmt: skip
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
