"""The deals sheet: a template in English and Chinese, imported into the deals calendar as
``ads deals add`` would put it there; importing it again updates instead of doubling."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.ads import deals
from sellerops.ads.models import AdDeal
from sellerops.core.db import unit_of_work
from sellerops.ingest import templates
from sellerops.ingest.service import import_file
from tests import factories as f
from tests.factories import AS_OF

SKU, ASIN = "MAT-1", "B0MAT00001"


def _world(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, SKU, ASIN, price=Decimal("40"), unit_cost=Decimal("10"))
        for k in range(1, 29):  # 10 units a day before AS_OF
            f.traffic(s, store, ASIN, AS_OF - timedelta(days=k), units=10, price="40.00")


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _deals(engine: Engine) -> list[AdDeal]:
    with unit_of_work(engine) as s:
        found = list(s.scalars(select(AdDeal).order_by(AdDeal.start_date)))
        s.expunge_all()
    return found


def test_template_has_english_and_chinese_headers() -> None:
    en = templates.render("deals", "en").splitlines()
    zh = templates.render("deals", "zh").splitlines()
    assert en[0].split(",")[:5] == ["sku", "kind", "start_date", "end_date", "discount"]
    assert zh[0].split(",")[:5] == ["SKU", "促销类型", "开始日期", "结束日期", "折扣"]
    assert templates.get_template("deals").family == "deal_sheet"


def test_the_chinese_sheet_fills_the_calendar_with_estimated_fees(
    engine: Engine, tmp_path: Path
) -> None:
    _world(engine)
    start = AS_OF + timedelta(days=5)
    sheet = _write(tmp_path / "deals.csv", templates.DEALS.header("zh"), [
        [SKU, "秒杀", start.isoformat(), (start + timedelta(days=1)).isoformat(), "20%", "", "",
         "黑五"],
        [SKU, "Coupon", "2026-12-20", "2026-12-26", "0.1", "12.50", "70", ""],
    ])  # fmt: skip
    outcome = import_file(engine=engine, path=sheet, store="Acme US")
    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted) == ("deal_sheet", 2)
    lightning, coupon = _deals(engine)
    # As `ads deals add`: 2 days x 10/day x 4 (lift) = 80 units x 32.00 -> 140 + 25.60
    assert (lightning.kind, lightning.fee, lightning.discount_pct) == (
        "lightning", Decimal("165.60"), Decimal("0.2"))  # fmt: skip
    assert lightning.note == "黑五" and lightning.currency == "USD"
    assert (coupon.kind, coupon.fee, coupon.expected_units) == ("coupon", Decimal("12.50"), 70)
    assert coupon.end_date == date(2026, 12, 26)


def test_importing_a_changed_sheet_updates_the_same_deals(engine: Engine, tmp_path: Path) -> None:
    _world(engine)
    header = templates.DEALS.header("en")
    first = _write(tmp_path / "a.csv", header, [
        [SKU, "best deal", "2026-12-01", "2026-12-07", "15%", "300", "", ""]])  # fmt: skip
    assert import_file(engine=engine, path=first, store="Acme US").rows_inserted == 1
    second = _write(tmp_path / "b.csv", header, [
        [SKU, "best_deal", "2026-12-01", "2026-12-10", "25%", "400", "", "longer"]])  # fmt: skip
    outcome = import_file(engine=engine, path=second, store="Acme US")
    assert (outcome.rows_inserted, outcome.rows_updated) == (0, 1)
    (deal,) = _deals(engine)
    assert (deal.end_date, deal.discount_pct, deal.fee, deal.note) == (
        date(2026, 12, 10), Decimal("0.25"), Decimal("400.00"), "longer")  # fmt: skip


def test_unknown_kind_is_refused_with_its_line_and_a_new_sku_is_named(
    engine: Engine, tmp_path: Path
) -> None:
    _world(engine)
    header = templates.DEALS.header("en")
    bad_kind = _write(tmp_path / "k.csv", header, [
        [SKU, "flash sale", "2026-12-01", "2026-12-01", "10%", "", "", ""]])  # fmt: skip
    outcome = import_file(engine=engine, path=bad_kind, store="Acme US")
    assert outcome.status == "failed" and "line 2" in (outcome.error or "")
    assert _deals(engine) == []
    bad_discount = _write(tmp_path / "d.csv", header, [
        [SKU, "coupon", "2026-12-01", "2026-12-01", "120%", "", "", ""]])  # fmt: skip
    outcome = import_file(engine=engine, path=bad_discount, store="Acme US")
    assert outcome.status == "failed" and "discount" in (outcome.error or "")
    new_sku = _write(tmp_path / "s.csv", header, [
        ["NEW-1", "coupon", "2026-12-01", "2026-12-01", "10%", "", "", ""]])  # fmt: skip
    outcome = import_file(engine=engine, path=new_sku, store="Acme US")
    assert outcome.status == "imported" and any("NEW-1" in n for n in outcome.notes)
    (deal,) = _deals(engine)
    assert deal.fee == Decimal("5.00")  # no sales history: the coupon's fixed fee only


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Lightning Deal", "lightning"), ("最佳促销", "best_deal"), ("优惠券", "coupon"),
     ("Prime Exclusive Discount", "prime"), ("prime 专享折扣", "prime")],
)  # fmt: skip
def test_kind_names_in_both_languages(text: str, kind: str) -> None:
    assert deals.parse_kind(text) == kind
