"""The store simulator: a deterministic model of an Amazon store and the files it produces.

The model (ground truth) and the file writers are separate: :func:`simulate` returns a
:class:`SimTruth` of numpy arrays and tables; :func:`write_reports` turns it into the report
files an operator would download from Seller Central and the Ads console.

    from sellerops.sim import SimConfig, simulate, write_reports
    truth = simulate(SimConfig(seed=7, skus=40, days=180, end_date=date(2026, 11, 26)))
    paths = write_reports(truth, out_dir, lang="en")
"""

from sellerops.sim.config import SimConfig
from sellerops.sim.engine import simulate
from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers import FAMILIES, write_reports

__all__ = ["FAMILIES", "MarketTruth", "SimConfig", "SimTruth", "simulate", "write_reports"]
