"""customer_return: the detailed disposition is part of a return line's identity

A return of two units without license plates is written as two lines that differ only in
their disposition (one unit SELLABLE, one CUSTOMER_DAMAGED). Keyed by order, SKU, plate and
moment they were merged into one row with the last line's disposition. The disposition now
belongs to the key; like the license plate, a missing one is stored as ``''``. Rows merged
before keep their one disposition (the file's lines are needed to split them: importing the
file again adds the other disposition's units as their own row).

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-28 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "uq_customer_return_store_id_order_id_sku_license_plate_number_returned_at"
_OLD_COLUMNS = ["store_id", "order_id", "sku", "license_plate_number", "returned_at"]
_NEW = (
    "uq_customer_return_store_id_order_id_sku_license_plate_number_detailed_disposition_returned_at"
)
_NEW_COLUMNS = [
    "store_id",
    "order_id",
    "sku",
    "license_plate_number",
    "detailed_disposition",
    "returned_at",
]


def upgrade() -> None:
    op.execute(
        "UPDATE customer_return SET detailed_disposition = '' WHERE detailed_disposition IS NULL"
    )
    with op.batch_alter_table("customer_return", schema=None) as batch_op:
        batch_op.alter_column(
            "detailed_disposition", existing_type=sa.String(length=32), nullable=False
        )
        batch_op.drop_constraint(batch_op.f(_OLD), type_="unique")
        batch_op.create_unique_constraint(batch_op.f(_NEW), _NEW_COLUMNS)


def downgrade() -> None:
    # Lines that differ only in their disposition would break the old key: the last of them
    # keeps their units added up (only it is updated, so no sum counts an updated row).
    old_key = "store_id, order_id, sku, license_plate_number, returned_at"
    op.execute(
        "UPDATE customer_return SET quantity = (SELECT sum(o.quantity) FROM customer_return o "
        "WHERE o.store_id = customer_return.store_id AND o.order_id = customer_return.order_id "
        "AND o.sku = customer_return.sku "
        "AND o.license_plate_number = customer_return.license_plate_number "
        "AND o.returned_at = customer_return.returned_at) "
        f"WHERE id IN (SELECT max(id) FROM customer_return GROUP BY {old_key} "
        "HAVING count(*) > 1)"
    )
    op.execute(
        "DELETE FROM customer_return WHERE id NOT IN (SELECT max(id) FROM customer_return "
        f"GROUP BY {old_key})"
    )
    with op.batch_alter_table("customer_return", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(_NEW), type_="unique")
        batch_op.create_unique_constraint(batch_op.f(_OLD), _OLD_COLUMNS)
        batch_op.alter_column(
            "detailed_disposition", existing_type=sa.String(length=32), nullable=True
        )
