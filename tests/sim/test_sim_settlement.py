"""The simulator's settlement files add up to their totals and reconcile once imported; its
costs sheet imports a cost for every SKU."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import ProductCost, Settlement
from sellerops.finance.reconcile import reconcile
from sellerops.ingest.service import import_paths
from sellerops.sim import SimTruth, write_reports


@pytest.fixture(scope="module")
def finance_files(small_truth: SimTruth, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("sim-finance")
    return write_reports(small_truth, out, families=["settlement", "cost_sheet"])


def test_each_settlement_s_lines_sum_exactly_to_its_total(finance_files: list[Path]) -> None:
    settlements = [p for p in finance_files if p.name.startswith("Settlement_V2_US_")]
    assert len(settlements) == 4  # 60 days: four whole 14-day periods, the rest still open
    for path in settlements:
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        lines = sum(Decimal(r["amount"]) for r in rows[1:])
        assert lines == Decimal(rows[0]["total-amount"]), path.name
        assert {r["amount-description"] for r in rows[1:]} >= {"Principal", "Commission"}


def test_imported_simulated_settlements_reconcile_to_the_cent(
    engine: Engine, finance_files: list[Path], small_truth: SimTruth
) -> None:
    outcomes = import_paths(engine=engine, paths=finance_files, store="Demo", marketplace="US")

    assert {o.status for o in outcomes} == {"imported"}
    with unit_of_work(engine) as session:
        reconciled = session.scalars(select(Settlement.reconciled)).all()
        costs = session.scalar(select(func.count()).select_from(ProductCost))
    assert reconciled == [True] * 4
    assert costs == len(small_truth.products)


def test_simulated_date_range_reports_carry_the_settlements_money_day_by_day(
    engine: Engine, small_truth: SimTruth, tmp_path: Path
) -> None:
    files = write_reports(small_truth, tmp_path, families=["settlement", "date_range"])
    transactions = [p for p in files if p.name.endswith("MonthlyTransaction_US.csv")]
    assert transactions, [p.name for p in files]
    assert transactions[0].read_text(encoding="utf-8").splitlines()[7].startswith('"date/time"')

    outcomes = import_paths(engine=engine, paths=files, store="Demo", marketplace="US")

    assert {o.report_type for o in outcomes} == {"settlement_v2", "date_range"}
    assert {o.status for o in outcomes} == {"imported"}, [o.error for o in outcomes]
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        result = reconcile(session=session, store=store)
    assert result.checked["transaction_days"] >= 40  # four 14-day settlements, edge days cut
    assert [d for d in result.differences if d.check == "transactions"] == []
