"""FBA capacity limits per storage type and intermediate-warehouse (3PL) stock per SKU

Revision ID: 0013
Revises: 0014
Create Date: 2026-11-27 15:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fba_capacity_limit",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("storage_type", sa.String(length=16), nullable=False),
        sa.Column("limit_cuft", sa.Numeric(precision=18, scale=6), nullable=True),
        sa.Column("limit_units", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_fba_capacity_limit_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "storage_type", name=op.f("pk_fba_capacity_limit")),
    )
    op.create_table(
        "warehouse_stock",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("warehouse", sa.String(length=120), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("transfer_days", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_warehouse_stock_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "sku", name=op.f("pk_warehouse_stock")),
    )


def downgrade() -> None:
    op.drop_table("warehouse_stock")
    op.drop_table("fba_capacity_limit")
