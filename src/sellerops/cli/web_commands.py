"""``sellerops serve`` and ``sellerops user add`` (registered by :mod:`sellerops.cli.app`)."""

from __future__ import annotations

import ipaddress
import sys
from typing import Annotated, Any

import typer

from sellerops.cli.common import Ctx, fail, open_engine, state
from sellerops.core import i18n

i18n.register_messages(
    {
        "user.created": {
            "en": "User {email} created ({role}{stores}).",
            "zh": "已创建用户 {email}（{role}{stores}）。",
        },
        "user.password": {"en": "Password", "zh": "密码"},
        "user.no_password": {
            "en": "no password given: type it at the prompt, or pipe it with --password-stdin",
            "zh": "未提供密码：请在提示时输入，或用 --password-stdin 从标准输入传入",
        },
        "user.needs_store": {
            "en": "a {role} needs at least one --store (owners see every store)",
            "zh": "{role} 角色至少需要一个 --store（所有者可查看全部店铺）",
        },
        "user.bad_role": {
            "en": "role must be one of: owner, manager, operator, viewer",
            "zh": "角色必须是 owner、manager、operator、viewer 之一",
        },
        "serve.start": {
            "en": "sellerops web on http://{host}:{port}  (database: {url})",
            "zh": "sellerops 网页服务：http://{host}:{port}（数据库：{url}）",
        },
        "serve.exposed": {
            "en": "Warning: listening on {host} without TLS. Put it behind an https proxy "
            "(and set SELLEROPS_BEHIND_PROXY=1) before others can reach it.",
            "zh": "警告：在 {host} 上以无 TLS 方式监听。请置于 https 反向代理之后"
            "（并设置 SELLEROPS_BEHIND_PROXY=1）再开放访问。",
        },
    }
)


def user_add(
    email: Annotated[str, typer.Argument(help="The person's email; they sign in with it")],
    role: Annotated[
        str, typer.Option("--role", help="owner (every store), manager, operator or viewer")
    ] = "operator",
    store: Annotated[
        list[str] | None, typer.Option("--store", help="Store name to grant (repeatable)")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name")] = None,
    user_lang: Annotated[str, typer.Option("--user-lang", help="en or zh: their pages")] = "en",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Create a user (asks for the password when run interactively)."""
    from sellerops.accounts import service as accounts
    from sellerops.accounts.models import ROLES
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import StoreNotFoundError, get_store

    ctx = state.ctx()
    if role not in ROLES:
        fail(ctx, i18n.t("user.bad_role", ctx.lang))
    stores = store or []
    if role != "owner" and not stores:
        fail(ctx, i18n.t("user.needs_store", ctx.lang, role=role))
    password = _read_password(ctx, password_stdin)
    engine, _ = open_engine(ctx)
    try:
        with unit_of_work(engine) as session:
            user = accounts.create_user(
                session=session,
                email=email,
                password=password,
                display_name=name,
                lang=user_lang,
                is_owner=role == "owner",
            )
            for store_name in stores if role != "owner" else []:
                the_store = get_store(session=session, name=store_name)
                accounts.grant(session=session, user=user, store=the_store, role=role)
    except StoreNotFoundError as exc:
        fail(ctx, exc.text(ctx.lang))
    except accounts.AccountError as exc:
        fail(ctx, str(exc))
    listed = (": " + ", ".join(stores)) if stores else ""
    ctx.console.print(
        i18n.t("user.created", ctx.lang, email=user.email, role=role, stores=listed),
        highlight=False,
    )


def _read_password(ctx: Ctx, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        fail(ctx, i18n.t("user.no_password", ctx.lang))
    value: str = typer.prompt(
        i18n.t("user.password", ctx.lang), hide_input=True, confirmation_prompt=True
    )
    return value


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Server processes (about one per core)")
    ] = 1,
) -> None:
    """Start the web app (pages and /api/v1) on the configured database."""
    from sellerops.web.app import create_app
    from sellerops.web.server import run as run_server
    from sellerops.web.settings import load_web_settings

    ctx = state.ctx()
    engine, _ = open_engine(ctx)  # migrations run here, before the first request
    web = load_web_settings()
    if not _is_loopback(host) and not web.behind_proxy:
        ctx.err.print(i18n.t("serve.exposed", ctx.lang, host=host), style="yellow")
    ctx.console.print(
        i18n.t("serve.start", ctx.lang, host=host, port=port, url=ctx.settings.masked_database_url),
        highlight=False,
    )
    # Several processes each build the app from the same environment (settings are read from
    # SELLEROPS_* variables); the session signing key is shared through the data directory.
    target: Any = (
        "sellerops.web.app:create_app"
        if workers > 1
        else create_app(engine=engine, settings=ctx.settings, web_settings=web)
    )
    run_server(  # uvicorn.run, with TCP_NODELAY for several workers
        target,
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        proxy_headers=web.behind_proxy,
        forwarded_allow_ips=web.forwarded_allow_ips if web.behind_proxy else None,
        server_header=False,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
