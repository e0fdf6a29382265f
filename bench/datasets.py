"""Loaders for the benchmark datasets in ``../shared/datasets`` (plain csv + numpy, no pandas).

Each loader returns a :class:`Panel`: one row per series, one column per day, on one common
day axis. Series that do not exist yet on a day (before launch) hold ``nan`` in ``units``.
What each loader does with the dataset's traps is written in its docstring.
"""

from __future__ import annotations

import csv
import gzip
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

DATASETS = Path(
    os.environ.get("SELLEROPS_DATASETS", Path(__file__).resolve().parents[2] / "shared/datasets")
)
M5_START = date(2011, 1, 29)  # d_1


@dataclass
class Panel:
    """Aligned daily series: ``units[i, t]`` is series i on ``start + t`` days."""

    name: str
    ids: list[str]
    start: date
    units: np.ndarray  # (S, T) float, nan before a series exists
    price: np.ndarray | None = None  # (S, T) float, nan where unknown
    in_stock: np.ndarray | None = None  # (S, T) 0/1, None = unknown (always assumed 1)
    events: dict[date, str] = field(default_factory=dict)  # shared calendar (past and future)
    groups: list[str] | None = None
    true_mean: np.ndarray | None = None  # (S, T) the simulator's expected demand, if known
    target: np.ndarray | None = None  # (S, T) what forecasts are scored on (default: units)
    series_events: list[dict[date, str]] | None = None  # per-series extra named days (SNAP)

    @property
    def scored(self) -> np.ndarray:
        return self.units if self.target is None else self.target

    @property
    def n_days(self) -> int:
        return int(self.units.shape[1])

    def day(self, t: int) -> date:
        return self.start + timedelta(days=t)


def load_m5(root: Path | None = None) -> Panel:
    """The 280 real M5 item×store series, d_1..d_1913, daily prices and event_name_1.

    Zeros before a series' first sale are kept as zeros here (the forecaster trims leading
    zeros itself); weekly ``sell_price`` is spread over the week's seven days, and a week
    without a price (not on sale) is ``nan``. ``groups`` is the M5 ``dept_id``; the store's
    state's SNAP days are per-series named days (``SNAP_CA``...), past and future.
    """
    folder = (root or DATASETS) / "m5-subset"
    ids, groups, states, rows = [], [], [], []
    with open(folder / "sales_train_validation_subset.csv", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for rec in reader:
            ids.append(rec[0])
            groups.append(rec[2])
            states.append(rec[5])
            rows.append([float(v) for v in rec[6:]])
    units = np.asarray(rows)
    cal = _m5_calendar(folder / "calendar.csv")
    price = _m5_prices(folder / "sell_prices_subset.csv", ids, cal["weeks"], units.shape[1])
    snap = [{d: f"SNAP_{state}" for d in cal["snap"][state]} for state in states]
    return Panel(
        "m5",
        ids,
        M5_START,
        units,
        price=price,
        events=cal["events"],
        groups=groups,
        series_events=snap,
    )


def _m5_calendar(path: Path) -> dict:
    events: dict[date, str] = {}
    snap: dict[str, list[date]] = {"CA": [], "TX": [], "WI": []}
    weeks: list[int] = []
    with open(path, newline="") as fh:
        for rec in csv.DictReader(fh):
            day = date.fromisoformat(rec["date"])
            weeks.append(int(rec["wm_yr_wk"]))
            if rec["event_name_1"]:
                events[day] = rec["event_name_1"]
            for state, days in snap.items():
                if rec[f"snap_{state}"] == "1":
                    days.append(day)
    return {"events": events, "weeks": np.asarray(weeks), "snap": snap}


def _m5_prices(path: Path, ids: list[str], weeks: np.ndarray, n_days: int) -> np.ndarray:
    row_of = {i.removesuffix("_validation"): k for k, i in enumerate(ids)}
    week_price: dict[tuple[int, int], float] = {}
    with open(path, newline="") as fh:
        for rec in csv.DictReader(fh):
            key = f"{rec['item_id']}_{rec['store_id']}"
            week_price[(row_of[key], int(rec["wm_yr_wk"]))] = float(rec["sell_price"])
    price = np.full((len(ids), n_days), np.nan)
    day_weeks = weeks[:n_days]
    for (row, week), value in week_price.items():
        price[row, day_weeks == week] = value
    return price


def m5_scale(units: np.ndarray) -> np.ndarray:
    """M5 RMSSE denominator per series: mean squared first difference from the first sale."""
    scales = np.full(units.shape[0], np.nan)
    for i, row in enumerate(units):
        nz = np.flatnonzero(np.nan_to_num(row) > 0)
        if nz.size >= 2:
            scales[i] = np.mean(np.diff(row[nz[0] :]) ** 2)
    return scales


RETAIL_START = date(2010, 12, 1)
RETAIL_CLOSED = [date(2010, 12, 24) + timedelta(days=k) for k in range(11)] + [
    date(2011, 4, 22),
    date(2011, 4, 24),
    date(2011, 4, 25),
    date(2011, 4, 29),
    date(2011, 5, 2),
    date(2011, 5, 30),
    date(2011, 8, 29),
]


def load_online_retail(
    root: Path | None = None, *, min_selling_days: int = 100, limit: int = 300, seed: int = 7
) -> Panel:
    """UCI Online Retail daily demand per StockCode, 2010-12-01..2011-12-08.

    Traps handled (see the dataset's SOURCE.md): ``StockCode`` is read as text; absent days
    are filled with zero; the same day's cancellations are netted out (``qty -
    qty_returned_or_cancelled``, floored at 0), which removes the 80,995- and 74,215-unit
    orders that were cancelled the same day; the shop's closed days (Christmas break, UK bank
    holidays) are the calendar event ``closed``; Saturdays stay zeros (the shop never trades
    then, and the weekday profile learns it); 2011-12-09 is a half day and is dropped.
    ``avg_unit_price`` is not passed as a price because it moves with the customer's
    quantity tier (big orders get lower prices), so it is not a price the seller set.
    Keeps a seeded sample of ``limit`` SKUs with at least ``min_selling_days`` selling days.
    """
    path = (root or DATASETS) / "online-retail" / "daily_sku_demand.csv.gz"
    n_days = (date(2011, 12, 8) - RETAIL_START).days + 1
    per_sku: dict[str, dict[int, float]] = defaultdict(dict)
    with gzip.open(path, "rt", newline="") as fh:
        for rec in csv.DictReader(fh):
            t = (date.fromisoformat(rec["date"]) - RETAIL_START).days
            if t >= n_days:
                continue
            net = float(rec["qty"]) - float(rec["qty_returned_or_cancelled"])
            per_sku[rec["StockCode"]][t] = max(net, 0.0)
    eligible = sorted(
        s for s, d in per_sku.items() if sum(v > 0 for v in d.values()) >= min_selling_days
    )
    rng = np.random.default_rng(seed)
    chosen = sorted(rng.choice(eligible, size=min(limit, len(eligible)), replace=False).tolist())
    units = np.zeros((len(chosen), n_days))
    for i, sku in enumerate(chosen):
        for t, v in per_sku[sku].items():
            units[i, t] = v
    events = dict.fromkeys(RETAIL_CLOSED, "closed")
    return Panel("online-retail", chosen, RETAIL_START, units, events=events)


SIM_START = date(2023, 1, 2)
SIM_DAYS = 730 + 28 * 3  # two years of history before the first origin, then three horizons
SIM_EVENTS = {"Prime Day": 2.5, "Black Friday": 2.2, "Cyber Monday": 1.8, "Christmas Day": 0.4}


def sim_calendar(start: date, n_days: int) -> dict[date, str]:
    """Prime Day (2nd Tuesday of July), Black Friday, Cyber Monday, Christmas Day."""
    out: dict[date, str] = {}
    for year in range(start.year, (start + timedelta(days=n_days)).year + 1):
        july = date(year, 7, 1)
        out[july + timedelta(days=(1 - july.weekday()) % 7 + 7)] = "Prime Day"
        nov = date(year, 11, 1)
        thanksgiving = nov + timedelta(days=(3 - nov.weekday()) % 7 + 21)
        out[thanksgiving + timedelta(days=1)] = "Black Friday"
        out[thanksgiving + timedelta(days=4)] = "Cyber Monday"
        out[date(year, 12, 25)] = "Christmas Day"
    return out


def simulate_panel(n_series: int = 240, seed: int = 11) -> Panel:
    """Known-truth demand: level x weekday x yearly x events x price^elasticity, NB noise.

    A third of the series are intermittent, a tenth are launched late, every series has
    7-day promotions at -20 % (elasticity -1 to -3 by group) and stock-out spells in its
    history during which nothing is sold (``in_stock`` = 0). ``units`` are the sales a seller
    sees, ``true_mean`` the expected demand, ``target`` the realised demand (what is scored).
    """
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, 4, n_series)
    cal = sim_calendar(SIM_START, SIM_DAYS)
    mean, price = _sim_mean(rng, groups, cal)
    intermittent = rng.uniform(size=n_series) < 1 / 3
    mean[intermittent] *= 0.15
    phi = np.where(intermittent, 2.0, 0.3)[:, None]
    demand = rng.negative_binomial(1 / phi, 1 / (1 + phi * mean)).astype(float)
    in_stock = np.ones_like(demand)
    for i in range(n_series):
        for s in rng.choice(SIM_DAYS - 84 - 21, size=rng.integers(1, 4), replace=False):
            in_stock[i, s : s + rng.integers(5, 22)] = 0
    units = demand * in_stock
    late = rng.uniform(size=n_series) < 0.1
    launch = rng.integers(SIM_DAYS - 84 - 60, SIM_DAYS - 84 - 14, n_series)
    for i in np.flatnonzero(late):
        units[i, : launch[i]] = np.nan
    names = [f"SIM_{i:03d}" for i in range(n_series)]
    target = np.where(np.isnan(units), np.nan, demand)
    return Panel(
        "numpy-sim", names, SIM_START, units, price=price, in_stock=in_stock, events=cal,
        groups=[f"cat{g}" for g in groups], true_mean=mean, target=target,
    )  # fmt: skip


def _sim_mean(
    rng: np.random.Generator, groups: np.ndarray, cal: dict[date, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Expected demand and price per series and day."""
    n_series = len(groups)
    days = [SIM_START + timedelta(days=k) for k in range(SIM_DAYS)]
    weekly = 1 + 0.25 * rng.standard_normal((4, 7)).clip(-2, 2)
    doy = np.array([d.timetuple().tm_yday for d in days])
    season = np.cos(2 * np.pi * (doy - 350) / 365.25)[None, :]
    yearly = 1 + 0.3 * season * rng.uniform(0, 1, (4, 1))
    event = np.array([SIM_EVENTS.get(cal.get(d, ""), 1.0) for d in days])
    level = np.exp(rng.normal(np.log(2.0), 1.2, n_series))
    drift = np.exp(np.cumsum(rng.normal(0, 0.01, (n_series, SIM_DAYS)), axis=1))
    price = np.full((n_series, SIM_DAYS), 20.0)
    for i in range(n_series):
        for s in rng.choice(SIM_DAYS - 7, size=rng.integers(6, 12), replace=False):
            price[i, s : s + 7] = 16.0
    elasticity = np.array([-1.0, -1.5, -2.0, -3.0])[groups][:, None]
    dow = np.array([d.weekday() for d in days])
    shape = weekly[groups][:, dow] * yearly[groups] * event[None, :]
    return level[:, None] * drift * shape * (price / 20.0) ** elasticity, price


def load_store_sim(n_skus: int = 200, seed: int = 7) -> Panel | None:
    """The project's store simulator (``sellerops.sim``), or None if it cannot run yet.

    Sales are ``units_sold``; a day counts as in stock when stock was left at its end
    (``units_sold < available``), so a day that sold out is censored; the price is the
    selling price (deals included), the events are the simulator's own calendar, the
    groups its categories, and the scored target is realised ``demand`` (lost sales
    included), which is what restocking has to cover.
    """
    try:
        from sellerops.sim import SimConfig, simulate

        truth = simulate(
            SimConfig(seed=seed, skus=n_skus, days=SIM_DAYS, end_date=date(2025, 11, 30))
        )
        sold = np.asarray(truth.units_sold, dtype=float)
        in_stock = (sold < np.asarray(truth.available)).astype(float)
        price = np.asarray(truth.price, dtype=float) / 100.0
        events = {d: e.name for e in truth.events for d in _days(e.start, e.end)}
        return Panel(
            "store-sim",
            [p.sku for p in truth.products],
            truth.days[0],
            sold,
            price=price,
            in_stock=in_stock,
            events=events,
            groups=[p.category for p in truth.products],
            true_mean=np.asarray(truth.true_demand, dtype=float),
            target=np.asarray(truth.demand, dtype=float),
        )
    except Exception:  # the simulator is work in progress elsewhere: skip, don't fail
        return None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]
