"""From bytes to rows: encodings, delimiters, line numbers; headers; report detection."""

from __future__ import annotations

import random

import pytest

from sellerops.ingest import registry, service  # noqa: F401  (service registers the families)
from sellerops.ingest.errors import DecodeError, EmptyFileError, UnknownReportError
from sellerops.ingest.headers import normalize_header
from sellerops.ingest.reader import decode, read_table, sniff_delimiter
from tests.ingest.helpers import DATA

HEADER_ZH = '（子）ASIN,会话次数 – 总计,已订购商品销售额\r\nB0CHILD001,"1,234",US$1.00\r\n'


def test_a_utf8_bom_is_dropped_and_decides_the_encoding() -> None:
    decoded = decode(b"\xef\xbb\xbf" + HEADER_ZH.encode(), "f.csv")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.startswith("（子）ASIN")


def test_excel_unicode_text_utf16_is_read() -> None:
    decoded = decode("sku\tasin\r\nA\tB\r\n".encode("utf-16"), "f.txt")
    assert decoded.text.startswith("sku\tasin")


def test_gb18030_chinese_is_recognised_without_a_bom() -> None:
    decoded = decode(HEADER_ZH.encode("gb18030"), "f.csv")
    assert decoded.encoding == "gb18030"
    assert "会话次数" in decoded.text


def test_shift_jis_japanese_is_read_as_cp932() -> None:
    text = "（子）ASIN,セッション数 - 合計,タイトル\r\nB0CHILD001,12,ガーデンホース ①\r\n"
    decoded = decode(text.encode("cp932"), "f.csv")
    assert decoded.encoding == "cp932"
    assert decoded.text == text


def test_latin1_german_is_not_mistaken_for_chinese() -> None:
    text = 'Titel,Umsätze\r\nGartenschlauch grün,"5.255,61 €"\r\n'
    decoded = decode(text.encode("cp1252"), "f.csv")
    assert decoded.encoding == "cp1252"
    assert decoded.text == text


def test_utf8_that_was_once_read_as_cp1252_is_repaired() -> None:
    mangled = "14 Day Advertised ASIN Sales (₹)".encode().decode("cp1252")
    assert mangled == "14 Day Advertised ASIN Sales (â‚¹)"
    assert decode(mangled.encode(), "f.csv").text == "14 Day Advertised ASIN Sales (₹)"


def test_bytes_that_are_no_text_are_rejected_not_replaced() -> None:
    with pytest.raises(DecodeError, match="cannot be read as text"):
        decode(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3, "junk.csv")
    with pytest.raises(DecodeError, match=r"Excel workbook that cannot be read .* as CSV"):
        decode(b"PK\x03\x04\x14\x00[Content_Types].xml", "report.xlsx")
    with pytest.raises(DecodeError, match="zip archive in a place only a report file can be"):
        decode(b"PK\x03\x04rest", "reports.zip")


def test_delimiter_is_sniffed_from_the_header() -> None:
    assert sniff_delimiter("sku\tasin\tproduct-name") == "\t"
    assert sniff_delimiter('"(Parent) ASIN","(Child) ASIN","Title"') == ","
    assert sniff_delimiter("Titel;Umsatz") == ";"


def test_rows_carry_the_line_they_start_on_even_after_multiline_cells() -> None:
    text = 'A,B\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n'
    table = read_table(text.encode(), "f.csv")
    assert table.header == ["A", "B"] and table.header_line == 1
    assert list(table.rows) == [(2, ["1", "two\r\nlines"]), (5, ["3", "4"])]


def test_tab_files_keep_a_leading_quote_inside_a_product_name() -> None:
    text = 'sku\tproduct-name\tasin\nS1\t"Best" hose 12" long\tB0CHILD001\nS2\t"quoted"\tB0X\n'
    rows = list(read_table(text.encode(), "f.txt").rows)
    assert rows[0][1] == ["S1", '"Best" hose 12" long', "B0CHILD001"]
    assert rows[1][1] == ["S2", "quoted", "B0X"]


def test_a_file_of_blank_lines_is_empty() -> None:
    with pytest.raises(EmptyFileError, match=r"blank\.csv: the file is empty"):
        read_table(b"\r\n  \r\n", "blank.csv")


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Sessions – Total", "Sessions - Total"),
        ("Page Views Percentage - Mobile APP - B2B ", "Page Views Percentage - Mobile App - B2B"),
        ("Sessions  —  Mobile App", "Sessions - Mobile App"),
        ("（子）ASIN", "(子) ASIN"),
        ("Featured Offer (Buy Box) percentage", "Featured Offer (Buy Box) Percentage"),
        ("\ufeffsku", "sku"),
    ],
)
def test_header_spellings_normalise_to_the_same_key(spelling: str, canonical: str) -> None:
    assert normalize_header(spelling) == normalize_header(canonical)


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("BusinessReport_US_2026-11-26.csv", "business_report"),
        ("BusinessReport_US_20261125_by_sku.csv", "business_report"),
        ("BusinessReport_zh_US_2026-11-24.csv", "business_report"),
        ("BusinessReport_zh_gb18030_US_2026-11-23.csv", "business_report"),
        ("BusinessReport_legacy_20201122.csv", "business_report"),
        ("BusinessReport_sentence_case_US_2026-11-21.csv", "business_report"),
        ("BusinessReport_DE_2026-11-26.csv", "business_report"),
        ("BusinessReport_JP_2026-11-26.csv", "business_report"),
        ("AllOrders_2022_layout.txt", "all_orders"),
        ("AllOrders_2017_layout.txt", "all_orders"),
        ("Inventory_US_2026-11-26.txt", "fba_inventory"),
        ("Inventory_US_20261125.txt", "fba_inventory"),
    ],
)
def test_every_sample_is_recognised_by_its_header(name: str, family: str) -> None:
    table = read_table((DATA / name).read_bytes(), name)
    detected, header_map = registry.detect(table.header, "renamed.csv")
    assert detected.name == family
    assert not header_map.missing


def test_column_order_is_never_assumed() -> None:
    table = read_table((DATA / "AllOrders_2022_layout.txt").read_bytes(), "x")
    shuffled = list(table.header)
    random.Random(7).shuffle(shuffled)
    assert registry.detect(shuffled, "x")[0].name == "all_orders"


def test_an_unknown_header_names_the_closest_report_types() -> None:
    table = read_table((DATA / "random_export.csv").read_bytes(), "random_export.csv")
    with pytest.raises(UnknownReportError) as caught:
        registry.detect(table.header, "random_export.csv")
    message = str(caught.value)
    known = len(registry.families())
    assert message.startswith(
        f"random_export.csv is not a report sellerops knows ({known} report types). "
        "Closest known report types: "
    )
    assert len(caught.value.closest) == 3
    assert all(title in message for title in caught.value.closest)


def test_a_report_with_a_hidden_required_column_says_which_one() -> None:
    header = ["(Parent) ASIN", "(Child) ASIN", "Title", "Sessions - Total", "Page Views - Total",
              "Units Ordered", "Ordered Product Sales"]  # fmt: skip
    with pytest.raises(
        UnknownReportError, match=r'closest to Business Report .* "Total Order Items"'
    ):
        registry.detect(header, "br.csv")


def test_a_damaged_utf8_file_is_refused_rather_than_read_as_mojibake() -> None:
    text = "（子）ASIN,商品名称\r\nB0CHILD001,花园水管\r\nB0CHILD002,绿色水管\r\n".encode()
    damaged = text[:-8] + b"\xff" + text[-7:]
    with pytest.raises(DecodeError, match=r"f\.csv, line 3: is UTF-8 but has an invalid byte"):
        decode(damaged, "f.csv")
