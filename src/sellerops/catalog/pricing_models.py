"""Pricing tables: repricing rules per SKU, observed prices, proposals and the change log.

Amounts are per unit in the store's marketplace currency.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow
from sellerops.core.money import Money, Rate


class RepricingRuleRow(Base):
    """A SKU's repricing rule (see :class:`sellerops.catalog.pricing.RepricingRule`)."""

    __tablename__ = "repricing_rule"
    __table_args__ = (UniqueConstraint("store_id", "sku"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    strategy: Mapped[str] = mapped_column(String(20))
    beat_by: Mapped[Decimal] = mapped_column(Money, default=0)
    target_margin: Mapped[Decimal | None] = mapped_column(Rate)
    min_price: Mapped[Decimal | None] = mapped_column(Money)
    max_price: Mapped[Decimal | None] = mapped_column(Money)
    min_margin_rate: Mapped[Decimal] = mapped_column(Rate, default=0)
    min_margin_amount: Mapped[Decimal] = mapped_column(Money, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PriceObservation(Base):
    """Prices seen for a SKU on a day: ours, the Buy Box's and the lowest competitor's.

    Filled from imports now and from the SP-API pricing endpoints later; ``source`` says
    which (``import``, ``sp_api``, ``manual``).
    """

    __tablename__ = "price_observation"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    own_price: Mapped[Decimal | None] = mapped_column(Money)
    buy_box_price: Mapped[Decimal | None] = mapped_column(Money)
    lowest_competitor_price: Mapped[Decimal | None] = mapped_column(Money)
    source: Mapped[str] = mapped_column(String(16), default="import")


class PriceProposalRow(Base):
    """A price a rule proposed on a day, with its reason; one per SKU and day.

    ``status``: ``proposed`` until a person (or the SP-API job) applies or rejects it.
    """

    __tablename__ = "price_proposal"
    __table_args__ = (UniqueConstraint("store_id", "sku", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column()
    current_price: Mapped[Decimal] = mapped_column(Money)
    proposed_price: Mapped[Decimal] = mapped_column(Money)
    floor: Mapped[Decimal] = mapped_column(Money)
    buy_box_price: Mapped[Decimal | None] = mapped_column(Money)
    unit_profit: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PriceChange(Base):
    """The log of price changes carried out: who or what changed it, from what, and why."""

    __tablename__ = "price_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    old_price: Mapped[Decimal] = mapped_column(Money)
    new_price: Mapped[Decimal] = mapped_column(Money)
    floor: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(20))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("price_proposal.id"))
    actor: Mapped[str | None] = mapped_column(String(120))
