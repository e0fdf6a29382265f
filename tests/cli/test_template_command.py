"""``sellerops template NAME``: prints or writes a sheet template in English or Chinese.

The command is registered in the app by the CLI module; here it runs in an app of its own.
"""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from sellerops.cli.template_command import template

app = typer.Typer()


@app.callback()
def _root() -> None:
    """Group, so that ``template`` is a subcommand as in the real app."""


app.command()(template)
runner = CliRunner()


def test_without_out_the_template_is_printed() -> None:
    result = runner.invoke(app, ["template", "exchange-rates", "--lang", "en"])

    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["date,from_currency,to_currency,rate",
                                          "# example: 2026-11-26,USD,CNY,7.1234"]  # fmt: skip


def test_out_writes_the_file_and_says_how_to_import_it(tmp_path: Path) -> None:
    out = tmp_path / "po.csv"
    result = runner.invoke(app, ["template", "purchase-orders", "--out", str(out), "--lang", "zh"])

    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").startswith("采购单号,供应商,SKU,数量")
    assert f"sellerops import {out}" in result.stderr


def test_an_unknown_template_or_language_is_an_error() -> None:
    unknown = runner.invoke(app, ["template", "invoices", "--lang", "en"])
    assert unknown.exit_code == 1
    assert "no template named 'invoices'" in unknown.stderr
    bad_lang = runner.invoke(app, ["template", "costs", "--lang", "fr"])
    assert bad_lang.exit_code == 1
    assert "--lang must be en or zh" in bad_lang.stderr
