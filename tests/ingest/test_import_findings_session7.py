"""Defects an independent import test found (session 7), each with the tester's file
(``tests/data/ingest/tester3``): what a file means must not be lost, guessed or refused, and
a message must show the cell as the user sees it, in English and Chinese."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import ProductCost, StorageFeeLongTerm
from sellerops.ingest import localized, values
from sellerops.ingest.errors import localize, localize_problem
from sellerops.ingest.reports import _fact_rows
from sellerops.ingest.service import import_file
from sellerops.reviews.models import Review
from sellerops.service.models import CustomerReturn
from tests.ingest.helpers import DATA

TESTER = DATA / "tester3"


def _returns(engine: Engine) -> list[tuple[str, str, int]]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(CustomerReturn).order_by(CustomerReturn.id))
        return sorted((r.order_id, r.detailed_disposition, r.quantity) for r in rows)


# -- 1. units of one return judged apart stay apart -----------------------------------------


def test_returned_units_without_plates_that_differ_in_disposition_stay_two_rows(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=TESTER / "returns_nov01-15.txt", marketplace="US")

    assert outcome.status == "imported", outcome.error
    assert outcome.rows_inserted == 3
    assert [r for r in _returns(engine) if r[0] == "113-0000012-0000001"] == [
        ("113-0000012-0000001", "CUSTOMER_DAMAGED", 1),
        ("113-0000012-0000001", "SELLABLE", 1),
    ]


def test_the_file_imported_again_counts_each_disposition_once(engine: Engine) -> None:
    path = TESTER / "returns_nov01-15.txt"
    import_file(engine=engine, path=path, marketplace="US")
    before = _returns(engine)

    again = import_file(engine=engine, path=path, marketplace="US", force=True)

    assert (again.rows_inserted, again.rows_updated) == (0, 3)
    assert _returns(engine) == before
    assert sum(q for _, _, q in before) == 3


def test_a_return_without_a_disposition_is_stored_with_an_empty_one(
    engine: Engine, tmp_path: Path
) -> None:
    lines = (TESTER / "returns_nov01-15.txt").read_text().splitlines()
    cells = lines[1].split("\t")
    cells[8] = ""
    path = tmp_path / "returns_no_disposition.txt"
    path.write_text("\n".join([lines[0], "\t".join(cells)]) + "\n")

    first = import_file(engine=engine, path=path, marketplace="US")
    again = import_file(engine=engine, path=path, marketplace="US", force=True)

    assert (first.rows_inserted, again.rows_inserted, again.rows_updated) == (1, 0, 1)
    assert _returns(engine) == [("113-0000003-0000001", "", 1)]


# -- 2. FBA event reports re-saved by Excel --------------------------------------------------


def test_a_workbooks_date_time_cell_is_read_as_the_marketplaces_local_time(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=TESTER / "returns_excel.xlsx", marketplace="US")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        moments = sorted(
            (r.returned_at.replace(tzinfo=UTC), r.return_day)
            for r in session.scalars(select(CustomerReturn))
        )
    # 10:21 and 23:50 on Nov 3 in Los Angeles (PST, UTC-8)
    assert moments == [
        (datetime(2026, 11, 3, 18, 21, tzinfo=UTC), date(2026, 11, 3)),
        (datetime(2026, 11, 4, 7, 50, tzinfo=UTC), date(2026, 11, 3)),
    ]
    note = (
        '2 times in "return-date" without a time zone were read as amazon.com local time '
        "(America/Los_Angeles)"
    )
    assert note in outcome.notes
    assert localize_problem(note, "zh") == (
        "“return-date”中有 2 个时间没有写时区：已按 amazon.com 的当地时间"
        "（America/Los_Angeles）读取"
    )


def test_a_csv_re_saved_by_excel_reads_its_slashed_date_and_time(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=TESTER / "returns_excel_saved.csv", marketplace="US")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        row = session.scalars(select(CustomerReturn)).one()
    assert row.returned_at.replace(tzinfo=UTC) == datetime(2026, 11, 3, 18, 21, tzinfo=UTC)
    assert any("1 time in" in n and "was read as amazon.com local time" in n for n in outcome.notes)


def test_a_day_first_date_and_time_is_read_in_the_columns_order() -> None:
    with values.reading_dates(values.DateReading("dmy")):
        assert _fact_rows.parse_moment("05/11/2026 10:21") == datetime(2026, 11, 5, 10, 21)
    assert _fact_rows.parse_moment("11/05/2026 10:21 PM") == datetime(2026, 11, 5, 22, 21)
    assert _fact_rows.parse_moment("2026-11-03T10:21:00") == datetime(2026, 11, 3, 10, 21)
    with pytest.raises(values.ValueFormatError, match='got "2026/11/3 25:21"'):
        _fact_rows.parse_moment("2026/11/3 25:21")


# -- 3. the Chinese reviews template's own 是/否 --------------------------------------------


def test_the_chinese_reviews_template_accepts_its_own_yes_and_no(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=TESTER / "reviews_zh_gbk.csv", marketplace="US")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        verified = {r.review_id: r.verified for r in session.scalars(select(Review))}
    assert verified == {"R2ABCDEF123456": True, "R2ABCDEF123457": False, "R2ABCDEF123458": True}


def test_flags_read_chinese_words_and_say_so_in_chinese() -> None:
    assert [values.parse_flag(t) for t in ("是", "否", "有", "无")] == [True, False, True, False]
    with pytest.raises(values.FlagFormatError) as error:
        values.parse_flag("对")
    assert (
        localize_problem(str(error.value), "zh")
        == "应为Yes 或 No（也可写 是/否、有/无），实际为“对”"
    )


# -- 4. messages in Chinese ------------------------------------------------------------------


def test_a_bare_duty_rate_is_refused_in_chinese_words(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=TESTER / "costs_duty_bare.csv", marketplace="US")

    assert outcome.status == "failed"
    assert localize(outcome.error or "", "zh") == (
        "costs_duty_bare.csv，第 2 行，“duty_rate”列：应为0% 到 100% 之间的关税税率"
        "（25% 或 0.25），实际为“7.5”"
    )


def test_a_cell_above_the_limit_says_how_large_it_is_and_where(
    engine: Engine, tmp_path: Path
) -> None:
    header = (TESTER / "returns_nov01-15.txt").read_text().splitlines()[0]
    row = "\t".join(["2026-11-03T10:21:05+00:00", "113-1234567-7654321", "US-CUP-01",
                     "B0US000001", "X001ABCDEF", "Cup", "1", "PHX3", "SELLABLE",
                     "UNWANTED_ITEM", "Unit returned to inventory", "LPN1", "x" * 200_000])  # fmt: skip
    path = tmp_path / "returns_huge_cell.txt"
    path.write_text(f"{header}\n{row}\n")

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error == (
        'returns_huge_cell.txt, line 2, column "customer-comments": the cell holds 200,000 '
        "characters, more than the 131,072 a cell may hold: the file may be damaged"
    )
    assert localize(outcome.error, "zh") == (
        "returns_huge_cell.txt，第 2 行，“customer-comments”列：该单元格有 200,000 个字符，"
        "超过了单元格上限（131,072 个字符）：文件可能已损坏"
    )


def test_a_line_cut_to_one_field_says_one_field(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=TESTER / "returns_cut_in_date.txt", marketplace="JP")

    assert outcome.error is not None
    assert "the line has 1 field but the header has 13: it looks cut short" in outcome.error
    assert "该行只有 1 个字段，但表头有 13 个" in localize(outcome.error, "zh")


# -- 5. snapshot dates and months ------------------------------------------------------------


def test_an_old_layout_snapshot_written_as_midnight_utc_is_that_date(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=TESTER / "ltsf_old_us.txt", marketplace="US")

    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as session:
        days = set(session.scalars(select(StorageFeeLongTerm.snapshot_date)))
    assert days == {date(2021, 8, 15)}
    assert (outcome.data_start, outcome.data_end) == (date(2021, 8, 15), date(2021, 8, 15))


def test_monthly_storage_fees_run_to_the_months_last_day(engine: Engine) -> None:
    outcome = import_file(
        engine=engine, path=TESTER / "storage_fees_jp_cp932.txt", marketplace="JP"
    )

    assert outcome.status == "imported", outcome.error
    assert (outcome.data_start, outcome.data_end) == (date(2026, 10, 1), date(2026, 10, 31))


# -- 6. an amount marked in another currency than its row's ----------------------------------


def test_a_dollar_amount_on_a_row_in_yuan_is_refused(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=TESTER / "costs_symbols.csv", marketplace="US")

    assert outcome.status == "failed"
    assert outcome.error == (
        'costs_symbols.csv, line 3, column "unit_cost": "$2.50" is marked $, which is not CNY, '
        "the row's currency: write the amount without a currency mark, or correct the currency"
    )
    assert localize(outcome.error, "zh") == (
        "costs_symbols.csv，第 3 行，“unit_cost”列：“$2.50”带有货币符号 $，与该行的币种 CNY "
        "不符：请去掉金额中的货币符号，或更正币种"
    )
    with unit_of_work(engine) as session:
        assert session.scalars(select(ProductCost)).first() is None


def test_a_yen_sign_on_a_row_in_yuan_is_the_yuan(engine: Engine, tmp_path: Path) -> None:
    lines = (TESTER / "costs_symbols.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "costs_yuan.csv"
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.status == "imported", outcome.error


# -- 7. a report's repeated texts are read once ----------------------------------------------


def test_the_decimal_mark_is_voted_on_once_per_distinct_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    voted: list[str] = []
    vote = localized._decimal_vote
    monkeypatch.setattr(localized, "_decimal_vote", lambda text: voted.append(text) or vote(text))

    texts = ["12.50", "3.99", "12.50", "0", "3.99"] * 1000
    assert localized.sniff_decimal_comma(texts) is False
    assert sorted(voted) == ["0", "12.50", "3.99"]
    assert localized.sniff_decimal_comma(["1,5", "2.5", "7,25"]) is None
    assert localized.sniff_decimal_comma(["1.234,56", "7,25", "1.234,56"]) is True


def test_a_payments_moment_is_parsed_once_per_distinct_text() -> None:
    localized._parse_moment.cache_clear()
    text = "Nov 3, 2026 10:21:05 AM PST"
    moments = {localized.parse_moment(text) for _ in range(3)}

    assert localized._parse_moment.cache_info()[:2] == (2, 1)  # (hits, misses)
    assert len(moments) == 1
    assert localized.parse_moment(text, day_first=True) == moments.pop()
    assert localized._parse_moment.cache_info().misses == 2  # another day order: read again
