"""Deals calendar: fees, the stock readiness finding, and the effect against the baseline."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.ads import deals
from sellerops.ads.checks import deal_stock_not_ready
from sellerops.cli import deals_command
from sellerops.core.db import unit_of_work
from sellerops.daily.context import ReviewContext
from tests import factories as f
from tests.factories import AS_OF

SKU, ASIN = "MAT-1", "B0MAT00001"


def _store(s: object, *, stock: int) -> object:
    store = f.store(s)  # type: ignore[arg-type]
    f.product(s, store, SKU, ASIN, price=Decimal("40"), unit_cost=Decimal("10"))  # type: ignore[arg-type]
    f.orders(s, store, SKU, per_day=10, days=28, price="40.00")  # type: ignore[arg-type]
    f.snapshot(s, store, SKU, AS_OF, fulfillable=stock, asin=ASIN)  # type: ignore[arg-type]
    for k in range(1, 29):  # 10 units a day before AS_OF
        f.traffic(s, store, ASIN, AS_OF - timedelta(days=k), units=10, price="40.00")  # type: ignore[arg-type]
    return store


def test_fee_table_per_day_share_of_sales_and_cap() -> None:
    assert deals.estimated_fee("lightning", 2, Decimal("1000")) == Decimal("150.00")
    assert deals.estimated_fee("best_deal", 14, Decimal("900000")) == Decimal("2000.00")
    assert deals.estimated_fee("coupon", 7, Decimal("400")) == Decimal("15.00")
    assert deals.estimated_fee("prime", 7, Decimal("400")) == Decimal("0.00")


def test_deal_without_the_stock_for_it_is_a_finding(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store(s, stock=100)
        deal = deals.add(session=s, store_id=store.id, kind="lightning", sku=SKU,  # type: ignore[attr-defined]
                         start=AS_OF + timedelta(days=5), end=AS_OF + timedelta(days=6),
                         discount=Decimal("0.2"), currency="USD", actor="ana")  # fmt: skip
        # 2 days x 10/day x 4 (lift) = 80 deal units x 32.00 = 2,560 sales: 140 + 25.60
        assert deal.fee == Decimal("165.60")
        (found,) = deal_stock_not_ready(ReviewContext(session=s, store=store, as_of=AS_OF))  # type: ignore[arg-type]
        with pytest.raises(deals.DealError):
            deals.add(session=s, store_id=store.id, kind="flash", sku=SKU, start=AS_OF,  # type: ignore[attr-defined]
                      end=AS_OF, discount=Decimal("0.1"), currency="USD", actor="ana")  # fmt: skip
    # 5 days x 10 a day before it + 80 during it = 130 units, 100 in stock: 30 short
    assert found.evidence["units_needed"] == 130 and found.evidence["shortfall_units"] == 30
    assert found.money_at_stake == Decimal("960.00")  # 30 x the deal price 32.00
    assert found.entity == SKU and found.money_period == "once" and found.severity == "high"
    assert "Lightning Deal" in found.title("en") and "秒杀" in found.title("zh")


def test_enough_stock_is_no_finding(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store(s, stock=1000)
        deals.add(session=s, store_id=store.id, kind="coupon", sku=SKU,  # type: ignore[attr-defined]
                  start=AS_OF + timedelta(days=3), end=AS_OF + timedelta(days=9),
                  discount=Decimal("0.1"), currency="USD", actor="ana")  # fmt: skip
        assert deal_stock_not_ready(ReviewContext(session=s, store=store, as_of=AS_OF)) == []  # type: ignore[arg-type]


def test_effect_is_incremental_units_and_profit_not_revenue(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store(s, stock=1000)
        day = AS_OF - timedelta(days=29)
        for k in range(29, 58):  # the deal day and the 28 days before it: 10 a day
            f.traffic(s, store, ASIN, AS_OF - timedelta(days=k), units=10, price="40.00")  # type: ignore[arg-type]
        deal = deals.add(session=s, store_id=store.id, kind="coupon", sku=SKU,  # type: ignore[attr-defined]
                         start=day, end=day,
                         discount=Decimal("0.5"), currency="USD", actor="ana",
                         fee=Decimal("5"))  # fmt: skip
        s.flush()
        (effect,) = deals.report(session=s, store_id=store.id, as_of=AS_OF, currency="USD")  # type: ignore[attr-defined]
    assert effect.deal.id == deal.id and effect.days == 1
    # the deal day sold 10 (like any other day): no extra units, half price: a loss
    assert effect.units == 10 and effect.incremental_units == pytest.approx(0)
    # full-price profit 40 - 6 - 6 - 10 = 18; at 50 % off 18 - 20 x 0.85 = 1.00 a unit
    assert effect.deal_profit == Decimal("5.00")  # 10 x 1.00 - fee 5
    assert effect.baseline_profit == Decimal("180.00")
    assert effect.incremental_profit == Decimal("-175.00")
    assert effect.revenue == Decimal("400.00")


def test_deals_cli_add_list_report(engine: Engine, db_url: str) -> None:
    with unit_of_work(engine) as s:
        _store(s, stock=1000)
    app, sub = typer.Typer(), typer.Typer()
    sub.command("add")(deals_command.deals_add)
    sub.command("list")(deals_command.deals_list)
    sub.command("report")(deals_command.deals_report)
    app.add_typer(sub, name="deals")
    env = {"SELLEROPS_DATABASE_URL": db_url}
    runner = CliRunner()
    start = (AS_OF - timedelta(days=3)).isoformat()
    res = runner.invoke(app, ["deals", "add", "--kind", "prime", "--sku", SKU, "--start", start,
                              "--end", start, "--discount", "15", "--by", "ana"], env=env)  # fmt: skip
    assert res.exit_code == 0, res.stderr
    out = " ".join(res.stdout.split())
    assert "added: Prime exclusive discount for MAT-1" in out and "public info" in out
    res = runner.invoke(app, ["deals", "list", "--json"], env=env)
    listed = json.loads(res.stdout)["deals"]
    assert listed[0]["kind"] == "prime" and listed[0]["discount"] == pytest.approx(0.15)
    res = runner.invoke(app, ["deals", "report", "--date", AS_OF.isoformat(), "--json"], env=env)
    (row,) = json.loads(res.stdout)["deals"]
    assert row["sku"] == SKU and "incremental_profit" in row
    res = runner.invoke(app, ["deals", "add", "--kind", "prime", "--sku", "NOPE", "--start",
                              start, "--end", start], env=env)  # fmt: skip
    assert res.exit_code == 1 and "no product" in res.stderr


def test_a_deal_added_on_the_command_line_names_the_sellerops_user_not_the_login(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    from sqlalchemy import select

    from sellerops.accounts import service as accounts
    from sellerops.ads.models import AdDeal

    monkeypatch.setattr(getpass, "getuser", lambda: "unix-login")
    with unit_of_work(engine) as s:
        _store(s, stock=1000)
        accounts.create_user(session=s, email="ana@example.com", password="a long passphrase 1",
                             is_owner=True)  # fmt: skip
    app, sub = typer.Typer(), typer.Typer()
    sub.command("add")(deals_command.deals_add)
    sub.command("list")(deals_command.deals_list)
    app.add_typer(sub, name="deals")
    start = (AS_OF + timedelta(days=3)).isoformat()
    res = CliRunner().invoke(app, ["deals", "add", "--kind", "coupon", "--sku", SKU, "--start",
                                   start, "--end", start, "--discount", "10"],
                             env={"SELLEROPS_DATABASE_URL": db_url})  # fmt: skip
    assert res.exit_code == 0, res.stderr
    with unit_of_work(engine) as s:
        assert s.scalars(select(AdDeal.created_by)).all() == ["ana@example.com"]
