"""The FastAPI app: pages for people, ``/api/v1`` for programs, vendored static assets.

``create_app()`` reads the settings when it is called (never at import time). Without an
engine it opens the configured database and applies migrations when the app starts, so
``uvicorn --factory sellerops.web.app:create_app`` works as well as ``sellerops serve``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from sellerops import __version__
from sellerops.core.config import Settings, get_settings
from sellerops.core.db import make_engine
from sellerops.core.migrate import upgrade
from sellerops.daily.registry import load_domain_checks
from sellerops.web import (
    account_views,
    admin_views,
    ads_views,
    api,
    auth_views,
    imports_views,
    inventory_views,
    product_views,
    profit_views,
    reports_views,
    views,
)
from sellerops.web.deps import ForbiddenError, LoginRequiredError, NotFoundError, request_lang
from sellerops.web.rendering import STATIC_DIR, render, static_url
from sellerops.web.security import BodyLimit, SecurityHeaders, Signer
from sellerops.web.settings import WebSettings, load_web_settings, secret_key


def create_app(
    *,
    engine: Engine | None = None,
    settings: Settings | None = None,
    web_settings: WebSettings | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    web_settings = web_settings or load_web_settings()
    load_domain_checks()  # their messages render the titles of stored findings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Request handlers are Python and hold the GIL: a few at a time per process, so
        # requests are served in arrival order instead of time-sliced with every other one in
        # flight (which stretches a 5 ms page by the number of pages in flight). More processes
        # (``--workers``) use more cores; slow work (restock recalculation) runs in jobs. The
        # sign-in check writes apart (``tokens.live_session``), so no request holds a write
        # lock while it waits for a thread.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = web_settings.request_threads
        owned = None
        if getattr(app.state, "engine", None) is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            owned = app.state.engine = make_engine(settings.effective_database_url)
            upgrade(owned)
        yield
        if owned is not None:
            owned.dispose()

    app = FastAPI(
        title="sellerops",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.web_settings = web_settings
    app.state.signer = Signer(secret_key(web_settings, settings))
    app.add_middleware(SecurityHeaders)
    upload_mb = web_settings.upload_max_mb * web_settings.upload_max_files + 1
    app.add_middleware(BodyLimit, limit=upload_mb * 1024 * 1024)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    pages = (imports_views, product_views, inventory_views, admin_views, ads_views, profit_views,
             reports_views)  # fmt: skip
    for module in (auth_views, views, account_views, *pages, api):
        app.include_router(module.router)
    _add_docs_and_health(app)
    _add_error_handlers(app)
    return app


def _add_docs_and_health(app: FastAPI) -> None:
    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="sellerops API",
            swagger_js_url=static_url("vendor/swagger-ui/swagger-ui-bundle.js"),
            swagger_css_url=static_url("vendor/swagger-ui/swagger-ui.css"),
            swagger_favicon_url=static_url("favicon.svg"),
        )

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, code: int, message_key: str) -> Response:
    lang = getattr(request.state, "lang", None) or request_lang(request)
    return render(
        request, "error.html", lang=lang, status_code=code, code=code, message_key=message_key
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequiredError)
    def login_required(request: Request, exc: LoginRequiredError) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": "authentication required"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = "/login"
        if request.method == "GET" and request.url.path != "/":
            target += "?next=" + quote(request.url.path)
        if request.headers.get("hx-request") == "true":
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(ForbiddenError)
    def forbidden(request: Request, exc: ForbiddenError) -> Response:
        csrf = str(exc) == "csrf"
        if _is_api(request):
            detail = "CSRF token missing or wrong" if csrf else "your role does not allow this"
            return JSONResponse({"detail": detail}, status_code=403)
        return _error_page(request, 403, "web.error.csrf" if csrf else "web.error.403")

    @app.exception_handler(NotFoundError)
    def not_found(request: Request, exc: NotFoundError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "not found"}, status_code=404)
        return _error_page(request, 404, "web.error.404")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _is_api(request) or exc.status_code not in (404, 405):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        key = "web.error.404" if exc.status_code == 404 else "web.error.other"
        return _error_page(request, exc.status_code, key)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        # Only where and what: echoing the input could echo a password back.
        errors = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)
