"""``reconcile`` speaks the reader's language (headings, checks, sources, reasons) while
``reconcile --json`` keeps its stable English keys and gives money to the cent."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sellerops.cli.app import app
from sellerops.core.config import get_settings
from sellerops.finance.reconcile import REASONS, REASONS_ZH
from tests.ingest.helpers import DATA

FINANCE = DATA / "finance"
runner = CliRunner()


def _run(db_url: str, *args: str) -> tuple[int, str]:
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "250"}
    try:
        result = runner.invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()
    return result.exit_code, result.stdout


def _imported(db_url: str) -> None:
    for name in ("AllOrders_US_2026-11-20.txt", "BusinessReport_US_2026-11-20.csv",
                 "Settlement_V2_US.txt"):  # fmt: skip
        code, out = _run(db_url, "import", str(FINANCE / name))
        assert code == 0, out


def test_reconcile_in_chinese_has_no_english_heading_or_reason(db_url: str) -> None:
    _imported(db_url)

    code, out = _run(db_url, "--lang", "zh", "reconcile")

    assert code == 0, out
    for heading in ("核对项", "日期", "对象", "各自数字", "差额", "可能原因"):
        assert heading in out
    # Before: "check  day  subject  says  differs by  likely reason" and English reasons.
    for english in ("likely reason", "differs by", "order report", "Business Report counts",
                    "not yet covered", "All Orders"):  # fmt: skip
        assert english not in out, english
    assert REASONS_ZH["cancelled"] in out
    assert "订单 113-0000009-0000009，SKU NOZZLE-8" in out


def test_every_reason_has_its_chinese_text() -> None:
    assert REASONS_ZH.keys() == REASONS.keys()


def test_reconcile_json_keeps_english_and_gives_money_to_the_cent(db_url: str) -> None:
    _imported(db_url)

    code, out = _run(db_url, "--lang", "zh", "reconcile", "--json")

    assert code == 0, out
    (store,) = json.loads(out)["stores"]
    money = [d for d in store["differences"] if d["currency"]]
    units = [d for d in store["differences"] if not d["currency"]]
    assert money and units
    for d in money:  # before: "39.9900" (the database's four places)
        for key in ("left", "right", "difference"):
            assert len(d[key].partition(".")[2]) == 2, d
    assert all("." not in d["left"] + d["right"] for d in units)
    reasons = {d["reason"] for d in store["differences"]}
    assert reasons <= set(REASONS.values())
