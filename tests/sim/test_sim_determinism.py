"""The simulator is a pure function of its config: same seed, same bytes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from sellerops.sim import SimConfig, SimTruth, simulate, write_reports
from tests.sim.conftest import SMALL


def _contents(paths: list[Path]) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths}


def test_same_seed_writes_byte_identical_files(small_files: list[Path], tmp_path: Path) -> None:
    again = write_reports(simulate(SMALL), tmp_path, lang="en")
    assert _contents(again) == _contents(small_files)


def test_same_seed_gives_identical_truth(small_truth: SimTruth) -> None:
    again = simulate(SMALL)
    assert np.array_equal(again.units_sold, small_truth.units_sold)
    assert np.array_equal(
        again.primary.orders.order_number, small_truth.primary.orders.order_number
    )
    assert again.products == small_truth.products


def test_different_seed_gives_different_store(small_files: list[Path], tmp_path: Path) -> None:
    other = write_reports(simulate(replace(SMALL, seed=SMALL.seed + 1)), tmp_path, lang="en")
    mine, theirs = _contents(small_files), _contents(other)
    assert mine.keys() == theirs.keys()
    assert all(mine[name] != theirs[name] for name in mine if name.startswith("BusinessReport"))


def test_end_date_defaults_to_the_day_before_today() -> None:
    config = SimConfig(today=date(2026, 3, 1), days=10)
    assert config.last_day == date(2026, 2, 28)
    assert config.first_day == date(2026, 2, 28) - timedelta(days=9)
