"""Persisted findings, so tomorrow's review knows what is new and what the operator did."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow
from sellerops.core.money import Money


class FindingRow(Base):
    """The latest state of one finding, identified across days by ``finding_key``."""

    __tablename__ = "finding"
    __table_args__ = (
        UniqueConstraint("store_id", "finding_key"),
        # Today pages a day's findings by score without sorting them all
        Index("ix_finding_store_day_score", "store_id", "last_seen", "score", "id"),
        # the newest change of a store's findings: what kept pages are checked against
        Index("ix_finding_store_updated", "store_id", "updated_at"),
        # a product page's findings (by SKU or ASIN)
        Index("ix_finding_store_entity", "store_id", "entity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    finding_key: Mapped[str] = mapped_column(String(64))
    module: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(48))
    severity: Mapped[str] = mapped_column(String(12))
    entity_type: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(120))
    params: Mapped[dict[str, Any]]  # inputs of the localized title and action
    evidence: Mapped[dict[str, Any]]
    money_at_stake: Mapped[Decimal] = mapped_column(Money)
    money_period: Mapped[str] = mapped_column(String(8))  # day | month | once
    currency: Mapped[str] = mapped_column(String(3))
    score: Mapped[float]
    #: the key of the finding this one shares its money with (same SKU, same pool of money:
    #: excess stock, lost sales or margin); its money is then not added to the day's total
    overlaps_key: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[date]
    last_seen: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    snoozed_until: Mapped[date | None]
    status_changed_at: Mapped[datetime | None]
    status_note: Mapped[str | None] = mapped_column(String(500))
    #: who works on it (kept across days, like the status); None when nobody is assigned
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), index=True
    )
    assigned_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReviewRun(Base):
    """One daily review of one store for one date; re-running replaces the same row."""

    __tablename__ = "review_run"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    review_date: Mapped[date] = mapped_column(primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(default=utcnow)
    findings: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[dict[str, Any]]  # check name -> error text, for checks that failed
