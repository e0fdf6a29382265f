"""``sellerops prices``: the floor against the average selling price, amounts right-aligned
with their currency, and no column left empty without saying why."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core.db import unit_of_work
from sellerops.finance.models import ProductCost
from tests import factories as f
from tests.factories import AS_OF

runner = CliRunner()


def _store(engine: Engine) -> None:
    """MUG-01 listed at 14.99 (floor 11.53) sells at 10.99; BOWL-01 sells at its 19.99."""
    with unit_of_work(engine) as s:
        store = f.store(s)
        for sku, asin, price, sold in (("MUG-01", "B0MUG00001", "14.99", "10.99"),
                                       ("BOWL-01", "B0BOWL0001", "19.99", "19.99")):  # fmt: skip
            f.product(s, store, sku, asin, price=Decimal(price))
            s.add(ProductCost(store_id=store.id, sku=sku, effective_from=AS_OF - timedelta(days=60),
                              unit_cost=Decimal("8.00"), currency="USD",
                              first_leg_freight_per_unit=Decimal("1.00"),
                              duty_rate=Decimal("0.10")))  # fmt: skip
            f.orders(s, store, sku, per_day=1, days=28, price=sold)


def run(engine: Engine, *args: str) -> str:
    env = {"SELLEROPS_DATABASE_URL": engine.url.render_as_string(hide_password=False),
           "COLUMNS": "200"}  # fmt: skip
    result = runner.invoke(app, [*args, "prices", "--date", AS_OF.isoformat()], env=env)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def test_prices_hold_the_floor_against_what_units_sell_for(engine: Engine) -> None:
    _store(engine)
    out = run(engine)
    [mug] = [line for line in out.splitlines() if "MUG-01" in line]
    cells = [c.strip() for c in mug.strip("│ ").split("│")]
    assert cells[:3] == ["MUG-01", "$14.99", "$10.99"]  # listing price, average selling price
    assert cells[4].startswith("-$")  # under the floor
    raw = mug.split("│")[2]  # the listing price's cell, padding and all: right-aligned
    assert raw.startswith("   ") and raw.endswith("$14.99 ")
    assert "1 SKU sells under its floor" in out
    # no empty Buy Box / Proposed / Why columns: left out, and the notes say why
    assert "Buy Box" not in out.split("\n\n")[0].splitlines()[2]
    assert "Buy Box column left out: no Buy Box price was recorded" in " ".join(out.split())
    assert "sellerops prices --propose" in out
    zh = run(engine, "--lang", "zh")
    assert "平均售价" in zh and "标价" in zh and "US$10.99" in zh and "未显示购买按钮价列" in zh


def test_prices_json_says_both_prices_and_which_one_is_checked(engine: Engine) -> None:
    _store(engine)
    env = {"SELLEROPS_DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    result = runner.invoke(app, ["prices", "--json", "--date", AS_OF.isoformat()], env=env)
    lines = {x["sku"]: x for x in json.loads(result.stdout)["lines"]}
    mug = lines["MUG-01"]
    assert (mug["price"], mug["selling_price"], mug["checked_price"]) == ("14.99", "10.99", "10.99")
    assert Decimal(mug["under_floor"]) > 0 and mug["selling_source"] == "orders"
    assert Decimal(lines["BOWL-01"]["under_floor"]) == 0
