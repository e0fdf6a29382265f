"""Users, their store grants, API tokens and web sessions.

Secrets are never stored: passwords as Argon2id hashes, API tokens and session tokens as
SHA-256 digests of high-entropy random values (shown to the person once, then gone).
Grant and token tables carry ``store_id`` (so a store purge removes them) and are tagged
``info={"access": True}`` so a reset of a store's *facts* can tell them apart.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow

#: Roles from least to most rights; an owner account sees every store as owner.
ROLES = ("viewer", "operator", "manager", "owner")


class User(Base):
    """A person. Accounts are personal: there is no shared or built-in account."""

    __tablename__ = "app_user"  # "user" is a reserved word in PostgreSQL

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(2), default="en")
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoreGrant(Base):
    """What a (non-owner) user may do in one store."""

    __tablename__ = "store_grant"
    __table_args__ = {"info": {"access": True}}  # noqa: RUF012

    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    store_id: Mapped[int] = mapped_column(
        ForeignKey("store.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))  # one of ROLES except owner
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token for ``/api/v1``: the user's rights, optionally narrowed to one store."""

    __tablename__ = "api_token"
    __table_args__ = {"info": {"access": True}}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # first characters, to recognise it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class WebSession(Base):
    """A signed-in browser. Server-side, so logout and disabling a user end it at once."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
