"""The per-SKU rollups and store daily totals equal the facts they summarise, and imports
keep them up to date."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sellerops.ads.models import AdCampaign, AdGroup, AdProductDaily
from sellerops.catalog import rollups
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.catalog.rollup_models import AsinRollup, RollupState, StoreDayTotal
from sellerops.core.db import unit_of_work
from sellerops.daily.models import FindingRow
from sellerops.ingest.service import import_file
from tests import factories as f
from tests.factories import AS_OF

DATA = Path(__file__).parents[1] / "data" / "ingest"


def _units(k: int) -> int:
    """Uneven daily units, so each window has its own sum."""
    return (k * 7) % 11


def _finding(store_id: int, entity: str, key: str, status: str) -> FindingRow:
    return FindingRow(
        store_id=store_id, finding_key=key, module="catalog", kind="buy_box_lost",
        severity="high", entity_type="asin", entity=entity, params={}, evidence={},
        money_at_stake=Decimal(10), money_period="day", currency="USD", score=1.0,
        first_seen=AS_OF, last_seen=AS_OF, status=status,
    )  # fmt: skip


def _ads(session: Session, store_id: int) -> None:
    campaign = AdCampaign(store_id=store_id, ad_product="SP", name_key="c", name="C")
    session.add(campaign)
    session.flush()
    group = AdGroup(store_id=store_id, campaign_id=campaign.id, name_key="g", name="G")
    session.add(group)
    session.flush()
    for back, spend, sales in ((0, "3.50", "20.00"), (27, "1.50", "0"), (28, "9.00", "40")):
        session.add(
            AdProductDaily(store_id=store_id, day=AS_OF - timedelta(days=back),
                           ad_group_id=group.id, asin="B0ONE00001", sku="SKU-ONE",
                           campaign_id=campaign.id, spend=Decimal(spend), currency="USD",
                           sales=Decimal(sales))
        )  # fmt: skip


def test_rollups_equal_the_raw_facts(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        for back in range(70):  # 70 days: past the 56 the rollup reads
            day = AS_OF - timedelta(days=back)
            f.traffic(s, store, "B0ONE00001", day, units=_units(back), sessions=20 + back)
            if back % 3:
                f.traffic(s, store, "B0TWO00002", day, units=1, price="7.50", sessions=4)
        f.product(s, store, "SKU-ONE", "B0ONE00001", title="One", price=Decimal("20.00"))
        f.product(s, store, "SKU-ONE-B", "B0ONE00001", title="One, bundle")  # same ASIN
        f.product(s, store, "SKU-TWO", "B0TWO00002", title="Two")
        f.product(s, store, "SKU-IDLE", "B0IDLE0003", title="Never sold")
        f.snapshot(s, store, "SKU-ONE", AS_OF - timedelta(days=9), fulfillable=999)
        f.snapshot(s, store, "SKU-ONE", AS_OF - timedelta(days=2), fulfillable=84)
        f.snapshot(s, store, "SKU-IDLE", AS_OF - timedelta(days=2), fulfillable=5)
        _ads(s, store.id)
        s.add_all([_finding(store.id, "B0ONE00001", "k1", "new"),
                   _finding(store.id, "SKU-ONE", "k2", "acknowledged"),
                   _finding(store.id, "SKU-ONE", "k3", "done")])  # fmt: skip
        s.flush()
        assert rollups.refresh(session=s, store_id=store.id) == AS_OF
        rows = {r.sku: r for r in s.scalars(select(AsinRollup))}
        facts = s.execute(
            select(SalesTrafficDaily.day, SalesTrafficDaily.units_ordered,
                   SalesTrafficDaily.ordered_sales, SalesTrafficDaily.sessions)
            .where(SalesTrafficDaily.child_asin == "B0ONE00001")
        ).all()  # fmt: skip
        totals = {t.day: t for t in s.scalars(select(StoreDayTotal))}
        all_facts = s.execute(
            select(SalesTrafficDaily.day, SalesTrafficDaily.units_ordered,
                   SalesTrafficDaily.ordered_sales)
        ).all()  # fmt: skip

    def window(first: int, last: int) -> tuple[int, Decimal, int]:
        """Sums of B0ONE00001 from ``first`` to ``last`` days before AS_OF."""
        inside = [r for r in facts if first <= (AS_OF - r.day).days <= last]
        return (sum(r.units_ordered for r in inside), sum((r.ordered_sales for r in inside),
                Decimal(0)), sum(r.sessions for r in inside))  # fmt: skip

    one = rows["SKU-ONE"]
    assert (one.units_7, one.sales_7, one.sessions_7) == window(0, 6)
    assert (one.units_28, one.sales_28, one.sessions_28) == window(0, 27)
    assert (one.units_prev_28, one.sales_prev_28, one.sessions_prev_28) == window(28, 55)
    assert one.conversion_28 == one.units_28 / one.sessions_28
    assert one.stock == 84  # the newest snapshot, not the older 999
    assert one.days_of_cover is not None
    assert abs(one.days_of_cover - 84 / (one.units_28 / 28)) < 1e-9
    assert (one.ad_spend_28, one.ad_sales_28) == (Decimal("5.00"), Decimal("20.00"))
    assert one.acos_28 == 0.25
    assert one.open_findings == 2  # by ASIN and by SKU; the done one does not count
    assert one.price == Decimal("20.00") and one.title == "One" and one.as_of == AS_OF
    bundle = rows["SKU-ONE-B"]  # the Business Report is per ASIN: the bundle shows the same
    assert (bundle.units_28, bundle.stock, bundle.open_findings) == (one.units_28, None, 1)
    two = rows["SKU-TWO"]
    assert two.sales_28 == Decimal("7.50") * sum(1 for k in range(28) if k % 3)
    idle = rows["SKU-IDLE"]
    assert (idle.units_28, idle.sales_28, idle.stock, idle.conversion_28) == (0, 0, 5, None)
    assert idle.days_of_cover is None and idle.acos_28 is None
    assert min(totals) == AS_OF - timedelta(days=rollups.TOTALS_DAYS - 1)
    for day, total in totals.items():
        raw = [r for r in all_facts if r.day == day]
        assert total.units == sum(r.units_ordered for r in raw)
        assert total.sales == sum((r.ordered_sales for r in raw), Decimal(0))


def test_pages_refresh_stale_rollups_once(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0ONE00001", days=10, units=3)
        f.product(s, store, "SKU-ONE", "B0ONE00001")
        s.flush()
        day = AS_OF - timedelta(days=1)
        rollups.ensure_fresh(session=s, store_id=store.id, as_of=day)
        first = s.get(RollupState, store.id)
        assert first is not None and first.as_of == day and first.products == 1
        stamp = first.refreshed_at
        rollups.ensure_fresh(session=s, store_id=store.id, as_of=day)  # fresh: untouched
        assert s.get(RollupState, store.id).refreshed_at == stamp  # type: ignore[union-attr]
        f.product(s, store, "SKU-NEW", "B0NEW00001")  # written by something that did not refresh
        s.flush()
        rollups.ensure_fresh(session=s, store_id=store.id, as_of=day)
        assert {r.sku for r in s.scalars(select(AsinRollup))} == {"SKU-ONE", "SKU-NEW"}


def test_an_import_and_a_re_import_refresh_the_rollups(engine: Engine, tmp_path: Path) -> None:
    report = DATA / "BusinessReport_US_2026-11-26.csv"
    for path in (DATA / "Inventory_US_2026-11-26.txt", report):
        outcome = import_file(engine=engine, path=path)
        assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as s:
        hose = s.scalars(select(AsinRollup).where(AsinRollup.sku == "HOSE-50-GRN")).one()
        assert (hose.units_28, hose.sales_28, hose.stock) == (1234, Decimal("23456.78"), 120)
        day = s.scalars(select(StoreDayTotal)).all()
        assert [(t.day.isoformat(), t.units) for t in day] == [("2026-11-26", 1234 + 9 + 0)]
    corrected = tmp_path / "BusinessReport_US_2026-11-26.csv"
    corrected.write_text(
        report.read_text(encoding="utf-8").replace('"1,234","1","7.25%"', '"1,000","1","7.25%"'),
        encoding="utf-8",
    )
    outcome = import_file(engine=engine, path=corrected)
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as s:
        hose = s.scalars(select(AsinRollup).where(AsinRollup.sku == "HOSE-50-GRN")).one()
        assert hose.units_28 == 1000
        assert s.scalars(select(StoreDayTotal)).one().units == 1000 + 9 + 0
