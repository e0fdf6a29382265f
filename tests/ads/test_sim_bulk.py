"""The simulator's bulk operations file imports as the account's structure, bids and budgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.ads.models import AdCampaign, AdTarget
from sellerops.core.db import unit_of_work
from sellerops.core.stores import create_store
from sellerops.ingest.service import import_paths
from sellerops.sim import SimConfig, simulate, write_reports


def test_simulated_bulk_file_gives_every_campaign_a_budget_and_every_target_a_bid(
    engine: Engine, tmp_path: Path
) -> None:
    truth = simulate(SimConfig(seed=3, skus=8, days=35, end_date=date(2026, 11, 20)))
    (path,) = write_reports(truth, tmp_path, families=["ads_bulk"])
    assert path.name == "Bulk_Operations_US_2026-11-20.xlsx"
    with unit_of_work(engine) as s:
        create_store(session=s, name="Sim", marketplace="US")
    (outcome,) = import_paths(engine=engine, paths=[path], store="Sim", marketplace="US")
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as s:
        campaigns = list(s.scalars(select(AdCampaign)))
        targets = list(s.scalars(select(AdTarget)))
    assert len(campaigns) == len(truth.ad_structure.campaigns)
    assert all(c.daily_budget and c.amazon_id and c.state == "enabled" for c in campaigns)
    assert {c.targeting_type for c in campaigns} == {"auto", "manual"}
    assert targets and all(t.bid and t.amazon_id for t in targets)
    assert {t.kind for t in targets} == {"keyword", "auto"}
