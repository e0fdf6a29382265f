"""Defects the fourth independent import test found, each with the tester's kind of file
(``tests/data/ingest/tester4``): an impression share written as a dash is unknown, not a
reason to refuse the report; an Italian Business Report with a SKU column is refused for its
language (no JSON document type named as close to a CSV file); a unified account's All
Orders file gives up the rows of one marketplace in that marketplace's currency."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select

from sellerops.ads.models import AdTarget, AdTargetDaily
from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch, Store
from sellerops.ingest import columnar, registry
from sellerops.ingest.errors import UnknownReportError, localize, localize_problem
from sellerops.ingest.reports import _ads_columnar
from sellerops.ingest.service import import_file
from sellerops.service.models import Order
from tests.ingest.helpers import DATA

TESTER = DATA / "tester4"

# -- 1. "—", "–", "-" in an impression share column: unknown, counted in the note --------------

_SHARE_NOTE = (
    '5 cells of "Top-of-search Impression Share" said "<5%" (a share below 5 %, not the share '
    'itself) or "—", "–", "-" (no share given): stored as unknown'
)


def _shares(engine: Engine) -> dict[str, Decimal | None]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(AdTarget.text, AdTargetDaily.top_of_search_share).join(
                AdTarget, AdTarget.id == AdTargetDaily.target_id
            )
        )
        return {text: share for text, share in rows}


@pytest.fixture
def bulk_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The levels the bulk path loaded to the end (no fallback to the row path)."""
    done: list[str] = []
    load = _ads_columnar.load

    def spy(ctx: Any, records: Any) -> Any:
        result = load(ctx, records)
        done.append(records.level)
        return result

    monkeypatch.setattr(_ads_columnar, "load", spy)
    return done


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk path", "row path"])
def test_a_dash_in_the_impression_share_is_unknown_not_a_refusal(
    engine: Engine, bulk_loads: list[str], monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    monkeypatch.setattr(columnar, "ENABLED", bulk)

    outcome = import_file(engine=engine, path=TESTER / "SP_Targeting_US_2026-11-05.csv")

    assert outcome.status == "imported", outcome.error
    assert outcome.rows_read == 6
    assert list(outcome.notes) == [_SHARE_NOTE]
    assert bulk_loads == (["target"] if bulk else [])  # the bulk path did not fall back
    assert _shares(engine) == {
        "target 0": Decimal("0.0501"),
        **{f"target {n}": None for n in range(1, 6)},
    }


def test_the_dash_note_reads_in_chinese() -> None:
    assert localize_problem(_SHARE_NOTE, "zh") == (
        "“Top-of-search Impression Share”列中有 5 个单元格为“<5%”（份额低于 5%，并非份额本身）或"
        "“—”、“–”、“-”（未给出份额）：已按未知保存"
    )


# -- 2. an Italian Business Report with a SKU column: refused for its language ------------------


def test_an_italian_business_report_with_a_sku_column_is_refused_for_its_language(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=TESTER / "BusinessReport_IT_with_sku.csv")

    assert outcome.status == "failed"
    error = outcome.error or ""
    assert (
        "Closest known report types: Business Report (Detail Page Sales and Traffic By Child "
        "Item). Its headers are in Italian: Business Reports from Seller Central in Italian are "
        "not known to sellerops yet"
    ) in error
    assert "JSON" not in error and "summaries" not in error
    assert "其表头是意大利语" in localize(error, "zh")


def test_no_json_document_type_is_named_close_to_a_table() -> None:
    header = ["sku", "quantity", "notes"]  # a CSV header with the listings document's "sku"
    with pytest.raises(UnknownReportError) as table:
        registry.detect(header, "stock.csv")
    with pytest.raises(UnknownReportError) as document:
        registry.detect(header, "stock.json", document=True)

    assert table.value.closest
    assert not [t for t in table.value.closest if "JSON" in t]
    assert [t for t in document.value.closest if "JSON" in t]  # (a document's keys may be)


# -- 3. a unified account's All Orders: one marketplace's rows in its own currency --------------


@pytest.mark.parametrize(
    ("market", "currency", "orders"),
    [("UK", "GBP", ["202-1111111-0000004"]),
     ("DE", "EUR", ["302-1111111-0000001", "302-1111111-0000002"])],
)  # fmt: skip
def test_a_unified_all_orders_file_gives_each_marketplace_its_rows_in_its_currency(
    engine: Engine, market: str, currency: str, orders: list[str]
) -> None:
    outcome = import_file(
        engine=engine,
        path=TESTER / "AllOrders_EU_unified.txt",
        marketplace=market,
        store=f"{market}1",
    )

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        stored = session.execute(
            select(Store.name, Order.amazon_order_id)
            .join(Store, Store.id == Order.store_id)
            .order_by(Order.amazon_order_id)
        ).all()
        batch_currency = session.scalars(select(ImportBatch.currency)).one()
    assert stored == [(f"{market}1", order) for order in orders]
    assert batch_currency == currency


def test_a_marketplace_whose_rows_are_in_another_currency_is_still_refused(
    engine: Engine, tmp_path: Any
) -> None:
    text = (TESTER / "AllOrders_EU_unified.txt").read_text(encoding="utf-8")
    path = tmp_path / "AllOrders_EU_unified.txt"
    path.write_text(text.replace("\tGBP\t", "\tEUR\t"), encoding="utf-8")

    outcome = import_file(engine=engine, path=path, marketplace="UK", store="UK1")

    assert outcome.status == "failed"
    assert "the amounts are in EUR, but --marketplace UK is amazon.co.uk" in (outcome.error or "")
