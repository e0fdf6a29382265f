"""Notification targets of a store: an email address or a chat webhook, on or off.

Nothing is sent from here yet (the connectors send); targets are validated when saved. A
webhook URL carries its secret (Slack, WeCom and Feishu put it in the path or the query), so
pages show it masked. Like grants, targets are settings, not facts: tagged
``info={"access": True}`` so a reset of a store's facts keeps them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow

KINDS = ("email", "dingtalk", "feishu", "wecom", "slack")


class NotificationTarget(Base):
    __tablename__ = "notification_target"
    __table_args__ = {"info": {"access": True}}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # one of KINDS
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(500))  # email address or https webhook URL
    secret: Mapped[str | None] = mapped_column(String(200))  # DingTalk / Feishu signing secret
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
