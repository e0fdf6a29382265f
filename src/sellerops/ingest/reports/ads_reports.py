"""Ads console reports (CSV or XLSX) -> campaign structure and daily ad metrics.

One family per level of detail: search term, targeting (SP targeting, SB keyword, SD
targeting), advertised product, campaign (SP / SB / SD, and the 2024 "Campaign" export),
and placement. The ad product comes from an ``Ad product`` column, else from the header
(``_ads_columns.header_ad_product``). Rows must be daily (time unit "Daily": a ``Date``
column, or ``Start Date`` = ``End Date``); a summary over several days is refused, since the
metrics are stored per day. Rows repeating a key (same day, campaign, ad group, target, term,
up to case and spacing) are summed. Money is in the row's ``Currency``, else the currency of
the amounts' mark (``US$``) or the header's (``(₹)``), else the marketplace's; a ``Country``
column names the marketplace.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sellerops.ads import service as ads
from sellerops.core.marketplaces import Marketplace
from sellerops.ingest import day_order, values
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import CellError, FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import (
    Column,
    Family,
    HeaderMap,
    LoadContext,
    LoadResult,
    Parsed,
    Totals,
)
from sellerops.ingest.reports import _ads_columnar, _console
from sellerops.ingest.reports import _ads_columns as cols
from sellerops.ingest.values import Amount, currency_for

_ADDITIVE = (
    "impressions", "clicks", "spend", "orders", "units", "sales", "advertised_units",
    "advertised_sales", "other_units", "other_sales", "viewable_impressions",
    "detail_page_views", "ntb_orders", "ntb_units", "ntb_sales",
)  # fmt: skip
_MONEY = ("spend", "sales", "advertised_sales", "other_sales", "ntb_sales", "budget")
_NO_PORTFOLIO = frozenset({"", "-", "not grouped", "no portfolio", "未分组", "无广告组合"})
_HEADER_MARK = re.compile(r"\(([^)\d#%]{1,4})\)\s*$")
#: An impression share the console gives only as a bound: ``<5%`` (below 5 %).
_BELOW = re.compile(r"\s*<\s*5(?:[.,]0+)?\s*%\s*")
#: An impression share cell that gives none: a dash (``—``, ``–``, ``-``), as the console
#: writes its other rates (CTR, CPC, ACOS ...) where there is nothing to divide by.
_DASH = re.compile(r"\s*[—–-]\s*")
#: Both, for the bulk path (polars' regex): what ``unknown_share`` does not read as a share.
UNKNOWN_SHARE = r"^\s*(?:<\s*5(?:[.,]0+)?\s*%|[—–-])\s*$"
#: How the note names a bound.
BOUND = "<5%"


def unknown_share(text: str) -> str | None:
    """How an impression share cell says it gives no share: ``BOUND`` ("<5%", below 5 %),
    the dash it is (``—``), else None (a share, or an empty cell)."""
    if _BELOW.fullmatch(text):
        return BOUND
    if _DASH.fullmatch(text):
        return text.strip()
    return None


@dataclass(slots=True)
class UnknownShares:
    """Impression share cells stored as unknown (NULL), per header: how many, and what they
    said ("<5%", a bound, not the share; a dash, no share at all), for one note per header."""

    cells: Counter[str] = field(default_factory=Counter)
    #: header -> what its cells said, in the order first seen (a dict as an ordered set)
    said: dict[str, dict[str, None]] = field(default_factory=dict)

    def add(self, header: str, said: str, cells: int = 1) -> None:
        self.cells[header] += cells
        self.said.setdefault(header, {})[said] = None

    def notes(self) -> list[str]:
        return [below_note(h, n, tuple(self.said[h])) for h, n in self.cells.items()]


#: Names and terms repeat across rows and days: normalise each spelling once.
_name_key = functools.lru_cache(maxsize=1 << 16)(ads.name_key)


@dataclass(slots=True)
class AdRecords:
    level: str
    attribution_days: int | None
    header_mark: str | None
    rows: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    #: impression share cells that said only "<5%" or a dash (stored as unknown)
    below: UnknownShares = field(default_factory=UnknownShares)


#: The date columns: their ``05/11/2026`` is read as the whole file says (``day_order``).
_DATES = ("day", "end_date")
#: Money columns whose decimal mark (``1.234,56``) tells a day-first file.
MARKED = ("spend", "sales")
MARKS_KEPT = 1000  # money texts kept for that (distinct, from rows with slashed dates)


@dataclass(frozen=True, slots=True)
class OpenDay:
    """A row's day while the file has not said whether its ``05/11/2026`` is day or month
    first: the texts of its day and end date, read once the whole file is seen."""

    text: str
    end: str | None


def _slashed(texts: Iterable[str | None]) -> bool:
    return any(t is not None and "/" in t and values.SLASHED_DATE.search(t) for t in texts)


def _text_column(col: Column) -> Column:
    return Column(col.key, col.aliases, required=col.required, nonempty=col.nonempty)


class RowReader:
    """One data row of a file -> the row path's dict (typed, daily, money as Decimal).

    A row whose day is written ``a/b/yyyy`` gets an :class:`OpenDay` until :meth:`settle`
    (row path) or the bulk path has judged the file's date columns on all their cells
    (``day_order``): then ``readings`` holds how each reads, and rows are read with it.
    """

    def __init__(self, level: str, table: FileTable, header_map: HeaderMap) -> None:
        self.file_name = table.file_name
        columns = tuple(_text_column(c) if c.key in _DATES else c for c in _COLUMNS[level])
        texts = replace(header_map, mapped=tuple(
            replace(m, column=_text_column(m.column)) if m.column.key in _DATES else m
            for m in header_map.mapped
        ))  # fmt: skip
        self.parser = RowParser(table.file_name, texts, columns)
        self.headers = {m.column.key: m.header for m in header_map.mapped}
        self.default_product = cols.header_ad_product(table.header, level)
        self._money_at = [m.index for m in header_map.mapped if m.column.key in MARKED]
        #: how the date columns read, once judged (None: not yet)
        self.readings: dict[str, values.DateReading] | None = None
        #: rows with a slashed date: (day text, end text) -> the first line giving them
        self.slashed: dict[tuple[str, str | None], int] = {}
        self.marks: set[str] = set()  # money texts of those rows (their decimal mark)
        self._spans: dict[str, _console.Span] = {}
        self._ends: dict[str, date] = {}
        #: the impression share columns (by position), whose "<5%" is a bound, not a figure
        self.shares = [(m.index, m.header) for m in header_map.mapped
                        if m.column.key in cols.SHARES]  # fmt: skip
        #: the cells that said "<5%" or a dash (stored as unknown: see ``read``)
        self.below = UnknownShares()

    def read(self, line: int, cells: list[str]) -> dict[str, Any]:
        if self.shares:
            cells = self._unbound(cells)
        row = self.parser.parse(line, cells)
        texts = (row["day"], row["end_date"])
        if self.readings is None and _slashed(texts):
            self.note(line, texts)
            self.mark(cells[i] for i in self._money_at if i < len(cells))
            row["day"], row["_line"] = OpenDay(*texts), line
        else:
            row["day"] = self.day(line, *texts)
        row["ad_product"] = row["ad_product"] or self.default_product
        _plain_money(row)
        row["_market"] = _console.marketplace_of_country(row["country"])
        return row

    def _unbound(self, cells: list[str]) -> list[str]:
        """The cells with an impression share that says only "<5%" (the console's way of
        saying "below 5 %") or a dash (no share) left empty: the share is unknown, and a
        bound stored as if it were the share would overstate it (up to 5 % where it may be
        0.1 %). Counted, for the import's note."""
        unknown = [(i, h, said) for i, h in self.shares
                   if i < len(cells) and (said := unknown_share(cells[i]))]  # fmt: skip
        if not unknown:
            return cells
        cells = list(cells)
        for index, header, said in unknown:
            cells[index] = ""
            self.below.add(header, said)
        return cells

    def note(self, line: int, texts: tuple[str, str | None]) -> None:
        """A row with a slashed date, for :meth:`judge`."""
        self.slashed.setdefault(texts, line)

    def mark(self, texts: Iterable[str]) -> None:
        """Money texts of such a row (their decimal mark), for :meth:`judge`."""
        if len(self.marks) < MARKS_KEPT:
            self.marks.update(t.strip() for t in texts if t and t.strip())

    def judge(self) -> dict[str, values.DateReading]:
        """How the day and end date columns read, judged on the rows :meth:`note` saw."""
        starts = {line: _first_of(text) for (text, _), line in self.slashed.items()}
        ends = {line: end for (_, end), line in self.slashed.items() if end}
        found = {"day": day_order.DateCells(self.headers["day"], starts)}
        if ends:
            found["end_date"] = day_order.DateCells(self.headers["end_date"], ends)
        return _console.judge_dates(self.file_name, found, self.marks)

    def settle(self, rows: dict[tuple[Any, ...], dict[str, Any]]) -> dict[tuple[Any, ...], Any]:
        """The rows with their days read as the whole file says (rows that meet on the same
        day only now are merged now)."""
        if not self.slashed:
            return rows
        self.readings = self.judge()
        settled: dict[tuple[Any, ...], dict[str, Any]] = {}
        for key, row in rows.items():
            day = row["day"]
            if isinstance(day, OpenDay):
                row["day"] = self.day(row.pop("_line"), day.text, day.end)
                key = (key[0], row["day"], *key[2:])
            _merge(settled, key, row)
        return settled

    def _reading(self, key: str) -> Any:
        readings = self.readings or {}
        return _console.reading(readings.get(key) or readings.get("day"))

    def span(self, text: str) -> _console.Span:
        """The days a ``Date`` / ``Start Date`` text covers (``ValueFormatError`` if none)."""
        found = self._spans.get(text)
        if found is None:
            with self._reading("day"):
                found = self._spans[text] = _console.parse_span(text)
        return found

    def end(self, text: str) -> date:
        """An ``End Date`` text's day (``ValueFormatError`` if none)."""
        found = self._ends.get(text)
        if found is None:
            with self._reading("end_date"):
                found = self._ends[text] = _console.parse_date(text)
        return found

    def day(self, line: int, text: str, end_text: str | None) -> date:
        """The one day a row covers; errors located at its cell."""
        column = self.headers["day"]
        try:
            span = self.span(text)
            column = self.headers.get("end_date", column)
            end = span.end if end_text is None else self.end(end_text)
        except values.ValueFormatError as exc:
            raise CellError(self.file_name, str(exc), line=line, column=column) from None
        if span.start != end:
            raise FileError(
                self.file_name,
                f"covers {span.start} to {end}; ads metrics are stored per day: download the "
                'report with the time unit "Daily"',
                line=line,
                column=self.headers["day"],
            )
        return span.start


def _first_of(text: str) -> str:
    """A range's first date (``05/11/2026 - 05/11/2026``), else the text."""
    match = _console.RANGE.fullmatch(text)
    return match[1].strip() if match else text


def _parser(level: str) -> Any:
    def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
        """Every row validated and keyed; repeated keys summed."""
        reader = RowReader(level, table, header_map)
        window = _console.attribution_days(
            reader.headers.get("sales") or reader.headers.get("orders")
        )
        records = AdRecords(level, window, header_mark(reader.headers))
        countries: Counter[str] = Counter()
        rows_read = 0
        for line, cells in table.rows:
            rows_read += 1
            row = reader.read(line, cells)
            if row["_market"]:
                countries[row["_market"]] += 1
            _merge(records.rows, _key(level, row), row)
        records.rows = reader.settle(records.rows)
        records.below = reader.below
        return Parsed(rows_read, records, marketplaces=countries, currency=_file_currency(records))

    return parse


def _plain_money(row: dict[str, Any]) -> None:
    """Amounts -> Decimal; the first currency mark seen goes to ``_mark``."""
    row["_mark"] = None
    for key in _MONEY:
        amount = row.get(key)
        if isinstance(amount, Amount):
            row[key] = amount.value
            row["_mark"] = row["_mark"] or amount.symbol


def header_mark(headers: dict[str, str]) -> str | None:
    for key in ("sales", "advertised_sales", "spend"):
        match = _HEADER_MARK.search(headers.get(key, ""))
        if match:
            return match[1].strip()
    return None


def _key(level: str, row: dict[str, Any]) -> tuple[Any, ...]:
    key = _name_key
    base = (row["_market"], row["day"], row["ad_product"], key(row["campaign"]))
    if level == "campaign":
        return base
    if level == "placement":
        return (*base, key(row["placement"]))
    group = key(row.get("ad_group") or "")
    if level == "product":
        return (*base, group, row["asin"], row["sku"] or "")
    row["match_type"] = ads.match_type(row.get("match_type"))
    target = (*base, group, row["match_type"], key(row["targeting"]))
    return (*target, key(row["search_term"])) if level == "search_term" else target


def _merge(
    rows: dict[tuple[Any, ...], dict[str, Any]], key: tuple[Any, ...], row: dict[str, Any]
) -> None:
    seen = rows.get(key)
    if seen is None:
        rows[key] = row
        return
    for name in _ADDITIVE:
        if row.get(name) is not None:
            seen[name] = row[name] if seen.get(name) is None else seen[name] + row[name]


def _file_currency(records: AdRecords) -> str | None:
    first = next(iter(records.rows.values()), None)
    if first is None:
        return None
    if first["currency"]:
        return str(first["currency"])
    mark = first["_mark"] or records.header_mark
    if not mark or mark == "$":  # a bare $ is the marketplace's own dollar
        return None
    return currency_for(mark, "") or None


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    if isinstance(parsed.records, _ads_columnar.AdStream):
        loaded = _ads_columnar.load(ctx, parsed.records)
        parsed.rows_read = parsed.records.rows_read  # the bulk path counts while it loads
        return loaded
    records: AdRecords = parsed.records
    structure = ads.Structure(ctx.session, ctx.store.id, ctx.batch_id)
    # Rows a Country column puts on another marketplace belong to another store.
    mine = [r for r in records.rows.values() if r["_market"] in (None, ctx.marketplace.code)]
    placed = _place_all(structure, records.level, mine, ctx)
    facts = [_fact(ctx, records, row, where) for row, where in zip(mine, placed, strict=True)]
    result = ads.store_metrics(session=ctx.session, level=records.level, rows=facts)
    days = [row["day"] for row in mine]
    rejected = len(records.rows) - len(mine)
    notes = [other_markets_note(rejected)] if rejected else []
    notes.extend(records.below.notes())
    first, last = min(days, default=None), max(days, default=None)
    return LoadResult(result.inserted, result.updated, rejected, first, last, notes)


def other_markets_note(rows: int) -> str:
    """What an import says of the rows a ``Country`` column puts on another marketplace."""
    if rows == 1:
        return "1 row of another marketplace was not stored"
    return f"{rows} rows of other marketplaces were not stored"


def below_note(header: str, cells: int, said: tuple[str, ...] = (BOUND,)) -> str:
    """What an import says of the impression share cells that said only "<5%" or a dash
    (``said``: what they said, ``BOUND`` for "<5%")."""
    one = cells == 1
    parts = []
    if BOUND in said:
        parts.append(f'"{BOUND}" (a share below 5 %, not the share itself)')
    dashes = [s for s in said if s != BOUND]
    if dashes:
        parts.append(", ".join(f'"{d}"' for d in dashes) + " (no share given)")
    return (
        f'{cells} {"cell" if one else "cells"} of "{header}" said {" or ".join(parts)}: '
        f"stored as unknown"
    )


_CAMPAIGN_FIELDS = ("ad_product", "campaign", "portfolio", "currency", "status",
                    "targeting_type", "bidding_strategy", "budget")  # fmt: skip


def _place_all(
    structure: ads.Structure, level: str, rows: list[dict[str, Any]], ctx: LoadContext
) -> list[tuple[Any, Any, Any]]:
    """The (campaign, ad group, target) of each row, created when new.

    Each distinct campaign, ad group and target is placed once, level by level with one flush
    per level (not one per new parent), in the order of its *last* row: every field then ends
    as the last row naming it says, as if the rows were placed one by one.
    """
    c_keys = [tuple(row.get(f) for f in _CAMPAIGN_FIELDS) for row in rows]
    campaigns = {k: _campaign(structure, rows[i]) for k, i in _last_rows(c_keys).items()}
    ctx.session.flush()
    if level in ("campaign", "placement"):
        return [(campaigns[k], None, None) for k in c_keys]
    g_keys = [(c, row.get("ad_group") or "") for c, row in zip(c_keys, rows, strict=True)]
    groups = {
        k: structure.group(campaigns[k[0]], ads.GroupInfo(name=k[1])) for k in _last_rows(g_keys)
    }
    ctx.session.flush()
    if level == "product":
        return [(campaigns[k[0]], groups[k], None) for k in g_keys]
    t_keys = [(g, row["targeting"], row["match_type"]) for g, row in zip(g_keys, rows, strict=True)]
    targets = {
        k: structure.target(groups[k[0]], ads.TargetInfo(k[1], k[2])) for k in _last_rows(t_keys)
    }
    ctx.session.flush()
    return [(campaigns[k[0][0]], groups[k[0]], targets[k]) for k in t_keys]


def _last_rows(keys: list[Any]) -> dict[Any, int]:
    """Distinct keys -> index of their last row, ordered by that index."""
    last: dict[Any, int] = {}
    for index, key in enumerate(keys):
        last.pop(key, None)
        last[key] = index
    return last


def _currency(records: AdRecords, row: dict[str, Any], market: Marketplace) -> str:
    if row["currency"]:
        return str(row["currency"])
    return currency_for(row["_mark"] or records.header_mark, market.currency)


def _campaign(structure: ads.Structure, row: dict[str, Any]) -> Any:
    portfolio = row["portfolio"]
    return structure.campaign(
        ads.CampaignInfo(
            ad_product=row["ad_product"],
            name=row["campaign"],
            portfolio=None if ads.name_key(portfolio or "") in _NO_PORTFOLIO else portfolio,
            currency=row["currency"],
            state=ads.state(row.get("status")),
            targeting_type=(row.get("targeting_type") or "").casefold() or None,
            bidding_strategy=row.get("bidding_strategy"),
            daily_budget=row.get("budget"),
        )
    )


def _fact(ctx: LoadContext, records: AdRecords, row: dict[str, Any], where: Any) -> dict[str, Any]:
    campaign, group, target = where
    fact: dict[str, Any] = {
        "store_id": ctx.store.id, "day": row["day"], "campaign_id": campaign.id,
        "impressions": row["impressions"], "clicks": row["clicks"], "spend": row["spend"],
        "currency": _currency(records, row, ctx.marketplace),
        "attribution_days": records.attribution_days,
        "import_batch_id": ctx.batch_id,
    }  # fmt: skip
    for name in ("orders", "units", "sales", "advertised_units", "advertised_sales",
                 "other_units", "other_sales"):  # fmt: skip
        fact[name] = row.get(name)
    level = records.level
    if group is not None:
        fact["ad_group_id"] = group.id
    if target is not None:
        fact["target_id"] = target.id
    if level == "search_term":
        fact.update(term_key=_name_key(row["search_term"]), term=row["search_term"][:500])
    elif level == "target":
        fact["top_of_search_share"] = row.get("top_of_search_share")
    elif level == "product":
        fact.update(asin=row["asin"], sku=row["sku"] or "")
    elif level == "placement":
        fact.update(placement_key=ads.name_key(row["placement"], 64),
                    placement=row["placement"], bidding_strategy=row.get("bidding_strategy"))  # fmt: skip
    else:
        fact.update({k: row.get(k) for k in ("top_of_search_share", "viewable_impressions",
                                             "detail_page_views")})  # fmt: skip
        fact.update(new_to_brand_orders=row.get("ntb_orders"),
                    new_to_brand_units=row.get("ntb_units"),
                    new_to_brand_sales=row.get("ntb_sales"))  # fmt: skip
    return fact


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``impressions``, ``clicks``, ``spend``, ``sales`` and ``orders`` of the whole file."""
    if isinstance(parsed.records, _ads_columnar.AdStream):
        return _ads_columnar.totals(parsed.records, market)
    rows = [r for r in parsed.records.rows.values() if r["_market"] in (None, market.code)]
    return {
        name: sum((Decimal(r[name] or 0) for r in rows), Decimal(0))
        for name in ("impressions", "clicks", "spend", "sales", "orders")
    }


_COLUMNS = {
    "search_term": (*cols.SHARED, *cols.CAMPAIGN, cols.AD_GROUP, cols.TARGETING,
                    cols.MATCH_TYPE, cols.SEARCH_TERM),
    "target": (*cols.SHARED, *cols.CAMPAIGN, cols.AD_GROUP, cols.TARGETING, cols.MATCH_TYPE),
    "product": (*cols.SHARED, *cols.CAMPAIGN, cols.AD_GROUP, cols.ADVERTISED_ASIN,
                cols.ADVERTISED_SKU),
    "campaign": (*cols.SHARED, *cols.CAMPAIGN),
    "placement": (*cols.SHARED, *cols.CAMPAIGN, cols.PLACEMENT),
}  # fmt: skip
_TITLES = {
    "search_term": "Ads Search Term report",
    "target": "Ads Targeting / Keyword report",
    "product": "Ads Advertised Product report",
    "campaign": "Ads Campaign report",
    "placement": "Ads Placement report",
}

FAMILIES = tuple(
    Family(
        name=f"ads_{level}",
        title=_TITLES[level],
        columns=_COLUMNS[level],
        needs_day=False,
        parse=_parser(level),
        load=load,
        totals=totals,
        columnar_parse=_ads_columnar.parser(level, _COLUMNS[level], RowReader),
    )
    for level in ads.LEVELS
)
