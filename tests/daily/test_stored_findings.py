"""A finding stored by an earlier version renders on today's pages even when its message has
gained a placeholder since (the Today page failed with ``KeyError: 'recent'`` after the
lifecycle decline title started to quote the units sold)."""

from __future__ import annotations

from decimal import Decimal

from sellerops.catalog import lifecycle_checks  # noqa: F401  (registers the messages)
from sellerops.daily.finding import Finding


def _stored_decline() -> Finding:
    # the params the decline finding was stored with before "recent" / "before" existed
    return Finding(module="catalog", kind="lifecycle_decline", severity="medium",
                   entity_type="sku", entity="ACME-TOYS-0020-BL", money_at_stake=Decimal(12),
                   currency="USD", params={"drop_pct": 43})  # fmt: skip


def test_a_title_missing_a_newer_placeholder_renders_with_a_gap_instead_of_failing() -> None:
    finding = _stored_decline()
    for lang in ("en", "zh"):
        title = finding.title(lang)
        assert "ACME-TOYS-0020-BL" in title and "43%" in title
        assert "…" in title
    assert finding.action("en")


def test_a_finding_with_every_param_renders_without_gaps() -> None:
    finding = Finding(module="catalog", kind="lifecycle_decline", severity="medium",
                      entity_type="sku", entity="SKU-1", money_at_stake=Decimal(12),
                      currency="USD", params={"drop_pct": 43, "recent": 1.54, "before": 1.84})  # fmt: skip
    assert finding.title("en") == (
        "SKU-1 is declining: 43% fewer units a day in the last 28 days than in the 56 days "
        "before (1.54 vs 1.84 a day, days in stock)"
    )
