"""Workbooks, JSON documents and gzip'd files become the same tables CSV files do."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from sellerops.ingest import registry, service, xlsx  # noqa: F401  (service registers families)
from sellerops.ingest.errors import FileError, UnknownReportError
from sellerops.ingest.reader import read_table
from tests.ingest.helpers import DATA
from tests.ingest.workbooks import workbook

SEARCH_TERMS = ["Date", "Campaign Name", "Ad Group Name", "Targeting", "Match Type",
                "Customer Search Term", "Impressions", "Clicks", "Spend"]  # fmt: skip
ROW = [date(2026, 11, 25), "Camp", "Group", "hose", "EXACT", "garden hose", 1204, 9, 7.65]


def test_cells_read_as_a_csv_export_would_show_them() -> None:
    assert xlsx.cell_text(1234.56) == "1234.56"
    assert xlsx.cell_text(12.0) == "12"
    assert xlsx.cell_text(0.004) == "0.004"  # a rate stays a fraction
    assert xlsx.cell_text(0.1 + 0.2) == "0.3"  # what Excel shows, 15 significant digits
    assert xlsx.cell_text(1e20) == "100000000000000000000"
    assert xlsx.cell_text(1234567890.0) == "1234567890"  # a numeric ISBN-ASIN
    assert xlsx.cell_text(date(2026, 11, 25)) == "2026-11-25"
    assert xlsx.cell_text(datetime(2026, 11, 25)) == "2026-11-25"
    # a date and time as Excel shows it (no ISO "T", which nobody typed)
    assert xlsx.cell_text(datetime(2026, 11, 25, 8, 30)) == "2026-11-25 08:30"
    assert xlsx.cell_text(datetime(2026, 11, 25, 8, 30, 5)) == "2026-11-25 08:30:05"
    assert (xlsx.cell_text(True), xlsx.cell_text(None), xlsx.cell_text("x")) == ("true", "", "x")


def test_the_sheet_with_a_known_header_is_read_below_its_title_rows() -> None:
    data = workbook({
        "Notes": [["Exported by a colleague"]],
        "Report": [["Sponsored Products Search term report"], [], SEARCH_TERMS, ROW],
    })  # fmt: skip

    table = read_table(data, "st.xlsx")

    assert (table.file_name, table.header_line, table.header) == (
        'st.xlsx, sheet "Report"', 3, SEARCH_TERMS,
    )  # fmt: skip
    assert table.preamble == [["Sponsored Products Search term report"]]
    assert list(table.rows) == [
        (4, ["2026-11-25", "Camp", "Group", "hose", "EXACT", "garden hose", "1204", "9", "7.65"])
    ]


def test_a_workbook_no_family_knows_fails_like_an_unknown_csv() -> None:
    table = read_table(workbook({"Sheet1": [["colour", "size"], ["red", "L"]]}), "w.xlsx")

    assert table.header == ["colour", "size"]
    with pytest.raises(UnknownReportError, match=r"w\.xlsx does not look like a report sellerops"):
        registry.detect(table.header, table.file_name)


def test_a_csv_header_below_a_metadata_line_is_found_and_the_line_kept() -> None:
    text = 'Reporting Range=["Weekly"]\r\n' + ",".join(SEARCH_TERMS) + "\r\n"
    text += "2026-11-25,Camp,Group,hose,EXACT,garden hose,1204,9,$7.65\r\n"

    table = read_table(text.encode(), "st.csv")

    assert (table.header_line, table.header[0], table.preamble) == (
        2, "Date", [['Reporting Range=["Weekly"]']],
    )  # fmt: skip
    assert [line for line, _ in table.rows] == [3]


def test_a_workbook_that_inflates_beyond_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx, "MAX_INFLATED_BYTES", 1_000_000)
    padding = [["x" * 1000] for _ in range(2000)]  # ~2 MB of XML, a few KB zipped
    data = workbook({"Sheet1": [SEARCH_TERMS, *padding]})

    with pytest.raises(FileError, match="expands to more than 0 MB; refused"):
        read_table(data, "bomb.xlsx")


def test_sizes_a_zip_declares_are_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_INFLATED_BYTES", 1_000_000)
    data = bytearray(workbook({"Sheet1": [SEARCH_TERMS, *[["x" * 1000]] * 2000]}))
    _declare_tiny_sizes(data)

    with pytest.raises(FileError, match="refused"):
        xlsx.read_sheets(bytes(data), "liar.xlsx")


def _declare_tiny_sizes(data: bytearray) -> None:
    """Rewrite every central-directory entry to claim 100 bytes uncompressed."""
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into("<I", data, start + 24, 100)
        start += 4


def test_a_damaged_workbook_is_a_file_error_not_a_crash() -> None:
    good = workbook({"Sheet1": [SEARCH_TERMS, ROW]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith("sheet1.xml"):
                content = content[: len(content) // 2]  # XML cut in the middle
            target.writestr(info, content)

    with pytest.raises(FileError, match="is not a readable Excel workbook"):
        read_table(buffer.getvalue(), "cut.xlsx")


def test_gzip_compressed_files_are_read_as_their_content() -> None:
    original = (DATA / "BusinessReport_US_2026-11-26.csv").read_bytes()

    table = read_table(gzip.compress(original), "BusinessReport_US_2026-11-26.csv.gz")

    assert table.header[1] == "(Child) ASIN"


def test_a_json_document_is_a_table_whose_header_is_its_top_level_keys() -> None:
    data = (DATA / "spapi" / "GET_SALES_AND_TRAFFIC_REPORT_US_2026-11-26.json").read_bytes()

    table = read_table(data, "doc.json")

    assert table.header == ["reportSpecification", "salesAndTrafficByDate", "salesAndTrafficByAsin"]
    family, _ = registry.detect(table.header, "doc.json")
    assert family.name == "sales_traffic_json"


def test_broken_json_names_its_line() -> None:
    with pytest.raises(FileError, match=r"doc.json, line 2: is not valid JSON"):
        read_table(b'{"reportSpecification": {},\n "x": }', "doc.json")


def test_a_damaged_excel_97_workbook_is_a_file_error_not_a_crash() -> None:
    data = (DATA / "ads" / "SP_Search_Term_US_2026-11-24_25_excel97.xls").read_bytes()
    assert read_table(data, "terms.xls").header[7] == "Customer Search Term"

    with pytest.raises(FileError, match="is not a readable Excel workbook"):
        read_table(data[: len(data) // 3], "cut.xls")


def test_a_workbook_with_an_external_entity_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    """XXE: a sheet declaring ``<!ENTITY x SYSTEM "file:///...">`` never pulls the file in;
    the workbook is refused as unreadable (calamine does not expand entities at all)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    data = workbook({"Report": [SEARCH_TERMS, [*ROW[:5], "PLACEHOLDER", *ROW[6:]]]})
    source = zipfile.ZipFile(io.BytesIO(data))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                text = body.decode("utf-8").replace(
                    "?>",
                    f'?><!DOCTYPE w [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>',
                    1,
                )
                body = text.replace("PLACEHOLDER", "&xxe;").encode("utf-8")
            archive.writestr(info.filename, body)

    with pytest.raises(FileError) as refused:
        read_table(hostile.getvalue(), "hostile.xlsx")
    assert "is not a readable Excel workbook" in str(refused.value)
    assert "TOPSECRET" not in str(refused.value)
