"""Excel workbooks (.xlsx; Excel 97-2003 .xls) -> rows of text, as a CSV export would hold.

The Ads console's default download is XLSX, and bulk files are workbooks with one tab per
ad product. Cells are turned into the text a CSV export would have, so every family parses
both the same way: numbers as plain decimal text (``1234.56``, ``12``; rates stay fractions,
``0.004``, which the percent parser reads as a fraction), dates as ISO ``2024-04-01``, a
date and time as a person reads it, ``2026-11-03 10:21`` (no ``T``; seconds when there are
any), booleans as ``true``/``false``.

python-calamine (Rust) reads the XML: no external entities, no macros. A workbook is a zip
archive, so before it is opened every member is inflated once, counting bytes, and a workbook
that inflates beyond :data:`MAX_INFLATED_BYTES` (a zip bomb, or simply too big) is refused.
The sizes the archive declares are not trusted; the deflate streams are measured. An .xls
(OLE2 compound file, read by calamine's BIFF reader) is not compressed: the import's file size
limit bounds it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from sellerops.ingest.errors import FileError

#: Everything a workbook may inflate to. A million-row search term report is ~300 MB of XML.
MAX_INFLATED_BYTES = 768 * 1024 * 1024
MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra length


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    #: (Excel row number, cells as text), blank rows and trailing empty cells left out
    rows: list[tuple[int, list[str]]]


#: The OLE2 compound-file signature of an Excel 97-2003 workbook (.xls)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_workbook(data: bytes) -> bool:
    """A zip archive holding ``xl/workbook.xml`` (an .xlsx / .xlsm file), or an Excel 97-2003
    workbook (.xls, an OLE2 compound file: the "Excel" download of older consoles and tools)."""
    if data.startswith(_OLE2_MAGIC):
        return True
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def read_sheets(data: bytes, file_name: str) -> list[Sheet]:
    """Every worksheet, in workbook order, with its non-blank rows as text."""
    if not data.startswith(_OLE2_MAGIC):  # .xls is not compressed: the file size limit holds
        _check_size(data, file_name)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            first_row = sheet.start[0] if sheet.start else 0
            rows = [
                (first_row + i + 1, cells)
                for i, row in enumerate(sheet.iter_rows())
                if (cells := _trimmed([cell_text(v) for v in row]))
            ]
            sheets.append(Sheet(meta.name, rows))
        return sheets
    except CalamineError as exc:
        raise FileError(file_name, f"is not a readable Excel workbook: {exc}") from None


def _trimmed(cells: list[str]) -> list[str]:
    """Without the empty cells calamine pads a row with up to the sheet's width."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def cell_text(value: object) -> str:
    """A cell as a CSV export would show it (see the module docstring)."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        shown = "minutes" if value.second == value.microsecond == 0 else "auto"
        return value.isoformat(sep=" ", timespec=shown)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _number_text(value: float) -> str:
    """Excel keeps 15 significant digits: ``0.30000000000000004`` is the ``0.3`` it shows."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(format(value, ".15g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_size(data: bytes, file_name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise FileError(file_name, f"is a workbook with {len(members)} parts; too many")
            budget = MAX_INFLATED_BYTES
            for info in members:
                budget -= _inflated_size(data, info, budget, file_name)
    except (zipfile.BadZipFile, zlib.error, struct.error, OSError) as exc:
        raise FileError(file_name, f"is not a readable Excel workbook: {exc}") from None


def _inflated_size(data: bytes, info: zipfile.ZipInfo, budget: int, file_name: str) -> int:
    """The real size of one member, by inflating it; refuses once ``budget`` is exceeded."""
    start = info.header_offset
    signature, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, start)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"damaged entry {info.filename!r}")
    offset = start + _LOCAL_HEADER.size + name_len + extra_len
    payload = memoryview(data)[offset : offset + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        size = len(payload)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        size = _inflate_counting(payload, budget)
    else:
        raise FileError(file_name, f"uses an unsupported compression in {info.filename!r}")
    if size > budget:
        limit = MAX_INFLATED_BYTES // (1024 * 1024)
        raise FileError(
            file_name,
            f"is a workbook that expands to more than {limit} MB; refused (it may be a zip "
            "bomb). Export a shorter date range, or save it as CSV",
        )
    return size


def _inflate_counting(payload: memoryview, budget: int) -> int:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    for start in range(0, len(payload), _CHUNK):
        chunk: bytes = payload[start : start + _CHUNK].tobytes()
        while chunk and size <= budget:
            size += len(inflater.decompress(chunk, _CHUNK))
            chunk = inflater.unconsumed_tail
        if size > budget:
            return size
    return size + len(inflater.flush())
