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

import inspect
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
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
    "DEPRECATED_STRING": {"en": "(deprecated) ", "zh": "（已弃用）"},
    "ABORTED_TEXT": {"en": "Aborted.", "zh": "已中止。"},
    "ENVVAR_STRING": {"en": "[env var: {}]", "zh": "[环境变量：{}]"},
    "RICH_HELP": {
        "en": "Try [blue]'{command_path} {help_option}'[/] for help.",
        "zh": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    },
}
HELP_OPTION = {"en": "Show this message and exit.", "zh": "显示此帮助并退出。"}
#: The usage line: "Usage: sellerops [OPTIONS] COMMAND [ARGS]...".
USAGE = {"en": "Usage: ", "zh": "用法："}
OPTIONS_METAVAR = {"en": "[OPTIONS]", "zh": "[选项]"}
COMMAND_METAVAR = {"en": "COMMAND [ARGS]...", "zh": "命令 [参数]..."}
#: What an option's value is, instead of Typer's type names ("<str>", "<int range>").
VALUE_HINTS: dict[str, dict[str, str]] = {
    "str": {"en": "TEXT", "zh": "文本"},
    "int": {"en": "INTEGER", "zh": "整数"},
    "int range": {"en": "INTEGER", "zh": "整数"},
    "float": {"en": "NUMBER", "zh": "数值"},
    "float range": {"en": "NUMBER", "zh": "数值"},
    "path": {"en": "PATH", "zh": "路径"},
    "Path": {"en": "PATH", "zh": "路径"},
    "file": {"en": "FILE", "zh": "文件"},
}
LANG_NAMES = {"en": "English", "zh": "中文"}
UNKNOWN_LANG = {
    "en": "unknown language {value!r}; use one of: {known}",
    "zh": "不支持的语言 {value!r}；可用：{known}",
}


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
    explicit: str | None = None
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
    if explicit is not None and not known_lang(explicit):
        explicit = None  # refused by the root command, in the configured language
    return i18n.resolve_lang(explicit, _configured_lang())


def known_lang(value: str) -> bool:
    """``value`` names a language of the app: ``en``, ``zh``, or a locale of one (``zh_CN``)."""
    return re.split(r"[-_.]", value.strip().lower(), maxsplit=1)[0] in i18n.LANGS


def check_lang(value: str | None, lang: str) -> None:
    """Refuse a ``--lang`` the app does not speak, listing those it does."""
    if value is not None and not known_lang(value):
        known = ", ".join(f"{code} ({LANG_NAMES[code]})" for code in i18n.LANGS)
        raise typer.BadParameter(
            UNKNOWN_LANG[lang].format(value=value, known=known), param_hint="'--lang'"
        )


def hoist_lang(root: Any, args: Sequence[str]) -> list[str]:
    """``args`` with a ``--lang X`` written after the command moved before it, where the
    command has no ``--lang`` of its own (``sellerops review --lang zh`` is
    ``sellerops --lang zh review``; ``demo --lang zh`` stays the files' language)."""
    tokens = list(args)
    cmd = root
    n = 0
    while n < len(tokens):  # the root's options, then the command path
        token = tokens[n]
        if token == "--":
            return tokens
        if token.startswith("-"):
            if cmd is not root:
                break  # the options of a group or command: looked at below
            n += 2 if token == "--lang" else 1
            continue
        sub = getattr(cmd, "commands", {}).get(token)
        if sub is None:
            break
        cmd, n = sub, n + 1
        if not hasattr(sub, "commands"):
            break
    if cmd is root:
        return tokens
    options = [p for p in cmd.params if getattr(p, "opts", None) and p.param_type_name == "option"]
    if any("--lang" in p.opts for p in options):
        return tokens
    with_value = {o for p in options if not getattr(p, "is_flag", False) for o in p.opts}
    i = n
    while i < len(tokens):
        token = tokens[i]
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(tokens):
            return [*tokens[i : i + 2], *tokens[:i], *tokens[i + 2 :]]
        if token.startswith("--lang="):
            return [token, *tokens[:i], *tokens[i + 1 :]]
        i += 2 if token in with_value else 1
    return tokens


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
        _set_help(cmd, lang, reflow=True)
        _set_usage(cmd, lang)
        for param in cmd.params:
            _set_help(param, lang)
            _set_value_hint(param, lang)
        helper = cmd.get_help_option(typer.Context(cmd))
        if helper is not None:
            helper.help = HELP_OPTION[lang]
            _set_value_hint(helper, lang)
    _set_typer_labels(lang)


def reflow(text: str | None) -> str | None:
    """``text`` with each paragraph on one line: a docstring's line breaks are where its
    source wrapped, not where the reader's terminal does."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split()) for p in paragraphs)


def _set_help(obj: Any, lang: str, reflow: bool = False) -> None:
    if not hasattr(obj, "_sellerops_help_en"):
        obj._sellerops_help_en = globals()["reflow"](obj.help) if reflow else obj.help
    obj.help = translate(obj._sellerops_help_en, lang)


def _set_usage(cmd: Any, lang: str) -> None:
    """The usage line in ``lang``: "用法：sellerops [选项] 命令 [参数]..."."""
    if cmd.options_metavar:
        cmd.options_metavar = OPTIONS_METAVAR[lang]
    if getattr(cmd, "subcommand_metavar", None):
        cmd.subcommand_metavar = COMMAND_METAVAR[lang]

    def format_usage(ctx: Any, formatter: Any) -> None:
        pieces = cmd.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE[lang])

    cmd.format_usage = format_usage


def value_hint(param: Any, shown: str | None, lang: str) -> str | None:
    """What the help shows after an option for its value: nothing for a flag, YYYY-MM-DD for
    a day, "TEXT" / "文本" and the like instead of Typer's "<str>", the choices."""
    if getattr(param, "is_flag", False) and not getattr(param, "count", False):
        return None
    if not shown or not (shown.startswith("<") and shown.rstrip(".").endswith(">")):
        return shown  # a metavar of the command's own
    repeat = "..." if shown.endswith("...") else ""
    name = shown.rstrip(".")[1:-1]
    listed = re.fullmatch(r"list\[(.+)\]", name)
    if listed:
        name = listed.group(1)
    if name == "str" and "YYYY-MM-DD" in (getattr(param, "_sellerops_help_en", None) or ""):
        return "YYYY-MM-DD" + repeat
    if name in VALUE_HINTS:
        return VALUE_HINTS[name][lang] + repeat
    if "|" in name:
        return f"[{name}]{repeat}"
    return shown


def _set_value_hint(param: Any, lang: str) -> None:
    shown_by_typer: Callable[..., str | None] = type(param).display_type_rich

    def display_type_rich(ctx: Any) -> str | None:
        return value_hint(param, shown_by_typer(param, ctx=ctx), lang)

    param.display_type_rich = display_type_rich


def _set_typer_labels(lang: str) -> None:
    if lang == "en" and "typer.rich_utils" not in sys.modules:
        return  # never changed in this process
    from typer import rich_utils

    for name, texts in TYPER_LABELS.items():
        setattr(rich_utils, name, texts[lang])
    if not hasattr(rich_utils, "_sellerops_originals"):
        rich_utils._sellerops_originals = (  # type: ignore[attr-defined]
            rich_utils.rich_format_error,
            rich_utils._make_rich_text,
        )
    format_error, make_text = rich_utils._sellerops_originals  # type: ignore[attr-defined]
    if lang == "en":
        setattr(rich_utils, "rich_format_error", format_error)  # noqa: B010
        setattr(rich_utils, "_make_rich_text", make_text)  # noqa: B010
        return
    from sellerops.cli.cjk_wrap import cjk

    def rich_format_error(exc: Any) -> None:
        text = translate_error(exc.format_message())
        exc.format_message = lambda: text
        format_error(exc)

    def make_rich_text(**kwargs: Any) -> Any:
        return cjk(make_text(**kwargs))

    setattr(rich_utils, "rich_format_error", rich_format_error)  # noqa: B010
    setattr(rich_utils, "_make_rich_text", make_rich_text)  # noqa: B010


#: Click's and Typer's error messages (fixed English) and their Chinese; a ``detail`` is
#: translated by :data:`DETAILS_ZH`.
ERRORS_ZH: list[tuple[str, str]] = [
    (r"Missing command\.", "缺少命令。"),
    (r"No such command (?P<a>'.*')\. Did you mean (?P<b>.*)\?", "没有命令 {a}。是否想输入 {b}？"),
    (r"No such command (?P<a>'.*')\.", "没有命令 {a}。"),
    (r"No such option: (?P<a>\S+) \(Possible options: (?P<b>.*)\)", "没有选项 {a}（可能是：{b}）"),
    (r"No such option: (?P<a>\S+)", "没有选项 {a}"),
    (r"Missing argument (?P<a>.*)\.", "缺少参数 {a}。"),
    (r"Missing option (?P<a>.*)\.", "缺少选项 {a}。"),
    (r"Missing parameter (?P<a>.*)\.", "缺少参数 {a}。"),
    (r"Option (?P<a>.*) requires an argument\.", "选项 {a} 需要一个值。"),
    (r"Option (?P<a>.*) requires (?P<b>\d+) arguments\.", "选项 {a} 需要 {b} 个值。"),
    (r"Option (?P<a>.*) does not take a value\.", "选项 {a} 不接受值。"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.*)\)", "多余的参数：{a}"),
    (r"Invalid value for (?P<a>'[^']*'(?: / '[^']*')*): (?P<detail>.*)", "{a} 的值无效：{detail}"),
    (r"Invalid value: (?P<detail>.*)", "值无效：{detail}"),
]
#: Why a value is invalid (Pydantic's and Typer's words).
DETAILS_ZH: list[tuple[str, str]] = [
    (r"Input should be a valid integer.*", "应为整数"),
    (r"Input should be a valid number.*", "应为数字"),
    (r"Input should be a valid boolean.*", "应为 true 或 false"),
    (r"Input should be greater than or equal to (?P<a>\S+)", "应大于或等于 {a}"),
    (r"Input should be less than or equal to (?P<a>\S+)", "应小于或等于 {a}"),
    (r"Input should be greater than (?P<a>\S+)", "应大于 {a}"),
    (r"Input should be less than (?P<a>\S+)", "应小于 {a}"),
    (r"(?:Value error, )?(?P<a>'.*') is not one of (?P<b>.*?)\.?", "{a} 不是可选值，可选：{b}"),
    (r"(?:File|Directory|Path) (?P<a>'.*') does not exist\.", "{a} 不存在。"),
    (r"(?:File|Directory|Path) (?P<a>'.*') is a file\.", "{a} 是文件，不是文件夹。"),
    (r"(?:File|Directory|Path) (?P<a>'.*') is a directory\.", "{a} 是文件夹，不是文件。"),
    (r"(?:File|Directory|Path) (?P<a>'.*') is not readable\.", "{a} 不可读。"),
    (r"(?:File|Directory|Path) (?P<a>'.*') is not writable\.", "{a} 不可写。"),
]


def _replace(table: list[tuple[str, str]], text: str) -> str | None:
    for pattern, zh in table:
        match = re.fullmatch(pattern, text, flags=re.DOTALL)
        if match:
            parts = {k: v or "" for k, v in match.groupdict().items()}
            if "detail" in parts:
                parts["detail"] = _replace(DETAILS_ZH, parts["detail"]) or parts["detail"]
            return zh.format(**parts)
    return None


def translate_error(message: str) -> str:
    """A usage error of Click or Typer (``message``, English) in Chinese; as is when it is
    not one of theirs (the commands' own messages are in the reader's language already)."""
    head, choose, choices = message.partition(" Choose from:")
    zh = _replace(ERRORS_ZH, head)
    if zh is None:
        return message
    return zh + (f"可选：{choices}" if choose else "")


class LocalizedGroup(TyperGroup):
    """The root command: its help, and every command's, in the language of the run."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        tokens = hoist_lang(self, sys.argv[1:] if args is None else args)
        localize(self, help_lang(tokens))
        return super().main(tokens, *rest, **extra)
