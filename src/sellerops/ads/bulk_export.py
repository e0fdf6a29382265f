"""Approved changes as an Amazon bulk-operations file (bulksheets 2.0), and its revert file.

The sheet is ``Sponsored Products Campaigns`` with the downloaded sheet's columns
(report-formats.md §6b) and only the changed rows: ``Update`` rows carry the entity's ids
and the new bid, budget or state; ``Create`` rows (negatives, harvested keywords) carry the
campaign and ad group ids, the text and match type. The revert file undoes them: updates
go back to the old value; created keywords are archived, which needs the id Amazon gave
them, filled in when a bulk file downloaded after the upload has been imported.

Sponsored Brands and Sponsored Display changes go to their own sheets of the same workbook,
``Sponsored Brands Campaigns`` / ``Sponsored Display Campaigns`` (tab names as bulk tools
read them; Amazon's guides call them the "Sponsored Brands" / "Sponsored Display" tab of a
download, so the exact names are unverified): bid changes of keywords / targets, budget
changes of campaigns, and for Display the pause / enable of product ads. Negatives and
harvested keywords go there too, in each sheet's words:

* Sponsored Brands (Amazon's bulksheets 2.0 guides, ``create-sb-campaign`` /
  ``update-sb-campaigns``): entities ``Keyword`` (``Bid``, ``Keyword Text``, ``Match Type``
  ``exact``), ``Negative keyword`` (``Keyword Text``, ``Match Type`` ``negativeExact`` /
  ``negativePhrase``) and ``Negative product targeting`` (``Product Targeting Expression``
  ``asin="..."``), each with the ``Campaign ID`` and ``State``; ``Ad Group ID`` is filled when
  the campaign has ad groups (multi-ad-group campaigns).
* Sponsored Display has no keywords or search terms: only ASIN negatives are written, as
  ``Negative product targeting`` with ``Targeting Expression`` ``asin="..."`` (the entity name
  as a bulk-file parser reads it; unverified against an Amazon example). A harvest whose
  destination or source is a Display campaign, or a keyword negative in one, is not
  exportable and stays approved (:func:`exportable`).

Applying goes through :class:`ChangeApplier`: the bulk file is the first one; the Ads API
push (connectors) will be another behind the same interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.ads import recommendations as recs
from sellerops.ads.models import AdCampaign, AdGroup, AdProductAd, AdRecommendation, AdTarget
from sellerops.ads.service import name_key
from sellerops.core.models import utcnow
from sellerops.core.xlsx import write_tables

SHEET = "Sponsored Products Campaigns"
SHEETS = {"SP": SHEET, "SB": "Sponsored Brands Campaigns", "SD": "Sponsored Display Campaigns"}
PRODUCTS = {"SP": "Sponsored Products", "SB": "Sponsored Brands", "SD": "Sponsored Display"}
#: The changes each ad product's sheet carries.
KINDS = {
    "SP": frozenset({"bid", "budget", "pause", "enable", "negative", "harvest"}),
    "SB": frozenset({"bid", "budget", "negative", "harvest"}),
    "SD": frozenset({"bid", "budget", "pause", "enable", "negative"}),
}
#: Ad products whose sheets carry keywords (harvests, negative keywords).
KEYWORDS = frozenset({"SP", "SB"})
SB_HEADER = [
    "Product", "Entity", "Operation", "Campaign ID", "Draft Campaign ID", "Portfolio ID",
    "Ad Group ID", "Ad ID", "Keyword ID", "Product Targeting ID", "Campaign Name",
    "Ad Group Name", "Campaign Name (Informational only)", "Ad Group Name (Informational only)",
    "Portfolio Name (Informational only)", "Start Date", "End Date", "State",
    "Campaign State (Informational only)", "Budget Type", "Budget", "Bid Optimization", "Bid",
    "Keyword Text", "Match Type", "Native Language Keyword", "Native Language Locale",
    "Product Targeting Expression",
]  # fmt: skip
SD_HEADER = [
    "Product", "Entity", "Operation", "Campaign ID", "Portfolio ID", "Ad Group ID", "Ad ID",
    "Targeting ID", "Campaign Name", "Ad Group Name", "Campaign Name (Informational only)",
    "Ad Group Name (Informational only)", "Portfolio Name (Informational only)", "Start Date",
    "End Date", "State", "Campaign State (Informational only)",
    "Ad Group State (Informational only)", "Tactic", "Budget Type", "Budget", "SKU", "ASIN",
    "Ad Group Default Bid", "Bid", "Bid Optimization", "Cost Type", "Targeting Expression",
]  # fmt: skip
HEADER = [
    "Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID",
    "Keyword ID", "Product Targeting ID", "Campaign Name", "Ad Group Name",
    "Campaign Name (Informational only)", "Ad Group Name (Informational only)",
    "Portfolio Name (Informational only)", "Start Date", "End Date", "Targeting Type", "State",
    "Campaign State (Informational only)", "Ad Group State (Informational only)", "Daily Budget",
    "SKU", "ASIN", "Eligibility Status (Informational only)",
    "Reason for Ineligibility (Informational only)", "Ad Group Default Bid",
    "Ad Group Default Bid (Informational only)", "Bid", "Keyword Text", "Native Language Keyword",
    "Native Language Locale", "Match Type", "Bidding Strategy", "Placement", "Percentage",
    "Product Targeting Expression", "Resolved Product Targeting Expression (Informational only)",
    "Impressions", "Clicks", "Click-through Rate", "Spend", "Sales", "Orders", "Units",
    "Conversion Rate", "ACOS", "CPC", "ROAS",
]  # fmt: skip
HEADERS = {"SP": HEADER, "SB": SB_HEADER, "SD": SD_HEADER}
_MATCH = {"exact": "exact", "phrase": "phrase", "broad": "broad",
          "negative exact": "negativeExact", "negative phrase": "negativePhrase"}  # fmt: skip
Row = dict[str, Any]


class ChangeApplier(Protocol):
    """Carries approved recommendations out; returns what a person needs to finish it."""

    def apply(self, session: Session, rows: list[AdRecommendation]) -> list[Path]: ...


@dataclass(slots=True)
class BulkFileApplier:
    """Writes the bulk file (and its revert file) for the operator to upload."""

    out: Path
    revert_out: Path
    #: revert rows archiving something this file creates, still without Amazon's id (known
    #: only once a bulk file downloaded after the upload is imported): Amazon rejects them
    revert_rows_without_id: int = 0

    def apply(self, session: Session, rows: list[AdRecommendation]) -> list[Path]:
        lookup = _Lookup(session, rows[0].store_id if rows else 0)
        forward = [line for r in rows for line in _forward(r, lookup)]
        back = [line for r in rows for line in _revert(r, lookup)]
        self.revert_rows_without_id = sum(
            1 for line in back
            if line.get("State") == "archived"
            and not any(line.get(k) for k in ("Keyword ID", "Product Targeting ID", "Targeting ID"))
        )  # fmt: skip
        for path in (self.out, self.revert_out):
            path.parent.mkdir(parents=True, exist_ok=True)
        write_sheet(self.out, forward)
        write_sheet(self.revert_out, back)
        return [self.out, self.revert_out]


def write_sheet(path: Path, rows: list[Row]) -> None:
    """The Sponsored Products sheet always; the SB / SD sheets when they have rows."""
    sheets = []
    for ad_product, name in SHEETS.items():
        mine = [r for r in rows if r.get("Product") == PRODUCTS[ad_product]]
        if mine or ad_product == "SP":
            header = HEADERS[ad_product]
            sheets.append((name, header, [[row.get(h) for h in header] for row in mine]))
    write_tables(path, sheets)


@dataclass(slots=True)
class Exported:
    count: int
    paths: list[Path]


def export_approved(
    *, session: Session, store_id: int, applier: ChangeApplier, actor: str
) -> Exported:
    """Write every approved, not yet exported change of the store; mark and log them."""
    rows = [r for r in recs.approved(session=session, store_id=store_id) if exportable(session, r)]
    if not rows:
        return Exported(0, [])
    paths = applier.apply(session, rows)
    now = utcnow()
    for row in rows:
        row.status, row.exported_at = "exported", now
        recs.log(session=session, row=row, actor=actor, action="exported",
                 detail=", ".join(p.name for p in paths))  # fmt: skip
    session.flush()
    return Exported(len(rows), paths)


def exportable(session: Session, row: AdRecommendation) -> bool:
    """Whether the bulk file can carry this change (see :data:`KINDS`)."""
    campaign = session.get(AdCampaign, row.campaign_id)
    if campaign is None or row.kind not in KINDS.get(campaign.ad_product, frozenset()):
        return False
    if row.kind == "negative" and row.match_type != "negative -":
        return campaign.ad_product in KEYWORDS  # Display negates ASINs only
    if row.kind == "harvest":
        source = session.get(AdGroup, row.source_ad_group_id) if row.source_ad_group_id else None
        origin = session.get(AdCampaign, source.campaign_id) if source else campaign
        return origin is not None and origin.ad_product in KEYWORDS
    return True


class _Lookup:
    def __init__(self, session: Session, store_id: int) -> None:
        self.session = session
        self.store_id = store_id

    def campaign(self, cid: int) -> AdCampaign:
        found = self.session.get(AdCampaign, cid)
        assert found is not None
        return found

    def group(self, gid: int | None) -> AdGroup | None:
        return None if gid is None else self.session.get(AdGroup, gid)

    def target(self, tid: int | None) -> AdTarget | None:
        return None if tid is None else self.session.get(AdTarget, tid)

    def product_ad(self, gid: int | None, sku: str | None) -> AdProductAd | None:
        return self.session.scalar(select(AdProductAd).filter_by(ad_group_id=gid, sku=sku))

    def created(self, gid: int | None, match: str, text: str) -> AdTarget | None:
        """A target created by an upload, once a later bulk download has been imported."""
        return self.session.scalar(
            select(AdTarget).filter_by(ad_group_id=gid, match_type=match, text_key=name_key(text))
        )


def _base(lookup: _Lookup, cid: int, gid: int | None, entity: str, op: str) -> Row:
    campaign = lookup.campaign(cid)
    group = lookup.group(gid)
    row: Row = {
        "Product": "Sponsored Products", "Entity": entity, "Operation": op,
        "Campaign ID": campaign.amazon_id, "Campaign Name (Informational only)": campaign.name,
        _CID: cid,
    }  # fmt: skip
    if group is not None:
        row["Ad Group ID"] = group.amazon_id
        row["Ad Group Name (Informational only)"] = group.name
    return row


def _target_row(lookup: _Lookup, r: AdRecommendation, op: str) -> Row:
    target = lookup.target(r.target_id)
    assert target is not None
    keyword = target.kind == "keyword"
    row = _base(lookup, r.campaign_id, r.ad_group_id, "Keyword" if keyword else
                "Product targeting", op)  # fmt: skip
    if keyword:
        row.update({"Keyword ID": target.amazon_id, "Keyword Text": target.text,
                    "Match Type": _MATCH.get(target.match_type, target.match_type)})  # fmt: skip
    else:
        row.update({"Product Targeting ID": target.amazon_id,
                    "Product Targeting Expression": target.text})  # fmt: skip
    return row


def _new_target(lookup: _Lookup, cid: int, gid: int | None, text: str, match: str, op: str) -> Row:
    """A keyword or targeting clause to create (or, in a revert file, to archive)."""
    negative = match.startswith("negative")
    asin = match == "negative -"
    entity = ("Negative product targeting" if asin else "Negative keyword") if negative else (
        "Keyword")  # fmt: skip
    row = _base(lookup, cid, gid, entity, op)
    if asin:
        row["Product Targeting Expression"] = f'asin="{text.upper()}"'
    else:
        row.update({"Keyword Text": text, "Match Type": _MATCH.get(match, match)})
    if op == "Archive":
        found = lookup.created(gid, match, row.get("Keyword Text") or
                               row["Product Targeting Expression"])  # fmt: skip
        row["State"] = "archived"
        if found is not None:
            row["Keyword ID" if not asin else "Product Targeting ID"] = found.amazon_id
    else:
        row["State"] = "enabled"
    return row


def _forward(r: AdRecommendation, lookup: _Lookup) -> list[Row]:
    return [_adapt(row, r, lookup) for row in _rows_for(r, lookup, revert=False)]


def _revert(r: AdRecommendation, lookup: _Lookup) -> list[Row]:
    return [_adapt(row, r, lookup) for row in _rows_for(r, lookup, revert=True)]


_SD_ENTITY = {"Product targeting": "Contextual Targeting", "Keyword": "Contextual Targeting",
              "Product ad": "Product Ad", "Campaign": "Campaign",
              "Negative product targeting": "Negative product targeting"}  # fmt: skip
#: Sponsored Brands entities as Amazon's SB bulksheets guides spell them.
_SB_ENTITY = {"Negative keyword": "Negative keyword",
              "Negative product targeting": "Negative product targeting",
              "Product targeting": "Product targeting"}  # fmt: skip
_CID = "_campaign"  # the row's own campaign (a harvest's negative is in its source campaign)


def _adapt(row: Row, r: AdRecommendation, lookup: _Lookup) -> Row:
    """A Sponsored Products row in the SB / SD sheet's words (budget, entity, target ids)."""
    ad_product = lookup.campaign(row.pop(_CID, r.campaign_id)).ad_product
    if ad_product == "SP":
        return row
    row["Product"] = PRODUCTS[ad_product]
    if "Daily Budget" in row:
        row["Budget"], row["Budget Type"] = row.pop("Daily Budget"), "daily"
    if ad_product == "SB":
        row["Entity"] = _SB_ENTITY.get(row["Entity"], row["Entity"])
        return row
    target = lookup.target(r.target_id) if r.kind == "bid" else None
    entity = _SD_ENTITY.get(row["Entity"], row["Entity"])
    if target is not None and target.kind == "audience":
        entity = "Audience Targeting"
    row["Entity"] = entity
    for old in ("Keyword ID", "Product Targeting ID"):
        if old in row:
            row["Targeting ID"] = row.pop(old)
    for old in ("Keyword Text", "Product Targeting Expression"):
        if old in row:
            row["Targeting Expression"] = row.pop(old)
    row.pop("Match Type", None)
    return row


def _rows_for(r: AdRecommendation, lookup: _Lookup, *, revert: bool) -> list[Row]:
    if r.kind == "bid":
        row = _target_row(lookup, r, "Update")
        row["Bid"] = r.current if revert else r.proposed
        return [row]
    if r.kind == "budget":
        row = _base(lookup, r.campaign_id, None, "Campaign", "Update")
        row["Daily Budget"] = r.current if revert else r.proposed
        return [row]
    if r.kind in ("pause", "enable"):
        row = _base(lookup, r.campaign_id, r.ad_group_id, "Product ad", "Update")
        ad = lookup.product_ad(r.ad_group_id, r.sku)
        row.update({"SKU": r.sku, "Ad ID": ad.amazon_id if ad else None,
                    "ASIN": ad.asin if ad else None})  # fmt: skip
        paused = (r.kind == "pause") != revert
        row["State"] = "paused" if paused else "enabled"
        return [row]
    op = "Archive" if revert else "Create"
    assert r.term is not None and r.match_type is not None
    if r.kind == "negative":
        return [_new_target(lookup, r.campaign_id, r.ad_group_id, r.term, r.match_type, op)]
    keyword = _new_target(lookup, r.campaign_id, r.ad_group_id, r.term, "exact", op)
    if not revert:
        keyword["Bid"] = r.proposed
    source = lookup.group(r.source_ad_group_id)
    negative = _new_target(lookup, source.campaign_id if source else r.campaign_id,
                           r.source_ad_group_id, r.term, "negative exact", op)  # fmt: skip
    return [keyword, negative]
