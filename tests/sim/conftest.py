"""Simulated stores shared by the simulator tests (built once per session: they are pure)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sellerops.sim import SimConfig, SimTruth, simulate, write_reports

#: The demo's end date in these tests: the day before Black Friday 2026 (Thanksgiving).
DEMO_END = date(2026, 11, 26)
SMALL = SimConfig(seed=3, skus=12, days=60, end_date=DEMO_END)


@pytest.fixture(scope="session")
def small_truth() -> SimTruth:
    return simulate(SMALL)


@pytest.fixture(scope="session")
def demo_truth() -> SimTruth:
    """The default demo store (SimConfig defaults) ending on DEMO_END."""
    return simulate(SimConfig(end_date=DEMO_END))


@pytest.fixture(scope="session")
def small_files(small_truth: SimTruth, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_reports(small_truth, tmp_path_factory.mktemp("sim-en"), lang="en")


@pytest.fixture(scope="session")
def small_files_zh(small_truth: SimTruth, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_reports(small_truth, tmp_path_factory.mktemp("sim-zh"), lang="zh")
