"""Which products an ad group's spend of a day belongs to: the advertised product report where
it has rows, else the product ads serving (a paused or archived ad gets none)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.ads import metrics as am
from sellerops.ads import product_ads
from sellerops.ads.models import (
    AdCampaign,
    AdGroup,
    AdProductAd,
    AdProductDaily,
    AdSearchTermDaily,
    AdTarget,
)
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from tests import factories as f
from tests.factories import AS_OF

START = AS_OF - timedelta(days=9)
ON = ("SKU-ON", "B0SERVE001")
OFF = ("SKU-OFF", "B0SERVE002")


def _group(s: Session) -> tuple[Store, AdGroup]:
    store = f.store(s)
    campaign = AdCampaign(store_id=store.id, ad_product="SP", name_key="c", name="C")
    s.add(campaign)
    s.flush()
    group = AdGroup(store_id=store.id, campaign_id=campaign.id, name_key="g", name="G")
    s.add(group)
    s.flush()
    target = AdTarget(store_id=store.id, campaign_id=campaign.id, ad_group_id=group.id,
                      match_type="exact", text_key="mat", text="mat", kind="keyword")  # fmt: skip
    s.add(target)
    for (sku, asin), state in ((ON, "enabled"), (OFF, "paused")):
        s.add(AdProductAd(store_id=store.id, campaign_id=campaign.id, ad_group_id=group.id,
                          sku=sku, asin=asin, state=state))  # fmt: skip
    s.flush()
    for k in range(10):
        s.add(AdSearchTermDaily(store_id=store.id, day=AS_OF - timedelta(days=k),
                                target_id=target.id, term_key="mat", term="mat",
                                campaign_id=campaign.id, ad_group_id=group.id,
                                impressions=100, clicks=2, spend=Decimal("4.00"),
                                currency="USD"))  # fmt: skip
    s.flush()
    return store, group


def test_tacos_charges_no_spend_to_a_paused_product_ad(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store, _ = _group(s)
        found = am.tacos_by_asin(session=s, store_id=store.id, start=START, end=AS_OF)
    assert found[ON[1]][0] == Decimal("40.00")
    assert OFF[1] not in found or found[OFF[1]][0] == 0


def test_the_advertised_product_report_overrules_the_current_paused_state(engine: Engine) -> None:
    shown = AS_OF - timedelta(days=3)
    with unit_of_work(engine) as s:
        store, group = _group(s)
        s.add(AdProductDaily(store_id=store.id, day=shown, ad_group_id=group.id, asin=OFF[1],
                             sku=OFF[0], campaign_id=group.campaign_id, impressions=40,
                             clicks=0, spend=Decimal(0), currency="USD"))  # fmt: skip
        s.flush()
        serving = product_ads.serving_ads(session=s, store_id=store.id, start=START, end=AS_OF)
    assert serving.products(group.id, shown) == {OFF}  # the report says who served that day
    assert serving.products(group.id, AS_OF) == {ON}  # else: the enabled ad only
    assert serving.products(group.id + 99, AS_OF) == set()  # a group with no known products


def test_tacos_splits_a_group_of_several_serving_products_by_their_sales_as_the_p_and_l_does(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store, _ = _group(s)
        s.query(AdProductAd).filter_by(sku=OFF[0]).update({"state": "enabled"})
        for k in range(10):  # ON sells three times what OFF sells
            f.traffic(s, store, ON[1], AS_OF - timedelta(days=k), units=3)
            f.traffic(s, store, OFF[1], AS_OF - timedelta(days=k), units=1)
        s.flush()
        found = am.tacos_by_asin(session=s, store_id=store.id, start=START, end=AS_OF)
    # before: 20.00 each (an even split), whatever each sold
    assert (found[ON[1]][0], found[OFF[1]][0]) == (Decimal("30.00"), Decimal("10.00"))
    assert found[ON[1]][2] == found[OFF[1]][2] == 0.05  # 30 / 600 and 10 / 200
