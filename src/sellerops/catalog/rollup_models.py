"""Precomputed read models: per-SKU rolling figures and per-store daily totals.

They are derived from the fact tables (Business Report, stock snapshots, ads, findings) by
:mod:`sellerops.catalog.rollups` when imports land and when the daily review runs, so the
Products and Today pages read a few indexed rows instead of summing months of facts.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow
from sellerops.core.money import Money


class AsinRollup(Base):
    """One SKU's figures as of ``as_of`` (the store's newest Business Report day).

    Sales and traffic are those of the SKU's child ASIN (SKUs sharing an ASIN show the same
    figures, as the Business Report does). ``*_7`` / ``*_28``: the 7 / 28 days ending
    ``as_of``; ``*_prev_28``: the 28 days before those. Money in the store currency.
    ``stock`` is fulfillable units in the newest snapshot on or before ``as_of`` (None: no
    snapshot); ``days_of_cover`` is the day's stored restock plan's (stock + inbound as it
    lands, at the forecast; None beyond its horizon), else stock over the 28-day average
    daily units (None: no stock figure or no sales). ``ad_*`` sum the advertised-product rows of the 28 days;
    ``acos`` = ad spend / ad sales. ``open_findings`` counts findings of the SKU or its ASIN
    that are not done. Only the newest ``as_of`` of a store is kept.
    """

    __tablename__ = "asin_rollup"
    # The catalog pages by these sorts: each index hands out a page without sorting the store.
    __table_args__ = (
        Index("ix_asin_rollup_sales", "store_id", "sales_28", "sku"),
        Index("ix_asin_rollup_units", "store_id", "units_28", "sku"),
        Index("ix_asin_rollup_sessions", "store_id", "sessions_28", "sku"),
        Index("ix_asin_rollup_conversion", "store_id", "conversion_28", "sku"),
        Index("ix_asin_rollup_stock", "store_id", "stock", "sku"),
        Index("ix_asin_rollup_price", "store_id", "price", "sku"),
        Index("ix_asin_rollup_title", "store_id", "title", "sku"),
        Index("ix_asin_rollup_asin", "store_id", "asin"),
    )

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    as_of: Mapped[date]
    product_id: Mapped[int] = mapped_column(Integer)
    asin: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(500))
    price: Mapped[Decimal | None] = mapped_column(Money)
    units_7: Mapped[int] = mapped_column(Integer, default=0)
    sales_7: Mapped[Decimal] = mapped_column(Money, default=0)
    sessions_7: Mapped[int] = mapped_column(Integer, default=0)
    units_28: Mapped[int] = mapped_column(Integer, default=0)
    sales_28: Mapped[Decimal] = mapped_column(Money, default=0)
    sessions_28: Mapped[int] = mapped_column(Integer, default=0)
    conversion_28: Mapped[float | None] = mapped_column(Float)
    units_prev_28: Mapped[int] = mapped_column(Integer, default=0)
    sales_prev_28: Mapped[Decimal] = mapped_column(Money, default=0)
    sessions_prev_28: Mapped[int] = mapped_column(Integer, default=0)
    stock: Mapped[int | None] = mapped_column(Integer)
    days_of_cover: Mapped[float | None] = mapped_column(Float)
    ad_spend_28: Mapped[Decimal] = mapped_column(Money, default=0)
    ad_sales_28: Mapped[Decimal] = mapped_column(Money, default=0)
    acos_28: Mapped[float | None] = mapped_column(Float)
    open_findings: Mapped[int] = mapped_column(Integer, default=0)
    #: SKU, ASIN and title in lower case, one search matches any of them.
    search_key: Mapped[str] = mapped_column(String(600), default="")


class StoreDayTotal(Base):
    """The whole store's Business Report totals of one day (KPIs and the Today chart)."""

    __tablename__ = "store_day_total"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    units: Mapped[int] = mapped_column(Integer, default=0)
    sales: Mapped[Decimal] = mapped_column(Money, default=0)
    sessions: Mapped[int] = mapped_column(Integer, default=0)
    order_items: Mapped[int] = mapped_column(Integer, default=0)


class RollupState(Base):
    """When a store's rollups were last computed, and for which newest day.

    ``window_start``..``as_of`` is the span of days :class:`StoreDayTotal` holds in full;
    ``products`` the store's number of products then (a cheap sign that products were added
    or removed by something that did not refresh).
    """

    __tablename__ = "rollup_state"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    as_of: Mapped[date]
    window_start: Mapped[date]
    products: Mapped[int] = mapped_column(Integer, default=0)
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)
