"""One Chinese term per concept, everywhere a person reads it (review, web, reports, sheets).

Buy Box is 购买按钮 (never 购物车); lead time, from placing an order to sellable stock at
Amazon, is 交货周期 (never 补货周期, 交货期 or 交期; a supplier's production time alone is
生产周期, a different thing); the restock review period is 复核周期 (never 检查周期); the
same weekday a week earlier is 较上周同日 (同比 means against last year)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import sellerops
from sellerops.core import i18n

BANNED = {
    "购物车": "购买按钮",
    "补货周期": "交货周期",
    "交货期": "交货周期",
    "交期": "交货周期",
    "检查周期": "复核周期",
    "同比上周": "较上周同日",
}
SRC = Path(sellerops.__file__).parent
#: Where a banned variant is meant: headers of sheets people filled in before the terms were
#: settled are still read (an alias), never written.
READ_ONLY_ALIASES = {("ingest/templates.py", '"补货周期（天）"')}


def _all_messages() -> dict[str, dict[str, str]]:
    for module in pkgutil.walk_packages([str(SRC)], "sellerops."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    return i18n._MESSAGES


def test_registered_chinese_messages_use_one_term_per_concept() -> None:
    messages = _all_messages()
    assert len(messages) > 500  # every catalog is loaded
    found = [(key, bad) for key, texts in messages.items() for bad in BANNED
             if bad in texts["zh"]]  # fmt: skip
    assert found == [], f"use {[BANNED[b] for _, b in found]} instead"
    assert "较上周同日" in i18n.t("web.kpi.vs_week", "zh")
    buy_box = [k for k in messages if "buybox_lost" in k]
    assert buy_box and all("购买按钮" in messages[k]["zh"] for k in buy_box)


@pytest.mark.parametrize("bad", sorted(BANNED))
def test_no_banned_variant_in_any_text_the_code_writes(bad: str) -> None:
    """Column names, evidence labels and headers live in plain dicts and tuples too."""
    hits = []
    for path in sorted([*SRC.rglob("*.py"), *SRC.rglob("*.html")]):
        rel = path.relative_to(SRC).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if bad in line and not any(
                rel == p and alias in line for p, alias in READ_ONLY_ALIASES
            ):
                hits.append(f"{rel}:{n}: {line.strip()}")
    assert hits == [], f"{bad} -> {BANNED[bad]}:\n" + "\n".join(hits)
