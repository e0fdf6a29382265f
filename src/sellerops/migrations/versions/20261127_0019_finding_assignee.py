"""findings can be assigned to a user of the store

Revision ID: 0019
Revises: 0016
Create Date: 2026-11-27 16:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import sellerops.core.models

revision: str = "0019"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("assigned_at", sellerops.core.models.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_finding_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_finding_assignee_id_app_user"),
            "app_user",
            ["assignee_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_finding_assignee_id_app_user"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_finding_assignee_id"))
        batch_op.drop_column("assigned_at")
        batch_op.drop_column("assignee_id")
