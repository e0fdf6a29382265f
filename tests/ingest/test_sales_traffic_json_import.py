"""The SP-API Sales and Traffic document fills the Business Report's daily table."""

from __future__ import annotations

import gzip
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import Sample
from tests.ingest.helpers import DATA, rows_of

DOCUMENT = "spapi/GET_SALES_AND_TRAFFIC_REPORT_US_2026-11-26.json"
NOV_26 = date(2026, 11, 26)


def traffic(engine: Engine) -> dict[str, SalesTrafficDaily]:
    with unit_of_work(engine) as session:
        return {r.child_asin: r for r in session.scalars(select(SalesTrafficDaily))}


def test_a_one_day_child_asin_document_lands_per_day_and_child_asin(
    engine: Engine, sample: Sample
) -> None:
    outcome = import_file(engine=engine, path=sample(DOCUMENT))

    assert (outcome.status, outcome.report_type, outcome.store) == (
        "imported", "sales_traffic_json", "US",
    ), outcome.error  # fmt: skip
    assert (outcome.data_start, outcome.rows_inserted) == (NOV_26, 2)
    row = traffic(engine)["B0CHILD001"]
    assert (row.day, row.parent_asin, row.sessions, row.sessions_mobile, row.sessions_browser) == (
        NOV_26, "B0PARENT01", 1234, 1000, 234,
    )  # fmt: skip
    assert (row.page_views, row.units_ordered, row.total_order_items) == (1800, 1234, 1200)
    # percentages are 0-100 in the document, fractions in the table
    assert (row.session_pct, row.buy_box_pct, row.unit_session_pct) == (
        Decimal("0.1234"), Decimal("0.985"), Decimal("0.0725"),
    )  # fmt: skip
    assert (row.ordered_sales, row.ordered_sales_b2b, row.currency) == (
        Decimal("23456.78"), Decimal("19.99"), "USD",
    )  # fmt: skip
    assert outcome.totals == {"units": Decimal(1243), "sales": Decimal("23636.69")}


def test_the_document_and_the_business_report_of_a_day_are_one_row_per_asin(
    engine: Engine, sample: Sample
) -> None:
    import_file(engine=engine, path=sample("BusinessReport_US_2026-11-26.csv"))
    titled = traffic(engine)["B0CHILD001"].title

    outcome = import_file(engine=engine, path=sample(DOCUMENT))

    assert (outcome.rows_inserted, outcome.rows_updated) == (0, 2)
    row = traffic(engine)["B0CHILD001"]
    assert (row.title, row.sessions) == (titled, 1234)  # the document has no titles to erase


# A document over several days is kept as a period: test_business_report_periods.py


def test_a_parent_asin_document_is_refused(engine: Engine, tmp_path: Path) -> None:
    document = json.loads((DATA / DOCUMENT).read_text())
    document["reportSpecification"]["reportOptions"]["asinGranularity"] = "PARENT"
    path = tmp_path / "parent.json"
    path.write_text(json.dumps(document))

    outcome = import_file(engine=engine, path=path)

    assert "asinGranularity PARENT" in (outcome.error or "")


def test_sku_rows_of_one_asin_are_summed_and_their_skus_recorded(
    engine: Engine, tmp_path: Path
) -> None:
    document = json.loads((DATA / DOCUMENT).read_text())
    document["reportSpecification"]["reportOptions"]["asinGranularity"] = "SKU"
    first, second = document["salesAndTrafficByAsin"]
    first["sku"], second["sku"], second["childAsin"] = "HOSE-50-GRN", "HOSE-50-BLU", "B0CHILD001"
    path = tmp_path / "by_sku.json.gz"
    path.write_bytes(gzip.compress(json.dumps(document).encode()))  # as SP-API serves it

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    row = traffic(engine)["B0CHILD001"]
    assert (row.units_ordered, row.ordered_sales) == (1243, Decimal("23636.69"))
    with unit_of_work(engine) as session:
        skus = set(session.scalars(select(Product.sku)))
    assert skus == {"HOSE-50-GRN", "HOSE-50-BLU"}


def test_a_bad_value_names_its_place_in_the_document(engine: Engine, sample: Sample) -> None:
    outcome = import_file(
        engine=engine, path=sample("spapi/GET_SALES_AND_TRAFFIC_REPORT_bad_units.json")
    )

    assert outcome.error == (
        "GET_SALES_AND_TRAFFIC_REPORT_bad_units.json, column "
        '"salesAndTrafficByAsin[1].salesByAsin.unitsOrdered": expected a whole number, got "lots"'
    )
    assert rows_of(engine, SalesTrafficDaily) == []
