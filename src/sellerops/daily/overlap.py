"""Findings that count the same money twice.

Several checks can look at one product's problem from different sides: an overstocked SKU
is also aged and may be at the end of its life; a SKU that lost the Buy Box also shows a
sales drop and a broken funnel. Each is worth its own line (the actions differ), but their
money at stake is one pool of money, and adding them up would overstate the day's total.

A finding keyed by SKU and one keyed by ASIN are the same product when the SKU carries
that ASIN (the catalog's, else the finding's own ``asin`` evidence): a sales drop of an
ASIN and the suppressed listing of its SKU share their money.

Within one product (ASIN, or the SKU when its ASIN is unknown) and one pool, the finding
with the most money a month is the primary; the others point at it (``overlaps_key``), are
listed right after it, and are left out of the day's total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product
from sellerops.daily.finding import Finding, score

#: Which findings measure the same money, by (module, kind).
POOLS: dict[str, frozenset[tuple[str, str]]] = {
    # what holding too much stock costs: storage, ageing surcharges, the exit
    "excess_stock": frozenset(
        {
            ("inventory", "overstock"),
            ("inventory", "aged_inventory"),
            ("catalog", "lifecycle_end_of_life"),
        }
    ),
    # sales that are not happening
    "lost_sales": frozenset(
        {
            ("inventory", "out_of_stock"),
            ("inventory", "stockout_risk"),
            ("catalog", "buy_box_loss"),
            ("catalog", "sales_drop"),
            ("catalog", "lifecycle_decline"),
            ("finance", "funnel_break"),
        }
    ),
    # the margin of every unit sold
    "margin": frozenset(
        {
            ("finance", "losing_money"),
            ("finance", "margin_erosion"),
            ("finance", "fee_change"),
            ("catalog", "price_below_floor"),
        }
    ),
}
_POOL_OF = {member: pool for pool, members in POOLS.items() for member in members}
_PRODUCT_TYPES = ("sku", "asin")


def pool_of(finding: Finding) -> str | None:
    if finding.entity_type not in _PRODUCT_TYPES:
        return None
    if (finding.module, finding.kind) == ("catalog", "listing_quality"):
        # a listing taken down (suppressed, or a rule that gets it suppressed) loses its
        # sales: the same money as the sales drop or stock-out of that product. Rules that
        # only cost conversion are money of their own.
        from sellerops.catalog.listing_quality import SUPPRESSION_RULES

        return "lost_sales" if finding.evidence.get("rule") in SUPPRESSION_RULES else None
    return _POOL_OF.get((finding.module, finding.kind))


def overlaps(findings: Iterable[Finding], asin_of_sku: dict[str, str]) -> dict[str, str]:
    """``{key of a secondary finding: key of the primary it shares its money with}``."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        pool = pool_of(f)
        if pool is None:
            continue
        own = f.evidence.get("asin")
        if f.entity_type == "asin":
            product = f.entity
        elif f.entity in asin_of_sku:
            product = asin_of_sku[f.entity]
        elif isinstance(own, str) and own:
            product = own
        else:
            product = "sku:" + f.entity
        groups[(pool, product)].append(f)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda f: (f.monthly_money, score(f), f.key), reverse=True)
        primary = members[0]
        for other in members[1:]:
            out[other.key] = primary.key
    return out


def asin_map(session: Session, store_id: int, findings: Iterable[Finding]) -> dict[str, str]:
    """The ASIN of every SKU the findings name (one query)."""
    skus = {f.entity for f in findings if f.entity_type == "sku" and pool_of(f)}
    if not skus:
        return {}
    rows = session.execute(
        select(Product.sku, Product.asin).where(
            Product.store_id == store_id, Product.sku.in_(skus), Product.asin.is_not(None)
        )
    )
    return {sku: asin for sku, asin in rows if asin}


T = TypeVar("T")


def grouped(
    items: Sequence[T], key_of: dict[int, str], overlaps_of: dict[int, str | None]
) -> list[T]:
    """``items`` (ranked) with each secondary moved right after its primary.

    ``key_of`` / ``overlaps_of`` map ``id(item)`` to the item's finding key and to the key
    it overlaps (None for a primary or a finding that shares nothing). A secondary whose
    primary is not in the list (done, snoozed) stays where its own rank puts it.
    """
    present = {key_of[id(item)] for item in items}
    followers: dict[str, list[T]] = defaultdict(list)
    for item in items:
        target = overlaps_of[id(item)]
        if target is not None and target in present:
            followers[target].append(item)
    out: list[T] = []
    for item in items:
        target = overlaps_of[id(item)]
        if target is not None and target in present:
            continue
        out.append(item)
        out.extend(followers.get(key_of[id(item)], ()))
    return out
