"""FBA capacity limits by month, as the ``fba-capacity`` sheet gives them.

Seller Central's Capacity Monitor sets a limit per storage type for each month (and shows
the next months' limits ahead). The sheet keeps that schedule here; the limit in effect for
the current month (the latest row on or before it) is what the restock plan caps shipments
at, copied into ``fba_capacity_limit``, the table ``sellerops fba-capacity`` writes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base


class FbaCapacityMonth(Base):
    __tablename__ = "fba_capacity_month"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    storage_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)  # the first day of the month
    limit_cuft: Mapped[Decimal | None] = mapped_column(Numeric(18, 6, asdecimal=True))
    limit_units: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
