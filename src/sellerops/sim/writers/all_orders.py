"""All Orders flat file (``GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL``), per month.

The 2022 US layout of ``report-formats.md`` section 3: tab-separated, one row per order item,
timestamps in UTC with ``+00:00``, plain decimals (``14.0``), ``item-price`` the line total,
empty strings for missing amounts, ``false``/``true`` flags. A month's file holds the orders
purchased on that month's marketplace-local dates. Cancelled orders show quantity 0 (as in
Amazon's file) with the price that was ordered; Pending orders keep their prices (real files
sometimes leave them empty until the order is confirmed). Flat files are English whatever the
interface language.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np

from sellerops.sim.addresses import places_for, ship_country
from sellerops.sim.orders import CANCELLED, PENDING, SHIP_LEVELS, STATUS_NAMES
from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers.formatting import iso_utc, plain_decimal, write_tsv

HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "cpf",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
    "signature-confirmation-recommended",
]

_ITEM_STATUS = {0: "Shipped", PENDING: "Unshipped", CANCELLED: ""}


def file_name(market: str, month: str) -> str:
    return f"All_Orders_{market}_{month}.txt"


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    m = truth.markets[market]
    o = m.orders
    first = 0 if since is None else max(truth.day_index(since), 0)
    item_day = o.item_day()
    months = np.array([d.strftime("%Y-%m") for d in truth.days])
    paths = []
    for month in dict.fromkeys(months[first:].tolist()):
        days = np.flatnonzero(months == month)
        lo, hi = max(int(days[0]), first), int(days[-1])
        items = np.flatnonzero((item_day >= lo) & (item_day <= hi))
        rows = _rows(truth, m, items)
        paths.append(write_tsv(out_dir / file_name(market, month), HEADER, rows))
    return paths


def _rows(truth: SimTruth, m: MarketTruth, items: np.ndarray) -> Iterator[list[str]]:
    o = m.orders
    code = m.marketplace.code
    places = places_for(code)
    country = ship_country(code)
    currency = m.marketplace.currency
    utc = o.purchase_utc()
    order = o.item_order[items]
    items = items[np.lexsort((items, o.order_number[order], utc[order]))]
    for i in items.tolist():
        k = int(o.item_order[i])
        p = truth.products[int(o.item_sku[i])]
        status = int(o.status[k])
        place = places[int(o.place[k])]
        price = int(o.item_price[i])
        tax = round(price * place.tax_rate)
        business = bool(o.business[k])
        yield [
            o.order_id(k),
            "",
            iso_utc(int(utc[k])),
            iso_utc(int(utc[k]) + int(o.update_lag[k])),
            STATUS_NAMES[status],
            "Merchant" if o.mfn[k] else "Amazon",
            m.marketplace.sales_channel,
            "WebsiteOrderChannel",
            SHIP_LEVELS[int(o.ship_level[k])],
            p.title,
            p.sku,
            p.asin,
            _ITEM_STATUS[status],
            "0" if status == CANCELLED else str(int(o.item_qty[i])),
            currency,
            plain_decimal(price, currency),
            plain_decimal(tax, currency) if tax else "",
            *([""] * 6),
            place.city,
            place.state,
            _postal(place.postal, int(o.zip4[k]), code),
            country,
            "",
            "",
            "true" if business else "false",
            f"PO-{o.order_number[k] % 1000000:06d}" if business and o.zip4[k] % 3 == 0 else "",
            "",
            "false",
        ]


def _postal(postal: str, zip4: int, code: str) -> str:
    """US buyers' ZIP codes appear as ZIP+4 in most orders (``78028-6411``)."""
    if code == "US" and zip4 >= 0:
        return f"{postal}-{zip4:04d}"
    return postal
