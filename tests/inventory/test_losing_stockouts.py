"""A SKU that loses money on every unit gets one recommendation from the review and the restock
plan: fix price or cost first. Its stock-out findings count no money at stake (a unit not sold
is a loss not made, not lost profit) and do not ask to reorder or expedite; its plan line is
still computed, and opens with the same caution."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.finance import checks as finance_checks
from sellerops.finance.models import ProductCost
from sellerops.inventory import checks
from sellerops.inventory.planning import restock_plan
from tests import factories as f
from tests.factories import AS_OF


def _cost(s: Session, store: Store, sku: str, unit_cost: str) -> None:
    s.add(ProductCost(store_id=store.id, sku=sku, effective_from=AS_OF - timedelta(days=90),
                      unit_cost=Decimal(unit_cost), currency="USD"))  # fmt: skip


def _world(s: Session) -> Store:
    store = f.store(s, lead_time=45)
    # the same stock-out risk twice: 10 a day at $25, 200 on hand and 50 inbound, 45-day
    # lead time; LOSS costs $30 a unit (loses money on each), GOOD $5
    for sku, cost in (("SKU-LOSS", "30.00"), ("SKU-GOOD", "5.00")):
        f.orders(s, store, sku, per_day=10, days=28, price="25.00")
        f.snapshot(s, store, sku, AS_OF, fulfillable=200, inbound=50)
        _cost(s, store, sku, cost)
    # and an empty shelf of a SKU that loses money
    f.orders(s, store, "SKU-GONE", per_day=4, days=28, price="30.00")
    for k in range(7):
        f.snapshot(s, store, "SKU-GONE", AS_OF - timedelta(days=k), fulfillable=0)
    _cost(s, store, "SKU-GONE", "40.00")
    s.flush()
    return store


def test_a_money_losing_sku_is_not_told_to_reorder_and_its_stockout_counts_no_money(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = _world(s)
        ctx = ReviewContext(session=s, store=store, as_of=AS_OF)
        losing = {x.entity for x in finance_checks.losing_money(ctx)}
        risks = {x.entity: x for x in checks.stockout_risk(ctx)}
        empty = {x.entity: x for x in checks.out_of_stock(ctx)}
        plan = {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}
    assert losing == {"SKU-LOSS", "SKU-GONE"}  # the finance check decides who loses money
    good, loss = risks["SKU-GOOD"], risks["SKU-LOSS"]
    # the profitable SKU: lost sales at stake and "reorder now", as before
    assert good.money_at_stake > 0 and good.severity in ("high", "medium")
    assert "Reorder now" in good.action("en") and "variant" not in good.params
    # the losing one: the same cover and plan units, but nothing at stake and no reorder
    assert (
        loss.evidence["days_of_cover_with_inbound"] == good.evidence["days_of_cover_with_inbound"]
    )
    assert loss.money_at_stake == 0 and loss.severity == "low"
    assert loss.evidence["pnl_profit"] < 0 and loss.evidence["pnl_margin"] < 0
    action = loss.action("en")
    assert "Reorder now" not in action and "air freight" in action
    assert "Fix its price or costs first" in action and "$" in action
    assert loss.params["reorder_units"] == plan["SKU-LOSS"].line.order_units > 0
    assert "先调整售价或成本" in loss.action("zh") and "立即下采购单" not in loss.action("zh")
    # an empty shelf of a losing SKU: no daily lost sales counted, no expediting
    gone = empty["SKU-GONE"]
    assert gone.money_at_stake == 0 and gone.severity == "low"
    assert "Do not expedite" in gone.action("en") and "不要加急" in gone.action("zh")
    # the restock plan still computes the line and carries the same caution, first
    row = plan["SKU-LOSS"]
    assert row.losing_money and row.line.order_units > 0
    assert row.explain("en").startswith("Caution: it lost $")
    assert row.explain("zh").startswith("注意：近30天亏损 US$")
    assert not plan["SKU-GOOD"].losing_money and "Caution" not in plan["SKU-GOOD"].explain("en")


def test_the_plain_restock_table_marks_the_sku_that_loses_money(
    engine: Engine, db_url: str
) -> None:
    from typer.testing import CliRunner

    from sellerops.cli import app

    with unit_of_work(engine) as s:
        _world(s)
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "200"}
    for lang, mark in (("en", "⚠ losing money"), ("zh", "⚠ 亏损")):
        args = ["--lang", lang, "restock", "--date", AS_OF.isoformat()]
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        rows = {line.split()[1]: line for line in result.output.splitlines() if "SKU-" in line}
        assert mark in rows["SKU-LOSS"] and mark not in rows["SKU-GOOD"]
        assert "--explain" in result.output.split("\n")[-2]  # the footnote says where more is
