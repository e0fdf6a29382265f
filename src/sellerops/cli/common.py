"""What every command shares: settings, language, console, the migrated engine."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from sellerops.core import i18n

if TYPE_CHECKING:  # imported when a command runs, not to print the help (start-up time)
    from sqlalchemy import Engine

    from sellerops.core.config import Settings


def count(value: int, lang: str) -> str:
    """A count of units, rows, files with digit groups: ``6,551``."""
    return i18n.number(value, lang, digits=0)


def cell(value: object, lang: str) -> str:
    """A table cell: counts with digit groups, fractions to two places, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return count(value, lang)
    if isinstance(value, float):
        return i18n.number(value, lang, digits=2)
    return str(value)


@dataclass
class Ctx:
    settings: Settings
    lang: str
    console: Console
    err: Console


class _State:
    lang_option: str | None = None

    def ctx(self) -> Ctx:
        from pydantic import ValidationError

        from sellerops.core.config import get_settings

        try:
            settings = get_settings()
        except ValidationError as exc:  # a SELLEROPS_* variable the settings refuse
            lang = i18n.resolve_lang(self.lang_option, None)
            err = console(stderr=True)
            for problem in exc.errors():
                name = "SELLEROPS_" + "_".join(str(p) for p in problem["loc"]).upper()
                label = "设置有误" if lang == "zh" else "Invalid setting"
                err.print(f"{label}: {name}: {problem['msg'].removeprefix('Value error, ')}")
            raise typer.Exit(2) from None
        lang = i18n.resolve_lang(self.lang_option, settings.lang)
        return Ctx(settings, lang, console(), console(stderr=True))


#: Width of tables written to a file or a pipe (Rich would assume 80 columns and squeeze
#: money and dates into "$15,…"); a terminal's own width is used as it is.
PIPE_WIDTH = 160


def console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    wide = not stream.isatty() and not os.environ.get("COLUMNS")
    return Console(stderr=stderr, width=PIPE_WIDTH if wide else None)


state = _State()


def open_engine(ctx: Ctx) -> tuple[Engine, bool]:
    """The configured database, migrated to the newest schema (migrations run on start)."""
    from sellerops.core.db import make_engine
    from sellerops.core.migrate import upgrade

    ctx.settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(ctx.settings.effective_database_url)
    try:
        applied = upgrade(engine)
    except Exception as exc:
        fail(ctx, i18n.t("cli.db_error", ctx.lang, url=ctx.settings.masked_database_url, err=exc))
    return engine, applied


def fail(ctx: Ctx, message: str, code: int = 1) -> NoReturn:
    """Print ``message`` (in the reader's language) as the error and exit."""
    ctx.err.print(
        f"[bold red]{i18n.t('cli.error', ctx.lang)}[/] {escape(message)}",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(code)


def parse_day(ctx: Ctx, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(ctx, i18n.t("cli.bad_date", ctx.lang, value=value))


def acting_user(session: Any, by: str | None) -> str:
    """Who the change log names, the same for every command that logs who did something (``ads approve``, ``ads bulkfile``,
    ``ads deals add``): ``--by``, else
    ``SELLEROPS_USER``, else the database's only active sellerops user (a solo set-up); a name
    that is a sellerops user's email is recorded as that user's email. Only when none of these
    says who acts is it the operating-system login."""
    import getpass

    from sqlalchemy import select

    from sellerops.accounts.models import User
    from sellerops.accounts.service import find_user
    from sellerops.core.config import get_settings

    name = (by or get_settings().user or "").strip()
    if name:
        user = find_user(session=session, email=name) if "@" in name else None
        return user.email if user is not None else name
    active = session.scalars(select(User.email).where(User.is_active.is_(True)).limit(2)).all()
    return active[0] if len(active) == 1 else getpass.getuser()
