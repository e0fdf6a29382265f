"""Every sheet template, in English and in Chinese: the header is recognised as its own sheet
and no other; imported as written it plants no sample data (its example row is marked and
skipped, and the import says so); filled in like its example, it imports that row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.finance.models import ExchangeRate
from sellerops.ingest import registry, templates
from sellerops.ingest.errors import localize_problem
from sellerops.ingest.service import import_file
from sellerops.partners.models import PurchaseOrder
from tests.ingest.helpers import filled_in

NAMES = list(templates.TEMPLATES)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_a_fresh_template_is_recognised_as_its_own_sheet(name: str, lang: str) -> None:
    template = templates.get_template(name)
    family, header_map = registry.detect(template.header(lang), f"{name}.csv")

    assert family.name == template.family
    assert len(header_map.mapped) == len(template.fields)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_a_template_imported_as_written_plants_no_sample_data_and_says_so(
    engine: Engine, tmp_path: Path, name: str, lang: str
) -> None:
    path = templates.write(name, tmp_path / f"{name}_{lang}.csv", lang)

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read) == (templates.get_template(name).family, 0)
    assert outcome.rows_inserted == 0
    assert any("only the template's example row (1 skipped" in n for n in outcome.notes)
    zh = [localize_problem(n, "zh") for n in outcome.notes]
    assert any("文件中只有模板的示例行" in n for n in zh)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_a_template_filled_in_like_its_example_imports_that_row(
    engine: Engine, tmp_path: Path, name: str, lang: str
) -> None:
    path = filled_in(templates.write(name, tmp_path / f"{name}_{lang}.csv", lang))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read) == (templates.get_template(name).family, 1)


def test_example_rows_below_real_rows_are_skipped_and_counted(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(
        "date,from_currency,to_currency,rate\n"
        "# example: 2026-11-26,USD,CNY,7.1234\n"
        "2026-11-27,USD,CNY,7.2000\n"
        "#Example 2026-11-28,USD,CNY,7.3\n"
    )

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert (outcome.status, outcome.rows_read, outcome.rows_inserted) == ("imported", 1, 1)
    assert '2 example rows of the template skipped (marked "# example"), not imported' in (
        outcome.notes
    )
    with unit_of_work(engine) as session:
        assert [r.rate for r in session.scalars(select(ExchangeRate))] == [Decimal("7.2")]


def test_only_a_marked_cell_makes_an_example() -> None:
    assert templates.is_example(["# example: HOSE-50-GRN", "2026-11-01"])
    assert templates.is_example(["x", "  # 示例：PO-1"])
    assert not templates.is_example(["#1024", "HOSE-50-GRN"])  # a PO number may start with #
    assert not templates.is_example(["example", "HOSE-50-GRN"])


def test_the_chinese_purchase_order_template_writes_its_status_in_chinese(
    engine: Engine, tmp_path: Path
) -> None:
    text = templates.render("purchase-orders", "zh")
    example = text.splitlines()[1].split(",")
    assert example[0].startswith("# 示例：") and example[-1] == "已下单"
    path = filled_in(templates.write("purchase-orders", tmp_path / "po.csv", "zh"))
    assert import_file(engine=engine, path=path, marketplace="US").status == "imported"
    with unit_of_work(engine) as session:
        assert session.scalars(select(PurchaseOrder.status)).one() == "ordered"


# The walkthrough: ``template costs`` then ``import costs.csv``


def test_costs_for_a_sku_no_report_lists_in_a_currency_without_a_rate_are_flagged(
    engine: Engine, tmp_path: Path
) -> None:
    path = filled_in(templates.write("costs", tmp_path / "costs.csv"))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    unchecked, no_rate = outcome.notes[-2:]
    assert unchecked.startswith("no report of store 'US' lists a product yet, so the 1 SKU could")
    assert no_rate.startswith("costs in CNY have no exchange rate to USD")
    assert "无法核对这 1 个 SKU" in localize_problem(unchecked, "zh")
    assert "没有到 USD 的汇率" in localize_problem(no_rate, "zh")


def test_costs_of_listed_skus_with_a_rate_import_without_warnings(
    engine: Engine, tmp_path: Path, sample
) -> None:
    business = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt"))
    assert business.status == "imported", business.error
    with unit_of_work(engine) as session:
        sku = session.scalars(select(Product.sku).where(Product.asin.is_not(None))).first()
    rates = tmp_path / "rates.csv"
    rates.write_text("date,from_currency,to_currency,rate\n2026-11-01,USD,CNY,7.1\n")
    assert import_file(engine=engine, path=rates).status == "imported"
    costs = tmp_path / "costs.csv"
    costs.write_text(f"sku,effective_from,unit_cost,currency\n{sku},2026-11-01,42.5,CNY\n"
                     "NOT-OURS,2026-11-01,1,EUR\n")  # fmt: skip

    outcome = import_file(engine=engine, path=costs)

    assert outcome.status == "imported", outcome.error
    joined = " | ".join(outcome.notes)
    assert "1 of the 2 SKUs is not in the catalog" in joined and "NOT-OURS" in joined
    assert "不在商品目录中" in localize_problem(outcome.notes[-2], "zh")
    assert f"{sku}," not in joined and "costs in EUR" in joined and "costs in CNY" not in joined


def test_templates_are_utf8_with_a_bom_so_excel_shows_chinese(tmp_path: Path) -> None:
    path = templates.write("costs", tmp_path / "costs.csv", "zh")

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("SKU,生效日期,采购单价,币种")


def test_template_names_accept_underscores_and_unknown_ones_list_the_known() -> None:
    assert templates.get_template("purchase_orders").name == "purchase-orders"
    with pytest.raises(templates.UnknownTemplateError, match="costs, suppliers"):
        templates.get_template("invoices")
