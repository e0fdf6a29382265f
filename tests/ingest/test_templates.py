"""Every sheet template, in English and in Chinese, imports as written: the example row is a
valid row, and the header is recognised as its own sheet and no other."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.ingest import registry, templates
from sellerops.ingest.service import import_file

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
def test_a_written_template_imports_its_example_row(
    engine: Engine, tmp_path: Path, name: str, lang: str
) -> None:
    path = templates.write(name, tmp_path / f"{name}_{lang}.csv", lang)

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read) == (templates.get_template(name).family, 1)


def test_templates_are_utf8_with_a_bom_so_excel_shows_chinese(tmp_path: Path) -> None:
    path = templates.write("costs", tmp_path / "costs.csv", "zh")

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("SKU,生效日期,采购单价,币种")


def test_template_names_accept_underscores_and_unknown_ones_list_the_known() -> None:
    assert templates.get_template("purchase_orders").name == "purchase-orders"
    with pytest.raises(templates.UnknownTemplateError, match="costs, suppliers"):
        templates.get_template("invoices")
