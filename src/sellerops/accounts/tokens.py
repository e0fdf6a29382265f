"""API tokens and web sessions: random secrets handed out once, stored only as digests.

Both are 256-bit values from :mod:`secrets`, so a plain SHA-256 digest is enough to store
them (unlike passwords, they cannot be guessed from a list); lookups are by digest.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Executable, and_, bindparam, exists, or_, select, true, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from sellerops.accounts.models import ApiToken, StoreGrant, User, WebSession
from sellerops.accounts.service import AccountError, role_in_store
from sellerops.core.models import Store, utcnow

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


@dataclass(frozen=True, slots=True)
class SignedInUser:
    """What a request needs to know of the signed-in person (read with the session)."""

    id: int
    email: str
    display_name: str
    lang: str
    is_owner: bool


@dataclass(frozen=True, slots=True)
class StoreRef:
    """A store one may see, as the page frame and the API list it."""

    id: int
    name: str
    marketplace_code: str
    default_lead_time_days: int


@dataclass(frozen=True, slots=True)
class LiveSession:
    """A live browser session: its id, CSRF token, user and the stores they may see (with
    their role there, by store name)."""

    session_id: int
    csrf_token: str
    user: SignedInUser
    stores: tuple[tuple[StoreRef, str], ...]


def _live_session_query() -> Any:
    ws, u, s, g = (m.__table__ for m in (WebSession, User, Store, StoreGrant))
    mine = g.alias("mine")
    granted = exists().where(mine.c.user_id == u.c.id, mine.c.store_id == s.c.id)
    return (
        select(ws.c.id, ws.c.csrf_token, ws.c.created_at, ws.c.last_seen_at, ws.c.ended_at,
               u.c.id, u.c.email, u.c.display_name, u.c.lang, u.c.is_owner, u.c.is_active,
               s.c.id, s.c.name, s.c.marketplace_code, s.c.default_lead_time_days, g.c.role)
        .select_from(
            ws.join(u, u.c.id == ws.c.user_id)
            .outerjoin(s, or_(u.c.is_owner == true(), granted))
            .outerjoin(g, and_(g.c.user_id == u.c.id, g.c.store_id == s.c.id))
        )
        .where(ws.c.token_hash == bindparam("token_hash"))
        .order_by(s.c.name)
    )  # fmt: skip


#: Built once: building and caching a statement costs more than the indexed lookup.
_LIVE_SESSION = _live_session_query()


def _write_apart(session: Session, statement: Executable) -> None:
    """A bookkeeping write of the sign-in check (last seen, timed out) in its own short
    transaction, so the request's transaction stays read-only while it waits for a worker
    thread (on SQLite a write there would hold the database's write lock across that wait,
    and a read-then-write transaction can fail at once when another writer committed).
    A busy database skips the write: "last seen" is tried again at the next request, and a
    timed-out session stays refused because its times still say so."""
    try:
        with session.get_bind().engine.begin() as connection:
            connection.execute(statement)
    except OperationalError:
        pass


def live_session(
    *, session: Session, secret: str, policy: SessionPolicy, now: datetime | None = None
) -> LiveSession | None:
    """:func:`load_session` and the user's stores and roles, in one indexed query read
    fresh on every request (so a sign-out, a disabled account, a password change (which
    ends every session) or a changed grant holds from the next request on, in every worker).
    Same rules: None when the session is unknown, ended, timed out or its user is disabled;
    "last seen" is written at most once a minute."""
    # on the session's connection: a Core statement through Session.execute costs ~4x more
    rows = session.connection().execute(_LIVE_SESSION, {"token_hash": digest(secret)}).all()
    if not rows:
        return None
    (sid, csrf, created, seen, ended, uid, email, name, lang, owner, active) = rows[0][:11]
    if ended is not None:
        return None
    now = now or utcnow()
    if now - created > policy.absolute or now - seen > policy.idle:
        _write_apart(session, update(WebSession).where(WebSession.id == sid).values(ended_at=now))
        return None
    if not active:
        return None
    if now - seen > TOUCH_EVERY:
        _write_apart(
            session, update(WebSession).where(WebSession.id == sid).values(last_seen_at=now)
        )
    stores = tuple(
        (StoreRef(r[11], r[12], r[13], r[14]), "owner" if owner else r[15])
        for r in rows
        if r[11] is not None
    )
    return LiveSession(sid, csrf, SignedInUser(uid, email, name, lang, bool(owner)), stores)


def end_session_by_id(*, session: Session, session_id: int) -> None:
    session.execute(update(WebSession).where(WebSession.id == session_id).values(ended_at=utcnow()))


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
