"""Date Range fee lines are known by their figures alone (no type, no settlement id)

A row of a Date Range report was known by a hash of its moment, settlement id, type, order
id, SKU, quantity and amounts. Its type is written in the interface's language, so the same
row downloaded in two languages counted twice. The hash now leaves out the type and the
settlement id (``ingest.reports.date_range._identity``); this migration gives the lines
imported before the ids an import would give them now, so importing an overlapping report
again still stores each row once.

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-28 06:40:00
"""

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFIX = "daterange:"
MIGRATING = "migrating:"  # as long as PREFIX: the ids fit the column in between
UNEXPLAINED = "unexplained"

fee_line = sa.table(
    "fee_line",
    sa.column("store_id", sa.Integer),
    sa.column("source_id", sa.String),
    sa.column("line_no", sa.Integer),
    sa.column("posted_at", sa.DateTime),
    sa.column("order_id", sa.String),
    sa.column("sku", sa.String),
    sa.column("quantity", sa.Integer),
    sa.column("amount_type", sa.String),
    sa.column("amount", sa.Numeric(18, 4)),
)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


def _digest(lines: list[sa.Row]) -> str | None:
    """The hash ``date_range._identity`` gives the row these lines came from."""
    first = lines[0]
    if first.posted_at is None:
        return None
    amounts = {ln.amount_type: Decimal(ln.amount) for ln in lines if ln.amount_type != UNEXPLAINED}
    total = sum((Decimal(ln.amount) for ln in lines), Decimal(0))
    written = ",".join(f"{k}={_plain(v)}" for k, v in sorted(amounts.items()) if v)
    moment = first.posted_at.replace(tzinfo=UTC).isoformat()
    parts = (moment, first.order_id, first.sku, first.quantity, written, _plain(total))
    return hashlib.sha1("|".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()


def _occurrence(source_id: str) -> int:
    tail = source_id.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(fee_line)
        .where(fee_line.c.source_id.like(f"{PREFIX}%"))
        .order_by(fee_line.c.store_id, fee_line.c.source_id, fee_line.c.line_no)
    ).all()
    by_row: dict[tuple[int, str], list[sa.Row]] = defaultdict(list)
    for row in rows:
        by_row[(row.store_id, row.source_id)].append(row)
    same: dict[tuple[int, str], list[str]] = defaultdict(list)
    for (store_id, source_id), lines in by_row.items():
        digest = _digest(lines)
        if digest is not None:
            same[(store_id, digest)].append(source_id)
    renames = []
    for (store_id, digest), old_ids in same.items():
        old_ids.sort(key=lambda old: (_occurrence(old), old))
        for n, old in enumerate(old_ids, start=1):
            renames.append({"s": store_id, "old": old, "new": f"{MIGRATING}{digest}:{n}"})
    if not renames:
        return
    bind.execute(
        sa.text("UPDATE fee_line SET source_id = :new WHERE store_id = :s AND source_id = :old"),
        renames,
    )
    bind.execute(
        sa.text(
            "UPDATE fee_line SET source_id = :prefix || substr(source_id, :cut) "
            "WHERE source_id LIKE :migrating"
        ),
        {"prefix": PREFIX, "cut": len(MIGRATING) + 1, "migrating": f"{MIGRATING}%"},
    )


def downgrade() -> None:
    # The ids before cannot be recomputed (they hashed the type and settlement id, which the
    # ids now leave out): the lines keep their ids, which an older version reads as any other.
    pass
