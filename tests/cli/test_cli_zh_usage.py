"""The command line in Chinese beyond the help texts: Click's usage line and errors, Chinese
descriptions that wrap (not cut with "…"), value placeholders, ``--lang`` after the command,
unknown languages refused; counts with digit groups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.cli.cjk_wrap import breaks
from sellerops.cli.common import cell, count
from sellerops.cli.help_zh import HELP_ZH
from sellerops.cli.localized import hoist_lang, normalize, translate_error, walk

runner = CliRunner()
ENV = {"COLUMNS": "80", "SELLEROPS_LANG": "en"}


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={**ENV, **(env or {})})
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        ([], "缺少命令。", "Missing command."),
        (["--bogus"], "没有选项 --bogus", "No such option: --bogus"),
        (["import"], "缺少参数 'paths'。", "Missing argument 'paths'."),
        (["restock", "--service-level", "x"], "'--service-level' 的值无效：应为数字",
         "Invalid value for '--service-level': Input should be a valid number"),
        (["review", "--limit", "x"], "'--limit' 的值无效：应为整数", "valid integer"),
        (["report", "yearly"], "'yearly' 不是可选值，可选：'daily', 'weekly', 'monthly'",
         "is not one of"),
        (["reviw"], "没有命令 'reviw'。是否想输入 'review'？", "No such command 'reviw'."),
        (["review", "--date"], "选项 '--date' 需要一个值。", "requires an argument"),
        (["review", "extra"], "多余的参数：extra", "Got unexpected extra argument"),
    ],
)  # fmt: skip
def test_usage_errors_read_in_chinese(args: list[str], zh: str, en: str) -> None:
    code, out = _run("--lang", "zh", *args)
    flat = " ".join(out.replace("│", " ").split())
    assert code == 2 and zh in flat, out
    for english in (en, "Usage:", "[OPTIONS]", "Missing", "Invalid value", "No such", "Try "):
        assert english not in flat
    code, out = _run("--lang", "en", *args)  # English stays English
    assert code == 2 and en in " ".join(out.replace("│", " ").split())
    if "Usage:" in out:  # the usage line, when Click shows one
        assert "用法：sellerops" in flat and "[选项]" in flat


def test_usage_line_of_a_group_in_chinese() -> None:
    code, out = _run("--lang", "zh")
    assert code == 2 and "用法：sellerops [选项] 命令 [参数]..." in out


def test_the_translation_keeps_unknown_messages_and_choices() -> None:
    assert translate_error("store Foo is not known") == "store Foo is not known"
    missing = translate_error("Missing argument 'KIND'. Choose from:\n\tdaily,\n\tweekly")
    assert missing == "缺少参数 'KIND'。可选：\n\tdaily,\n\tweekly"
    assert translate_error("Invalid value for 'X': Input should be greater than or equal to 1") \
        == "'X' 的值无效：应大于或等于 1"  # fmt: skip


def _flat(text: str) -> str:
    return "".join(text.replace("│", "").split())


def test_chinese_descriptions_wrap_at_80_columns_instead_of_being_cut() -> None:
    root = typer.main.get_command(app)
    for path, cmd in walk(root):
        commands = getattr(cmd, "commands", {})
        if not commands:
            continue
        code, out = _run("--lang", "zh", *path.split(), "--help")
        assert code == 0 and "…" not in out, out
        for sub in commands.values():
            zh = HELP_ZH[normalize(sub.help)]
            assert _flat(zh) in _flat(out), (path, zh)
    for command in ("restock", "profit", "report", "warehouse-stock", "reconcile", "import"):
        code, out = _run("--lang", "zh", command, "--help")
        assert code == 0 and "…" not in out, out


def test_english_descriptions_are_not_broken_where_the_docstring_was() -> None:
    code, out = _run("--help")
    assert code == 0
    # the report's docstring wraps after "P&L,": the list reflows it
    assert re.search(r"P&L, top movers", " ".join(out.replace("│", " ").split()))


def test_chinese_line_breaks_keep_words_and_punctuation() -> None:
    text = "真实利润（扣除费用），按 SKU、ASIN 统计；--sku X 列出"
    cuts = breaks(text, 10)
    lines = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    assert all(not line.startswith(("，", "）", "、", "；")) for line in lines), lines
    assert all(not line.rstrip().endswith("（") for line in lines), lines
    assert any("SKU、" in line for line in lines) and any("--sku" in line for line in lines)
    assert "".join(lines) == text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_flags_show_no_placeholder_and_values_a_readable_one(lang: str) -> None:
    root = typer.main.get_command(app)
    for path, _cmd in walk(root):
        code, out = _run("--lang", lang, *path.split(), "--help")
        assert code == 0
        assert not re.search(r"<(str|bool|int|float|path|file|list\[\w+\])", out), (path, out)
    code, out = _run("--lang", lang, "review", "--help")
    rows = {line.split()[1]: line for line in out.splitlines() if line.startswith("│ --")}
    assert "YYYY-MM-DD" in rows["--date"]
    assert ("INTEGER" if lang == "en" else "整数") in rows["--limit"]
    for flag in ("--json", "--help"):
        assert rows[flag].split()[2] in ("Print", "Show", "输出", "显示此帮助并退出。"), rows[flag]


def test_lang_after_the_command_is_the_runs_language() -> None:
    code, out = _run("review", "--lang", "zh", "--help")
    assert code == 0 and "运行今日复盘" in out and "选项" in out
    code, out = _run("finding", "snooze", "--lang=zh", "--help")
    assert code == 0 and "将事项推迟到某一天。" in out
    root = typer.main.get_command(app)
    assert hoist_lang(root, ["review", "--lang", "zh"]) == ["--lang", "zh", "review"]
    assert hoist_lang(root, ["finding", "snooze", "5", "--lang=zh"]) == [
        "--lang=zh", "finding", "snooze", "5",
    ]  # fmt: skip
    # demo has a --lang of its own (the files' language): left to it
    assert hoist_lang(root, ["demo", "--lang", "zh"]) == ["demo", "--lang", "zh"]
    # an option's value and what follows "--" are not options
    assert hoist_lang(root, ["review", "--store", "--lang"]) == ["review", "--store", "--lang"]
    assert hoist_lang(root, ["import", "--", "--lang", "zh"]) == ["import", "--", "--lang", "zh"]


def test_an_unknown_language_is_refused_with_the_known_ones() -> None:
    code, out = _run("--lang", "fr", "stores")
    flat = " ".join(out.replace("│", " ").split())
    assert code == 2 and "unknown language 'fr'" in flat and "en (English), zh (中文)" in flat
    code, out = _run("stores", "--lang", "fr", env={"SELLEROPS_LANG": "zh"})
    flat = " ".join(out.replace("│", " ").split())
    assert code == 2 and "不支持的语言 'fr'" in flat and "'--lang' 的值无效" in flat
    assert _run("--lang", "zh_CN", "--help")[0] == 0
    assert _run("--lang", "EN", "--help")[0] == 0


def test_counts_have_digit_groups() -> None:
    assert count(6551, "en") == "6,551" and count(157695, "zh") == "157,695"
    assert cell(1520, "en") == "1,520" and cell(30.714, "en") == "30.71"
    assert cell(None, "en") == "" and cell("ACME-1", "en") == "ACME-1"


def test_profit_and_restock_tables_group_digits(tmp_path: Path) -> None:
    code, out = _run("demo", "--skus", "16", "--days", "60")
    assert code == 0, out
    code, out = _run("profit", env={"COLUMNS": "250"})
    assert code == 0
    total = next(line for line in out.splitlines() if "Total" in line)
    units = total.split("│")[2].strip()
    assert re.fullmatch(r"\d{1,3}(,\d{3})*", units) and int(units.replace(",", "")) >= 1000
    code, out = _run("restock", env={"COLUMNS": "250"})
    assert code == 0
    bare = re.findall(r"(?<![\d,.\-])\d{4,}(?![\d,.\-])", out)  # not a date's year
    assert bare == [], bare
