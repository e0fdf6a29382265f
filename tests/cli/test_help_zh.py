"""The command help reads in the chosen language: every command, option and argument has its
Chinese, and ``--lang zh`` / ``SELLEROPS_LANG=zh`` print it."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.cli.help_zh import HELP_ZH
from sellerops.cli.localized import help_lang, normalize, walk

runner = CliRunner()


def _texts() -> list[tuple[str, str, str | None]]:
    """(command path, what, English help) of every command and parameter of the app."""
    out: list[tuple[str, str, str | None]] = []
    for path, cmd in walk(typer.main.get_command(app)):
        out.append((path or "sellerops", "command", cmd.help))
        params: list[Any] = cmd.params
        out += [(path or "sellerops", p.name, p.help) for p in params]
    return out


def test_every_command_option_and_argument_has_a_chinese_help_text() -> None:
    texts = _texts()
    assert len(texts) > 150  # the whole tree: groups, their commands and parameters
    no_help = [(path, what) for path, what, text in texts if not text]
    assert no_help == [], "give these a help text (and its Chinese in cli/help_zh.py)"
    missing = sorted({normalize(t) for _, _, t in texts if t and normalize(t) not in HELP_ZH})
    assert missing == [], "add the Chinese of these to sellerops/cli/help_zh.py"


def test_every_translation_is_of_a_text_a_command_uses() -> None:
    used = {normalize(t) for _, _, t in _texts() if t}
    stale = sorted(set(HELP_ZH) - used)
    assert stale == [], "no command has these English texts any more: update or remove"
    assert all(normalize(key) == key for key in HELP_ZH), "keys are single-spaced"


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env or {})
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())  # rich wraps lines and pads the panels


def test_lang_zh_prints_a_commands_help_in_chinese() -> None:
    out = _help("--lang", "zh", "review", "--help")
    assert "运行今日复盘，按优先级列出事项。" in out
    for zh in ("复盘日期，格式 YYYY-MM-DD", "店铺名称", "最多显示的事项条数", "选项", "[默认：25]",
               "显示此帮助并退出。"):  # fmt: skip
        assert zh in out
    for en in ("Run today's daily review", "Store name", "Options", "Show this message"):
        assert en not in out


def test_the_command_list_follows_selleropslang() -> None:
    out = _help("--help", env={"SELLEROPS_LANG": "zh"})
    assert "亚马逊卖家自托管运营工作台。" in out and "命令" in out
    assert "列出数据库中的店铺。" in out and "广告：优化器建议、审批、批量文件。" in out
    assert "List the stores in the database." not in out
    nested = _help("ads", "deals", "add", "--help", env={"SELLEROPS_LANG": "zh"})
    assert "参加促销的 SKU" in nested and "[必填]" in nested
    assert "The SKU on deal" not in nested


def test_an_explicit_lang_wins_and_english_comes_back() -> None:
    zh = _help("--lang=zh", "finding", "snooze", "--help", env={"SELLEROPS_LANG": "en"})
    assert "将事项推迟到某一天。" in zh and "事项编号" in zh and "参数" in zh
    en = _help("--lang", "en", "finding", "snooze", "--help", env={"SELLEROPS_LANG": "zh"})
    assert "Hide a finding until a day." in en and "Arguments" in en and "Options" in en
    assert "推迟" not in en and "选项" not in en


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["--lang", "zh", "review"], {}, "zh"),
        (["--lang=zh", "--help"], {}, "zh"),
        (["review", "--help"], {"SELLEROPS_LANG": "zh"}, "zh"),
        (["demo", "--lang", "zh"], {"SELLEROPS_LANG": "en"}, "en"),  # the files' language
        (["--help"], {"SELLEROPS_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        (["--help"], {"LC_ALL": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_the_language_of_a_run(
    args: list[str], env: dict[str, str], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("SELLEROPS_LANG", "SELLEROPS_LANG_FILE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert help_lang(args) == lang
