"""Snapshot reports in any order: a file of an older day imported after a newer one never
becomes the current state (what the review, the restock plan and the pages read as "now").

Each family is imported newer-then-older and older-then-newer; both orders must leave the
same current state, the newer file's. The older file is built from the family's real sample
(real headers, report-formats.md §2), with other numbers and titles and an earlier day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog.listing_models import ListingContent
from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.ingest.errors import localize_problem
from sellerops.ingest.service import ImportOutcome, import_file
from sellerops.inventory import service as inventory
from sellerops.inventory.models import (
    InventoryHealthSnapshot,
    InventorySnapshot,
    RestockRecommendation,
    WarehouseStock,
)
from tests.ingest.helpers import DATA

FBA = DATA / "fba"
LISTINGS = DATA.parent / "listings"
ORDERS = pytest.mark.parametrize("newer_first", [True, False], ids=["newer-first", "older-first"])
TODAY = date(2026, 11, 27)


def _import_both(
    engine: Engine, newer: Path, older: Path, *, newer_first: bool, **options: Any
) -> ImportOutcome:
    """Both files in the order asked; the outcome of the older file's import."""
    first, second = (newer, older) if newer_first else (older, newer)
    outcomes = {p: import_file(engine=engine, path=p, **options) for p in (first, second)}
    for outcome in outcomes.values():
        assert outcome.status == "imported", outcome.error
    return outcomes[older]


def _older_copy(source: Path, target: Path, replacements: dict[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def _catalog(engine: Engine) -> dict[str, tuple[Any, ...]]:
    with unit_of_work(engine) as session:
        return {
            p.sku: (p.asin, p.fnsku, p.title, p.price) for p in session.scalars(select(Product))
        }


def _store_id(engine: Engine) -> int:
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        return store.id


def _days(engine: Engine, model: type) -> list[date]:
    with unit_of_work(engine) as session:
        return sorted(set(session.scalars(select(model.snapshot_date))))  # type: ignore[attr-defined]


@ORDERS
def test_an_older_manage_fba_inventory_is_history_not_the_current_stock(
    engine: Engine, tmp_path: Path, newer_first: bool
) -> None:
    newer = DATA / "Inventory_US_2026-11-26.txt"
    older = _older_copy(newer, tmp_path / "Inventory_US_2026-11-20.txt", {
        "Garden Hose 50ft, \"Heavy Duty\", Green\tNew\t39.99": "Old Hose Title\tNew\t35.00",
        "Yes\t140\t120\t5\t15": "Yes\t60\t40\t5\t15",
    })  # fmt: skip

    outcome = _import_both(engine, newer, older, newer_first=newer_first)

    with unit_of_work(engine) as session:
        now = inventory.latest_snapshots(session=session, store_id=_store_id(engine), as_of=TODAY)
        stock = {sku: (s.snapshot_date, s.fulfillable) for sku, s in now.items()}
    assert stock["HOSE-50-GRN"] == (date(2026, 11, 26), 120)
    assert {day for day, _ in stock.values()} == {date(2026, 11, 26)}
    assert _catalog(engine)["HOSE-50-GRN"] == (
        "B0CHILD001", "X00ABCDE01", 'Garden Hose 50ft, "Heavy Duty", Green', Decimal("39.99"),
    )  # fmt: skip
    assert _days(engine, InventorySnapshot) == [date(2026, 11, 20), date(2026, 11, 26)]
    note = (
        "the store already has a newer Manage FBA Inventory (2026-11-26); this one "
        "(2026-11-20) was kept as history and did not replace it"
    )
    assert (note in outcome.notes) is newer_first
    assert outcome.data_start == date(2026, 11, 20)


@ORDERS
def test_an_older_inventory_health_report_is_history_not_the_current_health(
    engine: Engine, tmp_path: Path, newer_first: bool
) -> None:
    newer = FBA / "FBA_Inventory_Planning_US_2026-11-26.txt"
    older = _older_copy(newer, tmp_path / "FBA_Inventory_Planning_US_2026-11-20.txt", {
        "2026-11-26\t": "2026-11-20\t",
        "Spray Nozzle, 8 Patterns\tNew\t300\t": "Old Nozzle Title\tNew\t999\t",
    })  # fmt: skip

    outcome = _import_both(engine, newer, older, newer_first=newer_first)

    with unit_of_work(engine) as session:
        now = inventory.latest_health(session=session, store_id=_store_id(engine), as_of=TODAY)
        health = {sku: (h.snapshot_date, h.available) for sku, h in now.items()}
    assert health == {
        "HOSE-50-GRN": (date(2026, 11, 26), 120),
        "NOZZLE-8": (date(2026, 11, 26), 300),
    }
    assert _catalog(engine)["NOZZLE-8"][2] == "Spray Nozzle, 8 Patterns"
    assert _days(engine, InventoryHealthSnapshot) == [date(2026, 11, 20), date(2026, 11, 26)]
    assert any("was kept as history" in n for n in outcome.notes) is newer_first


@ORDERS
def test_older_restock_advice_is_history_and_leaves_the_products_alone(
    engine: Engine, tmp_path: Path, newer_first: bool
) -> None:
    newer = FBA / "Restock_Inventory_US_2026-11-26.txt"
    older = _older_copy(newer, tmp_path / "Restock_Inventory_US_2026-11-20.txt", {
        "US\tGarden Hose 50 ft, Green\tX00ABCDE01": "US\tOld Hose Title\tX00ABCDE01",
    })  # fmt: skip

    outcome = _import_both(engine, newer, older, newer_first=newer_first)

    assert _catalog(engine)["HOSE-50-GRN"][2] == "Garden Hose 50 ft, Green"
    assert _days(engine, RestockRecommendation) == [date(2026, 11, 20), date(2026, 11, 26)]
    assert any("newer Restock Inventory (2026-11-26)" in n for n in outcome.notes) is newer_first


@ORDERS
def test_an_older_warehouse_count_never_replaces_a_newer_one(
    engine: Engine, tmp_path: Path, newer_first: bool
) -> None:
    newer = tmp_path / "stock_new.csv"
    newer.write_text("sku,units,as_of,warehouse,transfer_days\n"
                     "ACME-HOSE-50,650,2026-11-26,LA 3PL,12\n"
                     "ACME-NOZZLE-8,1200,2026-11-20,NJ 3PL,9\n")  # fmt: skip
    older = tmp_path / "stock_old.csv"
    older.write_text("sku,units,as_of,warehouse,transfer_days\n"
                     "ACME-HOSE-50,800,2026-11-20,LA 3PL,15\n"
                     "ACME-NOZZLE-8,1000,2026-11-24,NJ 3PL,9\n")  # fmt: skip

    outcome = _import_both(engine, newer, older, newer_first=newer_first, marketplace="US")

    with unit_of_work(engine) as session:
        stock = {w.sku: (w.units, w.transfer_days, w.as_of)
                 for w in session.scalars(select(WarehouseStock))}  # fmt: skip
    # per SKU the latest count wins, whichever file it came in
    assert stock == {
        "ACME-HOSE-50": (650, 12, date(2026, 11, 26)),
        "ACME-NOZZLE-8": (1000, 9, date(2026, 11, 24)),
    }
    skipped = "1 SKU has a newer count stored than this file's: its row was not applied"
    assert (skipped in outcome.notes) is newer_first


def _suppressed(engine: Engine) -> dict[str, str | None]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(ListingContent).where(ListingContent.suppressed.is_(True)))
        return {c.sku: c.status for c in rows}


@ORDERS
def test_an_older_suppressed_listings_report_does_not_suppress_again(
    engine: Engine, tmp_path: Path, newer_first: bool
) -> None:
    sample = (LISTINGS / "suppressed_listings.txt").read_text().splitlines()
    older = tmp_path / "Suppressed_Listings_US_2026-11-20.txt"
    older.write_text("\n".join(sample) + "\n")
    newer = tmp_path / "Suppressed_Listings_US_2026-11-26.txt"  # the reel was fixed since
    newer.write_text("\n".join(sample[:3]) + "\n")

    outcome = _import_both(engine, newer, older, newer_first=newer_first)

    assert _suppressed(engine) == {"ACME-HOSE-25": "Search Suppressed"}
    assert outcome.data_start == date(2026, 11, 20)
    note = (
        "the store already has a newer Suppressed listings report (Fix your products) "
        "(2026-11-26); this one (2026-11-20) was not applied: the current state is the newer "
        "one's"
    )
    assert (note in outcome.notes) is newer_first


def test_a_suppressed_listings_report_without_a_date_in_its_name_is_taken_as_current(
    engine: Engine, tmp_path: Path
) -> None:
    sample = (LISTINGS / "suppressed_listings.txt").read_text().splitlines()
    dated = tmp_path / "Suppressed_Listings_US_2026-11-26.txt"
    dated.write_text("\n".join(sample[:3]) + "\n")
    undated = tmp_path / "suppressed.txt"
    undated.write_text("\n".join(sample) + "\n")

    import_file(engine=engine, path=dated)
    outcome = import_file(engine=engine, path=undated, store="US")

    assert outcome.status == "imported", outcome.error
    assert set(_suppressed(engine)) == {"ACME-HOSE-25", "ACME-REEL-1"}


def test_the_older_snapshot_notes_read_in_chinese() -> None:
    kept = (
        "the store already has a newer Manage FBA Inventory (2026-11-26); this one "
        "(2026-11-20) was kept as history and did not replace it"
    )
    skipped = "3 SKUs have a newer count stored than this file's: their rows were not applied"

    assert localize_problem(kept, "zh") == (
        "店铺已有更新的管理亚马逊库存（2026-11-26）：这份（2026-11-20）已作为历史记录保存，没有取代它"
    )
    assert localize_problem(skipped, "zh") == "3 个 SKU 已存有比此文件更新的库存数：这些行未被采用"
