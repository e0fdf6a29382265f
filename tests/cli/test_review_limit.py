"""``--limit`` of the terminal review: 0 lists every finding; a cut list says how to see the rest."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from sellerops.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout


def _ranks(out: str) -> list[int]:
    return [int(m) for m in re.findall(r"^\s*(\d+)\. ", out, flags=re.M)]


def test_limit_zero_lists_every_finding_and_a_cut_list_says_how_to_see_the_rest(
    tmp_path: Path,
) -> None:
    code, out = run("demo", "--skus", "16", "--days", "60", "--limit", "2")
    assert code == 0, out
    assert _ranks(out) == [1, 2]
    assert "more: `sellerops review --limit 0` lists them all" in out and "Today page" in out
    total = len(json.loads(run("review", "--json")[1])["findings"])
    assert total > 3
    code, out = run("review", "--limit", "0")
    assert code == 0
    assert _ranks(out) == list(range(1, total + 1))
    assert "more:" not in out and "… +" not in out
    code, out = run("--lang", "zh", "review", "--limit", "3")
    assert _ranks(out) == [1, 2, 3]
    assert f"另有 {total - 3} 项未列出" in out and "sellerops review --limit 0" in out
