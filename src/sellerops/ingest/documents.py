"""JSON report documents (SP-API ``GET_*`` documents) and gzip-compressed downloads.

A JSON document is recognised like any report: its *top-level keys* play the header row
(``reportSpecification``, ``salesAndTrafficByAsin``), so a family for a JSON document
declares those keys as its columns (:func:`json_family`) and reads ``Table.document``.
SP-API serves documents gzip-compressed (``compressionAlgorithm: GZIP``); a file saved that
way is inflated first, up to :data:`MAX_INFLATED_BYTES`.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sellerops.core.marketplaces import Marketplace, UnknownMarketplaceError, get_marketplace
from sellerops.ingest.errors import FileError
from sellerops.ingest.registry import (
    Column,
    Family,
    HeaderMap,
    LoadContext,
    LoadResult,
    Parsed,
    Totals,
)

if TYPE_CHECKING:
    from sellerops.ingest.reader import Table

MAX_INFLATED_BYTES = 1024 * 1024 * 1024
_CHUNK = 1024 * 1024


def gunzip(data: bytes, file_name: str) -> bytes:
    """The content of a gzip file (``.json.gz``, ``.csv.gz``); other bytes unchanged."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = 0
    try:
        chunk = data
        while chunk:
            part = inflater.decompress(chunk, _CHUNK)
            size += len(part)
            if size > MAX_INFLATED_BYTES:
                limit = MAX_INFLATED_BYTES // (1024 * 1024)
                raise FileError(
                    file_name, f"expands to more than {limit:,} MB; refused (too large, or a bomb)"
                )
            parts.append(part)
            chunk = inflater.unconsumed_tail
    except zlib.error as exc:
        raise FileError(file_name, f"is gzip-compressed but damaged: {exc}") from None
    if not inflater.eof:
        raise FileError(file_name, "is gzip-compressed but cut short")
    return b"".join(parts)


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def parse_json(text: str, file_name: str) -> Any:
    try:
        return json.loads(text, parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        raise FileError(
            file_name, f"is not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
        ) from None


def marketplaces_of(specification: dict[str, Any]) -> Counter[str]:
    """Marketplace codes of a document's ``reportSpecification.marketplaceIds``."""
    found: Counter[str] = Counter()
    for marketplace_id in specification.get("marketplaceIds") or []:
        try:
            found[get_marketplace(str(marketplace_id)).code] += 1
        except UnknownMarketplaceError:
            continue
    return found


def json_family(
    *,
    name: str,
    title: str,
    keys: tuple[str, ...],
    optional: tuple[str, ...] = (),
    parse: Callable[[Any, str], Parsed],
    load: Callable[[LoadContext, Parsed], LoadResult],
    totals: Callable[[Parsed, Marketplace], Totals] | None = None,
) -> Family:
    """A family for a JSON document with the top-level ``keys`` (and maybe ``optional``).

    ``parse`` gets the document (numbers kept as their text, so amounts stay exact) and the
    file's name for messages.
    """
    columns = tuple(Column(k, (), required=True) for k in keys) + tuple(
        Column(k, (), kind="ignore") for k in optional
    )

    def parse_table(table: Table, _header_map: HeaderMap) -> Parsed:
        if not isinstance(table.document, dict):
            raise FileError(table.file_name, f"a {title} is a JSON document, not a table")
        return parse(table.document, table.file_name)

    return Family(
        name,
        title,
        columns,
        needs_day=False,
        parse=parse_table,
        load=load,
        totals=totals,
        document=True,
    )
