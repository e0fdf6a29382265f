"""Settlement flat files: every amount a fee line, identity by settlement and line, to the cent."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import FeeLine, Settlement
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA, batches, rows_of, stores

FINANCE = DATA / "finance"


def settlement(engine: Engine, settlement_id: str) -> Settlement:
    with unit_of_work(engine) as session:
        return session.scalars(
            select(Settlement).where(Settlement.settlement_id == settlement_id)
        ).one()


def lines(engine: Engine, source_id: str) -> list[FeeLine]:
    with unit_of_work(engine) as session:
        query = select(FeeLine).where(FeeLine.source_id == source_id).order_by(FeeLine.line_no)
        return list(session.scalars(query))


def fee_sum(engine: Engine) -> Decimal:
    with unit_of_work(engine) as session:
        return Decimal(session.scalar(select(func.coalesce(func.sum(FeeLine.amount), 0))))


def test_a_v2_settlement_lands_line_by_line_and_adds_up_to_its_total(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample("finance/Settlement_V2_US.txt"))

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.store, outcome.marketplace) == (
        "settlement_v2",
        "US",
        "US",
    )
    assert (outcome.rows_read, outcome.rows_inserted, outcome.rows_updated) == (13, 12, 0)
    # By hand: 39.99 + 3.20 - 6.00 - 6.10 + 79.98 - 12.00 + 9.99 - 19.99 + 2.40 - 39.99
    #          + 1,200.00 - 180.00 = 1,071.48, the summary row's total-amount.
    assert outcome.totals == {"total": Decimal("1071.48")} and outcome.currency == "USD"
    assert fee_sum(engine) == Decimal("1071.48")
    found = settlement(engine, "23456789012")
    assert (found.total_amount, found.lines_total, found.line_count, found.reconciled) == (
        Decimal("1071.48"), Decimal("1071.48"), 12, True,
    )  # fmt: skip
    assert found.start_at == datetime(2026, 11, 16, 7, tzinfo=UTC)
    assert found.currency == "USD"
    # The period starts at midnight in Los Angeles: 07:00 UTC on the 16th is the 15th there.
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 15), date(2026, 11, 29))


def test_each_amount_keeps_its_sign_type_and_posting_moment(engine: Engine, sample) -> None:
    import_file(engine=engine, path=sample("finance/Settlement_V2_US.txt"))

    commission = lines(engine, "23456789012")[2]
    assert (commission.line_no, commission.order_id, commission.sku, commission.quantity) == (
        3, "113-0000001-0000001", "HOSE-50-GRN", 1,
    )  # fmt: skip
    assert (commission.transaction_type, commission.amount_type) == ("Order", "ItemFees")
    assert (commission.amount_description, commission.amount) == ("Commission", Decimal("-6.00"))
    assert commission.posted_at == datetime(2026, 11, 20, 18, 4, 5, tzinfo=UTC)
    assert commission.posted_day == date(2026, 11, 20)
    refund = lines(engine, "23456789012")[7]
    assert (refund.transaction_type, refund.amount, refund.quantity) == (
        "Refund", Decimal("-19.99"), None,
    )  # fmt: skip
    big = lines(engine, "23456789012")[10]
    assert big.amount == Decimal("1200.00")  # written "1,200.00"


def test_reimporting_a_settlement_changes_no_number(engine: Engine, sample) -> None:
    path = sample("finance/Settlement_V2_US.txt")
    import_file(engine=engine, path=path)
    before = [rows_of(engine, m) for m in (Settlement, FeeLine)]

    again = import_file(engine=engine, path=path)
    forced = import_file(engine=engine, path=path, force=True)

    assert again.status == "skipped_duplicate"
    assert again.totals == {"total": Decimal("1071.48")}
    assert (forced.rows_inserted, forced.rows_updated) == (0, 12)
    assert [rows_of(engine, m) for m in (Settlement, FeeLine)] == before
    assert [b.status for b in batches(engine)] == ["ok", "ok"]


def test_columns_in_another_order_give_the_same_lines(engine: Engine, tmp_path: Path) -> None:
    rows = [
        line.split("\t") for line in (FINANCE / "Settlement_V2_US.txt").read_text().splitlines()
    ]
    order = list(range(len(rows[0])))
    random.Random(3).shuffle(order)
    shuffled = tmp_path / "settlement_US.txt"
    shuffled.write_text("\n".join("\t".join(r[i] for i in order) for r in rows if r != [""]))

    assert import_file(engine=engine, path=shuffled).status == "imported"
    assert fee_sum(engine) == Decimal("1071.48")
    assert lines(engine, "23456789012")[2].amount_description == "Commission"


def test_a_summary_row_without_its_trailing_empty_fields_is_whole_but_a_cut_line_is_not(
    engine: Engine, tmp_path: Path
) -> None:
    rows = (FINANCE / "Settlement_V2_US.txt").read_text().splitlines()
    rows[1] = rows[1].rstrip("\t")  # the summary row as some exports write it: 6 fields
    trimmed = tmp_path / "settlement_US.txt"
    trimmed.write_text("\n".join(rows) + "\n")

    assert import_file(engine=engine, path=trimmed).status == "imported"
    assert fee_sum(engine) == Decimal("1071.48")

    rows[3] = "\t".join(rows[3].split("\t")[:8])  # an order line cut after the order id
    cut = tmp_path / "settlement_US_cut.txt"
    cut.write_text("\n".join(rows) + "\n")
    outcome = import_file(engine=engine, path=cut)
    assert outcome.status == "failed" and outcome.error is not None
    assert "line 4" in outcome.error and "it looks cut short" in outcome.error


def test_a_german_settlement_reads_decimal_commas_and_day_first_dates(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample("finance/Settlement_V2_DE.txt"))

    assert (outcome.status, outcome.store, outcome.currency) == ("imported", "DE", "EUR")
    # 39,99 - 6,00 - 3,85 + 1199,97 - 180,00 = 1050,11: the total-amount.
    assert outcome.totals == {"total": Decimal("1050.11")}
    found = settlement(engine, "34567890123")
    assert (found.lines_total, found.reconciled, found.currency) == (
        Decimal("1050.11"),
        True,
        "EUR",
    )
    assert found.start_at == datetime(2026, 11, 16, tzinfo=UTC)
    first = lines(engine, "34567890123")[0]
    # This older export has no posted-date-time: a day, but no moment.
    assert (first.posted_day, first.posted_at, first.amount) == (
        date(2026, 11, 20), None, Decimal("39.99"),
    )  # fmt: skip
    assert stores(engine) == [("DE", "DE")]


def test_the_2023_price_type_layout_is_read_and_its_gap_recorded(engine: Engine, sample) -> None:
    # The three real records of Airbyte's US test account: the two lines add up to -79.98
    # while the total says -39.99. The file is imported; the settlement is flagged.
    path = sample("finance/Settlement_flat_2023.txt")
    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert (outcome.status, outcome.report_type) == ("imported", "settlement"), outcome.error
    assert outcome.totals == {"total": Decimal("-39.99")}
    found = settlement(engine, "19009771651")
    assert (found.lines_total, found.reconciled) == (Decimal("-79.98"), False)
    assert [
        (x.amount_type, x.amount_description, x.amount) for x in lines(engine, "19009771651")
    ] == [
        ("Other", "Payable to Amazon", Decimal("-39.99")),
        ("Other", "Subscription Fee", Decimal("-39.99")),
    ]
    assert any(
        "add up to -79.98 USD" in note and "difference 39.99" in note for note in outcome.notes
    )


def test_a_price_type_row_with_a_price_and_a_fee_gives_two_lines(
    engine: Engine, tmp_path: Path
) -> None:
    header = (FINANCE / "Settlement_flat_2023.txt").read_text().splitlines()[0].split("\t")
    cells = dict.fromkeys(header, "")
    summary = {**cells, "settlement-id": "1", "total-amount": "16.00", "currency": "USD"}
    row = {**cells, "settlement-id": "1", "transaction-type": "Order", "order-id": "113-1",
           "posted-date": "2026-11-20T10:00:00+00:00", "sku": "S", "quantity-purchased": "1",
           "price-type": "Principal", "price-amount": "20.00",
           "item-related-fee-type": "Commission", "item-related-fee-amount": "-4.00"}  # fmt: skip
    path = tmp_path / "flat_US.txt"
    body = ["\t".join(r[h] for h in header) for r in (summary, row)]
    path.write_text("\n".join(["\t".join(header), *body]))

    outcome = import_file(engine=engine, path=path)

    assert (outcome.status, outcome.rows_inserted) == ("imported", 2), outcome.error
    assert [(x.amount_type, x.amount_description, x.amount) for x in lines(engine, "1")] == [
        ("ItemPrice", "Principal", Decimal("20.00")),
        ("ItemFees", "Commission", Decimal("-4.00")),
    ]
    assert settlement(engine, "1").reconciled is True


def test_a_bad_amount_rejects_the_whole_file_naming_line_and_column(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("finance/Settlement_V2_US_bad_amount.txt"))

    assert outcome.status == "failed"
    assert outcome.error == (
        'Settlement_V2_US_bad_amount.txt, line 5, column "amount": expected an amount, got "-6,0O"'
    )
    assert rows_of(engine, Settlement) == [] and rows_of(engine, FeeLine) == []
    assert batches(engine)[-1].status == "failed"


def test_a_line_before_its_summary_row_is_refused(engine: Engine, tmp_path: Path) -> None:
    text = (FINANCE / "Settlement_V2_US.txt").read_text().splitlines()
    path = tmp_path / "settlement_US.txt"
    path.write_text("\n".join([text[0], text[2], text[1], *text[3:]]))

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert outcome.error == (
        "settlement_US.txt, line 2: a line of settlement 23456789012 comes before its "
        "summary row (the one with total-amount)"
    )
