"""API tokens and web sessions: random secrets handed out once, stored only as digests.

Both are 256-bit values from :mod:`secrets`, so a plain SHA-256 digest is enough to store
them (unlike passwords, they cannot be guessed from a list); lookups are by digest.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sellerops.accounts.models import ApiToken, User, WebSession
from sellerops.accounts.service import AccountError, role_in_store
from sellerops.core.models import utcnow

TOKEN_PREFIX = "sot_"
#: Writing "last used" on every request would make each read a write; once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# --- API tokens -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewToken:
    token: ApiToken
    secret: str  # shown to the person once; only its digest is kept


def create_api_token(
    *, session: Session, user: User, name: str, store_id: int | None = None
) -> NewToken:
    """A new bearer token with the user's rights, narrowed to ``store_id`` when given."""
    name = name.strip()[:80] or "token"
    if (
        store_id is not None
        and role_in_store(session=session, user=user, store_id=store_id) is None
    ):
        raise AccountError("you can only limit a token to a store you may see")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        store_id=store_id,
        name=name,
        token_hash=digest(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
    )
    session.add(token)
    session.flush()
    return NewToken(token, secret)


def list_api_tokens(*, session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke_api_token(*, session: Session, user_id: int, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when there is no such live token."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    session.flush()
    return True


def user_for_api_token(
    *, session: Session, secret: str, now: datetime | None = None
) -> tuple[User, ApiToken] | None:
    """The active user behind a live bearer token, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.is_active:
        return None
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        token.last_used_at = now
    return user, token


# --- web sessions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """Idle and absolute time-outs (ASVS 7.3.1 / 7.3.2)."""

    idle: timedelta = timedelta(hours=4)
    absolute: timedelta = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class NewSession:
    row: WebSession
    secret: str  # goes into the cookie; only its digest is kept


def start_session(*, session: Session, user: User) -> NewSession:
    """A fresh session for a sign-in (never reuse a token from before: ASVS 7.2.4)."""
    secret = secrets.token_urlsafe(32)
    row = WebSession(
        user_id=user.id, token_hash=digest(secret), csrf_token=secrets.token_urlsafe(32)
    )
    session.add(row)
    session.flush()
    return NewSession(row, secret)


def load_session(
    *, session: Session, secret: str, policy: SessionPolicy, now: datetime | None = None
) -> tuple[User, WebSession] | None:
    """The live session behind a cookie and its active user, or None (ended, timed out)."""
    row = session.scalar(select(WebSession).where(WebSession.token_hash == digest(secret)))
    if row is None or row.ended_at is not None:
        return None
    now = now or utcnow()
    if now - row.created_at > policy.absolute or now - row.last_seen_at > policy.idle:
        row.ended_at = now
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
    return user, row


def end_session(*, session: Session, row: WebSession) -> None:
    row.ended_at = utcnow()
    session.flush()


def end_all_sessions(*, session: Session, user_id: int) -> None:
    """Sign a user out everywhere (password change, disabled account)."""
    session.execute(
        update(WebSession)
        .where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
