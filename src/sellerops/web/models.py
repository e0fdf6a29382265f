"""What the web app stores of its own: a per-store counter of changes made through it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow


class StoreChange(Base):
    """How many state-changing requests touched a store (``web.page_cache`` keys pages on
    it together with the data's own newest rows)."""

    __tablename__ = "web_store_change"

    store_id: Mapped[int] = mapped_column(
        ForeignKey("store.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
