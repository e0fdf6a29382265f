"""Jinja2 environment and the per-request template context (language, money, dates, CSRF)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_skeleton
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from sellerops import __version__
from sellerops.core import i18n
from sellerops.web import messages, page_messages  # noqa: F401  (registers the page texts)

HERE = Path(__file__).parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,  # a typo in a template fails the tests instead of rendering ""
    trim_blocks=True,
    lstrip_blocks=True,
)
env.tests["finite"] = math.isfinite  # endless cover (no demand) reads "–", never "∞"


def static_url(path: str) -> str:
    """URL of a vendored asset, with the version so browsers refetch after an upgrade."""
    return f"/static/{path}?v={__version__}"


@functools.lru_cache(maxsize=4096)  # charts label ~120 days per page; Babel is slow at it
def short_day(value: date, lang: str) -> str:
    return format_skeleton("MMMd", value, locale=i18n.LOCALES[lang])


def helpers(lang: str) -> dict[str, Callable[..., Any]]:
    """The functions templates use for every text, number, amount and date a person reads."""

    def _(key: str, /, **params: Any) -> str:
        return i18n.t(key, lang, **params)

    def money(amount: Decimal | float, currency: str) -> str:
        return i18n.money(amount, currency, lang)

    def number(value: Decimal | float | int, digits: int = 0) -> str:
        return i18n.number(value, lang, digits)

    def day(value: date) -> str:
        return i18n.day(value, lang)

    return {
        "_": _,
        "money": money,
        "number": number,
        "percent": lambda v: i18n.percent(v, lang),
        "day": day,
        "short_day": lambda v: short_day(v, lang),
        "static": static_url,
        "has_message": i18n.has_message,
    }


def render(
    request: Request,
    name: str,
    *,
    lang: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    context.setdefault("csrf", None)
    context.setdefault("principal", None)
    context.setdefault("stores", [])
    context.setdefault("store", None)
    html = env.get_template(name).render(
        request=request,
        lang=lang,
        html_lang=i18n.LOCALES[lang].replace("_", "-"),
        **helpers(lang),
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers=headers)
