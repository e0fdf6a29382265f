"""A unified (pan-European) account's settlement and Date Range report: each marketplace's
lines in its own store, account-level lines counted once, the same whatever the options."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.core.stores import create_store
from sellerops.finance.models import FeeLine, Settlement
from sellerops.finance.reconcile import REASONS, reconcile
from sellerops.ingest.service import import_file
from tests.ingest.helpers import rows_of

_V2 = ("settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\t"
       "currency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\t"
       "marketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\t"
       "posted-date-time\torder-item-code\tmerchant-order-item-id\t"
       "merchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id")  # fmt: skip


def _line(tx: str, order: str, market: str, kind: str, desc: str, amount: str, day: str,
          sku: str = "SCHLAUCH-15") -> str:  # fmt: skip
    cells = ["33333333333", "", "", "", "", "", tx, order, "", "", "", market, kind, desc,
             amount, "AFN" if order else "", day, f"{day} 10:00:00 UTC", "", "", "",
             sku if order else "", "1" if order else "", ""]  # fmt: skip
    return "\t".join(cells)


def _settlement(tmp_path: Path) -> Path:
    """Amazon.de 1.000,00 - 150,00 + 20,00; Amazon.fr 250,00 - 37,50; a storage fee -4,01
    with no marketplace: Amazon pays 1.078,49."""
    summary = ["33333333333", "01.11.2026 00:00:00 UTC", "15.11.2026 00:00:00 UTC",
               "17.11.2026 00:00:00 UTC", "1.078,49", "EUR"] + [""] * 18  # fmt: skip
    lines = [
        _line("Order", "302-1", "Amazon.de", "ItemPrice", "Principal", "1.000,00", "03.11.2026"),
        _line("Order", "302-1", "Amazon.de", "ItemFees", "Commission", "-150,00", "03.11.2026"),
        _line("Order", "402-1", "Amazon.fr", "ItemPrice", "Principal", "250,00", "04.11.2026"),
        _line("Order", "402-1", "Amazon.fr", "ItemFees", "Commission", "-37,50", "04.11.2026"),
        _line(
            "other-transaction", "", "", "other-transaction", "Storage Fee", "-4,01", "05.11.2026"
        ),
        _line("Order", "302-2", "Amazon.de", "ItemPrice", "Principal", "20,00", "13.11.2026"),
    ]
    path = tmp_path / "settlement_EU.txt"
    path.write_text("\n".join([_V2, "\t".join(summary), *lines]) + "\n", encoding="utf-8")
    return path


def by_store(engine: Engine) -> dict[str, Decimal]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(Store.name, func.sum(FeeLine.amount))
            .join(Store, Store.id == FeeLine.store_id)
            .group_by(Store.name)
        )
        return {name: Decimal(total).quantize(Decimal("0.01")) for name, total in rows}


def _make_store(engine: Engine, tmp_path: Path, code: str) -> None:
    """A store on ``code``, made the way an operator makes one: by importing a report."""
    header = ["date/time", "settlement id", "type", "order id", "sku", "description", "total"]
    path = _report(tmp_path / f"empty_{code}.csv", header, [], "All amounts in EUR")
    outcome = import_file(engine=engine, path=path, marketplace=code)
    assert outcome.status == "imported", outcome.error


def test_each_marketplace_s_settlement_lines_go_to_its_store_once_whatever_the_option(
    engine: Engine, tmp_path: Path
) -> None:
    path = _settlement(tmp_path)
    first = import_file(engine=engine, path=path, marketplace="DE")
    second = import_file(engine=engine, path=path, marketplace="FR")

    assert (first.status, second.status) == ("imported", "imported"), (first.error, second.error)
    # Before: each import stored all 6 lines, DE 1,078.49 and FR 1,078.49 (twice the payout).
    # The storage fee (no marketplace) goes to DE, the marketplace with the most lines.
    assert by_store(engine) == {"DE": Decimal("865.99"), "FR": Decimal("212.50")}
    assert sum(by_store(engine).values()) == Decimal("1078.49")  # what Amazon pays
    with unit_of_work(engine) as session:
        homes = session.execute(
            select(Store.name, Settlement.total_amount, Settlement.reconciled).join(
                Store, Store.id == Settlement.store_id
            )
        ).all()
    assert homes == [("DE", Decimal("1078.49"), True)]
    assert any("2 lines to store 'FR'" in note for note in second.notes)

    before = [rows_of(engine, m) for m in (Settlement, FeeLine)]
    for option in ("DE", "FR"):
        again = import_file(engine=engine, path=path, marketplace=option, force=True)
        assert again.status == "imported", again.error
    assert [rows_of(engine, m) for m in (Settlement, FeeLine)] == before


def test_another_marketplace_without_a_store_is_left_out_with_a_note_not_filed_here(
    engine: Engine, tmp_path: Path
) -> None:
    path = _settlement(tmp_path)

    outcome = import_file(engine=engine, path=path, marketplace="DE")

    assert outcome.status == "imported", outcome.error
    # Before: the amazon.fr orders were filed under DE without a word (1,078.49 in DE).
    assert by_store(engine) == {"DE": Decimal("865.99")}
    assert outcome.rows_rejected == 2
    note = next(n for n in outcome.notes if "amazon.fr" in n)
    assert "2 lines of amazon.fr (FR), 212.50 EUR, not imported" in note
    assert "--marketplace FR" in note
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        found = reconcile(session=session, store=store)
    totals = [d for d in found.differences if d.check == "settlement_total"]
    assert [(d.left, d.right, d.reason) for d in totals] == [
        (Decimal("865.99"), Decimal("1078.49"), REASONS["unplaced"])
    ]

    # Importing it for amazon.fr makes that store and completes the payout.
    later = import_file(engine=engine, path=path, marketplace="FR")
    assert later.status == "imported", later.error
    assert by_store(engine) == {"DE": Decimal("865.99"), "FR": Decimal("212.50")}
    with unit_of_work(engine) as session:
        for store in session.scalars(select(Store)):
            found = reconcile(session=session, store=store)
            assert not [d for d in found.differences if d.check == "settlement_total"]


def test_a_settlement_imported_whole_into_two_stores_earlier_is_put_right(
    engine: Engine, tmp_path: Path
) -> None:
    path = _settlement(tmp_path)
    import_file(engine=engine, path=path, marketplace="DE")
    import_file(engine=engine, path=path, marketplace="FR")
    with unit_of_work(engine) as session:  # what the import did before: all lines in FR too
        fr = session.scalars(select(Store).where(Store.name == "FR")).one()
        de_lines = session.scalars(
            select(FeeLine).where(FeeLine.store_id != fr.id, FeeLine.source_id == "33333333333")
        ).all()
        for line in de_lines:
            session.add(FeeLine(**{**_columns(line), "store_id": fr.id}))
    assert by_store(engine)["FR"] == Decimal("1078.49")

    import_file(engine=engine, path=path, force=True, marketplace="FR")

    assert by_store(engine) == {"DE": Decimal("865.99"), "FR": Decimal("212.50")}


def _columns(line: FeeLine) -> dict[str, object]:
    return {c.name: getattr(line, c.name) for c in FeeLine.__table__.columns}


_DR_HEADER = ["date/time", "settlement id", "type", "order id", "sku", "description",
              "marketplace", "product sales", "other", "total"]  # fmt: skip


def _report(path: Path, header: list[str], rows: list[list[str]], preamble: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows([[preamble], header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


_AD_CHARGE = ["Nov 3, 2026 10:00:00 AM UTC", "12345678901", "Service Fee", "", "",
              "Cost of Advertising", "", "0", "-250.00", "-250.00"]  # fmt: skip


def _order(day: int, order: str, market: str, amount: str) -> list[str]:
    return [f"Nov {day}, 2026 10:00:00 AM UTC", "12345678901", "Order", order, "SCHLAUCH-15",
            "Schlauch", market, amount, "0", amount]  # fmt: skip


def test_a_transaction_report_s_account_level_rows_count_in_one_store(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [_order(1, "302-1", "amazon.de", "1036.98"), _order(2, "402-1", "amazon.fr", "-26.39"),
            _AD_CHARGE]  # fmt: skip
    path = _report(tmp_path / "range.csv", _DR_HEADER, rows, "All amounts in EUR")

    first = import_file(engine=engine, path=path, marketplace="DE")
    second = import_file(engine=engine, path=path, marketplace="FR")

    assert (first.status, second.status) == ("imported", "imported"), (first.error, second.error)
    # Before: DE 786.98 and FR -276.39: the 250.00 ad charge in both stores.
    assert by_store(engine) == {"DE": Decimal("786.98"), "FR": Decimal("-26.39")}
    assert second.totals == {"total": Decimal("760.59")}  # the whole file, once
    assert first.rows_rejected == 1  # amazon.fr had no store yet: said so
    assert any("1 row of amazon.fr (FR), -26.39 EUR, not imported" in n for n in first.notes)


def test_overlapping_transaction_reports_with_other_home_stores_keep_one_ad_charge(
    engine: Engine, tmp_path: Path
) -> None:
    _make_store(engine, tmp_path, "DE")
    _make_store(engine, tmp_path, "FR")
    mostly_de = [_order(1, "302-1", "amazon.de", "100.00"), _order(2, "302-2", "amazon.de", "50.00"),
                 _order(2, "402-1", "amazon.fr", "30.00"), _AD_CHARGE]  # fmt: skip
    mostly_fr = [_order(2, "402-1", "amazon.fr", "30.00"), _AD_CHARGE,
                 _order(4, "402-2", "amazon.fr", "20.00")]  # fmt: skip
    first = _report(tmp_path / "a.csv", _DR_HEADER, mostly_de, "All amounts in EUR")
    second = _report(tmp_path / "b.csv", _DR_HEADER, mostly_fr, "All amounts in EUR")

    for path, market in ((first, "DE"), (second, "FR"), (first, "FR")):
        outcome = import_file(engine=engine, path=path, marketplace=market, force=True)
        assert outcome.status == "imported", outcome.error

    # DE 150.00 + FR 50.00 - 250.00: the ad charge once, in the store of the last import's
    # home marketplace (DE: most rows of a.csv).
    assert by_store(engine) == {"DE": Decimal("-100.00"), "FR": Decimal("50.00")}


def test_the_placement_notes_read_in_chinese(engine: Engine, tmp_path: Path) -> None:
    from sellerops.ingest.errors import localize_problem

    outcome = import_file(engine=engine, path=_settlement(tmp_path), marketplace="DE")

    zh = [localize_problem(note, "zh") for note in outcome.notes]
    assert zh == [
        "多个站点的明细已分别存入各自站点的店铺：3 行存入店铺 'DE'；1 行不属于任何站点的（账户级）"
        "明细存入店铺 'DE'（明细最多的站点的店铺）",
        "amazon.fr（FR）的 2 行明细（212.50 EUR）未导入：没有在 amazon.fr 销售的店铺；"
        "请加上 --marketplace FR（或 --store）再次导入此文件",
    ]


def _uploader(engine: Engine, store_name: str) -> int:
    """A web user who may act in ``store_name`` only (not an owner)."""
    from sellerops.accounts import service as accounts

    with unit_of_work(engine) as session:
        user = accounts.create_user(session=session, email="de-only@example.com",
                                    password="a long passphrase 9")  # fmt: skip
        store = session.scalars(select(Store).where(Store.name == store_name)).one()
        accounts.grant(session=session, user=user, store=store, role="operator")
        return user.id


def test_a_web_upload_puts_no_line_into_a_store_its_uploader_may_not_import_into(
    engine: Engine, tmp_path: Path
) -> None:
    _make_store(engine, tmp_path, "DE")
    _make_store(engine, tmp_path, "FR")
    user_id = _uploader(engine, "DE")

    outcome = import_file(engine=engine, path=_settlement(tmp_path), store="DE",
                          via="web", user_id=user_id)  # fmt: skip

    assert outcome.status == "imported", outcome.error
    # before: the French lines (212.50) went into store FR, which this user may not touch
    assert by_store(engine) == {"DE": Decimal("865.99")}
    assert any("you may not import into store 'FR'" in note and "ask an owner" in note
               for note in outcome.notes)  # fmt: skip


def test_a_web_upload_may_not_move_what_a_store_it_may_not_import_into_holds(
    engine: Engine, tmp_path: Path
) -> None:
    _make_store(engine, tmp_path, "DE")
    _make_store(engine, tmp_path, "FR")
    path = _settlement(tmp_path)
    assert import_file(engine=engine, path=path, store="FR").status == "imported"
    before = by_store(engine)
    user_id = _uploader(engine, "DE")

    outcome = import_file(engine=engine, path=path, store="DE", via="web", user_id=user_id,
                          force=True)  # fmt: skip

    assert outcome.status == "failed"
    assert "settlement 33333333333 is already imported into store 'FR'" in (outcome.error or "")
    assert by_store(engine) == before  # nothing moved or deleted


def test_a_settlement_of_marketplaces_with_one_store_each_needs_no_option(
    engine: Engine, tmp_path: Path
) -> None:
    _make_store(engine, tmp_path, "DE")
    _make_store(engine, tmp_path, "FR")
    path = _settlement(tmp_path)

    outcome = import_file(engine=engine, path=path)

    # Before: refused, "the file has orders from several marketplaces (DE, FR): pass ...".
    assert outcome.status == "imported", outcome.error
    assert (outcome.store, outcome.marketplace) == ("DE", "DE")  # the home store: most lines
    assert by_store(engine) == {"DE": Decimal("865.99"), "FR": Decimal("212.50")}
    before = [rows_of(engine, m) for m in (Settlement, FeeLine)]
    again = import_file(engine=engine, path=path, marketplace="FR", force=True)
    assert again.status == "imported", again.error
    assert [rows_of(engine, m) for m in (Settlement, FeeLine)] == before  # the same either way


def test_a_transaction_report_without_an_option_is_for_its_home_marketplace_s_store(
    engine: Engine, tmp_path: Path
) -> None:
    _make_store(engine, tmp_path, "DE")
    _make_store(engine, tmp_path, "FR")
    mostly_fr = [_order(1, "302-1", "amazon.de", "100.00"), _order(2, "402-1", "amazon.fr", "30.00"),
                 _AD_CHARGE, _order(4, "402-2", "amazon.fr", "20.00")]  # fmt: skip
    path = _report(tmp_path / "range.csv", _DR_HEADER, mostly_fr, "All amounts in EUR")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert outcome.store == "FR"
    # the ad charge with the home store (FR: most rows), each order in its own store
    assert by_store(engine) == {"DE": Decimal("100.00"), "FR": Decimal("-200.00")}


def test_a_marketplace_with_no_store_or_several_still_needs_an_option(
    engine: Engine, tmp_path: Path
) -> None:
    _make_store(engine, tmp_path, "DE")
    _make_store(engine, tmp_path, "FR")
    with_italy = [_order(1, "302-1", "amazon.de", "100.00"), _order(2, "402-1", "amazon.fr", "30.00"),
                  _order(3, "502-1", "amazon.it", "40.00")]  # fmt: skip
    path = _report(tmp_path / "range.csv", _DR_HEADER, with_italy, "All amounts in EUR")

    no_store = import_file(engine=engine, path=path)

    assert no_store.status == "failed"
    assert "the file has orders from several marketplaces (DE, FR, IT): pass --marketplace or " \
        "--store to say which to import" in (no_store.error or "")  # fmt: skip

    with unit_of_work(engine) as session:
        create_store(session=session, name="FR-2", marketplace="FR")
    path = _settlement(tmp_path)
    several = import_file(engine=engine, path=path)

    assert several.status == "failed"
    assert "the file has orders from several marketplaces (DE, FR)" in (several.error or "")
    assert by_store(engine) == {}
