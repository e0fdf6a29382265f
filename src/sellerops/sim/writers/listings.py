"""The store's listings as an SP-API ``searchListingsItems`` response (Listings Items
2021-08-01, ``includedData=summaries,attributes,issues``), saved as JSON.

One item per SKU: title, five bullet points and a description made from the catalog, a brand,
the main image and six more, ``BUYABLE`` / ``DISCOVERABLE``. A few listings carry the defects
real catalogs have, chosen by the seed: one best seller search-suppressed for a missing brand
(``SEARCH_SUPPRESSED`` enforcement), one with a Chinese bullet left untranslated, one with a
ranking claim in a bullet, one with an attribute Amazon rejects, and some with fewer than six
images or five bullets. The rules in ``catalog.listing_quality`` find each of them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from sellerops.sim.catalog import Product
from sellerops.sim.truth import SimTruth

#: Amazon product type per simulated category (labels only: none needs more than a brand).
PRODUCT_TYPES = {"KITCH": "KITCHEN", "HOME": "HOME", "PET": "PET_SUPPLIES",
                 "SPORT": "SPORTING_GOODS", "BEAUTY": "BEAUTY", "ELEC": "ELECTRONIC_ADAPTER",
                 "TOYS": "TOY_FIGURE", "OFFICE": "OFFICE_PRODUCTS"}  # fmt: skip
CHINESE_BULLET = "材质：食品级材料，安全无异味，经久耐用"
CLAIM_BULLET = "#1 BEST SELLER: thousands of happy customers choose it every month"


def file_name(market: str, day: date) -> str:
    return f"Listings_Items_{market}_{day.isoformat()}.json"


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    mid = truth.markets[market].marketplace.marketplace_id
    tag = truth.markets[market].marketplace.language
    defects = choose_defects(truth)
    items = [_item(p, mid, tag, defects.get(p.index, set())) for p in truth.products]
    document = {"numberOfResults": len(items), "items": items}
    path = out_dir / file_name(market, truth.days[-1])
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]


def choose_defects(truth: SimTruth) -> dict[int, set[str]]:
    """SKU index -> its defects; the same seed gives the same ones."""
    rng = np.random.default_rng(truth.config.seed + 4049)
    n = len(truth.products)
    out: dict[int, set[str]] = {i: set() for i in range(n)}
    by_rate = sorted(range(n), key=lambda i: -truth.products[i].base_rate)
    out[by_rate[min(2, n - 1)]].add("suppressed")  # a strong seller: the loss is real
    others = [int(i) for i in rng.permutation(n) if int(i) != by_rate[min(2, n - 1)]]
    for name, index in zip(("chinese", "claim", "invalid"), others, strict=False):
        out[index].add(name)
    for i in range(n):
        if rng.random() < 0.15:
            out[i].add("few_images")
        if rng.random() < 0.10:
            out[i].add("few_bullets")
    return {i: d for i, d in out.items() if d}


def _value(value: str, mid: str, tag: str) -> dict[str, str]:
    return {"value": value, "language_tag": tag, "marketplace_id": mid}


def _image(name: str, mid: str) -> list[dict[str, str]]:
    return [{"media_location": f"https://m.media-amazon.com/images/I/{name}.jpg",
             "marketplace_id": mid}]  # fmt: skip


def _bullets(p: Product, defects: set[str]) -> list[str]:
    length, width, height = p.dimensions_in
    bullets = [
        f"{p.product_type.upper()} BY {p.brand.upper()}: made for everyday use, in {p.variation}",
        f"SIZE: {length:.1f} x {width:.1f} x {height:.1f} inches, {p.weight_lb:.1f} lb",
        "EASY CARE: wipe clean or rinse with warm water; dries quickly",
        f"BUILT TO LAST: tested for daily use in {p.category.lower()}",
        "WHAT YOU GET: one item as pictured and a quick-start card",
    ]
    if "chinese" in defects:
        bullets[3] = CHINESE_BULLET
    if "claim" in defects:
        bullets[2] = CLAIM_BULLET
    return bullets[:3] if "few_bullets" in defects else bullets


def _item(p: Product, mid: str, tag: str, defects: set[str]) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "item_name": [_value(p.title, mid, tag)],
        "bullet_point": [_value(b, mid, tag) for b in _bullets(p, defects)],
        "product_description": [_value(f"{p.title}. {p.product_type} from {p.brand}.", mid, tag)],
        "color": [_value(p.variation, mid, tag)],
        "main_product_image_locator": _image(p.asin, mid),
    }
    if "suppressed" not in defects:
        attributes["brand"] = [_value(p.brand, mid, tag)]
    images = 4 if "few_images" in defects else 6
    for n in range(1, images + 1):
        attributes[f"other_product_image_locator_{n}"] = _image(f"{p.asin}-{n}", mid)
    issues: list[dict[str, Any]] = []
    status = ["BUYABLE", "DISCOVERABLE"]
    if "suppressed" in defects:
        status = ["BUYABLE"]
        issues.append({
            "code": "90220", "message": "'brand' is required but not supplied.",
            "severity": "ERROR", "attributeNames": ["brand"], "categories": ["MISSING_ATTRIBUTE"],
            "enforcements": {"actions": [{"action": "SEARCH_SUPPRESSED"}],
                             "exemption": {"status": "NOT_EXEMPT"}},
        })  # fmt: skip
    if "invalid" in defects:
        issues.append({
            "code": "18027",
            "message": f"The value '{p.category}' for 'item_type_keyword' is not valid.",
            "severity": "ERROR", "attributeNames": ["item_type_keyword"],
            "categories": ["INVALID_ATTRIBUTE"],
        })  # fmt: skip
    summary = {
        "marketplaceId": mid,
        "asin": p.asin,
        "productType": PRODUCT_TYPES.get(p.sku.split("-")[1], "PRODUCT"),
        "conditionType": "new_new",
        "status": status,
        "itemName": p.title,
        "mainImage": {"link": f"https://m.media-amazon.com/images/I/{p.asin}.jpg",
                      "height": 1500, "width": 1500},
    }  # fmt: skip
    return {"sku": p.sku, "summaries": [summary], "attributes": attributes, "issues": issues}
