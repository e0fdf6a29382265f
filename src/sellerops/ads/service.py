"""Advertising services: the campaign structure and daily metrics, stored idempotently.

Reports and bulk files name campaigns, ad groups and targets; :class:`Structure` finds or
creates each by its natural key (parent + name key, see ``ads.models``) and fills in what the
source knows, never blanking what another source said (a search term report knows no
budgets; the bulk file does). Daily facts are upserted on their keys, so importing a report
twice, or two overlapping reports, leaves the same rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from sellerops.ads.models import (
    NAME,
    TEXT,
    AdCampaign,
    AdCampaignDaily,
    AdGroup,
    AdPlacementDaily,
    AdProductDaily,
    AdSearchTermDaily,
    AdTarget,
    AdTargetDaily,
)
from sellerops.core.db import UpsertResult, upsert
from sellerops.core.models import Base

AD_PRODUCTS = {"SP": "Sponsored Products", "SB": "Sponsored Brands", "SD": "Sponsored Display"}
_SPACES = re.compile(r"\s+")


def name_key(text: str, limit: int = TEXT) -> str:
    """The comparison key of a name or term: NFKC, case-folded, single spaces, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()[:limit]


_MATCH_TYPES = {
    "broad": "broad", "广泛": "broad", "广泛匹配": "broad", "部分一致": "broad",
    "phrase": "phrase", "词组": "phrase", "词组匹配": "phrase", "フレーズ一致": "phrase",
    "exact": "exact", "精准": "exact", "精准匹配": "exact", "完全一致": "exact",
    "negativeexact": "negative exact", "negative exact": "negative exact",
    "否定精准": "negative exact", "否定精准匹配": "negative exact",
    "negativephrase": "negative phrase", "negative phrase": "negative phrase",
    "否定词组": "negative phrase", "否定词组匹配": "negative phrase",
    "": "-", "-": "-", "*": "-", "targeting_expression": "-", "targeting expression": "-",
    "targeting_expression_predefined": "-",
}  # fmt: skip
_AUTO = frozenset({"close-match", "loose-match", "substitutes", "complements", "*"})
_PRODUCT_PREFIXES = ("asin", "category", "brand", "price", "rating", "prime-shipping-eligible")
_STATES = {"启用": "enabled", "已启用": "enabled", "暂停": "paused", "已暂停": "paused",
           "已归档": "archived", "归档": "archived", "有効": "enabled", "一時停止": "paused",
           "アーカイブ済み": "archived"}  # fmt: skip


def match_type(text: str | None, *, negative: bool = False) -> str:
    """``BROAD`` / ``广泛`` -> ``broad``; ``-`` and targeting expressions -> ``-``."""
    key = name_key(text or "", 32)
    found = _MATCH_TYPES.get(key, _MATCH_TYPES.get(key.replace(" ", ""), key))
    if negative and not found.startswith("negative"):
        return f"negative {found}"
    return found


def target_kind(text: str, match: str) -> str:
    """keyword | auto | product | audience | other, from the target's text and match type."""
    if match.removeprefix("negative ") in ("broad", "phrase", "exact"):
        return "keyword"
    key = name_key(text)
    if key in _AUTO:
        return "auto"
    head = key.split("=", 1)[0].strip()
    if "=" in key and head.startswith(_PRODUCT_PREFIXES):
        return "product"
    if "=" in key or head.startswith(("views", "purchases", "audience", "similar", "exact")):
        return "audience"
    return "other"


def state(text: str | None) -> str | None:
    """``ENABLED`` / ``Enabled`` / ``启用`` -> ``enabled``; unknown words lower-cased."""
    if text is None or not text.strip():
        return None
    key = name_key(text, 16)
    return _STATES.get(key, key.removeprefix("campaign_"))


@dataclass(slots=True)
class CampaignInfo:
    ad_product: str
    name: str
    amazon_id: str | None = None
    portfolio: str | None = None
    state: str | None = None
    targeting_type: str | None = None
    bidding_strategy: str | None = None
    daily_budget: Decimal | None = None
    currency: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    top_of_search_adjustment: int | None = None
    product_page_adjustment: int | None = None
    rest_of_search_adjustment: int | None = None


@dataclass(slots=True)
class GroupInfo:
    name: str
    amazon_id: str | None = None
    state: str | None = None
    default_bid: Decimal | None = None


@dataclass(slots=True)
class TargetInfo:
    text: str
    match_type: str  # as :func:`match_type` gives it
    negative: bool = False
    amazon_id: str | None = None
    state: str | None = None
    bid: Decimal | None = None


@dataclass(slots=True)
class Counts:
    inserted: int = 0
    updated: int = 0


class Structure:
    """One store's campaigns, ad groups and targets, loaded once, found or created by key."""

    def __init__(self, session: Session, store_id: int, batch_id: int | None) -> None:
        self.session, self.store_id, self.batch_id = session, store_id, batch_id
        self.counts = Counts()
        where = {"store_id": store_id}
        self._campaigns = {
            (c.ad_product, c.name_key): c
            for c in session.scalars(select(AdCampaign).filter_by(**where))
        }
        self._groups = {
            (g.campaign_id, g.name_key): g
            for g in session.scalars(select(AdGroup).filter_by(**where))
        }
        self._targets = {
            (t.ad_group_id, t.match_type, t.text_key): t
            for t in session.scalars(select(AdTarget).filter_by(**where))
        }
        self._touched: set[int] = set()

    def campaign(self, info: CampaignInfo) -> AdCampaign:
        key = (info.ad_product, name_key(info.name, NAME))
        found = self._campaigns.get(key) or self._by_amazon_id(info)
        if found is None:
            found = AdCampaign(store_id=self.store_id, ad_product=info.ad_product, name_key=key[1])
            self._add(found)
        elif found.name_key != key[1]:  # found by its Amazon id: renamed since (bulk file)
            del self._campaigns[(found.ad_product, found.name_key)]
            found.name_key = key[1]
        self._campaigns[key] = found
        return self._fill(found, info)

    def group(self, campaign: AdCampaign, info: GroupInfo) -> AdGroup:
        self._flush_new(campaign)
        key = (campaign.id, name_key(info.name, NAME))
        found = self._groups.get(key)
        if found is None:
            found = AdGroup(store_id=self.store_id, campaign_id=campaign.id, name_key=key[1])
            self._groups[key] = found
            self._add(found)
        return self._fill(found, info)

    def target(self, group: AdGroup, info: TargetInfo) -> AdTarget:
        self._flush_new(group)
        key = (group.id, info.match_type, name_key(info.text))
        found = self._targets.get(key)
        if found is None:
            found = AdTarget(
                store_id=self.store_id, campaign_id=group.campaign_id, ad_group_id=group.id,
                match_type=info.match_type, text_key=key[2],
                kind=target_kind(info.text, info.match_type),
            )  # fmt: skip
            self._targets[key] = found
            self._add(found)
        return self._fill(found, info)

    def _by_amazon_id(self, info: CampaignInfo) -> AdCampaign | None:
        if not info.amazon_id:
            return None
        return next(
            (c for c in self._campaigns.values()
             if c.amazon_id == info.amazon_id and c.ad_product == info.ad_product),
            None,
        )  # fmt: skip

    def _add(self, row: AdCampaign | AdGroup | AdTarget) -> None:
        self.session.add(row)
        self._touched.add(id(row))
        self.counts.inserted += 1

    def _flush_new(self, parent: AdCampaign | AdGroup) -> None:
        if parent.id is None:
            self.session.flush()

    def _fill(self, row: Any, info: Any) -> Any:
        """Set what ``info`` knows; keep what it does not (None). Names take the latest
        spelling, truncated to the column."""
        for f in fields(info):
            value = getattr(info, f.name)
            if value is None or f.name in ("ad_product", "match_type"):
                continue
            if f.name in ("name", "text"):
                value = value.strip()[: NAME if f.name == "name" else TEXT]
            setattr(row, f.name, value)
        row.import_batch_id = self.batch_id
        if id(row) not in self._touched:
            self._touched.add(id(row))
            self.counts.updated += 1
        return row


_FACTS: dict[str, tuple[type[Base], tuple[str, ...]]] = {
    "search_term": (AdSearchTermDaily, ("store_id", "day", "target_id", "term_key")),
    "target": (AdTargetDaily, ("store_id", "day", "target_id")),
    "product": (AdProductDaily, ("store_id", "day", "ad_group_id", "asin", "sku")),
    "campaign": (AdCampaignDaily, ("store_id", "day", "campaign_id")),
    "placement": (AdPlacementDaily, ("store_id", "day", "campaign_id", "placement_key")),
}
LEVELS = tuple(_FACTS)


def store_metrics(
    *, session: Session, level: str, rows: Sequence[Mapping[str, Any]]
) -> UpsertResult:
    """Upsert daily metric rows of one ``level`` (see :data:`LEVELS`); rows carry
    ``store_id``, ``day``, the level's ids and the measures of ``ads.models._Metrics``."""
    model, key = _FACTS[level]
    table: Table = model.__table__  # type: ignore[assignment]
    return upsert(session, table, rows, key=key)
