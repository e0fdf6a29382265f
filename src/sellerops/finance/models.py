"""Settlements and their lines (fees, principal, refunds, reimbursements ...).

Amounts are exact NUMERIC and signed as Amazon gives them: negative is money to Amazon.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money


class Settlement(Base):
    __tablename__ = "settlement"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    settlement_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    start_at: Mapped[datetime | None]
    end_at: Mapped[datetime | None]
    deposit_at: Mapped[datetime | None]
    total_amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class FeeLine(Base):
    """One money line of a settlement or transaction report.

    ``line_no`` is the line's position within its source document: settlement and date-range
    reports never change once closed, so (store, source, line_no) is a stable identity.
    """

    __tablename__ = "fee_line"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # settlement id
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    posted_at: Mapped[datetime | None]
    posted_day: Mapped[date | None] = mapped_column(index=True)
    transaction_type: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[str | None] = mapped_column(String(32), index=True)
    sku: Mapped[str | None] = mapped_column(String(64), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    amount_type: Mapped[str | None] = mapped_column(String(64))
    amount_description: Mapped[str | None] = mapped_column(String(128))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
