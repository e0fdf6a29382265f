"""Apparel and footwear storage types come from the listing (product type, or the listings
sheet's storage_type), so their own FBA capacity limits cap the right SKUs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from sellerops.catalog import listing_storage
from sellerops.catalog.listing_models import ListingContent
from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.ingest.service import import_file
from sellerops.inventory import alert_checks
from sellerops.inventory.models import FbaCapacityLimit
from sellerops.inventory.planning import restock_plan
from tests import factories as f
from tests.factories import AS_OF
from tests.inventory.test_alerts import _ctx
from tests.inventory.test_restock_outputs import _sku

LISTINGS = Path(__file__).resolve().parent.parent / "data" / "listings"


def test_product_types_and_the_sheet_name_the_storage_type(engine: Engine, tmp_path: Path) -> None:
    import_file(engine=engine, path=LISTINGS / "listings_search.json", store="Acme US",
                marketplace="US")  # fmt: skip
    sheet = tmp_path / "listings.csv"
    sheet.write_text("SKU,标题,五点描述1,存储类型\nACME-BOOT-9,Acme Rain Boot,Waterproof,鞋靴\n"
                     "ACME-RUG-1,Acme Rug 8x10,Thick,大件\n", encoding="utf-8-sig")  # fmt: skip
    outcome = import_file(engine=engine, path=sheet, store="Acme US")
    assert outcome.status == "imported", outcome.error

    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        kinds = listing_storage.capacity_types(s, store.id)
    # SHIRT -> apparel; the nozzle (SPRAY_NOZZLE) is left to its size tier
    assert kinds == {"ACME-TEE-BLK-M": "apparel", "ACME-BOOT-9": "footwear",
                     "ACME-RUG-1": "oversize"}  # fmt: skip


def test_an_apparel_limit_caps_apparel_skus_only(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=30)
        _sku(s, store, "TEE-M", 10, 20, "0.1")
        _sku(s, store, "MUG-1", 10, 20, "0.1")
        s.add(ListingContent(store_id=store.id, sku="TEE-M", product_type="SHIRT"))
        s.add(FbaCapacityLimit(store_id=store.id, storage_type="apparel", limit_units=25))
        s.flush()
        rows = {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}
        overruns = alert_checks.capacity_overrun(_ctx(s, store))
    tee, mug = rows["TEE-M"], rows["MUG-1"]
    assert (tee.storage_type, mug.storage_type) == ("apparel", "standard")
    assert tee.send_to_fba_units <= 5 and tee.held_back_units > 0  # 20 there, room for 5
    assert mug.held_back_units == 0  # no standard-size limit
    assert overruns == []  # 20 apparel units at FBA are within the 25-unit limit
