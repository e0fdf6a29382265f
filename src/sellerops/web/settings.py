"""Settings of the web app, read when the app is created (never at import time).

Same ``SELLEROPS_`` prefix and ``*_FILE`` convention as :mod:`sellerops.core.config`.
The secret that signs cookies comes from ``SELLEROPS_SECRET_KEY`` (or ``..._FILE``); when it
is not set, one is generated once and kept in ``<data dir>/web-secret.key`` (mode 0600).
Changing it signs everyone out.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from sellerops.accounts.tokens import SessionPolicy
from sellerops.core.config import Settings, _read_file_secrets


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SELLEROPS_", extra="ignore")

    secret_key: str | None = Field(default=None, repr=False)
    #: "auto": Secure cookies when the request came over https (directly or, with
    #: ``behind_proxy``, as the proxy says); "always" / "never" force it.
    cookie_secure: Literal["auto", "always", "never"] = "auto"
    #: Trust X-Forwarded-Proto/For from these addresses (uvicorn's forwarded_allow_ips).
    behind_proxy: bool = False
    forwarded_allow_ips: str = "127.0.0.1"
    session_idle_minutes: int = Field(default=240, ge=5)
    session_max_hours: int = Field(default=24, ge=1)
    #: Largest report file the Imports page accepts, and how many files one upload may carry.
    upload_max_mb: int = Field(default=50, ge=1)
    upload_max_files: int = Field(default=20, ge=1)
    #: Requests one server process works on at once (the others wait their turn, in order).
    request_threads: int = Field(default=4, ge=1, le=64)

    @property
    def session_policy(self) -> SessionPolicy:
        return SessionPolicy(
            idle=timedelta(minutes=self.session_idle_minutes),
            absolute=timedelta(hours=self.session_max_hours),
        )


def load_web_settings() -> WebSettings:
    return WebSettings(**_read_file_secrets())  # type: ignore[arg-type]


def secret_key(web: WebSettings, core: Settings) -> bytes:
    """The configured signing key, or the one generated for this data directory."""
    if web.secret_key:
        return web.secret_key.encode()
    path = Path(core.data_dir) / "web-secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip().encode()
