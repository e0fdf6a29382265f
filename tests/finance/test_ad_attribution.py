"""Ad spend in the P&L when only search-term reports were imported: each ad group's spend goes
to the SKUs its product ads name; only the spend of a group whose products are not known is
split by sales, and that part is marked as estimated. The review's ``losing_money`` and the
price floor's ad cost per unit read the same attribution."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sellerops.ads.models import AdCampaign, AdGroup, AdProductAd, AdSearchTermDaily, AdTarget
from sellerops.catalog import pricing_service
from sellerops.cli import common, profit_command
from sellerops.core.db import make_engine, unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.finance import checks
from sellerops.finance.models import ProductCost
from sellerops.finance.pnl import sku_pnl
from sellerops.finance.profit import totals
from sellerops.finance.reports import build_report
from sellerops.reports.render import write_xlsx
from tests import factories as f
from tests.factories import AS_OF

D = Decimal
DAYS = 30
START = AS_OF - timedelta(days=DAYS - 1)
#: per SKU: units a day, price, unit cost (the P&L estimates every day from orders)
SKUS = {
    "SKU-A001": (2, "25.00", "20.00"),  # group A's only product: all of A's spend
    "SKU-B002": (1, "20.00", "5.00"),  # group B advertises B and C
    "SKU-C003": (3, "20.00", "5.00"),
    "SKU-D004": (2, "25.00", "20.50"),  # never advertised
}
#: per ad group: the SKUs of its product ads, spend a day
GROUPS = {"A": (("SKU-A001",), "3.00"), "B": (("SKU-B002", "SKU-C003"), "4.00"),
          "C": ((), "0.54")}  # fmt: skip


def _world(s: Session) -> Store:
    store = f.store(s)
    for sku, (per_day, price, cost) in SKUS.items():
        f.orders(s, store, sku, per_day=per_day, days=DAYS, price=price)
        s.add(ProductCost(store_id=store.id, sku=sku, effective_from=START - timedelta(days=60),
                          unit_cost=D(cost), currency="USD"))  # fmt: skip
    campaign = AdCampaign(store_id=store.id, ad_product="SP", name_key="c", name="C")
    s.add(campaign)
    s.flush()
    for name, (skus, spend) in GROUPS.items():
        group = AdGroup(store_id=store.id, campaign_id=campaign.id, name_key=name, name=name)
        s.add(group)
        s.flush()
        target = AdTarget(store_id=store.id, campaign_id=campaign.id, ad_group_id=group.id,
                          match_type="exact", text_key=name, text=name, kind="keyword")  # fmt: skip
        s.add(target)
        for k, sku in enumerate(skus):
            s.add(AdProductAd(store_id=store.id, campaign_id=campaign.id, ad_group_id=group.id,
                              sku=sku, asin=f"B0TEST{name}{k:03d}"))  # fmt: skip
        s.flush()
        for k in range(DAYS):
            s.add(AdSearchTermDaily(store_id=store.id, day=AS_OF - timedelta(days=k),
                                    target_id=target.id, term_key=name, term=name,
                                    campaign_id=campaign.id, ad_group_id=group.id,
                                    impressions=100, clicks=2, spend=D(spend), currency="USD"))  # fmt: skip
    s.flush()
    return store


def test_search_term_spend_goes_to_the_advertised_skus_and_only_the_unknown_part_is_split(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = _world(s)
        pnl = sku_pnl(session=s, store_id=store.id, currency="USD", start=START, end=AS_OF)
    ads = {sku: p.lines.get("ads", D(0)) for sku, p in pnl.skus.items()}
    split = {sku: p.ads_split for sku, p in pnl.skus.items()}
    # group C (16.20, no product ad) is split by item sales: 1,500 / 600 / 1,800 / 1,500
    assert split == {"SKU-A001": D("-4.50"), "SKU-B002": D("-1.80"), "SKU-C003": D("-5.40"),
                     "SKU-D004": D("-4.50")}  # fmt: skip
    # group A's 90.00 is A's alone; group B's 120.00 goes to B and C by their sales (1:3)
    assert ads == {"SKU-A001": D("-94.50"), "SKU-B002": D("-31.80"), "SKU-C003": D("-95.40"),
                   "SKU-D004": D("-4.50")}  # fmt: skip
    # the never-advertised SKU carries only its share of the unknown spend, marked estimated
    assert ads["SKU-D004"] == split["SKU-D004"]
    total = totals(list(pnl.skus.values()))
    assert total.lines["ads"] == D("-226.20")  # every cent of spend is counted once
    assert total.ads_split == D("-16.20")
    rules = {(a.sku, a.rule) for a in pnl.allocations if a.line == "ads"}
    assert ("SKU-B002", "ad_group") in rules and ("SKU-D004", "item_sales") in rules
    assert ("SKU-A001", "ad_group") not in rules  # one SKU in the group: its spend, no split


def test_losing_money_and_the_price_floor_read_the_same_ad_attribution(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _world(s)
        ctx = ReviewContext(session=s, store=store, as_of=AS_OF)
        losing = checks.losing_money(ctx)
        costs = pricing_service.unit_costs(session=s, store_id=store.id, currency="USD",
                                           as_of=AS_OF)  # fmt: skip
    # A pays for its own ads and loses money; D (never advertised) does not, as it did when
    # all spend was spread by sales
    assert [x.entity for x in losing] == ["SKU-A001"]
    assert losing[0].money_at_stake == D("19.50")  # 1,500 - 225 - 1,200 - 94.50
    assert costs["SKU-A001"].ad_cost == D("94.50") / 60
    assert costs["SKU-D004"].ad_cost == D("4.50") / 60
    assert costs["SKU-C003"].ad_cost == D("95.40") / 90


def test_the_estimated_ad_split_is_marked_in_the_cli_and_the_xlsx_report(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        store = _world(s)
        report = build_report(session=s, store=store, kind="monthly", day=AS_OF, currency="USD")
    engine.dispose()
    app = typer.Typer()
    app.callback()(lambda: None)
    app.command("profit")(profit_command.profit)
    args = ["profit", "--date", AS_OF.isoformat(), "--days", str(DAYS), "--limit", "0"]
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "220"}
    out = CliRunner().invoke(app, args, env=env).stdout
    rows = {line.split()[1]: line for line in out.splitlines() if "SKU-" in line}
    assert "$4.50 ‡" in rows["SKU-D004"] and "$94.50 ‡" in rows["SKU-A001"]
    assert "advertising partly estimated" in out
    data = json.loads(CliRunner().invoke(app, [*args, "--json"], env=env).stdout)
    split = {r["key"]: r["ads_split"] for r in data["rows"]}
    assert split["SKU-D004"] == "-4.50" and data["total"]["ads_split"] == "-16.20"
    monkeypatch.setattr(common.state, "lang_option", "zh")
    zh = CliRunner().invoke(app, args, env=env).stdout
    assert "广告费部分为估算" in zh
    book = CalamineWorkbook.from_path(str(write_xlsx(report, tmp_path / "m.xlsx", "en")))
    cells = [str(c) for row in book.get_sheet_by_name("P&L").to_python() for c in row]
    assert any(c.startswith("Advertising") and c.endswith("‡") for c in cells)
    assert any(c.startswith("‡ Advertising partly estimated") for c in cells)


def _pause(s: Session, store: Store, sku: str) -> AdProductAd:
    ad = s.query(AdProductAd).filter_by(store_id=store.id, sku=sku).one()
    ad.state = "paused"
    s.flush()
    return ad


def test_a_paused_product_ad_gets_none_of_its_ad_groups_spend(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _world(s)
        _pause(s, store, "SKU-C003")  # group B now serves B only
        pnl = sku_pnl(session=s, store_id=store.id, currency="USD", start=START, end=AS_OF)
    ads = {sku: p.lines.get("ads", D(0)) for sku, p in pnl.skus.items()}
    split = {sku: p.ads_split for sku, p in pnl.skus.items()}
    # group B's 120.00 is all B's (C's ad is paused); only group C's 16.20 is split by sales
    assert ads["SKU-B002"] - split["SKU-B002"] == D("-120.00")
    assert ads["SKU-C003"] == split["SKU-C003"] == D("-5.40")
    assert totals(list(pnl.skus.values())).lines["ads"] == D("-226.20")


def test_a_pause_we_exported_is_dated_and_an_all_paused_group_keeps_its_spend(
    engine: Engine,
) -> None:
    from datetime import UTC, datetime, time

    from sellerops.ads.models import AdRecommendation

    paused_on = AS_OF - timedelta(days=9)  # C served 20 of the 30 days
    with unit_of_work(engine) as s:
        store = _world(s)
        ad = _pause(s, store, "SKU-C003")
        s.add(AdRecommendation(store_id=store.id, review_date=paused_on, rec_key="p",
                               kind="pause", campaign_id=ad.campaign_id,
                               ad_group_id=ad.ad_group_id, sku="SKU-C003", currency="USD",
                               reason="out_of_stock", params={}, evidence={}, effect={},
                               status="exported",
                               exported_at=datetime.combine(paused_on, time(8), UTC)))  # fmt: skip
        _pause(s, store, "SKU-A001")  # group A's only ad: paused later, on an unknown day
        pnl = sku_pnl(session=s, store_id=store.id, currency="USD", start=START, end=AS_OF)
    net = {sku: p.lines.get("ads", D(0)) - p.ads_split for sku, p in pnl.skus.items()}
    # B's 20 days before the pause (80.00) split 1:3 with C; its last 10 days (40.00) B's alone
    assert net["SKU-B002"] == D("-60.00") and net["SKU-C003"] == D("-60.00")
    assert net["SKU-A001"] == D("-90.00")  # the group spent, so its only (paused) ad served
