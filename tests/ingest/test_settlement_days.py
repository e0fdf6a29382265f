"""A settlement's slashed dates are read in the day order its own period decides when the
dates alone do not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import FeeLine
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"


def _days(engine: Engine) -> dict[date, tuple[int, Decimal]]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(FeeLine.posted_day, func.count(), func.sum(FeeLine.amount)).group_by(
                FeeLine.posted_day
            )
        ).all()
    return {
        day: (count, Decimal(str(total)).quantize(Decimal("0.01"))) for day, count, total in rows
    }


def test_a_canadian_slashed_posted_date_is_read_in_the_order_its_period_allows(
    engine: Engine,
) -> None:
    """``11/01/2026`` in a settlement of 25 Oct - 8 Nov 2026 is 1 November (day first it
    would be 11 January, ten months before the settlement)."""
    outcome = import_file(engine=engine, path=FINANCE / "Settlement_V2_CA_slashed_dates.txt")

    assert outcome.status == "imported", outcome.error
    assert _days(engine) == {
        date(2026, 11, 1): (4, Decimal("892.49")),
        date(2026, 11, 2): (3, Decimal("-30.24")),
    }
