"""per-SKU rollups, store daily totals, stored restock plans; series indexes

Revision ID: 0011
Revises: 0017
Create Date: 2026-11-27 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(precision=18, scale=4, asdecimal=True)
#: The catalog's sorts, each with an index on (store, column, SKU).
SORTS = (("sales", "sales_28"), ("units", "units_28"), ("sessions", "sessions_28"),
         ("conversion", "conversion_28"), ("stock", "stock"), ("price", "price"),
         ("title", "title"))  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "asin_rollup",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("asin", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("price", MONEY, nullable=True),
        sa.Column("units_7", sa.Integer(), nullable=False),
        sa.Column("sales_7", MONEY, nullable=False),
        sa.Column("sessions_7", sa.Integer(), nullable=False),
        sa.Column("units_28", sa.Integer(), nullable=False),
        sa.Column("sales_28", MONEY, nullable=False),
        sa.Column("sessions_28", sa.Integer(), nullable=False),
        sa.Column("conversion_28", sa.Float(), nullable=True),
        sa.Column("units_prev_28", sa.Integer(), nullable=False),
        sa.Column("sales_prev_28", MONEY, nullable=False),
        sa.Column("sessions_prev_28", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("days_of_cover", sa.Float(), nullable=True),
        sa.Column("ad_spend_28", MONEY, nullable=False),
        sa.Column("ad_sales_28", MONEY, nullable=False),
        sa.Column("acos_28", sa.Float(), nullable=True),
        sa.Column("open_findings", sa.Integer(), nullable=False),
        sa.Column("search_key", sa.String(length=600), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_asin_rollup_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "sku", name=op.f("pk_asin_rollup")),
    )
    for name, column in SORTS:
        op.create_index(f"ix_asin_rollup_{name}", "asin_rollup", ["store_id", column, "sku"])
    op.create_index("ix_asin_rollup_asin", "asin_rollup", ["store_id", "asin"])
    op.create_table(
        "store_day_total",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("sales", MONEY, nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("order_items", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_store_day_total_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "day", name=op.f("pk_store_day_total")),
    )
    op.create_table(
        "rollup_state",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_rollup_state_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_rollup_state")),
    )
    op.create_table(
        "restock_plan_run",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("computed_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_restock_plan_run_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "as_of", name=op.f("pk_restock_plan_run")),
    )
    op.create_table(
        "restock_plan_line",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("asin", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("order_units", sa.Integer(), nullable=False),
        sa.Column("order_by", sa.Date(), nullable=True),
        sa.Column("stockout_date", sa.Date(), nullable=True),
        sa.Column("days_of_cover", sa.Float(), nullable=True),
        sa.Column("target_level", sa.Float(), nullable=False),
        sa.Column("safety_stock", sa.Float(), nullable=False),
        sa.Column("protection_days", sa.Float(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("forecast_per_day", sa.Float(), nullable=False),
        sa.Column("method", sa.String(length=24), nullable=False),
        sa.Column("lead_time_days", sa.Float(), nullable=False),
        sa.Column("unit_cost", MONEY, nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_restock_plan_line_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", "as_of", "sku", name=op.f("pk_restock_plan_line")),
    )
    op.create_index(
        "ix_sales_traffic_daily_asin_day", "sales_traffic_daily", ["store_id", "child_asin", "day"]
    )
    op.create_index(
        "ix_inventory_snapshot_sku_day", "inventory_snapshot", ["store_id", "sku", "snapshot_date"]
    )


def downgrade() -> None:
    op.drop_index("ix_inventory_snapshot_sku_day", table_name="inventory_snapshot")
    op.drop_index("ix_sales_traffic_daily_asin_day", table_name="sales_traffic_daily")
    op.drop_table("restock_plan_line")
    op.drop_table("restock_plan_run")
    op.drop_table("rollup_state")
    op.drop_table("store_day_total")
    for name in ("asin", *(name for name, _ in SORTS)):
        op.drop_index(f"ix_asin_rollup_{name}", table_name="asin_rollup")
    op.drop_table("asin_rollup")
