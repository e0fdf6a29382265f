"""How a finding's evidence reads on a page: localized labels, money, percentages, dates.

Checks name their evidence numbers (``days_of_cover``, ``buy_box``...); labels come from
``evidence.<name>`` messages when registered, else the name itself. Coded values such as a
sales drop's ``cause`` read through ``evidence.<name>.<value>`` messages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sellerops.core import i18n
from sellerops.daily.finding import Finding
from sellerops.daily.registry import load_domain_checks

#: Evidence fields that are fractions (0.3 = 30 %), and amounts in the finding's currency;
#: filled by :func:`register_evidence` from each domain's checks module.
PERCENT_KEYS: set[str] = set()
MONEY_KEYS: set[str] = set()


_DECLARED: dict[str, tuple[str, str, str]] = {}


def register_evidence(fields: dict[str, tuple[str, str, str]]) -> None:
    """Declare evidence fields: ``{name: (English label, Chinese label, kind)}``.

    ``kind`` is ``money`` (finding currency), ``percent`` (a fraction), or ``plain``.
    """
    for name, (en, zh, kind) in fields.items():
        known = _DECLARED.get(name)
        if known is not None and known != (en, zh, kind):
            raise ValueError(
                f"evidence field {name!r} is already declared as {known}; a field name means "
                "one thing in every check: give this one a name of its own"
            )
        _DECLARED[name] = (en, zh, kind)
        i18n.register_messages({f"evidence.{name}": {"en": en, "zh": zh}})
        if kind == "money":
            MONEY_KEYS.add(name)
        elif kind == "percent":
            PERCENT_KEYS.add(name)
        elif kind != "plain":
            raise ValueError(f"unknown evidence kind {kind!r} for {name}")


def label(key: str, lang: str) -> str:
    name = f"evidence.{key}"
    return i18n.t(name, lang) if i18n.has_message(name) else key.replace("_", " ")


def value_text(key: str, value: Any, currency: str, lang: str) -> str:
    if isinstance(value, list):  # several values of the same kind, each rendered alone
        return ("；" if lang == "zh" else "; ").join(
            value_text(key, item, currency, lang) for item in value
        )
    if isinstance(value, dict) and "code" in value:
        # a code named by another field's messages (``of``), with what was found
        text = value_text(str(value.get("of", key)), value["code"], currency, lang)
        detail = value.get("detail")
        if not detail:
            return text
        return f"{text}（{detail}）" if lang == "zh" else f"{text} ({detail})"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if key in PERCENT_KEYS:
            return i18n.percent(value, lang)
        if key in MONEY_KEYS:
            return i18n.money(value, currency, lang)
        return i18n.number(value, lang, 0 if isinstance(value, int) else 2)
    if isinstance(value, str):
        coded = f"evidence.{key}.{value}"
        if i18n.has_message(coded):
            return i18n.t(coded, lang)
        try:
            return i18n.day(date.fromisoformat(value), lang) if len(value) == 10 else value
        except ValueError:
            return value
    return str(value)


def evidence_items(finding: Finding, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs in the check's order, leaving out empty values."""
    load_domain_checks()  # the checks modules register the labels
    return [
        (label(key, lang), value_text(key, value, finding.currency, lang))
        for key, value in finding.evidence.items()
        if value is not None
    ]
