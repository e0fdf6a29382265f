"""Rendered pages kept in memory and served again while the store's data has not changed.

A page is kept under everything it depends on: the database, the page and its query
string, the signed-in user (their language, name and the stores they may see, with their
roles: the frame lists them), today's date and the store's **data version**
(``web.versions.store_version``), read from the database on every request with one indexed
query. Every state-changing web request on a store bumps its counter, and any import,
review, rollup refresh, finding change (status, snooze, assignee: ``finding.updated_at``),
ad decision, export or optimizer run, or restock plan written by the CLI or a job moves it
too, so the next request renders afresh. Pages that list the users a finding may be
assigned to are also keyed on the users and grants.

Permissions are checked before a kept page is looked up (the view calls ``store_access``
first) and a page is kept per user, so it is only ever served to the user it was rendered
for, who may still see the store. The CSRF token is not kept: pages are rendered with a
per-process placeholder that is replaced by the session's own token on every response.

Each worker process keeps its own pages; the version comes from the database, so a change
made through another worker or the CLI shows on the next request everywhere. ``MAX_AGE``
bounds how long a page is kept in any case (a safety net for writes no version sees).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from sellerops.web.deps import Principal
from sellerops.web.rendering import render
from sellerops.web.versions import store_version, users_version

#: Pages kept per process (a page of a large store is 20-70 kB).
MAX_PAGES = 512
#: Seconds a page is kept at most, even when no version changed (a safety net).
MAX_AGE = 300.0
#: Stands for the session's CSRF token in kept pages (random per process: no data holds it).
CSRF_PLACEHOLDER = "csrf-" + secrets.token_hex(16)


class PageCache:
    """A bounded, thread-safe LRU of rendered pages (or other values) with an age limit."""

    def __init__(self, max_pages: int = MAX_PAGES, max_age: float = MAX_AGE) -> None:
        self.max_pages = max_pages
        self.max_age = max_age
        self._pages: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any:
        now = time.monotonic()
        with self._lock:
            found = self._pages.get(key)
            if found is None or now - found[0] > self.max_age:
                if found is not None:
                    del self._pages[key]
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return found[1]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic(), value)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


PAGES = PageCache()
#: Values derived from a store's data (``remember``), kept like the pages.
FACTS = PageCache(max_pages=2048)


def page_key(
    request: Request,
    session: Session,
    principal: Principal,
    store_id: int,
    *,
    with_users: bool = False,
) -> tuple[Any, ...]:
    """The key of the page ``request`` asks for, for this user, at the store's version."""
    user = principal.user
    stores = tuple(principal.visible)  # names, marketplaces, lead times, roles
    version = store_version(session, store_id)
    users = users_version(session) if with_users else None
    request.state.data_version = (str(session.get_bind().engine.url), store_id, date.today(),
                                  version, users)  # fmt: skip
    return (
        str(session.get_bind().engine.url),
        request.url.path,
        request.url.query,
        user.id,
        user.lang,
        user.display_name,
        stores,
        date.today(),
        version,
        users,
    )


def remember(request: Request, name: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept under the data version the request's page key read (the store's
    and, for pages keyed on them, the users'): what a kept page could show unchanged, a page
    rendered afresh need not compute again (the newest day, the users one may assign to).
    ``compute`` must only read; without a page key it just runs."""
    version = getattr(request.state, "data_version", None)
    if version is None:
        return compute()
    key = (*version, name)
    found = FACTS.get(key)
    if found is None:
        found = compute()
        FACTS.put(key, found)
    return found


def respond(html: str, csrf: str | None) -> HTMLResponse:
    """A kept page with this session's CSRF token in place of the placeholder."""
    return HTMLResponse(html.replace(CSRF_PLACEHOLDER, csrf or ""))


def cached_page(
    request: Request,
    session: Session,
    principal: Principal,
    store_id: int,
    build: Callable[[], dict[str, Any]],
    template: str,
    *,
    with_users: bool = False,
) -> HTMLResponse:
    """The page from memory when its key is known, else ``template`` rendered with what
    ``build()`` returns (then kept). ``build`` must not write: it may not run at all."""
    key = page_key(request, session, principal, store_id, with_users=with_users)
    html: str | None = PAGES.get(key)
    if html is None:
        context = build()
        context["csrf"] = CSRF_PLACEHOLDER
        html = bytes(render(request, template, lang=principal.user.lang, **context).body).decode()
        PAGES.put(key, html)
    return respond(html, principal.csrf)
