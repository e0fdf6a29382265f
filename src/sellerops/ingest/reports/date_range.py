"""Date Range (transaction) report, Payments -> Reports Repository -> fee lines.

A CSV with a preamble above the header (report-formats.md §4c), one row per transaction
(an order, a refund, a service fee, a transfer ...) with its money split over columns
(product sales, selling fees, fba fees ...). Headers in US/UK English, German, French,
Italian, Spanish, Mexican Spanish, Japanese, Dutch and the Chinese interface; numbers and
dates as that language writes them (``1.234,56``; ``Dec 1, 2017 12:38:23 AM PST``,
``a.m.``/``p.m.``, ``上午``/``下午``, ``GMT+9``), decided per file.

Every non-zero money column of a row becomes one ``fee_line`` (``amount_type`` = the
column, e.g. ``selling_fees``), signed as given, in the file's currency (the preamble's
"All amounts in USD", else the marketplace's). When a row's columns do not add up to its
``total`` the difference is kept as an ``unexplained`` line, so the lines always add up
to the file's totals.

**The natural key.** A row has no id of its own, and the same row is in every report whose
range covers its day. Its identity is therefore what it says in figures: the UTC moment,
order id, SKU, quantity and every amount, hashed into
``source_id = "daterange:<sha1>:<n>"``; ``n`` counts identical rows within the file, so two
genuinely identical transactions (two units shipped apart at the same second) stay two.
Reports are whole days and identical rows share their second, so two overlapping reports
agree on ``n`` for every row they share: importing both stores each transaction once.
``line_no`` is the money column's place in :data:`AMOUNTS`. The type and description are
left out of the key (both are written in the interface's language, and not every
language's types are known), so an overlapping report downloaded in another language
matches too; so is the settlement id (no two settlements hold the same transaction).
A unified account's rows go to the stores of their marketplaces and its account-level rows
(no marketplace) to one home store, moved there from any other store that held them
(``placement``), so overlapping reports never count an ad charge twice.
These lines live in their own namespace: a settlement's lines (``source_id`` = the settlement
id) describe the same money, so no total adds the two sources together.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sellerops.core.marketplaces import MARKETPLACES, Marketplace, by_sales_channel
from sellerops.finance import service as finance
from sellerops.ingest import day_order, derived
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import CellError
from sellerops.ingest.localized import (
    LocalMoment,
    marketplaces_decimal_comma,
    moment_expected,
    parse_moment,
    sniff_day_first,
    sniff_decimal_comma,
)
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import (
    Column,
    Family,
    HeaderMap,
    LoadContext,
    LoadResult,
    Parsed,
    Totals,
    column,
)
from sellerops.ingest.reports.date_range_columns import (
    AMOUNTS,
    TYPES,
    UNEXPLAINED_LINE,
    Locale,
    header_locale,
    spellings,
)
from sellerops.ingest.reports.placement import place, refuse_others_copies
from sellerops.ingest.values import ValueFormatError, parse_amount

_NAMES = spellings()
_REQUIRED = {"posted", "settlement_id", "type", "order_id", "sku", "description", "total"}
_OPTIONS: dict[str, dict[str, Any]] = {
    "posted": {"nonempty": True},
    "settlement_id": {"max_len": 32},
    "type": {"max_len": 64, "truncate": True},
    "order_id": {"max_len": 32},
    "sku": {"max_len": 64},
    "description": {"max_len": 128, "truncate": True},
    "quantity": {"kind": "int"},
    "total": {"nonempty": True},
}
_IGNORED = ("account_type", "order_city", "order_state", "order_postal",
            "tax_collection_model", "transaction_status", "release_date")  # fmt: skip


def _column(key: str) -> Column:
    aliases = tuple(dict.fromkeys(name for _, name in _NAMES[key]))
    if key in _IGNORED:
        return Column("~" + key, aliases, kind="ignore")
    return column(key, *aliases, required=key in _REQUIRED, **_OPTIONS.get(key, {}))


COLUMNS: tuple[Column, ...] = tuple(_column(key) for key in _NAMES)
_CURRENCIES = sorted({m.currency for m in MARKETPLACES.values()})
_PREAMBLE_CURRENCY = re.compile(rf"(?<![A-Z])({'|'.join(_CURRENCIES)})(?![A-Z])")


@dataclass(slots=True)
class Transaction:
    line: int
    moment: LocalMoment
    settlement_id: str | None
    type: str
    order_id: str | None
    sku: str | None
    description: str | None
    quantity: int | None
    market: str | None  # marketplace code, when the row names one Amazon knows
    amounts: dict[str, Decimal]
    total: Decimal


@dataclass(slots=True)
class Transactions:
    rows: list[Transaction] = field(default_factory=list)
    #: what the import stored (the rows that have a store), set by :func:`load`
    stored_total: Decimal | None = None


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row validated; amounts and dates read in the file's own convention."""
    parser = RowParser(table.file_name, header_map, COLUMNS)
    raw = [(line, parser.parse(line, cells)) for line, cells in table.rows]
    locale = header_locale(table.header)
    money_keys = [k for k in (*AMOUNTS, "total") if any(r[k] for _, r in raw)]
    comma = sniff_decimal_comma(r[k] for _, r in raw for k in money_keys if r[k])
    day_first = sniff_day_first(r["posted"] for _, r in raw)
    if comma is None:
        comma = _language_decimal_comma(locale, (r["marketplace"] or "" for _, r in raw))
    if day_first is None:
        day_first = _language_day_first(locale, (r["marketplace"] or "" for _, r in raw))
    reader = _CellReader(
        table.file_name,
        {m.column.key: m.header for m in header_map.mapped},
        comma,
        day_first,
        locale.code,
    )
    records = Transactions([reader.transaction(line, row) for line, row in raw])
    parsed = Parsed(len(raw), records, currency=_preamble_currency(table))
    parsed.marketplaces.update(t.market for t in records.rows if t.market)
    return parsed


def _language_decimal_comma(locale: Locale, channels: Iterable[str]) -> bool | None:
    """The decimal mark of a file whose values do not tell: its language's, except for an
    English file of marketplaces that write a decimal comma (None: cannot tell, so a lone
    ``1.500`` is an error rather than a guess)."""
    codes = {m.code for m in map(by_sales_channel, channels) if m is not None}
    if locale.code.startswith("en") and marketplaces_decimal_comma(codes):
        return None
    return locale.decimal_comma


def _language_day_first(locale: Locale, channels: Iterable[str]) -> bool:
    """Whether a file whose dates do not tell writes them day first: its language's way, but
    an English file's (the US and the UK headers differ by a column or two) is its
    marketplaces' custom when they share one (``day_order``: day first on amazon.co.uk)."""
    if locale.code.startswith("en"):
        markets = {m for m in map(by_sales_channel, channels) if m is not None}
        orders = {day_order.custom(m) for m in markets}
        if len(orders) == 1 and None not in orders:
            return orders.pop() == "dmy"
    return locale.day_first


def _preamble_currency(table: FileTable) -> str | None:
    """``"All amounts in USD, unless specified"`` -> USD."""
    for cells in table.preamble:
        match = _PREAMBLE_CURRENCY.search(" ".join(cells))
        if match:
            return match[1]
    return None


@dataclass(frozen=True, slots=True)
class _CellReader:
    file_name: str
    headers: dict[str, str]
    decimal_comma: bool | None  # None: the file does not tell (see _language_decimal_comma)
    day_first: bool
    language: str  # the headers' (``Locale.code``), for the date form an error names

    def transaction(self, line: int, row: dict[str, Any]) -> Transaction:
        amounts = {k: self._amount(line, k, row[k]) for k in AMOUNTS if row.get(k)}
        market = by_sales_channel(row["marketplace"] or "")
        return Transaction(
            line=line,
            moment=self._moment(line, row["posted"]),
            settlement_id=row["settlement_id"] or None,
            type=TYPES.get(row["type"].casefold(), row["type"]) if row["type"] else "",
            order_id=row["order_id"] or None,
            sku=row["sku"] or None,
            description=row["description"] or None,
            quantity=row["quantity"],
            market=market.code if market else None,
            amounts=amounts,
            total=self._amount(line, "total", row["total"]),
        )

    def _amount(self, line: int, key: str, text: str) -> Decimal:
        try:
            amount = parse_amount(text, decimal_comma=self.decimal_comma, ambiguous_error=True)
            return amount.value
        except ValueFormatError as exc:
            raise CellError(self.file_name, str(exc), line=line, column=self.headers[key]) from None

    def _moment(self, line: int, text: str) -> LocalMoment:
        try:
            moment = parse_moment(text, day_first=self.day_first)
        except ValueFormatError:  # told in the file's own form, not a US one in a DE file
            problem = str(ValueFormatError(text, moment_expected(self.language, self.day_first)))
            raise CellError(
                self.file_name, problem, line=line, column=self.headers["posted"]
            ) from None
        if not moment.has_time:
            problem = f'expected a date with a time of day, got "{text}"'
            raise CellError(self.file_name, problem, line=line, column=self.headers["posted"])
        return moment


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """What the import stored: every row that has a store (a unified account's rows go to the
    stores of their marketplaces); before the load, the rows of ``market`` and of none."""
    records: Transactions = parsed.records
    if records.stored_total is not None:
        return {"total": records.stored_total}
    own = (t.total for t in records.rows if t.market in (None, market.code))
    return {"total": sum(own, Decimal(0))}


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    """Each row into the store of its marketplace, account-level rows (no marketplace) into
    the home store, whichever store the import is for (see ``placement``)."""
    records: Transactions = parsed.records
    currency = parsed.currency or ctx.marketplace.currency
    placement = place(ctx, parsed.marketplaces, currency)
    result = LoadResult()
    lines: list[dict[str, Any]] = []
    account_level: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    unexplained = 0
    stored = Decimal(0)
    placed = 0  # rows of the file that have a store
    for t in records.rows:
        store = placement.store_of(t.market)
        if not placement.count(t.market, t.total):
            result.rejected += 1
            continue
        assert store is not None
        placed += 1
        stored += t.total
        market = placement.market_of(t.market)
        digest = _identity(t, market)
        seen[digest] += 1
        source_id = f"daterange:{digest}:{seen[digest]}"
        row_lines = _fee_lines(ctx, t, source_id, currency, store.id, market)
        unexplained += any(r["line_no"] == UNEXPLAINED_LINE for r in row_lines)
        lines.extend(row_lines)
        if t.market is None:
            account_level.extend(row_lines)
    records.stored_total = stored
    held = finance.holders(session=ctx.session,
                           source_ids=[line["source_id"] for line in account_level])  # fmt: skip
    refuse_others_copies(ctx, held, "an account-level row of this file")
    finance.move_fee_lines(session=ctx.session, lines=account_level)
    counted = finance.save_fee_lines(session=ctx.session, lines=lines)
    result.inserted, result.updated = counted.inserted, counted.updated
    if len(lines) != placed:  # "3 rows, +6 new": say what the new and updated ones are
        result.notes.append(lines_note(placed, len(lines)))
    result.notes.extend(placement.notes("row", currency))
    if unexplained:
        result.notes.append(
            (
                "1 row's money columns do not add up to its total"
                if unexplained == 1
                else f"{unexplained} rows' money columns do not add up to their total"
            )
            + "; the difference is kept as 'unexplained'"
        )
    for other in {line["store_id"] for line in lines} - {ctx.store.id}:
        derived.mark_changed(session=ctx.session, store_id=other)
    days = [line["posted_day"] for line in lines]
    result.data_start, result.data_end = (min(days), max(days)) if days else (None, None)
    return result


def lines_note(rows: int, lines: int) -> str:
    """What an import says when the file's rows and the lines stored differ: a row becomes one
    line per non-zero money column (its product sales, its selling fee, its FBA fee ...), so
    the counts of new and updated ones (``rows_inserted``, ``rows_updated``) are of lines."""
    return (
        f"{rows} {'row' if rows == 1 else 'rows'} of the file {'was' if rows == 1 else 'were'} "
        f"stored as {lines} fee {'line' if lines == 1 else 'lines'}, one per money column "
        "that is not zero (sales, each fee ...): the new and updated counts are of fee lines"
    )


def _identity(t: Transaction, market: Marketplace) -> str:
    moment = t.moment.utc(market.tz)
    assert moment is not None  # parse refuses dates without a time
    amounts = ",".join(f"{k}={_plain(v)}" for k, v in sorted(t.amounts.items()) if v)
    return identity(moment.isoformat(), t.order_id, t.sku, t.quantity, amounts, _plain(t.total))


def identity(*parts: object) -> str:
    """The hash of a row's figures (``_identity``; migration 0029 computes it from stored
    lines: keep the two in step)."""
    return hashlib.sha1("|".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


def _fee_lines(
    ctx: LoadContext,
    t: Transaction,
    source_id: str,
    currency: str,
    store_id: int,
    market: Marketplace,
) -> list[dict[str, Any]]:
    tz = market.tz
    common = {
        "store_id": store_id,
        "source_id": source_id,
        "posted_at": t.moment.utc(tz),
        "posted_day": t.moment.local_day(tz),
        "transaction_type": t.type or None,
        "order_id": t.order_id,
        "sku": t.sku,
        "quantity": t.quantity,
        "amount_description": t.description,
        "currency": currency,
        "settlement_id": t.settlement_id,
        "import_batch_id": ctx.batch_id,
    }
    out = [
        {**common, "line_no": AMOUNTS.index(k) + 1, "amount_type": k, "amount": v}
        for k, v in t.amounts.items()
        if v
    ]
    rest = t.total - sum(t.amounts.values(), Decimal(0))
    if rest:
        out.append({**common, "line_no": UNEXPLAINED_LINE, "amount_type": "unexplained",
                    "amount": rest})  # fmt: skip
    return out


FAMILY = Family(
    name="date_range",
    title="Date Range transaction report",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
