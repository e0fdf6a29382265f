"""`sellerops --lang zh import` (and `imports`): every note and refusal reads in Chinese, the
files of the independent import test included (orders of other marketplaces, a settlement that
does not add up, a damaged workbook, a file in no known encoding, a summary ads report, the
Business Reports by parent item and by date, a Business Report moved to another day)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from sellerops.cli import app

TESTER = Path(__file__).parents[1] / "data" / "ingest" / "tester"
runner = CliRunner()
#: Three or more English words in a row: a sentence left untranslated.
_ENGLISH = re.compile(r"[A-Za-z]+(?:[ ,;'()-]+[A-Za-z]+){2,}")
#: What may stay as it is: file names and paths, column names quoted from the file, and
#: options with their value (``--date YYYY-MM-DD``).
_KEPT = re.compile(r"\S*/\S*|\S+\.(?:csv|txt|xlsx|zip)\b|“[^”]*”|--[a-z-]+(?: [A-Z][A-Z-]*)?")


def run(*args: str, db_url: str) -> tuple[int, str]:
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "400"}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout + result.stderr


def english_in(output: str) -> list[str]:
    return [line for line in output.splitlines() if _ENGLISH.search(_KEPT.sub(" ", line))]


def test_the_notes_and_refusals_of_an_import_are_all_chinese(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    shutil.copytree(TESTER, folder, ignore=shutil.ignore_patterns("*.md"))
    code, out = run("--lang", "zh", "import", str(folder), "--marketplace", "US", db_url=db_url)
    assert code == 1  # the damaged and undecodable files
    # the notes and refusals the defects named are there, in Chinese
    assert "已跳过 1 行其他站点的数据" in out
    assert "5 个订单（新增 5 个）" in out
    assert "结算 24000000001：6 行合计" in out
    assert "bad.xlsx：不是可读取的 Excel 工作簿（已损坏，或不是 .xlsx 文件）" in out
    assert "（已尝试 UTF-8、Shift-JIS/cp932、GB18030 和 Windows-1252）" in out
    assert "业务报告（详情页面上的销售量与访问量 - 按父商品）" in out
    assert "业务报告（详情页面上的销售量与访问量，按日期）" in out
    amazon_named = folder / "BusinessReport-11-27-26.csv"
    code, moved = run("--lang", "zh", "import", str(amazon_named), "--date", "2026-11-26",
                      db_url=db_url)  # fmt: skip
    assert code == 0
    assert "同一文件之前已按 2026-11-27 导入：已删除那里的 3 行，现在只计入 2026-11-26" in moved
    code, listed = run("--lang", "zh", "imports", db_url=db_url)
    assert code == 0
    assert "其数据行已由之后对同一文件的导入移至 2026-11-26" in listed

    assert english_in(out + moved + listed) == []


def test_the_check_finds_an_english_sentence() -> None:
    assert english_in("  1 rows sold on other marketplaces were skipped")
    assert not english_in("✗ bad/业务 报告.csv：“Sessions - Total”列：应为整数")
    assert not english_in("如果报告涵盖的是另一天，请加上 --date YYYY-MM-DD")


#: Notes that start with a count, as the families write them for one thing and for several.
COUNTED_NOTES = [
    "1 row sold on another marketplace was skipped",
    "3 rows sold on other marketplaces were skipped",
    "1 row for another marketplace was skipped",
    "3 rows for other marketplaces were skipped",
    "1 listing for another marketplace was skipped",
    "3 listings for other marketplaces were skipped",
    "1 order is newer in the database and was kept",
    "3 orders are newer in the database and were kept",
    "1 order (1 new)",
    "1 row's money columns do not add up to its total; the difference is kept as 'unexplained'",
    "3 rows' money columns do not add up to their total; the difference is kept as 'unexplained'",
    "1 line no longer on the sheet was removed",
    "3 lines no longer on the sheet were removed",
    "1 shipment has an actual invoice: its estimate no longer counts",
    "3 shipments have an actual invoice: their estimates no longer count",
    "1 SKU not in the catalog yet was added: HOSE-15",
    "3 SKUs not in the catalog yet were added: A-1, A-2, A-3",
    "1 SKU has no cost in effect by 2026-11-28 yet; its product cost was left as it was",
    "3 SKUs have no cost in effect by 2026-11-28 yet; their product cost was left as it was",
    "1 listing suppressed before is no longer in the report",
    "3 listings suppressed before are no longer in the report",
    "settlement 24000000001: its 1 line adds up to 10.00 USD, its total-amount says 12.00 "
    "(difference 2.00)",
]


def test_every_counted_note_reads_in_chinese() -> None:
    from sellerops.ingest.errors import localize_problem
    from sellerops.ingest.reports.ads_reports import other_markets_note

    notes = [*COUNTED_NOTES, other_markets_note(1), other_markets_note(3)]
    assert other_markets_note(1) == "1 row of another marketplace was not stored"
    assert [n for n in notes if english_in(localize_problem(n, "zh"))] == []


def test_an_ads_report_with_rows_of_another_marketplace_says_so_in_chinese(
    db_url: str, tmp_path: Path
) -> None:
    """A UK search term report with one row of amazon.com: the note is Chinese and singular."""
    from tests.ingest.test_ads_cell_dates import search_term_csv

    path = search_term_csv(tmp_path, "UK", ["05/11/2026", "06/11/2026"])
    lines = path.read_text().splitlines()
    lines[2] = lines[2].replace('"United Kingdom","close-match"', '"United States","close-match"')
    path.write_text("\n".join(lines) + "\n")

    code, out = run("--lang", "zh", "import", str(path), "--marketplace", "UK", db_url=db_url)

    assert code == 0, out
    assert "1 行其他站点的数据未保存" in out
    assert english_in(out) == []
