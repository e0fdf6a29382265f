"""Advertising, settlement, cost and notification data on the web world's stores.

Each store gets the hand-made account of ``tests/ads/world.py`` (``MAT-1`` at 40.00, an auto
and a manual campaign; the optimizer proposes a bid cut, a negative, a harvest and a budget
raise), a settled week of ``MAT-1`` fee lines, a costs-sheet row, and one Slack target. One
budget change is approved and written to a bulk file, so each store has an export.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.ads import bulk_export, product_ads
from sellerops.ads import recommendations as recs
from sellerops.ads import service as ads
from sellerops.ads.models import AdRecommendation
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance import service as finance
from sellerops.finance.models import ProductCost
from sellerops.inventory import service as inventory
from sellerops.notifications import service as notify
from tests import factories as f
from tests.ads.world import ASIN, SKU, _row
from tests.factories import AS_OF

SLACK = "https://hooks.slack.com/services/T000/B000/abcdefghijkl9Z7q"
SETTLED_DAYS = 7  # fee lines for the 7 days to AS_OF - 7; later days are estimated


@dataclass
class AdsWorld:
    open_recs: dict[int, list[int]] = field(default_factory=dict)  # store -> proposed ids
    exports: dict[int, int] = field(default_factory=dict)  # store -> export key
    targets: dict[int, int] = field(default_factory=dict)  # store -> notification target


def add_account(s: Session, store: Store) -> None:
    """The ads test account's product, orders, stock, structure and 67 days of search terms."""
    f.product(s, store, SKU, ASIN, title="Yoga mat 6 mm", price=Decimal("40"),
              unit_cost=Decimal("10"), cost_currency="USD")  # fmt: skip
    f.orders(s, store, SKU, per_day=10, days=28, price="40.00")
    f.snapshot(s, store, SKU, AS_OF, fulfillable=1000, asin=ASIN)
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
    groups = [
        st.group(
            c, ads.GroupInfo("Mats", amazon_id=i, state="enabled", default_bid=Decimal("1.00"))
        )
        for c, i in ((auto, "311"), (manual, "322"))
    ]
    close = st.target(
        groups[0],
        ads.TargetInfo("close-match", "-", amazon_id="411", state="enabled", bid=Decimal("1.00")),
    )
    exact = st.target(
        groups[1],
        ads.TargetInfo("yoga mat", "exact", amazon_id="422", state="enabled", bid=Decimal("1.50")),
    )
    for g, ad_id in zip(groups, ("511", "522"), strict=True):
        product_ads.save_product_ad(
            session=s, group=g, sku=SKU, asin=ASIN, amazon_id=ad_id, state="enabled"
        )
    s.flush()
    rows = []
    for k in range(67):
        day = AS_OF - timedelta(days=k)
        rows += [
            _row(store, exact, "yoga mat", day, 5, "6.00", 1 if k % 3 == 0 else 0),
            _row(store, close, "yoga mat thick", day, 2, "2.00", 1 if k % 2 == 0 else 0),
            _row(store, close, "yoga ball", day, 1, "1.50", 0),
        ]
    ads.store_metrics(session=s, level="search_term", rows=rows)
    s.flush()  # fmt: skip


def add_settlement(s: Session, store: Store) -> None:
    """One settlement of MAT-1 sales: 10 units a day at 40.00, 15 % referral, 5.00 FBA."""
    lines, no = [], 0
    for k in range(SETTLED_DAYS, 2 * SETTLED_DAYS):
        day = AS_OF - timedelta(days=k)
        for kind, desc, amount in (
            ("ItemPrice", "Principal", "400.00"),
            ("ItemFees", "Commission", "-60.00"),
            ("ItemFees", "FBAPerUnitFulfillmentFee", "-50.00"),
        ):
            no += 1
            lines.append(
                {
                    "store_id": store.id,
                    "source_id": "S-1001",
                    "line_no": no,
                    "posted_day": day,
                    "transaction_type": "Order",
                    "order_id": f"111-{k:07d}-0000001",
                    "sku": SKU,
                    "quantity": 10 if desc == "Principal" else None,
                    "amount_type": kind,
                    "amount_description": desc,
                    "amount": Decimal(amount),
                    "currency": "USD",
                }
            )
    finance.save_fee_lines(session=s, lines=lines)  # fmt: skip


def plan(s: Session, store: Store) -> list[AdRecommendation]:
    positions = inventory.stock_positions(
        session=s, store_id=store.id, as_of=AS_OF, default_lead_time=45
    )
    return recs.refresh(
        session=s, store_id=store.id, as_of=AS_OF, currency="USD", positions=positions
    )


def build_ads(engine: Engine, store_ids: list[int]) -> AdsWorld:
    out = AdsWorld()
    with unit_of_work(engine) as s, tempfile.TemporaryDirectory() as tmp:
        for store_id in store_ids:
            store = s.get(Store, store_id)
            assert store is not None
            add_account(s, store)
            add_settlement(s, store)
            s.add(ProductCost(store_id=store_id, sku=SKU, effective_from=AS_OF - timedelta(90),
                              unit_cost=Decimal("10.00"), currency="USD",
                              first_leg_freight_per_unit=Decimal("1.20"),
                              duty_rate=Decimal("0.05")))  # fmt: skip
            rows = plan(s, store)
            budget = next(r for r in rows if r.kind == "budget")
            recs.decide(session=s, store_id=store_id, ids=[budget.id], actor="seed@example.com",
                        approve=True)  # fmt: skip
            applier = bulk_export.BulkFileApplier(Path(tmp) / "b.xlsx", Path(tmp) / "r.xlsx")
            bulk_export.export_approved(session=s, store_id=store_id, applier=applier,
                                        actor="seed@example.com")  # fmt: skip
            out.exports[store_id] = budget.id
            out.open_recs[store_id] = [r.id for r in rows if r.status == "proposed"]
            target = notify.add_target(session=s, store_id=store_id, kind="slack",
                                       name="Ops channel", address=SLACK)  # fmt: skip
            out.targets[store_id] = target.id
    return out
