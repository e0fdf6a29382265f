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
from sqlalchemy.orm import Session

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.accounts.models import ApiToken, User, WebSession
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
    """A signed-in user, through a browser session or an API token."""

    user: User
    web_session: WebSession | None = None
    token: ApiToken | None = None

    @property
    def csrf(self) -> str | None:
        return self.web_session.csrf_token if self.web_session else None

    def role_in(self, session: Session, store_id: int) -> str | None:
        if self.token is not None and self.token.store_id not in (None, store_id):
            return None
        return accounts.role_in_store(session=session, user=self.user, store_id=store_id)

    def stores(self, session: Session) -> list[tuple[Store, str]]:
        pairs = accounts.stores_of(session=session, user=self.user)
        if self.token is not None and self.token.store_id is not None:
            pairs = [(s, r) for s, r in pairs if s.id == self.token.store_id]
        return pairs


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
    found = tokens.load_session(
        session=session, secret=secret, policy=web_settings(request).session_policy
    )
    return None if found is None else Principal(found[0], web_session=found[1])


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
        return Principal(found[0], token=found[1])
    principal = cookie_principal(request, session)
    if principal is None:
        raise LoginRequiredError()
    if request.method not in security.SAFE_METHODS:
        if not security.same_token(request.headers.get(security.CSRF_HEADER), principal.csrf):
            raise ForbiddenError("csrf")
        _count_change(request, session, principal)
    return principal


@dataclass(slots=True)
class StoreAccess:
    store: Store
    role: str

    def require(self, action: str) -> None:
        if not accounts.allows(self.role, action):
            raise ForbiddenError(action)


def store_access(session: Session, principal: Principal, store_id: int) -> StoreAccess:
    role = principal.role_in(session, store_id)
    store = session.get(Store, store_id) if role is not None else None
    if store is None or role is None:
        raise NotFoundError()
    return StoreAccess(store, role)


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
