"""Apply Alembic migrations from the installed package; seed reference data."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select

from sellerops.core.db import UpsertResult, unit_of_work, upsert
from sellerops.core.marketplaces import MARKETPLACES
from sellerops.core.models import MarketplaceRow


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("sellerops") / "migrations"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> bool:
    """Bring the database to the newest revision; returns True if anything was applied."""
    if current_revision(engine) == head_revision():
        return False
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    seed_marketplaces(engine)
    return True


def seed_marketplaces(engine: Engine) -> UpsertResult:
    rows = [
        {
            "code": m.code,
            "marketplace_id": m.marketplace_id,
            "country": m.country,
            "currency": m.currency,
            "time_zone": m.time_zone,
            "language": m.language,
            "domain": m.domain,
        }
        for m in MARKETPLACES.values()
    ]
    with unit_of_work(engine) as session:
        return upsert(session, MarketplaceRow.__table__, rows, key=["code"])  # type: ignore[arg-type]


def marketplace_codes(engine: Engine) -> list[str]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(MarketplaceRow.code)))
