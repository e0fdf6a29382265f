"""Assigning findings: only to users of the finding's store who act, kept across re-runs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from sellerops.accounts import service as accounts
from sellerops.accounts.models import User
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.core.stores import get_store
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.models import FindingRow
from tests import factories as f
from tests.factories import AS_OF


def _store_with_problems(session: Session, name: str = "Acme US") -> Store:
    store = f.store(session, name=name)
    f.history(session, store, "B0HIJACK01", days=35, units=10)
    f.traffic(session, store, "B0HIJACK01", AS_OF, units=2, sessions=85, buy_box="0.30")
    f.orders(session, store, "SKU-FAST", per_day=10, days=28)
    f.snapshot(session, store, "SKU-FAST", AS_OF, fulfillable=100)
    session.flush()
    return store


def _user(session: Session, email: str, *, owner: bool = False) -> User:
    user = User(email=email, display_name=email.split("@")[0], password_hash="-", is_owner=owner)
    session.add(user)
    session.flush()
    return user


def test_assign_survives_reruns_and_later_days_and_shows_in_the_json(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        ana = _user(s, "ana@example.com")
        accounts.grant(session=s, user=ana, store=store, role="operator")
        items = daily.run_review(session=s, store=store, as_of=AS_OF).items
        target = next(i for i in items if i.finding.kind == "stockout_risk")
        row = daily.assign(session=s, finding_id=target.id, user_id=ana.id)
        assert row.assignee_id == ana.id and row.assigned_at is not None
        ana_id = ana.id
    with unit_of_work(engine) as s:
        store = get_store(session=s, name="Acme US")
        again = daily.run_review(session=s, store=store, as_of=AS_OF)  # same day, re-run
        assert {i.id: i.assignee for i in again.items}[target.id] == "ana@example.com"
        later = daily.run_review(session=s, store=store, as_of=AS_OF + timedelta(days=1))
        item = next(i for i in later.items if i.id == target.id)
        assert item.assignee == "ana@example.com"
        data = present.item_to_dict(item, later, "en")
        others = [i for i in later.items if i.id != target.id]
        assert others and all(
            present.item_to_dict(i, later, "en")["assignee"] is None for i in others
        )
    assert data["assignee"] == "ana@example.com" and data["status"] == "new"
    with unit_of_work(engine) as s:
        row = s.get(FindingRow, target.id)
        assert row is not None and row.assignee_id == ana_id
        daily.assign(session=s, finding_id=target.id, user_id=None)
    with unit_of_work(engine) as s:
        row = s.get(FindingRow, target.id)
        assert row is not None and row.assignee_id is None and row.assigned_at is None


def test_only_users_who_act_in_the_findings_store_can_be_assigned(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s, "Acme US")
        other = _store_with_problems(s, "Beta US")
        finding = daily.run_review(session=s, store=store, as_of=AS_OF).items[0].id
        stranger = _user(s, "stranger@example.com")
        accounts.grant(session=s, user=stranger, store=other, role="manager")
        viewer = _user(s, "viewer@example.com")
        accounts.grant(session=s, user=viewer, store=store, role="viewer")
        gone = _user(s, "gone@example.com")
        accounts.grant(session=s, user=gone, store=store, role="operator")
        gone.is_active = False
        boss = _user(s, "boss@example.com", owner=True)
        manager = _user(s, "manager@example.com")
        accounts.grant(session=s, user=manager, store=store, role="manager")
        with pytest.raises(daily.AssignError) as refused:
            daily.assign(session=s, finding_id=finding, user_id=stranger.id)
        assert refused.value.key == "finding.assign.no_grant"
        assert "stranger@example.com" in str(refused.value) and "Acme US" in str(refused.value)
        assert "无权访问店铺" in refused.value.text("zh")
        with pytest.raises(daily.AssignError, match="only a viewer"):
            daily.assign(session=s, finding_id=finding, user_id=viewer.id)
        with pytest.raises(daily.AssignError, match="disabled"):
            daily.assign(session=s, finding_id=finding, user_id=gone.id)
        with pytest.raises(daily.AssignError, match="no user"):
            daily.assign(session=s, finding_id=finding, user_id=999_999)
        with pytest.raises(daily.UnknownFindingError):
            daily.assign(session=s, finding_id=999_999, user_id=boss.id)
        assert s.get(FindingRow, finding).assignee_id is None  # type: ignore[union-attr]
        choices = daily.assignable_users(session=s, store_id=store.id)
        assert {u.email for u in choices} == {"boss@example.com", "manager@example.com"}
        daily.assign(session=s, finding_id=finding, user_id=boss.id)  # owners see every store
        assert s.get(FindingRow, finding).assignee_id == boss.id  # type: ignore[union-attr]
        daily.assign(session=s, finding_id=finding, user_id=manager.id)
        assert s.get(FindingRow, finding).assignee_id == manager.id  # type: ignore[union-attr]


def test_an_assigned_finding_is_kept_when_a_rerun_no_longer_shows_it(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        ana = _user(s, "ana@example.com")
        accounts.grant(session=s, user=ana, store=store, role="operator")
        items = daily.run_review(session=s, store=store, as_of=AS_OF).items
        hijack = next(i for i in items if i.finding.kind == "buy_box_loss")
        daily.assign(session=s, finding_id=hijack.id, user_id=ana.id)
        s.execute(delete(SalesTrafficDaily))  # the data behind it is gone
        again = daily.run_review(session=s, store=store, as_of=AS_OF)
        assert hijack.id not in {i.id for i in again.items}
        kept = s.scalars(select(FindingRow).where(FindingRow.id == hijack.id)).one()
    assert kept.assignee_id is not None and kept.last_seen < AS_OF


def test_deleting_a_user_unassigns_their_findings(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = _store_with_problems(s)
        ana = _user(s, "ana@example.com")
        accounts.grant(session=s, user=ana, store=store, role="operator")
        finding = daily.run_review(session=s, store=store, as_of=AS_OF).items[0].id
        daily.assign(session=s, finding_id=finding, user_id=ana.id)
    with unit_of_work(engine) as s:
        s.execute(delete(User).where(User.email == "ana@example.com"))
    with unit_of_work(engine) as s:
        assert s.get(FindingRow, finding).assignee_id is None  # type: ignore[union-attr]
