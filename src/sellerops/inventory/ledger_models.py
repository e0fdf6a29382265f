"""The FBA inventory ledger: every unit movement (detail view) and the balances (summary view).

The ledger is Amazon's own account of where each unit went: received, shipped to a customer,
returned, transferred, found, lost, damaged, disposed. It is what lost-and-damaged
reimbursement claims and stock reconciliation rest on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base


class InventoryLedgerEvent(Base):
    """One line of the Inventory Ledger Report - Detailed View (``GET_LEDGER_DETAIL_VIEW_DATA``).

    ``quantity`` is signed as Amazon gives it (shipments negative, receipts positive). Lines
    of one file with the same key are one movement, their quantities added, so a file imported
    twice or overlapping date ranges give the same totals.
    """

    __tablename__ = "inventory_ledger_event"
    __table_args__ = (
        UniqueConstraint(
            "store_id",
            "day",
            "fnsku",
            "event_type",
            "reference_id",
            "fulfillment_center",
            "disposition",
            "reason",
        ),
        Index("ix_inventory_ledger_event_sku_day", "store_id", "sku", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    day: Mapped[date]
    #: "Date and Time" when the file has it (UTC), else None
    moment: Mapped[datetime | None]
    fnsku: Mapped[str] = mapped_column(String(16), default="")
    asin: Mapped[str | None] = mapped_column(String(16))
    sku: Mapped[str | None] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(32))
    reference_id: Mapped[str] = mapped_column(String(64), default="")
    fulfillment_center: Mapped[str] = mapped_column(String(16), default="")
    disposition: Mapped[str] = mapped_column(String(32), default="")
    reason: Mapped[str] = mapped_column(String(32), default="")
    country: Mapped[str | None] = mapped_column(String(8))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    reconciled: Mapped[int | None] = mapped_column(Integer)
    unreconciled: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class InventoryLedgerBalance(Base):
    """One line of the Inventory Ledger Report - Summary View (``GET_LEDGER_SUMMARY_VIEW_DATA``):
    a period's opening and closing balance of one FNSKU and disposition at one location, with
    the movements in between. ``period_start`` is the day (daily aggregation) or the first of
    the month (monthly aggregation, where the file's Date reads ``10/2026``)."""

    __tablename__ = "inventory_ledger_balance"
    __table_args__ = (
        UniqueConstraint("store_id", "period_start", "period", "fnsku", "disposition", "location"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    period_start: Mapped[date]
    period: Mapped[str] = mapped_column(String(8))  # day | month
    fnsku: Mapped[str] = mapped_column(String(16), default="")
    asin: Mapped[str | None] = mapped_column(String(16))
    sku: Mapped[str | None] = mapped_column(String(64), index=True)
    disposition: Mapped[str] = mapped_column(String(32), default="")
    location: Mapped[str] = mapped_column(String(16), default="")
    starting: Mapped[int | None] = mapped_column(Integer)
    in_transit: Mapped[int | None] = mapped_column(Integer)
    receipts: Mapped[int | None] = mapped_column(Integer)
    customer_shipments: Mapped[int | None] = mapped_column(Integer)
    customer_returns: Mapped[int | None] = mapped_column(Integer)
    vendor_returns: Mapped[int | None] = mapped_column(Integer)
    transfers: Mapped[int | None] = mapped_column(Integer)
    found: Mapped[int | None] = mapped_column(Integer)
    lost: Mapped[int | None] = mapped_column(Integer)
    damaged: Mapped[int | None] = mapped_column(Integer)
    disposed: Mapped[int | None] = mapped_column(Integer)
    other: Mapped[int | None] = mapped_column(Integer)
    ending: Mapped[int | None] = mapped_column(Integer)
    unknown: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
