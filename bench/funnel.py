"""Benchmark the funnel diagnosis against the simulator's ground truth.

For each seed, a 40-SKU store is simulated over 180 days; every day of the last 120 is
reviewed: each SKU's last 7 days against the 28 before, built straight from the truth arrays
(Business Report side and ads impressions / clicks). A finding is *right* when an incident
that breaks the funnel (Buy Box hijack, suppressed listing, review wave, bad batch) touched
that SKU in the reviewed 7 days; an incident is *caught* when a finding names its SKU
between its start and 6 days after its end.

Detectors, same run, same data:

* ``funnel``: ``sellerops.finance.funnel.diagnose`` (Poisson and the history's own spread).
* ``poisson`` (baseline): the same, with the drop test on Poisson noise alone.

Prints one line per detector (totals over ``--seeds`` stores).

    .venv/bin/python bench/funnel.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import contextlib
import time
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

from sellerops.finance import funnel
from sellerops.finance.funnel import FunnelDay, Signals, summarize
from sellerops.sim import SimConfig, simulate

BREAKS = {"buybox_loss", "listing_suppressed", "review_wave", "bad_batch"}
REVIEW_DAYS, RECENT, BASE = 120, 7, 28


def _days(truth, s: int) -> list[FunnelDay]:  # type: ignore[no-untyped-def]
    m = truth.primary
    sessions, sales = m.traffic.sessions, m.sales
    return [
        FunnelDay(
            impressions=int(m.ads.impressions[s, t]), clicks=int(m.ads.clicks[s, t]),
            sessions=int(sessions[s, t]), orders=int(m.order_items[s, t]),
            units=int(m.units_sold[s, t]), sales=Decimal(int(sales[s, t])) / 100,
            buy_box=float(m.buybox_share[s, t]),
        )
        for t in range(len(truth.days))
    ]  # fmt: skip


def _run(seeds: int) -> dict[str, list[float]]:
    stats = {name: [0.0] * 5 for name in ("funnel", "poisson")}  # fires, right, caught, n, s
    for seed in range(1, seeds + 1):
        truth = simulate(SimConfig(seed=seed, skus=40, days=180, end_date=date(2026, 11, 26)))
        breaks = [i for i in truth.incidents if i.kind in BREAKS]
        series = [_days(truth, s) for s in range(len(truth.products))]
        for name in stats:
            started = time.perf_counter()
            fires = _review(truth.days, series, poisson_only=name == "poisson")
            stats[name][4] += time.perf_counter() - started
            _score(stats[name], fires, breaks, truth.days[-REVIEW_DAYS])
    return stats


def _review(days: list[date], series: list[list[FunnelDay]], *, poisson_only: bool):  # type: ignore[no-untyped-def]
    fires = []
    patch = mock.patch.object(funnel, "DROP_Z", -1e9) if poisson_only else contextlib.nullcontext()
    with patch:
        for t in range(len(days) - REVIEW_DAYS, len(days)):
            for s, rows in enumerate(series):
                recent = summarize(rows[t - RECENT + 1 : t + 1], RECENT)
                base = summarize(rows[t - RECENT - BASE + 1 : t - RECENT + 1], BASE)
                if funnel.diagnose(recent, base, Signals()) is not None:
                    fires.append((s, days[t]))
    return fires


def _score(row: list[float], fires: list[tuple[int, date]], breaks: list, first: date) -> None:  # type: ignore[type-arg]
    def touched(s: int, day: date) -> bool:
        start = day - timedelta(days=RECENT - 1)
        return any(i.sku_index == s and i.start <= day and i.end >= start for i in breaks)

    row[0] += len(fires)
    row[1] += sum(touched(s, d) for s, d in fires)
    for i in breaks:
        if i.end < first:
            continue
        row[3] += 1
        late = i.end + timedelta(days=6)
        row[2] += any(s == i.sku_index and i.start <= d <= late for s, d in fires)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    for name, (fires, right, caught, incidents, seconds) in _run(args.seeds).items():
        print(
            f"funnel_bench detector={name} seeds={args.seeds} findings={int(fires)} "
            f"precision={right / max(fires, 1):.3f} incidents={int(incidents)} "
            f"recall={caught / max(incidents, 1):.3f} seconds={seconds:.2f}"
        )


if __name__ == "__main__":
    main()
