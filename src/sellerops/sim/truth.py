"""The ground truth of a simulated store: what really happened, to compare imports against.

Arrays are shaped [sku, day]: ``sku`` indexes ``SimTruth.products``, ``day`` indexes
``SimTruth.days`` (marketplace-local dates, oldest first). Money is in the marketplace
currency's minor units (cents for USD), as integers, so totals are exact.

For the first marketplace the common arrays are also reachable on the truth itself
(``truth.units_sold`` is ``truth.markets["US"].units_sold`` in a US run).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sellerops.core.marketplaces import Marketplace
from sellerops.sim.ads import AdMetrics, AdStructure
from sellerops.sim.catalog import CatalogArrays, Product
from sellerops.sim.config import SimConfig
from sellerops.sim.events import Event
from sellerops.sim.feedback import MessageTable, ReviewTable
from sellerops.sim.incidents import Incident
from sellerops.sim.orders import OrderTable
from sellerops.sim.returns import ReturnTable
from sellerops.sim.store import PurchaseOrders
from sellerops.sim.traffic import Traffic


@dataclass(slots=True)
class MarketTruth:
    """One marketplace (one store, in sellerops' terms).

    Demand chain: ``true_demand`` (expected units wanted) -> ``demand`` (realised) ->
    ``wanted`` (the part that reached our offer: Buy Box share applied) -> ``units_sold``
    (= min(wanted, available): demand lost to a stock-out is not a sale).

    Stock arrays are per day: ``available`` at the start of the day (what could be sold),
    the others at the end of the day, as the next morning's inventory report shows them. For
    merchant-fulfilled SKUs (``Product.fulfillment == "MFN"``) they describe the seller's own
    warehouse, and those SKUs are not in FBA inventory reports.
    """

    marketplace: Marketplace
    incidents: list[Incident]
    list_price: NDArray[np.int64]  # [sku]
    price: NDArray[np.int64]  # selling price per unit
    coupon: NDArray[np.float32]  # coupon discount fraction
    deal: NDArray[np.bool_]
    buybox_share: NDArray[np.float32]  # our share of the featured offer (model)
    lifecycle: NDArray[np.float32]
    expected_sessions: NDArray[np.float32]
    cvr: NDArray[np.float32]
    true_demand: NDArray[np.float32]
    demand: NDArray[np.int32]
    wanted: NDArray[np.int32]
    units_sold: NDArray[np.int32]
    order_items: NDArray[np.int32]
    units_b2b: NDArray[np.int32]
    order_items_b2b: NDArray[np.int32]
    available: NDArray[np.int32]
    fulfillable: NDArray[np.int32]
    reserved: NDArray[np.int32]
    unfulfillable: NDArray[np.int32]
    on_order: NDArray[np.int32]  # in production at the supplier (not visible to Amazon)
    inbound_working: NDArray[np.int32]
    inbound_shipped: NDArray[np.int32]
    inbound_receiving: NDArray[np.int32]
    traffic: Traffic
    ads: AdMetrics
    orders: OrderTable
    returns: ReturnTable
    reviews: ReviewTable
    messages: MessageTable
    purchase_orders: PurchaseOrders  # days relative to the window (negative = before it)
    day_start_utc: NDArray[np.int64]  # [day], epoch second of each local midnight

    @property
    def sales(self) -> NDArray[np.int64]:
        """Ordered product sales = units sold x price, minor units."""
        return self.units_sold * self.price

    @property
    def regular_price(self) -> NDArray[np.int64]:
        """The offer's own price (``your-price``): the selling price outside deal days."""
        n, days = self.price.shape
        t = np.arange(days)
        last = np.maximum.accumulate(np.where(self.deal, -1, t), axis=1)
        own = self.price[np.arange(n)[:, None], np.maximum(last, 0)]
        return np.where(last >= 0, own, self.list_price[:, None])

    @property
    def sales_b2b(self) -> NDArray[np.int64]:
        return self.units_b2b * self.price

    @property
    def featured_offer(self) -> NDArray[np.float32]:
        """Buy Box share as the Business Report shows it: 0 on days with nothing to sell."""
        return np.where(self.available > 0, self.buybox_share, np.float32(0))

    @property
    def lost_units(self) -> NDArray[np.int32]:
        """Units buyers wanted from us that we could not sell (stock-out or Buy Box loss)."""
        return self.demand - self.units_sold


class _FromPrimary:
    """Reads an attribute of the first marketplace's truth, for single-market convenience."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: SimTruth | None, owner: type | None = None) -> NDArray[Any]:
        assert obj is not None
        value: NDArray[Any] = getattr(obj.primary, self.name)
        return value


@dataclass(slots=True)
class SimTruth:
    config: SimConfig
    days: list[date]
    products: list[Product]
    catalog: CatalogArrays
    events: list[Event]
    ad_structure: AdStructure
    markets: dict[str, MarketTruth]

    @property
    def primary(self) -> MarketTruth:
        return self.markets[self.config.market_codes[0]]

    @property
    def incidents(self) -> list[Incident]:
        return self.primary.incidents

    units_sold = _FromPrimary()
    demand = _FromPrimary()
    true_demand = _FromPrimary()
    available = _FromPrimary()
    fulfillable = _FromPrimary()
    buybox_share = _FromPrimary()
    price = _FromPrimary()
    sales = _FromPrimary()

    def sku_index(self, sku: str) -> int:
        for p in self.products:
            if p.sku == sku:
                return p.index
        raise KeyError(sku)

    def day_index(self, day: date) -> int:
        return (day - self.days[0]).days
