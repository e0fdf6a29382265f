"""Purchase-order drafts per supplier, FBA capacity caps and the 3PL -> FBA leg."""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.inventory import alert_checks, purchase_orders
from sellerops.inventory.models import FbaCapacityLimit, InventorySnapshot, WarehouseStock
from sellerops.inventory.planning import restock_plan
from sellerops.inventory.restock import (
    CapacityLimit,
    LeadTime,
    RestockInput,
    Shipment,
    cap_shipments,
    transfer_to_fba,
)
from sellerops.partners.models import PurchaseOrder, PurchaseOrderLine, Supplier, SupplierProduct
from tests import factories as f
from tests.factories import AS_OF

DAY = date(2026, 11, 20)


def _fba(on_hand: int, per_day: float = 10.0, case_pack: int = 1) -> RestockInput:
    return RestockInput(
        sku="SKU-1",
        as_of=DAY,
        on_hand=on_hand,
        daily_mean=np.full(120, per_day),
        lead_time=LeadTime(10, 0, 0, 0),
        review_period_days=14,
        service_level=0.5,
        case_pack=case_pack,
    )


def test_transfer_sends_whole_cases_from_the_warehouse_with_a_ship_by_date() -> None:
    # 10 a day over 10 transfer days + 14 review days = 240 wanted, 40 at FBA: 200 to send
    t = transfer_to_fba(_fba(40, case_pack=24), warehouse_units=1000, transfer_days=10)
    assert t.units == 216 and t.units % 24 == 0 and t.held_back == 0
    assert t.ship_by == DAY  # 40 units last 4 days, less than the 10-day transfer: ship today
    later = transfer_to_fba(_fba(200), warehouse_units=1000, transfer_days=10)
    assert later.ship_by == DAY + timedelta(days=10)  # 200 units last 20 days; 10 to travel
    short = transfer_to_fba(_fba(0, case_pack=24), warehouse_units=50, transfer_days=10)
    assert short.units == 48 and short.held_back == 240 - 48  # only two full cases on hand


def test_capacity_cap_serves_the_earliest_stockout_first_and_keeps_under_the_limit() -> None:
    soon = Shipment("SOON", "standard", 100, 1.0, DAY + timedelta(days=3), 5.0)
    late = Shipment("LATE", "standard", 100, 1.0, DAY + timedelta(days=30), 50.0)
    rich = Shipment("RICH", "standard", 100, 1.0, None, 90.0)
    big = Shipment("BIG", "oversize", 500, 4.0, None)
    limits = {"standard": CapacityLimit(limit_cuft=250.0)}
    allowed = cap_shipments([rich, late, soon, big], limits, {"standard": 100.0}, {})
    assert allowed == {"SOON": 100, "LATE": 50, "RICH": 0, "BIG": 500}  # oversize: no limit
    by_units = cap_shipments([soon, late], {"standard": CapacityLimit(limit_units=130)}, {}, {})
    assert by_units == {"SOON": 100, "LATE": 30}


def test_drafts_group_lines_per_supplier_and_write_one_sheet_each(tmp_path: Path) -> None:
    def line(sku: str, units: int, by: int) -> purchase_orders.PoLine:
        return purchase_orders.PoLine(sku, None, units, Decimal("2.50"), DAY + timedelta(by), 40)

    drafts = purchase_orders.drafts(
        [("Ningbo Co", line("A", 120, 5)), ("Ningbo Co", line("B", 60, 2)),
         ("=Evil", line("C", 10, 9)), (None, line("D", 5, 1)), ("Ningbo Co", line("E", 0, 0))]
    )  # fmt: skip
    assert [d.supplier for d in drafts] == ["unassigned", "Ningbo Co", "=Evil"]
    ningbo = drafts[1]
    assert [x.sku for x in ningbo.lines] == ["B", "A"]  # most urgent first; E orders nothing
    assert ningbo.units == 180 and ningbo.total == Decimal("450.00")
    assert ningbo.order_by == DAY + timedelta(2)
    paths = purchase_orders.write_drafts(tmp_path / "po", drafts, DAY, "zh")
    assert [p.name for p in paths][1] == "PO-Ningbo_Co-2026-11-20.xlsx"
    assert all(p.exists() for p in paths)
    evil = zipfile.ZipFile(paths[2])
    strings = evil.read("xl/sharedStrings.xml").decode()
    assert "最晚下单日" in strings and "合计" in strings
    assert b"<f>" not in evil.read("xl/worksheets/sheet1.xml")


def _sku(s: Session, store: Store, sku: str, per_day: int, on_hand: int, cuft: str) -> None:
    f.orders(s, store, sku, per_day=per_day, days=90)
    s.add(
        InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku=sku, fulfillable=on_hand,
                          per_unit_volume=Decimal(cuft))
    )  # fmt: skip


def test_plan_rounds_to_the_suppliers_case_pack_and_caps_sends_at_fba_capacity(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=30)
        _sku(s, store, "SKU-URGENT", 10, 20, "0.5")
        _sku(s, store, "SKU-CALM", 10, 250, "0.5")
        supplier = Supplier(store_id=store.id, name="Shenzhen Ltd")
        s.add(supplier)
        s.flush()
        for sku in ("SKU-URGENT", "SKU-CALM"):
            s.add(SupplierProduct(supplier_id=supplier.id, sku=sku, store_id=store.id,
                                  production_lead_time_days=30, moq=500, case_pack=40))  # fmt: skip
        s.flush()
        free = {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}
        s.add(FbaCapacityLimit(store_id=store.id, storage_type="standard", limit_cuft=400))
        s.flush()
        capped = {r.sku: r for r in restock_plan(session=s, store=store, as_of=AS_OF)}
    for row in free.values():
        assert row.supplier == "Shenzhen Ltd" and row.held_back_units == 0
        assert row.line.order_units % 40 == 0 and row.line.order_units >= 500
        assert row.send_to_fba_units == row.line.order_units
    # 135 cu ft already at FBA; 265 cu ft of room = 530 units, urgent SKU first
    urgent, calm = capped["SKU-URGENT"], capped["SKU-CALM"]
    assert urgent.send_to_fba_units == min(free["SKU-URGENT"].send_to_fba_units, 530)
    assert urgent.send_to_fba_units + calm.send_to_fba_units <= 530
    assert calm.held_back_units > 0
    assert calm.held_back_units == free["SKU-CALM"].send_to_fba_units - calm.send_to_fba_units


def test_warehouse_leg_orders_into_the_3pl_and_sends_on_to_fba(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=40)
        _sku(s, store, "SKU-3PL", 10, 30, "0.2")
        s.add(WarehouseStock(store_id=store.id, sku="SKU-3PL", warehouse="LA 3PL", units=400,
                             transfer_days=12))  # fmt: skip
        s.flush()
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
    assert row.warehouse == "LA 3PL" and row.warehouse_units == 400
    assert 0 < row.send_to_fba_units <= 400 and row.ship_by == AS_OF  # 3 days left, 12 to go
    assert row.lead_time_days == 52  # supplier to the 3PL, then the transfer
    # the supplier order tops up FBA + 3PL stock over 52 + 14 days: about 660 - 430
    assert 150 < row.line.order_units < 450


def test_restock_po_writes_a_draft_per_supplier_and_capacity_finding(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _sku(s, store, "SKU-A", 8, 10, "1.0")
        _sku(s, store, "SKU-B", 8, 10, "1.0")
        a, b = Supplier(store_id=store.id, name="Alpha"), Supplier(store_id=store.id, name="Beta")
        s.add_all([a, b])
        s.flush()
        s.add(SupplierProduct(supplier_id=a.id, sku="SKU-A", store_id=store.id, case_pack=10))
        s.add(SupplierProduct(supplier_id=b.id, sku="SKU-B", store_id=store.id, case_pack=10))
        s.add(FbaCapacityLimit(store_id=store.id, storage_type="standard", limit_cuft=5))
    env = {"SELLEROPS_DATABASE_URL": db_url}
    out = tmp_path / "po"
    result = CliRunner().invoke(
        app, ["restock", "--po", str(out), "--date", AS_OF.isoformat()], env=env
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        f"PO-Alpha-{AS_OF.isoformat()}.xlsx",
        f"PO-Beta-{AS_OF.isoformat()}.xlsx",
    ]
    result = CliRunner().invoke(app, ["restock", "--json", "--date", AS_OF.isoformat()], env=env)
    lines = json.loads(result.stdout)["lines"]
    assert {ln["supplier"] for ln in lines} == {"Alpha", "Beta"}
    assert all(ln["send_to_fba_units"] == 0 and ln["held_back_units"] > 0 for ln in lines)
    with unit_of_work(engine) as s:
        the_store = s.scalars(select(Store)).one()
        from tests.inventory.test_alerts import _ctx

        (finding,) = alert_checks.capacity_overrun(_ctx(s, the_store))
    assert finding.kind == "fba_capacity_overrun" and finding.entity == "standard"
    assert finding.money_at_stake == Decimal("150.00")  # 20 cu ft at FBA, 15 over, $10 each


def test_service_by_value_moves_safety_stock_from_the_costly_sku_to_the_cheap_one(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=30)
        for sku, cost in (("SKU-CHEAP", "1.00"), ("SKU-DEAR", "80.00")):
            _sku(s, store, sku, 10, 0, "0.1")
            f.product(s, store, sku, f"B0{sku[-4:]}", unit_cost=Decimal(cost))
        s.flush()
        plain = {r.sku: r.line for r in restock_plan(session=s, store=store, as_of=AS_OF)}
        by_value = {
            r.sku: r.line
            for r in restock_plan(session=s, store=store, as_of=AS_OF, service_by_value=True)
        }
    assert by_value["SKU-CHEAP"].safety_stock > plain["SKU-CHEAP"].safety_stock
    assert by_value["SKU-DEAR"].safety_stock < plain["SKU-DEAR"].safety_stock


def test_settings_commands_store_capacity_limits_and_3pl_stock(engine: Engine, db_url: str) -> None:
    import typer

    from sellerops.cli.restock_settings_command import fba_capacity, warehouse_stock

    cli = typer.Typer()
    cli.command("fba-capacity")(fba_capacity)
    cli.command("warehouse-stock")(warehouse_stock)
    with unit_of_work(engine) as s:
        f.store(s)
    env = {"SELLEROPS_DATABASE_URL": db_url}
    runner = CliRunner()
    ok = runner.invoke(cli, ["fba-capacity", "oversize", "--cuft", "120.5"], env=env)
    assert ok.exit_code == 0, ok.output
    again = runner.invoke(cli, ["fba-capacity", "oversize", "--units", "300"], env=env)
    assert again.exit_code == 0, again.output
    bad = runner.invoke(cli, ["fba-capacity", "garden", "--units", "3"], env=env)
    assert bad.exit_code != 0
    leg = ["warehouse-stock", "SKU-1", "--units", "800", "--transfer-days", "9"]
    assert runner.invoke(cli, [*leg, "--warehouse", "Ontario 3PL"], env=env).exit_code == 0
    with unit_of_work(engine) as s:
        (limit,) = s.scalars(select(FbaCapacityLimit)).all()
        (stock,) = s.scalars(select(WarehouseStock)).all()
        assert (limit.storage_type, limit.limit_cuft, limit.limit_units) == ("oversize", None, 300)
        assert (stock.sku, stock.units, stock.transfer_days) == ("SKU-1", 800, 9)
        assert stock.warehouse == "Ontario 3PL"


def test_units_on_open_purchase_orders_count_as_inbound_so_nothing_is_ordered_twice(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=30)
        _sku(s, store, "SKU-PO", 10, 40, "0.2")
        s.flush()
        (before,) = restock_plan(session=s, store=store, as_of=AS_OF)
        po = PurchaseOrder(store_id=store.id, po_number="PO-100", currency="CNY",
                           order_date=AS_OF - timedelta(days=5), status="in_production",
                           expected_arrival_date=AS_OF + timedelta(days=25))  # fmt: skip
        draft = PurchaseOrder(store_id=store.id, po_number="PO-DRAFT", currency="CNY",
                              status="draft")  # fmt: skip
        s.add_all([po, draft])
        s.flush()
        s.add_all([
            PurchaseOrderLine(purchase_order_id=po.id, store_id=store.id, sku="SKU-PO", quantity=300),
            PurchaseOrderLine(purchase_order_id=draft.id, store_id=store.id, sku="SKU-PO", quantity=999),
        ])  # fmt: skip
        s.flush()
        (after,) = restock_plan(session=s, store=store, as_of=AS_OF)

    assert before.line.order_units > 300
    # the 300 units in production are subtracted; the draft is not an order yet
    assert after.line.order_units == max(before.line.order_units - 300, 0)
    assert after.line.position == before.line.position + 300
    assert after.line.stockout_date == before.line.stockout_date  # lands after the 40 sell out
    assert "300 units on open purchase orders (PO-100)" in after.explain("en")
    assert "PO-DRAFT" not in after.explain("en")
    assert "未完成采购单上的 300 件" in after.explain("zh")
