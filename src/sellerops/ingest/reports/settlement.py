"""Settlement flat files -> ``settlement`` + ``fee_line``, reconciled to the cent.

Two layouts (report-formats.md §4a/§4b), both tab-separated and read by header name since
their column sets vary by era and marketplace:

* ``GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2``: one row per amount (``amount-type`` /
  ``amount-description`` / ``amount``);
* ``GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE`` (the older price-type layout): a row may carry
  a price, an item fee, a shipment fee, an order fee, a promotion, a direct payment, a misc
  fee, an other fee and an other amount; each non-empty one becomes its own line.

The first row of a settlement is its summary (dates, ``total-amount``, ``currency``); the
rows after it are its lines. Every amount becomes one fee line, signed as given, numbered
1..n within the settlement in file order: (store, settlement id, line number) is its
identity, so re-importing a settlement changes nothing. Whether the lines add up to the
total to the cent is stored on the settlement (``lines_total``, ``reconciled``). A unified
account's settlement spreads its lines over the stores of their marketplaces, its lines with
no marketplace and its summary going to one home store (``placement``): a settlement id is
never stored whole in two stores, whatever store or marketplace the import was asked for.

Dates and amounts come in several regional forms (``2026-09-01 07:00:00 UTC``,
``01.03.2026``, ``09/06/25``; ``1234,56`` / ``1,062.53``): each file's decimal mark and
day order are decided from all of its values (a file whose values do not tell the decimal
mark takes its marketplaces', and refuses a ``1.500`` when those do not tell either); ambiguous ``a/b/yy`` dates are month first
in USD settlements, day first otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sellerops.core.marketplaces import Marketplace, by_sales_channel
from sellerops.core.money import quantize
from sellerops.finance import service as finance
from sellerops.ingest import derived
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import CellError, FileError
from sellerops.ingest.localized import (
    LocalMoment,
    marketplaces_decimal_comma,
    parse_moment,
    sniff_day_first,
)
from sellerops.ingest.localized import sniff_decimal_comma as sniff_comma
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
from sellerops.ingest.reports.placement import Placement, place, refuse_others_copies
from sellerops.ingest.values import ValueFormatError, parse_amount

_DATES = ("settlement_start_date", "settlement_end_date", "deposit_date", "posted_date",
          "posted_date_time")  # fmt: skip
_IGNORED = ("merchant-order-id", "adjustment-id", "shipment-id", "fulfillment-id",
            "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id",
            "promotion-id")  # fmt: skip
#: The price-type layout's (type column, amount column, amount_type) triples, in row order.
V1_PARTS = (
    ("shipment_fee_type", "shipment_fee_amount", "ShipmentFees"),
    ("order_fee_type", "order_fee_amount", "OrderFees"),
    ("price_type", "price_amount", "ItemPrice"),
    ("item_related_fee_type", "item_related_fee_amount", "ItemFees"),
    (None, "misc_fee_amount", "MiscFee"),
    ("other_fee_reason_description", "other_fee_amount", "OtherFee"),
    ("promotion_type", "promotion_amount", "Promotion"),
    ("direct_payment_type", "direct_payment_amount", "DirectPayment"),
    (None, "other_amount", "Other"),
)


def _col(name: str, **options: Any) -> Column:
    return column(name.replace("-", "_"), name, **options)


_COMMON = (
    _col("settlement-id", required=True, nonempty=True, max_len=32),
    _col("settlement-start-date"),
    _col("settlement-end-date"),
    _col("deposit-date"),
    _col("total-amount", required=True),
    _col("currency", required=True, max_len=3),
    _col("transaction-type", required=True, max_len=64, truncate=True),
    _col("order-id", max_len=32),
    _col("marketplace-name"),
    _col("posted-date", required=True),
    _col("sku", max_len=64),
    _col("quantity-purchased", kind="int"),
    *(Column("~" + name, (name,), kind="ignore") for name in _IGNORED),
)
V2_COLUMNS: tuple[Column, ...] = (
    *_COMMON,
    _col("amount-type", required=True, max_len=64, truncate=True),
    _col("amount-description", max_len=128, truncate=True),
    _col("amount", required=True),
    _col("posted-date-time"),
)
V1_COLUMNS: tuple[Column, ...] = (
    *_COMMON,
    *(_col(t.replace("_", "-"), max_len=128, truncate=True) for t, _, _ in V1_PARTS if t),
    *(_col(a.replace("_", "-"), required=a in ("price_amount", "other_amount"))
      for _, a, _ in V1_PARTS),
)  # fmt: skip
_AMOUNTS = ("total_amount", "amount", *(a for _, a, _ in V1_PARTS))


@dataclass(slots=True)
class SettlementRecord:
    settlement_id: str
    line: int  # of the summary row
    start: LocalMoment | None
    end: LocalMoment | None
    deposit: LocalMoment | None
    total: Decimal
    currency: str | None
    lines: list[dict[str, Any]] = field(default_factory=list)


def _summary_padded(cells: list[str], total_at: int, width: int) -> list[str]:
    """The summary row (the one with ``total-amount``) fills only the settlement columns;
    written without its trailing empty fields it is still whole, unlike a line cut short."""
    if len(cells) < width and total_at < len(cells) and cells[total_at].strip():
        return cells + [""] * (width - len(cells))
    return cells


def parse(table: FileTable, header_map: HeaderMap, *, v2: bool) -> Parsed:
    columns = V2_COLUMNS if v2 else V1_COLUMNS
    parser = RowParser(table.file_name, header_map, columns)
    headers = {m.column.key: m.header for m in header_map.mapped}
    total_at = next(m.index for m in header_map.mapped if m.column.key == "total_amount")
    raw = [(line, parser.parse(line, _summary_padded(cells, total_at, header_map.size)))
           for line, cells in table.rows]  # fmt: skip
    currency = next((r["currency"] for _, r in raw if r["currency"]), None)
    comma = sniff_comma(r[k] for _, r in raw for k in _AMOUNTS if r.get(k))
    if comma is None:  # the values do not tell: the marketplaces' way, else ask (see _Cells)
        named = (by_sales_channel(r["marketplace_name"] or "") for _, r in raw)
        comma = marketplaces_decimal_comma(m.code for m in named if m is not None)
    day_first = sniff_day_first(r[k] for _, r in raw for k in _DATES if r.get(k))
    if day_first is None:
        day_first = _day_first_by_period(table.file_name, headers, comma, raw)
    cells = _Cells(table.file_name, headers, comma, currency != "USD" if day_first is None
                   else day_first)  # fmt: skip
    found: dict[str, SettlementRecord] = {}
    parsed = Parsed(len(raw), found, currency=currency)
    for line, row in raw:
        if row["total_amount"]:
            _add_settlement(found, cells, line, row)
            continue
        record = found.get(row["settlement_id"])
        if record is None:
            raise FileError(table.file_name, f"a line of settlement {row['settlement_id']} "
                            "comes before its summary row (the one with total-amount)",
                            line=line)  # fmt: skip
        new = _v2_lines(cells, line, row) if v2 else _v1_lines(cells, line, row)
        market = by_sales_channel(row["marketplace_name"] or "")
        for part in new:
            part["market"] = market.code if market else None
        record.lines.extend(new)
        if market is not None and new:
            parsed.marketplaces[market.code] += len(new)
    return parsed


def _day_first_by_period(
    file_name: str, headers: dict[str, str], comma: bool | None, raw: list[tuple[int, Any]]
) -> bool | None:
    """The day order under which every line's ``posted-date`` lies in its settlement's
    period (a day either side), when exactly one order does: a Canadian ``11/01/2026``
    in a settlement of 25 Oct - 8 Nov is 1 November, not 11 January. None: both or neither."""
    fitting = []
    for candidate in (False, True):
        cells = _Cells(file_name, headers, comma, candidate)
        periods: dict[str, tuple[date, date]] = {}
        fits = True
        try:
            for line, row in raw:
                if row["total_amount"]:
                    start = cells.moment(line, "settlement_start_date", row)
                    end = cells.moment(line, "settlement_end_date", row)
                    if start and end:
                        periods[row["settlement_id"]] = (
                            start.wall.date() - timedelta(days=1),
                            end.wall.date() + timedelta(days=1),
                        )
                    continue
                period = periods.get(row["settlement_id"])
                posted = cells.moment(line, "posted_date", row)
                if period and posted and not period[0] <= posted.wall.date() <= period[1]:
                    fits = False
                    break
        except (CellError, FileError):
            fits = False
        if fits and periods:
            fitting.append(candidate)
    return fitting[0] if len(fitting) == 1 else None


def _add_settlement(
    found: dict[str, SettlementRecord], cells: _Cells, line: int, row: dict[str, Any]
) -> None:
    sid = row["settlement_id"]
    if sid in found:
        raise FileError(cells.file_name, f"settlement {sid} has a second summary row "
                        f"(the first is on line {found[sid].line})", line=line)  # fmt: skip
    found[sid] = SettlementRecord(
        settlement_id=sid,
        line=line,
        start=cells.moment(line, "settlement_start_date", row),
        end=cells.moment(line, "settlement_end_date", row),
        deposit=cells.moment(line, "deposit_date", row),
        total=cells.amount(line, "total_amount", row),
        currency=row["currency"] or None,
    )


def _line(cells: _Cells, line: int, row: dict[str, Any]) -> dict[str, Any]:
    posted = cells.moment(line, "posted_date_time", row) if row.get("posted_date_time") else None
    return {
        "posted": posted or cells.moment(line, "posted_date", row),
        "transaction_type": row["transaction_type"] or None,
        "order_id": row["order_id"] or None,
        "sku": row["sku"] or None,
        "quantity": row["quantity_purchased"],
    }


def _v2_lines(cells: _Cells, line: int, row: dict[str, Any]) -> list[dict[str, Any]]:
    if not row["amount"]:
        return []
    return [{**_line(cells, line, row), "amount_type": row["amount_type"] or None,
             "amount_description": row["amount_description"] or None,
             "amount": cells.amount(line, "amount", row)}]  # fmt: skip


def _v1_lines(cells: _Cells, line: int, row: dict[str, Any]) -> list[dict[str, Any]]:
    common = _line(cells, line, row)
    out = []
    for type_key, amount_key, amount_type in V1_PARTS:
        if row.get(amount_key):
            description = row.get(type_key) if type_key else row["transaction_type"]
            out.append({**common, "amount_type": amount_type,
                        "amount_description": description or None,
                        "amount": cells.amount(line, amount_key, row)})  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class _Cells:
    """Reads amounts and dates in the file's convention; errors name line and column. A file
    whose decimal mark neither its values nor its marketplaces tell (``decimal_comma`` None)
    has its ambiguous amounts (``1.500``) refused, not guessed."""

    file_name: str
    headers: dict[str, str]
    decimal_comma: bool | None
    day_first: bool

    def amount(self, line: int, key: str, row: dict[str, Any]) -> Decimal:
        try:
            amount = parse_amount(row[key], decimal_comma=self.decimal_comma, ambiguous_error=True)
            return amount.value
        except ValueFormatError as exc:
            raise CellError(self.file_name, str(exc), line=line, column=self.headers[key]) from None

    def moment(self, line: int, key: str, row: dict[str, Any]) -> LocalMoment | None:
        if not row.get(key):
            return None
        try:
            return parse_moment(row[key], day_first=self.day_first)
        except ValueFormatError as exc:
            raise CellError(self.file_name, str(exc), line=line, column=self.headers[key]) from None


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    currency = parsed.currency or market.currency
    found: dict[str, SettlementRecord] = parsed.records
    total = sum(
        (s.total for s in found.values() if (s.currency or currency) == currency), Decimal(0)
    )
    return {"total": total}


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    """Each line into the store of its marketplace and the settlement (its summary) into the
    home store, the same whichever store the import is for (see ``placement``)."""
    found: dict[str, SettlementRecord] = parsed.records
    placement = place(ctx, parsed.marketplaces, parsed.currency)
    result = LoadResult()
    days = []
    for record in found.values():
        settlement, lines = _rows(ctx, record, placement)
        held = finance.holders(session=ctx.session, source_ids=[settlement["settlement_id"]],
                               settlement_ids=[settlement["settlement_id"]])  # fmt: skip
        refuse_others_copies(ctx, held, f"settlement {record.settlement_id}")
        counted = finance.save_settlement(session=ctx.session, settlement=settlement, lines=lines)
        result.inserted += counted.inserted
        result.updated += counted.updated
        result.rejected += settlement["line_count"] - len(lines)
        days += [d for d in (_day(placement, record.start), _day(placement, record.end)) if d]
        days += [line["posted_day"] for line in lines if line["posted_day"]]
        if not settlement["reconciled"]:
            result.notes.append(
                f"settlement {record.settlement_id}: its {settlement['line_count']} "
                f"{'line adds' if settlement['line_count'] == 1 else 'lines add'} "
                f"up to {settlement['lines_total']} {settlement['currency']}, its total-amount "
                f"says {record.total} (difference {record.total - settlement['lines_total']})"
            )
    currency = parsed.currency or ctx.marketplace.currency
    result.notes.extend(placement.notes("line", currency))
    for store in {placement.store_of(code) for code in parsed.marketplaces} - {ctx.store, None}:
        assert store is not None
        derived.mark_changed(session=ctx.session, store_id=store.id)
    result.data_start, result.data_end = (min(days), max(days)) if days else (None, None)
    return result


def _day(placement: Placement, moment: LocalMoment | None) -> Any:
    return moment.local_day(placement.home_market.tz) if moment else None


def _rows(
    ctx: LoadContext, record: SettlementRecord, placement: Placement
) -> tuple[dict[str, Any], list[dict]]:
    """The settlement row (in the home store; its line total and count are the whole
    file's) and the lines that have a store, numbered in file order across stores."""
    tz = placement.home_market.tz
    currency = record.currency or ctx.marketplace.currency
    lines = []
    lines_total = Decimal(0)
    for number, part in enumerate(record.lines, start=1):
        lines_total += part["amount"]
        store = placement.store_of(part["market"])
        if not placement.count(part["market"], part["amount"]):
            continue
        assert store is not None
        line_tz = placement.market_of(part["market"]).tz
        posted: LocalMoment | None = part["posted"]
        line = {k: v for k, v in part.items() if k not in ("posted", "market")}
        line.update(
            store_id=store.id, source_id=record.settlement_id, line_no=number,
            posted_at=posted.utc(line_tz) if posted else None,
            posted_day=posted.local_day(line_tz) if posted else None,
            currency=currency, import_batch_id=ctx.batch_id,
        )  # fmt: skip
        lines.append(line)
    settlement = {
        "store_id": placement.home.id,
        "settlement_id": record.settlement_id,
        "start_at": record.start.instant(tz) if record.start else None,
        "end_at": record.end.instant(tz) if record.end else None,
        "deposit_at": record.deposit.instant(tz) if record.deposit else None,
        "total_amount": record.total,
        "currency": currency,
        "lines_total": lines_total,
        "line_count": len(record.lines),
        "reconciled": quantize(lines_total, currency) == quantize(record.total, currency),
        "import_batch_id": ctx.batch_id,
    }
    return settlement, lines


def _family(name: str, title: str, columns: tuple[Column, ...], v2: bool) -> Family:
    return Family(
        name=name,
        title=title,
        columns=columns,
        needs_day=False,
        parse=lambda table, header_map: parse(table, header_map, v2=v2),
        load=load,
        totals=totals,
    )


FAMILIES = (
    _family("settlement_v2", "Settlement report (V2 flat file)", V2_COLUMNS, True),
    _family("settlement", "Settlement report (flat file)", V1_COLUMNS, False),
)
