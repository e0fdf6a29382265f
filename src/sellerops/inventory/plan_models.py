"""Stored restock plans: computed once per store and day, read by the Restock page."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow
from sellerops.core.money import Money


class RestockPlanRun(Base):
    """One computation of a store's plan for ``as_of`` (the plan may have no lines)."""

    __tablename__ = "restock_plan_run"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    as_of: Mapped[date] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    lines: Mapped[int] = mapped_column(Integer, default=0)
    computed_by: Mapped[str | None] = mapped_column(String(120))


class RestockPlanLine(Base):
    """One SKU's line of a stored plan (see ``inventory.planning.PlanRow``).

    ``rank`` keeps the plan's order (most urgent first); ``days_of_cover`` None means endless
    (no demand); units per day, days and dates as the planner computed them.
    """

    __tablename__ = "restock_plan_line"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    as_of: Mapped[date] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    asin: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(500))
    order_units: Mapped[int] = mapped_column(Integer)
    order_by: Mapped[date | None]
    stockout_date: Mapped[date | None]
    days_of_cover: Mapped[float | None] = mapped_column(Float)
    target_level: Mapped[float] = mapped_column(Float)
    safety_stock: Mapped[float] = mapped_column(Float)
    protection_days: Mapped[float] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer)
    forecast_per_day: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(24))
    lead_time_days: Mapped[float] = mapped_column(Float)
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    #: the line's plain explanation as ``[[message key, params], ...]`` (``PlanRow.notes``)
    explanation: Mapped[list[Any] | None] = mapped_column(JSON)
    #: the forecast behind the line, per day from the day after ``as_of``:
    #: ``{"mean": [...], "p90": [...]}`` units (the product page charts it)
    forecast: Mapped[dict[str, Any] | None] = mapped_column(JSON)
