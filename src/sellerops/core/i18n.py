"""Chinese and English for everything a person reads.

Each domain registers its own messages (``{key: {"en": ..., "zh": ...}}``) next to the code
that uses them; :func:`t` renders one in the wanted language with ``str.format`` params.
Numbers, money and dates are formatted by Babel in the language's locale.
"""

from __future__ import annotations

import functools
import os
from datetime import date
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    format_percent,
    parse_pattern,
)

LANGS = ("en", "zh")
LOCALES = {"en": "en_US", "zh": "zh_CN"}
#: Parsed once: Babel parses a locale name on every call otherwise (a page formats hundreds).
_LOCALE = {lang: Locale.parse(name) for lang, name in LOCALES.items()}

_MESSAGES: dict[str, dict[str, str]] = {}


def register_messages(messages: dict[str, dict[str, str]]) -> None:
    for key, texts in messages.items():
        missing = [lang for lang in LANGS if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {missing}")
        _MESSAGES[key] = texts


def has_message(key: str) -> bool:
    return key in _MESSAGES


def t(key: str, lang: str, /, **params: Any) -> str:
    """The message ``key`` in ``lang``; an unknown key renders as itself (visible, not fatal).

    A message may give a singular text as ``"en_one"``: it is used when the count param
    (``"count"``, or the param named by the message's ``"one"`` entry) is 1 ("1 finding",
    not "1 findings"). Chinese has no plural and needs none.
    """
    texts = _MESSAGES.get(key)
    if texts is None:
        return key
    singular = texts.get(f"{lang}_one")
    if singular is not None and params.get(texts.get("one", "count")) in (1, "1"):
        return singular.format(**params)
    return texts.get(lang, texts["en"]).format(**params)


class _Gaps(dict[str, Any]):
    """Params that render a missing one as "…" (see :func:`t_stored`)."""

    def __missing__(self, key: str) -> str:
        return "…"


def t_stored(key: str, lang: str, /, **params: Any) -> str:
    """:func:`t` for params stored by an earlier version (a finding of yesterday's review):
    a placeholder the message has gained since renders as "…" instead of failing the page."""
    try:
        return t(key, lang, **params)
    except (KeyError, IndexError):
        texts = _MESSAGES[key]
        return texts.get(lang, texts["en"]).format_map(_Gaps(params))


def resolve_lang(explicit: str | None = None, configured: str | None = None) -> str:
    """``--lang``, then the setting, then the locale (LC_ALL, LC_MESSAGES, LANG), then English."""
    for candidate in (explicit, configured):
        if candidate:
            return "zh" if candidate.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


#: Pages format the same few values again and again; equal values format alike.
_memo = functools.lru_cache(maxsize=16384)


@_memo
def money(amount: Decimal | float, currency: str, lang: str) -> str:
    return format_currency(amount, currency, locale=_LOCALE[lang])


@functools.cache
def _pattern(fmt: str) -> NumberPattern:
    return parse_pattern(fmt)  # parsed once: Babel parses a string pattern on every call


@_memo
def number(value: Decimal | float | int, lang: str, digits: int = 1) -> str:
    fmt = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, format=_pattern(fmt), locale=_LOCALE[lang])


@_memo
def percent(fraction: Decimal | float, lang: str) -> str:
    return format_percent(fraction, format=_pattern("#,##0.#%"), locale=_LOCALE[lang])


@_memo
def day(value: date, lang: str) -> str:
    return format_date(value, format="medium", locale=_LOCALE[lang])
