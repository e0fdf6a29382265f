"""All Orders: orders and items by natural key, overlapping files, marketplaces, big files."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file
from sellerops.service.models import Order, OrderItem
from tests.ingest.helpers import DATA, batches, rows_of, stores


def orders(engine: Engine) -> dict[str, Order]:
    with unit_of_work(engine) as session:
        return {o.amazon_order_id: o for o in session.scalars(select(Order))}


def items(engine: Engine) -> dict[tuple[str, str], OrderItem]:
    with unit_of_work(engine) as session:
        query = select(Order.amazon_order_id, OrderItem).join(Order, Order.id == OrderItem.order_id)
        return {(oid, item.sku): item for oid, item in session.execute(query)}


def test_the_2022_layout_lands_orders_items_and_local_purchase_days(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))

    assert outcome.status == "imported", outcome.error
    assert (outcome.store, outcome.rows_read, outcome.rows_inserted) == ("US", 6, 5)
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 25), date(2026, 11, 26))
    first = orders(engine)["113-0000001-0000001"]
    assert first.purchased_at == datetime(2026, 11, 26, 5, 30, tzinfo=UTC)
    assert first.purchase_day == date(2026, 11, 25)  # 21:30 the evening before in Los Angeles
    assert (first.status, first.sales_channel, first.currency) == ("Shipped", "Amazon.com", "USD")
    assert (first.ship_city, first.ship_country, first.is_business_order) == (
        "KERRVILLE",
        "US",
        False,
    )
    item = items(engine)[("113-0000001-0000001", "HOSE-50-GRN")]
    assert (item.asin, item.quantity, item.item_price, item.item_tax) == (
        "B0CHILD001", 1, Decimal("39.99"), Decimal("3.20"),
    )  # fmt: skip
    assert item.shipping_price is None
    assert stores(engine) == [("US", "US")]


def test_a_sku_repeated_within_one_order_is_summed(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))

    nozzle = items(engine)[("113-0000004-0000004", "NOZZLE-8")]
    assert (nozzle.quantity, nozzle.item_price, nozzle.item_tax) == (
        3, Decimal("29.97"), Decimal("2.40"),
    )  # fmt: skip
    two_skus = [k for k in items(engine) if k[0] == "113-0000002-0000002"]
    assert sorted(sku for _, sku in two_skus) == ["HOSE-50-GRN", "NOZZLE-8"]


def test_a_later_overlapping_file_updates_the_order_status(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))
    assert orders(engine)["113-0000003-0000003"].status == "Pending"

    later = import_file(engine=engine, path=sample("AllOrders_2022_layout_later.txt"))

    assert later.status == "imported", later.error
    assert (later.rows_inserted, later.rows_updated) == (1, 1)
    changed = orders(engine)["113-0000003-0000003"]
    assert changed.status == "Shipped"
    assert items(engine)[("113-0000003-0000003", "HOSE-25-GRN")].item_status == "Shipped"
    assert len(orders(engine)) == 5


def test_an_older_file_imported_afterwards_does_not_roll_an_order_back(
    engine: Engine, sample
) -> None:
    import_file(engine=engine, path=sample("AllOrders_2022_layout_later.txt"))
    older = import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))

    assert older.status == "imported"
    assert orders(engine)["113-0000003-0000003"].status == "Shipped"
    assert any("newer in the database" in note for note in older.notes)


def test_reimporting_the_same_orders_changes_no_number(engine: Engine, sample) -> None:
    path = sample("AllOrders_2022_layout.txt")
    import_file(engine=engine, path=path)
    before = [rows_of(engine, m) for m in (Order, OrderItem, Product)]

    assert import_file(engine=engine, path=path).status == "skipped_duplicate"
    forced = import_file(engine=engine, path=path, force=True)

    assert (forced.rows_inserted, forced.rows_updated) == (0, 5)
    assert [rows_of(engine, m) for m in (Order, OrderItem, Product)] == before


def test_the_2017_layout_with_url_column_lands_in_an_italian_store(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("AllOrders_2017_layout.txt"))

    assert (outcome.status, outcome.store) == ("imported", "IT"), outcome.error
    assert stores(engine) == [("IT", "IT")]
    cancelled = orders(engine)["404-2222222-2222222"]
    assert cancelled.status == "Cancelled" and cancelled.currency == "EUR"
    assert cancelled.purchase_day == date(2017, 12, 2)  # 23:30 UTC is past midnight in Rome
    item = items(engine)[("404-2222222-2222222", "HOSE-15-IT")]
    assert (item.quantity, item.item_price) == (0, None)


def test_products_come_from_the_order_lines(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))

    with unit_of_work(engine) as session:
        found = {p.sku: (p.asin, p.title) for p in session.scalars(select(Product))}
    assert found["NOZZLE-8"] == ("B0CHILD003", "Hose Nozzle 8 Patterns")
    assert set(found) == {"HOSE-50-GRN", "HOSE-25-GRN", "NOZZLE-8"}


def test_a_sku_no_report_prices_gets_the_unit_price_of_its_newest_order(
    engine: Engine, sample
) -> None:
    """A merchant-fulfilled SKU appears in no FBA inventory report, so its price would stay
    unknown; a price a listing or inventory report gave is never overwritten by orders."""
    import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))
    with unit_of_work(engine) as session:
        hose = session.scalars(select(Product).where(Product.sku == "HOSE-50-GRN")).one()
        hose.price = Decimal("44.99")  # as the Manage FBA Inventory report would have said
    import_file(engine=engine, path=sample("AllOrders_2022_layout.txt"))

    with unit_of_work(engine) as session:
        prices = {p.sku: p.price for p in session.scalars(select(Product))}
    # NOZZLE-8: the merchant order's two lines, 3 units for 29.97
    assert prices == {"NOZZLE-8": Decimal("9.99"), "HOSE-25-GRN": Decimal("19.99"),
                      "HOSE-50-GRN": Decimal("44.99")}  # fmt: skip


def _orders_file(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A 2022-layout file with (order id, sales channel, purchase date) per line."""
    header = (DATA / "AllOrders_2022_layout.txt").read_text().splitlines()[0]
    width = len(header.split("\t"))
    lines = [header]
    for order_id, channel, purchased in rows:
        cells = [""] * width
        cells[0], cells[2], cells[4], cells[6] = order_id, purchased, "Shipped", channel
        cells[10], cells[11], cells[13], cells[14] = "SKU-1", "B0CHILD001", "1", "USD"
        cells[15] = "10.00"
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_rows_of_another_marketplace_are_counted_as_rejected(
    engine: Engine, tmp_path: Path
) -> None:
    path = _orders_file(tmp_path / "orders.txt", [
        ("111-1", "Amazon.com", "2026-11-26T10:00:00+00:00"),
        ("702-1", "Amazon.ca", "2026-11-26T11:00:00+00:00"),
        ("MCF-1", "Non-Amazon", "2026-11-26T12:00:00+00:00"),
    ])  # fmt: skip

    unsure = import_file(engine=engine, path=path)
    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert unsure.status == "failed" and "--marketplace" in (unsure.error or "")
    assert (outcome.status, outcome.store) == ("imported", "US"), outcome.error
    assert (outcome.rows_read, outcome.rows_inserted, outcome.rows_rejected) == (3, 2, 1)
    assert set(orders(engine)) == {"111-1", "MCF-1"}
    assert batches(engine)[-1].rows_rejected == 1
    # Now that the US store exists, it is the one store the file can be for.
    assert import_file(engine=engine, path=path, force=True).store == "US"


def test_a_large_file_is_written_in_chunks(engine: Engine, tmp_path: Path) -> None:
    rows = [(f"113-{n:07d}", "Amazon.com", "2026-11-26T10:00:00+00:00") for n in range(2100)]
    outcome = import_file(engine=engine, path=_orders_file(tmp_path / "big.txt", rows))

    assert (outcome.status, outcome.rows_inserted) == ("imported", 2100), outcome.error
    assert len(items(engine)) == 2100
