"""A small hand-made advertising account with exact numbers (one product, two campaigns).

* ``Manual`` / ``Mats``: keyword ``yoga mat`` (exact, bid 1.50) clicked 5 times a day at
  1.20 with an order every third day: ACoS 45 %, above the 22.5 % target.
* ``Auto`` / ``Mats``: ``close-match`` (bid 1.00) matching ``yoga mat thick`` (2 clicks a day,
  an order every other day, ACoS 5 %: harvest) and ``yoga ball`` (1 click a day at 1.50, no orders:
  negative). The campaign's budget (3.00) runs out every day while far under target.
* ``MAT-1`` sells at 40.00; referral 15 %, FBA 15 % (assumed), landed cost 10.00: break-even
  ACoS 45 %, mature target 22.5 % (half of it).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.ads import product_ads
from sellerops.ads import recommendations as recs
from sellerops.ads import service as ads
from sellerops.ads.models import AdGroup, AdRecommendation, AdTarget
from sellerops.core.models import Store
from sellerops.inventory import service as inventory
from tests import factories as f
from tests.factories import AS_OF

SKU, ASIN = "MAT-1", "B0MAT00001"


def account(s: Session, *, fulfillable: int = 1000, days: int = 67, unit_cost: str = "10") -> Store:
    store = f.store(s, lead_time=45)
    f.product(s, store, SKU, ASIN, price=Decimal("40"), unit_cost=Decimal(unit_cost))
    f.orders(s, store, SKU, per_day=10, days=28, price="40.00")
    f.snapshot(s, store, SKU, AS_OF, fulfillable=fulfillable, asin=ASIN)
    st = ads.Structure(s, store.id, None)
    auto = st.campaign(
        ads.CampaignInfo(
            "SP",
            "Auto",
            amazon_id="111",
            state="enabled",
            targeting_type="auto",
            daily_budget=Decimal("3.00"),
        )
    )
    manual = st.campaign(
        ads.CampaignInfo(
            "SP",
            "Manual",
            amazon_id="222",
            state="enabled",
            targeting_type="manual",
            daily_budget=Decimal("50"),
        )
    )
    groups = [st.group(c, ads.GroupInfo("Mats", amazon_id=i, state="enabled",
                                        default_bid=Decimal("1.00")))
              for c, i in ((auto, "311"), (manual, "322"))]  # fmt: skip
    close = st.target(
        groups[0],
        ads.TargetInfo("close-match", "-", amazon_id="411", state="enabled", bid=Decimal("1.00")),
    )
    exact = st.target(
        groups[1],
        ads.TargetInfo("yoga mat", "exact", amazon_id="422", state="enabled", bid=Decimal("1.50")),
    )
    for g, ad_id in zip(groups, ("511", "522"), strict=True):
        product_ads.save_product_ad(session=s, group=g, sku=SKU, asin=ASIN, amazon_id=ad_id,
                                    state="enabled")  # fmt: skip
    s.flush()
    rows = []
    for k in range(days):
        day = AS_OF - timedelta(days=k)
        rows += [
            _row(store, exact, "yoga mat", day, 5, "6.00", 1 if k % 3 == 0 else 0),
            _row(store, close, "yoga mat thick", day, 2, "2.00", 1 if k % 2 == 0 else 0),
            _row(store, close, "yoga ball", day, 1, "1.50", 0),
        ]
    ads.store_metrics(session=s, level="search_term", rows=rows)
    s.flush()
    return store


def _row(
    store: Store, t: AdTarget, term: str, day: date, clicks: int, spend: str, orders: int
) -> dict[str, Any]:
    return {
        "store_id": store.id, "day": day, "target_id": t.id, "term_key": ads.name_key(term),
        "term": term, "campaign_id": t.campaign_id, "ad_group_id": t.ad_group_id,
        "impressions": clicks * 100, "clicks": clicks, "spend": Decimal(spend),
        "currency": "USD", "attribution_days": 7, "orders": orders, "units": orders,
        "sales": Decimal(40) * orders, "advertised_units": orders,
        "advertised_sales": Decimal(40) * orders, "other_units": 0, "other_sales": Decimal(0),
    }  # fmt: skip


def add_term(
    s: Session, store: Store, target: str, term: str, clicks: int, spend: str, every: int,
    days: int = 67,
) -> None:  # fmt: skip
    """Another search term matched by the target ``target`` (its text): ``clicks`` a day
    costing ``spend``, an order every ``every`` days (0: never), over the last ``days``."""
    t = s.scalars(
        select(AdTarget).where(
            AdTarget.store_id == store.id, AdTarget.text == target, AdTarget.negative.is_(False)
        )
    ).one()
    rows = []
    for k in range(days):
        day = AS_OF - timedelta(days=k)
        orders = 1 if every and k % every == 0 else 0
        rows.append(_row(store, t, term, day, clicks, spend, orders))
    ads.store_metrics(session=s, level="search_term", rows=rows)
    s.flush()


def add_keyword(s: Session, store: Store, text: str, bid: str = "1.00") -> AdTarget:
    """An exact keyword in the ``Manual`` / ``Mats`` ad group (e.g. a harvested term)."""
    group = s.scalars(
        select(AdGroup).where(AdGroup.store_id == store.id, AdGroup.amazon_id == "322")
    ).one()
    target = ads.Structure(s, store.id, None).target(
        group,
        ads.TargetInfo(text, "exact", amazon_id=f"k-{text}", state="enabled", bid=Decimal(bid)),
    )
    s.flush()
    return target


def refresh(s: Session, store: Store) -> list[AdRecommendation]:
    """The day's recommendations for the account, as the review makes them (lead time 45)."""
    positions = inventory.stock_positions(
        session=s, store_id=store.id, as_of=AS_OF, default_lead_time=45
    )
    return recs.refresh(
        session=s, store_id=store.id, as_of=AS_OF, currency="USD", positions=positions
    )


def by_kind(rows: list[AdRecommendation]) -> dict[str, list[AdRecommendation]]:
    out: dict[str, list[AdRecommendation]] = {}
    for r in rows:
        out.setdefault(r.kind, []).append(r)
    return out
