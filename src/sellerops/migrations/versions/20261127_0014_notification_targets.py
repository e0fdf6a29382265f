"""notification targets of a store (email, DingTalk, Feishu, WeCom, Slack)

Revision ID: 0014
Revises: 0018
Create Date: 2026-11-27 15:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sellerops.core.models

revision: str = "0014"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sellerops.core.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["store.id"],
            name=op.f("fk_notification_target_store_id_store"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_target")),
    )
    with op.batch_alter_table("notification_target", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_target_store_id"), ["store_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_target_store_id"))
    op.drop_table("notification_target")
