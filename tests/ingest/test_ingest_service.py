"""The import API: stores, days, duplicates, atomicity, folders and archives."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog import service as catalog
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.core.stores import create_store
from sellerops.ingest.service import ImportOutcome, import_file, import_paths
from tests.ingest.helpers import DATA, batches, rows_of, stores

BR = "BusinessReport_US_2026-11-26.csv"


def make_stores(engine: Engine, *pairs: tuple[str, str]) -> None:
    with unit_of_work(engine) as session:
        for name, market in pairs:
            create_store(session=session, name=name, marketplace=market)


# Which store


def test_the_marketplace_token_in_the_name_creates_the_store(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample(BR))
    assert (outcome.store, stores(engine)) == ("US", [("US", "US")])


def test_the_only_store_of_the_marketplace_is_used(engine: Engine, sample) -> None:
    make_stores(engine, ("Acme US", "US"), ("Acme DE", "DE"))
    assert import_file(engine=engine, path=sample(BR)).store == "Acme US"


def test_a_named_store_is_created_on_the_files_marketplace(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("AllOrders_2017_layout.txt"), store="Acme IT")
    assert outcome.store == "Acme IT" and stores(engine) == [("Acme IT", "IT")]


def test_a_named_store_on_another_marketplace_is_refused(engine: Engine, sample) -> None:
    make_stores(engine, ("Acme US", "US"))
    outcome = import_file(engine=engine, path=sample("AllOrders_2017_layout.txt"), store="Acme US")
    assert outcome.status == "failed"
    assert "store 'Acme US' sells on amazon.com (US) but the file is for amazon.it (IT)" in (
        outcome.error or ""
    )


def test_without_any_clue_the_error_asks_for_the_marketplace(engine: Engine, sample) -> None:
    path = sample(BR, "BusinessReport_2026-11-26.csv")
    outcome = import_file(engine=engine, path=path)
    assert outcome.error == (
        "BusinessReport_2026-11-26.csv: the file does not say which marketplace it is for and "
        "there is no store yet: pass --marketplace (e.g. --marketplace US)"
    )
    assert import_file(engine=engine, path=path, marketplace="US").store == "US"


def test_without_a_clue_the_only_store_is_used_and_two_stores_need_store(
    engine: Engine, sample
) -> None:
    path = sample(BR, "BusinessReport_2026-11-26.csv")
    make_stores(engine, ("Acme", "CA"))  # the file's bare "$" can be Canadian dollars
    assert import_file(engine=engine, path=path).store == "Acme"
    make_stores(engine, ("Other", "DE"))
    failed = import_file(engine=engine, path=path, force=True)
    assert "there are 2 stores: pass --store" in (failed.error or "")


def test_a_named_store_that_does_not_exist_needs_a_marketplace(engine: Engine, sample) -> None:
    path = sample(BR, "BusinessReport_2026-11-26.csv")
    outcome = import_file(engine=engine, path=path, store="New shop")
    assert "store 'New shop' does not exist yet: pass --marketplace" in (outcome.error or "")


def test_two_stores_on_one_marketplace_need_store(engine: Engine, sample) -> None:
    make_stores(engine, ("Acme US", "US"), ("Brand US", "US"))
    outcome = import_file(engine=engine, path=sample(BR))
    assert "several stores sell on amazon.com (Acme US, Brand US): pass --store" in (
        outcome.error or ""
    )
    assert import_file(engine=engine, path=sample(BR), store="Brand US").store == "Brand US"


def test_the_file_overrules_the_marketplace_option_and_says_so(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("AllOrders_2017_layout.txt"), marketplace="US")
    assert outcome.store == "IT"
    assert "the file is for IT, so --marketplace US was not used" in outcome.notes


# Which day


def test_the_day_comes_from_the_name_or_from_the_date_option(engine: Engine, sample) -> None:
    named = import_file(engine=engine, path=sample(BR), day=date(2026, 1, 1))
    dated = import_file(engine=engine, path=sample(BR, "BusinessReport_US.csv"),
                        day=date(2026, 11, 20))  # fmt: skip
    assert named.data_start == date(2026, 11, 26)
    assert "the file name says 2026-11-26, so --date 2026-01-01 was not used" in named.notes
    assert dated.data_start == date(2026, 11, 20)


def test_amazons_own_short_dates_are_ambiguous_and_need_the_date_option(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample(BR, "BusinessReport-02.12.25_US.csv"))
    # dots are the German day-first way, but on amazon.com the month comes first: both fit
    assert outcome.error == (
        "BusinessReport-02.12.25_US.csv: the date in the file name (02.12.25) could be "
        "2025-12-02 or 2025-02-12: pass --date YYYY-MM-DD"
    )
    assert stores(engine) == []


def test_a_business_report_over_a_date_range_is_a_period(engine: Engine, sample) -> None:
    # its totals cannot be split into days (test_business_report_periods.py)
    outcome = import_file(
        engine=engine, path=sample(BR, "BusinessReport_US_2026-11-01_2026-11-26.csv")
    )
    assert (outcome.data_start, outcome.data_end) == (date(2026, 11, 1), date(2026, 11, 26))
    assert rows_of(engine, SalesTrafficDaily) == []


# Duplicates, atomicity, odd files


def test_the_same_bytes_for_another_day_are_not_a_duplicate(engine: Engine, sample) -> None:
    # A quiet SKU's inventory file can be byte-identical two days running.
    first = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt", "Inventory_US.txt"),
                        day=date(2026, 11, 26))  # fmt: skip
    second = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt", "Inventory_US.txt"),
                         day=date(2026, 11, 27))  # fmt: skip
    again = import_file(engine=engine, path=sample("Inventory_US_2026-11-26.txt", "Inventory_US.txt"),
                        day=date(2026, 11, 27))  # fmt: skip
    assert [o.status for o in (first, second, again)] == [
        "imported", "imported", "skipped_duplicate",
    ]  # fmt: skip


def test_the_same_bytes_for_another_store_are_not_a_duplicate(engine: Engine, sample) -> None:
    make_stores(engine, ("A", "US"), ("B", "US"))
    assert import_file(engine=engine, path=sample(BR), store="A").status == "imported"
    assert import_file(engine=engine, path=sample(BR), store="B").status == "imported"
    assert import_file(engine=engine, path=sample(BR), store="B").status == "skipped_duplicate"


def test_a_failed_file_can_be_imported_once_fixed_and_is_not_a_duplicate(
    engine: Engine, sample
) -> None:
    path = sample(BR, "BusinessReport_2026-11-26.csv")
    assert import_file(engine=engine, path=path).status == "failed"
    assert import_file(engine=engine, path=path, marketplace="US").status == "imported"
    assert [b.status for b in batches(engine)] == ["failed", "ok"]


def test_an_error_while_writing_leaves_nothing_half_imported(
    engine: Engine, sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(catalog, "upsert_products", broken)
    outcome = import_file(engine=engine, path=sample("BusinessReport_US_20261125_by_sku.csv"))

    assert outcome.status == "failed"
    assert outcome.error == "BusinessReport_US_20261125_by_sku.csv: RuntimeError: disk full"
    assert rows_of(engine, SalesTrafficDaily) == [] and stores(engine) == []
    [batch] = batches(engine)
    assert (batch.status, batch.store_id, batch.rows_read) == ("failed", None, 2)


def test_an_unknown_file_is_rejected_and_recorded(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("random_export.csv"))
    assert outcome.status == "failed"
    assert (outcome.error or "").startswith("random_export.csv is not a report sellerops knows (")
    assert [(b.status, b.report_type) for b in batches(engine)] == [("failed", None)]


def test_an_empty_file_gets_a_clear_message(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "Inventory_US_2026-11-26.txt"
    path.write_bytes(b"")
    outcome = import_file(engine=engine, path=path)
    assert outcome.error == "Inventory_US_2026-11-26.txt: the file is empty"


def test_a_missing_file_fails_without_a_batch(engine: Engine, tmp_path: Path) -> None:
    outcome = import_file(engine=engine, path=tmp_path / "gone.csv")
    assert (outcome.status, outcome.error) == ("failed", "gone.csv: no such file")
    assert batches(engine) == []


# Folders and archives


def test_folders_and_archives_expand_in_sorted_order_one_unit_each(
    engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    (folder / "nov").mkdir(parents=True)
    (folder / ".hidden.csv").write_text("junk")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0 thumbnails")  # Windows' junk
    (folder / "nov" / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (folder / "nov" / "~$costs.xlsx").write_bytes(b"Ana" + b"\x00" * 150)  # Excel's lock file
    (folder / "nov" / "Inventory_US_2026-11-26.txt").write_bytes(
        (DATA / "Inventory_US_2026-11-26.txt").read_bytes()
    )
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.write(DATA / "random_export.csv", "b/random_export.csv")
        archive.write(DATA / BR, "a/" + BR)
        archive.writestr("__MACOSX/a/._x.csv", b"\x00")
        archive.writestr("a/Thumbs.db", b"\xd0\xcf\x11\xe0")
    heard: list[ImportOutcome] = []

    outcomes = import_paths(engine=engine, paths=[folder], on_file=heard.append)

    assert heard == outcomes
    assert [(o.path.removeprefix(f"{folder}/"), o.status) for o in outcomes] == [
        (f"archive.zip!a/{BR}", "imported"),
        ("archive.zip!b/random_export.csv", "failed"),
        ("nov/Inventory_US_2026-11-26.txt", "imported"),
    ]
    assert (outcomes[1].error or "").startswith("archive.zip!b/random_export.csv is not a report")
    with unit_of_work(engine) as session:
        days = set(session.scalars(select(SalesTrafficDaily.day)))
    assert days == {date(2026, 11, 26)}


def test_one_bad_file_does_not_stop_the_others(engine: Engine, sample) -> None:
    paths = [sample("BusinessReport_US_2026-11-27_bad_number.csv"), sample(BR)]
    outcomes = import_paths(engine=engine, paths=paths)
    assert [o.status for o in outcomes] == ["failed", "imported"]


def test_a_database_error_is_reported_in_one_line_and_contained(
    engine: Engine, sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sellerops.ingest import business_report

    real_upsert = business_report.upsert

    def overflowing(session, table, rows, **options):  # type: ignore[no-untyped-def]
        rows[0]["sessions"] = 10**20  # past what any INTEGER column holds
        return real_upsert(session, table, rows, **options)

    monkeypatch.setattr(business_report, "upsert", overflowing)
    outcome = import_file(engine=engine, path=sample(BR))

    assert outcome.status == "failed"
    assert (outcome.error or "").startswith(f"{BR}: ") and "\n" not in (outcome.error or "")
    assert "INSERT" not in (outcome.error or "")
    assert rows_of(engine, SalesTrafficDaily) == [] and stores(engine) == []
