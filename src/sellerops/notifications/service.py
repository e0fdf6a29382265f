"""Saving notification targets: validated, never echoed back in full.

Webhook URLs must be https and point at the chat service's own webhook host, so a target can
never make the server post the review to an internal address once sending exists.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.notifications.models import KINDS, NotificationTarget

#: The hosts each chat service's incoming webhooks live on.
WEBHOOK_HOSTS: dict[str, tuple[str, ...]] = {
    "dingtalk": ("oapi.dingtalk.com",),
    "feishu": ("open.feishu.cn", "open.larksuite.com"),
    "wecom": ("qyapi.weixin.qq.com",),
    "slack": ("hooks.slack.com",),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class TargetError(ValueError):
    """A target that cannot be saved; ``code`` names the message (``web.notify.error.<code>``)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def validate(kind: str, name: str, address: str, secret: str | None) -> tuple[str, str, str | None]:
    """The cleaned (name, address, secret), or :class:`TargetError`."""
    name, address, secret = name.strip(), address.strip(), (secret or "").strip() or None
    if kind not in KINDS:
        raise TargetError("kind")
    if not name or len(name) > 120:
        raise TargetError("name")
    if secret is not None and len(secret) > 200:
        raise TargetError("secret")
    if kind == "email":
        if len(address) > 254 or not _EMAIL.match(address):
            raise TargetError("email")
        return name, address.lower(), None
    return name, _webhook(kind, address), secret


def _webhook(kind: str, address: str) -> str:
    if len(address) > 500 or any(c.isspace() for c in address):
        raise TargetError("url")
    try:
        parts = urlsplit(address)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        raise TargetError("url") from None
    if parts.scheme.lower() != "https":
        raise TargetError("https")
    if not host or parts.username or parts.password:
        raise TargetError("url")
    if host not in WEBHOOK_HOSTS[kind]:
        raise TargetError("host", host=" / ".join(WEBHOOK_HOSTS[kind]))
    return address


def mask(target: NotificationTarget) -> str:
    """What a page may show: the email address; of a URL its host and last 4 characters."""
    if target.kind == "email":
        return target.address
    parts = urlsplit(target.address)
    return f"{parts.scheme}://{parts.hostname}/…{target.address[-4:]}"


def add_target(
    *, session: Session, store_id: int, kind: str, name: str, address: str,
    secret: str | None = None, actor: str | None = None,
) -> NotificationTarget:  # fmt: skip
    name, address, secret = validate(kind, name, address, secret)
    target = NotificationTarget(store_id=store_id, kind=kind, name=name, address=address,
                                secret=secret, enabled=True, created_by=actor)  # fmt: skip
    session.add(target)
    session.flush()
    return target


def targets(*, session: Session, store_id: int) -> list[NotificationTarget]:
    return list(
        session.scalars(
            select(NotificationTarget)
            .where(NotificationTarget.store_id == store_id)
            .order_by(NotificationTarget.id)
        )
    )


def get_target(*, session: Session, store_id: int, target_id: int) -> NotificationTarget | None:
    """The target, only if it belongs to the store."""
    found = session.get(NotificationTarget, target_id)
    return found if found is not None and found.store_id == store_id else None
