"""inbound shipment lines and first-leg freight invoices

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbound_shipment_line",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("shipped_on", sa.Date(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("unit_weight_kg", sa.Numeric(precision=18, scale=6), nullable=True),
        sa.Column("unit_volume_m3", sa.Numeric(precision=18, scale=6), nullable=True),
        sa.Column("customs_value_per_unit", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_inbound_shipment_line_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_inbound_shipment_line_store_id_store")
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "shipment_id", "sku", name=op.f("pk_inbound_shipment_line")
        ),
    )
    with op.batch_alter_table("inbound_shipment_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inbound_shipment_line_shipped_on"), ["shipped_on"], unique=False
        )
    op.create_table(
        "freight_invoice",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.String(length=64), nullable=False),
        sa.Column("invoice_ref", sa.String(length=64), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("duties", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_freight_invoice_import_batch_id_import_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_freight_invoice_store_id_store")
        ),
        sa.PrimaryKeyConstraint(
            "store_id", "shipment_id", "invoice_ref", name=op.f("pk_freight_invoice")
        ),
    )


def downgrade() -> None:
    op.drop_table("freight_invoice")
    with op.batch_alter_table("inbound_shipment_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_shipment_line_shipped_on"))
    op.drop_table("inbound_shipment_line")
