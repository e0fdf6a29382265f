"""What the weekly report must not claim: a year-ago line without year-ago data, refunds of
0 on days no settlement covers yet, snoozed problems among the open ones, titles cut
mid-word."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.models import FindingRow
from sellerops.finance import service as finance
from sellerops.finance.reports import Report, build_report
from sellerops.ingest.service import import_file
from sellerops.reports.charts import sales_svg
from sellerops.reports.render import render_html, settlement_cover, shorten
from tests.ingest.helpers import DATA

DAY = date(2026, 11, 26)


def test_titles_are_cut_at_a_word_boundary_and_chinese_between_characters() -> None:
    title = "Acme Leak-Proof Dog Leash, Upgraded Version, Blue"
    short = shorten(title, 48)
    assert short == "Acme Leak-Proof Dog Leash, Upgraded Version…"
    assert shorten("Acme Yoga Mat", 48) == "Acme Yoga Mat"  # fits: untouched
    assert shorten("A" * 60, 20) == "A" * 19 + "…"  # one long word: cut inside it
    assert shorten("Big " + "B" * 60, 20) == "Big " + "B" * 15 + "…"  # not just "Big…"
    zh = "宠物自动喂食器大容量定时定量智能喂食器双碗不锈钢猫狗通用"
    assert shorten(zh, 20) == zh[:9] + "…"  # a CJK character is two columns wide


def _money(value: Decimal) -> str:
    return f"${value}"


def test_the_year_ago_line_is_drawn_only_through_days_with_year_ago_data() -> None:
    days: list[tuple[date, Decimal, Decimal | None]] = [
        (DAY - timedelta(days=6 - i), Decimal(100 + i), None) for i in range(7)
    ]
    assert "last-year" not in sales_svg(days, _money, "en")  # no data: no line at all
    partly = [(d, s, Decimal(80) if i >= 4 else None) for i, (d, s, _) in enumerate(days)]
    svg = str(sales_svg(partly, _money, "en"))
    lines = re.findall(r'class="last-year" points="([^"]+)"', svg)
    assert len(lines) == 1 and len(lines[0].split()) == 3  # the three days with data only


def _store(engine: Engine) -> None:
    for name in ("AllOrders_US_2026-11-20.txt", "BusinessReport_US_2026-11-20.csv",
                 "Settlement_V2_US.txt"):  # fmt: skip
        assert import_file(engine=engine, path=DATA / "finance" / name).status == "imported"
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        line = {"store_id": store.id, "source_id": "R1", "line_no": 1, "posted_day": DAY,
                "transaction_type": "Refund", "sku": "NOZZLE-8", "quantity": 1,
                "amount_type": "ItemPrice", "amount_description": "Principal",
                "amount": Decimal("-10.00"), "currency": "USD"}  # fmt: skip
        finance.save_fee_lines(session=session, lines=[line])


def _weekly(engine: Engine, day: date) -> Report:
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        return build_report(session=session, store=store, kind="weekly", day=day, currency="USD")


def _row(html: str, name: str) -> str:
    found = re.search(rf"<tr><td>{name}.*?</tr>", html, re.DOTALL)
    assert found is not None, name
    return found.group(0)


def test_refunds_are_not_shown_as_zero_on_days_no_settlement_covers(engine: Engine) -> None:
    _store(engine)
    settled = _weekly(engine, DAY)
    assert settled.settled_through == DAY and settlement_cover(DAY, settled.period) == "all"
    assert "-$29.99" in _row(render_html(settled, "en"), "Refunds")  # $19.99 + $10.00

    later = _weekly(engine, DAY + timedelta(days=7))  # Nov 27 - Dec 3: nothing settled yet
    assert settlement_cover(later.settled_through, later.period) == "none"
    row = _row(render_html(later, "en"), "Refunds")
    assert "$0.00" not in row and "–" in row and "†" in row  # unknown, not zero
    assert "-$29.99" in row  # the previous week, settled, keeps its refunds
    assert "only from settlements" in render_html(later, "en")
    assert "只来自结算" in render_html(later, "zh")


def test_a_snoozed_problem_stays_out_of_the_report_until_its_snooze_ends(
    engine: Engine,
) -> None:
    _store(engine)
    with unit_of_work(engine) as session:
        store = session.scalars(select(Store)).one()
        for n, (status, until) in enumerate((("new", None), ("snoozed", DAY + timedelta(days=3)),
                                             ("snoozed", DAY - timedelta(days=2)),
                                             ("done", None), ("acknowledged", None))):  # fmt: skip
            session.add(FindingRow(
                store_id=store.id, finding_key=f"k{n}", module="catalog", kind="buy_box_lost",
                severity="high", entity_type="asin", entity=f"B0SNOOZE0{n}", params={},
                evidence={}, money_at_stake=Decimal(5), money_period="day", currency="USD",
                score=10.0 - n, first_seen=DAY - timedelta(days=5), last_seen=DAY,
                status=status, snoozed_until=until,
            ))  # fmt: skip
    report = _weekly(engine, DAY)
    assert [p.entity for p in report.problems] == ["B0SNOOZE00", "B0SNOOZE02", "B0SNOOZE04"]
    html = render_html(report, "en")
    assert "B0SNOOZE01" not in html and "B0SNOOZE03" not in html
    assert "3 open problems" in html and "$450.00 per month" in html  # 3 x $5 a day x 30
