"""The same Date Range rows downloaded in two interface languages are stored once.

A row is known by its figures (moment, order, SKU, quantity, amounts), not by its type or
description, which are written in the interface's language (``Tarifa de servicio`` /
``Service Fee``). Lines imported before that rule get the new ids from migration 0029.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from alembic import command
from sqlalchemy import Engine, func, select, update

from sellerops.core.db import unit_of_work
from sellerops.core.migrate import alembic_config
from sellerops.finance.models import FeeLine
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"
SPANISH = FINANCE / "DateRange_MX_2026Nov1-2_es.csv"
ENGLISH = FINANCE / "DateRange_MX_2026Nov1-2_en.csv"


def _lines(engine: Engine) -> tuple[int, Decimal, list[str]]:
    with unit_of_work(engine) as session:
        count, total = session.execute(select(func.count(), func.sum(FeeLine.amount))).one()
        ids = sorted(session.scalars(select(FeeLine.source_id).distinct()))
    return count, Decimal(str(total)).quantize(Decimal("0.01")), ids


def test_a_report_in_spanish_and_again_in_english_counts_each_row_once(engine: Engine) -> None:
    first = import_file(engine=engine, path=SPANISH)
    assert first.status == "imported", first.error
    alone = _lines(engine)

    second = import_file(engine=engine, path=ENGLISH)

    assert second.status == "imported", second.error
    assert second.rows_inserted == 0
    assert _lines(engine) == alone
    assert alone[1] == Decimal("983.65") - Decimal("571.56") - Decimal("600.00")


def test_lines_imported_under_the_old_ids_get_the_ids_an_import_gives_now(
    engine: Engine,
) -> None:
    assert import_file(engine=engine, path=SPANISH).status == "imported"
    now = _lines(engine)
    with unit_of_work(engine) as session:  # as an import before migration 0029 named them
        for source_id in now[2]:
            _, digest, n = source_id.split(":")
            old = hashlib.sha1(f"old|{digest}".encode(), usedforsecurity=False).hexdigest()
            session.execute(
                update(FeeLine)
                .where(FeeLine.source_id == source_id)
                .values(source_id=f"daterange:{old}:{n}")
            )
    assert _lines(engine)[2] != now[2]
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0028")
        command.upgrade(config, "head")

    assert _lines(engine) == now
    again = import_file(engine=engine, path=ENGLISH)
    assert again.status == "imported", again.error
    assert again.rows_inserted == 0
    assert _lines(engine) == now
