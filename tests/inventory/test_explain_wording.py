"""The restock explanation counts days in the right number: "1 day ... is left out"."""

from __future__ import annotations

from sellerops.inventory.plan_explain import render

KEY = "restock.why.units.missing"


def test_one_missing_day_is_singular_and_more_are_plural() -> None:
    one = render([(KEY, {"days": 1, "missing_spans": [["2026-12-01", "2026-12-01"]]})], "en")
    two = render([(KEY, {"days": 2, "missing_spans": [["2026-12-01", "2026-12-02"]]})], "en")
    zh = render([(KEY, {"days": 1, "missing_spans": [["2026-12-01", "2026-12-01"]]})], "zh")
    assert one.startswith("1 day without an order report") and "is left out" in one
    assert "1 days" not in one and "as a day without sales" in one
    assert two.startswith("2 days without") and "are left out" in two
    assert zh.startswith("1 天既无订单报告")
