"""Benchmark the store simulator: 10,000 SKUs x 730 days of ground truth.

Prints one line of figures. ``baseline_numpy_s`` is a plain numpy Poisson draw of the same
[sku, day] shape, timed in the same run, so ``ratio`` (simulate / baseline) stays meaningful on
a busy or slower machine. ``write_s`` times writing every report family for the last
``--write-days`` days (all SKUs); peak memory is the process's maximum resident set size.

    .venv/bin/python bench/sim.py [--skus 10000] [--days 730] [--write-days 3]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date

import numpy as np

from sellerops.sim import SimConfig, simulate, write_reports


def _baseline(skus: int, days: int) -> float:
    rng = np.random.Generator(np.random.PCG64(0))
    start = time.perf_counter()
    rng.poisson(2.0, size=(skus, days))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--write-days", type=int, default=3, help="0 to skip writing")
    args = parser.parse_args()

    baseline = _baseline(args.skus, args.days)
    config = SimConfig(seed=1, skus=args.skus, days=args.days, end_date=date(2026, 11, 26))
    start = time.perf_counter()
    truth = simulate(config)
    simulate_s = time.perf_counter() - start

    write_s = 0.0
    if args.write_days > 0:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            write_reports(truth, out, since=truth.days[-args.write_days])
            write_s = time.perf_counter() - start

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"sim skus={args.skus} days={args.days} simulate_s={simulate_s:.2f} "
        f"write_s={write_s:.2f} write_days={args.write_days} peak_mem_mb={peak_mb:.0f} "
        f"baseline_numpy_s={baseline:.3f} ratio={simulate_s / baseline:.0f} "
        f"units={int(truth.units_sold.sum())} order_items={len(truth.primary.orders.item_sku)}"
    )


if __name__ == "__main__":
    main()
