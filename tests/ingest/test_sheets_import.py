"""The operator's own sheets: costs, suppliers, purchase orders and exchange rates, in English
or Chinese headers, recognised by their headers and imported as idempotently as reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.finance.models import ExchangeRate, ProductCost
from sellerops.ingest.service import import_file
from sellerops.inventory import service as inventory
from sellerops.partners.models import PurchaseOrder, PurchaseOrderLine, Supplier, SupplierProduct
from tests.ingest.helpers import DATA, rows_of

SHEETS = DATA / "sheets"


def products(engine: Engine) -> dict[str, Product]:
    with unit_of_work(engine) as session:
        return {p.sku: p for p in session.scalars(select(Product))}


def test_the_costs_sheet_keeps_a_history_and_the_product_gets_the_cost_in_effect(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "costs.csv", marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted) == ("cost_sheet", 4)
    with unit_of_work(engine) as session:
        history = session.scalars(select(ProductCost).where(ProductCost.sku == "HOSE-50-GRN"))
        assert [c.unit_cost for c in history] == [Decimal("40.00"), Decimal("42.50")]
    hose = products(engine)["HOSE-50-GRN"]
    assert (hose.unit_cost, hose.cost_currency, hose.lead_time_days) == (
        Decimal("42.50"), "CNY", 55,
    )  # fmt: skip


def test_rmb_is_cny_and_percentages_are_fractions(engine: Engine) -> None:
    import_file(engine=engine, path=SHEETS / "costs.csv", marketplace="US")

    with unit_of_work(engine) as session:
        nozzle = session.scalars(select(ProductCost).where(ProductCost.sku == "NOZZLE-8")).one()
        assert (nozzle.currency, nozzle.duty_rate) == ("CNY", Decimal("0.075"))
        assert (nozzle.first_leg_freight_per_unit, nozzle.lead_time_days) == (
            Decimal("1.10"), None,
        )  # fmt: skip


def test_a_cost_from_a_future_date_waits_and_says_so(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "costs.csv", marketplace="US")

    assert products(engine)["HOSE-25-GRN"].unit_cost is None
    assert any("no cost in effect" in note for note in outcome.notes)


def test_the_stock_checks_use_the_lead_time_from_the_costs_sheet(engine: Engine) -> None:
    import_file(engine=engine, path=DATA / "Inventory_US_2026-11-26.txt")
    import_file(engine=engine, path=SHEETS / "costs.csv")

    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        positions = inventory.stock_positions(
            session=session, store_id=store.id, as_of=date(2026, 11, 26), default_lead_time=45
        )
    lead = {p.sku: p.lead_time_days for p in positions}
    assert lead["HOSE-50-GRN"] == 55
    assert lead["NOZZLE-8"] == 45  # the sheet gives no lead time: the store's default


def test_chinese_headers_in_any_order_are_the_same_sheet(engine: Engine) -> None:
    import_file(engine=engine, path=SHEETS / "costs.csv", marketplace="US")
    before = rows_of(engine, ProductCost)

    outcome = import_file(engine=engine, path=SHEETS / "costs_zh.csv")

    assert (outcome.report_type, outcome.rows_inserted, outcome.rows_updated) == (
        "cost_sheet", 0, 1,
    )  # fmt: skip
    assert rows_of(engine, ProductCost) == before


def test_a_duty_rate_written_as_a_whole_number_is_refused(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "costs_bad_duty.csv", marketplace="US")

    assert outcome.error == (
        'costs_bad_duty.csv, line 2, column "duty_rate": '
        'expected a duty rate from 0% to 100% (25% or 0.25), got "7.5"'
    )
    assert rows_of(engine, ProductCost) == []


def test_suppliers_take_one_sku_per_row_or_a_list(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "suppliers.csv", marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert outcome.notes == ("2 suppliers (2 new)",)
    with unit_of_work(engine) as session:
        names = {s.id: s.name for s in session.scalars(select(Supplier))}
        made = {(names[p.supplier_id], p.sku): p for p in session.scalars(select(SupplierProduct))}
        ningbo = session.scalars(select(Supplier).where(Supplier.name.like("Ningbo%"))).one()
        assert (ningbo.contact, ningbo.payment_terms) == (
            "Ms. Chen", "30% deposit, 70% before shipping",
        )  # fmt: skip
    assert set(made) == {
        ("Ningbo Garden Tools Co.", "HOSE-50-GRN"),
        ("Ningbo Garden Tools Co.", "HOSE-25-GRN"),
        ("Shenzhen Spray Parts Ltd.", "NOZZLE-8"),
        ("Shenzhen Spray Parts Ltd.", "NOZZLE-4"),
    }
    hose25 = made[("Ningbo Garden Tools Co.", "HOSE-25-GRN")]
    assert (hose25.production_lead_time_days, hose25.moq, hose25.case_pack) == (30, 500, 20)


def test_a_supplier_with_two_different_emails_is_an_error(engine: Engine, tmp_path: Path) -> None:
    text = (SHEETS / "suppliers.csv").read_text()
    path = tmp_path / "suppliers.csv"
    path.write_text(text.replace("Ningbo Garden Tools Co.,,,", "Ningbo Garden Tools Co.,,x@y.z,"))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error == (
        'suppliers.csv, line 3, column "email": Ningbo Garden Tools Co. has '
        "'sales@ningbo-garden.example' on line 2 but 'x@y.z' here"
    )


def test_the_chinese_suppliers_sheet_imports(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "suppliers_zh.csv", marketplace="US")

    assert (outcome.report_type, outcome.status) == ("supplier_sheet", "imported"), outcome.error
    with unit_of_work(engine) as session:
        assert session.scalars(select(Supplier.name)).one() == "宁波园艺工具有限公司"


def orders(engine: Engine) -> dict[str, tuple[PurchaseOrder, dict[str, PurchaseOrderLine]]]:
    with unit_of_work(engine) as session:
        found = {}
        for po in session.scalars(select(PurchaseOrder)):
            query = select(PurchaseOrderLine).where(PurchaseOrderLine.purchase_order_id == po.id)
            found[po.po_number] = (po, {ln.sku: ln for ln in session.scalars(query)})
        return found


def test_purchase_orders_group_their_lines_and_link_the_supplier(engine: Engine) -> None:
    import_file(engine=engine, path=SHEETS / "suppliers.csv", marketplace="US")
    outcome = import_file(engine=engine, path=SHEETS / "purchase_orders.csv")

    assert outcome.status == "imported", outcome.error
    assert (outcome.rows_inserted, outcome.notes) == (3, ("2 purchase orders (2 new)",))
    po, lines = orders(engine)["PO-2026-031"]
    assert (po.order_date, po.expected_arrival_date, po.status, po.currency) == (
        date(2026, 11, 5), date(2027, 1, 20), "ordered", "CNY",
    )  # fmt: skip
    assert {sku: (ln.quantity, ln.unit_cost) for sku, ln in lines.items()} == {
        "HOSE-50-GRN": (1200, Decimal("42.50")),
        "HOSE-25-GRN": (600, Decimal("30.00")),
    }
    with unit_of_work(engine) as session:
        supplier = session.get(Supplier, po.supplier_id)
        assert supplier is not None and supplier.contact == "Ms. Chen"  # not overwritten
    assert orders(engine)["PO-2026-032"][0].status == "in_production"  # 生产中


def test_a_po_line_removed_from_the_sheet_is_removed(engine: Engine, tmp_path: Path) -> None:
    import_file(engine=engine, path=SHEETS / "purchase_orders.csv", marketplace="US")
    lines = (SHEETS / "purchase_orders.csv").read_text().splitlines()
    path = tmp_path / "purchase_orders_v2.csv"
    path.write_text("\n".join(line for line in lines if "HOSE-25-GRN" not in line) + "\n")

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert "1 line no longer on the sheet was removed" in outcome.notes
    assert set(orders(engine)["PO-2026-031"][1]) == {"HOSE-50-GRN"}
    assert set(orders(engine)["PO-2026-032"][1]) == {"NOZZLE-8"}


def test_reimporting_purchase_orders_changes_nothing(engine: Engine) -> None:
    import_file(engine=engine, path=SHEETS / "purchase_orders.csv", marketplace="US")
    before = rows_of(engine, PurchaseOrder), rows_of(engine, PurchaseOrderLine)

    again = import_file(engine=engine, path=SHEETS / "purchase_orders.csv", force=True)

    assert (again.rows_inserted, again.rows_updated) == (0, 3)
    assert (rows_of(engine, PurchaseOrder), rows_of(engine, PurchaseOrderLine)) == before


def test_one_po_with_two_suppliers_is_an_error_at_the_second(engine: Engine) -> None:
    path = SHEETS / "purchase_orders_conflicting_supplier.csv"
    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error == (
        'purchase_orders_conflicting_supplier.csv, line 3, column "supplier": PO-2026-031 has '
        "'Ningbo Garden Tools Co.' on line 2 but 'Shenzhen Spray Parts Ltd.' here"
    )
    assert orders(engine) == {}


def test_an_unknown_po_status_names_the_ones_there_are(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "purchase_orders.csv"
    path.write_text((SHEETS / "purchase_orders.csv").read_text().replace(",ordered", ",lost"))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error == (
        'purchase_orders.csv, line 2, column "status": expected a status: draft, ordered, '
        'in_production, shipped, received, cancelled, got "lost"'
    )


def test_exchange_rates_are_exact_and_chinese_currency_names_are_understood(
    engine: Engine,
) -> None:
    first = import_file(engine=engine, path=SHEETS / "exchange_rates.csv", marketplace="US")
    second = import_file(engine=engine, path=SHEETS / "exchange_rates_zh.csv")

    assert (first.rows_inserted, second.rows_inserted, second.rows_updated) == (3, 0, 1)
    with unit_of_work(engine) as session:
        rates = {(r.day, r.from_currency, r.to_currency): r.rate
                 for r in session.scalars(select(ExchangeRate))}  # fmt: skip
    assert rates[(date(2026, 11, 26), "USD", "CNY")] == Decimal("7.1301")
    assert len(rates) == 3


def test_an_unknown_currency_is_a_cell_error(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "exchange_rates.csv"
    path.write_text((SHEETS / "exchange_rates.csv").read_text().replace("EUR", "EUX"))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error == (
        'exchange_rates.csv, line 4, column "from_currency": '
        'expected a currency code such as USD, CNY or EUR, got "EUX"'
    )
