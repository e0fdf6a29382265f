"""Business Report figures above the child ASIN: per parent ASIN ("Detail Page Sales and
Traffic By Parent Item") and per store ("Detail Page Sales and Traffic", one row per day).

Kept apart from ``sales_traffic_daily``: the daily review, the per-SKU figures and the
forecasts read child rows only, so a parent or store total is never counted with (or
instead of) its children. Same units as the child tables: percentages as fractions, money in
the marketplace currency (``currency``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money, Rate


class ParentTrafficFigures:
    """The figures of a By Parent Item row (and of a By Date row: the same measures)."""

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


class SalesTrafficParentDaily(ParentTrafficFigures, Base):
    """Business Report "Detail Page Sales and Traffic By Parent Item", one row per day and
    parent ASIN (the day from the file name or ``--date``, as the child report)."""

    __tablename__ = "sales_traffic_parent_daily"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    parent_asin: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))


class SalesTrafficParentPeriod(ParentTrafficFigures, Base):
    """A By Parent Item report downloaded for several days: totals over ``date_from`` ..
    ``date_to`` (inclusive), which cannot be split into days (as ``sales_traffic_period``)."""

    __tablename__ = "sales_traffic_parent_period"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    date_from: Mapped[date] = mapped_column(primary_key=True)
    date_to: Mapped[date] = mapped_column(primary_key=True)
    parent_asin: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))


class SalesTrafficStoreDaily(ParentTrafficFigures, Base):
    """Business Report "Detail Page Sales and Traffic" (by date): the whole store's figures,
    one row per day (the report's ``Date`` column)."""

    __tablename__ = "sales_traffic_store_daily"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    units_refunded: Mapped[int | None] = mapped_column(Integer)
    shipped_sales: Mapped[Decimal | None] = mapped_column(Money)
    units_shipped: Mapped[int | None] = mapped_column(Integer)
    orders_shipped: Mapped[int | None] = mapped_column(Integer)
