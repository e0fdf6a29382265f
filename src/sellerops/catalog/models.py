"""Catalog tables: products, and daily sales & traffic per child ASIN."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow
from sellerops.core.money import Money, Rate


class Product(Base):
    """A SKU of one store. Filled by every import that names SKUs, and by the costs sheet."""

    __tablename__ = "product"
    __table_args__ = (UniqueConstraint("store_id", "sku"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    asin: Mapped[str | None] = mapped_column(String(16), index=True)
    fnsku: Mapped[str | None] = mapped_column(String(16))
    parent_asin: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(500))
    brand: Mapped[str | None] = mapped_column(String(120))
    category: Mapped[str | None] = mapped_column(String(120))
    size_tier: Mapped[str | None] = mapped_column(String(40))
    price: Mapped[Decimal | None] = mapped_column(Money)
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    cost_currency: Mapped[str | None] = mapped_column(String(3))
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TrafficFigures:
    """The measures of a Business Report row at any level: per child ASIN (below), per parent
    ASIN and per store (``catalog.traffic_models``)."""

    sessions: Mapped[int] = mapped_column(Integer, default=0)
    sessions_b2b: Mapped[int | None] = mapped_column(Integer)
    page_views: Mapped[int] = mapped_column(Integer, default=0)
    page_views_b2b: Mapped[int | None] = mapped_column(Integer)
    session_pct: Mapped[Decimal | None] = mapped_column(Rate)
    page_views_pct: Mapped[Decimal | None] = mapped_column(Rate)
    buy_box_pct: Mapped[Decimal | None] = mapped_column(Rate)
    units_ordered: Mapped[int] = mapped_column(Integer, default=0)
    units_ordered_b2b: Mapped[int | None] = mapped_column(Integer)
    unit_session_pct: Mapped[Decimal | None] = mapped_column(Rate)
    ordered_sales: Mapped[Decimal] = mapped_column(Money, default=0)
    ordered_sales_b2b: Mapped[Decimal | None] = mapped_column(Money)
    total_order_items: Mapped[int] = mapped_column(Integer, default=0)
    total_order_items_b2b: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class SalesTrafficFigures(TrafficFigures):
    """The figures of a Business Report row, per child ASIN: what a day
    (:class:`SalesTrafficDaily`) and a range of days (:class:`SalesTrafficPeriod`) share."""

    parent_asin: Mapped[str | None] = mapped_column(String(16))
    sku: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(500))
    sessions_mobile: Mapped[int | None] = mapped_column(Integer)
    sessions_browser: Mapped[int | None] = mapped_column(Integer)


class SalesTrafficDaily(SalesTrafficFigures, Base):
    """Business Report "Detail Page Sales and Traffic By Child Item", one row per day.

    Percentages are stored as fractions (0.1234 = 12.34 %); ``ordered_sales`` is in the
    marketplace currency.
    """

    __tablename__ = "sales_traffic_daily"
    # One ASIN's series (the product page) without scanning every ASIN of each day.
    __table_args__ = (Index("ix_sales_traffic_daily_asin_day", "store_id", "child_asin", "day"),)

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    child_asin: Mapped[str] = mapped_column(String(16), primary_key=True)


class SalesTrafficPeriod(SalesTrafficFigures, Base):
    """A Business Report downloaded for several days at once: its figures are totals over
    ``date_from`` .. ``date_to`` (inclusive) and cannot be split into days, so they are kept
    apart from :class:`SalesTrafficDaily` (whose per-day readers never count them). One row
    per range and child ASIN; importing the same range again replaces its numbers; ranges that
    overlap are separate facts. Same units as the daily table."""

    __tablename__ = "sales_traffic_period"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    date_from: Mapped[date] = mapped_column(primary_key=True)
    date_to: Mapped[date] = mapped_column(primary_key=True)
    child_asin: Mapped[str] = mapped_column(String(16), primary_key=True)
