"""The import history: ``imports`` lists what ``import`` said, notes included, and folds a
refusal repeated unchanged into one line."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, select, text
from typer.testing import CliRunner

from sellerops.cli.app import app
from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.core.migrate import alembic_config, upgrade
from sellerops.core.models import ImportBatch
from sellerops.ingest.history import ALL_KEYS, list_batches, outcome_to_dict
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA, batches

BR = "BusinessReport_US_2026-11-26.csv"
runner = CliRunner()


def _listed(engine: Engine) -> list[dict[str, object]]:
    with unit_of_work(engine) as session:
        return [r.to_dict() for r in list_batches(session=session)]


def test_imports_lists_an_import_with_the_same_keys_and_values_notes_included(
    engine: Engine, sample
) -> None:
    outcome = import_file(engine=engine, path=sample(BR), day=date(2026, 1, 1))

    note = "the file name says 2026-11-26, so --date 2026-01-01 was not used"
    assert note in outcome.notes and outcome.store_created
    assert batches(engine)[0].notes == list(outcome.notes)
    printed = outcome_to_dict(outcome)
    [stored] = _listed(engine)
    assert tuple(printed) == tuple(stored) == ALL_KEYS
    assert stored == printed  # every value too: notes, store_created, imported_at, totals
    assert stored["notes"] == [note] and stored["store_created"] is True


def test_a_refused_file_is_listed_as_import_printed_it(engine: Engine, sample) -> None:
    outcome = import_file(engine=engine, path=sample("BusinessReport_US_2026-11-27_bad_number.csv"))

    assert outcome.status == "failed"
    [stored] = _listed(engine)
    assert stored == outcome_to_dict(outcome)
    assert stored["notes"] == [] and stored["store_created"] is False
    assert stored["imported_at"] is not None


def test_a_skipped_file_points_at_the_import_it_matched(engine: Engine, sample) -> None:
    first = import_file(engine=engine, path=sample(BR))
    again = outcome_to_dict(import_file(engine=engine, path=sample(BR)))

    assert again["status"] == "skipped_duplicate" and again["batch_id"] == first.batch_id
    assert again["imported_at"] == outcome_to_dict(first)["imported_at"]
    assert again["store_created"] is False


def test_batches_recorded_before_notes_were_kept_list_none(engine: Engine) -> None:
    # What migration 0026 leaves on an older row: no notes (NULL), store_created false.
    downgrade_to_0025(engine)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO import_batch (report_type, file_name, file_sha256, file_size,"
                    " status, rows_read, rows_inserted, rows_updated, rows_rejected, started_at)"
                    " VALUES ('business_report', 'old.csv', 'ab', 1, 'ok', 3, 3, 0, 0,"
                    " CURRENT_TIMESTAMP)"
                )
            )
    finally:
        upgrade(engine)
    with unit_of_work(engine) as session:
        old = session.scalars(select(ImportBatch)).one()
        assert (old.notes, old.store_created) == (None, False)
    [listed] = _listed(engine)
    assert (listed["notes"], listed["store_created"], listed["file"]) == ([], False, "old.csv")


def downgrade_to_0025(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0025")


# The command line


def _run(db_url: str, *args: str) -> tuple[int, str]:
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "200"}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout


def test_imports_json_and_the_listing_carry_the_notes(db_url: str) -> None:
    assert _run(db_url, "import", "--date", "2026-01-01", str(DATA / BR))[0] == 0

    code, out = _run(db_url, "imports", "--json")
    [listed] = json.loads(out)
    note = "the file name says 2026-11-26, so --date 2026-01-01 was not used"
    assert code == 0 and listed["notes"] == [note] and tuple(listed) == ALL_KEYS
    code, out = _run(db_url, "imports")
    lines = out.splitlines()
    assert code == 0 and note in lines[1] and BR in lines[0]


def test_a_file_refused_five_times_is_one_line_with_the_count(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    bad = DATA / "BusinessReport_US_2026-11-27_bad_number.csv"
    assert _run(db_url, "import", str(DATA / BR))[0] == 0
    for _ in range(5):
        assert _run(db_url, "import", str(bad))[0] == 1
    other = tmp_path / bad.name  # the same name, other bytes: another refusal
    other.write_bytes(bad.read_bytes() + b"\n")
    assert _run(db_url, "import", str(other))[0] == 1

    code, out = _run(db_url, "imports")
    assert code == 0
    heads = [line for line in out.splitlines() if line[:1] in "✓✗"]
    assert len(heads) == 3, out  # the changed file, the five refusals, the good import
    changed, repeated, good = heads
    assert "the same reason" not in changed and BR in good
    changed_sha = hashlib.sha256(other.read_bytes()).hexdigest()
    refusals = [b for b in batches(engine) if b.error and b.file_sha256 != changed_sha]
    last = max(b.finished_at for b in refusals if b.finished_at)
    stamp = last.strftime("%Y-%m-%d %H:%M UTC")
    assert f"refused 5 times (the same file, with the same reason), last at {stamp}" in repeated
    code, out = _run(db_url, "imports", "--json")
    assert len(json.loads(out)) == 7  # a script still sees every batch
    code, out = _run(db_url, "imports", "--limit", "2")
    assert len([line for line in out.splitlines() if line[:1] in "✓✗"]) == 2


def test_the_count_of_refusals_reads_in_chinese(db_url: str) -> None:
    bad = DATA / "BusinessReport_US_2026-11-27_bad_number.csv"
    for _ in range(2):
        _run(db_url, "import", str(bad))
    get_settings.cache_clear()  # the settings are read once per process
    env = {"SELLEROPS_DATABASE_URL": db_url, "SELLEROPS_LANG": "zh", "COLUMNS": "200"}
    try:
        result = runner.invoke(app, ["imports"], env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0
    assert "已拒绝 2 次（同一文件，原因相同），最近一次" in result.stdout
