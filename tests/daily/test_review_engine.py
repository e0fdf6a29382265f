"""The daily review: registered checks, ranking, statuses that survive to tomorrow."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.core.stores import get_store
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.finding import MODULES, Finding, score
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.daily.registry import all_checks
from tests import factories as f
from tests.factories import AS_OF


def _finding(**kw: object) -> Finding:
    base: dict[str, object] = dict(
        module="inventory",
        kind="stockout_risk",
        severity="high",
        entity_type="sku",
        entity="SKU-1",
        money_at_stake=Decimal("100"),
        currency="USD",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_finding_module_must_be_a_domain_package() -> None:
    assert "inventory" in MODULES and "catalog" in MODULES
    with pytest.raises(ValueError, match="module"):
        _finding(module="misc")


def test_key_is_stable_and_ignores_the_numbers() -> None:
    assert _finding().key == _finding(money_at_stake=Decimal("5")).key
    assert _finding().key != _finding(entity="SKU-2").key


def test_more_money_and_more_urgency_rank_higher() -> None:
    assert score(_finding(money_at_stake=Decimal("200"))) > score(_finding())
    assert score(_finding(urgency_days=2)) > score(_finding(urgency_days=40))
    per_day = _finding(money_at_stake=Decimal("10"), money_period="day")
    per_month = _finding(money_at_stake=Decimal("250"), money_period="month")
    assert score(per_day) > score(per_month)  # $300 a month beats $250 a month


def test_the_first_checks_are_registered() -> None:
    names = {c.name for c in all_checks()}
    assert {"inventory.stockout_risk", "catalog.sales_drop", "catalog.buy_box_loss"} <= names


def _store_with_problems(session):  # type: ignore[no-untyped-def]
    store = f.store(session)
    f.history(session, store, "B0HIJACK01", days=35, units=10)
    f.traffic(session, store, "B0HIJACK01", AS_OF, units=2, sessions=85, buy_box="0.30")
    f.history(session, store, "B0QUIET001", days=35, units=10)
    f.traffic(session, store, "B0QUIET001", AS_OF, units=1, sessions=3)
    f.orders(session, store, "SKU-FAST", per_day=10, days=28)
    f.snapshot(session, store, "SKU-FAST", AS_OF, fulfillable=100)
    session.flush()
    return store


def test_review_ranks_findings_and_persists_them(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
        kinds = [i.finding.kind for i in review.items]
        assert set(kinds) == {"stockout_risk", "sales_drop", "buy_box_loss"}
        scores = [i.score for i in review.items]
        assert scores == sorted(scores, reverse=True)
        assert all(i.is_new(AS_OF) for i in review.items)
        assert review.errors == {}
        data = present.review_to_dict(review, "zh")
    assert data["date"] == AS_OF.isoformat()
    for item in data["findings"]:
        assert {"module", "kind", "severity", "entity", "title", "evidence"} <= set(item)
        assert {"money_at_stake", "action"} <= set(item)
        assert item["evidence"] and item["money_at_stake"] > 0
    with unit_of_work(engine) as s:
        assert len(s.scalars(select(FindingRow)).all()) == 3
        assert s.get(ReviewRun, (store.id, AS_OF)).findings == 3  # type: ignore[union-attr]


def test_statuses_carry_over_to_the_next_day(engine: Engine) -> None:
    tomorrow = AS_OF + timedelta(days=1)
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        first = daily.run_review(session=s, store=store, as_of=AS_OF).items
        by_kind = {i.finding.kind: i for i in first}
        daily.set_status(session=s, finding_id=by_kind["stockout_risk"].id, status="acknowledged")
        daily.set_status(
            session=s,
            finding_id=by_kind["buy_box_loss"].id,
            status="snoozed",
            snoozed_until=date(2030, 1, 1),
        )
    with unit_of_work(engine) as s:
        store = get_store(session=s, name="Acme US")
        second = daily.run_review(session=s, store=store, as_of=tomorrow)
        shown = {i.finding.kind: i for i in second.items}
    assert "buy_box_loss" not in shown  # snoozed until 2030
    assert shown["stockout_risk"].status == "acknowledged"
    assert not shown["stockout_risk"].is_new(tomorrow)


def test_done_finding_that_comes_back_later_is_new_again(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        item = next(
            i
            for i in daily.run_review(session=s, store=store, as_of=AS_OF).items
            if i.finding.kind == "stockout_risk"
        )
        daily.set_status(session=s, finding_id=item.id, status="done")
        again = daily.run_review(session=s, store=store, as_of=AS_OF)  # same day: stays done
        assert "stockout_risk" not in {i.finding.kind for i in again.items}
        later = daily.run_review(session=s, store=store, as_of=AS_OF + timedelta(days=1))
        back = next(i for i in later.items if i.finding.kind == "stockout_risk")
    assert back.status == "new" and back.is_new(AS_OF + timedelta(days=1))


def test_a_failing_check_is_reported_and_the_others_still_run(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sellerops.daily import registry

    def broken(ctx: object) -> list[Finding]:
        raise RuntimeError("boom")

    monkeypatch.setitem(registry._CHECKS, "ads.broken", registry.Check("ads", "broken", broken))
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
    assert review.errors == {"ads.broken": "RuntimeError: boom"}
    assert len(review.items) == 3


def test_rerunning_a_day_drops_what_that_day_no_longer_shows(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        first = daily.run_review(session=s, store=store, as_of=AS_OF)
        assert len(first.items) == 3
        s.execute(SalesTrafficDaily.__table__.delete())  # the data behind two of them is gone
        again = daily.run_review(session=s, store=store, as_of=AS_OF)
        kept = s.scalars(select(FindingRow)).all()
    assert [i.finding.kind for i in again.items] == ["stockout_risk"]
    assert [r.kind for r in kept] == ["stockout_risk"]


def test_an_evidence_field_means_one_thing_in_every_check() -> None:
    from sellerops.daily.evidence import register_evidence

    register_evidence({"units": ("Units", "销量", "plain")})  # same meaning again: fine
    with pytest.raises(ValueError, match="already declared"):
        register_evidence({"units": ("Ad units", "广告销量", "plain")})


def _only_checks(monkeypatch: pytest.MonkeyPatch, findings: list[Finding]) -> None:
    from sellerops.daily import registry

    registry.load_domain_checks()
    monkeypatch.setattr(
        registry, "_CHECKS", {"ads.fixed": registry.Check("ads", "fixed", lambda ctx: findings)}
    )


def test_findings_that_share_one_pool_of_money_count_it_once(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    overstock = _finding(kind="overstock", money_at_stake=Decimal("300"), money_period="month")
    aged = _finding(kind="aged_inventory", money_at_stake=Decimal("120"), money_period="month")
    # an ASIN-level finding on the same product, and one on another product
    drop = _finding(module="catalog", kind="sales_drop", entity_type="asin", entity="B0SAME0001",
                    money_at_stake=Decimal("5"), money_period="day")  # fmt: skip
    stockout = _finding(kind="out_of_stock", money_at_stake=Decimal("20"), money_period="day")
    elsewhere = _finding(kind="aged_inventory", entity="SKU-2", money_at_stake=Decimal("50"),
                         money_period="month")  # fmt: skip
    _only_checks(monkeypatch, [aged, drop, overstock, elsewhere, stockout])
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-1", "B0SAME0001")
        s.flush()
        review = daily.run_review(session=s, store=store, as_of=AS_OF)
        order = [(i.finding.kind, i.finding.entity, i.overlaps) for i in review.items]
        total = present.total_monthly(review)
        stored = {r.kind + "/" + r.entity: r.overlaps_key for r in s.scalars(select(FindingRow))}
    # out of stock ($600 a month) leads its pool; the sales drop of its ASIN follows it
    assert order[0] == ("out_of_stock", "SKU-1", None)
    assert order[1] == ("sales_drop", "B0SAME0001", stockout.key)
    # overstock leads the excess-stock pool, the aged stock of the same SKU right after it
    assert order[2] == ("overstock", "SKU-1", None)
    assert order[3] == ("aged_inventory", "SKU-1", overstock.key)
    assert order[4] == ("aged_inventory", "SKU-2", None)
    assert total == pytest.approx(600 + 300 + 50)
    assert stored["aged_inventory/SKU-1"] == overstock.key
    assert stored["overstock/SKU-1"] is None


def test_a_shared_finding_counts_again_when_its_primary_is_done(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    overstock = _finding(kind="overstock", money_at_stake=Decimal("300"), money_period="month")
    aged = _finding(kind="aged_inventory", money_at_stake=Decimal("120"), money_period="month")
    _only_checks(monkeypatch, [overstock, aged])
    with unit_of_work(engine) as s:
        store = f.store(s)
        first = daily.run_review(session=s, store=store, as_of=AS_OF)
        assert present.total_monthly(first) == pytest.approx(300)
        lead = next(i for i in first.items if i.finding.kind == "overstock")
        daily.set_status(session=s, finding_id=lead.id, status="done")
        again = daily.run_review(session=s, store=store, as_of=AS_OF)
    assert [i.finding.kind for i in again.items] == ["aged_inventory"]
    assert present.total_monthly(again) == pytest.approx(120)


def test_stored_scores_put_a_finding_right_after_the_one_whose_money_it_shares(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    overstock = _finding(kind="overstock", money_at_stake=Decimal("300"), money_period="month")
    # more urgent than the overstock, so its own score would rank it first
    aged = _finding(kind="aged_inventory", severity="critical", money_at_stake=Decimal("200"),
                    money_period="month", urgency_days=0)  # fmt: skip
    other = _finding(kind="aged_inventory", entity="SKU-2", money_at_stake=Decimal("250"),
                     money_period="month")  # fmt: skip
    _only_checks(monkeypatch, [aged, other, overstock])
    with unit_of_work(engine) as s:
        review = daily.run_review(session=s, store=f.store(s), as_of=AS_OF)
        stored = s.scalars(select(FindingRow).order_by(FindingRow.score.desc())).all()
    in_memory = [(i.finding.kind, i.finding.entity) for i in review.items]
    assert [(r.kind, r.entity) for r in stored] == in_memory
    assert (
        in_memory.index(("aged_inventory", "SKU-1")) == in_memory.index(("overstock", "SKU-1")) + 1
    )


def test_amounts_and_counts_in_titles_read_in_the_persons_language() -> None:
    from sellerops.daily.finding import localized_params, money_param

    params = {"saving": money_param(Decimal("17544.549"), "USD"), "units": 2764,
              "term": "4 USB", "share": 0.5, "fee": money_param(1234, "JPY")}  # fmt: skip
    assert params["saving"] == {"amount": "17544.55", "currency": "USD"}  # stored as data
    en = localized_params(params, "en")
    zh = localized_params(params, "zh")
    assert (en["saving"], en["units"], en["fee"]) == ("$17,544.55", "2,764", "¥1,234")
    assert zh["saving"] == "US$17,544.55"
    assert en["term"] == "4 USB"  # not an amount, not a count
    assert en["share"] == "0.5"  # a number as written, its decimals kept


def test_amounts_findings_stored_earlier_wrote_as_text_still_read_per_language() -> None:
    from sellerops.daily.finding import localized_params

    params = {"saving": "17544.55 USD", "term": "4 USB"}
    assert localized_params(params, "zh") == {"saving": "US$17,544.55", "term": "4 USB"}
