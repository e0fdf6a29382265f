"""Counts read as whole numbers on the pages.

Some evidence counts are weighted or pooled and stored with a decimal: the optimizer's
``recent_clicks_weighted`` (the last 7 days' clicks, each weighted by the share of its orders
Amazon has reported so far) and ``source_clicks`` (a search term's clicks under its auto /
broad targets) are kept to 0.1 so that the optimizer and the API read them as computed. A
person reads clicks, impressions, orders, units and sessions as whole numbers ("1,030
clicks", not "1,030.1"): they are rounded here, where they are shown, never in the data.
Rates and averages (``units_per_day``, ``sessions_same_weekday_avg``, ``orders_expected``)
keep their decimals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sellerops.core import i18n
from sellerops.daily import evidence as ev
from sellerops.daily.finding import Finding
from sellerops.daily.registry import load_domain_checks

COUNT_WORDS = frozenset({"clicks", "impressions", "orders", "units", "sessions"})
#: Words that make a count word a rate, an average or a label: left as they are.
NOT_A_COUNT = frozenset({"per", "avg", "expected", "usual", "value", "cost", "fee"})


def is_count(key: str) -> bool:
    """Whether the evidence field ``key`` counts clicks, impressions, orders, units or
    sessions (``clicks``, ``source_clicks``, ``recent_clicks_weighted``, ``excess_units``)."""
    words = set(key.split("_"))
    return bool(words & COUNT_WORDS) and not words & NOT_A_COUNT


def value_text(key: str, value: Any, currency: str, lang: str) -> str:
    """:func:`sellerops.daily.evidence.value_text`, with counts as whole numbers."""
    if isinstance(value, list):
        return ("；" if lang == "zh" else "; ").join(
            value_text(key, item, currency, lang) for item in value
        )
    numeric = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if numeric and is_count(key) and key not in ev.PERCENT_KEYS and key not in ev.MONEY_KEYS:
        return i18n.number(round(value), lang, 0)
    return ev.value_text(key, value, currency, lang)


def evidence_items(finding: Finding, lang: str) -> list[tuple[str, str]]:
    """:func:`sellerops.daily.evidence.evidence_items`, with counts as whole numbers."""
    load_domain_checks()  # the checks modules register the labels
    return [
        (ev.label(key, lang), value_text(key, value, finding.currency, lang))
        for key, value in finding.evidence.items()
        if value is not None
    ]
