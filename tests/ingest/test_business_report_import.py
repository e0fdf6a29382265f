"""Business Report by child item: every layout and language lands as the same numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.core.stores import create_store
from sellerops.ingest.service import import_file
from tests.ingest.helpers import batches, rows_of, stores


def traffic(engine: Engine) -> dict[tuple[date, str], SalesTrafficDaily]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(SalesTrafficDaily))
        return {(r.day, r.child_asin): r for r in rows}


def test_the_37_column_report_lands_with_fractions_and_exact_sales(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("BusinessReport_US_2026-11-26.csv"))

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.store, outcome.rows_read) == ("business_report", "US", 3)
    assert (outcome.rows_inserted, outcome.rows_updated) == (3, 0)
    assert outcome.data_start == outcome.data_end == date(2026, 11, 26)
    row = traffic(engine)[(date(2026, 11, 26), "B0CHILD001")]
    assert row.parent_asin == "B0PARENT01"
    assert row.title == 'Garden Hose 50ft, "Heavy Duty", Green'
    assert (row.sessions, row.sessions_mobile, row.sessions_browser, row.sessions_b2b) == (
        1234, 1000, 234, 1,
    )  # fmt: skip
    assert (row.page_views, row.units_ordered, row.total_order_items) == (1800, 1234, 1200)
    assert row.session_pct == Decimal("0.1234")
    assert row.buy_box_pct == Decimal("0.985")
    assert row.unit_session_pct == Decimal("0.0725")
    assert row.ordered_sales == Decimal("23456.78")
    assert row.ordered_sales_b2b == Decimal("19.99")
    assert row.currency == "USD"
    assert stores(engine) == [("US", "US")]


def test_one_import_is_one_batch_row_with_hash_counts_and_range(engine: Engine, sample) -> None:
    path = sample("BusinessReport_US_2026-11-26.csv")
    outcome = import_file(engine=engine, path=path)

    [batch] = batches(engine)
    assert batch.id == outcome.batch_id
    assert batch.status == "ok" and batch.report_type == "business_report"
    assert len(batch.file_sha256) == 64 and batch.file_size == path.stat().st_size
    assert (batch.rows_read, batch.rows_inserted, batch.rows_updated) == (3, 3, 0)
    assert (batch.data_start, batch.data_end) == (date(2026, 11, 26), date(2026, 11, 26))
    assert {r.import_batch_id for r in traffic(engine).values()} == {batch.id}


def test_reimporting_the_same_business_report_changes_no_number(engine: Engine, sample) -> None:
    path = sample("BusinessReport_US_20261125_by_sku.csv")
    first = import_file(engine=engine, path=path)
    before = rows_of(engine, SalesTrafficDaily), rows_of(engine, Product)

    again = import_file(engine=engine, path=path)
    forced = import_file(engine=engine, path=path, force=True)

    assert first.status == "imported"
    assert again.status == "skipped_duplicate" and again.batch_id == first.batch_id
    assert forced.status == "imported"
    assert (forced.rows_inserted, forced.rows_updated) == (0, 2)
    assert (rows_of(engine, SalesTrafficDaily), rows_of(engine, Product)) == before
    assert [b.status for b in batches(engine)] == ["ok", "ok"]


def test_the_22_column_report_with_skus_fills_the_product_list(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample("BusinessReport_US_20261125_by_sku.csv"))

    products = {p[1]: p for p in rows_of(engine, Product)}
    with unit_of_work(engine) as session:
        hose = session.scalar(select(Product).where(Product.sku == "HOSE-50-GRN"))
        assert hose is not None
        assert (hose.asin, hose.parent_asin, hose.title) == (
            "B0CHILD001",
            "B0PARENT01",
            "Garden Hose",
        )
    assert set(products) == {"HOSE-50-GRN", "HOSE-25-GRN"}
    row = traffic(engine)[(date(2026, 11, 25), "B0CHILD001")]
    assert row.sku == "HOSE-50-GRN" and row.sessions_mobile is None


def test_product_costs_survive_a_report_that_names_the_sku(engine: Engine, sample) -> None:
    with unit_of_work(engine) as session:
        store = create_store(session=session, name="US", marketplace="US")
        session.add(Product(store_id=store.id, sku="HOSE-50-GRN", unit_cost=Decimal("4.20"),
                            cost_currency="USD", lead_time_days=60, brand="Acme"))  # fmt: skip

    import_file(engine=engine, path=sample("BusinessReport_US_20261125_by_sku.csv"))

    with unit_of_work(engine) as session:
        hose = session.scalar(select(Product).where(Product.sku == "HOSE-50-GRN"))
        assert hose is not None
        assert (hose.unit_cost, hose.cost_currency, hose.lead_time_days, hose.brand) == (
            Decimal("4.20"), "USD", 60, "Acme",
        )  # fmt: skip
        assert hose.asin == "B0CHILD001"


@pytest.mark.parametrize(
    "name", ["BusinessReport_zh_US_2026-11-24.csv", "BusinessReport_zh_gb18030_US_2026-11-23.csv"]
)
def test_a_chinese_report_lands_the_same_numbers_as_the_english_one(
    engine: Engine, sample, name: str
) -> None:
    outcome = import_file(engine=engine, path=sample(name, "BusinessReport_US_2026-11-26.csv"))
    assert outcome.status == "imported", outcome.error
    row = traffic(engine)[(date(2026, 11, 26), "B0CHILD001")]
    assert row.title == "花园水管 50英尺，绿色"
    assert (row.sessions, row.page_views, row.units_ordered, row.total_order_items) == (
        1234, 1800, 1234, 1200,
    )  # fmt: skip
    assert (row.ordered_sales, row.currency, row.buy_box_pct) == (
        Decimal("23456.78"), "USD", Decimal("0.985"),
    )  # fmt: skip
    assert row.unit_session_pct == Decimal("0.0725")


def test_legacy_and_sentence_case_layouts_are_read(engine: Engine, sample) -> None:
    legacy = import_file(engine=engine, path=sample("BusinessReport_legacy_20201122.csv"),
                         marketplace="US")  # fmt: skip
    sentence = import_file(
        engine=engine, path=sample("BusinessReport_sentence_case_US_2026-11-21.csv")
    )

    assert legacy.status == sentence.status == "imported"
    rows = traffic(engine)
    old = rows[(date(2020, 11, 22), "B0CHILD001")]
    assert (old.sessions, old.buy_box_pct, old.sku) == (1234, Decimal("0.985"), "HOSE-50-GRN")
    assert rows[(date(2026, 11, 21), "B0CHILD001")].units_ordered == 1234


def test_german_and_japanese_reports_take_their_marketplace_currency(
    engine: Engine, sample
) -> None:
    de = import_file(engine=engine, path=sample("BusinessReport_DE_2026-11-26.csv"))
    jp = import_file(engine=engine, path=sample("BusinessReport_JP_2026-11-26.csv"))

    assert (de.store, jp.store) == ("DE", "JP"), (de.error, jp.error)
    with unit_of_work(engine) as session:
        by_currency = {r.currency: r for r in session.scalars(select(SalesTrafficDaily))}
    assert by_currency["EUR"].ordered_sales == Decimal("5255.61")
    assert by_currency["EUR"].sessions == 1234
    assert by_currency["EUR"].ordered_sales_b2b == Decimal("39.98")
    assert by_currency["JPY"].ordered_sales == Decimal("23456")
    assert by_currency["JPY"].unit_session_pct == Decimal("0.0097")


def test_a_child_asin_on_several_sku_rows_is_summed(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "BusinessReport_US_2026-11-26.csv"
    path.write_text(
        '"(Child) ASIN","SKU","Sessions - Total","Page Views - Total","Units Ordered",'
        '"Ordered Product Sales","Total Order Items"\n'
        '"B0CHILD001","HOSE-FBA","10","20","3","$30.00","3"\n'
        '"B0CHILD001","HOSE-FBM","5","8","1","$10.00","1"\n',
        encoding="utf-8",
    )
    outcome = import_file(engine=engine, path=path)

    assert (outcome.rows_read, outcome.rows_inserted) == (2, 1)
    row = traffic(engine)[(date(2026, 11, 26), "B0CHILD001")]
    assert (row.sessions, row.page_views, row.units_ordered) == (15, 28, 4)
    assert row.ordered_sales == Decimal("40.00") and row.sku == "HOSE-FBA"
    assert {p[1] for p in rows_of(engine, Product)} == {"HOSE-FBA", "HOSE-FBM"}


def test_a_bad_number_rolls_back_the_whole_file_and_names_line_and_column(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample("BusinessReport_US_2026-11-27_bad_number.csv"))

    assert outcome.status == "failed"
    assert outcome.error == (
        'BusinessReport_US_2026-11-27_bad_number.csv, line 17, column "Units Ordered": '
        'expected a whole number, got "abc"'
    )
    assert traffic(engine) == {} and stores(engine) == []
    [batch] = batches(engine)
    assert (batch.status, batch.error, batch.store_id) == ("failed", outcome.error, None)
    assert batch.report_type == "business_report"


def test_a_header_only_report_imports_zero_rows(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "BusinessReport_US_2026-11-26.csv"
    path.write_text('"(Parent) ASIN","(Child) ASIN","Title","Sessions - Total","Page Views - Total",'
                    '"Units Ordered","Ordered Product Sales","Total Order Items"\r\n')  # fmt: skip
    outcome = import_file(engine=engine, path=path)
    assert (outcome.status, outcome.rows_read, outcome.rows_inserted) == ("imported", 0, 0)


def test_a_line_cut_short_is_rejected_instead_of_read_as_zeros(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "BusinessReport_US_2026-11-26.csv"
    path.write_text(
        '"(Child) ASIN","SKU","Sessions - Total","Page Views - Total","Units Ordered",'
        '"Ordered Product Sales","Total Order Items"\n'
        '"B0CHILD001","HOSE-FBA","10","20","3","$30.00","3"\n'
        '"B0CHILD002","HOSE-25","7"\n',
        encoding="utf-8",
    )
    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert outcome.error is not None and outcome.error.startswith(
        "BusinessReport_US_2026-11-26.csv, line 3, column "
    )
    assert "3 fields but the header has 7" in outcome.error
    assert traffic(engine) == {}  # nothing of the file is kept


def test_a_shift_jis_report_s_half_width_yen_is_read_as_yen(engine: Engine, tmp_path: Path) -> None:
    # report-formats.md §1, the Japanese headers. Shift-JIS writes the half-width yen sign as
    # byte 0x5C, which cp932 decodes as a backslash: "\12,345" is ¥12,345.
    header = ["（親）ASIN", "（子）ASIN", "タイトル", "SKU", "セッション数 - 合計",
              "ページビュー - 合計", "おすすめ出品の獲得率", "注文された商品点数",
              "ユニットセッション率", "注文商品売上", "注文品目総数"]  # fmt: skip
    rows = [["B0PARENT01", "B0CHILD001", "ワイヤレスイヤホン", "SKU-JP-1", "1,234", "2,345",
             "98.5%", "12", "0.97%", "\\12,345", "11"],
            ["B0PARENT01", "B0CHILD002", "イヤホン \\1 ケース", "SKU-JP-2", "10", "12", "100%",
             "1", "10%", "\\1,000", "1"]]  # fmt: skip
    text = "\r\n".join(",".join(f'"{c}"' for c in r) for r in [header, *rows]) + "\r\n"
    path = tmp_path / "BusinessReport_JP_2026-11-22.csv"
    path.write_bytes(text.encode("cp932"))
    assert b"\\12,345" in path.read_bytes()  # the byte 0x5C, as the file has it

    outcome = import_file(engine=engine, path=path)

    assert (outcome.status, outcome.store, outcome.currency) == ("imported", "JP", "JPY"), (
        outcome.error
    )
    assert outcome.totals == {"units": 13, "sales": Decimal("13345")}
    found = traffic(engine)
    assert found[(date(2026, 11, 22), "B0CHILD001")].ordered_sales == Decimal("12345")
