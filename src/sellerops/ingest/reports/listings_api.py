"""SP-API Listings Items 2021-08-01 documents (JSON) -> ``listing_content``.

Two shapes, as saved from the API: one ``getListingsItem`` response (``sku``, ``summaries``
and whatever else ``includedData`` asked for: ``attributes``, ``issues``, ``offers`` ...), or a
``searchListingsItems`` response (``numberOfResults``, ``pagination``, ``items``: such items).
Request ``includedData=summaries,attributes,issues`` for the listing-quality check to see
everything; with summaries only, the title, main image and status are known.

What is read, per item and the store's marketplace (values tagged with another
``marketplace_id`` are left out):

- ``attributes.item_name[].value`` (title), ``bullet_point[].value`` (in order),
  ``product_description[].value``, images: ``main_product_image_locator`` plus
  ``other_product_image_locator_1`` .. ``_8`` (swatches not counted);
- ``summaries[].status`` (``BUYABLE``, ``DISCOVERABLE``), ``productType``, ``asin``,
  ``itemName`` and ``mainImage`` where attributes are absent;
- ``issues[]``: ``severity`` ERROR / WARNING / INFO, ``categories`` (``MISSING_ATTRIBUTE`` ->
  the ``attributeNames`` are missing attributes), ``enforcements.actions[].action``
  (``LISTING_SUPPRESSED``, ``SEARCH_SUPPRESSED``, ``CATALOG_ITEM_REMOVED`` suppress the
  listing unless ``exemption.status`` is an exemption).

A listing is suppressed when such an enforcement applies, or when it is ``BUYABLE`` but not
``DISCOVERABLE`` (it sells, but does not show in search). Key attributes the product type
needs (``listing_quality.KEY_ATTRIBUTES``) and the attributes lack count as missing. The
Listings Items API has no A+ content: that stays unknown (the ``listings`` sheet can say).
"""

from __future__ import annotations

from typing import Any

from sellerops.catalog import listing_quality as lq
from sellerops.core.marketplaces import Marketplace, UnknownMarketplaceError, get_marketplace
from sellerops.ingest.documents import json_family
from sellerops.ingest.errors import FileError
from sellerops.ingest.registry import LoadContext, LoadResult, Parsed
from sellerops.ingest.reports import listings_content
from sellerops.ingest.reports._fact_rows import MARKET

SUPPRESSING = frozenset({"LISTING_SUPPRESSED", "SEARCH_SUPPRESSED", "CATALOG_ITEM_REMOVED"})
_EXEMPT = frozenset({"EXEMPT", "EXEMPT_UNTIL_EXPIRY_DATE"})
_OTHER_IMAGES = tuple(f"other_product_image_locator_{n}" for n in range(1, 9))
_NON_ATTRIBUTES = frozenset({"main_product_image_locator", *_OTHER_IMAGES})
_KNOWN = "_known"
FIELDS = ("asin", "product_type", "title", "bullets", "description", "image_count",
          "missing_attributes", "status", "suppressed", "issues")  # fmt: skip


def parse_item_document(document: dict[str, Any], file_name: str) -> Parsed:
    return _parse([document], file_name, "")


def parse_search_document(document: dict[str, Any], file_name: str) -> Parsed:
    items = document.get("items")
    if not isinstance(items, list):
        raise FileError(file_name, "expected a list of listings items", column="items")
    return _parse(items, file_name, "items")


def _parse(items: list[Any], file_name: str, where: str) -> Parsed:
    parsed = Parsed(0, [])
    for index, item in enumerate(items):
        path = f"{where}[{index}]" if where else ""
        if not isinstance(item, dict):
            raise FileError(file_name, "expected a listings item (an object)", column=path or "$")
        sku = item.get("sku")
        if not isinstance(sku, str) or not sku.strip():
            raise FileError(file_name, "the listings item has no sku", column=_at(path, "sku"))
        if len(sku.strip()) > 64:
            raise FileError(file_name, "a SKU is at most 64 characters", column=_at(path, "sku"))
        parsed.rows_read += 1
        for market in _markets(item, file_name, path):
            row = _row(item, sku.strip(), market, file_name, path)
            parsed.records.append(row)
            if market is not None:
                parsed.marketplaces[market.code] += 1
    return parsed


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _markets(item: dict[str, Any], file_name: str, path: str) -> list[Marketplace | None]:
    """The marketplaces the item's summaries are for (None: the document does not say)."""
    found: list[Marketplace | None] = []
    for i, summary in enumerate(_list(item, "summaries", file_name, path)):
        try:
            market = get_marketplace(str(summary.get("marketplaceId") or ""))
        except UnknownMarketplaceError:
            raise FileError(
                file_name,
                f"unknown marketplaceId {summary.get('marketplaceId')!r}",
                column=_at(path, f"summaries[{i}].marketplaceId"),
            ) from None
        if market not in found:
            found.append(market)
    return found or [None]


def _list(item: dict[str, Any], key: str, file_name: str, path: str) -> list[dict[str, Any]]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise FileError(file_name, "expected a list of objects", column=_at(path, key))
    return value


def _values(attributes: dict[str, Any], name: str, market: Marketplace | None) -> list[Any]:
    """The attribute's values for the marketplace (or for none in particular)."""
    entries = attributes.get(name) or []
    if not isinstance(entries, list):
        return []
    mid = market.marketplace_id if market else None
    return [
        e for e in entries
        if isinstance(e, dict) and e.get("marketplace_id") in (None, mid)
    ]  # fmt: skip


def _text(attributes: dict[str, Any], name: str, market: Marketplace | None) -> list[str]:
    return [str(e["value"]) for e in _values(attributes, name, market) if e.get("value")]


def _row(
    item: dict[str, Any], sku: str, market: Marketplace | None, file_name: str, path: str
) -> dict[str, Any]:
    mid = market.marketplace_id if market else None
    summaries = [
        s for s in _list(item, "summaries", file_name, path)
        if mid is None or s.get("marketplaceId") == mid
    ]  # fmt: skip
    summary = summaries[0] if summaries else {}
    attributes = item.get("attributes")
    if attributes is not None and not isinstance(attributes, dict):
        raise FileError(file_name, "expected an object", column=_at(path, "attributes"))
    statuses = [str(s).upper() for s in summary.get("status") or []]
    product_type = summary.get("productType") or _first_product_type(item)
    row: dict[str, Any] = {
        MARKET: market.code if market else None,
        "sku": sku,
        "asin": str(summary["asin"])[:16] if summary.get("asin") else None,
        "product_type": str(product_type)[:64] if product_type else None,
        "status": " ".join(statuses)[:120] if summaries else None,
        "title": summary.get("itemName"),
        "bullets": None,
        "description": None,
        "image_count": None,
        "missing_attributes": None,
    }
    has_main = bool(summary.get("mainImage")) if summaries else None
    missing: list[str] = []
    if attributes is not None:
        titles = _text(attributes, "item_name", market)
        row["title"] = titles[0] if titles else row["title"]
        row["bullets"] = _text(attributes, "bullet_point", market)
        descriptions = _text(attributes, "product_description", market)
        row["description"] = "\n".join(descriptions) or None
        main = bool(_values(attributes, "main_product_image_locator", market))
        others = sum(1 for name in _OTHER_IMAGES if _values(attributes, name, market))
        has_main = has_main or main
        row["image_count"] = (1 if has_main else 0) + others
        present = {
            n for n in attributes if n not in _NON_ATTRIBUTES and _values(attributes, n, market)
        }
        missing = lq.missing_key_attributes(row["product_type"], present)
    if has_main is False and row["image_count"] is None:
        row["image_count"] = 0
    issues, from_issues, enforced = _issues(item, mid, file_name, path)
    row["issues"] = issues
    missing += [a for a in from_issues if a not in missing]
    row["missing_attributes"] = missing if attributes is not None or from_issues else None
    unsearchable = "BUYABLE" in statuses and "DISCOVERABLE" not in statuses
    row["suppressed"] = bool(enforced or unsearchable) if (summaries or issues) else None
    # what the document knows: a part ``includedData`` left out leaves the stored value alone
    known = {"asin", "product_type", "status", "title"} if summaries else set()
    if attributes is not None:
        known |= {"title", "bullets", "description", "image_count", "missing_attributes"}
    elif has_main is False:
        known.add("image_count")
    if "issues" in item:
        known |= {"issues", "missing_attributes", "suppressed"}
    elif summaries:
        known.add("suppressed")
    row[_KNOWN] = tuple(f for f in FIELDS if f in known)
    return row


def _first_product_type(item: dict[str, Any]) -> str | None:
    types = item.get("productTypes")
    if isinstance(types, list) and types and isinstance(types[0], dict):
        return types[0].get("productType")
    return None


def _issues(
    item: dict[str, Any], mid: str | None, file_name: str, path: str
) -> tuple[list[dict[str, Any]], list[str], bool]:
    """Amazon's issues for the marketplace, the attributes they say are missing, and whether
    one of them suppresses the listing."""
    issues: list[dict[str, Any]] = []
    missing: list[str] = []
    enforced = False
    for i, issue in enumerate(_list(item, "issues", file_name, path)):
        markets = issue.get("marketplaceIds")
        if mid is not None and isinstance(markets, list) and markets and mid not in markets:
            continue
        severity = str(issue.get("severity") or "").upper()
        if severity not in ("ERROR", "WARNING", "INFO"):
            raise FileError(
                file_name,
                f"severity {issue.get('severity')!r}: expected ERROR, WARNING or INFO",
                column=_at(path, f"issues[{i}].severity"),
            )
        categories = [str(c).upper() for c in issue.get("categories") or []]
        names = [str(a) for a in issue.get("attributeNames") or []]
        enforcements = issue.get("enforcements") or {}
        actions = [str(a.get("action")).upper() for a in enforcements.get("actions") or []
                   if isinstance(a, dict)]  # fmt: skip
        exempt = str((enforcements.get("exemption") or {}).get("status") or "") in _EXEMPT
        if not exempt and SUPPRESSING.intersection(actions):
            enforced = True
        if "MISSING_ATTRIBUTE" in categories:
            missing += [n for n in names if n not in missing]
        issues.append({
            "code": str(issue.get("code") or ""), "severity": severity,
            "message": str(issue.get("message") or ""), "categories": categories,
            "attributes": names, "enforcements": [] if exempt else actions,
        })  # fmt: skip
    return issues, missing, enforced


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows: list[dict[str, Any]] = parsed.records
    mine = [r for r in rows if r[MARKET] in (None, ctx.marketplace.code)]
    if rows and not mine:
        raise FileError(
            ctx.file_name,
            f"none of the listings are for {ctx.marketplace.domain}, "
            f"the marketplace of store {ctx.store.name!r}",
        )
    if len(mine) < len(rows):
        result.rejected = len(rows) - len(mine)
        result.notes.append(
            "1 listing for another marketplace was skipped"
            if result.rejected == 1
            else f"{result.rejected} listings for other marketplaces were skipped"
        )
    by_sku = {r["sku"]: r for r in mine}  # a SKU listed twice: the later entry wins
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in by_sku.values():
        groups.setdefault(row[_KNOWN], []).append(row)
    for fields, group in groups.items():
        counted = listings_content.save(ctx, group, "listings_api", fields)
        result.inserted += counted.inserted
        result.updated += counted.updated
    return result


_ITEM_PARTS = ("attributes", "issues", "offers", "fulfillmentAvailability", "procurement",
               "relationships", "productTypes")  # fmt: skip

FAMILIES = (
    json_family(
        name="listings_item_json",
        title="SP-API Listings Items document (getListingsItem, JSON)",
        keys=("sku", "summaries"),
        optional=_ITEM_PARTS,
        parse=parse_item_document,
        load=load,
    ),
    json_family(
        name="listings_search_json",
        title="SP-API Listings Items search (searchListingsItems, JSON)",
        keys=("numberOfResults", "items"),
        optional=("pagination",),
        parse=parse_search_document,
        load=load,
    ),
)
