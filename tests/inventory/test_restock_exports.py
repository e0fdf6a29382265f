"""The restock spreadsheet and the purchase-order drafts as an operator opens them: real
dates (sortable, shown as yyyy-mm-dd), columns wide enough to read, and the currency of
every cost."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from sellerops.cli import app
from sellerops.core.db import unit_of_work
from sellerops.core.xlsx import column_width
from sellerops.inventory import purchase_orders
from sellerops.partners.models import Supplier, SupplierProduct
from tests import factories as f
from tests.factories import AS_OF

TITLE = "Acme Insulated Water Bottle, 32 oz, Matte Black"


def _rows(path: Path) -> list[list[Any]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()


def _widths(path: Path) -> list[float]:
    """Each column's width (Excel merges neighbours of one width into one ``<col>``)."""
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    spans = re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml)
    return [float(w) for lo, hi, w in spans for _ in range(int(lo), int(hi) + 1)]


def test_column_widths_fit_the_values_within_limits() -> None:
    assert column_width(["SKU", "SKU-1"]) == 10  # the narrowest column
    assert column_width(["Title", TITLE]) == len(TITLE) + 2
    assert column_width(["Why", "x" * 500]) == 60  # long text: capped
    assert column_width(["标题", "不锈钢保温水杯"]) == 16  # CJK characters are two wide
    assert column_width(["Order by", date(2026, 12, 1)]) == 14


def _store(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.history(s, store, "B0LOWSTOCK", days=60, units=10, end=AS_OF + timedelta(days=1))
        f.snapshot(s, store, "SKU-LOW", AS_OF, fulfillable=20, asin="B0LOWSTOCK")
        f.product(s, store, "SKU-LOW", "B0LOWSTOCK", title=TITLE, unit_cost=Decimal("18.50"),
                  cost_currency="CNY")  # fmt: skip
        supplier = Supplier(store_id=store.id, name="Ningbo Co")
        s.add(supplier)
        s.flush()
        s.add(SupplierProduct(supplier_id=supplier.id, sku="SKU-LOW", store_id=store.id))


def test_the_restock_xlsx_writes_dates_as_dates_and_wide_enough_columns(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    _store(engine)
    out = tmp_path / "restock.xlsx"
    env = {"SELLEROPS_DATABASE_URL": db_url}
    result = CliRunner().invoke(app, ["restock", "--xlsx", str(out)], env=env)
    assert result.exit_code == 0, result.output
    header, row = _rows(out)[:2]
    line = dict(zip(header, row, strict=True))
    assert isinstance(line["Order by"], date) and isinstance(line["Stock-out"], date)
    assert line["Stock-out"] > AS_OF and line["Title"] == TITLE
    # the demand class in the words the web table and the explanation use, not "smooth"
    assert line["Demand type"] == "steady" and "(steady demand)" in line["Why"]
    styles = zipfile.ZipFile(out).read("xl/styles.xml").decode()
    assert 'formatCode="yyyy-mm-dd"' in styles
    widths = dict(zip(header, _widths(out), strict=True))
    assert widths["Title"] >= len(TITLE) and widths["Order by"] >= 12
    assert 60 <= widths["Why"] < 61  # long explanations: capped (Excel adds padding)


def test_the_po_draft_says_the_currency_of_its_costs(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    _store(engine)
    out = tmp_path / "po"
    env = {"SELLEROPS_DATABASE_URL": db_url}
    result = CliRunner().invoke(
        app, ["restock", "--po", str(out), "--date", AS_OF.isoformat()], env=env
    )
    assert result.exit_code == 0, result.output
    assert "CN¥" in result.output  # the total in the draft's currency
    (path,) = out.iterdir()
    header, line, total = _rows(path)
    assert header[:8] == ["SKU", "Title", "Units", "Unit cost", "Line total", "Currency",
                          "Order by", "Lead time (days)"]  # fmt: skip
    assert line[0] == "SKU-LOW" and line[3] == 18.5 and line[5] == "CNY"
    assert isinstance(line[6], date)
    assert total[0] == "Total" and total[4] == line[4] and total[5] == "CNY"


def test_a_draft_mixing_currencies_adds_no_total() -> None:
    def line(sku: str, currency: str | None) -> purchase_orders.PoLine:
        return purchase_orders.PoLine(sku, None, 10, Decimal("2.00"), AS_OF, 40, currency)

    (same,) = purchase_orders.drafts([("A", line("X", "USD")), ("A", line("Y", "USD"))])
    assert same.currency == "USD"
    (mixed,) = purchase_orders.drafts([("A", line("X", "USD")), ("A", line("Y", "CNY"))])
    assert mixed.currency is None
    assert purchase_orders.HEADERS["zh"][5] == "币种"


def test_every_demand_class_has_one_word_in_both_languages_used_by_cli_web_and_explanation() -> (
    None
):
    from sellerops.core import i18n
    from sellerops.inventory import plan_explain

    for method in ("smooth", "erratic", "intermittent", "lumpy"):
        for lang in ("en", "zh"):
            word = plan_explain.demand_label(method, lang)
            assert word != method or (lang == "en" and method != "smooth")
            assert i18n.t(f"restock.demand.{method}", lang) == word  # the web table's key
            text = plan_explain.render([(f"restock.why.demand.{method}", {"per_day": 2.0})], lang)
            assert word in text
    assert plan_explain.demand_label("smooth", "en") == "steady"


def test_the_web_spreadsheet_says_the_demand_class_in_words() -> None:
    from sellerops.inventory.planning import PlanRow
    from sellerops.inventory.restock import RestockLine
    from sellerops.web.inventory_views import COLUMNS, sheet_row

    line = RestockLine(sku="SKU-A", order_units=0, order_by=None, stockout_date=None,
                       days_of_cover=30.0, target_level=90.0, safety_stock=10.0,
                       protection_days=60.0, position=60)  # fmt: skip
    row = PlanRow("SKU-A", None, None, line, 2.0, "erratic", 45.0, None)
    at = list(COLUMNS).index("method")
    assert sheet_row(row, "en")[at] == "erratic" and sheet_row(row, "zh")[at] == "波动大"
    smooth = PlanRow("SKU-A", None, None, line, 2.0, "smooth", 45.0, None)
    assert sheet_row(smooth, "en")[at] == "steady" and sheet_row(smooth, "zh")[at] == "平稳"
