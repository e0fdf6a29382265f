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

from sellerops.catalog.models import TrafficFigures
from sellerops.core.models import Base
from sellerops.core.money import Money


class SalesTrafficParentDaily(TrafficFigures, Base):
    """Business Report "Detail Page Sales and Traffic By Parent Item", one row per day and
    parent ASIN (the day from the file name or ``--date``, as the child report)."""

    __tablename__ = "sales_traffic_parent_daily"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    parent_asin: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))


class SalesTrafficParentPeriod(TrafficFigures, Base):
    """A By Parent Item report downloaded for several days: totals over ``date_from`` ..
    ``date_to`` (inclusive), which cannot be split into days (as ``sales_traffic_period``)."""

    __tablename__ = "sales_traffic_parent_period"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    date_from: Mapped[date] = mapped_column(primary_key=True)
    date_to: Mapped[date] = mapped_column(primary_key=True)
    parent_asin: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))


class SalesTrafficStoreDaily(TrafficFigures, Base):
    """Business Report "Detail Page Sales and Traffic" (by date): the whole store's figures,
    one row per day (the report's ``Date`` column)."""

    __tablename__ = "sales_traffic_store_daily"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    units_refunded: Mapped[int | None] = mapped_column(Integer)
    shipped_sales: Mapped[Decimal | None] = mapped_column(Money)
    units_shipped: Mapped[int | None] = mapped_column(Integer)
    orders_shipped: Mapped[int | None] = mapped_column(Integer)
