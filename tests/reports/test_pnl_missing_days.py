"""Days no order report or settlement covers are not "0 profit": the reports and the Profit
page show "–" for a period without such data, name the days left out (en/zh), and do not
compare profit across periods that are not covered alike (a week with 2 of 7 days of orders
used to read as profit -73 % against the week before)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from sqlalchemy import Engine

from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.finance.reports import Report, build_report
from sellerops.reports.render import render_html
from sellerops.web.profit_page import profit_view
from tests import factories as f
from tests.factories import AS_OF

LATER = AS_OF + timedelta(days=2)  # Business Reports run 2 days past the orders


def _store(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.orders(s, store, "SKU-1", per_day=4, days=40, price="30.00")
        f.product(s, store, "SKU-1", "B0SKU00001")
        f.history(s, store, "B0SKU00001", days=42, units=4, end=LATER + timedelta(days=1))


def _report(engine: Engine, kind: str) -> Report:
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        return build_report(session=s, store=store, kind=kind, day=LATER, currency="USD")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _pnl_table(text: str, lang: str) -> str:
    head = "Profit and loss" if lang == "en" else "利润表 项目"
    return text[text.index(head) :][:400]


def test_a_day_without_orders_or_settlement_shows_no_profit_rather_than_zero(
    engine: Engine,
) -> None:
    _store(engine)
    report = _report(engine, "daily")
    kpis = {k.key: k for k in report.kpis}
    assert kpis["sales"].now is not None and kpis["sales"].now > 0  # the Business Report
    assert kpis["profit"].now is None and kpis["margin"].now is None
    assert report.pnl_missing == [LATER] and not report.pnl_known
    for lang in ("en", "zh"):
        text = _text(render_html(report, lang))
        table = _pnl_table(text, lang)
        assert "$0.00" not in table and "–" in table
        assert i18n.day(LATER, lang) in text
    assert "No order report or settlement covers" in _text(render_html(report, "en"))
    assert "没有任何订单报告或结算覆盖" in _text(render_html(report, "zh"))


def test_a_week_partly_without_orders_is_not_compared_with_a_full_one(engine: Engine) -> None:
    _store(engine)
    report = _report(engine, "weekly")
    kpis = {k.key: k for k in report.kpis}
    assert report.pnl_missing == [AS_OF + timedelta(days=1), LATER]
    assert kpis["profit"].now is not None and kpis["profit"].now > 0  # the 5 covered days
    assert kpis["profit"].previous is None  # no "-29 %" from 5 days against 7
    en, zh = _text(render_html(report, "en")), _text(render_html(report, "zh"))
    assert "Profit is not compared with the previous period" in en
    assert "利润未与上期" in zh
    assert "not counted as 0" in en and "不按 0 计算" in zh


def test_the_profit_page_names_the_days_it_leaves_out(engine: Engine) -> None:
    _store(engine)
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        week = profit_view(session=s, store_id=store.id, currency="USD", period="week", end=LATER)
        day = profit_view(session=s, store_id=store.id, currency="USD", period="day", end=LATER)
        full = profit_view(session=s, store_id=store.id, currency="USD", period="day", end=AS_OF)
    assert week.missing == [AS_OF + timedelta(days=1), LATER] and week.known
    assert week.missing_runs == [(AS_OF + timedelta(days=1), LATER)]
    assert day.missing == [LATER] and not day.known
    assert full.missing == [] and full.known
