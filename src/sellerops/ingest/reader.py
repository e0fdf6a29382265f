"""Bytes -> rows: encoding detection, delimiter sniffing and CSV/TSV parsing with line numbers.

Encodings follow what Amazon files really come in (report-formats.md §0.3): a BOM decides;
else UTF-8 (strict); else cp932 when the text reads as Japanese; else GB18030 when it reads as
Chinese; else cp1252. Nothing is ever decoded with replacement characters: a file that fits
none of them is rejected. In a cp932 file a backslash before a number is the yen sign
Shift-JIS writes as byte 0x5C (``\\12,345`` is ¥12,345).

The header is the first row a report family knows, within the first few rows (Brand Analytics
exports start with a metadata line, kept as ``Table.preamble``); when none is known, the
first row. Excel workbooks (``xlsx``), JSON report documents (``documents``) and gzip'd
files are read here too, into the same :class:`Table`.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sellerops.ingest import documents, registry, xlsx
from sellerops.ingest.errors import DecodeError, EmptyFileError, FileError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE_CHARS = 200_000
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_DELIMITERS = ("\t", ",", ";")
_PREAMBLE_ROWS = 10  # rows above the header that are looked through for it


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


@dataclass(slots=True)
class Table:
    """The header row and an iterator over the data rows as (line number, cells)."""

    file_name: str
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    rows: Iterator[tuple[int, list[str]]]
    #: rows above the header (report metadata, e.g. ``Reporting Range=["Weekly"]``)
    preamble: list[list[str]] = field(default_factory=list)
    #: a JSON document (its top-level keys are then the header)
    document: Any = None
    #: the other sheets of a workbook whose header some family knows (bulk files)
    sheets: list[Table] = field(default_factory=list)
    #: a delimited file's bytes when they are its text in UTF-8, and its whole text when it
    #: had to be decoded whole (another encoding, a repaired one): the column-wise bulk path,
    #: ``ingest.columnar``, reads the bytes (else the text, encoded) again in chunks. A file
    #: in plain UTF-8 has ``raw`` only: its text is never held whole (``read_table``).
    text: str | None = None
    raw: bytes | None = None


def decode(data: bytes, file_name: str) -> Decoded:
    """Turn a file's bytes into text, choosing the encoding as the module docstring says."""
    if data.startswith(b"PK\x03\x04"):
        raise DecodeError(file_name, _zip_problem(data))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, codec, file_name), codec)
    try:
        return _utf8(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc, file_name)
    if b"\x00" in data:
        raise DecodeError(file_name, "this is a binary file, not a report in text form")
    return _legacy(data, file_name)


def _zip_problem(data: bytes) -> str:
    if b"[Content_Types].xml" in data[:4096] or b"xl/" in data[:4096]:
        return (
            "this is an Excel workbook that cannot be read (damaged, or not .xlsx): open it in "
            "Excel and save it again as .xlsx, or as CSV (UTF-8), and import that"
        )
    return (
        "this is a zip archive in a place only a report file can be: import the archive itself "
        "with `sellerops import ARCHIVE.zip`, or unpack it first"
    )


def _legacy(data: bytes, file_name: str) -> Decoded:
    """cp932 or GB18030 when the text reads as Japanese / Chinese, else Windows-1252."""
    for codec, plausible in (("cp932", reads_japanese), ("gb18030", reads_chinese)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible(text[:_SAMPLE_CHARS]):
            return Decoded(text, codec)
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        raise _undecodable(data, file_name) from None


_CODEC_NAMES = {"utf-8": "UTF-8", "cp932": "Shift-JIS/cp932", "gb18030": "GB18030"}


def _undecodable(data: bytes, file_name: str) -> DecodeError:
    """Where a file fits no encoding: the first byte that the encoding reading furthest
    into it (the file's own, most likely, with lines of another pasted in) cannot read."""
    plausible = {"utf-8": lambda _: True, "cp932": reads_japanese, "gb18030": reads_chinese}
    stops = []
    for codec, name in _CODEC_NAMES.items():
        try:
            data.decode(codec)
        except UnicodeDecodeError as exc:
            lines_before = data[: data.rfind(b"\n", 0, exc.start) + 1]
            prefix = lines_before.decode(codec, errors="ignore")[:_SAMPLE_CHARS]
            stops.append((plausible[codec](prefix), exc.start, name))
    _, at, name = max(stops)
    tried = "cannot be read as text (tried UTF-8, Shift-JIS/cp932, GB18030 and Windows-1252)"
    pasted = _utf8_line(data, at) if name != "UTF-8" else None
    if pasted is not None:  # a line in UTF-8 among lines of another encoding
        at = pasted
    line_start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, at) + 1
    column, shown = at - line_start + 1, f"0x{data[at]:02X}"
    byte = f"byte {column} of the line ({shown})"
    if pasted is not None:
        problem = (
            f"{tried}: the line is in UTF-8 from byte {column} ({shown}) on, but the lines "
            f"before it are in "
            f"{name}; the file mixes two encodings: save it as UTF-8 and import it again"
        )
    elif data[:line_start].isascii():  # the lines before it say no encoding
        problem = f"{tried}: {byte} fits none of them; save it as UTF-8 and import it again"
    else:
        problem = (
            f"{tried}: {byte} is not {name}, which the lines before it are in; the file may "
            "mix two encodings: save it as UTF-8 and import it again"
        )
    return DecodeError(file_name, problem, line=line)


def _utf8_line(data: bytes, stop: int) -> int | None:
    """Where UTF-8 starts in a file of a legacy encoding that cannot read ``stop``: in the
    first line up to it that is all UTF-8 (and not plain ASCII), or in the line of ``stop``
    itself (a cell pasted from another file). The legacy encoding may read UTF-8 as
    mojibake for a while before it stumbles."""
    end = data.find(b"\n", stop)
    start = 0
    for raw in data[: len(data) if end < 0 else end].split(b"\n"):
        if not raw.isascii():
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return start + next(i for i, b in enumerate(raw) if b >= 0x80)
        start += len(raw) + 1
    # a UTF-8 cell in the line it stumbles on: two UTF-8 characters in a row, before it
    line_start = data.rfind(b"\n", 0, stop) + 1
    found = _UTF8_RUN.search(data, line_start, stop + 4)
    return found.start() if found is not None else None


_UTF8_RUN = re.compile(rb"(?:" + _UTF8_SEQUENCE.pattern + rb"){2,}")


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, file_name: str) -> None:
    """A file that is mostly UTF-8 but has a broken byte is damaged, not in another encoding:
    reading it as cp1252 or GB18030 would turn every accented or CJK letter into mojibake."""
    sample = data[: _SAMPLE_CHARS * 4]
    high = sum(1 for b in sample if b >= 0x80)
    in_utf8 = sum(len(m) for m in _UTF8_SEQUENCE.findall(sample))
    if high and in_utf8 * 2 > high:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(
            file_name,
            f"is UTF-8 but has an invalid byte (0x{data[exc.start]:02X}); "
            "the file may be truncated or damaged",
            line=line,
        )


def _strict(data: bytes, codec: str, file_name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            file_name, f"starts with a {codec} byte-order mark but is not valid {codec}: {exc}"
        ) from None


def _utf8(text: str) -> Decoded:
    """Undo one round of UTF-8 read as Windows-1252 (``â‚¹`` -> ``₹``) when it round-trips."""
    if text.isascii():
        return Decoded(text, "utf-8")
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return Decoded(text, "utf-8")
    return Decoded(repaired, "utf-8 (repaired double encoding)")


def reads_japanese(text: str) -> bool:
    """Kana present and not outnumbered by half-width katakana (what GBK read as cp932 gives)."""
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    halfwidth = sum(1 for c in text if "\uff61" <= c <= "\uff9f")
    return kana > 0 and kana >= halfwidth


def reads_chinese(text: str) -> bool:
    """Most double-byte characters have a high trail byte, as GB2312 text does.

    Latin-1 text read as GB18030 pairs an accented letter with the ASCII letter after it,
    so its characters mostly end in a byte below 0x80.
    """
    wide = low_trail = 0
    for char in text:
        if char.isascii():
            continue
        encoded = char.encode("gb18030")
        wide += 1
        low_trail += len(encoded) == 2 and encoded[1] < 0x80
    return wide > 0 and low_trail * 5 <= wide


def sniff_delimiter(line: str) -> str:
    """Tab, comma or semicolon: whichever the header line has most of (comma if none)."""
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(data: bytes, file_name: str) -> Table:
    """Decode, sniff the delimiter, and split off the header (see the module docstring).

    A UTF-8 file that reads as it is (no double encoding to repair, not JSON) is not
    decoded whole: its rows are decoded a chunk at a time (:func:`_utf8_lines`) and the bulk
    path reads its bytes (``Table.raw``; ``Table.text`` is None), so a 600 MB file costs its
    bytes, not its bytes and its text again."""
    data = documents.gunzip(data, file_name)
    if xlsx.is_workbook(data):
        return _workbook_table(data, file_name)
    start = _plain_utf8(data)
    if start is not None and not _starts_like_json(data, start):
        encoding = "utf-8-sig" if start else "utf-8"
        return _delimited(file_name, encoding, lambda: _utf8_lines(data, start), None, data)
    decoded = decode(data, file_name)
    text = _yen_signs(decoded.text) if decoded.encoding == "cp932" else decoded.text
    if documents.looks_like_json(text):
        document = documents.parse_json(text, file_name)
        keys = list(document) if isinstance(document, dict) else []
        return Table(file_name, decoded.encoding, "json", keys, 1, iter(()), document=document)
    raw = data if decoded.encoding in ("utf-8", "utf-8-sig") else None
    return _delimited(file_name, decoded.encoding, lambda: _lines(text), text, raw)


def _delimited(
    file_name: str,
    encoding: str,
    lines: Callable[[], Iterator[str]],
    text: str | None,
    raw: bytes | None,
) -> Table:
    """A delimited file's table; ``lines`` gives its lines afresh each time it is called."""
    first = [ln for ln in itertools.islice(lines(), 50) if ln.strip()]
    delimited = (ln for ln in first if any(d in ln for d in _DELIMITERS))
    delimiter = sniff_delimiter(next(delimited, first[0] if first else ""))
    header_line, header, preamble, rows = _split_header(
        _records(lines(), delimiter, file_name), file_name
    )
    return Table(
        file_name, encoding, delimiter, header, header_line, rows, preamble, text=text, raw=raw
    )


#: How much of a UTF-8 file is checked or decoded at a time (its whole text is never held).
_DECODE_CHUNK = 4 * 1024 * 1024


def _plain_utf8(data: bytes) -> int | None:
    """Where the text of ``data`` starts (3: past a UTF-8 byte-order mark) when it is valid
    UTF-8 that reads as it is; None otherwise (not UTF-8, damaged, another BOM, or UTF-8
    read once as Windows-1252 that :func:`_utf8` repairs), for :func:`decode` to handle.
    Checked a chunk at a time: nothing the size of the file is made."""
    if data.startswith(b"PK\x03\x04"):
        return None
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if data.isascii():
        return start
    check = codecs.getincrementaldecoder("utf-8")()
    repair = None if start else codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for at in range(start, len(data), _DECODE_CHUNK):
            last = at + _DECODE_CHUNK >= len(data)
            piece = check.decode(view[at : at + _DECODE_CHUNK], final=last)
            if repair is not None and _cannot_repair(repair, piece, last):
                repair = None
    except UnicodeDecodeError:
        return None
    return None if repair is not None else start


def _cannot_repair(repair: codecs.IncrementalDecoder, piece: str, last: bool) -> bool:
    """Whether ``piece`` shows the text is not UTF-8 read as Windows-1252 (what ``_utf8``
    undoes): it has a character cp1252 lacks, or its cp1252 bytes are not UTF-8."""
    try:
        repair.decode(piece.encode("cp1252"), final=last)
    except UnicodeError:
        return True
    return False


def _starts_like_json(data: bytes, start: int) -> bool:
    """Whether the text looks like a JSON document (or starts with nothing but blank space,
    which ``decode``'s way handles as it always did)."""
    head = data[start : start + 4096].decode("utf-8", errors="ignore")
    return not head.strip() or documents.looks_like_json(head)


def _utf8_lines(data: bytes, start: int) -> Iterator[str]:
    """The lines of UTF-8 ``data`` from byte ``start``, as :func:`_lines` gives the lines of
    its text, decoded a chunk at a time. A chunk ends after its last line break (not after
    a final CR, which may be the first half of a CRLF); the rest is carried into the next."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    carry = ""
    for at in range(start, len(data), _DECODE_CHUNK):
        text = carry + decoder.decode(view[at : at + _DECODE_CHUNK])
        end = len(text) - text.endswith("\r")
        cut = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
        if cut:
            yield from _lines(text[:cut])
        carry = text[cut:]
    yield from _lines(carry + decoder.decode(b"", final=True))


#: A backslash starting a number (``"\\12,345"``, ``-\\1,000``): in Shift-JIS the byte 0x5C is
#: the half-width yen sign, which cp932 decodes as a backslash.
_BACKSLASH_YEN = re.compile(r"(?:(?<=^)|(?<=[\"\t,;(\-]))\\(?=\d)", re.MULTILINE)


def _yen_signs(text: str) -> str:
    """A Japanese file's half-width yen signs, given back as ``¥`` (``\\12,345`` -> ¥12,345)."""
    return _BACKSLASH_YEN.sub("¥", text) if "\\" in text else text


Rows = Iterator[tuple[int, list[str]]]


def _split_header(rows: Rows, file_name: str) -> tuple[int, list[str], list[list[str]], Rows]:
    """The header row (line, cells), the rows above it, and the rows after it."""
    first = next(rows, None)
    if first is None:
        raise EmptyFileError(file_name, "the file is empty")
    if registry.recognises(first[1]):
        return first[0], first[1], [], rows
    peeked = [first]
    for line, cells in itertools.islice(rows, _PREAMBLE_ROWS):
        if registry.recognises(cells):
            return line, cells, [c for _, c in peeked], rows
        peeked.append((line, cells))
    return first[0], first[1], [], itertools.chain(peeked[1:], rows)


def _workbook_table(data: bytes, file_name: str) -> Table:
    """The first sheet holding a known report; the other such sheets in ``Table.sheets``."""
    sheets = xlsx.read_sheets(data, file_name)
    tables = []
    for sheet in sheets:
        label = file_name if len(sheets) == 1 else f'{file_name}, sheet "{sheet.name}"'
        if sheet.rows:
            line, header, preamble, rows = _split_header(iter(sheet.rows), label)
            tables.append(Table(label, "xlsx", "", header, line, rows, preamble))
    known = [t for t in tables if registry.recognises(t.header)] or tables[:1]
    if not known:
        raise EmptyFileError(file_name, "the workbook has no rows")
    known[0].sheets = known[1:]
    return known[0]


def _records(
    text: str | Iterator[str], delimiter: str, file_name: str
) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on (a quoted field may span lines).

    Tab-separated flat files are not quoted by Amazon, and product names may start with a
    ``"``, so TSV is read without quote handling; a field wholly wrapped in quotes (as a
    spreadsheet writes it) is unwrapped afterwards.
    """
    tsv = delimiter == "\t"
    read: list[str] = []  # the lines of the record being read (for a too large cell's size)
    stream = _kept(_lines(text) if isinstance(text, str) else text, read)
    if tsv:
        reader = csv.reader(stream, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(stream, delimiter=delimiter)
    start = 1
    header: list[str] | None = None
    try:
        for cells in reader:
            read.clear()
            line, start = start, reader.line_num + 1
            joined = "".join(cells)
            if not joined.strip():
                continue
            if header is None:
                header = cells
            yield line, [_unquote(c) for c in cells] if tsv and '"' in joined else cells
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _too_large(file_name, "".join(read), delimiter, header, start) from None
        raise FileError(file_name, f"cannot be split into columns: {exc}", line=start) from None


def _kept(lines: Iterator[str], read: list[str]) -> Iterator[str]:
    for line in lines:
        read.append(line)
        yield line


def _too_large(
    file_name: str, record: str, delimiter: str, header: list[str] | None, line: int
) -> FileError:
    """The error for a cell above csv's size limit: how big, and in which column."""
    limit = csv.field_size_limit()
    if delimiter == "\t":
        cells = record.rstrip("\r\n").split("\t")
    else:
        try:
            csv.field_size_limit(max(limit, len(record) + 1))
            cells = next(csv.reader([record], delimiter=delimiter), [record])
        except csv.Error:
            cells = [record]
        finally:
            csv.field_size_limit(limit)
    index = max(range(len(cells)), key=lambda i: len(cells[i])) if cells else 0
    size = len(cells[index]) if cells else len(record)
    column = header[index] if header is not None and index < len(header) else None
    problem = (
        f"the cell holds {size:,} characters, more than the {limit:,} a cell may hold: "
        "the file may be damaged"
    )
    if delimiter != "\t":  # quoted: an open quote runs on to the end of the file
        problem += " (a quote left open joins many lines into one cell)"
    return FileError(file_name, problem, line=line, column=column)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, as ``io.StringIO(text, newline="")`` gives
    them, without the copy StringIO makes (four bytes a character: 1 GB for a 250 MB file)."""
    return (match.group() for match in _LINE.finditer(text))


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell[0] == '"' and cell[-1] == '"':
        return cell[1:-1].replace('""', '"')
    return cell
