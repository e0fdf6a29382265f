"""P&L and report benchmark on a simulated store (settlements, orders, costs imported).

Measures, on SQLite, the time to build the per-SKU P&L of 30 days (fee lines classified,
estimates for unsettled days, landed cost, allocations) against a baseline measured in the same
run: one plain ``SUM(amount) GROUP BY sku`` over the same fee lines, the least any P&L must
read. Then the time to build and render the weekly report (HTML, XLSX, PDF). Also checks that
every simulated settlement reconciles to the cent. One line of figures per measured thing.

    .venv/bin/python bench/pnl.py [--skus 200] [--days 120] [--seed 7]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

from sellerops.core.db import make_engine, unit_of_work
from sellerops.core.migrate import upgrade
from sellerops.core.stores import find_store
from sellerops.finance.models import FeeLine, Settlement
from sellerops.finance.pnl import sku_pnl
from sellerops.finance.reports import build_report
from sellerops.ingest.service import import_paths
from sellerops.reports.render import write_html, write_pdf, write_xlsx
from sellerops.sim import SimConfig, simulate, write_reports

FAMILIES = ["business_report", "all_orders", "fba_inventory", "settlement", "cost_sheet"]


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skus", type=int, default=200)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    end = date(2026, 11, 26)
    work = Path(tempfile.mkdtemp(prefix="bench-pnl-"))
    try:
        truth = simulate(SimConfig(seed=args.seed, skus=args.skus, days=args.days, end_date=end))
        files = write_reports(truth, work / "files", families=FAMILIES)
        engine = make_engine(f"sqlite:///{work / 'bench.db'}")
        upgrade(engine)
        import_paths(engine=engine, paths=sorted(files), store="Bench", marketplace="US")
        _measure(engine, end, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(engine: Engine, end: date, work: Path) -> None:
    start = end - timedelta(days=29)
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Bench")
        assert store is not None
        lines = s.scalar(select(func.count()).select_from(FeeLine)) or 0
        settled = s.execute(select(Settlement.reconciled)).scalars().all()
        base = _best(lambda: s.execute(
            select(FeeLine.sku, func.sum(FeeLine.amount))
            .where(FeeLine.store_id == store.id, FeeLine.posted_day >= start,
                   FeeLine.posted_day <= end).group_by(FeeLine.sku)).all())  # fmt: skip
        ours = _best(lambda: sku_pnl(session=s, store_id=store.id, currency="USD", start=start,
                                     end=end))  # fmt: skip
        print(f"pnl_30d fee_lines={lines} settlements={len(settled)} "
              f"reconciled={sum(bool(x) for x in settled)} sum_group_by_s={base:.3f} "
              f"sku_pnl_s={ours:.3f} ratio={ours / base:.1f}")  # fmt: skip
        t0 = time.perf_counter()
        report = build_report(session=s, store=store, kind="weekly", day=end, currency="USD")
        built = time.perf_counter() - t0
    renders = {}
    for name, writer in (("html", write_html), ("xlsx", write_xlsx), ("pdf", write_pdf)):
        t0 = time.perf_counter()
        writer(report, work / f"week.{name}", "zh")
        renders[name] = time.perf_counter() - t0
    print(f"weekly_report build_s={built:.3f} html_s={renders['html']:.3f} "
          f"xlsx_s={renders['xlsx']:.3f} pdf_s={renders['pdf']:.3f} baseline_sum_s={base:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
