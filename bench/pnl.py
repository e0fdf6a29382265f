"""P&L and report benchmark on a simulated store (settlements, orders, costs imported).

Measures, on SQLite, the time to build the per-SKU P&L of 30 days (fee lines classified,
estimates for unsettled days, landed cost, allocations) against a baseline measured in the same
run: one plain ``SUM(amount) GROUP BY sku`` over the same fee lines, the least any P&L must
read. Then the time to build and render the weekly report (HTML, XLSX, PDF). Also checks that
every simulated settlement reconciles to the cent. Then the exact money sum (whole
ten-thousandths, ``finance.sums``) against the plain float ``SUM``; the P&L per parent ASIN
by week (``finance.ledger``) against the one 30-day P&L; and the 30-day P&L again once every
SKU has two inbound shipments with freight invoices (FIFO lots) against the one without.
One line of figures per measured thing.

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
from sellerops.finance.ledger import ledger
from sellerops.finance.models import FeeLine, FreightInvoice, InboundShipmentLine, Settlement
from sellerops.finance.pnl import sku_pnl
from sellerops.finance.reports import build_report
from sellerops.finance.sums import money_sum
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
    _measure_levels(engine, start, end, ours)
    print(f"weekly_report build_s={built:.3f} html_s={renders['html']:.3f} "
          f"xlsx_s={renders['xlsx']:.3f} pdf_s={renders['pdf']:.3f} baseline_sum_s={base:.3f}")  # fmt: skip


def _measure_levels(engine: Engine, start: date, end: date, one: float) -> None:
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Bench")
        assert store is not None
        where = (
            FeeLine.store_id == store.id,
            FeeLine.posted_day >= start,
            FeeLine.posted_day <= end,
        )
        plain = _best(lambda: s.execute(select(FeeLine.sku, func.sum(FeeLine.amount))
                                        .where(*where).group_by(FeeLine.sku)).all())  # fmt: skip
        exact = _best(lambda: s.execute(select(FeeLine.sku, money_sum(FeeLine.amount))
                                        .where(*where).group_by(FeeLine.sku)).all())  # fmt: skip
        print(f"exact_sum plain_sum_s={plain:.4f} exact_sum_s={exact:.4f} "
              f"ratio={exact / plain:.2f}")  # fmt: skip
        weekly = _best(lambda: ledger(session=s, stores=[store], start=start, end=end,
                                      level="parent", period="week"), repeat=1)  # fmt: skip
        print(f"pnl_levels by=parent period=week periods=5 ledger_s={weekly:.3f} "
              f"one_pnl_s={one:.3f} ratio={weekly / one:.1f}")  # fmt: skip
        skus = [sku for (sku,) in s.execute(select(FeeLine.sku).where(*where).distinct()) if sku]
        _shipments(s, store.id, skus, start)
        lots = _best(lambda: sku_pnl(session=s, store_id=store.id, currency="USD", start=start,
                                     end=end))  # fmt: skip
        s.rollback()
        print(f"pnl_freight_lots skus={len(skus)} shipments=2 sku_pnl_with_lots_s={lots:.3f} "
              f"without_s={one:.3f} ratio={lots / one:.2f}")  # fmt: skip


def _shipments(s: object, store_id: int, skus: list[str], start: date) -> None:
    from decimal import Decimal

    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    for n, day in enumerate((start - timedelta(days=60), start - timedelta(days=10))):
        sid = f"FBA-BENCH-{n}"
        s.add_all(InboundShipmentLine(store_id=store_id, shipment_id=sid, sku=sku, shipped_on=day,
                                      units=50 + i % 7, unit_weight_kg=Decimal("0.8"),
                                      unit_volume_m3=Decimal("0.004"))
                  for i, sku in enumerate(skus))  # fmt: skip
        s.add(FreightInvoice(store_id=store_id, shipment_id=sid, invoice_ref="INV", invoice_date=day,
                             status="actual", basis="volume", amount=Decimal(2500), duties=None,
                             currency="USD"))  # fmt: skip
    s.flush()


if __name__ == "__main__":
    main()
