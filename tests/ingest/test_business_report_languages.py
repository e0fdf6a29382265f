"""Business Reports from the Korean and Spanish seller interfaces, with the headers found in
public parsers of real downloads (sources next to the headers in ``ingest/business_report.py``).

French and Italian headers were not found in any source: those files are still refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.ingest.errors import localize
from sellerops.ingest.service import import_file


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(engine: Engine) -> dict[str, SalesTrafficDaily]:
    with unit_of_work(engine) as session:
        return {r.child_asin: r for r in session.scalars(select(SalesTrafficDaily))}


# Korean interface, first translation [KO-1]: the by-SKU layout with the mobile/browser split.
KO_1 = (
    "(상위) ASIN,(하위) ASIN,제목,SKU,세션 - 모바일 앱,세션 - 모바일 앱 - B2B,세션 - 브라우저,"
    "세션 - 브라우저 - B2B,세션 - 총계,세션 - 총계 - B2B,세션 비율 - 총계,페이지 조회수 - 총계,"
    "페이지 조회수 - 총계 - B2B,페이지 조회수 비율 - 총계,주요 오퍼(바이 박스) 백분율,"
    "추천 오퍼(바이 박스) 비율 - B2B,상품 주문량,상품 주문량 - B2B,상품 세션 비율,"
    "상품 세션 비율 - B2B,주문한 상품 판매량,주문한 상품 판매량 - B2B,총 주문 아이템,"
    "총 주문 아이템 - B2B"
)


def test_a_korean_report_lands_with_its_units_and_dollar_sales(
    engine: Engine, tmp_path: Path
) -> None:
    # Seller Central in Korean keeps the marketplace's amounts: "US$1,234.56" on amazon.com.
    path = _write(
        tmp_path / "BusinessReport_US_2026-11-20.csv",
        [
            KO_1,
            'B0PARENT01,B0CHILD001,"정원 호스, 15 m",HOSE-15,"1,000",2,234,1,"1,234",3,12.50%,'
            '"1,800",4,10.00%,98.50%,100.00%,"1,021",2,8.27%,0.00%,"US$23,456.78",US$39.98,'
            '"1,001",2',
            "B0PARENT01,B0CHILD002,정원 호스 30 m,HOSE-30,7,0,2,0,9,0,0.09%,12,0,0.07%,"
            "100.00%,0.00%,9,0,100.00%,0.00%,US$179.91,US$0.00,9,0",
        ],
    )

    outcome = import_file(engine=engine, path=path)

    assert (outcome.status, outcome.report_type, outcome.store) == (
        "imported", "business_report", "US",
    ), outcome.error  # fmt: skip
    # Units 1,021 + 9; sales $23,456.78 + $179.91
    assert outcome.totals == {"units": Decimal(1030), "sales": Decimal("23636.69")}
    assert outcome.currency == "USD"
    hose = _rows(engine)["B0CHILD001"]
    assert (hose.day, hose.sessions, hose.sessions_mobile, hose.page_views) == (
        date(2026, 11, 20), 1234, 1000, 1800,
    )  # fmt: skip
    assert (hose.units_ordered, hose.total_order_items, hose.sku) == (1021, 1001, "HOSE-15")
    assert hose.ordered_sales_b2b == Decimal("39.98") and hose.buy_box_pct == Decimal("0.985")


# The other Korean translation [KO-2], the row of its source's sample (its date column left
# out: see the next test) and one more.
KO_2 = (
    "(상위) ASIN,(하위) ASIN,제목,세션 - 합계,세션 - 총계 - B2B,세션 비율 - 총계,"
    "세션 비율 - 합계 - B2B,페이지 조회수 - 합계,페이지 조회수 - 총계 - B2B,"
    "페이지 조회수 비율 - 총계,페이지 조회수 비율 - 총계 - B2B,추천 오퍼(바이 박스) 비율,"
    "추천 오퍼(바이 박스) 비율 - B2B,주문 수량,주문 수량 - B2B,상품 세션 비율,"
    "단위 세션 비율 - B2B,주문 상품 판매량,주문 상품 판매 - B2B,총 주문 아이템,"
    "총 주문 아이템 - B2B"
)
KO_2_ROWS = [
    'B0GT8LYW4L,B0GSCSV8N5,"BANANA PDRN Conceal...","1,104",10,16.90%,50.00%,"1,465",11,'
    "17.94%,47.83%,98.85%,100.00%,48,0,4.35%,0.00%,US$960.00 ,US$0.00 ,48,0",
    "B0GT8LYW4L,B0GSCSV8N6,BANANA PDRN Cream,120,0,1.84%,0.00%,150,0,1.84%,0.00%,97.00%,"
    '0.00%,3,0,2.50%,0.00%,"US$1,060.50 ",US$0.00 ,3,0',
]


def test_the_other_korean_translation_is_read_too(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "BusinessReport_US_2026-11-21.csv", [KO_2, *KO_2_ROWS])

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    # Units 48 + 3; sales $960.00 + $1,060.50
    assert outcome.totals == {"units": Decimal(51), "sales": Decimal("2020.50")}
    cream = _rows(engine)["B0GSCSV8N5"]
    assert (cream.sessions, cream.page_views, cream.units_ordered) == (1104, 1465, 48)
    assert cream.unit_session_pct == Decimal("0.0435")


def test_a_korean_per_row_date_is_refused_not_summed_into_one_day(
    engine: Engine, tmp_path: Path
) -> None:
    # KO-2's file carries a date per row in Korean short form; sellerops does not read that
    # form yet, and storing the rows of several days on one day would be wrong.
    rows = [f"26. 4. 6.,{KO_2_ROWS[0]}", f"26. 4. 7.,{KO_2_ROWS[1]}"]
    path = _write(tmp_path / "BusinessReport_US_2026-11-22.csv", [f"날짜,{KO_2}", *rows])

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed" and _rows(engine) == {}
    assert 'column "날짜"' in (outcome.error or "") and "26. 4. 6." in (outcome.error or "")


# amazon.es [ES-3]: every header its source reads, amounts as "1.234,56 €".
ES_3 = (
    "ASIN (parent),ASIN (child),Título,SKU,Sesiones: total,"
    "Porcentaje de ofertas destacadas (Buy Box),Unidades encargadas,"
    "Ventas de productos encargados,Ventas de productos encargados: B2B,"
    "Unidades encargadas - B2B"
)


def test_a_spanish_report_is_still_refused_as_close_to_a_business_report(
    engine: Engine, tmp_path: Path
) -> None:
    # Its page views and total order items columns are in no source found: refused, naming
    # the report it is closest to and what it lacks (never guessed).
    path = _write(
        tmp_path / "BusinessReport_ES_2026-11-20.csv",
        [
            ES_3,
            'B0PARENT01,B0CHILD001,Manguera 15 m,HOSE-15,"1,234",97.80%,321,"5.255,61 €",'
            '"39,98 €",2',
        ],
    )

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed" and _rows(engine) == {}
    error = outcome.error or ""
    assert "closest to Business Report" in error
    assert '"Page Views - Total"' in error and '"Total Order Items"' in error
    assert '"Units Ordered"' not in error and '"Ordered Product Sales"' not in error
    zh = localize(error, "zh")
    assert (
        "看起来最接近业务报告" in zh
        and "缺少这些列：“Page Views - Total”、“Total Order Items”" in zh
    )
