"""Brand tables: Brand Analytics search terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Rate


class SearchTermRank(Base):
    """Brand Analytics "Top Search Terms": one row per search term, period and click rank.

    ``search_frequency_rank`` is the term's rank by searches in its ``department`` (1 = most
    searched; ``""`` when the report has no department column) over ``period_start`` ..
    ``period_end`` (``period``: DAY, WEEK, MONTH or QUARTER when the report says). For each of
    the three most clicked products (``click_rank`` 1-3): its ASIN and title, and its click
    and conversion shares as fractions (0.0771 = 7.71 % of the term's clicks / purchases).
    The CSV's "Top Clicked Brand #n" / "Category #n" are kept on the row of rank n.
    ``term_key`` / ``department_key`` are the names NFKC-normalised and case-folded.
    """

    __tablename__ = "brand_search_term"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    period_start: Mapped[date] = mapped_column(primary_key=True)
    period_end: Mapped[date] = mapped_column(primary_key=True)
    department_key: Mapped[str] = mapped_column(String(120), primary_key=True)
    term_key: Mapped[str] = mapped_column(String(500), primary_key=True)
    click_rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str | None] = mapped_column(String(8))
    department: Mapped[str] = mapped_column(String(120))
    term: Mapped[str] = mapped_column(String(500))
    search_frequency_rank: Mapped[int] = mapped_column(Integer)
    clicked_asin: Mapped[str] = mapped_column(String(16))
    product_title: Mapped[str | None] = mapped_column(String(500))
    click_share: Mapped[Decimal | None] = mapped_column(Rate)
    conversion_share: Mapped[Decimal | None] = mapped_column(Rate)
    top_brand: Mapped[str | None] = mapped_column(String(255))
    top_category: Mapped[str | None] = mapped_column(String(255))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
