"""Product ads: which SKU / ASIN each ad group advertises (bulk file ``Product ad`` rows).

The optimizer needs them to know an ad group's stock (inventory-aware bids), its margin
(target ACoS) and its total sales (TACoS); the P&L and TACoS need to know which of them
served on a day to charge the group's spend to them (:func:`serving_ads`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.ads.models import AdGroup, AdProductAd, AdProductDaily, AdRecommendation


def save_product_ad(
    *, session: Session, group: AdGroup, sku: str, asin: str, amazon_id: str | None = None,
    state: str | None = None, batch_id: int | None = None,
) -> AdProductAd:  # fmt: skip
    """Find or create the product ad of ``group`` for (sku, asin); fill what is known."""
    if group.id is None:
        session.flush()
    sku, asin = sku.strip(), asin.strip().upper()
    found = session.scalar(select(AdProductAd).filter_by(ad_group_id=group.id, sku=sku, asin=asin))
    if found is None:
        found = AdProductAd(store_id=group.store_id, campaign_id=group.campaign_id,
                            ad_group_id=group.id, sku=sku, asin=asin)  # fmt: skip
        session.add(found)
    found.amazon_id = amazon_id or found.amazon_id
    found.state = state or found.state
    found.import_batch_id = batch_id
    return found


#: product ad states that do not serve (the bulk file's ``paused`` / ``archived``)
NOT_SERVING = frozenset({"paused", "archived"})


@dataclass(frozen=True, slots=True)
class _Ad:
    sku: str
    asin: str
    state: str | None
    paused_on: date | None  # first day it no longer served, when known

    def serving_on(self, day: date) -> bool:
        if (self.state or "enabled").lower() not in NOT_SERVING:
            return True
        return self.paused_on is not None and day < self.paused_on


@dataclass(frozen=True, slots=True)
class ServingAds:
    """Which products each ad group had serving on a day, as far as the imports tell.

    The store holds only each product ad's *current* state (the last bulk file), not its
    history. So, in this order:

    1. the advertised product report is the truth where it has rows for the group and day:
       the products it shows with impressions or spend served that day, paused now or not;
    2. otherwise the group's product ads that are enabled now (or of unknown state) served;
       an ad paused or archived now did not, except before the day a pause *we* exported
       for it (an approved ``pause`` recommendation written to a bulk file): that date is
       known, and the ad served until then;
    3. when every product ad of the group is paused now yet the group spent that day, the
       spend can only have been theirs (paused later, on a day the data does not tell): all
       of the group's products.
    """

    ads: dict[int, list[_Ad]]
    reported: dict[tuple[int, date], set[tuple[str, str]]]

    def products(self, group_id: int, day: date) -> set[tuple[str, str]]:
        """(SKU, ASIN) pairs that served in ``group_id`` on ``day`` (empty: none known)."""
        seen = self.reported.get((group_id, day))
        if seen:
            return seen
        ads = self.ads.get(group_id, [])
        serving = {(a.sku, a.asin) for a in ads if a.serving_on(day)}
        return serving or {(a.sku, a.asin) for a in ads}


def serving_ads(*, session: Session, store_id: int, start: date, end: date) -> ServingAds:
    """Load :class:`ServingAds` for ``start..end`` (marketplace days)."""
    paused_on = _exported_pauses(session, store_id)
    ads: dict[int, list[_Ad]] = defaultdict(list)
    for gid, sku, asin, state in session.execute(
        select(AdProductAd.ad_group_id, AdProductAd.sku, AdProductAd.asin, AdProductAd.state)
        .where(AdProductAd.store_id == store_id)
        .order_by(AdProductAd.id)
    ):
        ads[gid].append(_Ad(sku, asin, state, paused_on.get((gid, sku))))
    for gid, sku, asin in session.execute(
        select(AdProductDaily.ad_group_id, AdProductDaily.sku, AdProductDaily.asin)
        .where(AdProductDaily.store_id == store_id)
        .distinct()
    ):
        sku, asin = sku or "", asin or ""
        if not any(a.sku == sku or (a.asin, sku) == (asin, "") for a in ads[gid]):
            # a product only the report names: its state is unknown, so it may serve
            ads[gid].append(_Ad(sku, asin, None, None))
    reported: dict[tuple[int, date], set[tuple[str, str]]] = defaultdict(set)
    for gid, sku, asin, day in session.execute(
        select(AdProductDaily.ad_group_id, AdProductDaily.sku, AdProductDaily.asin,
               AdProductDaily.day)
        .where(AdProductDaily.store_id == store_id, AdProductDaily.day >= start,
               AdProductDaily.day <= end,
               (AdProductDaily.impressions > 0) | (AdProductDaily.spend > 0))
    ):  # fmt: skip
        reported[(gid, day)].add((sku or "", asin or ""))
    return ServingAds(dict(ads), dict(reported))


def _exported_pauses(session: Session, store_id: int) -> dict[tuple[int, str], date]:
    """(ad group, SKU) -> the day a pause we wrote to a bulk file took effect: the UTC day of
    its export (the file is uploaded after it is written; a marketplace day may differ by one)."""
    rows = session.execute(
        select(AdRecommendation.ad_group_id, AdRecommendation.sku, AdRecommendation.exported_at)
        .where(AdRecommendation.store_id == store_id, AdRecommendation.kind == "pause",
               AdRecommendation.status == "exported", AdRecommendation.exported_at.is_not(None))
    )  # fmt: skip
    out: dict[tuple[int, str], date] = {}
    for gid, sku, at in rows:
        if gid is not None and sku and at is not None:  # the latest pause, if several
            out[(gid, sku)] = max(out.get((gid, sku), at.date()), at.date())
    return out
