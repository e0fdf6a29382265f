"""Product reviews, imported from the reviews sheet or a review tool's CSV export.

Amazon offers no report or API with the text of a seller's own reviews, so they come in as
files (report-formats.md section 8).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base


class Review(Base):
    """One customer review of an ASIN: ``rating`` 1-5 stars, ``review_day`` as the review
    page shows it. ``reviewer_name`` is personal data and lives in its own column; analytics
    never reads it. ``source`` says which file layout it came from (``sheet``, ``helium10``).
    """

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("store_id", "review_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    review_id: Mapped[str] = mapped_column(String(64))
    asin: Mapped[str] = mapped_column(String(16), index=True)
    review_day: Mapped[date] = mapped_column(index=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[bool | None] = mapped_column(Boolean)
    helpful_votes: Mapped[int | None] = mapped_column(Integer)
    variation: Mapped[str | None] = mapped_column(String(200))
    reviewer_name: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
