"""Numbers in finding titles and actions as a person reads them: whole days without ``.0``,
counts with thousands separators, English singular for one; Chinese alike but without plural."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine

import sellerops.cli.messages
import sellerops.daily.present  # noqa: F401  (registers review.count)
from sellerops.catalog import lifecycle_checks
from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.daily.context import ReviewContext
from sellerops.daily.finding import Finding, localized_params
from sellerops.inventory.models import InventoryHealthSnapshot
from tests import factories as f
from tests.factories import AS_OF


def _stockout(cover_days: float, reorder_units: int) -> Finding:
    return Finding(
        module="inventory", kind="stockout_risk", severity="high", entity_type="sku",
        entity="SKU-1", money_at_stake=Decimal("10"), money_period="month", currency="USD",
        params={"cover_days": cover_days, "lead_days": 31, "reorder_units": reorder_units},
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_floats_lose_a_needless_point_zero_and_keep_real_decimals(lang: str) -> None:
    out = localized_params({"a": 31.0, "b": 67.5, "c": 2764.0, "d": 0.17, "e": 12345.25}, lang)
    assert out == {"a": "31", "b": "67.5", "c": "2,764", "d": "0.17", "e": "12,345.25"}


def test_a_stockout_title_shows_whole_days_and_separated_units() -> None:
    finding = _stockout(31.0, 2764)
    assert "lasts 31 days; a new order takes 31 days" in finding.title("en")
    assert "仅够 31 天，交货周期 31 天" in finding.title("zh")
    assert "about 2,764 units" in finding.action("en")
    assert "约 2,764 件" in finding.action("zh")
    assert "lasts 12.5 days" in _stockout(12.5, 5).title("en")  # a real fraction stays


def test_one_finding_is_singular_in_english_only() -> None:
    one = i18n.t("review.count", "en", count="1", new="1", money="$5.00")
    assert one.startswith("1 finding, 1 new")
    assert i18n.t("review.count", "en", count="2", new="1", money="$5.00").startswith("2 findings,")
    assert i18n.t("review.count", "zh", count="1", new="1", money="$5.00").startswith("共 1 项")
    assert i18n.t("import.summary", "en", files=1, imported=1, skipped=0, failed=0).startswith(
        "1 file:"
    )
    assert i18n.t("import.summary", "en", files=3, imported=1, skipped=2, failed=0).startswith(
        "3 files:"
    )


def test_a_singular_message_needs_its_count_param_to_be_one() -> None:
    i18n.register_messages(
        {"test.plural": {"en": "{n} rows", "en_one": "{n} row", "zh": "{n} 行", "one": "n"}}
    )
    assert [i18n.t("test.plural", "en", n=k) for k in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    assert i18n.t("test.plural", "zh", n=1) == "1 行"


def test_a_liquidation_action_for_thousands_of_units_has_separators(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-OLD", "B0OLDSKU01", price=Decimal("20.00"))
        for k in range(180):
            day = AS_OF - date.resolution * k
            f.traffic(s, store, "B0OLDSKU01", day, units=10 if k > 80 else (1 if k % 2 else 0))
            f.snapshot(s, store, "SKU-OLD", day, fulfillable=3000, asin="B0OLDSKU01")
        s.add(InventoryHealthSnapshot(store_id=store.id, snapshot_date=AS_OF, sku="SKU-OLD",
                                      available=3000, age_271_365=2500, item_volume=Decimal("0.5"),
                                      volume_unit="cubic feet"))  # fmt: skip
        s.flush()
        (finding,) = lifecycle_checks.lifecycle_end_of_life(ReviewContext(s, store, AS_OF))
    units = finding.evidence["units_to_clear"]
    assert isinstance(units, int) and units >= 1000
    shown = f"{units:,}"
    assert f"order for {shown} units" in finding.action("en")
    assert f"为 {shown} 件创建" in finding.action("zh")
    assert f"{shown} units will not sell" in finding.title("en")


def test_one_stranded_unit_is_singular() -> None:
    def stranded(units: int) -> str:
        return Finding(
            module="inventory", kind="stranded", severity="medium", entity_type="sku",
            entity="SKU-1", money_at_stake=Decimal("10"), money_period="once", currency="USD",
            params={"units": units, "value": "$10.00"},
        ).title("en")  # fmt: skip

    assert "SKU-1: 1 unit at FBA has no active listing" in stranded(1)
    assert "SKU-1: 1,200 units at FBA have no active listing" in stranded(1200)
