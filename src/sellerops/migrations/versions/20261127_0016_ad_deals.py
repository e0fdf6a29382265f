"""deals and promotions calendar (ad_deal)

Revision ID: 0016
Revises: 0013
Create Date: 2026-11-27 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sellerops.core.models

revision: str = "0016"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ad_deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("discount_pct", sa.Numeric(precision=12, scale=6), nullable=False),
        sa.Column("fee", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expected_units", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sellerops.core.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_ad_deal_store_id_store")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ad_deal")),
    )
    with op.batch_alter_table("ad_deal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ad_deal_store_id"), ["store_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ad_deal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ad_deal_store_id"))
    op.drop_table("ad_deal")
