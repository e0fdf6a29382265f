"""The plain explanation of each restock line: its own numbers, in English and Chinese."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.inventory import plan_store
from sellerops.inventory.models import FbaCapacityLimit, InventorySnapshot, WarehouseStock
from sellerops.inventory.planning import PlanRow, explain_notes, restock_plan
from sellerops.inventory.restock import ABC_LEVELS, LeadTime, RestockInput, abc_classes, plan
from sellerops.partners.models import Supplier, SupplierProduct
from tests import factories as f
from tests.factories import AS_OF

LANGS = ("en", "zh")


def _keys(row: PlanRow) -> list[str]:
    """The row's note keys, without the shopping-events sentence (it depends on the day)."""
    return [k.removeprefix("restock.why.") for k, _ in row.notes if k != "restock.why.events"]


def _n(value: float, lang: str) -> str:
    return i18n.number(round(value), lang, 0)


def _sku(s: Session, store: Store, sku: str, per_day: int, on_hand: int, days: int = 90) -> None:
    if per_day:
        f.orders(s, store, sku, per_day=per_day, days=days)
    s.add(
        InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku=sku, fulfillable=on_hand,
                          per_unit_volume=Decimal("0.5"))
    )  # fmt: skip


def _plan(s: Session, store: Store) -> dict[str, PlanRow]:
    s.flush()
    return {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}


def test_the_explanation_carries_the_lines_numbers_in_both_languages(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        _sku(s, store, "SKU-SOON", 10, 400)
        supplier = Supplier(store_id=store.id, name="Ningbo Co")
        s.add(supplier)
        s.flush()
        s.add(SupplierProduct(supplier_id=supplier.id, sku="SKU-SOON", store_id=store.id,
                              production_lead_time_days=30, moq=500, case_pack=40))  # fmt: skip
        row = _plan(s, store)["SKU-SOON"]
    line = row.line
    # 400 units at 10 a day, 30 days to land: an order is due within days, not today
    assert line.order_units == 520 and line.order_by is not None and line.order_by > AS_OF
    assert line.stockout_date is not None
    assert _keys(row)[:5] == ["demand.smooth", "sale_days", "cover", "position", "order.rounded"]
    for lang in LANGS:
        text = row.explain(lang)
        assert _n(line.order_units, lang) in text
        assert i18n.day(line.order_by, lang) in text
        assert i18n.day(line.stockout_date, lang) in text
        assert _n(line.safety_stock, lang) in text and _n(line.target_level, lang) in text
        assert i18n.number(round(row.forecast_per_day, 1), lang, 1) in text
        assert "Ningbo Co" in text  # the lead time is the supplier's
        assert "30" in text and "14" in text and _n(line.protection_days, lang) in text
    en, zh = row.explain("en"), row.explain("zh")
    assert "rounded" not in en and "raised to the MOQ of 500, 13 cases of 40" in en
    assert "最小起订量 500 件，共 13 箱 × 40 件" in zh
    assert "You have 400 on hand and 0 inbound" in en and "现有可售 400 件" in zh
    assert "95% service level" in en and "服务水平 95%" in zh


def test_no_order_says_why_and_an_idle_sku_says_nothing_sells(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        _sku(s, store, "SKU-FULL", 2, 5000)
        _sku(s, store, "SKU-IDLE", 0, 40)
        _sku(s, store, "SKU-LATER", 5, 600)
        rows = _plan(s, store)
    full, idle, later = rows["SKU-FULL"], rows["SKU-IDLE"], rows["SKU-LATER"]
    assert full.line.order_units == 0 and "no_order" in _keys(full)
    assert "stockout.none" in _keys(full)
    assert "no order now" in full.explain("en") and "无需采购" in full.explain("zh")
    assert _n(full.line.target_level, "en") in full.explain("en")
    assert idle.forecast_per_day == 0 and "no_order.no_demand" in _keys(idle)
    assert "Nothing is forecast to sell" in idle.explain("en")
    assert "预测无销量" in idle.explain("zh")
    # 600 units at 5 a day: enough for now, but the next order has a date and stock runs out
    assert later.line.order_units == 0 and later.line.order_by is not None
    assert _keys(later)[4:6] == ["no_order.next", "stockout.later"]
    for lang in LANGS:
        assert i18n.day(later.line.order_by, lang) in later.explain(lang)
        assert later.line.stockout_date is not None
        assert i18n.day(later.line.stockout_date, lang) in later.explain(lang)


def test_a_sku_already_out_of_stock_orders_today_and_expects_a_gap(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        _sku(s, store, "SKU-OUT", 10, 0)
        row = _plan(s, store)["SKU-OUT"]
    assert row.line.order_by == AS_OF and row.line.order_units > 0
    assert "stockout.now" in _keys(row) and "stockout.gap" in _keys(row)
    assert "order.today" in _keys(row)
    en, zh = row.explain("en"), row.explain("zh")
    assert f"So order {_n(row.line.order_units, 'en')} today." in en
    assert "out of stock at FBA now" in en and "expect a gap" in en and "45 days" in en
    assert f"请今天采购 {_n(row.line.order_units, 'zh')} 件" in zh and "FBA 目前已断货" in zh


def test_a_capacity_cap_is_explained(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=40)
        _sku(s, store, "SKU-CAP", 10, 20)
        s.add(FbaCapacityLimit(store_id=store.id, storage_type="standard", limit_cuft=200))
        cap = _plan(s, store)["SKU-CAP"]
    # 10 cu ft at FBA: room for 380 units of 0.5 cu ft, less than the order
    assert cap.send_to_fba_units == 380 and cap.held_back_units == cap.line.order_units - 380
    assert _keys(cap)[-1] == "capacity"
    for lang in LANGS:
        text = cap.explain(lang)
        assert _n(cap.held_back_units, lang) in text and _n(cap.send_to_fba_units, lang) in text
    assert "FBA capacity for standard storage is short" in cap.explain("en")
    assert "FBA standard 库容不足" in cap.explain("zh")


def test_the_3pl_leg_is_explained(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=40)
        _sku(s, store, "SKU-3PL", 10, 30)
        s.add(WarehouseStock(store_id=store.id, sku="SKU-3PL", warehouse="LA 3PL", units=400,
                             transfer_days=12))  # fmt: skip
        leg = _plan(s, store)["SKU-3PL"]
    assert leg.warehouse == "LA 3PL" and leg.send_to_fba_units > 0 and leg.ship_by is not None
    assert "source" in dict(leg.notes)["restock.why.cover"]
    en, zh = leg.explain("en"), leg.explain("zh")
    assert "Lead time 52 days (the store's default, then 12 days from LA 3PL to FBA)" in en
    assert "再加 LA 3PL 到 FBA 的 12 天" in zh
    assert "400 at LA 3PL" in en
    for lang in LANGS:
        text = leg.explain(lang)
        assert _n(leg.send_to_fba_units, lang) in text and i18n.day(leg.ship_by, lang) in text


def test_a_new_sku_says_its_forecast_is_rough_and_events_are_named(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        _sku(s, store, "SKU-NEW", 6, 30, days=20)
        row = _plan(s, store)["SKU-NEW"]
    assert row.method == "new" and _keys(row)[0] == "demand.new"
    assert "only 20 days of sales history" in row.explain("en")
    assert "销售历史仅 20 天" in row.explain("zh")
    # 20 Nov + 59 days covers Black Friday (27 Nov 2026) and Christmas
    assert "Black Friday" in row.explain("en") and "黑色星期五" in row.explain("zh")


def test_the_stored_plan_explains_itself_the_same_way(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        _sku(s, store, "SKU-LOW", 10, 50)
        _sku(s, store, "SKU-IDLE", 0, 40)
        computed = list(_plan(s, store).values())
        stored = plan_store.stored_plan(session=s, store=store, as_of=AS_OF).rows
    by_sku = {r.sku: r for r in stored}
    for row in computed:
        assert row.notes
        for lang in LANGS:
            assert by_sku[row.sku].explain(lang) == row.explain(lang)


def test_restock_command_shows_the_explanation_everywhere(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        _sku(s, store, "SKU-LOW", 10, 50)
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "200"}
    day = ["--date", AS_OF.isoformat()]
    runner = CliRunner()
    out = runner.invoke(app, ["--lang", "zh", "restock", "--json", *day], env=env)
    assert out.exit_code == 0, out.stderr
    (line,) = json.loads(out.stdout)["lines"]
    assert f"请今天采购 {_n(line['order_units'], 'zh')} 件" in line["explanation"]
    text = runner.invoke(app, ["restock", "--explain", *day], env=env)
    assert text.exit_code == 0, text.stderr
    assert "SKU-LOW: Sells about" in text.stdout and "So order" in text.stdout
    plain = runner.invoke(app, ["restock", *day], env=env)
    assert "Sells about" not in plain.stdout
    book = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["restock", "--xlsx", str(book), *day], env=env).exit_code == 0
    strings = zipfile.ZipFile(book).read("xl/sharedStrings.xml").decode()
    assert "Why" in strings and "So order" in strings


def test_a_sku_without_history_says_where_its_forecast_comes_from() -> None:
    item = RestockInput(sku="SKU-X", as_of=AS_OF, on_hand=0, daily_mean=np.full(120, 3.0),
                        lead_time=LeadTime(20, 20, 5, 5))  # fmt: skip
    line = plan(item)
    row = PlanRow("SKU-X", None, None, line, 3.0, "none", 45.0, None)
    source = ("restock.why.source.product", {})
    pooled = replace(row, notes=explain_notes(row, item, source, 0, {}))
    assert _keys(pooled)[0] == "demand.none_pooled"
    assert "the 3 a day forecast is the typical level of related listings" in pooled.explain("en")
    assert "Lead time 45 days (set on the product)" in pooled.explain("en")
    zero = replace(row, forecast_per_day=0.0)
    empty = replace(zero, notes=explain_notes(zero, item, source, 0, {}))
    assert _keys(empty)[0] == "demand.none" and "尚无销售历史" in empty.explain("zh")


def test_abc_classes_split_sales_value_at_80_and_95_percent() -> None:
    value = np.array([5.0, 700.0, 0.0, 100.0, 150.0, 45.0, np.nan])
    # 700 of 1000 is first (A); 150 starts at 70 % (A); 100 at 85 % (B); 45 at 95 % (C)
    assert abc_classes(value) == ["C", "A", "C", "B", "A", "C", "C"]
    assert abc_classes(np.zeros(3)) == ["C", "C", "C"]


def test_service_by_abc_gives_each_class_its_level_and_says_so(engine: Engine, db_url: str) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        for sku, per_day in (("SKU-A", 100), ("SKU-B", 15), ("SKU-C", 1)):
            _sku(s, store, sku, per_day, 50)
        s.flush()
        plain = {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}
        rows = {
            r.sku: r
            for r in restock_plan(session=s, store=store, as_of=AS_OF, abc_levels=ABC_LEVELS)
        }
    assert {k: r.abc_class for k, r in rows.items()} == {"SKU-A": "A", "SKU-B": "B", "SKU-C": "C"}
    assert [rows[k].service_level for k in ("SKU-A", "SKU-B", "SKU-C")] == [0.97, 0.95, 0.90]
    assert plain["SKU-A"].abc_class is None and plain["SKU-A"].service_level == 0.95
    assert rows["SKU-A"].line.safety_stock > plain["SKU-A"].line.safety_stock
    assert rows["SKU-C"].line.safety_stock < plain["SKU-C"].line.safety_stock
    assert "97% service level" in rows["SKU-A"].explain("en")
    assert "class A's" in rows["SKU-A"].explain("en") and "C 类" in rows["SKU-C"].explain("zh")
    env = {"SELLEROPS_DATABASE_URL": db_url}
    day = ["--date", AS_OF.isoformat()]
    runner = CliRunner()
    out = runner.invoke(
        app, ["restock", "--json", "--service-by-abc", "--abc-levels", "a=0.99", *day], env=env
    )
    assert out.exit_code == 0, out.stderr
    got = {
        ln["sku"]: (ln["abc_class"], ln["service_level"]) for ln in json.loads(out.stdout)["lines"]
    }
    assert got == {"SKU-A": ("A", 0.99), "SKU-B": ("B", 0.95), "SKU-C": ("C", 0.90)}
    bad = runner.invoke(app, ["restock", "--abc-levels", "A=1.5", *day], env=env)
    both = runner.invoke(app, ["restock", "--service-by-abc", "--service-by-value", *day], env=env)
    assert bad.exit_code != 0 and both.exit_code != 0


def test_a_3pl_short_of_stock_says_what_fba_misses(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=40)
        _sku(s, store, "SKU-THIN", 10, 30)
        s.add(WarehouseStock(store_id=store.id, sku="SKU-THIN", warehouse="NJ 3PL", units=40,
                             transfer_days=12))  # fmt: skip
        row = _plan(s, store)["SKU-THIN"]
    assert row.send_to_fba_units == 40 and row.held_back_units > 0
    assert _keys(row)[-2:] == ["send.leg", "send.leg_short"]
    for lang in LANGS:
        text = row.explain(lang)
        assert _n(row.held_back_units, lang) in text and "NJ 3PL" in text
    assert f"Send 40 from NJ 3PL to FBA by {i18n.day(AS_OF, 'en')}" in row.explain("en")
