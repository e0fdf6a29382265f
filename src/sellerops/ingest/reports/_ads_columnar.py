"""The bulk path of the Ads console report families (CSV and TSV; see ``ingest.columnar``).

It gives what ``ads_reports`` gives row by row, column-wise: the same typed values, the same
merge of rows repeating a key (measures summed, the first row's other values kept), the
campaigns, ad groups and targets placed once per distinct key in the order of their last
merged row, and the daily facts upserted through a staging table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sellerops.ads import service as ads
from sellerops.ads.models import (
    NAME,
    TEXT,
    AdCampaignDaily,
    AdPlacementDaily,
    AdProductDaily,
    AdSearchTermDaily,
    AdTargetDaily,
)
from sellerops.core.marketplaces import Marketplace
from sellerops.ingest import columnar, day_order, values
from sellerops.ingest.columnar import pl
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Column, HeaderMap, LoadContext, LoadResult, Parsed, Totals
from sellerops.ingest.reports import _console
from sellerops.ingest.reports._ads_parents import Placer
from sellerops.ingest.values import currency_for

_MODELS: dict[str, Any] = {
    "search_term": AdSearchTermDaily, "target": AdTargetDaily, "product": AdProductDaily,
    "campaign": AdCampaignDaily, "placement": AdPlacementDaily,
}  # fmt: skip
_TERM = 500  # ad_search_term_daily.term is cut there, as the row path does
_FIRST_BYTES = 64 << 10  # what is read to find the first row


def _rows() -> Any:
    """The row path's module (it imports this one to offer the bulk parse)."""
    from sellerops.ingest.reports import ads_reports

    return ads_reports


@dataclass(slots=True)
class AdStream:
    """An ads report the bulk path has looked at (marketplaces, currency) and will count,
    and will type and load chunk by chunk (``load``); ``totals`` is filled by ``load``."""

    level: str
    attribution_days: int | None
    header_mark: str | None
    source: columnar.Source
    header_map: HeaderMap
    columns: tuple[Column, ...]
    reader: Any  # the row reader (``ads_reports.RowReader``) that locates errors
    markets: frozenset[str]  # the marketplaces the first rows name (see ``parser``)
    scales: dict[str, int] = field(default_factory=dict)
    totals: Totals = field(default_factory=dict)
    rows_read: int = 0  # counted by ``load``


def parser(
    level: str, columns: tuple[Column, ...], reader: Callable[..., Any]
) -> Callable[[FileTable, HeaderMap], Parsed]:
    """The bulk parse of one level; ``reader`` makes the row reader that locates errors.

    It only reads the first rows (the file's currency and marketplaces): the rows are
    counted, typed and validated while ``load`` writes them, one chunk at a time, in the
    file's transaction, so a bad cell still rejects the whole file.
    """
    # The dates are read by ``_finish`` (the day span split in two), not by the typing.
    plain = tuple(
        Column(c.key, c.aliases, required=c.required, nonempty=c.nonempty)
        if c.key in ("day", "end_date")
        else c
        for c in columns
    )

    def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
        row_reader = reader(level, table, header_map)
        headers = row_reader.headers
        window = _console.attribution_days(headers.get("sales") or headers.get("orders"))
        source = columnar.Source.of(table)
        firsts: list[dict[str, Any]] = []
        for chunk in columnar.chunks(source, _FIRST_BYTES):  # the first rows only
            firsts = [row_reader.read(line, cells) for line, cells in chunk.rows()]
            if firsts:
                break
        if not firsts:
            raise columnar.Unsupported("no rows")
        first = firsts[0]
        # The marketplaces of the first rows (``load`` checks that the others name no more:
        # a file that does is read by the row path, which counts every row first).
        countries = Counter(r["_market"] for r in firsts if r["_market"])
        stream = AdStream(level, window, _rows().header_mark(headers), source, header_map,
                          plain, row_reader, frozenset(countries))  # fmt: skip
        # The rows are counted while ``load`` reads them (``rows_read`` is set then).
        return Parsed(0, stream, marketplaces=countries, currency=_currency(stream, first))

    return parse


def _finish(level: str, frame: Any, default_product: str, dates: _Dates) -> Any:
    """Daily rows, the ad product, the money mark, the marketplace and the merge keys."""
    reader = dates.reader
    texts = frame["day"].unique().to_list()
    end_texts = frame["end_date"].drop_nulls().unique().to_list()
    if reader.readings is None and _rows()._slashed([*texts, *end_texts]):
        reader.readings = dates.judge()  # on the whole file, before its first such row
    try:
        spans = [reader.span(t) for t in texts]
        end_days = [reader.end(t) for t in end_texts]
    except _console.values.ValueFormatError:
        raise columnar.RowFallback from None
    starts = frame["day"].replace_strict(texts, [s.start for s in spans], return_dtype=pl.Date)
    ends = frame["day"].replace_strict(texts, [s.end for s in spans], return_dtype=pl.Date)
    given = frame["end_date"].replace_strict(
        end_texts, end_days, default=None, return_dtype=pl.Date
    )
    end = pl.coalesce(given, ends)
    if not frame.select((starts == end).all()).item():
        raise columnar.RowFallback
    marks = [f"{k}__mark" for k in _rows()._MONEY if f"{k}__mark" in frame.columns]
    frame = frame.with_columns(
        starts.alias("day"),
        pl.coalesce(pl.col("ad_product"), pl.lit(default_product)).alias("ad_product"),
        pl.coalesce(*marks).alias("_mark") if marks else pl.lit(None, pl.String).alias("_mark"),
        _mapped(frame["country"], _console.marketplace_of_country).alias("_market"),
    ).drop(*marks, "end_date")
    name_key = _rows()._name_key
    keys = [columnar.name_keys(frame["campaign"], name_key, TEXT).alias("_campaign_key")]
    if level == "placement":
        keys.append(columnar.name_keys(frame["placement"], name_key, TEXT).alias("_placement_key"))
    elif level != "campaign":
        group = frame["ad_group"].fill_null("")
        keys.append(columnar.name_keys(group, name_key, TEXT).alias("_group_key"))
    if level in ("target", "search_term"):
        keys.append(_mapped(frame["match_type"], ads.match_type, nulls=True).alias("match_type"))
        keys.append(columnar.name_keys(frame["targeting"], name_key, TEXT).alias("_target_key"))
    if level == "search_term":
        keys.append(columnar.name_keys(frame["search_term"], name_key, TEXT).alias("term_key"))
    return frame.with_columns(keys)


@dataclass(frozen=True, slots=True)
class _Dates:
    """The file's dates: how its ``05/11/2026`` reads is judged once, on every row of the
    whole file that writes a date so (not on the chunk that shows the first): a pass of
    polars over the date and money columns alone, made only when such a date turns up."""

    stream: AdStream
    market: Marketplace

    @property
    def reader(self) -> Any:
        return self.stream.reader

    def judge(self) -> dict[str, Any]:
        reader, mapped = self.reader, {m.column.key: m.index for m in self.stream.header_map.mapped}
        has = [k for k in ("day", "end_date") if k in mapped]
        keys = [*has, *(k for k in _rows().MARKED if k in mapped)]
        slashed = pl.any_horizontal(
            pl.col(k).str.contains(columnar.SLASHED).fill_null(False) for k in has
        )
        for frame in columnar.columns_of(self.stream.source, {k: mapped[k] for k in keys}):
            rows = frame.filter(slashed)
            if not rows.height:
                continue
            if "end_date" not in rows.columns:
                rows = rows.with_columns(pl.lit(None, pl.String).alias("end_date"))
            firsts = rows.unique(["day", "end_date"], keep="first", maintain_order=True)
            for line, day, end in firsts.select("_line", "day", "end_date").iter_rows():
                reader.note(line, (day, end))
            for key in keys[len(has) :]:  # the money columns
                reader.mark(rows[key].drop_nulls().unique().head(_rows().MARKS_KEPT).to_list())
        with day_order.market_reading(self.market):
            return dict(reader.judge())


def _mapped(cells: Any, convert: Callable[[Any], Any], *, nulls: bool = False) -> Any:
    """``convert`` once per distinct text (and for the empty cell, when ``nulls``)."""
    texts = cells.unique().to_list()
    found = [convert(t) if (t is not None or nulls) else None for t in texts]
    return cells.replace_strict(texts, found, return_dtype=pl.String)


def _merge_key(level: str) -> list[str]:
    base = ["_market", "day", "ad_product", "_campaign_key"]
    extra = {
        "campaign": [],
        "placement": ["_placement_key"],
        "product": ["_group_key", "asin", "_sku"],
        "target": ["_group_key", "match_type", "_target_key"],
        "search_term": ["_group_key", "match_type", "_target_key", "term_key"],
    }
    return base + extra[level]


def _currency(stream: AdStream, first: dict[str, Any]) -> str | None:
    """The file's currency, from its first row (as ``ads_reports._file_currency``)."""
    if first["currency"]:
        return str(first["currency"])
    mark = first["_mark"] or stream.header_mark
    if not mark or mark == "$":
        return None
    return currency_for(mark, "") or None


def _own(market: Marketplace) -> Any:
    return pl.col("_market").is_null() | (pl.col("_market") == market.code)


_TOTALS = ("impressions", "clicks", "spend", "sales", "orders")


def load(ctx: LoadContext, stream: AdStream) -> LoadResult:
    """Type, merge, place and upsert chunk by chunk; counts and notes as
    ``ads_reports.load`` gives them, ``stream.totals`` as ``ads_reports.totals``."""
    level = stream.level
    typer = columnar.Typer(stream.header_map, stream.columns)
    placer = Placer(ctx.session, ctx.store.id, ctx.batch_id)
    spellings: dict[str, _Spellings] = {}
    table = _MODELS[level].__table__
    primary = [c.name for c in table.primary_key.columns]
    loader = columnar.Loader(
        ctx.session, table, key=primary, additive=[*_FACT_ADDITIVE],
        # a target is in one ad group, an ad group in one campaign: these follow from the key
        fixed=[c for c in ("campaign_id", "ad_group_id") if c not in primary],
        store_id=ctx.store.id, batch_id=ctx.batch_id,
    )  # fmt: skip
    key = _merge_key(level)
    elsewhere: set[tuple[Any, ...]] = set()
    sums = dict.fromkeys(_TOTALS, Decimal(0))
    days: list[Any] = []
    dates = _Dates(stream, ctx.marketplace)
    unknown = _rows().UnknownShares()

    def merged(chunk: columnar.Chunk) -> Any:
        """The chunk's rows of the store's marketplace, typed and merged (None: none)."""
        chunk.frame = _unknown_shares(chunk.frame, stream.reader.shares, unknown)
        frame = _finish(level, typer.type(chunk), stream.reader.default_product, dates)
        if level == "product":
            frame = frame.with_columns(pl.col("sku").fill_null("").alias("_sku"))
        named = frame["_market"].drop_nulls().unique().to_list()
        if not stream.markets.issuperset(named):
            raise columnar.Unsupported("a marketplace the first rows do not name")
        own = _own(ctx.marketplace)
        elsewhere.update(frame.filter(~own).select(key).unique().iter_rows())
        mine = frame.filter(own)
        del frame
        if not mine.height:
            return None
        for name in _TOTALS:
            sums[name] += Decimal(mine[name].sum() or 0)
        days.extend([mine["day"].min(), mine["day"].max()])
        return _merged(mine, key)

    # A date that is none is told the store marketplace's forms, as on the row path.
    hint = values.DateReading(expected=day_order.expected(ctx.marketplace))

    def prepared() -> Iterator[tuple[columnar.Chunk, Any]]:
        """Chunks read, typed and merged: no database work (a worker thread runs this)."""
        for chunk in columnar.chunks(stream.source):
            with values.reading_dates(hint):
                try:
                    rows = merged(chunk)
                except columnar.RowFallback:  # the row parser names the line, column, problem
                    columnar.locate(chunk, stream.reader.read)
            yield chunk, rows

    def write(chunk: columnar.Chunk, rows: Any, behind: columnar.Behind) -> None:
        """Place the parents of a chunk's merged rows, then have its facts upserted."""
        stream.rows_read += chunk.frame.height
        if rows is None:
            return
        try:
            placed = _place(placer, spellings, level, rows)
            facts = placed.select(_fact_columns(ctx, stream, placed))
            loader.check(facts)
        except columnar.RowFallback:
            with values.reading_dates(hint):
                columnar.locate(chunk, stream.reader.read)
        behind.submit(loader.prepare(facts))

    # While one chunk's parents are placed, the next is read and typed (``ahead``) and the
    # one before has its facts written (``Behind``).
    with closing(columnar.ahead(prepared())) as ready, columnar.Behind() as behind:
        for item in ready:
            write(*item, behind)
            del item  # (not kept while the next one is awaited)
    result = loader.finish()
    stream.scales = typer.scales
    stream.totals = {name: _exact(sums[name], typer.scales.get(name, 0)) for name in _TOTALS}
    rejected = len(elsewhere)
    notes = [_rows().other_markets_note(rejected)] if rejected else []
    notes.extend(unknown.notes())
    first, last = min(days, default=None), max(days, default=None)
    return LoadResult(result.inserted, result.updated, rejected, first, last, notes)


def _unknown_shares(frame: Any, shares: list[tuple[int, str]], unknown: Any) -> Any:
    """The chunk with its impression share cells that say "<5%" or a dash emptied and
    counted (``unknown``), as ``ads_reports.RowReader`` does row by row."""
    if not shares:
        return frame
    emptied = []
    for index, header in shares:
        name = f"c{index}"
        cells = frame[name]
        hit = cells.str.contains(_rows().UNKNOWN_SHARE).fill_null(False)
        if not hit.any():
            continue
        for text, count in Counter(cells.filter(hit).to_list()).items():
            unknown.add(header, _rows().unknown_share(text), count)
        emptied.append(pl.when(hit).then(None).otherwise(pl.col(name)).alias(name))
    return frame.with_columns(emptied) if emptied else frame


#: Fact columns that rows repeating a key add up (``ads_reports._ADDITIVE``, as stored).
_FACT_ADDITIVE = ("impressions", "clicks", "spend", "orders", "units", "sales",
                  "advertised_units", "advertised_sales", "other_units", "other_sales",
                  "viewable_impressions", "detail_page_views", "new_to_brand_orders",
                  "new_to_brand_units", "new_to_brand_sales")  # fmt: skip


def _merged(mine: Any, key: list[str]) -> Any:
    """Rows repeating a key as one: measures summed (None if all None), others the first's."""
    additive = [c for c in _rows()._ADDITIVE if c in mine.columns]
    others = [c for c in mine.columns if c not in key and c not in additive]
    return mine.group_by(key, maintain_order=True).agg(
        *[pl.col(c).first() for c in others],
        *[pl.when(pl.col(c).count() > 0).then(pl.col(c).sum()).alias(c) for c in additive],
    )


def _exact(total: Decimal, places: int) -> Decimal:
    """A sum shown with the decimals the row path's Decimal sum would show."""
    return total.quantize(Decimal(1).scaleb(-places)) if total or places else Decimal(0)


@dataclass(slots=True)
class _Spellings:
    """The spelling (the report's fields) each ad group or target was last placed by in
    this import, so that a chunk naming a parent the same way again skips the placer.

    A chunk's spelling is skipped when it is its parent's current one and no other spelling
    of that parent (``key``: the placer's natural key, computed column-wise) is new in the
    chunk; every spelling of a parent with a new one goes to the placer, in row order, so
    the last row still wins.
    """

    fields: list[str]
    key: list[str]
    current: Any = None  # fields + "_id"

    @property
    def both(self) -> list[str]:
        return list(dict.fromkeys([*self.fields, *self.key]))

    def place(self, distinct: Any, placer: Callable[[Any], list[int]]) -> Any:
        """``distinct`` (fields, key, ``_i``; by last row) with the parents' ``_id``."""
        columns = [*self.both, "_i", "_id"]
        done = None
        todo = distinct
        if self.current is not None:
            known = _join(distinct, self.current, self.fields)
            fresh = known.filter(pl.col("_id").is_null()).select(self.key).unique()
            same = {"on": self.key, "nulls_equal": True, "maintain_order": "left"}
            todo = known.join(fresh, how="semi", **same).drop("_id")
            done = known.join(fresh, how="anti", **same).select(columns)
        ids = placer(todo.select(self.fields).iter_rows()) if todo.height else []
        todo = todo.with_columns(pl.Series("_id", ids, dtype=pl.Int64)).select(columns)
        latest = todo.sort("_i").group_by("_id", maintain_order=True).last()
        latest = latest.select(*self.fields, "_id")
        if self.current is None:
            self.current = latest
        else:
            gone = pl.col("_id").is_in(latest["_id"].implode())
            self.current = pl.concat([self.current.filter(~gone), latest])
        return todo if done is None else pl.concat([done, todo])


def _place(placer: Placer, spellings: dict[str, _Spellings], level: str, merged: Any) -> Any:
    """Campaign, ad group and target ids joined to each merged row (see ``_place_all``)."""
    merged = merged.with_row_index("_i")
    c_fields = list(_rows()._CAMPAIGN_FIELDS)
    camp = _last(merged, c_fields)
    ids = placer.campaigns(camp.iter_rows(named=True))
    camp = camp.with_columns(pl.Series("campaign_id", ids))
    merged = _join(merged, camp.drop("_i"), c_fields)
    if level in ("campaign", "placement"):
        return merged
    merged = merged.with_columns(
        pl.col("ad_group").fill_null("").alias("_group"),
        pl.col("_group_key").str.slice(0, NAME).alias("_group_name_key"),
    )
    groups = spellings.setdefault(
        "group", _Spellings(["campaign_id", "_group"], ["campaign_id", "_group_name_key"])
    )
    grp = groups.place(_last(merged, groups.both), placer.groups)
    grp = grp.select(*groups.fields, pl.col("_id").alias("ad_group_id"))
    merged = _join(merged, grp, groups.fields)
    if level == "product":
        return merged
    targets = spellings.setdefault(
        "target",
        _Spellings(["campaign_id", "ad_group_id", "targeting", "match_type"],
                   ["ad_group_id", "match_type", "_target_key"]),
    )  # fmt: skip
    tgt = targets.place(_last(merged, targets.both), placer.targets)
    tgt = tgt.select(*targets.fields, pl.col("_id").alias("target_id"))
    return _join(merged, tgt, targets.fields)


def _last(frame: Any, fields: list[str]) -> Any:
    """Distinct ``fields`` ordered by their last row (``ads_reports._last_rows``)."""
    return frame.group_by(fields).agg(pl.col("_i").max()).sort("_i")


def _join(frame: Any, ids: Any, fields: list[str]) -> Any:
    return frame.join(ids, on=fields, how="left", nulls_equal=True, maintain_order="left")


def _fact_columns(ctx: LoadContext, records: AdStream, placed: Any) -> list[Any]:
    level = records.level
    marks = placed["_mark"].fill_null(records.header_mark or "")
    texts = marks.unique().to_list()
    currency = currency_for
    mapped = marks.replace_strict(
        texts,
        [currency(t or None, ctx.marketplace.currency) for t in texts],
        return_dtype=pl.String,
    )
    columns: list[Any] = [
        pl.lit(ctx.store.id).alias("store_id"), pl.col("day"), pl.col("campaign_id"),
        pl.col("impressions"), pl.col("clicks"), pl.col("spend"),
        pl.when(pl.col("currency").is_not_null() & (pl.col("currency") != ""))
        .then(pl.col("currency")).otherwise(pl.lit(mapped)).alias("currency"),
        pl.lit(records.attribution_days, pl.Int64).alias("attribution_days"),
        pl.lit(ctx.batch_id).alias("import_batch_id"),
    ]  # fmt: skip
    columns += [
        pl.col(n)
        for n in ("orders", "units", "sales", "advertised_units", "advertised_sales",
                  "other_units", "other_sales")
    ]  # fmt: skip
    if "ad_group_id" in placed.columns:
        columns.append(pl.col("ad_group_id"))
    if "target_id" in placed.columns:
        columns.append(pl.col("target_id"))
    if level == "search_term":
        columns += [pl.col("term_key"), pl.col("search_term").str.slice(0, _TERM).alias("term")]
    elif level == "target":
        columns.append(pl.col("top_of_search_share"))
    elif level == "product":
        columns += [pl.col("asin"), pl.col("_sku").alias("sku")]
    elif level == "placement":
        placement_key = columnar.name_keys(placed["placement"], lambda t: ads.name_key(t, 64), 64)
        columns += [
            pl.lit(placement_key).alias("placement_key"), pl.col("placement"),
            pl.col("bidding_strategy"),
        ]  # fmt: skip
    else:
        columns += [
            pl.col("top_of_search_share"), pl.col("viewable_impressions"),
            pl.col("detail_page_views"), pl.col("ntb_orders").alias("new_to_brand_orders"),
            pl.col("ntb_units").alias("new_to_brand_units"),
            pl.col("ntb_sales").alias("new_to_brand_sales"),
        ]  # fmt: skip
    return columns


def totals(stream: AdStream, market: Marketplace) -> Totals:
    """As ``ads_reports.totals``: exact sums of the store marketplace's rows (``load``
    computes them while it reads the file)."""
    return dict(stream.totals)
