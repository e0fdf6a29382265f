"""Tables every domain shares: marketplaces, stores and import batches."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always come back timezone-aware (also on SQLite)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column; attach a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012


class MarketplaceRow(Base):
    """Reference data, kept in step with :mod:`sellerops.core.marketplaces` by ``init``."""

    __tablename__ = "marketplace"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    marketplace_id: Mapped[str] = mapped_column(String(20), unique=True)
    country: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    time_zone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    domain: Mapped[str] = mapped_column(String(32))


class Store(Base):
    """A seller account in one marketplace; every fact row points at one."""

    __tablename__ = "store"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    marketplace_code: Mapped[str] = mapped_column(ForeignKey("marketplace.code"))
    seller_id: Mapped[str | None] = mapped_column(String(32))
    default_lead_time_days: Mapped[int] = mapped_column(Integer, default=45)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ImportBatch(Base):
    """One row per imported file: what it was, and what it changed."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id"), index=True)
    report_type: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # ok | failed
    data_start: Mapped[date | None]
    data_end: Mapped[date | None]
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_inserted: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    #: What the file adds up to (``units``, ``sales``, ``spend``, ``total``, ``quantity`` ...),
    #: decimal strings in ``currency``; None for families that report no totals.
    totals: Mapped[dict[str, Any] | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    #: who imported it from the web form (None: the CLI, a job); a file refused before its
    #: store was known has no store, and is shown to its uploader (and owners) by this. An
    #: ``app_user`` id without a foreign key: the ingest runs without the accounts tables'
    #: models loaded, and users are deactivated, not deleted.
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: what the import decided that the operator may want to check (``ImportOutcome.notes``),
    #: a JSON list of strings; None on batches recorded before it was kept (read as none)
    notes: Mapped[list[str] | None] = mapped_column(JSON)
    #: this import created the store (false on batches recorded before it was kept)
    store_created: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
