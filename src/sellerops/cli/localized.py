"""Command help in the reader's language.

Typer takes the help texts when the commands are declared, in English (docstrings and
``help=``). Their Chinese is in :data:`sellerops.cli.help_zh.HELP_ZH`, keyed by the English
text as gettext keys a message: an English text that changes has no translation until its
Chinese is updated too, and ``tests/cli/test_help_zh.py`` fails until then.

The root group (:class:`LocalizedGroup`) decides the language before it parses anything —
``--lang``, then ``SELLEROPS_LANG`` (the variable the settings read), then the locale — and
puts the texts of that language on the command tree Typer built for this run (commands,
options, arguments, the ``--help`` option and Typer's own labels: "Options", "[default: …]"),
so ``sellerops --lang zh review --help`` and ``SELLEROPS_LANG=zh sellerops --help`` read in
Chinese. Nothing heavy is imported here: printing the help stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from sellerops.cli.help_zh import HELP_ZH
from sellerops.core import i18n

#: Typer's labels of the help screen (module globals of ``typer.rich_utils``).
TYPER_LABELS: dict[str, dict[str, str]] = {
    "ARGUMENTS_PANEL_TITLE": {"en": "Arguments", "zh": "参数"},
    "OPTIONS_PANEL_TITLE": {"en": "Options", "zh": "选项"},
    "COMMANDS_PANEL_TITLE": {"en": "Commands", "zh": "命令"},
    "ERRORS_PANEL_TITLE": {"en": "Error", "zh": "错误"},
    "DEFAULT_STRING": {"en": "[default: {}]", "zh": "[默认：{}]"},
    "REQUIRED_LONG_STRING": {"en": "[required]", "zh": "[必填]"},
    "ENVVAR_STRING": {"en": "[env var: {}]", "zh": "[环境变量：{}]"},
    "RICH_HELP": {
        "en": "Try [blue]'{command_path} {help_option}'[/] for help.",
        "zh": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    },
}
HELP_OPTION = {"en": "Show this message and exit.", "zh": "显示此帮助并退出。"}


def normalize(text: str) -> str:
    """The key of a help text: its words, single-spaced (docstrings wrap where they like)."""
    return " ".join(text.split())


def translate(text: str | None, lang: str) -> str | None:
    """``text`` (an English help text) in ``lang``; itself when it has no translation."""
    if not text or lang != "zh":
        return text
    return HELP_ZH.get(normalize(text), text)


def help_lang(args: Sequence[str]) -> str:
    """The language of this run, from the root options in ``args`` (``--lang zh``), then
    ``SELLEROPS_LANG`` (or ``SELLEROPS_LANG_FILE``), then the locale."""
    explicit = None
    tokens = list(args)
    for n, token in enumerate(tokens):
        if token == "--lang" and n + 1 < len(tokens):
            explicit = tokens[n + 1]
            break
        if token.startswith("--lang="):
            explicit = token.partition("=")[2]
            break
        if token == "--" or not token.startswith("-"):
            break  # the command's own options follow (``demo --lang`` is the files' language)
    return i18n.resolve_lang(explicit, _configured_lang())


def _configured_lang() -> str | None:
    env = {k.upper(): v for k, v in os.environ.items() if k.upper().startswith("SELLEROPS_LANG")}
    if env.get("SELLEROPS_LANG"):
        return env["SELLEROPS_LANG"]
    secret = env.get("SELLEROPS_LANG_FILE")
    if secret:
        try:
            return Path(secret).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None
    return None


def walk(command: Any) -> Iterator[tuple[str, Any]]:
    """Every command under ``command`` (itself first) with its path (``"ads deals add"``)."""
    stack: list[tuple[str, Any]] = [("", command)]
    while stack:
        path, cmd = stack.pop(0)
        yield path, cmd
        commands: dict[str, Any] = getattr(cmd, "commands", {})
        stack += [(f"{path} {name}".strip(), sub) for name, sub in commands.items()]


def localize(command: Any, lang: str) -> None:
    """Put the help texts of ``lang`` on ``command`` and everything under it."""
    for _path, cmd in walk(command):
        _set_help(cmd, lang)
        for param in cmd.params:
            _set_help(param, lang)
        helper = cmd.get_help_option(typer.Context(cmd))
        if helper is not None:
            helper.help = HELP_OPTION[lang]
    _set_typer_labels(lang)


def _set_help(obj: Any, lang: str) -> None:
    if not hasattr(obj, "_sellerops_help_en"):
        obj._sellerops_help_en = obj.help
    obj.help = translate(obj._sellerops_help_en, lang)


def _set_typer_labels(lang: str) -> None:
    if lang == "en" and "typer.rich_utils" not in sys.modules:
        return  # never changed in this process
    from typer import rich_utils

    for name, texts in TYPER_LABELS.items():
        setattr(rich_utils, name, texts[lang])


class LocalizedGroup(TyperGroup):
    """The root command: its help, and every command's, in the language of the run."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        localize(self, help_lang(sys.argv[1:] if args is None else args))
        return super().main(args, *rest, **extra)
