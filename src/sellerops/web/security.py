"""Cookie signing, CSRF tokens and the security headers every response carries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "sellerops_session"
CSRF_COOKIE = "sellerops_csrf"  # before sign-in only (double-submit for the login form)
LANG_COOKIE = "sellerops_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Pages load scripts and styles only from this server (vendored htmx / ECharts). Inline
#: style attributes are allowed because ECharts sizes its canvas with them.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'"
)
#: Swagger UI starts itself with one inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; object-src 'none'"
)


class Signer:
    """HMAC-SHA256 signatures for cookie values, separated by purpose."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, purpose: str, value: str) -> str:
        mac = hmac.new(self._key, f"{purpose}:{value}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def sign(self, purpose: str, value: str) -> str:
        return f"{value}.{self._mac(purpose, value)}"

    def unsign(self, purpose: str, signed: str | None) -> str | None:
        """The value if the signature is right, else None."""
        if not signed or "." not in signed or len(signed) > 512:
            return None
        value, _, mac = signed.rpartition(".")
        if not hmac.compare_digest(mac, self._mac(purpose, value)):
            return None
        return value


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


class SecurityHeaders:
    """Pure ASGI middleware: CSP, no framing, no sniffing, HSTS over https."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                csp = DOCS_CSP if path == "/api/docs" else PAGE_CSP
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                if https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Pure ASGI middleware: refuse (413) a request body larger than ``limit`` bytes.

    The multipart parser spools uploads to disk before any handler runs, so the size of an
    upload must be bounded here, by the declared length and by the bytes actually received.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise BodyTooLargeError()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLargeError:
            await _too_large(send)


class BodyTooLargeError(HTTPException):
    """An HTTP error, so the body parser passes it on as a 413 instead of a 400."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="request body too large")


async def _too_large(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": b"Request body too large\n"})
