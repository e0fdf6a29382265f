"""Brand Analytics search terms -> ``brand_search_term``: the Seller Central CSV and the SP-API
``GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT`` document (report-formats.md §7).

CSV, current layout: ``Search Frequency Rank``, ``Search Term``, ``Top Clicked Brand #1`` ..,
``Top Clicked Category #1`` .., ``Top Clicked Product #1: ASIN`` / ``: Product Title`` /
``: Click Share`` / ``: Conversion Share`` for #1-#3, ``Reporting Date``; legacy layout:
``Department``, ``Search Term``, ``Search Frequency Rank``, ``#1 Clicked ASIN``, ``#1 Product
Title``, ``#1 Click Share``, ``#1 Conversion Share``, ... Either may start with a metadata line
(``Reporting Range=["Weekly"]``, ``Viewing=["1/2/2022 - 1/8/2022"]``): the reader skips it,
and its dates and period word give the period. Without them, the period is the row's
``Reporting Date`` (start = end, period unknown). CSV shares are percentages (``48.94%``, or
``12`` meaning 12 %); the document's are fractions. Each wide CSV row becomes one row per
clicked product (#1-#3); ranks without an ASIN are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sellerops.ads.service import name_key
from sellerops.brand import service as brand
from sellerops.ingest import values
from sellerops.ingest.cells import RowParser
from sellerops.ingest.documents import json_family, marketplaces_of
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed, column
from sellerops.ingest.reports import _console

_PERIODS = {"daily": "DAY", "weekly": "WEEK", "monthly": "MONTH", "quarterly": "QUARTER"}
_DATE_TOKEN = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}")


def _share(text: str) -> Decimal:
    """``48.94%`` and ``48.94`` are both 48.94 % -> 0.4894."""
    stripped = text.strip()
    if stripped.endswith("%"):
        return values.parse_percent(stripped)
    return values.parse_decimal(stripped) / 100


def _ranked(n: int) -> tuple[Any, ...]:
    product = f"Top Clicked Product #{n}"
    return (
        column(f"asin{n}", f"{product}: ASIN", f"#{n} Clicked ASIN", kind="asin", required=n == 1),
        column(f"title{n}", f"{product}: Product Title", f"#{n} Product Title", max_len=500,
               truncate=True),
        column(f"click{n}", f"{product}: Click Share", f"#{n} Click Share", convert=_share),
        column(f"conversion{n}", f"{product}: Conversion Share", f"#{n} Conversion Share",
               convert=_share),
        column(f"brand{n}", f"Top Clicked Brand #{n}", f"Top Clicked Brands #{n}", max_len=255,
               truncate=True),
        column(f"category{n}", f"Top Clicked Category #{n}", f"Top Clicked Categories #{n}",
               max_len=255, truncate=True),
    )  # fmt: skip


COLUMNS = (
    column("rank", "Search Frequency Rank", kind="int", required=True, nonempty=True),
    column("term", "Search Term", required=True, nonempty=True, max_len=500, truncate=True),
    column("department", "Department", max_len=120, truncate=True),
    column("reporting_date", "Reporting Date"),  # a text until the file is judged (parse_csv)
    *_ranked(1),
    *_ranked(2),
    *_ranked(3),
)


@dataclass(frozen=True, slots=True)
class Period:
    kind: str | None
    start: date | None
    end: date | None


#: The reporting range above the header, as date columns of their own (``Viewing=["1/2/2022
#: - 1/8/2022"]``: its first and its last date), judged with ``Reporting Date``.
_RANGE = {"range_start": "Viewing", "range_end": "Viewing"}


def _preamble_range(preamble: list[list[str]]) -> list[dict[str, Any]]:
    """The first and last date of each preamble line that has some, as rows of texts."""
    found = []
    for line, cells in enumerate(preamble, start=1):
        tokens = [t for t in _DATE_TOKEN.findall(" ".join(cells)) if _some_date(t)]
        if tokens:
            found.append({"_line": line, "range_start": tokens[0], "range_end": tokens[-1]})
    return found


def _some_date(text: str) -> bool:
    """Whether a preamble token is a date read some way (others are left out)."""
    for order in ("dmy", "mdy"):
        try:
            values.parse_date(text, values.DateReading(order))
        except values.ValueFormatError:
            continue
        return True
    return False


def _preamble_period(preamble: list[list[str]], ranges: list[dict[str, Any]]) -> Period:
    """The period word and dates of the preamble (``ranges``: its dates, read)."""
    text = " ".join(" ".join(row) for row in preamble)
    kind = next((v for k, v in _PERIODS.items() if k in text.casefold()), None)
    days = [r[k] for r in ranges for k in _RANGE]
    return Period(kind, min(days, default=None), max(days, default=None))


def parse_csv(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row; ``05/11/2026`` in ``Reporting Date`` and the reporting range read as the
    whole file says (``day_order``)."""
    parser = RowParser(table.file_name, header_map, COLUMNS)
    headers = {m.column.key: m.header for m in header_map.mapped}
    parsed = []
    for line, cells in table.rows:
        row = parser.parse(line, cells)
        row["_line"] = line
        parsed.append(row)
    ranges = _preamble_range(table.preamble)
    dates = {**_RANGE, "reporting_date": headers.get("reporting_date", "Reporting Date")}
    _console.settle_dates(table.file_name, [*ranges, *parsed], dates)
    period = _preamble_period(table.preamble, ranges)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    rows_read = 0
    for row in parsed:
        rows_read += 1
        line = row["_line"]
        start, end = period.start or row["reporting_date"], period.end or row["reporting_date"]
        if start is None or end is None:
            raise FileError(
                table.file_name,
                'has no "Reporting Date" and no reporting range above its header: '
                "download it again from Brand Analytics",
                line=line,
            )
        when = Period(period.kind, start, end)
        for n in (1, 2, 3):
            if row[f"asin{n}"]:
                record = _record(
                    when, row["department"] or "", row["term"], row["rank"], n, row[f"asin{n}"],
                    product_title=row[f"title{n}"], click_share=row[f"click{n}"],
                    conversion_share=row[f"conversion{n}"], top_brand=row[f"brand{n}"],
                    top_category=row[f"category{n}"],
                )  # fmt: skip
                _add(rows, record, table.file_name, f"line {line}")
    return Parsed(rows_read, list(rows.values()))


def _record(
    period: Period,
    department: str,
    term: str,
    rank: int,
    click_rank: int,
    asin: str,
    **facts: Any,
) -> dict[str, Any]:
    """One stored row; ``facts``: product_title, click_share, conversion_share, top_brand,
    top_category."""
    return {
        "period": period.kind, "period_start": period.start, "period_end": period.end,
        "department_key": name_key(department, 120), "department": department[:120],
        "term_key": name_key(term), "term": term[:500], "search_frequency_rank": rank,
        "click_rank": click_rank, "clicked_asin": asin, "product_title": None,
        "click_share": None, "conversion_share": None, "top_brand": None, "top_category": None,
        **facts,
    }  # fmt: skip


def _add(rows: dict[tuple[Any, ...], dict[str, Any]], record: dict[str, Any], file: str,
         where: str) -> None:  # fmt: skip
    key = tuple(record[k] for k in brand.SEARCH_TERM_KEY[1:])
    if key in rows:
        raise FileError(
            file,
            f"{where}: search term {record['term']!r} has click rank {record['click_rank']} "
            "twice for the same department and period",
        )
    rows[key] = record


def parse_document(document: dict[str, Any], file_name: str) -> Parsed:
    spec = document.get("reportSpecification")
    if not isinstance(spec, dict):
        raise FileError(file_name, "expected an object", column="reportSpecification")
    try:
        start = _console.parse_date(str(spec.get("dataStartTime", ""))[:10])
        end = _console.parse_date(str(spec.get("dataEndTime", ""))[:10])
    except values.ValueFormatError as exc:
        raise FileError(file_name, str(exc), column="reportSpecification.dataStartTime") from None
    kind = str((spec.get("reportOptions") or {}).get("reportPeriod") or "").upper() or None
    items = document.get("dataByDepartmentAndSearchTerm") or []
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        where = f"dataByDepartmentAndSearchTerm[{index}]"
        if not isinstance(item, dict):
            raise FileError(file_name, "expected an object", column=where)
        title = item.get("clickedItemName")
        record = _record(
            Period(kind, start, end),
            str(item.get("departmentName") or ""),
            _text(item, "searchTerm", file_name, where),
            _int(item, "searchFrequencyRank", file_name, where),
            _int(item, "clickShareRank", file_name, where),
            _text(item, "clickedAsin", file_name, where).upper()[:16],
            product_title=str(title)[:500] if title else None,
            click_share=_fraction(item, "clickShare", file_name, where),
            conversion_share=_fraction(item, "conversionShare", file_name, where),
        )
        _add(rows, record, file_name, where)
    return Parsed(len(items), list(rows.values()), marketplaces=marketplaces_of(spec))


def _text(item: dict[str, Any], key: str, file_name: str, where: str) -> str:
    value = str(item.get(key) or "").strip()
    if not value:
        raise FileError(file_name, "expected a value, got nothing", column=f"{where}.{key}")
    return value


def _int(item: dict[str, Any], key: str, file_name: str, where: str) -> int:
    try:
        return values.parse_int(_text(item, key, file_name, where))
    except values.ValueFormatError as exc:
        raise FileError(file_name, str(exc), column=f"{where}.{key}") from None


def _fraction(item: dict[str, Any], key: str, file_name: str, where: str) -> Decimal | None:
    if item.get(key) is None:
        return None
    try:
        return values.parse_decimal(str(item[key]))
    except values.ValueFormatError as exc:
        raise FileError(file_name, str(exc), column=f"{where}.{key}") from None


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows = [
        {**r, "store_id": ctx.store.id, "import_batch_id": ctx.batch_id} for r in parsed.records
    ]
    result = brand.store_search_terms(session=ctx.session, rows=rows)
    start = min((r["period_start"] for r in rows), default=None)
    end = max((r["period_end"] for r in rows), default=None)
    return LoadResult(result.inserted, result.updated, 0, start, end)


FAMILIES = (
    Family(
        name="brand_search_terms",
        title="Brand Analytics Search Terms (CSV)",
        columns=COLUMNS,
        needs_day=False,
        parse=parse_csv,
        load=load,
    ),
    json_family(
        name="brand_search_terms_json",
        title="SP-API Brand Analytics Search Terms report (JSON)",
        keys=("reportSpecification", "dataByDepartmentAndSearchTerm"),
        parse=parse_document,
        load=load,
    ),
)
