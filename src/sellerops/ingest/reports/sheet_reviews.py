"""Product reviews -> review: the reviews sheet, and Helium 10's review export.

Amazon has no report with review text (report-formats.md section 8), so reviews come from
the operator's sheet (``sellerops template reviews``) or a review tool's CSV export.

Helium 10 (Review Insights / review downloader) export: 12 columns, ``Date, Author,
Verified, Helpful, Title, Body, Rating, Images, Videos, URL, Variation, Style``, with the
ASIN in the file name (``B00TZ73MUY  Product name  20250522.csv``). This layout comes from
one third-party parser found by code search, not from Helium 10's documentation: treat it
as unverified. The ASIN is taken from the review URL when it has one, else from the file
name; the review id from the URL (``/customer-reviews/R...``), else a stable id is made
from the review's own fields, so a re-import matches the same rows.

A review is keyed by its review id; importing it again updates it (a later export may carry
more helpful votes). ``reviewer_name`` is personal data and stays in its own column.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import PurePosixPath

from sellerops.ingest import templates
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
from sellerops.ingest.reports._fact_rows import (
    LINE,
    Row,
    check_unique,
    finish,
    parse_count,
    read_rows,
    reads_dates,
    store,
)
from sellerops.ingest.reports._sheet_values import parse_rating
from sellerops.ingest.values import DateFormatError, ValueFormatError, parse_date
from sellerops.reviews.models import Review

TEMPLATE = templates.REVIEWS
SHEET_COLUMNS = templates.columns(TEMPLATE)
_SHEET_FIELDS = ("review_id", "asin", "review_day", "rating", "title", "body", "verified",
                 "reviewer_name", "source")  # fmt: skip


def parse_sheet(table: FileTable, header_map: HeaderMap) -> Parsed:
    parsed = read_rows(table, header_map, SHEET_COLUMNS, {"rating": parse_rating})
    for row in parsed.records:
        row.update(review_day=row["date"], reviewer_name=row["reviewer"], source="sheet")
    check_unique(table.file_name, parsed.records, ("review_id",), "review id")
    return parsed


def load_reviews(fields: tuple[str, ...]) -> Callable[[LoadContext, Parsed], LoadResult]:
    """The load step of a review layout that fills ``fields``."""

    def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
        rows = parsed.records
        counted = store(ctx, Review, rows, ("review_id",), fields)
        return finish(LoadResult(), counted, (r["review_day"] for r in rows))

    return load


H10_COLUMNS: tuple[Column, ...] = (
    column("date", "Date", required=True, nonempty=True),
    column("reviewer_name", "Author", required=True, max_len=200, truncate=True),
    column("verified", "Verified", required=True),
    column("helpful_votes", "Helpful", required=True),
    column("title", "Title", required=True, max_len=500, truncate=True),
    column("body", "Body", required=True),
    column("rating", "Rating", required=True, nonempty=True),
    column("url", "URL"),
    column("variation", "Variation"),
    column("style", "Style"),
    Column("~images", ("Images",), kind="ignore"),
    Column("~videos", ("Videos",), kind="ignore"),
)
_H10_FIELDS = (*_SHEET_FIELDS, "helpful_votes", "variation")
_ASIN_IN_NAME = re.compile(r"(?<![A-Z0-9])(B0[A-Z0-9]{8}|\d{9}[\dX])(?![A-Z0-9])")
_ASIN_IN_URL = re.compile(r"(?:/dp/|/product-reviews/|[?&]ASIN=)([A-Z0-9]{10})(?![A-Z0-9])")
_REVIEW_ID_IN_URL = re.compile(r"/customer-reviews/([A-Z0-9]{8,20})")
_NOT_VERIFIED = ("", "no", "n", "false", "0", "unverified")


@reads_dates
def parse_review_date(text: str) -> date:
    """``January 15, 2024`` / ``Jan 15, 2024`` / ``Reviewed in the United States on
    January 15, 2024`` / ``15 January 2024`` / the numeric forms of :func:`parse_date`."""
    stripped = text.strip()
    if " on " in stripped:
        stripped = stripped.rsplit(" on ", 1)[1]
    for form in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(stripped, form).date()
        except ValueError:
            continue
    try:
        return parse_date(stripped)
    except DateFormatError:
        raise ValueFormatError(text, "a date, like January 15, 2024 or 2024-01-15") from None


def parse_h10(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters = {"date": parse_review_date, "rating": parse_rating,
                  "helpful_votes": parse_count,
                  "verified": lambda text: text.strip().lower() not in _NOT_VERIFIED}  # fmt: skip
    parsed = read_rows(table, header_map, H10_COLUMNS, converters)
    named = set(_ASIN_IN_NAME.findall(PurePosixPath(table.file_name).name.upper()))
    for row in parsed.records:
        _fill_h10(table.file_name, row, named)
    check_unique(table.file_name, parsed.records, ("review_id",), "review id")
    return parsed


def _fill_h10(file_name: str, row: Row, named: set[str]) -> None:
    url = row["url"] or ""
    in_url = _ASIN_IN_URL.search(url)
    if in_url is None and len(named) != 1:
        raise FileError(file_name, "cannot tell which ASIN the review is of: keep the ASIN at "
                        "the start of the file name, as Helium 10 names its exports "
                        '("B00TZ73MUY  Product name  20250522.csv")', line=row[LINE])  # fmt: skip
    row["asin"] = in_url[1] if in_url else next(iter(named))
    review_id = _REVIEW_ID_IN_URL.search(url)
    row["review_id"] = review_id[1] if review_id else _made_up_id(row)
    variation = " / ".join(v for v in (row["variation"], row["style"]) if v)
    row.update(variation=variation[:200] or None, review_day=row["date"], source="helium10")
    row["verified"] = bool(row["verified"])  # an empty cell: not a verified purchase


def _made_up_id(row: Row) -> str:
    """A stable id from what the review says, for exports without review links."""
    parts = (row["asin"], row["date"].isoformat(), row["reviewer_name"] or "",
             row["title"] or "", row["body"] or "")  # fmt: skip
    return "h10-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


FAMILIES: tuple[Family, ...] = (
    Family(
        name=TEMPLATE.family,
        title="Reviews sheet",
        columns=SHEET_COLUMNS,
        needs_day=False,
        parse=parse_sheet,
        load=load_reviews(_SHEET_FIELDS),
    ),
    Family(
        name="helium10_reviews",
        title="Helium 10 review export",
        columns=H10_COLUMNS,
        needs_day=False,
        parse=parse_h10,
        load=load_reviews(_H10_FIELDS),
    ),
)
