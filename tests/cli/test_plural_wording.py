"""English counts are singular or plural as the number asks ("1 settlement", not
"1 settlements" nor "1 recommendation(s)"); Chinese has no plural."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from sellerops.cli import ads_commands, data_commands, finance_commands  # noqa: F401  (ads texts)
from sellerops.core import i18n

FINANCE = Path(__file__).parents[1] / "data" / "ingest" / "finance"

app = typer.Typer()


@app.callback()
def _root() -> None:
    """sellerops (reconcile)."""


app.command("import")(data_commands.import_reports)
app.command("reconcile")(finance_commands.reconcile_command)
runner = CliRunner()


def _run(db_url: str, *args: str, lang: str = "en") -> str:
    from sellerops.core.config import get_settings

    get_settings.cache_clear()
    env = {"SELLEROPS_DATABASE_URL": db_url, "SELLEROPS_LANG": lang, "COLUMNS": "250"}
    try:
        result = runner.invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_reconcile_says_1_settlement(db_url: str) -> None:
    _run(db_url, "import", str(FINANCE / "Settlement_V2_US.txt"))
    en = _run(db_url, "reconcile", "--store", "US")
    assert "1 settlement," in en and "1 settlements" not in en
    assert "0 days," in en and "0 date-range Business Reports compared" in en
    zh = _run(db_url, "reconcile", "--store", "US", lang="zh")
    assert "1 笔结算" in zh and "比较了" in zh


def test_ads_cli_messages_count_in_the_singular_and_plural() -> None:
    one = i18n.t("ads.decided", "en", count=1, status="approved", actor="ana")
    assert one == "1 recommendation approved by ana."
    two = i18n.t("ads.decided", "en", count=2, status="approved", actor="ana")
    assert two == "2 recommendations approved by ana."
    assert i18n.t("ads.revert_needs_ids", "en", count=1).startswith(
        "Note: 1 row of the revert file archives"
    )
    assert i18n.t("ads.revert_needs_ids", "en", count=3).startswith(
        "Note: 3 rows of the revert file archive"
    )
    assert "1 change written" in i18n.t("ads.exported", "en", count=1, out="a", revert="b")
    for key in ("ads.decided", "ads.revert_needs_ids", "ads.exported"):
        text = i18n.t(key, "zh", count=1, status="批准", actor="ana", out="a", revert="b")
        assert "(s)" not in text and "1" in text
