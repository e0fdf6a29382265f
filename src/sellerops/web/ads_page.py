"""What the Advertising page shows: campaigns and search terms over a window, the optimizer's
recommendations of its newest day, the exports (bulk files) and the change log.

Campaign numbers come from the campaign report when it covers the campaign (any ad product),
else from the search-term rows; ratios are computed from sums (``ads.metrics``). TACoS is a
campaign's spend over the total ordered sales (Business Report) of the ASINs it advertises.
"Wasted" spend is the spend of search terms with no attributed order in the window.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from threading import Lock
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads import metrics as am
from sellerops.ads import recommendations as recs
from sellerops.ads.models import (
    AdCampaign,
    AdCampaignDaily,
    AdChangeLog,
    AdGroup,
    AdRecommendation,
    AdSearchTermDaily,
    AdTarget,
    AdTargetDaily,
)
from sellerops.ads.present import change_text, target_name, where
from sellerops.ads.service import name_key
from sellerops.core import i18n
from sellerops.core.models import ImportBatch
from sellerops.daily import evidence as ev
from sellerops.daily.registry import load_domain_checks
from sellerops.web import module_messages  # noqa: F401  (registers the page texts)
from sellerops.web.counts import value_text as evidence_value

WINDOWS = (7, 14, 30, 60)
DEFAULT_WINDOW = 30
#: Rows each section shows on the page itself, ranked by the money at stake (recommendations
#: by ``recs.rank_key``, campaigns and search terms by spend); "show all" opens the section on
#: its own page, ``PAGE_SIZE`` rows at a time. (The demo's page was once 46,000 px tall.)
TOP = 20
PAGE_SIZE = 100
#: The sections that have a page of their own ("show all").
SECTIONS = ("recs", "campaigns", "terms")
#: Recommendations listed at once, in ``recs.rank_key`` order (bulk approval covers them all).
REC_LIMIT = PAGE_SIZE
KINDS = ("bid", "negative", "harvest", "budget", "pause", "enable")
STATUSES = ("proposed", "approved", "rejected", "exported", "superseded")
#: Evidence of the optimizer's proposals that the daily checks do not declare, by kind.
_PERCENT = {"cvr_shrunk", "cvr_raw", "probability_reaching_target", "needed_cvr"}
_MONEY = {"cpc", "value_per_click", "spend", "sales", "profit_before_ads"}
#: Shown in their own columns already.
_HIDDEN = {"search_term", "sku"}


@dataclass(frozen=True, slots=True)
class CampaignLine:
    id: int
    name: str
    ad_product: str
    state: str | None
    daily_budget: Decimal | None
    m: am.Metrics
    tacos: float | None


@dataclass(frozen=True, slots=True)
class TermLine:
    term: str
    campaign: str
    ad_group: str
    m: am.Metrics
    negation_proposed: bool
    ad_group_id: int | None = None
    term_key: str = ""

    @property
    def wasted(self) -> Decimal:
        return self.m.spend if not self.m.orders else Decimal(0)


i18n.register_messages(
    {
        "web.ads.effect.profit": {"en": "{amount} profit/day", "zh": "利润 {amount}/天"},
        "web.ads.effect.spend": {"en": "{amount} ad spend/day", "zh": "广告花费 {amount}/天"},
        "web.ads.effect.spend_too": {
            "en": "ad spend {amount}/day",
            "zh": "广告花费 {amount}/天",
        },
        "web.ads.effect.resume": {
            "en": "against the bid from before the pause, once the ads serve again",
            "zh": "恢复投放后，相对暂停前的出价",
        },
        "web.ads.effect.spend_back": {
            "en": "once it serves again: its spend before the pause",
            "zh": "恢复投放后：暂停前的花费",
        },
        "web.ads.sections": {"en": "Sections of the page", "zh": "页面各部分"},
        "web.ads.nav.terms": {"en": "Search terms", "zh": "搜索词"},
        "web.ads.back": {"en": "Back to the overview", "zh": "返回概览"},
        "web.ads.top_of": {
            "en": "The {shown} with the most money at stake of {count}.",
            "zh": "显示金额影响最大的 {shown} 条，共 {count} 条。",
        },
        "web.ads.show_all": {"en": "Show all ({count})", "zh": "显示全部（{count}）"},
        "web.ads.more_evidence": {
            "en": "{count} more figures",
            "en_one": "1 more figure",
            "zh": "另有 {count} 项数据",
        },
        "web.ads.campaigns_by_spend": {
            "en": "Campaigns by spend ({count})",
            "zh": "广告活动（按花费排序，共 {count} 个）",
        },
        "web.ads.terms_by_spend": {
            "en": "Search terms by spend ({count})",
            "zh": "搜索词（按花费排序，共 {count} 个）",
        },
        "web.ads.ranked": {
            "en": "Ranked by expected profit per day (after ad spend) where the optimizer "
            "estimates it, pauses among them (the spend a pause saves on a SKU that is out "
            "of stock or loses money is a loss avoided); then the changes with only an ad "
            "spend estimate (negatives), by the spend they save; then the changes that cost "
            "profit (budget cuts for stock).",
            "zh": "按预计每日利润（已扣广告花费）排序，暂停也在其中（为断货或亏损 SKU 暂停广告所省的花费即避免的亏损）；"
            "只有广告花费估计的调整（否定）随后，按节省的花费排序；再后是会减少利润的调整（因库存削减预算）。",
        },
    }
)


@dataclass(frozen=True, slots=True)
class RecLine:
    row: AdRecommendation
    where: dict[str, str | None]
    evidence: list[tuple[str, str]]
    impact: float
    #: ``profit`` or ``spend`` (what ``effect`` is in), None when not estimated
    effect_kind: str | None = None
    #: the effect as the Effect/day column shows it: ``+$10.26 profit/day``,
    #: ``−$21.34 ad spend/day``
    effect: str = ""
    #: under it: a profit's ad spend change (``ad spend −$2.82/day``), what a resumed bid
    #: or an enable is measured against
    effect_note: str = ""


def effect_texts(row: AdRecommendation, lang: str) -> tuple[str | None, str, str]:
    """What a recommendation's expected effect is in and its texts (see :class:`RecLine`)."""
    kind = recs.effect_kind(row)
    effect, currency = row.effect or {}, row.currency or "USD"
    if kind is None:
        return None, "", ""
    amount = _signed(float(effect[kind]), currency, lang)
    notes = []
    if kind == "profit" and effect.get("spend") is not None:
        notes.append(i18n.t("web.ads.effect.spend_too", lang,
                            amount=_signed(float(effect["spend"]), currency, lang)))  # fmt: skip
    if row.reason == "resume_value":
        notes.append(i18n.t("web.ads.effect.resume", lang))
    if row.kind == "enable":
        notes.append(i18n.t("web.ads.effect.spend_back", lang))
    sep = "；" if lang == "zh" else "; "
    return kind, i18n.t(f"web.ads.effect.{kind}", lang, amount=amount), sep.join(notes)


def _signed(value: float, currency: str, lang: str) -> str:
    return ("+" if value >= 0 else "−") + i18n.money(abs(value), currency, lang)


@dataclass(frozen=True, slots=True)
class Export:
    key: int  # the smallest recommendation id of the export: names it in URLs
    at: datetime
    count: int


@dataclass(slots=True)
class AdsPage:
    as_of: date | None
    start: date | None
    window: int
    totals: am.Metrics = field(default_factory=am.Metrics)
    tacos: float | None = None
    wasted: Decimal = Decimal(0)
    campaigns: list[CampaignLine] = field(default_factory=list)  # all of them, by spend
    terms: list[TermLine] = field(default_factory=list)  # the first ``TOP`` by spend
    term_count: int = 0  # search terms with rows in the window


def latest_ads_day(session: Session, store_id: int) -> date | None:
    days = [
        session.scalar(select(func.max(model.day)).where(model.store_id == store_id))
        for model in (AdSearchTermDaily, AdCampaignDaily, AdTargetDaily)
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


#: Computed pages by (store, window, data version); a new import changes the version.
_CACHE: OrderedDict[tuple[str, int, int, int | None, date | None], AdsPage] = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = Lock()


def performance(*, session: Session, store_id: int, window: int) -> AdsPage:
    """Campaigns, search terms and totals of the ``window`` days ending on the newest ads day.

    Ads facts arrive only through imports, so the sums are kept per database, store, window
    and newest import batch of the store; which terms already have a negation proposed is
    read every time.
    """
    version = session.scalar(
        select(func.max(ImportBatch.id)).where(ImportBatch.store_id == store_id)
    )
    as_of = latest_ads_day(session, store_id)
    key = (str(session.get_bind().engine.url), store_id, window, version, as_of)
    with _CACHE_LOCK:
        page = _CACHE.get(key)
        if page is not None:
            _CACHE.move_to_end(key)
    if page is None:
        page = _performance(session=session, store_id=store_id, window=window, as_of=as_of)
        with _CACHE_LOCK:
            _CACHE[key] = page
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    proposed = _negations_proposed(session, store_id)
    terms = [
        replace(t, negation_proposed=(t.ad_group_id, t.term_key) in proposed) for t in page.terms
    ]
    return replace(page, terms=terms)


def forget_cached_pages() -> None:
    """Drop every kept page (after facts were written without an import, e.g. in tests)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _performance(*, session: Session, store_id: int, window: int, as_of: date | None) -> AdsPage:
    if as_of is None:
        return AdsPage(None, None, window)
    start = as_of - timedelta(days=window - 1)
    page = AdsPage(as_of, start, window)
    by_asin = am.tacos_by_asin(session=session, store_id=store_id, start=start, end=as_of)
    sales = {asin: total for asin, (_, total, _) in by_asin.items()}
    page.campaigns = _campaigns(session, store_id, start, as_of, sales)
    page.totals = sum((c.m for c in page.campaigns), am.Metrics())
    spend = sum((s for s, _, _ in by_asin.values()), Decimal(0))
    page.tacos = am.tacos(spend, sum((t for _, t, _ in by_asin.values()), Decimal(0)))
    page.terms = _terms(session, store_id, start, as_of)
    page.term_count = _term_count(session, store_id, start, as_of)
    page.wasted = _wasted(session, store_id, start, as_of)
    return page


def _campaigns(
    session: Session, store_id: int, start: date, end: date, sales: dict[str, Decimal]
) -> list[CampaignLine]:
    """Per campaign: the campaign report's sums, else the targeting report's, else the
    search-term report's (each describes the same spend; the first is the most complete)."""
    report = am.metrics_by(
        session=session, store_id=store_id, level="campaign_report", start=start, end=end
    )
    terms = am.metrics_by(
        session=session, store_id=store_id, level="campaign", start=start, end=end
    )
    metrics = (
        {k[0]: v for k, v in terms.items()}
        | _by_campaign_from_targets(session, store_id, start, end)
        | {k[0]: v for k, v in report.items()}
    )
    asins = _campaign_asins(session, store_id)
    lines = []
    for c in session.scalars(select(AdCampaign).where(AdCampaign.id.in_(list(metrics)))):
        m = metrics[c.id]
        total = sum((sales.get(a, Decimal(0)) for a in asins.get(c.id, ())), Decimal(0))
        lines.append(CampaignLine(c.id, c.name, c.ad_product, c.state, c.daily_budget, m,
                                  am.tacos(m.spend, total) if total else None))  # fmt: skip
    lines.sort(key=lambda c: (-c.m.spend, c.name))
    return lines


def _campaign_asins(session: Session, store_id: int) -> dict[int, set[str]]:
    rows = session.execute(
        select(AdGroup.id, AdGroup.campaign_id).where(AdGroup.store_id == store_id)
    )
    groups = {gid: cid for gid, cid in rows}
    out: dict[int, set[str]] = defaultdict(set)
    for gid, pairs in am.group_products(session=session, store_id=store_id).items():
        if gid in groups:
            out[groups[gid]] |= {asin for _, asin in pairs if asin}
    return out


def _by_campaign_from_targets(
    session: Session, store_id: int, start: date, end: date
) -> dict[int, am.Metrics]:
    t = AdTargetDaily
    rows = session.execute(
        select(
            t.campaign_id, func.coalesce(func.sum(t.impressions), 0),
            func.coalesce(func.sum(t.clicks), 0), func.coalesce(func.sum(t.spend), 0),
            func.coalesce(func.sum(t.orders), 0), func.coalesce(func.sum(t.units), 0),
            func.coalesce(func.sum(t.sales), 0),
        )
        .where(t.store_id == store_id, t.day >= start, t.day <= end)
        .group_by(t.campaign_id)
    )  # fmt: skip
    return {
        cid: am.Metrics(int(imp or 0), int(clicks or 0), Decimal(spend or 0), int(orders or 0),
                        int(units or 0), Decimal(sales or 0))
        for cid, imp, clicks, spend, orders, units, sales in rows
    }  # fmt: skip


def _term_sums(store_id: int, start: date, end: date) -> Any:
    t = AdSearchTermDaily
    return (
        select(
            t.campaign_id, t.ad_group_id, t.term_key, func.max(t.term).label("term"),
            func.coalesce(func.sum(t.impressions), 0).label("impressions"),
            func.coalesce(func.sum(t.clicks), 0).label("clicks"),
            func.coalesce(func.sum(t.spend), 0).label("spend"),
            func.coalesce(func.sum(t.orders), 0).label("orders"),
            func.coalesce(func.sum(t.units), 0).label("units"),
            func.coalesce(func.sum(t.sales), 0).label("sales"),
        )
        .where(t.store_id == store_id, t.day >= start, t.day <= end)
        .group_by(t.campaign_id, t.ad_group_id, t.term_key)
    )  # fmt: skip


def _terms(
    session: Session, store_id: int, start: date, end: date, offset: int = 0, limit: int = TOP
) -> list[TermLine]:
    sums = _term_sums(store_id, start, end).subquery()
    rows = session.execute(
        select(sums, AdCampaign.name, AdGroup.name)
        .join(AdCampaign, AdCampaign.id == sums.c.campaign_id)
        .join(AdGroup, AdGroup.id == sums.c.ad_group_id)
        .order_by(sums.c.spend.desc(), sums.c.term_key)
        .offset(offset)
        .limit(limit)
    ).all()
    out = []
    for r in rows:
        m = am.Metrics(int(r.impressions), int(r.clicks), Decimal(r.spend), int(r.orders),
                       int(r.units), Decimal(r.sales))  # fmt: skip
        out.append(TermLine(r.term, r[-2], r[-1], m, False, r.ad_group_id, r.term_key))
    return out


def _term_count(session: Session, store_id: int, start: date, end: date) -> int:
    sums = _term_sums(store_id, start, end).subquery()
    return int(session.scalar(select(func.count()).select_from(sums)) or 0)


def term_page(*, session: Session, store_id: int, page: AdsPage, number: int) -> list[TermLine]:
    """Page ``number`` (from 1) of the window's search terms by spend, ``PAGE_SIZE`` a page."""
    if page.as_of is None or page.start is None:
        return []
    found = _terms(session, store_id, page.start, page.as_of, offset=(number - 1) * PAGE_SIZE,
                   limit=PAGE_SIZE)  # fmt: skip
    proposed = _negations_proposed(session, store_id)
    return [replace(t, negation_proposed=(t.ad_group_id, t.term_key) in proposed) for t in found]


def pages(count: int) -> int:
    """How many pages of ``PAGE_SIZE`` rows ``count`` rows make (at least one)."""
    return max(1, -(-count // PAGE_SIZE))


def _wasted(session: Session, store_id: int, start: date, end: date) -> Decimal:
    sums = _term_sums(store_id, start, end).subquery()
    total = session.scalar(
        select(func.coalesce(func.sum(sums.c.spend), 0)).where(sums.c.orders == 0)
    )
    return Decimal(total or 0)


def _negations_proposed(session: Session, store_id: int) -> set[tuple[int | None, str]]:
    rows = session.execute(
        select(AdRecommendation.ad_group_id, AdRecommendation.term).where(
            AdRecommendation.store_id == store_id,
            AdRecommendation.kind == "negative",
            AdRecommendation.status.in_(("proposed", "approved")),
        )
    )
    return {(gid, name_key(term)) for gid, term in rows if term}


def recommendation_lines(
    session: Session, rows: list[AdRecommendation], lang: str
) -> list[RecLine]:
    """The rows as the page reads them; their campaigns, groups and targets loaded at once."""
    load_domain_checks()  # registers the evidence labels of the ads checks
    loaded: list[Any] = []  # held here: the identity map keeps only what someone references
    for model, ids in (
        (AdCampaign, {r.campaign_id for r in rows}),
        (AdGroup, {r.ad_group_id for r in rows if r.ad_group_id}),
        (AdTarget, {r.target_id for r in rows if r.target_id}),
    ):
        if ids:
            loaded += session.scalars(select(model).where(model.id.in_(list(ids))))
    lines = [RecLine(r, _shown_where(session, r, lang), evidence_items(r, lang),
                     recs.impact(r), *effect_texts(r, lang)) for r in rows]  # fmt: skip
    del loaded
    return lines


def _shown_where(session: Session, row: AdRecommendation, lang: str) -> dict[str, str | None]:
    """Where a recommendation applies, as a person reads it: an auto-targeting expression
    named in Chinese with the English in parentheses (``present.target_name``)."""
    out = where(session, row)
    return {**out, "target": target_name(out["target"], lang)}


def evidence_items(row: AdRecommendation, lang: str) -> list[tuple[str, str]]:
    out = []
    for key, value in (row.evidence or {}).items():
        if value is None or key in _HIDDEN:
            continue
        own = f"web.ads.ev.{key}"
        label = i18n.t(own, lang) if i18n.has_message(own) else ev.label(key, lang)
        out.append((label, _value(key, value, row.currency, lang)))
    return out


def _value(key: str, value: Any, currency: str, lang: str) -> str:
    if isinstance(value, bool):
        return i18n.t("web.ads.yes" if value else "web.ads.no", lang)
    if isinstance(value, str) and i18n.has_message(f"web.ads.val.{key}.{value}"):
        return i18n.t(f"web.ads.val.{key}.{value}", lang)
    if isinstance(value, int | float) and key in _PERCENT:
        return i18n.percent(value, lang)
    if isinstance(value, int | float) and key in _MONEY:
        return i18n.money(value, currency, lang)
    return evidence_value(key, value, currency, lang)  # clicks, orders... as whole numbers


def recommendations(
    *,
    session: Session,
    store_id: int,
    kind: str | None,
    open_only: bool,
    lang: str,
    offset: int = 0,
    limit: int = TOP,
) -> tuple[date | None, list[RecLine], dict[str, int]]:
    """The newest day's recommendations (in ``recs.rank_key`` order: profit first, then the
    spend saved), filtered, rows ``offset`` to ``offset + limit`` of them, and the count of
    each status that day (``shown``: how many pass the filter)."""
    day = recs.latest_day(session=session, store_id=store_id)
    if day is None:
        return None, [], {}
    # Ranked on a few columns (as ``recs.for_day`` ranks them); whole rows only for the
    # ones listed: a large store has thousands a day.
    light = session.execute(
        select(AdRecommendation.id, AdRecommendation.kind, AdRecommendation.status,
               AdRecommendation.effect)
        .where(AdRecommendation.store_id == store_id, AdRecommendation.review_date == day)
        .order_by(AdRecommendation.id)
    ).all()  # fmt: skip
    counts: dict[str, int] = defaultdict(int)
    for r in light:
        counts[r.status] += 1
    shown = [r for r in light if (kind is None or r.kind == kind)
             and (not open_only or r.status == "proposed")]  # fmt: skip
    shown.sort(key=lambda r: recs.rank_key(cast(AdRecommendation, r)))
    counts["shown"] = len(shown)
    ids = [r.id for r in shown[offset : offset + limit]]
    found = {r.id: r for r in session.scalars(
        select(AdRecommendation).where(AdRecommendation.id.in_(ids)))}  # fmt: skip
    return day, recommendation_lines(session, [found[i] for i in ids], lang), dict(counts)


def day_counts(*, session: Session, store_id: int) -> tuple[date | None, dict[str, int]]:
    """The newest optimizer day and how many of its recommendations are in each status."""
    day = recs.latest_day(session=session, store_id=store_id)
    if day is None:
        return None, {}
    rows = session.execute(
        select(AdRecommendation.status, func.count())
        .where(AdRecommendation.store_id == store_id, AdRecommendation.review_date == day)
        .group_by(AdRecommendation.status)
    )
    return day, {status: count for status, count in rows}


def exports(*, session: Session, store_id: int) -> list[Export]:
    """Bulk files written so far, newest first (recommendations exported together)."""
    rows = session.execute(
        select(AdRecommendation.exported_at, func.min(AdRecommendation.id), func.count())
        .where(AdRecommendation.store_id == store_id, AdRecommendation.exported_at.is_not(None))
        .group_by(AdRecommendation.exported_at)
        .order_by(AdRecommendation.exported_at.desc())
    ).all()
    return [Export(key, at, count) for at, key, count in rows if at is not None]


def export_rows(*, session: Session, store_id: int, key: int) -> list[AdRecommendation]:
    """The recommendations written in the export named ``key`` (empty when there is none)."""
    first = session.get(AdRecommendation, key)
    if first is None or first.store_id != store_id or first.exported_at is None:
        return []
    rows = session.scalars(
        select(AdRecommendation)
        .where(AdRecommendation.store_id == store_id,
               AdRecommendation.exported_at == first.exported_at)
        .order_by(AdRecommendation.id)
    )  # fmt: skip
    out = list(rows)
    return out if out and out[0].id == key else []


def change_log(
    *, session: Session, store_id: int, limit: int = 30
) -> list[tuple[AdChangeLog, str]]:
    """The newest decisions and exports, each with the recommendation's kind."""
    rows = session.execute(
        select(AdChangeLog, AdRecommendation.kind)
        .join(AdRecommendation, AdRecommendation.id == AdChangeLog.recommendation_id)
        .where(AdChangeLog.store_id == store_id)
        .order_by(AdChangeLog.id.desc())
        .limit(limit)
    )
    return [(entry, kind) for entry, kind in rows]


def names(lang: str) -> dict[str, Any]:
    """Template helpers that name coded values (kinds, states, match types) in ``lang``."""

    def coded(prefix: str, value: str | None) -> str:
        key = f"{prefix}.{(value or '').replace(' ', '_').replace('-', 'product')}"
        return i18n.t(key, lang) if i18n.has_message(key) else (value or "")

    return {
        "kind_name": lambda k: coded("ads.kind", k),
        "reason_name": lambda r: coded("ads.reason", r),
        "status_name": lambda s: coded("web.ads.status", s),
        "match_name": lambda m: "" if m in (None, "-") else coded("web.ads.match", m),
        "state_name": lambda s: coded("web.ads.state", s),
        "action_name": lambda a: coded("web.ads.action", a),
        "stamp": lambda at: f"{i18n.day(at.date(), lang)} {at:%H:%M} UTC",
        # what a recommendation changes, worded as the CLI words it (enabled → paused)
        "change_name": lambda r: change_text(
            r.kind, _float(r.current), _float(r.proposed), r.currency, lang
        ),
    }


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
