"""fee_line keeps the settlement a Date Range line names

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-28 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Lines imported before keep NULL: the P&L places them by the settlements' periods.
    with op.batch_alter_table("fee_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settlement_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fee_line", schema=None) as batch_op:
        batch_op.drop_column("settlement_id")
