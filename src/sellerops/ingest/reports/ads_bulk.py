"""Ads bulk operations file (bulksheets 2.0; report-formats.md §6b) -> campaign structure.

Read: campaigns (id, name, portfolio, state, targeting type, daily budget, bidding strategy,
dates, placement bid adjustments), ad groups (id, state, default bid), keywords and product /
audience targets with their ids, states and bids, and negative keywords and targets (of an ad
group, or of the campaign: the campaign's ``""`` ad group). Every sheet of the workbook with
this header is read (Sponsored Products, Brands and Display campaigns tabs); product ads go
to ``ad_product_ad`` (which SKU each ad group advertises); portfolios and the bulk search
term tab (a 7-day total, not daily) are not stored. Children find their campaign and ad
group by id, else by the informational names. Metrics columns of the bulk file are totals
over the download's range and are not stored.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sellerops.ads import product_ads
from sellerops.ads import service as ads
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import (
    Column,
    Family,
    HeaderMap,
    LoadContext,
    LoadResult,
    Parsed,
    column,
)
from sellerops.ingest.reports import _console
from sellerops.ingest.reports._ads_columns import parse_ad_product


def _ignored(*aliases: str) -> Column:
    return Column("~" + aliases[0], aliases, kind="ignore")


_ID = {"max_len": 64}
_NOT_STORED = (
    "Portfolio ID", "Campaign State (Informational only)",
    "Ad Group State (Informational only)",
    "Eligibility Status (Informational only)",
    "Reason for Ineligibility (Informational only)",
    "Ad Group Default Bid (Informational only)", "Native Language Keyword",
    "Native Language Locale", "Resolved Product Targeting Expression (Informational only)",
    "Audience ID", "Shopper Cohort Percentage", "Shopper Cohort Type",
    "Segment Name (Informational only)", "Segment Name", "Sites", "Off-Amazon ad serving",
    "Impressions", "Clicks", "Click-through Rate", "Spend", "Sales", "Orders", "Units",
    "Conversion Rate", "ACOS", "CPC", "ROAS", "Budget Type", "Tactic", "Cost Type",
    "Bid Optimization", "Creative ID", "Ad Format", "Landing Page URL",
    "Landing Page Type", "Brand Entity ID", "Brand Name", "Brand Logo Asset ID",
    "Creative Headline", "Creative ASINs", "Video Media IDs", "Ad Name",
    "Budget currency code", "Portfolio name",
)  # fmt: skip
COLUMNS: tuple[Column, ...] = (
    column("product", "Product", required=True, nonempty=True, convert=parse_ad_product),
    column("entity", "Entity", required=True, nonempty=True),
    column("operation", "Operation"),
    column("campaign_id", "Campaign ID", "Campaign Id", required=True, **_ID),
    column("ad_group_id", "Ad Group ID", "Ad Group Id", **_ID),
    column("keyword_id", "Keyword ID", "Keyword Id", "Keyword Id (Read only)", **_ID),
    column(
        "target_id",
        "Product Targeting ID",
        "Product Targeting Id",
        "Product Targeting Id (Read only)",
        "Targeting ID",
        "Target ID",
        **_ID,
    ),
    column("campaign_name", "Campaign Name"),
    column("ad_group_name", "Ad Group Name"),
    column("campaign_name_info", "Campaign Name (Informational only)"),
    column("ad_group_name_info", "Ad Group Name (Informational only)"),
    column("portfolio", "Portfolio Name (Informational only)", max_len=255, truncate=True),
    column("start_date", "Start Date"),  # dates: texts until the sheet is judged (parse)
    column("end_date", "End Date"),
    column("targeting_type", "Targeting Type"),
    column("state", "State"),
    column("budget", "Daily Budget", "Budget", kind="decimal"),
    column("default_bid", "Ad Group Default Bid", kind="decimal"),
    column("bid", "Bid", kind="decimal"),
    column("ad_id", "Ad ID", "Ad Id", **_ID),
    column("sku", "SKU", max_len=64),
    column("asin", "ASIN", "ASIN (Informational only)", max_len=16),
    column("keyword", "Keyword Text"),
    column("match_type", "Match Type"),
    column("bidding_strategy", "Bidding Strategy", max_len=64, truncate=True),
    column("placement", "Placement"),
    column("percentage", "Percentage", kind="int"),
    column("expression", "Product Targeting Expression", "Targeting Expression"),
    *(_ignored(name) for name in _NOT_STORED),
)

_DATES = ("start_date", "end_date")
#: Amounts whose decimal mark (``12,50``) says a sheet writes its dates day first.
_MONEY = ("budget", "default_bid", "bid")
_MARKS_KEPT = 1000

_CAMPAIGN, _GROUP = "campaign", "ad group"
_KEYWORDS = {"keyword": False, "negative keyword": True, "campaign negative keyword": True}
_TARGETS = {
    "product targeting": False, "negative product targeting": True,
    "campaign negative product targeting": True, "audience targeting": False,
    "contextual targeting": False, "negative audience targeting": True,
}  # fmt: skip
_PLACEMENTS = {
    "placement top": "top_of_search_adjustment",
    "placement product page": "product_page_adjustment",
    "placement rest of search": "rest_of_search_adjustment",
}


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Rows of this sheet and of the workbook's other sheets with the same header kind."""
    rows: list[dict[str, Any]] = []
    for sheet, sheet_map in [(table, header_map), *_more_sheets(table)]:
        parser = RowParser(sheet.file_name, sheet_map, COLUMNS)
        sheet_rows = []
        money = [m.index for m in sheet_map.mapped if m.column.key in _MONEY]
        marks: list[str] = []
        for line, cells in sheet.rows:
            row = parser.parse(line, cells)
            row["entity"] = ads.name_key(row["entity"])
            row["_where"], row["_line"] = (sheet.file_name, line), line
            sheet_rows.append(row)
            if len(marks) < _MARKS_KEPT:
                marks.extend(cells[i] for i in money if i < len(cells))
        # ``05/11/2026`` read as the sheet's date columns say as a whole (``day_order``)
        dates = {m.column.key: m.header for m in sheet_map.mapped if m.column.key in _DATES}
        _console.settle_dates(sheet.file_name, sheet_rows, dates, marks)
        rows.extend(sheet_rows)
    return Parsed(len(rows), rows)


def _more_sheets(table: FileTable) -> list[tuple[FileTable, HeaderMap]]:
    maps = [(sheet, FAMILY.map_header(sheet.header)) for sheet in table.sheets]
    return [(sheet, m) for sheet, m in maps if not m.missing]


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    structure = ads.Structure(ctx.session, ctx.store.id, ctx.batch_id)
    rows: list[dict[str, Any]] = parsed.records
    skipped: Counter[str] = Counter()
    campaigns = {_id(r): _campaign(structure, r, ctx) for r in rows if r["entity"] == _CAMPAIGN}
    groups = {}
    for row in (r for r in rows if r["entity"] == _GROUP):
        campaign = campaigns.get(_id(row)) or _campaign_of(structure, row, ctx)
        info = ads.GroupInfo(row["ad_group_name"] or row["ad_group_name_info"] or "",
                             _amazon_id(row["ad_group_id"]), ads.state(row["state"]),
                             row["default_bid"])  # fmt: skip
        groups[_group_id(row)] = structure.group(campaign, info)
    for row in rows:
        entity = row["entity"]
        if entity in _KEYWORDS or entity in _TARGETS:
            _target(structure, row, campaigns, groups, ctx)
        elif entity == "product ad":
            _product_ad(structure, row, campaigns, groups, ctx)
        elif entity == "bidding adjustment":
            _adjustment(campaigns.get(_id(row)) or _campaign_of(structure, row, ctx), row)
        elif entity not in (_CAMPAIGN, _GROUP):
            skipped[entity] += 1
    ctx.session.flush()
    notes = [f"{n} {entity} rows not stored" for entity, n in sorted(skipped.items())]
    counts = structure.counts
    return LoadResult(counts.inserted, counts.updated, 0, notes=notes)


def _id(row: dict[str, Any]) -> tuple[str, str]:
    return row["product"], row["campaign_id"] or ads.name_key(_campaign_name(row))


def _group_id(row: dict[str, Any]) -> tuple[Any, ...]:
    name = row["ad_group_name"] or row["ad_group_name_info"] or ""
    return (*_id(row), row["ad_group_id"] or ads.name_key(name))


def _amazon_id(text: str | None) -> str | None:
    """Amazon's ids are digits; an upload file's temporary ids (campaign names) are not."""
    return text if text and text.isdigit() else None


def _campaign_name(row: dict[str, Any]) -> str:
    return row["campaign_name"] or row["campaign_name_info"] or ""


def _campaign(structure: ads.Structure, row: dict[str, Any], ctx: LoadContext) -> Any:
    name = _campaign_name(row)
    if not name:
        raise _error(row, "Campaign Name", "expected a campaign name, got an empty cell")
    return structure.campaign(
        ads.CampaignInfo(
            ad_product=row["product"], name=name, amazon_id=_amazon_id(row["campaign_id"]),
            portfolio=row["portfolio"], state=ads.state(row["state"]),
            targeting_type=(row["targeting_type"] or "").casefold() or None,
            bidding_strategy=row["bidding_strategy"], daily_budget=row["budget"],
            currency=ctx.marketplace.currency, start_date=row["start_date"],
            end_date=row["end_date"],
        )
    )  # fmt: skip


def _campaign_of(structure: ads.Structure, row: dict[str, Any], ctx: LoadContext) -> Any:
    """A child row's campaign when the file has no row for it: by its informational name."""
    if not _campaign_name(row):
        raise _error(row, "Campaign ID", "this row's campaign is not in the file")
    info = {**row, "state": None, "budget": None, "bidding_strategy": None, "start_date": None,
            "end_date": None, "targeting_type": None}  # fmt: skip
    return _campaign(structure, info, ctx)


def _target(
    structure: ads.Structure, row: dict[str, Any], campaigns: dict[Any, Any],
    groups: dict[Any, Any], ctx: LoadContext,
) -> None:  # fmt: skip
    entity = row["entity"]
    campaign = campaigns.get(_id(row)) or _campaign_of(structure, row, ctx)
    if entity.startswith("campaign"):
        group = structure.group(campaign, ads.GroupInfo(name=""))
    else:
        group = groups.get(_group_id(row)) or structure.group(
            campaign, ads.GroupInfo(row["ad_group_name"] or row["ad_group_name_info"] or "")
        )
    keyword = entity in _KEYWORDS
    negative = _KEYWORDS[entity] if keyword else _TARGETS[entity]
    text = row["keyword"] if keyword else row["expression"]
    if not text:
        column = "Keyword Text" if keyword else "Product Targeting Expression"
        raise _error(row, column, "expected a value, got an empty cell")
    match = ads.match_type(row["match_type"] if keyword else "-", negative=negative)
    amazon_id = _amazon_id(row["keyword_id"] if keyword else row["target_id"])
    info = ads.TargetInfo(text, match, negative, amazon_id, ads.state(row["state"]), row["bid"])
    structure.target(group, info)


def _product_ad(
    structure: ads.Structure, row: dict[str, Any], campaigns: dict[Any, Any],
    groups: dict[Any, Any], ctx: LoadContext,
) -> None:  # fmt: skip
    """Which SKU / ASIN the ad group advertises (the optimizer's link to stock and margin)."""
    if not (row["sku"] or row["asin"]):
        return
    campaign = campaigns.get(_id(row)) or _campaign_of(structure, row, ctx)
    group = groups.get(_group_id(row)) or structure.group(
        campaign, ads.GroupInfo(row["ad_group_name"] or row["ad_group_name_info"] or "")
    )
    product_ads.save_product_ad(
        session=ctx.session, group=group, sku=row["sku"] or "", asin=row["asin"] or "",
        amazon_id=_amazon_id(row["ad_id"]), state=ads.state(row["state"]),
        batch_id=ctx.batch_id,
    )  # fmt: skip


def _adjustment(campaign: Any, row: dict[str, Any]) -> None:
    field = _PLACEMENTS.get(ads.name_key(row["placement"] or ""))
    if field is not None and row["percentage"] is not None:
        setattr(campaign, field, row["percentage"])


def _error(row: dict[str, Any], column: str, problem: str) -> FileError:
    file_name, line = row["_where"]
    return FileError(file_name, problem, line=line, column=column)


FAMILY = Family(
    name="ads_bulk",
    title="Ads bulk operations file",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
