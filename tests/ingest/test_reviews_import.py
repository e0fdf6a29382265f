"""Product reviews from the reviews sheet and from a Helium 10 export: one row per review id,
the reviewer's name in its own column, a later export updating what an earlier one said."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.ingest.reports.sheet_reviews import parse_review_date
from sellerops.ingest.service import import_file
from sellerops.ingest.values import ValueFormatError
from sellerops.reviews.models import Review
from tests.ingest.helpers import DATA, rows_of

SHEETS = DATA / "sheets"
H10 = "B0CHILD001  Garden Hose 50 ft Green  20261126.csv"


def reviews(engine: Engine) -> dict[str, Review]:
    with unit_of_work(engine) as session:
        return {r.review_id: r for r in session.scalars(select(Review))}


def test_the_reviews_sheet_keeps_text_rating_and_reviewer_apart(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "reviews.csv", marketplace="US")

    assert (outcome.report_type, outcome.rows_inserted) == ("review_sheet", 2), outcome.error
    leak = reviews(engine)["R2ABCDEF123456"]
    assert (leak.asin, leak.review_day, leak.rating, leak.verified) == (
        "B0CHILD001", date(2026, 11, 20), 2, True,
    )  # fmt: skip
    assert (leak.title, leak.reviewer_name, leak.source) == (
        "Leaks after a week",
        "J. Smith",
        "sheet",
    )
    assert leak.body == "The connector started leaking after a week of use."


def test_a_helium_10_export_takes_the_asin_from_its_name_and_ids_from_links(
    engine: Engine,
) -> None:
    outcome = import_file(engine=engine, path=SHEETS / H10, marketplace="US")

    assert (outcome.report_type, outcome.rows_inserted) == ("helium10_reviews", 2), outcome.error
    found = reviews(engine)
    linked = found["R2ABCDEF123456"]
    assert (linked.asin, linked.helpful_votes, linked.verified) == ("B0CHILD001", 3, True)
    assert (linked.review_day, linked.variation, linked.source) == (
        date(2026, 11, 20), "Color: Green", "helium10",
    )  # fmt: skip
    unlinked = next(r for r in found.values() if r.review_id.startswith("h10-"))
    assert (unlinked.rating, unlinked.verified, unlinked.asin) == (1, False, "B0CHILD001")


def test_the_same_review_from_the_sheet_and_from_helium_10_is_one_review(engine: Engine) -> None:
    import_file(engine=engine, path=SHEETS / "reviews.csv", marketplace="US")
    outcome = import_file(engine=engine, path=SHEETS / H10)

    assert (outcome.rows_inserted, outcome.rows_updated) == (1, 1)
    assert len(reviews(engine)) == 3
    assert reviews(engine)["R2ABCDEF123456"].helpful_votes == 3


def test_reimporting_a_helium_10_export_changes_nothing(engine: Engine) -> None:
    import_file(engine=engine, path=SHEETS / H10, marketplace="US")
    before = rows_of(engine, Review)

    again = import_file(engine=engine, path=SHEETS / H10, force=True)

    assert (again.rows_inserted, again.rows_updated) == (0, 2)
    assert rows_of(engine, Review) == before


def test_a_helium_10_export_renamed_without_its_asin_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "reviews_export.csv"
    text = (SHEETS / H10).read_text()
    path.write_text(text.replace("&ASIN=B0CHILD001", ""))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error is not None
    assert outcome.error.startswith(
        "reviews_export.csv, line 2: cannot tell which ASIN the review is of"
    )


def test_a_six_star_rating_is_a_cell_error(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text((SHEETS / "reviews.csv").read_text().replace(",5,Great", ",6,Great"))

    outcome = import_file(engine=engine, path=path, marketplace="US")

    assert outcome.error == (
        'reviews.csv, line 3, column "rating": expected a star rating from 1 to 5, got "6"'
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("January 15, 2024", date(2024, 1, 15)),
        ("Jan 5, 2024", date(2024, 1, 5)),
        ("Reviewed in the United States on March 3, 2025", date(2025, 3, 3)),
        ("2024-01-15", date(2024, 1, 15)),
        ("1/15/2024", date(2024, 1, 15)),
    ],
)
def test_review_dates_are_read_as_review_pages_write_them(text: str, day: date) -> None:
    assert parse_review_date(text) == day


def test_a_review_date_that_is_no_date_says_what_was_expected() -> None:
    with pytest.raises(ValueFormatError, match="a date, like January 15, 2024"):
        parse_review_date("yesterday")
