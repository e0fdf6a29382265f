"""stored restock plan lines keep the parts of their plain explanation

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-27 16:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("restock_plan_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("explanation", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("restock_plan_line", schema=None) as batch_op:
        batch_op.drop_column("explanation")
