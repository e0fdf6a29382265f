"""Business Reports by parent item and by date (sales_traffic_parent_daily / _period,
sales_traffic_store_daily)

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-28 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sales_traffic_parent_daily",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("parent_asin", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("sessions_b2b", sa.Integer(), nullable=True),
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
            name=op.f("fk_sales_traffic_parent_daily_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_sales_traffic_parent_daily_store_id_store")
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "day", "parent_asin", name=op.f("pk_sales_traffic_parent_daily")
        ),
    )
    op.create_table(
        "sales_traffic_parent_period",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("parent_asin", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("sessions_b2b", sa.Integer(), nullable=True),
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
            name=op.f("fk_sales_traffic_parent_period_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_sales_traffic_parent_period_store_id_store")
        ),
        sa.PrimaryKeyConstraint(
            "store_id",
            "date_from",
            "date_to",
            "parent_asin",
            name=op.f("pk_sales_traffic_parent_period"),
        ),
    )
    op.create_table(
        "sales_traffic_store_daily",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("units_refunded", sa.Integer(), nullable=True),
        sa.Column("shipped_sales", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("units_shipped", sa.Integer(), nullable=True),
        sa.Column("orders_shipped", sa.Integer(), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("sessions_b2b", sa.Integer(), nullable=True),
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
            name=op.f("fk_sales_traffic_store_daily_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_sales_traffic_store_daily_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "day", name=op.f("pk_sales_traffic_store_daily")),
    )


def downgrade() -> None:
    op.drop_table("sales_traffic_store_daily")
    op.drop_table("sales_traffic_parent_period")
    op.drop_table("sales_traffic_parent_daily")
