"""The migration chain is linear and produces exactly the tables the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select

from sellerops.core.db import unit_of_work
from sellerops.core.marketplaces import MARKETPLACES
from sellerops.core.migrate import alembic_config, current_revision, head_revision, upgrade
from sellerops.core.models import MarketplaceRow
from sellerops.core.schema import metadata


def test_migration_chain_is_linear_with_one_head_and_one_base() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1
    revisions = list(script.walk_revisions())
    for rev in revisions:
        assert not isinstance(rev.down_revision, tuple | list), f"merge revision {rev.revision}"
    downs = [r.down_revision for r in revisions]
    assert len(downs) == len(set(downs)), "two revisions branch from the same parent"


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_database_is_at_head_and_upgrade_again_is_a_no_op(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    assert upgrade(engine) is False
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())


def test_every_marketplace_is_seeded_with_currency_and_time_zone(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        rows = {r.code: r for r in session.scalars(select(MarketplaceRow))}
    assert set(MARKETPLACES) <= set(rows)
    assert rows["JP"].currency == "JPY" and rows["JP"].time_zone == "Asia/Tokyo"
    assert rows["DE"].marketplace_id == "A1PA6795UKMFR9"
