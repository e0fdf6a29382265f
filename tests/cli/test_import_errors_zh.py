"""An import that fails speaks the user's language: file, line and column, and what was
expected, in Chinese for a Chinese user (``import --json`` keeps the English text)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.ingest.errors import CellError, FileError, UnknownReportError, localize

DATA = Path(__file__).parents[1] / "data" / "ingest"


def test_the_place_and_the_common_problems_read_in_chinese() -> None:
    cell = CellError("a.csv", 'expected a whole number, got "abc"', line=3, column="Units")
    assert localize(str(cell), "zh") == "a.csv，第 3 行，“Units”列：应为整数，实际为“abc”"
    assert localize(str(cell), "en") == str(cell)
    empty = CellError("b.csv", "expected a SKU, got an empty cell", line=2, column="sku")
    assert localize(str(empty), "zh") == "b.csv，第 2 行，“sku”列：应为SKU，但单元格为空"
    date = FileError("c.csv", "expected a date (YYYY-MM-DD, MM/DD/YYYY, DD.MM.YYYY or "
                     'YYYY/MM/DD), got "32/13/2026"', line=4)  # fmt: skip
    assert localize(str(date), "zh").startswith("c.csv，第 4 行：应为日期（YYYY-MM-DD")
    # the forms of a German file or store (``day_order.expected``)
    german = FileError("c.csv", 'expected a date (YYYY-MM-DD or DD.MM.YYYY), got "32.13.2026"',
                       line=4)  # fmt: skip
    assert localize(str(german), "zh") == (
        "c.csv，第 4 行：应为日期（YYYY-MM-DD 或 DD.MM.YYYY），实际为“32.13.2026”"
    )
    assert localize(str(FileError("d.csv", "the file is empty")), "zh") == "d.csv：文件为空"
    unknown = UnknownReportError(
        "e.csv",
        ["All Orders", "Business Report"],
        40,
        ' It looks closest to All Orders, but lacks the column "sku".',
    )
    assert localize(str(unknown), "zh") == (
        "e.csv 不是 sellerops 认识的报告（共 40 种报告类型）。最接近的报告类型："
        "所有订单；Business Report。看起来最接近所有订单，但缺少列：“sku”。"
    )
    # a rare problem keeps its words, the place is still Chinese
    rare = FileError("f.csv", "settlement 7 has a second summary row", line=9)
    assert localize(str(rare), "zh") == "f.csv，第 9 行：settlement 7 has a second summary row"


def test_importing_a_bad_file_in_chinese_prints_chinese(db_url: str) -> None:
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "250"}
    bad = DATA / "BusinessReport_US_2026-11-27_bad_number.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["--lang", "zh", "import", str(bad)], env=env)
    assert result.exit_code == 1
    assert "第 17 行，“Units Ordered”列：应为整数，实际为“abc”" in result.output
    assert "expected" not in result.output and "line" not in result.output
    result = runner.invoke(app, ["--lang", "zh", "import", str(DATA / "random_export.csv")],
                           env=env)  # fmt: skip
    assert "不是 sellerops 认识的报告" in result.output
    as_json = runner.invoke(app, ["--lang", "zh", "import", "--json", str(bad)], env=env)
    assert "expected a whole number" in json.loads(as_json.stdout)[0]["error"]  # stable JSON


def test_a_missing_path_is_named_in_the_users_language(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    env = {"SELLEROPS_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "300"}
    zh = CliRunner().invoke(app, ["--lang", "zh", "import", str(missing)], env=env)
    assert zh.exit_code == 1 and f"{missing}：没有这个文件或文件夹" in zh.output
    en = CliRunner().invoke(app, ["--lang", "en", "import", str(missing)], env=env)
    assert en.exit_code == 1 and f"{missing}: no such file or folder" in en.output
