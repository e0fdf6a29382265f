"""Zip members named on Chinese or Japanese Windows (no UTF-8 flag) keep their names; a file
mixing two encodings is refused at its first bad line and byte."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from sellerops.ingest import sources
from sellerops.ingest.errors import DecodeError, localize
from sellerops.ingest.reader import decode


def _legacy_zip(path: Path, name: str, codec: str) -> Path:
    """A zip whose member name is in ``codec`` without the UTF-8 flag, as Windows writes it:
    written under an ASCII stand-in of the same length, whose bytes are then swapped."""
    raw = name.encode(codec)
    stand_in = "x" * len(raw)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(stand_in, "sku,units\nA-1,1\n")
    data = buffer.getvalue().replace(stand_in.encode(), raw)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "codec"),
    [("业务报告_US_2026-11-21.csv", "gbk"), ("在庫レポート_JP.csv", "cp932"),
     ("Geschäftsbericht_DE.csv", "utf-8")],
)  # fmt: skip
def test_a_member_name_without_the_utf8_flag_is_read_in_its_makers_code_page(
    tmp_path: Path, name: str, codec: str
) -> None:
    archive = _legacy_zip(tmp_path / "reports.zip", name, codec)
    with zipfile.ZipFile(archive) as opened:
        assert opened.infolist()[0].filename != name  # zipfile alone shows cp437 mojibake

    (member,) = sources.expand([archive])

    assert member.label == f"reports.zip!{name}"
    assert member.path.endswith(f"reports.zip!{name}")
    assert member.names == (name, "reports.zip")
    assert member.read() == b"sku,units\nA-1,1\n"


def test_a_file_mixing_two_encodings_names_its_first_bad_line_and_byte() -> None:
    text = "日付,注文番号,説明\n2026/11/01,7000000001,ご注文ｱ\n"
    pasted = "2026/11/02,注文,7000000002\n".encode()  # a line pasted in as UTF-8
    data = text.encode("cp932") + pasted + "2026/11/03,7000000003,注文\n".encode("cp932")

    with pytest.raises(DecodeError) as caught:
        decode(data, "DateRange_JP.csv")

    message = str(caught.value)
    assert message.startswith("DateRange_JP.csv, line 3: cannot be read as text")
    assert "the line is in UTF-8 from byte 12 (0xE6) on" in message
    assert "the lines before it are in Shift-JIS/cp932" in message
    zh = localize(message, "zh")
    assert "第 3 行" in zh and "第 12 个字节" in zh and "混用了两种编码" in zh


def test_a_utf8_cell_in_a_legacy_line_is_found_in_its_line() -> None:
    line = "2026/11/01,7000000001,".encode("cp932") + "ホース".encode() + b",1\n"
    data = "日付,注文番号,説明,数量\n".encode("cp932") + line

    with pytest.raises(DecodeError) as caught:
        decode(data, "DateRange_JP.csv")

    assert "line 2: cannot be read as text" in str(caught.value)
    assert "from byte 23 (0xE3) on" in str(caught.value)


def test_bytes_of_no_encoding_at_all_name_the_first_one() -> None:
    with pytest.raises(DecodeError) as caught:
        decode(b"sku,units\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3, "junk.csv")

    assert "junk.csv, line 2: cannot be read as text" in str(caught.value)
    assert "byte 1 of the line (0x81) fits none of them" in str(caught.value)
