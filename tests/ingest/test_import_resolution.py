"""Which store, marketplace and day a file goes to when the file itself does not say: the
money's currency, marketplace codes and day-first dates in Amazon's file names, and
refusals worded by where a value came from (the file, its name, an option, the web form)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.core.marketplaces import MARKETPLACES
from sellerops.core.stores import create_store
from sellerops.ingest.errors import localize, localize_problem
from sellerops.ingest.resolve import dates_in_name, marketplace_in_name
from sellerops.ingest.service import import_file, import_paths
from tests.ingest.helpers import batches, rows_of, stores

US_BR = "BusinessReport_US_2026-11-26.csv"  # "$23,456.78"
DE_BR = "BusinessReport_DE_2026-11-26.csv"  # German headers, "5.255,61 €"


def make_store(engine: Engine, name: str, market: str) -> None:
    with unit_of_work(engine) as session:
        create_store(session=session, name=name, marketplace=market)


# 1. The currency of the money cells against the store's


def test_a_euro_business_report_is_refused_by_the_only_us_store(engine: Engine, sample) -> None:
    make_store(engine, "US", "US")
    path = sample(DE_BR, "BusinessReport-20.11.26.csv")
    outcome = import_file(engine=engine, path=path, day=date(2026, 11, 20))
    assert outcome.status == "failed"
    assert outcome.error == (
        "BusinessReport-20.11.26.csv: the amounts are in EUR, but store 'US' sells on "
        "amazon.com in USD: pass --marketplace (e.g. --marketplace DE) or --store to import "
        "it into a store that sells in EUR"
    )
    assert rows_of(engine, SalesTrafficDaily) == [] and stores(engine) == [("US", "US")]
    assert localize(outcome.error, "zh") == (
        "BusinessReport-20.11.26.csv：金额的币种是 EUR，但店铺“US”在 amazon.com 销售，币种为 "
        "USD：请加上 --marketplace（如 --marketplace DE）或 --store，导入到以 EUR 销售的店铺"
    )


def test_the_euro_report_goes_to_a_new_german_store_when_asked(engine: Engine, sample) -> None:
    make_store(engine, "US", "US")
    path = sample(DE_BR, "BusinessReport-20.11.26.csv")
    outcome = import_file(engine=engine, path=path, marketplace="DE")
    assert (outcome.status, outcome.store, outcome.store_created) == ("imported", "DE", True)
    assert outcome.data_start == date(2026, 11, 20)  # dd.mm.yy, as Amazon DE names it
    assert outcome.currency == "EUR" and outcome.totals is not None
    assert sorted(stores(engine)) == [("DE", "DE"), ("US", "US")]
    again = import_file(engine=engine, path=path, marketplace="DE", force=True)
    assert again.store == "DE" and not again.store_created


def test_the_marketplace_option_that_contradicts_the_money_is_refused(
    engine: Engine, sample
) -> None:
    path = sample(DE_BR, "BusinessReport-20.11.26.csv")
    outcome = import_file(engine=engine, path=path, marketplace="US")
    assert outcome.error == (
        "BusinessReport-20.11.26.csv: the amounts are in EUR, but --marketplace US is "
        "amazon.com, which sells in USD: pass --marketplace (e.g. --marketplace DE) or --store "
        "to import it into a store that sells in EUR"
    )
    assert stores(engine) == []


def test_a_dollar_report_may_go_to_a_canadian_store_but_not_a_british_one(
    engine: Engine, sample
) -> None:
    make_store(engine, "Acme UK", "UK")
    path = sample(US_BR, "BusinessReport_2026-11-26.csv")
    refused = import_file(engine=engine, path=path)
    assert "the amounts are in dollars ($), but store 'Acme UK' sells on amazon.co.uk in GBP" in (
        refused.error or ""
    )
    made = import_file(engine=engine, path=path, store="Acme CA", marketplace="CA")
    assert (made.status, made.store_created, made.marketplace) == ("imported", True, "CA")


# 2. A marketplace code in the file name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("BusinessReport_US_2026-11-26.csv", "US"),
        ("Inventory-DE.txt", "DE"),
        ("BusinessReport_GB_2026-11-26.csv", "UK"),
        ("archive.zip", None),
        ("BR_nomkt.csv", None),  # "BR" = Business Report, the first word: not Brazil
        ("US_DE_compare.csv", "DE"),
        ("BusinessReport_US_DE.csv", None),  # two codes: neither
        ("BusinessReport_us_2026.csv", None),  # lower case is a word, not a code
    ],
)
def test_a_marketplace_code_counts_only_after_the_report_name(name: str, code: str | None) -> None:
    found = marketplace_in_name(name)
    assert (found.code if found else None) == code


def test_br_in_a_file_name_no_longer_creates_a_brazil_store(engine: Engine, sample) -> None:
    path = sample(US_BR, "BR_nomkt.csv")
    outcome = import_file(engine=engine, path=path, day=date(2026, 11, 26))
    assert outcome.error == (
        "BR_nomkt.csv: the file does not say which marketplace it is for and there is no "
        "store yet: pass --marketplace (e.g. --marketplace US)"
    )
    assert stores(engine) == []
    made = import_file(engine=engine, path=path, day=date(2026, 11, 26), marketplace="US")
    assert (made.store, made.store_created) == ("US", True)


def test_a_name_code_the_money_contradicts_is_refused(engine: Engine, sample) -> None:
    path = sample(US_BR, "BusinessReport_BR_2026-11-26.csv")
    outcome = import_file(engine=engine, path=path)
    assert outcome.error == (
        "BusinessReport_BR_2026-11-26.csv: the file name says amazon.com.br (BR) but the "
        "amounts are in dollars ($), not BRL: pass --marketplace (e.g. --marketplace US)"
    )
    assert stores(engine) == []
    used = import_file(engine=engine, path=path, marketplace="US")
    assert used.store == "US"
    assert "the file name's BR was not used: the amounts are not in BRL" in used.notes


# 3. Day-first and month-first dates in file names


@pytest.mark.parametrize(
    ("name", "market", "expected"),
    [
        ("BusinessReport-20.11.26.csv", None, date(2026, 11, 20)),
        ("BusinessReport-20.11.26.csv", "DE", date(2026, 11, 20)),
        ("BusinessReport-20.11.26.csv", "US", date(2026, 11, 20)),  # 20 is no month
        ("BusinessReport-02.12.25.csv", "DE", date(2025, 12, 2)),
        ("BusinessReport-02.12.25.csv", None, date(2025, 12, 2)),  # dots: the day first
        ("BusinessReport-02.12.25.csv", "US", None),  # amazon.com writes the month first
        ("BusinessReport-20.11.2026.csv", "FR", date(2026, 11, 20)),
        ("BusinessReport-11-26-2026.csv", None, date(2026, 11, 26)),  # 26 is no month
        ("BusinessReport-03-04-26.csv", "US", date(2026, 3, 4)),
        ("BusinessReport-03-04-26.csv", "UK", date(2026, 4, 3)),
        ("BusinessReport-03-04-26.csv", "CA", None),  # Canada writes both ways
        ("BusinessReport-03-04-26.csv", None, None),
        ("BusinessReport_US_2026-11-26.csv", "US", date(2026, 11, 26)),
        ("Inventory_US_20261125.txt", "US", date(2026, 11, 25)),
        ("BusinessReport_3-10-20-2-22_.csv", "US", "none"),  # no date we can read
    ],
)
def test_dates_in_names_by_the_marketplaces_custom(
    name: str, market: str | None, expected: date | str | None
) -> None:
    found = dates_in_name(name, MARKETPLACES[market] if market else None)
    if expected == "none":
        assert found == []
        return
    assert len(found) == 1
    assert found[0].day == expected
    if expected is None:
        assert len(found[0].readings) == 2


def test_an_ambiguous_name_date_is_refused_and_the_date_option_settles_it(
    engine: Engine, sample
) -> None:
    make_store(engine, "Acme CA", "CA")
    path = sample(US_BR, "BusinessReport-03-04-26.csv")
    outcome = import_file(engine=engine, path=path)
    assert outcome.error == (
        "BusinessReport-03-04-26.csv: the date in the file name (03-04-26) could be "
        "2026-04-03 or 2026-03-04: pass --date YYYY-MM-DD"
    )
    assert rows_of(engine, SalesTrafficDaily) == []
    dated = import_file(engine=engine, path=path, day=date(2026, 3, 4))
    assert dated.status == "imported" and dated.data_start == date(2026, 3, 4)


def test_a_us_name_is_read_month_first(engine: Engine, sample) -> None:
    path = sample(US_BR, "BusinessReport-03-04-26_US.csv")
    outcome = import_file(engine=engine, path=path)
    assert outcome.data_start == date(2026, 3, 4)


def test_amazons_own_name_gives_the_day_with_a_warning_and_an_explicit_day_wins_over_it(
    engine: Engine, sample
) -> None:
    # Amazon names a downloaded Business Report after the day it made the file, which need
    # not be the day the report covers (yesterday's report downloaded this morning).
    make_store(engine, "Acme US", "US")
    path = sample(US_BR, "BusinessReport-11-27-26.csv")
    named = import_file(engine=engine, path=path, store="Acme US")
    assert named.data_start == date(2026, 11, 27)
    assert list(named.notes) == [
        "the day 2026-11-27 was taken from the file name, which may be the day Amazon made "
        "the file: if the report covers another day, pass --date YYYY-MM-DD, or --from and "
        "--to for a report over several days"
    ]
    assert localize_problem(named.notes[0], "zh").startswith(
        "日期 2026-11-27 取自文件名，可能是亚马逊生成文件的日期"
    )
    dated = import_file(engine=engine, path=path, store="Acme US", day=date(2026, 11, 26))
    assert dated.data_start == dated.data_end == date(2026, 11, 26)
    assert list(dated.notes) == [
        "the file name's 2026-11-27 may be the day Amazon made the file: --date 2026-11-26 was "
        "used",
        # the same file, imported before for the 27th, now counts for the 26th only
        "the same file was imported before for 2026-11-27: its 3 rows there were removed, so "
        "it counts for 2026-11-26 only",
    ]
    # A name the operator wrote (ISO, with the marketplace) still says the day.
    own = import_file(engine=engine, path=sample(US_BR, "BusinessReport_US_2026-11-25.csv"),
                      store="Acme US", day=date(2026, 11, 20))  # fmt: skip
    assert own.data_start == date(2026, 11, 25)
    assert own.notes[0] == "the file name says 2026-11-25, so --date 2026-11-20 was not used"


# 4. The web's wording


def test_refusals_in_the_web_name_the_form_not_the_options(engine: Engine, sample) -> None:
    make_store(engine, "Acme US", "US")
    path = sample(US_BR, "BusinessReport.csv")
    [no_day] = import_paths(engine=engine, paths=[path], store="Acme US", via="web")
    assert (no_day.error or "").endswith(
        "has no date column and the file name carries no date: choose the day in the form, "
        "or the first and the last day for a report over several days"
    )
    assert localize(no_day.error or "", "zh").endswith(
        "请在表单中选择日期；若报告涵盖多天，请选择第一天和最后一天"
    )
    [cli] = import_paths(engine=engine, paths=[path], store="Acme US")
    assert (cli.error or "").endswith(
        "pass --date YYYY-MM-DD, or --from and --to for a report over several days"
    )
    german = sample(DE_BR, "BusinessReport-20.11.26.csv")
    [euro] = import_paths(engine=engine, paths=[german], store="Acme US", via="web")
    assert (euro.error or "").endswith(
        "choose a store that sells in EUR, or its marketplace, in the form"
    )


# 5. The name an upload is recorded under


def test_an_upload_is_recorded_under_its_own_name(engine: Engine, sample) -> None:
    saved = sample(US_BR)
    [outcome] = import_paths(engine=engine, paths=[saved], shown_as={saved: "my report.csv"})
    assert outcome.path == "my report.csv" and outcome.status == "imported"
    assert [b.file_name for b in batches(engine)] == ["my report.csv"]


def test_an_uploaded_archive_names_its_members_after_the_upload(
    engine: Engine, sample, tmp_path: Path
) -> None:
    import zipfile

    archive = tmp_path / "tmp" / "0" / "reports.zip"
    archive.parent.mkdir(parents=True)
    with zipfile.ZipFile(archive, "w") as z:
        z.write(sample(US_BR), US_BR)
    [outcome] = import_paths(engine=engine, paths=[archive], shown_as={archive: "reports.zip"})
    assert outcome.path == f"reports.zip!{US_BR}"
    assert [b.file_name for b in batches(engine)] == [f"reports.zip!{US_BR}"]


# 7. Where a contradicting marketplace came from


def test_a_contradiction_names_the_option_when_the_option_said_it(engine: Engine, sample) -> None:
    make_store(engine, "Acme US", "US")
    path = sample(US_BR, "BusinessReport_2026-11-26.csv")
    cli = import_file(engine=engine, path=path, store="Acme US", marketplace="CA")
    assert (cli.error or "").endswith(
        "store 'Acme US' sells on amazon.com (US) but --marketplace CA is amazon.ca"
    )
    assert localize(cli.error or "", "zh").endswith(
        "店铺“Acme US”在 amazon.com（US）销售，但--marketplace CA 是 amazon.ca"
    )
    [web] = import_paths(engine=engine, paths=[path], store="Acme US", marketplace="CA", via="web")
    assert (web.error or "").endswith("but the marketplace chosen in the form (CA) is amazon.ca")
    named = import_file(engine=engine, path=sample(US_BR, "BusinessReport_CA_2026-11-26.csv"),
                        store="Acme US")  # fmt: skip
    assert (named.error or "").endswith("but the file name says amazon.ca (CA)")


def test_a_new_named_store_without_a_marketplace_says_how_to_create_it(
    engine: Engine, sample
) -> None:
    path = sample(US_BR, "BusinessReport_2026-11-26.csv")
    outcome = import_file(engine=engine, path=path, store="New shop")
    assert outcome.error == (
        "BusinessReport_2026-11-26.csv: store 'New shop' does not exist yet: pass --marketplace "
        "(e.g. --marketplace US) to create it (the file does not say its marketplace)"
    )
    made = import_file(engine=engine, path=path, store="New shop", marketplace="US")
    assert (made.store, made.store_created) == ("New shop", True)


# 6. A file that is not a report at all


def test_a_text_file_gets_no_report_type_suggestions(engine: Engine, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Call the supplier about the lead time\nCheck the Buy Box on B0CHILD001\n")
    outcome = import_file(engine=engine, path=notes)
    assert outcome.status == "failed"
    assert "Closest known report types" not in (outcome.error or "")
    assert "notes.txt does not look like a report sellerops knows" in (outcome.error or "")
    assert "README" not in (outcome.error or "")
    assert "(on the command line: sellerops imports --types)." in (outcome.error or "")
    assert localize(outcome.error or "", "zh").startswith(
        "notes.txt 看起来不是 sellerops 认识的报告"
    )


def test_one_known_column_is_enough_for_the_closest_types(engine: Engine, tmp_path: Path) -> None:
    # A Business Report with French headers (not in report-formats.md yet): of them, only
    # "(Parent) ASIN" is a known column, and it is one only Business Reports have.
    header = ["(Parent) ASIN", "(Enfant) ASIN", "Titre", "Sessions – Total",
              "Pages vues – Total", "Unités commandées", "Ventes de produits commandés"]  # fmt: skip
    path = tmp_path / "BusinessReport_FR_2026-11-20.csv"
    path.write_text(",".join(f'"{h}"' for h in header) + "\n" + ",".join(["1"] * 7) + "\n")
    outcome = import_file(engine=engine, path=path)
    assert outcome.status == "failed"
    error = outcome.error or ""
    assert "Closest known report types: Business Report (Detail Page Sales and Traffic By " in (
        error
    )
    assert "最接近的报告类型：业务报告" in localize(error, "zh")


def test_a_header_like_a_report_still_gets_the_closest_types(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("random_export.csv"))
    assert "Closest known report types: Ads Campaign report" in (outcome.error or "")


def test_a_marketplace_option_the_file_name_overrules_is_named_in_a_note(
    engine: Engine, sample
) -> None:
    path = sample(US_BR, "BusinessReport_US_2026-11-20.csv")
    outcome = import_file(engine=engine, path=path, marketplace="DE", day=date(2026, 11, 25))

    assert (outcome.status, outcome.store, outcome.data_start) == (
        "imported", "US", date(2026, 11, 20),
    )  # fmt: skip
    note = "the file name says amazon.com (US), so --marketplace DE was not used"
    assert note in outcome.notes
    assert (
        localize_problem(note, "zh")
        == "文件名表明是 amazon.com（US），因此未使用 --marketplace DE "
    )
