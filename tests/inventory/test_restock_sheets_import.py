"""3PL stock and FBA capacity as operator sheets: stored in the tables the
``warehouse-stock`` and ``fba-capacity`` commands write, which the restock plan reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.ingest import templates
from sellerops.ingest.service import import_file
from sellerops.inventory import planning
from sellerops.inventory.capacity_models import FbaCapacityMonth
from sellerops.inventory.models import FbaCapacityLimit, WarehouseStock
from tests.ingest.helpers import filled_in

LISTINGS = Path(__file__).resolve().parent.parent / "data" / "listings"


def _stock(engine: Engine) -> dict[str, tuple[str, int, int, date | None]]:
    with unit_of_work(engine) as s:
        return {w.sku: (w.warehouse, w.units, w.transfer_days, w.as_of)
                for w in s.scalars(select(WarehouseStock))}  # fmt: skip


def test_the_warehouse_stock_sheet_keeps_each_skus_latest_count(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=LISTINGS / "warehouse_stock.csv", store="Acme US",
                          marketplace="US")  # fmt: skip

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read, outcome.rows_inserted) == (
        "warehouse_stock_sheet", 3, 2,
    )  # fmt: skip
    assert _stock(engine) == {
        "ACME-HOSE-50": ("LA 3PL", 650, 12, date(2026, 11, 26)),
        "ACME-NOZZLE-8": ("3PL", 1200, 10, date(2026, 11, 26)),  # defaults
    }


def test_an_empty_transfer_days_keeps_the_value_set_before(engine: Engine, tmp_path: Path) -> None:
    import_file(engine=engine, path=LISTINGS / "warehouse_stock.csv", store="Acme US",
                marketplace="US")  # fmt: skip
    later = tmp_path / "stock.csv"
    later.write_text("SKU,库存数量,库存日期,仓库,转运天数\nACME-HOSE-50,500,2026-11-30,LA 3PL,\n",
                     encoding="utf-8-sig")  # fmt: skip

    outcome = import_file(engine=engine, path=later, store="Acme US")

    assert outcome.status == "imported", outcome.error
    assert _stock(engine)["ACME-HOSE-50"] == ("LA 3PL", 500, 12, date(2026, 11, 30))


def test_one_sku_in_two_warehouses_on_one_day_is_an_error(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "stock.csv"
    path.write_text("sku,units,as_of,warehouse\nA-1,5,2026-11-01,LA\nA-1,7,2026-11-01,NJ\n")

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "failed"
    assert "stock.csv" in (outcome.error or "") and "line 3" in (outcome.error or "")
    assert "first on line 2" in (outcome.error or "")
    assert _stock(engine) == {}


def test_the_capacity_sheet_sets_the_limit_in_effect_and_keeps_the_schedule(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=LISTINGS / "fba_capacity_zh.csv", store="Acme US",
                          marketplace="US")  # fmt: skip

    assert outcome.status == "imported", outcome.error
    assert outcome.report_type == "fba_capacity_sheet"
    assert any("apparel" in n and "left as it was" in n for n in outcome.notes)
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        schedule = s.scalars(select(FbaCapacityMonth).order_by(FbaCapacityMonth.month)).all()
        assert len(schedule) == 4
        assert schedule[-1].month == date(2099, 1, 1)
        limits = planning.capacity_limits(s, store.id)
        stored = {c.storage_type: c for c in s.scalars(select(FbaCapacityLimit))}
    # the 2099 rows wait; this month's limits are October's
    assert set(limits) == {"standard", "oversize"}
    assert stored["standard"].limit_cuft == Decimal("1500")
    assert (stored["oversize"].limit_cuft, stored["oversize"].limit_units) == (None, 400)


def test_a_capacity_row_without_a_limit_is_an_error(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "capacity.csv"
    path.write_text("storage_type,month,limit_cuft,limit_units\nstandard,2026-11,,\n")

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "failed"
    assert "line 2" in (outcome.error or "") and "limit_cuft" in (outcome.error or "")


def test_both_templates_import_back_in_both_languages(engine: Engine, tmp_path: Path) -> None:
    for name in ("warehouse-stock", "fba-capacity"):
        for lang in ("en", "zh"):
            path = filled_in(templates.write(name, tmp_path / f"{name}-{lang}.csv", lang))
            outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")
            assert outcome.status == "imported", outcome.error
    assert _stock(engine)["HOSE-50-GRN"] == ("LA 3PL", 800, 12, date(2026, 11, 26))
