"""``sellerops template NAME``: a CSV template for data Amazon has no report for.

The sheets (costs, suppliers, purchase-orders, exchange-rates, reviews) are defined in
:mod:`sellerops.ingest.templates`; a filled-in sheet is imported with ``sellerops import``,
which recognises it by its headers, English or Chinese.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sellerops.cli.common import fail, state
from sellerops.core import i18n

#: The sheets of :data:`sellerops.ingest.templates.TEMPLATES`, written out so that the help
#: needs no import of the importer (tests/cli/test_startup.py checks that they agree).
NAMES = (
    "costs, suppliers, purchase-orders, exchange-rates, reviews, shipments, freight-invoices, "
    "listings, warehouse-stock, fba-capacity, deals"
)

i18n.register_messages(
    {
        "template.written": {
            "en": "Template {name} written to {path}. Fill it in (the example row, marked "
            '"# example", is never imported), then: sellerops import {path}',
            "zh": "模板 {name} 已写入 {path}。填写后导入（标有“# 示例”的示例行不会被导入）："
            "sellerops import {path}",
        },
        "template.bad_lang": {
            "en": "--lang must be en or zh, not {lang!r}",
            "zh": "--lang 只能是 en 或 zh，而不是 {lang!r}",
        },
    }
)


def template(
    name: Annotated[
        str,
        typer.Argument(help=NAMES),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file (default: print it)")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Header language, en or zh (default: the interface's)"),
    ] = None,
) -> None:
    """Write a CSV template (headers and one example row) for a sheet sellerops imports."""
    from sellerops.ingest import templates

    ctx = state.ctx()
    language = (lang or ctx.lang).lower()
    if language not in templates.LANGS:
        fail(ctx, i18n.t("template.bad_lang", ctx.lang, lang=lang))
    try:
        chosen = templates.get_template(name)
    except templates.UnknownTemplateError as exc:
        fail(ctx, str(exc))
    if out is None:
        typer.echo(templates.render(chosen.name, language), nl=False)
        return
    try:
        templates.write(chosen.name, out, language)
    except OSError as exc:
        fail(ctx, f"{out}: {exc.strerror or exc}")
    ctx.err.print(
        escape(i18n.t("template.written", ctx.lang, name=chosen.name, path=out)),
        highlight=False,
        soft_wrap=True,
    )
