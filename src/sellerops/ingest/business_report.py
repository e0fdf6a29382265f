"""Business Report "Detail Page Sales and Traffic By Child Item" -> ``sales_traffic_daily``.

The CSV has no date column: the day comes from the file name or ``--date`` (unless a merge
script added a ``Date`` column: then each row is stored on its own day). A report
downloaded for a date range (two dates in its name, or ``--from``/``--to``) holds totals over
the range, which cannot be split into days: it goes to ``sales_traffic_period``, which the
per-day readers (the daily review, forecasts) never count. A report is the whole picture of
its day (or range): importing one removes the store's rows of that day (of that same range)
for ASINs it no longer lists (:func:`drop_absent`). Headers are matched by name in
English (current 36-column, 22-column and legacy 13-column layouts, sentence case and en-dash
variants), Simplified Chinese, Japanese, German and Korean, and the Spanish headers found so far
(not enough for a whole Spanish file yet: see :data:`_ES`). Percentages are stored as fractions;
sales keep the currency of their mark (``US$`` -> USD), else the store marketplace's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, delete
from sqlalchemy.orm import Session

from sellerops.catalog import service as catalog
from sellerops.catalog.models import SalesTrafficDaily, SalesTrafficPeriod
from sellerops.core.db import UpsertResult, upsert
from sellerops.core.marketplaces import Marketplace
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import CellError
from sellerops.ingest.headers import normalize_header
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
from sellerops.ingest.reports._fact_rows import date_readings
from sellerops.ingest.values import Amount, currency_for


def _ignored(*aliases: str) -> Column:
    """A column this report has that sellerops does not store (it still counts as known)."""
    return Column("~" + aliases[0], aliases, kind="ignore")


_COUNT = {"kind": "int", "required": True, "default": 0}

# Korean seller interface (Seller Central in Korean, e.g. for amazon.com, where amounts stay
# "US$960.00"). Two translations are in use; each header below is in at least one of:
#   [KO-1] storelink-io/clicktive, core/src/main/kotlin/com/clicktive/domains/api/constant/
#          excel/CellDataConstants.kt (RawSalesProductCellData, commit 3609ac9f914a),
#          each Korean header paired there with its English one;
#   [KO-2] wooyoung6685/unified-ad-dashboard, src/lib/amazon/parseAsinStat.ts
#          (commit de89114b8f5d), a child-item report parser with "US$960.00 " amounts.
_KO: dict[str, tuple[str, ...]] = {
    "parent_asin": ("(상위) ASIN",),  # KO-1, KO-2
    "child_asin": ("(하위) ASIN",),  # KO-1, KO-2
    "title": ("제목",),  # KO-1, KO-2
    # KO-2's file has a per-row date in Korean short form ("26. 4. 6."): a per-row day, which
    # is refused as a date sellerops cannot read rather than summed into one day unseen
    "row_day": ("날짜",),
    "sessions": ("세션 - 총계", "세션 - 합계"),  # KO-1; KO-2
    "sessions_b2b": ("세션 - 총계 - B2B",),  # KO-1, KO-2
    "sessions_mobile": ("세션 - 모바일 앱",),  # KO-1
    "sessions_browser": ("세션 - 브라우저",),  # KO-1
    "session_pct": ("세션 비율 - 총계",),  # KO-1, KO-2
    "page_views": ("페이지 조회수 - 총계", "페이지 조회수 - 합계"),  # KO-1; KO-2
    "page_views_b2b": ("페이지 조회수 - 총계 - B2B",),  # KO-1, KO-2
    "page_views_pct": ("페이지 조회수 비율 - 총계",),  # KO-1, KO-2
    "buy_box_pct": ("주요 오퍼(바이 박스) 백분율", "추천 오퍼(바이 박스) 비율"),  # KO-1; KO-2
    "units_ordered": ("상품 주문량", "주문 수량"),  # KO-1; KO-2
    "units_ordered_b2b": ("상품 주문량 - B2B", "주문 수량 - B2B"),  # KO-1; KO-2
    "unit_session_pct": ("상품 세션 비율",),  # KO-1, KO-2
    "ordered_sales": ("주문한 상품 판매량", "주문 상품 판매량"),  # KO-1; KO-2
    "ordered_sales_b2b": ("주문한 상품 판매량 - B2B", "주문 상품 판매 - B2B"),  # KO-1; KO-2
    "total_order_items": ("총 주문 아이템",),  # KO-1, KO-2
    "total_order_items_b2b": ("총 주문 아이템 - B2B",),  # KO-1, KO-2
}
#: Korean columns sellerops does not store (KO-1 unless marked).
_KO_IGNORED = (
    "세션 - 모바일 앱 - B2B", "세션 - 브라우저 - B2B", "세션 비율 - 모바일 앱",
    "세션 비율 - 모바일 앱 - B2B", "세션 비율 - 브라우저", "세션 비율 - 브라우저 - B2B",
    "세션 비율 - 총계 - B2B", "세션 비율 - 합계 - B2B",  # KO-2
    "페이지 조회수 - 모바일 앱", "페이지 조회수 - 모바일 앱 - B2B", "페이지 조회수 - 브라우저",
    "페이지 조회수 - 브라우저 - B2B", "페이지 조회수 비율 - 모바일 앱",
    "페이지 조회수 비율 - 모바일 앱 - B2B", "페이지 조회수 비율 - 브라우저",
    "페이지 조회수 비율 - 브라우저 - B2B", "페이지 조회수 비율 - 총계 - B2B",
    "추천 오퍼(바이 박스) 비율 - B2B", "상품 세션 비율 - B2B",
    "단위 세션 비율 - B2B",  # KO-2
)  # fmt: skip

# Spanish seller interfaces (amazon.es, amazon.com.mx). Found so far, not yet a whole file: the
# total order items column of amazon.es is in none of the sources, so an amazon.es file is
# still refused, as close to a Business Report lacking "Total Order Items".
#   [ES-1] francocibils/dks_update, helper_functions.py (commit 00855556191e),
#          processing_amazon_sellercentral (amazon.com.mx);
#   [ES-2] francocibils/amazon_visits, amazon_visits_streamlit.py (commit 151ac30fe27f) and
#          francocibils/amazon_sales, amazon_sales_streamlit.py (commit 331c12b32cfb): the
#          Spanish names of an amazon.com.mx file (English ones are renamed to them);
#   [ES-3] [GH-CODE] (report-formats.md source key: the exact-string index names no
#          repository) index id 62118574661, an amazon.es parser reading "1.234,56 €" amounts;
#          the same headers in a test file of another parser (index id 65947439335).
_ES: dict[str, tuple[str, ...]] = {
    "parent_asin": ("ASIN (parent)",),  # ES-1, ES-3
    "child_asin": ("ASIN (child)",),  # ES-1, ES-3
    "title": ("Título",),  # ES-1, ES-3
    "sessions": ("Sesiones: total", "Sesiones - Total", "Total de sesiones"),  # ES-1; ES-2
    "page_views": (
        "Vistas de página: total",  # ES-1
        "Vistas de página - Total",  # ES-2
        "Total de visualizaciones de página",  # ES-2
    ),
    "buy_box_pct": ("Porcentaje de ofertas destacadas (Buy Box)",),  # ES-3
    "units_ordered": ("Unidades encargadas",),  # ES-3
    "units_ordered_b2b": ("Unidades encargadas - B2B",),  # ES-3
    "ordered_sales": ("Ventas de productos encargados", "Ventas de productos pedidos"),  # 3; 2
    "ordered_sales_b2b": (
        "Ventas de productos encargados: B2B",  # ES-3
        "Ventas de productos pedidos - B2B",  # ES-2
        "Ventas de productos pedidos: entre empresas",  # ES-2
    ),
    "total_order_items": ("Total de artículos del pedido",),  # ES-2 (amazon.com.mx)
    "total_order_items_b2b": ("Total de artículos del pedido -B2B",),  # ES-2
}


def _local(key: str) -> tuple[str, ...]:
    """The Korean and Spanish headers of a column (see :data:`_KO`, :data:`_ES`)."""
    return _KO.get(key, ()) + _ES.get(key, ())


_STORED: tuple[Column, ...] = (
    column(
        "parent_asin",
        "(Parent) ASIN",
        "（父）ASIN",
        "（親）ASIN",
        "(Übergeordnete) ASIN",
        *_local("parent_asin"),
        kind="asin",
    ),
    column(
        "child_asin",
        "(Child) ASIN",
        "（子）ASIN",
        "(Untergeordnete) ASIN",
        *_local("child_asin"),
        kind="asin",
        required=True,
        nonempty=True,
    ),
    column(
        "title",
        "Title",
        "商品名称",
        "タイトル",
        "Titel",
        *_local("title"),
        max_len=500,
        truncate=True,
    ),
    # Not in Amazon's file: a merge script's per-row day (report-formats.md §1, "a user-added
    # Date"); when present, every row is stored on its own day.
    column("row_day", "Date", "日期", "日付", "Datum", *_local("row_day"), kind="date"),
    column("sku", "SKU", max_len=64),
    column(
        "sessions",
        "Sessions - Total",
        "Sessions",
        "会话次数 – 总计",
        "会话 - 总计",
        "会话数 - 总计",
        "买家访问次数",
        "セッション数 - 合計",
        "セッション - 合計",
        "Sitzungen – Summe",
        *_local("sessions"),
        **_COUNT,
    ),
    column(
        "sessions_b2b",
        "Sessions - Total - B2B",
        "会话次数 – 总计 - B2B",
        "Sitzungen – Summe – B2B",
        *_local("sessions_b2b"),
        kind="int",
    ),
    column(
        "sessions_mobile",
        "Sessions - Mobile App",
        "会话次数 – 移动应用",
        "Sitzungen – mobile App",
        *_local("sessions_mobile"),
        kind="int",
    ),
    column(
        "sessions_browser",
        "Sessions - Browser",
        "会话次数 – 浏览器",
        "Sitzungen – Browser",
        *_local("sessions_browser"),
        kind="int",
    ),
    column(
        "session_pct",
        "Session Percentage - Total",
        "Session Percentage",
        "会话百分比 – 总计",
        *_local("session_pct"),
        kind="percent",
    ),
    column(
        "page_views",
        "Page Views - Total",
        "Page Views",
        "页面浏览量 – 总计",
        "ページビュー - 合計",
        "Seitenaufrufe – Summe",
        *_local("page_views"),
        **_COUNT,
    ),
    column(
        "page_views_b2b",
        "Page Views - Total - B2B",
        "页面浏览量 – 总计 - B2B",
        "Seitenaufrufe – Summe – B2B",
        *_local("page_views_b2b"),
        kind="int",
    ),
    column(
        "page_views_pct",
        "Page Views Percentage - Total",
        "Page Views Percentage",
        "页面浏览量百分比 – 总计",
        *_local("page_views_pct"),
        kind="percent",
    ),
    column(
        "buy_box_pct",
        "Featured Offer (Buy Box) Percentage",
        "Buy Box Percentage",
        "推荐报价（购买按钮）百分比",
        "推荐报价（推荐报价展示位）百分比",
        "おすすめ出品の獲得率",
        *_local("buy_box_pct"),
        kind="percent",
    ),
    column(
        "units_ordered",
        "Units Ordered",
        "已订购商品数量",
        "注文された商品点数",
        "Bestellte Einheiten",
        *_local("units_ordered"),
        **_COUNT,
    ),
    column(
        "units_ordered_b2b",
        "Units Ordered - B2B",
        "已订购商品数量 - B2B",
        "Bestellte Einheiten – B2B",
        *_local("units_ordered_b2b"),
        kind="int",
    ),
    column(
        "unit_session_pct",
        "Unit Session Percentage",
        "商品会话百分比",
        "订单商品数量转化率",
        "ユニットセッション率",
        *_local("unit_session_pct"),
        kind="percent",
    ),
    column(
        "ordered_sales",
        "Ordered Product Sales",
        "已订购商品销售额",
        "注文商品売上",
        "注文商品の売上額",
        "Durch bestellte Produkte erzielter Umsatz",
        *_local("ordered_sales"),
        kind="amount",
        required=True,
    ),
    column(
        "ordered_sales_b2b",
        "Ordered Product Sales - B2B",
        "已订购商品销售额 - B2B",
        "Bestellsumme – B2B",
        *_local("ordered_sales_b2b"),
        kind="amount",
    ),
    column(
        "total_order_items",
        "Total Order Items",
        "订单商品总数",
        "注文品目総数",
        "Zahl der Bestellposten",
        *_local("total_order_items"),
        **_COUNT,
    ),
    column(
        "total_order_items_b2b",
        "Total Order Items - B2B",
        "订单商品总数 - B2B",
        "Zahl der Bestellposten – B2B",
        *_local("total_order_items_b2b"),
        kind="int",
    ),
)
_KNOWN = {normalize_header(a) for c in _STORED for a in c.aliases}
#: The mobile / browser / B2B splits English files carry that the table has no column for.
_SPLITS = (
    f"{measure} - {split}{b2b}"
    for measure in ("Sessions", "Session Percentage", "Page Views", "Page Views Percentage")
    for split in ("Mobile App", "Browser", "Total")
    for b2b in ("", " - B2B")
)
COLUMNS: tuple[Column, ...] = (
    *_STORED,
    *(_ignored(name) for name in _SPLITS if normalize_header(name) not in _KNOWN),
    _ignored("Featured Offer (Buy Box) Percentage - B2B"),
    _ignored("Unit Session Percentage - B2B", "商品会话百分比 - B2B"),
    _ignored("Order Item Session Percentage"),
    _ignored("Order Item Session Percentage - B2B"),
    _ignored("会话百分比 – 移动应用"),
    _ignored("会话百分比 – 浏览器"),
    _ignored("页面浏览量 – 移动应用"),
    _ignored("页面浏览量 – 浏览器"),
    _ignored("页面浏览量百分比 – 移动应用"),
    _ignored("页面浏览量百分比 – 浏览器"),
    _ignored("Durchschnittlicher Umsatz/Bestellposten"),
    *(_ignored(name) for name in _KO_IGNORED),
)
#: Summed when one child ASIN appears on several rows (one row per SKU of the ASIN).
_ADDITIVE = (
    "sessions", "sessions_b2b", "sessions_mobile", "sessions_browser", "page_views",
    "page_views_b2b", "units_ordered", "units_ordered_b2b", "total_order_items",
    "total_order_items_b2b", "ordered_sales", "ordered_sales_b2b",
)  # fmt: skip


@dataclass(slots=True)
class TrafficRecords:
    #: (the row's ``Date``, or None) and child ASIN -> the row
    by_asin: dict[tuple[date | None, str], dict[str, Any]] = field(default_factory=dict)
    products: list[dict[str, Any]] = field(default_factory=list)


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row parsed and validated; rows repeating a child ASIN are summed into one."""
    dated = next((m.header for m in header_map.mapped if m.column.key == "row_day"), None)
    rows: Iterable[tuple[int, list[str]]] = table.rows
    readings = None
    if dated:  # its 05/11/2026 reads as the whole column and file say (``day_order``)
        rows = list(rows)
        readings = date_readings(table, header_map, rows)
    parser = RowParser(table.file_name, header_map, COLUMNS, readings)
    records = TrafficRecords()
    rows_read = 0
    for line, cells in rows:
        rows_read += 1
        row = parser.parse(line, cells)
        if dated and row["row_day"] is None:
            raise CellError(table.file_name, "expected a date, got an empty cell", line=line,
                            column=dated)  # fmt: skip
        key = (row["row_day"], row["child_asin"])
        seen = records.by_asin.get(key)
        if seen is None:
            records.by_asin[key] = row
        else:
            _add_into(seen, row)
        if row["sku"]:
            records.products.append(
                {"sku": row["sku"], "asin": row["child_asin"],
                 "parent_asin": row["parent_asin"], "title": row["title"]}
            )  # fmt: skip
    parsed = sales_parsed(records.by_asin.values(), rows_read, records)
    parsed.dated_rows = dated is not None
    return parsed


def sales_parsed(rows: Iterable[dict[str, Any]], rows_read: int, records: Any) -> Parsed:
    """A Business Report's parse result (any level), its currency read from the sales marks
    (``€``, ``￥``; a bare ``$`` says nothing: the store's marketplace decides)."""
    marks = (r["ordered_sales"].symbol for r in rows if r["ordered_sales"])
    mark = next((m for m in marks if m), None)
    currency = currency_for(mark, "") if mark and mark != "$" else None
    return Parsed(rows_read, records, currency=currency, currency_mark=mark)


def sales_totals(rows: Iterable[dict[str, Any]]) -> Totals:
    """``units`` ordered and ``sales`` (ordered product sales) of a Business Report's rows."""
    rows = list(rows)
    units = sum(r["units_ordered"] for r in rows)
    sales = sum((r["ordered_sales"].value for r in rows if r["ordered_sales"]), Decimal(0))
    return {"units": Decimal(units), "sales": sales}


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``units`` ordered and ``sales`` (ordered product sales) of the whole file."""
    return sales_totals(parsed.records.by_asin.values())


def _add_into(
    total: dict[str, Any], row: dict[str, Any], additive: tuple[str, ...] = _ADDITIVE
) -> None:
    # Percentages and the SKU stay those of the first row: whether Amazon repeats an ASIN's
    # traffic on each of its SKU rows is unverified (report-formats.md §11).
    for key in additive:
        a, b = total[key], row[key]
        if b is None:
            continue
        if a is None:
            total[key] = b
        elif isinstance(a, Amount):
            total[key] = Amount(a.value + b.value, a.symbol)
        else:
            total[key] = a + b


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    records: TrafficRecords = parsed.records
    currency = ctx.marketplace.currency
    rows = [_fact_row(ctx, row, currency) for row in records.by_asin.values()]
    if parsed.dated_rows:  # each row on its own day (a merged file's Date column)
        table: Table = SalesTrafficDaily.__table__  # type: ignore[assignment]
        result = upsert(ctx.session, table, rows, key=["store_id", "day", "child_asin"])
        catalog.upsert_products(session=ctx.session, store_id=ctx.store.id,
                                products=records.products)  # fmt: skip
        days = [row["day"] for row in rows]
        first, last = (min(days), max(days)) if days else (None, None)
        return LoadResult(result.inserted, result.updated, 0, first, last)
    if ctx.until is not None:  # totals over day .. until
        for row in rows:
            row["date_from"], row["date_to"] = row.pop("day"), ctx.until
        result = load_period(ctx, rows)
    else:
        table = SalesTrafficDaily.__table__  # type: ignore[assignment]
        result = upsert(ctx.session, table, rows, key=["store_id", "day", "child_asin"])
    catalog.upsert_products(session=ctx.session, store_id=ctx.store.id, products=records.products)
    removed = drop_absent(ctx, SalesTrafficDaily, SalesTrafficPeriod)
    notes = [absent_note(removed, "child", ctx)] if removed else []
    return LoadResult(result.inserted, result.updated, 0, ctx.day, ctx.until or ctx.day, notes)


def drop_absent(ctx: LoadContext, daily: Any, period: Any) -> int:
    """Remove the store's rows of the file's day (``daily``), or of exactly its range
    (``period``), that the file no longer holds; returns how many.

    A Business Report is the whole picture of the days it covers: an ASIN it does not list
    had no sessions and no orders then, so a row an earlier download left for it is stale.
    The rows just loaded carry this import's batch id; every other row of the same day (or
    the same range) is one the new file lacks. A range is kept as one period, never split:
    only the rows of the same range are replaced, never those of its days or of another,
    overlapping range (which hold other totals).
    """
    if ctx.day is None:
        return 0
    if ctx.until is None:
        model, where = daily, [daily.day == ctx.day]
    else:
        model = period
        where = [period.date_from == ctx.day, period.date_to == ctx.until]
    result = ctx.session.execute(
        delete(model).where(
            model.store_id == ctx.store.id,
            *where,
            model.import_batch_id.is_distinct_from(ctx.batch_id),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def absent_note(removed: int, level: str, ctx: LoadContext) -> str:
    """The import's note on the rows :func:`drop_absent` removed (``level``: child or
    parent)."""
    assert ctx.day is not None
    span = str(ctx.day) if ctx.until is None else f"{ctx.day} to {ctx.until}"
    days = "day" if ctx.until is None else "days"
    one = removed == 1
    return (
        f"{removed} {level} {'ASIN' if one else 'ASINs'} stored for {span} "
        f"{'is' if one else 'are'} not in this report and {'was' if one else 'were'} removed: "
        f"a Business Report is the whole picture of its {days}"
    )


def load_period(ctx: LoadContext, rows: list[dict[str, Any]]) -> UpsertResult:
    """Rows of ``sales_traffic_period`` (one range): upserted, so the same range imported
    again gives the same numbers."""
    table: Table = SalesTrafficPeriod.__table__  # type: ignore[assignment]
    key = ["store_id", "date_from", "date_to", "child_asin"]
    return upsert(ctx.session, table, rows, key=key)


def _fact_row(ctx: LoadContext, row: dict[str, Any], currency: str) -> dict[str, Any]:
    sales: Amount | None = row["ordered_sales"]
    sales_b2b: Amount | None = row["ordered_sales_b2b"]
    fact = dict(row)
    row_day = fact.pop("row_day", None)
    fact.update(
        store_id=ctx.store.id,
        day=row_day or ctx.day,
        ordered_sales=sales.value if sales else Decimal(0),
        ordered_sales_b2b=sales_b2b.value if sales_b2b else None,
        currency=currency_for(sales.symbol if sales else None, currency),
        import_batch_id=ctx.batch_id,
    )
    return fact


def batch_remover(*models: Any) -> Callable[[Session, int, int], int]:
    """A ``Family.forget`` for a report whose rows live in ``models`` (days and ranges): it
    removes the rows an earlier import (``batch_id``) of the store left, and says how many."""

    def forget(session: Session, store_id: int, batch_id: int) -> int:
        removed = 0
        for model in models:
            result = session.execute(
                delete(model).where(model.store_id == store_id, model.import_batch_id == batch_id)
            )
            removed += getattr(result, "rowcount", 0) or 0
        return removed

    return forget


forget = batch_remover(SalesTrafficDaily, SalesTrafficPeriod)


FAMILY = Family(
    name="business_report",
    title="Business Report (Detail Page Sales and Traffic By Child Item)",
    columns=COLUMNS,
    needs_day=True,
    ranges=True,
    parse=parse,
    load=load,
    totals=totals,
    forget=forget,
)
