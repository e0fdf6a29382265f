"""Business Reports over a date range (sales_traffic_period); who uploaded an import

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-27 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sales_traffic_period",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("child_asin", sa.String(length=16), nullable=False),
        sa.Column("parent_asin", sa.String(length=16), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("sessions_b2b", sa.Integer(), nullable=True),
        sa.Column("sessions_mobile", sa.Integer(), nullable=True),
        sa.Column("sessions_browser", sa.Integer(), nullable=True),
        sa.Column("page_views", sa.Integer(), nullable=False),
        sa.Column("page_views_b2b", sa.Integer(), nullable=True),
        sa.Column("session_pct", sa.Numeric(precision=12, scale=6), nullable=True),
        sa.Column("page_views_pct", sa.Numeric(precision=12, scale=6), nullable=True),
        sa.Column("buy_box_pct", sa.Numeric(precision=12, scale=6), nullable=True),
        sa.Column("units_ordered", sa.Integer(), nullable=False),
        sa.Column("units_ordered_b2b", sa.Integer(), nullable=True),
        sa.Column("unit_session_pct", sa.Numeric(precision=12, scale=6), nullable=True),
        sa.Column("ordered_sales", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("ordered_sales_b2b", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("total_order_items", sa.Integer(), nullable=False),
        sa.Column("total_order_items_b2b", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_sales_traffic_period_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_sales_traffic_period_store_id_store")
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "date_from", "date_to", "child_asin", name=op.f("pk_sales_traffic_period")
        ),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_import_batch_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_user_id"))
        batch_op.drop_column("user_id")
    op.drop_table("sales_traffic_period")
