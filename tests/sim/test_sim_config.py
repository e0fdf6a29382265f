"""Configs at the edges, and stores in several marketplaces."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sellerops.sim import SimConfig, simulate, write_reports
from tests.sim.conftest import DEMO_END


@pytest.mark.parametrize(("skus", "days"), [(1, 1), (3, 10)])
def test_tiny_stores_simulate_and_write(skus: int, days: int, tmp_path: Path) -> None:
    truth = simulate(SimConfig(skus=skus, days=days, end_date=DEMO_END))
    assert truth.units_sold.shape == (skus, days)
    assert len(truth.days) == days and truth.days[-1] == DEMO_END
    paths = write_reports(truth, tmp_path)
    assert len([p for p in paths if p.name.startswith("BusinessReport_")]) == days


def test_each_marketplace_is_its_own_store(tmp_path: Path) -> None:
    truth = simulate(SimConfig(skus=8, days=20, marketplaces=("US", "DE"), end_date=DEMO_END))
    assert list(truth.markets) == ["US", "DE"]
    de = truth.markets["DE"]
    assert de.marketplace.currency == "EUR"
    assert not any(i.planted for i in de.incidents), "storylines are planted in the first only"
    assert de.units_sold.sum() < truth.markets["US"].units_sold.sum()
    ids = {de.orders.order_id(k)[:3] for k in range(len(de.orders))}
    assert ids <= {"302", "303", "304", "305", "306", "028"}
    paths = write_reports(truth, tmp_path, families=["all_orders"], marketplaces=["DE"])
    assert paths and all(p.name.startswith("All_Orders_DE_") for p in paths)
    assert "\tAmazon.de\t" in paths[-1].read_text(encoding="utf-8")


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="lang"):
        SimConfig(lang="fr")
    with pytest.raises(ValueError, match="unknown marketplace"):
        SimConfig(marketplaces=("XX",))
    with pytest.raises(ValueError, match="at least 1"):
        SimConfig(skus=0)


def test_gb_is_accepted_for_the_uk() -> None:
    assert SimConfig(marketplaces=("GB",), end_date=date(2026, 1, 1)).market_codes == ("UK",)
