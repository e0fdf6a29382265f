"""The exchange-rates sheet (``sellerops template exchange-rates``) -> exchange_rate.

One row per day and currency pair: one ``from_currency`` buys ``rate`` ``to_currency``.
A pair repeated for one day is an error; a later sheet with the same day corrects the rate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sellerops.finance.models import ExchangeRate
from sellerops.ingest import templates
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import LINE, check_unique, finish, read_rows, store
from sellerops.ingest.reports._sheet_values import parse_currency, positive

TEMPLATE = templates.EXCHANGE_RATES
COLUMNS = templates.columns(TEMPLATE)
_KEY = ("day", "from_currency", "to_currency")


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Callable[[Any], Any]] = {"from_currency": parse_currency, "to_currency": parse_currency,
                  "rate": positive}  # fmt: skip
    parsed = read_rows(table, header_map, COLUMNS, converters)
    for row in parsed.records:
        row["day"] = row["date"]
        if row["from_currency"] == row["to_currency"]:
            raise FileError(table.file_name, f"converts {row['from_currency']} into itself",
                            line=row[LINE])  # fmt: skip
    check_unique(table.file_name, parsed.records, _KEY, "date and currency pair")
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows = parsed.records
    counted = store(ctx, ExchangeRate, rows, _KEY, (*_KEY, "rate"))
    return finish(LoadResult(), counted, (r["day"] for r in rows))


FAMILY = Family(
    name=TEMPLATE.family,
    title="Exchange rates sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
