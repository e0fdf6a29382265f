"""A refused file's "Rows read" in the web history: what ``imports --json`` says (the rows
read before the refusal, 0 when none was), with a note that none of them was imported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sellerops.cli import finance_commands
from tests.web.conftest import Seeded, sign_in

DATA = Path(__file__).parents[1] / "data" / "ingest"

cli = typer.Typer()


@cli.callback()
def _root() -> None:
    """sellerops (imports)."""


cli.command("imports")(finance_commands.imports)


def _json_rows_read(seeded: Seeded) -> dict[str, int]:
    from sellerops.core.config import get_settings

    get_settings.cache_clear()
    url = seeded.engine.url.render_as_string(hide_password=False)
    try:
        result = CliRunner().invoke(cli, ["imports", "--json"],
                                    env={"SELLEROPS_DATABASE_URL": url})  # fmt: skip
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    return {Path(r["file"]).name: r["rows_read"] for r in json.loads(result.stdout)}


def _web_rows_read(history: str) -> dict[str, str]:
    rows = re.findall(r'<tr class="batch status-failed">(.*?)</tr>', history, re.S)
    found = {}
    for row in rows:
        name = re.search(r"<code>([^<]+)</code>", row)
        cells = re.findall(r'<td class="num[^"]*"[^>]*>([^<]*)</td>', row)
        assert name is not None and cells
        found[name[1]] = cells[0]  # the first number: rows read
    return found


def test_refused_files_show_the_rows_read_that_imports_json_says(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    csrf = sign_in(client, app, world.users["operator"])
    files = [
        ("report.csv", (DATA / "BusinessReport_US_2026-11-26.csv").read_bytes()),  # no date
        ("junk.csv", b"foo,bar\n1,2\n3,4\n"),  # no report sellerops knows: nothing read
    ]
    for name, content in files:
        client.post(f"/stores/{world.store_a}/imports", data={"csrf_token": csrf},
                    files=[("files", (name, content, "text/csv"))])  # fmt: skip
    page = client.get(f"/stores/{world.store_a}/imports").text
    history = page.split('id="import-history"')[1]

    json_read = _json_rows_read(seeded)
    web_read = _web_rows_read(history)
    assert json_read["report.csv"] > 0 and json_read["junk.csv"] == 0
    assert web_read == {name: str(json_read[name]) for name in ("report.csv", "junk.csv")}
    # the number is explained: read, then refused, nothing imported
    read = json_read["report.csv"]
    assert f"{read} rows read, then the file was refused: none was imported." in history
    assert history.count('class="muted small read-refused"') == 1  # not for the junk file
