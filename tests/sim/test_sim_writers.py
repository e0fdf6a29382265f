"""The written files carry exactly the documented headers, formats and encodings, and agree
with each other and with the truth."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sellerops.sim import FAMILIES, SimTruth, write_reports

# Headers copied from shared/formats/report-formats.md.
BUSINESS_REPORT_EN = [
    "(Parent) ASIN", "(Child) ASIN", "Title",
    "Sessions - Mobile App", "Sessions - Mobile APP - B2B",
    "Sessions - Browser", "Sessions - Browser - B2B",
    "Sessions - Total", "Sessions - Total - B2B",
    "Session Percentage - Mobile App", "Session Percentage - Mobile APP - B2B",
    "Session Percentage - Browser", "Session Percentage - Browser - B2B",
    "Session Percentage - Total", "Session Percentage - Total - B2B",
    "Page Views - Mobile App", "Page Views - Mobile APP - B2B",
    "Page Views - Browser", "Page Views - Browser - B2B",
    "Page Views - Total", "Page Views - Total - B2B",
    "Page Views Percentage - Mobile App", "Page Views Percentage - Mobile App - B2B",
    "Page Views Percentage - Browser", "Page Views Percentage - Browser - B2B",
    "Page Views Percentage - Total", "Page Views Percentage - Total - B2B",
    "Featured Offer (Buy Box) Percentage", "Featured Offer (Buy Box) Percentage - B2B",
    "Units Ordered", "Units Ordered - B2B",
    "Unit Session Percentage", "Unit Session Percentage - B2B",
    "Ordered Product Sales", "Ordered Product Sales - B2B",
    "Total Order Items", "Total Order Items - B2B",
]  # fmt: skip
BUSINESS_REPORT_ZH = [
    "（父）ASIN", "（子）ASIN", "商品名称",
    "会话次数 – 移动应用", "会话次数 – 浏览器", "会话次数 – 总计",
    "会话百分比 – 移动应用", "会话百分比 – 浏览器", "会话百分比 – 总计",
    "页面浏览量 – 移动应用", "页面浏览量 – 浏览器", "页面浏览量 – 总计",
    "页面浏览量百分比 – 移动应用", "页面浏览量百分比 – 浏览器", "页面浏览量百分比 – 总计",
    "推荐报价（购买按钮）百分比",
    "已订购商品数量", "已订购商品数量 - B2B", "商品会话百分比", "商品会话百分比 - B2B",
    "已订购商品销售额", "已订购商品销售额 - B2B", "订单商品总数", "订单商品总数 - B2B",
]  # fmt: skip
ALL_ORDERS = [
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
    "fulfillment-channel", "sales-channel", "order-channel", "ship-service-level", "product-name",
    "sku", "asin", "item-status", "quantity", "currency", "item-price", "item-tax",
    "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
    "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state",
    "ship-postal-code", "ship-country", "promotion-ids", "cpf", "is-business-order",
    "purchase-order-number", "price-designation", "signature-confirmation-recommended",
]  # fmt: skip
MANAGE_FBA_INVENTORY = [
    "sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
    "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity",
    "afn-fulfillable-quantity", "afn-unsellable-quantity", "afn-reserved-quantity",
    "afn-total-quantity", "per-unit-volume", "afn-inbound-working-quantity",
    "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity", "afn-researching-quantity",
    "afn-reserved-future-supply", "afn-future-supply-buyable",
]  # fmt: skip
FBA_RETURNS = [
    "return-date", "order-id", "sku", "asin", "fnsku", "product-name", "quantity",
    "fulfillment-center-id", "detailed-disposition", "reason", "status", "license-plate-number",
    "customer-comments",
]  # fmt: skip
SEARCH_TERMS_EN = [
    "Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name",
    "Retailer", "Country", "Targeting", "Match Type", "Customer Search Term", "Impressions",
    "Clicks", "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACOS) ", "Total Return on Advertising Spend (ROAS)",
    "7 Day Total Orders (#)", "7 Day Total Units (#)", "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)", "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]  # fmt: skip

LA = ZoneInfo("America/Los_Angeles")


def _by_prefix(paths: list[Path], prefix: str) -> list[Path]:
    found = sorted(p for p in paths if p.name.startswith(prefix))
    assert found, f"no {prefix} files"
    return found


def _csv(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def _tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _cents(text: str) -> int:
    digits = text.lstrip("US$").replace(",", "")
    whole, _, frac = digits.partition(".")
    return int(whole) * 100 + int(frac.ljust(2, "0"))


@pytest.mark.parametrize(
    ("prefix", "expected", "reader"),
    [
        ("BusinessReport_US_", BUSINESS_REPORT_EN, _csv),
        ("All_Orders_US_", ALL_ORDERS, _tsv),
        ("Manage_FBA_Inventory_US_", MANAGE_FBA_INVENTORY, _tsv),
        ("FBA_Customer_Returns_US_", FBA_RETURNS, _tsv),
        ("Sponsored_Products_Search_Term_Report_US_", SEARCH_TERMS_EN, _csv),
    ],
)
def test_every_file_has_the_documented_header(
    small_files: list[Path],
    prefix: str,
    expected: list[str],
    reader: Callable[[Path], list[list[str]]],
) -> None:
    for path in _by_prefix(small_files, prefix):
        rows = reader(path)
        assert rows[0] == expected, path.name
        assert all(len(row) == len(expected) for row in rows), path.name


def test_file_names_carry_marketplace_and_period(
    small_truth: SimTruth, small_files: list[Path]
) -> None:
    names = {p.name for p in small_files}
    last = small_truth.days[-1]
    assert f"BusinessReport_US_{last.isoformat()}.csv" in names
    assert f"Manage_FBA_Inventory_US_{last.isoformat()}.txt" in names
    assert f"All_Orders_US_{last:%Y-%m}.txt" in names
    assert len(_by_prefix(small_files, "BusinessReport_US_")) == len(small_truth.days)


def test_business_report_uses_ui_number_formats(small_files: list[Path]) -> None:
    raw = _by_prefix(small_files, "BusinessReport_US_")[-1].read_text(encoding="utf-8")
    assert not raw.startswith("\ufeff")
    assert raw.splitlines()[1].startswith('"B0')  # every field quoted
    rows = _csv(_by_prefix(small_files, "BusinessReport_US_")[-1])[1:]
    col = {name: i for i, name in enumerate(BUSINESS_REPORT_EN)}
    assert all(r[col["Ordered Product Sales"]].startswith("$") for r in rows)
    assert all(r[col["Session Percentage - Total"]].endswith("%") for r in rows)


def test_chinese_business_report_has_chinese_headers_us_dollars_and_a_bom(
    small_files_zh: list[Path],
) -> None:
    path = _by_prefix(small_files_zh, "BusinessReport_US_")[-1]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv(path, encoding="utf-8-sig")
    assert rows[0] == BUSINESS_REPORT_ZH
    sales = [r[BUSINESS_REPORT_ZH.index("已订购商品销售额")] for r in rows[1:]]
    assert sales and all(s.startswith("US$") for s in sales)


def test_flat_files_are_english_in_both_languages(
    small_files: list[Path], small_files_zh: list[Path]
) -> None:
    for prefix in ("All_Orders_US_", "Manage_FBA_Inventory_US_", "FBA_Customer_Returns_US_"):
        en = {p.name: p.read_bytes() for p in _by_prefix(small_files, prefix)}
        zh = {p.name: p.read_bytes() for p in _by_prefix(small_files_zh, prefix)}
        assert en == zh


def _order_units(paths: list[Path]) -> Counter[tuple[str, date]]:
    units: Counter[tuple[str, date]] = Counter()
    for path in _by_prefix(paths, "All_Orders_US_"):
        rows = _tsv(path)
        col = {name: i for i, name in enumerate(rows[0])}
        for r in rows[1:]:
            day = datetime.fromisoformat(r[col["purchase-date"]]).astimezone(LA).date()
            units[(r[col["sku"]], day)] += int(r[col["quantity"]])
    return +units


def _report_units(truth: SimTruth, paths: list[Path]) -> Counter[tuple[str, date]]:
    sku_of = {p.asin: p.sku for p in truth.products}
    units: Counter[tuple[str, date]] = Counter()
    for path in _by_prefix(paths, "BusinessReport_US_"):
        day = date.fromisoformat(path.stem.rsplit("_", 1)[1])
        for r in _csv(path)[1:]:
            units[(sku_of[r[1]], day)] += _number(r[BUSINESS_REPORT_EN.index("Units Ordered")])
    return +units


def test_all_orders_units_equal_business_report_units(
    small_truth: SimTruth, small_files: list[Path]
) -> None:
    """Per SKU and local day; cancelled orders count in neither (see sellerops.sim.orders)."""
    from_orders = _order_units(small_files)
    assert from_orders == _report_units(small_truth, small_files)
    truth = small_truth.units_sold
    expected = {
        (p.sku, d): int(truth[p.index, i])
        for p in small_truth.products
        for i, d in enumerate(small_truth.days)
        if truth[p.index, i]
    }
    assert dict(from_orders) == expected


def test_business_report_sales_match_the_truth(
    small_truth: SimTruth, small_files: list[Path]
) -> None:
    path = _by_prefix(small_files, "BusinessReport_US_")[-1]
    total = sum(
        _cents(r[BUSINESS_REPORT_EN.index("Ordered Product Sales")]) for r in _csv(path)[1:]
    )
    assert total == int(small_truth.sales[:, -1].sum())


def test_orders_have_amazon_ids_statuses_and_utc_times(small_files: list[Path]) -> None:
    rows = [r for p in _by_prefix(small_files, "All_Orders_US_") for r in _tsv(p)[1:]]
    col = {name: i for i, name in enumerate(ALL_ORDERS)}
    ids = [r[col["amazon-order-id"]] for r in rows]
    assert all(len(i) == 19 and i[:3] in {"111", "112", "113", "114"} for i in ids)
    assert all(r[col["purchase-date"]].endswith("+00:00") for r in rows)
    statuses = Counter(r[col["order-status"]] for r in rows)
    assert statuses["Shipped"] > statuses["Pending"] > 0
    assert statuses["Cancelled"] > 0
    assert all(r[col["quantity"]] == "0" for r in rows if r[col["order-status"]] == "Cancelled")
    assert {r[col["is-business-order"]] for r in rows} <= {"true", "false"}
    assert {r[col["sales-channel"]] for r in rows} == {"Amazon.com"}


def test_inventory_snapshot_matches_the_truth(
    small_truth: SimTruth, small_files: list[Path]
) -> None:
    path = _by_prefix(small_files, "Manage_FBA_Inventory_US_")[-1]
    m = small_truth.primary
    rows = _tsv(path)[1:]
    col = {name: i for i, name in enumerate(MANAGE_FBA_INVENTORY)}
    for r in rows:
        i = small_truth.sku_index(r[col["sku"]])
        assert int(r[col["afn-fulfillable-quantity"]]) == m.fulfillable[i, -1]
        assert int(r[col["afn-inbound-shipped-quantity"]]) == m.inbound_shipped[i, -1]
        assert r[col["afn-listing-exists"]] == "Yes"


def test_search_terms_add_up_to_the_ad_truth(
    small_truth: SimTruth, small_files: list[Path]
) -> None:
    m = small_truth.primary
    clicks = spend = 0
    for path in _by_prefix(small_files, "Sponsored_Products_Search_Term_Report_US_"):
        for r in _csv(path)[1:]:
            clicks += int(r[SEARCH_TERMS_EN.index("Clicks")])
            spend += _cents(r[SEARCH_TERMS_EN.index("Spend")])
    assert clicks == int(m.ads.clicks.sum())
    assert spend == int(m.ads.spend.sum())


def test_families_and_since_limit_what_is_written(small_truth: SimTruth, tmp_path: Path) -> None:
    since = small_truth.days[-3]
    paths = write_reports(small_truth, tmp_path, families=["business_report"], since=since)
    assert [p.name for p in paths] == [
        f"BusinessReport_US_{d.isoformat()}.csv" for d in small_truth.days[-3:]
    ]
    assert set(FAMILIES) >= {"business_report", "all_orders", "fba_inventory"}
    with pytest.raises(ValueError, match="unknown report families"):
        write_reports(small_truth, tmp_path, families=["nope"])
