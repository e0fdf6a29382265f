"""What a new user saw contradict itself in the review: a suppressed listing and the sales
drop of its ASIN counted twice, a partial newest day moving the store's "today",
acknowledged findings still counted as new, a snooze default already in the past, and one
day of sales averaged over 28."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sellerops.catalog import checks as catalog_checks
from sellerops.catalog import listing_checks, performance
from sellerops.catalog.listing_models import ListingContent
from sellerops.cli import app
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily import overlap, present
from sellerops.daily import service as daily
from sellerops.daily.context import ReviewContext
from sellerops.daily.finding import Finding
from sellerops.daily.models import FindingRow
from tests import factories as f
from tests.factories import AS_OF


def _listing(rule: str, entity: str = "SKU-PET1", asin: str | None = "B0PET00001") -> Finding:
    return Finding("catalog", "listing_quality", "high", "sku", entity, Decimal("441.21"), "USD",
                   money_period="day", evidence={"asin": asin, "rule": rule})  # fmt: skip


DROP = Finding("catalog", "sales_drop", "high", "asin", "B0PET00001", Decimal("459.77"), "USD",
               money_period="day")  # fmt: skip


def test_a_suppressed_listing_shares_the_money_of_its_asins_sales_drop() -> None:
    suppressed = _listing("suppressed")
    # linked through the catalog's SKU -> ASIN, or the finding's own ASIN evidence
    assert overlap.overlaps([DROP, suppressed], {"SKU-PET1": "B0PET00001"}) == {
        suppressed.key: DROP.key
    }
    assert overlap.overlaps([DROP, suppressed], {}) == {suppressed.key: DROP.key}
    totals = present.money_totals([(DROP, None), (suppressed, DROP.key)])
    assert totals.monthly == Decimal("459.77") * 30  # counted once
    # a rule that only costs conversion is money of its own
    images = _listing("too_few_images")
    assert overlap.overlaps([DROP, images], {"SKU-PET1": "B0PET00001"}) == {}
    # another product's listing is not linked
    other = _listing("suppressed", entity="SKU-OTHER", asin="B0OTHER001")
    assert overlap.overlaps([DROP, other], {}) == {}


def _days(s: Session, store: Store, asins: list[str], first: date, last: date) -> None:
    day = first
    while day <= last:
        for a in asins:
            f.traffic(s, store, a, day, units=10)
        day += timedelta(days=1)


ASINS = [f"B0FULL{k:04d}" for k in range(20)]


def test_a_partial_newest_day_is_not_the_stores_today(engine: Engine) -> None:
    partial = AS_OF + timedelta(days=1)
    with unit_of_work(engine) as s:
        store = f.store(s)
        _days(s, store, ASINS, AS_OF - timedelta(days=27), AS_OF)
        f.traffic(s, store, ASINS[0], partial, units=12)  # one SKU's report for the newest day
        s.flush()
        assert performance.latest_day(session=s, store_id=store.id) == AS_OF
        assert performance.latest_day(session=s, store_id=store.id, complete=False) == partial
        gap = performance.incomplete_day(session=s, store_id=store.id, day=partial)
        assert gap is not None and gap.asins == 1 and gap.usual_asins == 20
        assert performance.incomplete_day(session=s, store_id=store.id, day=AS_OF) is None
        # the review of the last complete day names the incomplete one
        (note,) = catalog_checks.incomplete_day(ReviewContext(s, store, AS_OF))
        assert note.entity == partial.isoformat()
        assert note.evidence["day_asins"] == 1 and note.evidence["usual_asins"] == 20
        assert partial.isoformat() in note.title("en") and AS_OF.isoformat() in note.title("en")
        assert "不完整" in note.title("zh")
        # reviewing the partial day itself: the ASINs it lacks did not "fall 100%"
        drops = catalog_checks.sales_drop(ReviewContext(s, store, partial))
        assert drops == []
        # a complete newest day is the store's today
        _days(s, store, ASINS[1:], partial, partial)
        s.flush()
        assert performance.latest_day(session=s, store_id=store.id) == partial
        assert catalog_checks.incomplete_day(ReviewContext(s, store, AS_OF)) == []


def test_a_newest_day_missing_asins_is_still_a_sales_drop_day_when_complete(
    engine: Engine,
) -> None:
    """One ASIN missing from an otherwise full day is a real drop, not a partial report."""
    with unit_of_work(engine) as s:
        store = f.store(s)
        _days(s, store, ASINS, AS_OF - timedelta(days=28), AS_OF - timedelta(days=1))
        _days(s, store, ASINS[1:], AS_OF, AS_OF)
        s.flush()
        assert performance.latest_day(session=s, store_id=store.id) == AS_OF
        drops = catalog_checks.sales_drop(ReviewContext(s, store, AS_OF))
    assert [d.entity for d in drops] == [ASINS[0]]


def test_listing_daily_sales_divide_by_the_days_with_data(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-NEW01", "B0NEW00001", title="Acme Widget")
        s.add(ListingContent(store_id=store.id, sku="SKU-NEW01", asin="B0NEW00001",
                             title="Acme Widget", suppressed=True, status="Suppressed",
                             source="suppressed_report"))  # fmt: skip
        # one day of data, the day before the review (nothing sold on the review day)
        f.traffic(s, store, "B0NEW00001", AS_OF - timedelta(days=1), units=5, price="37.54")
        s.flush()
        (finding,) = listing_checks.listing_quality(ReviewContext(s, store, AS_OF))
    assert finding.evidence["daily_sales"] == pytest.approx(187.70)  # not 187.70 / 28
    assert finding.evidence["daily_sales_days"] == 1
    assert finding.money_at_stake == Decimal("187.70")


def test_acknowledged_findings_are_no_longer_new_and_the_assignee_shows(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sellerops.daily import registry

    found = [
        Finding("inventory", "test_a", "high", "sku", "SKU-A", Decimal("10"), "USD"),
        Finding("inventory", "test_b", "high", "sku", "SKU-B", Decimal("5"), "USD"),
    ]
    registry.load_domain_checks()
    monkeypatch.setattr(registry, "_CHECKS",
                        {"ads.fixed": registry.Check("ads", "fixed", lambda ctx: found)})  # fmt: skip
    with unit_of_work(engine) as s:
        store = f.store(s)
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
        first = review.items[0]
        daily.set_status(session=s, finding_id=first.id, status="acknowledged")
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
        by_id = {i.id: i for i in review.items}
        assert not by_id[first.id].is_new(AS_OF)
        assert present.count_text(review, "$0", "en").startswith(
            "2 findings: 1 new, 1 acknowledged, 0 seen before"
        )
        assert present.count_text(review, "$0", "zh").startswith("共 2 项：新增 1 项，已确认 1 项")
        assert [d["new"] for d in present.review_to_dict(review, "en")["findings"]] == [
            False,
            True,
        ]


def test_the_default_snooze_is_a_week_after_the_later_of_today_and_the_review_day() -> None:
    stale = date(2026, 1, 10)
    today = date(2026, 3, 1)
    assert daily.snooze_default(stale, today) == date(2026, 3, 8)  # not Jan 17, already past
    assert daily.snooze_default(date(2026, 3, 5), today) == date(2026, 3, 12)


def test_cli_review_shows_status_and_assignee_and_snooze_defaults(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sellerops.accounts.models import User
    from sellerops.daily import registry

    found = [Finding("inventory", "test_a", "high", "sku", "SKU-A", Decimal("10"), "USD")]
    registry.load_domain_checks()
    monkeypatch.setattr(registry, "_CHECKS",
                        {"ads.fixed": registry.Check("ads", "fixed", lambda ctx: found)})  # fmt: skip
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.traffic(s, store, "B0ANY00001", AS_OF, units=3)
        user = User(email="ops@example.com", display_name="Ops", password_hash="x",
                    is_owner=True, is_active=True)  # fmt: skip
        s.add(user)
        s.flush()
        (item,) = daily.run_review(session=s, store=store, as_of=AS_OF).items
        daily.set_status(session=s, finding_id=item.id, status="acknowledged")
        daily.assign(session=s, finding_id=item.id, user_id=user.id)
        finding_id = item.id
    runner = CliRunner()
    env = {"SELLEROPS_DATABASE_URL": db_url, "COLUMNS": "250"}
    out = runner.invoke(app, ["--lang", "en", "review"], env=env)
    assert out.exit_code == 0, out.output
    assert "1 finding: 0 new, 1 acknowledged" in out.output
    assert "NEW" not in out.output
    assert "assigned to ops@example.com" in out.output
    out = runner.invoke(app, ["--lang", "en", "finding", "snooze", str(finding_id)], env=env)
    assert out.exit_code == 0, out.output
    with unit_of_work(engine) as s:
        row = s.get(FindingRow, finding_id)
        assert row is not None and row.status == "snoozed"
        assert row.snoozed_until == daily.snooze_default(AS_OF)
        assert row.snoozed_until > date.today()
