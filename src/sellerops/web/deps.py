"""Request dependencies: one unit of work per request, who is asking, what they may see.

Store access is decided here, server-side, for pages and API alike (TR-1): a store the
principal may not see answers 404 exactly like a store that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.accounts.models import ApiToken, User
from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.web import security, versions
from sellerops.web.settings import WebSettings


class LoginRequiredError(Exception):
    pass


class ForbiddenError(Exception):
    pass


class NotFoundError(Exception):
    pass


def db(request: Request) -> Iterator[Session]:
    """The request's unit of work: committed when the handler returns, before the response."""
    with unit_of_work(request.app.state.engine) as session:
        yield session


DB = Annotated[Session, Depends(db, scope="function")]


@dataclass(slots=True)
class Principal:
    """A signed-in user, through a browser session or an API token.

    ``user`` and ``visible`` (the stores the user may see, with their role) are read once
    per request, with the session (``tokens.live_session``) or the token; ``role_in`` and
    the page frame answer from them without another query. What must change the user (the
    language) loads the ``User`` row itself.
    """

    user: tokens.SignedInUser
    visible: tuple[tuple[tokens.StoreRef, str], ...]
    session_id: int | None = None
    csrf: str | None = None
    token_store_id: int | None = None
    #: Store rows read with the principal, held so that the request's session finds them
    #: again without a query (its identity map holds rows only while they are referenced).
    rows: tuple[Store, ...] = ()

    def role_in(self, session: Session, store_id: int) -> str | None:
        found = self.visible_store(store_id)
        return None if found is None else found[1]

    def visible_store(self, store_id: int) -> tuple[tokens.StoreRef, str] | None:
        for store, role in self.visible:
            if store.id == store_id:
                return store, role
        return None

    def stores(self, session: Session) -> list[tuple[Store, str]]:
        """The stores the user may see as rows (for pages that change them)."""
        roles = {s.id: role for s, role in self.visible}
        rows = session.scalars(select(Store).where(Store.id.in_(roles)).order_by(Store.name))
        return [(s, roles[s.id]) for s in rows]

    def account(self, session: Session) -> User:
        """The user's row, to change it."""
        row = session.get(User, self.user.id)
        if row is None:
            raise LoginRequiredError()
        return row


def _token_principal(session: Session, user: User, token: ApiToken) -> Principal:
    """The principal of a bearer token: the user's stores, narrowed to the token's."""
    pairs = accounts.stores_of(session=session, user=user)
    if token.store_id is not None:
        pairs = [(s, r) for s, r in pairs if s.id == token.store_id]
    me = tokens.SignedInUser(user.id, user.email, user.display_name, user.lang, user.is_owner)
    visible = tuple(
        (tokens.StoreRef(s.id, s.name, s.marketplace_code, s.default_lead_time_days), r)
        for s, r in pairs
    )
    rows = tuple(s for s, _role in pairs)
    return Principal(me, visible, token_store_id=token.store_id, rows=rows)


def web_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.web_settings
    return settings


def signer(request: Request) -> security.Signer:
    sig: security.Signer = request.app.state.signer
    return sig


def cookie_principal(request: Request, session: Session) -> Principal | None:
    secret = signer(request).unsign("session", request.cookies.get(security.SESSION_COOKIE))
    if secret is None:
        return None
    live = tokens.live_session(
        session=session, secret=secret, policy=web_settings(request).session_policy
    )
    if live is None:
        return None
    return Principal(live.user, live.stores, session_id=live.session_id, csrf=live.csrf_token)


async def posted_csrf(request: Request) -> str | None:
    """The CSRF token a state-changing request carries: header (htmx) or form field."""
    if request.method in security.SAFE_METHODS:
        return None
    header = request.headers.get(security.CSRF_HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(security.CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def require_user(
    request: Request, session: DB, posted: Annotated[str | None, Depends(posted_csrf)]
) -> Principal:
    """The browser's signed-in user; state-changing requests must carry the session's token."""
    principal = cookie_principal(request, session)
    if principal is None:
        raise LoginRequiredError()
    request.state.lang = principal.user.lang  # for error pages, after the session closed
    if request.method not in security.SAFE_METHODS:
        if not security.same_token(posted, principal.csrf):
            raise ForbiddenError("csrf")
        _count_change(request, session, principal)
    return principal


def _count_change(request: Request, session: Session, principal: Principal) -> None:
    """A state-changing request on a store the user may see bumps the store's version (in
    the request's transaction), so pages kept of it (``web.page_cache``) are rendered again.
    Every route under ``/stores/{store_id}`` (pages and API) gets this without doing a thing."""
    raw = request.path_params.get("store_id")
    if raw is None or not str(raw).isdigit():
        return
    store_id = int(raw)
    if principal.role_in(session, store_id) is not None:
        versions.bump(session, store_id)


bearer = HTTPBearer(auto_error=False, description="An API token from your account page")


def require_api_user(
    request: Request,
    session: DB,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """An API caller: a bearer token, or a browser session (which needs the CSRF header)."""
    if credentials is not None:
        found = tokens.user_for_api_token(session=session, secret=credentials.credentials)
        if found is None:
            raise LoginRequiredError()
        return _token_principal(session, found[0], found[1])
    principal = cookie_principal(request, session)
    if principal is None:
        raise LoginRequiredError()
    if request.method not in security.SAFE_METHODS:
        if not security.same_token(request.headers.get(security.CSRF_HEADER), principal.csrf):
            raise ForbiddenError("csrf")
        _count_change(request, session, principal)
    return principal


class StoreAccess:
    """A store the principal may see, and their role there. The store's row is read when
    a page first needs it (a kept page is served without it: ``web.page_cache``)."""

    __slots__ = ("_session", "_store", "role", "store_id")

    def __init__(self, session: Session, store_id: int, role: str) -> None:
        self._session, self.store_id, self.role = session, store_id, role
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            found = self._session.get(Store, self.store_id)
            if found is None:  # removed since the request began
                raise NotFoundError()
            self._store = found
        return self._store

    def require(self, action: str) -> None:
        if not accounts.allows(self.role, action):
            raise ForbiddenError(action)


def store_access(session: Session, principal: Principal, store_id: int) -> StoreAccess:
    """The principal's access to the store; 404 when they may not see it or it does not
    exist (the two look the same). Answered from the stores read with the principal."""
    role = principal.role_in(session, store_id)
    if role is None:
        raise NotFoundError()
    return StoreAccess(session, store_id, role)


def request_lang(request: Request, principal: Principal | None = None) -> str:
    """The signed-in user's choice; before sign-in ``?lang=``, the cookie, the browser."""
    if principal is not None:
        return principal.user.lang
    for candidate in (
        request.query_params.get("lang"),
        request.cookies.get(security.LANG_COOKIE),
    ):
        if candidate in i18n.LANGS:
            return candidate
    accept = request.headers.get("accept-language", "")
    configured = request.app.state.settings.lang
    if accept:
        return "zh" if accept.lower().lstrip().startswith("zh") else (configured or "en")
    return configured or "en"


SignedIn = Annotated[Principal, Depends(require_user)]
ApiUser = Annotated[Principal, Depends(require_api_user)]
