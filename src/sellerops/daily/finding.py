"""A finding: one thing in the daily review that wants the operator's attention."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sellerops.core import i18n
from sellerops.core.marketplaces import MARKETPLACES
from sellerops.core.money import quantize

#: The domain packages that raise findings; ``Finding.module`` is one of these.
MODULES = ("catalog", "inventory", "ads", "service", "finance", "brand", "reviews", "partners")
#: What a person calls each module, in English and Chinese.
MODULE_NAMES: dict[str, dict[str, str]] = {
    key: {"en": en, "zh": zh}
    for key, en, zh in (
        ("catalog", "Catalog", "商品"),
        ("inventory", "Inventory", "库存"),
        ("ads", "Ads", "广告"),
        ("service", "Service", "客服"),
        ("finance", "Finance", "财务"),
        ("brand", "Brand", "品牌"),
        ("reviews", "Reviews", "评论"),
        ("partners", "Partners", "合作伙伴"),
    )
}
SEVERITIES = ("critical", "high", "medium", "low")
Severity = Literal["critical", "high", "medium", "low"]
Period = Literal["day", "month", "once"]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found.

    ``money_at_stake`` is in ``currency`` per ``money_period`` (lost sales per day, excess
    cost per month, a one-off fee ...). ``urgency_days`` says how soon it bites (days until
    a stock-out); None when it already bites. ``params`` feed the localized title and action
    (messages ``<module>.<kind>.title`` / ``.action``); ``evidence`` holds the numbers that
    triggered the finding, named so a person can read them.
    """

    module: str
    kind: str
    severity: Severity
    entity_type: str
    entity: str
    money_at_stake: Decimal
    currency: str
    money_period: Period = "day"
    params: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    urgency_days: float | None = None

    def __post_init__(self) -> None:
        if self.module not in MODULES:
            raise ValueError(f"module must be one of {MODULES}, not {self.module!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    @property
    def key(self) -> str:
        """Stable across days: the same problem on the same entity keeps its key."""
        raw = "|".join((self.module, self.kind, self.entity_type, self.entity))
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def title(self, lang: str) -> str:
        _ensure_messages()
        return i18n.t_stored(self._message("title"), lang, entity=self.entity,
                             **localized_params(self.params, lang))  # fmt: skip

    def action(self, lang: str) -> str:
        _ensure_messages()
        return i18n.t_stored(self._message("action"), lang, entity=self.entity,
                             **localized_params(self.params, lang))  # fmt: skip

    def _message(self, part: str) -> str:
        """``<module>.<kind>.<part>``, or its variant ``<...>.<part>.<variant>`` when the
        params name one that exists (a stock-out of a SKU that loses money asks for a price
        or cost fix, not a reorder)."""
        key = f"{self.module}.{self.kind}.{part}"
        variant = self.params.get("variant")
        if isinstance(variant, str) and i18n.has_message(f"{key}.{variant}"):
            return f"{key}.{variant}"
        return key

    @property
    def monthly_money(self) -> Decimal:
        if self.money_period == "day":
            return self.money_at_stake * 30
        return self.money_at_stake


def money_param(amount: Decimal | float | int, currency: str) -> dict[str, str]:
    """An amount for a finding's ``params``: kept as a number and its currency, and written
    in the reader's language when the title is rendered (``$12.50`` / ``US$12.50``)."""
    return {"amount": str(quantize(Decimal(str(amount)), currency)), "currency": currency}


#: Findings stored before amounts were structured wrote them as ``12.50 USD``; those still
#: render in the reader's language.
_LEGACY_CURRENCIES = {m.currency for m in MARKETPLACES.values()} | {"CNY", "HKD", "TWD"}
_LEGACY_AMOUNT = re.compile(r"(-?\d+(?:\.\d+)?) ([A-Z]{3})")


def _float_text(value: float, lang: str) -> str:
    """A float param as read: ``67.0`` days is ``67``, ``2764.5`` is ``2,764.5``; the
    decimals the check kept (at most 3) stay."""
    text = repr(value)
    if "e" in text:
        return text
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return i18n.number(value, lang, min(decimals, 3))


def localized_params(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Params as a person reads them in ``lang``: amounts (:func:`money_param`) become
    ``$12.50`` / ``US$12.50``, numbers get their thousands separators, a whole float
    (``31.0`` days) reads as a whole number, and a ``{"message", "params"}`` phrase is
    that message in ``lang``."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, dict) and value.keys() == {"amount", "currency"}:
            out[name] = i18n.money(Decimal(value["amount"]), value["currency"], lang)
        elif isinstance(value, dict) and value.keys() == {"message", "params"}:
            # a phrase in the reader's language ("950 days of cover", "no sales expected")
            out[name] = i18n.t(value["message"], lang, **localized_params(value["params"], lang))
        elif isinstance(value, int) and not isinstance(value, bool):
            out[name] = i18n.number(value, lang, 0)
        elif isinstance(value, float) and math.isfinite(value):
            out[name] = _float_text(value, lang)
        elif isinstance(value, str) and (m := _LEGACY_AMOUNT.fullmatch(value)) is not None \
                and m.group(2) in _LEGACY_CURRENCIES:  # fmt: skip
            out[name] = i18n.money(Decimal(m.group(1)), m.group(2), lang)
        else:
            out[name] = value
    return out


def _ensure_messages() -> None:
    from sellerops.daily.registry import load_domain_checks  # the registry imports this module

    load_domain_checks()


SEVERITY_WEIGHT = {"critical": 3.0, "high": 2.0, "medium": 1.2, "low": 0.6}


def score(finding: Finding) -> float:
    """Rank by money at stake per month, weighted by severity and by how soon it bites.

    A stock-out in 2 days outranks the same money at stake in 40 days: urgency multiplies
    the score by up to 3 (already happening) and fades towards 1 over a few weeks.
    """
    urgency = 3.0 if finding.urgency_days is None else 1.0 + 2.0 / (1.0 + finding.urgency_days / 7)
    return float(finding.monthly_money) * SEVERITY_WEIGHT[finding.severity] * urgency
