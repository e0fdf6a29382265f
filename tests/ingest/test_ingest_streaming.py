"""Large files are not held twice: archive members are inflated into one buffer through
``ZipFile.open`` (never ``ZipFile.read``), and a plain UTF-8 file is never decoded whole (its
rows are decoded a chunk at a time, the bulk path reads its bytes)."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.ingest import reader
from sellerops.ingest.service import import_paths
from tests.ingest.helpers import DATA

#: Line endings of every kind, a quoted field over two lines, letters of one to four bytes.
TRICKY = (
    'sku,title,units\r\nA-1,"Gartenschlauch ""Grün""",3\r\nB-2,"two\r\nlines",4\n'
    "C-3,花园水管 🌱,5\rD-4,Tuyau d'arrosage été,6\r\n\r\nE-5,last,7"
)


def _whole(text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """The rows as read from the whole text (the way every file was read before)."""
    return list(reader._records(text, delimiter, "f.csv"))


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64, 4096])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["utf-8", "utf-8-bom"])
def test_a_utf8_file_read_a_chunk_at_a_time_gives_the_rows_of_its_whole_text(
    monkeypatch: pytest.MonkeyPatch, chunk: int, bom: bytes
) -> None:
    monkeypatch.setattr(reader, "_DECODE_CHUNK", chunk)
    data = bom + TRICKY.encode("utf-8")

    table = reader.read_table(data, "f.csv")

    assert (table.text, table.raw) == (None, data)  # the text is never made whole
    assert table.encoding == ("utf-8-sig" if bom else "utf-8")
    whole = _whole(TRICKY)
    assert [table.header_line, table.header] == [whole[0][0], whole[0][1]]
    assert list(table.rows) == whole[1:]


@pytest.mark.parametrize("chunk", [1, 3, 4096])
def test_utf8_read_once_as_windows_1252_is_still_repaired_when_checked_in_chunks(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(reader, "_DECODE_CHUNK", chunk)
    text = "sku,title\nA-1,Gartenschlauch Grün – 20 m\n"
    mangled = text.encode("utf-8").decode("cp1252").encode("utf-8")

    table = reader.read_table(mangled, "f.csv")

    assert table.encoding == "utf-8 (repaired double encoding)"
    assert list(table.rows) == [(2, ["A-1", "Gartenschlauch Grün – 20 m"])]


def test_a_damaged_utf8_file_is_refused_at_its_line_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "_DECODE_CHUNK", 4)
    data = "sku,title\nA-1,Grün\nB-2,Blau\n".encode() + b"C-3,Gr\xfcn \xc3\xa9t\xc3\xa9\n"

    with pytest.raises(reader.DecodeError) as refused:
        reader.read_table(data, "f.csv")

    assert refused.value.line == 4
    assert "invalid byte (0xFC)" in str(refused.value)


def test_an_archive_member_is_inflated_through_open_never_read_whole(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(DATA / "Inventory_US_2026-11-26.txt", "Inventory_US_2026-11-26.txt")

    def read_whole(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("ZipFile.read holds a member whole, with no size limit")

    monkeypatch.setattr(zipfile.ZipFile, "read", read_whole)

    (outcome,) = import_paths(engine=engine, paths=[archive])

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted) == ("fba_inventory", 3)
