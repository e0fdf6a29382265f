"""Product ads: which SKU / ASIN each ad group advertises (bulk file ``Product ad`` rows).

The optimizer needs them to know an ad group's stock (inventory-aware bids), its margin
(target ACoS) and its total sales (TACoS).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.ads.models import AdGroup, AdProductAd


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
