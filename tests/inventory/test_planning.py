"""The store's restock plan end to end: history from the database, forecast, plan, export."""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core import calendar
from sellerops.core.db import unit_of_work
from sellerops.core.xlsx import safe_text, write_table
from sellerops.inventory.planning import restock_plan
from tests import factories as f
from tests.factories import AS_OF


def test_black_friday_and_prime_day_fall_on_their_days() -> None:
    days = calendar.events("US", date(2026, 1, 1), date(2026, 12, 31))
    assert days[date(2026, 11, 27)] == "Black Friday"
    assert days[date(2026, 11, 30)] == "Cyber Monday"
    assert "Prime Day" in days.values()
    assert "Boxing Day" in calendar.events("UK", date(2026, 12, 1), date(2026, 12, 31)).values()
    assert "Prime Day" not in calendar.events("IN", date(2026, 1, 1), date(2026, 12, 31)).values()


def test_low_stock_sku_gets_an_order_and_a_well_stocked_one_does_not(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-LOW", per_day=10, days=90)
        f.orders(s, store, "SKU-FULL", per_day=2, days=90)
        f.snapshot(s, store, "SKU-LOW", AS_OF, fulfillable=50)
        f.snapshot(s, store, "SKU-FULL", AS_OF, fulfillable=5000)
        s.flush()
        rows = {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}
    low, full = rows["SKU-LOW"], rows["SKU-FULL"]
    assert 9 < low.forecast_per_day < 11
    assert low.line.order_units > 10 * 45  # at least the lead time's demand
    assert low.line.order_by == AS_OF
    assert low.line.stockout_date is not None and low.line.stockout_date <= AS_OF + timedelta(6)
    # 5,000 units at 2 a day outlast the two years the plan looks at: nothing to order
    assert full.line.order_units == 0 and full.line.order_by is None
    assert full.line.days_of_cover > 700


def test_spreadsheet_cells_from_outside_never_become_formulas(tmp_path: Path) -> None:
    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_text("SKU-1") == "SKU-1"
    out = tmp_path / "plan.xlsx"
    write_table(out, "plan", ["SKU", "Units"], [["=cmd|' /C calc'!A0", 5], ["+SUM(A1)", 1.5]])
    sheet = zipfile.ZipFile(out).read("xl/sharedStrings.xml").decode()
    assert "'=cmd" in sheet and "'+SUM" in sheet
    assert b"<f>" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")


def test_restock_command_prints_json_and_writes_xlsx(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0LOWSTOCK", days=60, units=10, end=AS_OF + timedelta(days=1))
        f.snapshot(s, store, "SKU-LOW", AS_OF, fulfillable=20, asin="B0LOWSTOCK")
    env = {"SELLEROPS_DATABASE_URL": db_url}
    result = CliRunner().invoke(app, ["restock", "--json"], env=env)
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["date"] == AS_OF.isoformat()
    assert plan["lines"][0]["sku"] == "SKU-LOW" and plan["lines"][0]["order_units"] > 0
    out = tmp_path / "restock.xlsx"
    result = CliRunner().invoke(app, ["restock", "--xlsx", str(out)], env=env)
    assert result.exit_code == 0 and out.exists()
