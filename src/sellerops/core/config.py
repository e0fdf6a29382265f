"""The one typed settings object, read when the app starts (never at import time)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("sellerops", appauthor=False))


class Settings(BaseSettings):
    """Every setting has a default that works with zero configuration.

    Environment variables use the ``SELLEROPS_`` prefix (``SELLEROPS_DATABASE_URL``);
    a secret may also be given as a file (``SELLEROPS_DATABASE_URL_FILE``).
    """

    model_config = SettingsConfigDict(env_prefix="SELLEROPS_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = None
    lang: str | None = None
    default_lead_time_days: int = 45
    #: the sellerops user (email) the CLI acts as in logs of who did what (``ads approve``)
    user: str | None = None

    @field_validator("lang")
    @classmethod
    def _known_lang(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.lower().split("_")[0].split("-")[0]
        if value not in ("en", "zh"):
            raise ValueError("lang must be 'en' or 'zh'")
        return value

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'sellerops.db'}"

    @property
    def masked_database_url(self) -> str:
        from sqlalchemy.engine import make_url  # (not at start-up: the CLI starts faster)

        return make_url(self.effective_database_url).render_as_string(hide_password=True)


def _read_file_secrets() -> dict[str, str]:
    """Support ``SELLEROPS_<NAME>_FILE`` for secrets mounted as files (Docker, k8s)."""
    import os

    values: dict[str, str] = {}
    for key, path in os.environ.items():
        if key.startswith("SELLEROPS_") and key.endswith("_FILE"):
            name = key[len("SELLEROPS_") : -len("_FILE")].lower()
            values[name] = Path(path).read_text(encoding="utf-8").strip()
    return values


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(**_read_file_secrets())  # type: ignore[arg-type]
