"""search term facts without foreign key

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-28 00:00:00

``ad_search_term_daily.target_id`` no longer references ``ad_target``: PostgreSQL checked it
row by row on every import (see ``AdSearchTermDaily``).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ad_search_term_daily", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_ad_search_term_daily_target_id_ad_target"), type_="foreignkey"
        )


def downgrade() -> None:
    with op.batch_alter_table("ad_search_term_daily", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_ad_search_term_daily_target_id_ad_target"),
            "ad_target",
            ["target_id"],
            ["id"],
        )
