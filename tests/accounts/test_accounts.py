"""Accounts: passwords, lock-out, roles per store, API tokens and sessions that expire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, text

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.accounts.models import ApiToken, User, WebSession
from sellerops.core.db import unit_of_work
from sellerops.core.models import utcnow
from tests import factories as f

PASSWORD = "correct horse battery"


def _user(session, email: str = "ann@example.com", **kw: object) -> User:  # type: ignore[no-untyped-def]
    return accounts.create_user(session=session, email=email, password=PASSWORD, **kw)  # type: ignore[arg-type]


def test_password_is_stored_as_an_argon2id_hash_only(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        _user(s, email="  Ann@Example.COM ")
    with engine.connect() as conn:
        email, stored = conn.execute(text("select email, password_hash from app_user")).one()
    assert email == "ann@example.com"
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize("weak", ["short", "password1234", "PASSWORD1234", "x" * 300])
def test_weak_passwords_are_refused(weak: str) -> None:
    with pytest.raises(accounts.WeakPasswordError):
        accounts.check_password_policy(weak)
    accounts.check_password_policy("twelve chars")  # length is the rule, not composition


def test_creating_a_user_applies_the_password_policy(engine: Engine) -> None:
    with unit_of_work(engine) as s, pytest.raises(accounts.WeakPasswordError):
        accounts.create_user(session=s, email="bob@example.com", password="password1234")


def test_an_email_cannot_be_used_twice(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        _user(s)
        with pytest.raises(accounts.AccountError, match="exists"):
            _user(s, email="ANN@example.com")


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(engine: Engine) -> None:
    now = utcnow()
    with unit_of_work(engine) as s:
        _user(s)
        for attempt in range(1, 6):
            result = accounts.authenticate(
                session=s, email="ann@example.com", password="wrong password!", now=now
            )
            assert result.user is None and result.locked == (attempt == 5)
        locked = accounts.authenticate(
            session=s, email="ann@example.com", password=PASSWORD, now=now + timedelta(minutes=14)
        )
        assert locked.user is None and locked.locked  # even the right password, while locked
        later = accounts.authenticate(
            session=s, email="ann@example.com", password=PASSWORD, now=now + timedelta(minutes=16)
        )
        assert later.user is not None and later.user.failed_logins == 0


def test_a_success_resets_the_failure_count(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        _user(s)
        for _ in range(4):
            accounts.authenticate(session=s, email="ann@example.com", password="nope nope nope")
        assert accounts.authenticate(session=s, email="ann@example.com", password=PASSWORD).user
        for _ in range(4):
            accounts.authenticate(session=s, email="ann@example.com", password="nope nope nope")
        assert accounts.authenticate(session=s, email="ann@example.com", password=PASSWORD).user


def test_unknown_and_disabled_users_cannot_sign_in(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        user = _user(s)
        user.is_active = False
        assert (
            accounts.authenticate(session=s, email="ann@example.com", password=PASSWORD).user
            is None
        )
        assert (
            accounts.authenticate(session=s, email="zed@example.com", password=PASSWORD).user
            is None
        )


def test_owner_sees_every_store_and_others_only_their_grants(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        a, b = f.store(s, "Acme US"), f.store(s, "Beta US")
        owner = _user(s, email="owner@example.com", is_owner=True)
        viewer = _user(s, email="viewer@example.com")
        accounts.grant(session=s, user=viewer, store=a, role="viewer")
        assert [(st.name, r) for st, r in accounts.stores_of(session=s, user=owner)] == [
            ("Acme US", "owner"),
            ("Beta US", "owner"),
        ]
        assert [(st.name, r) for st, r in accounts.stores_of(session=s, user=viewer)] == [
            ("Acme US", "viewer")
        ]
        assert accounts.role_in_store(session=s, user=viewer, store_id=b.id) is None
        assert accounts.role_in_store(session=s, user=owner, store_id=9999) is None
        accounts.grant(session=s, user=viewer, store=a, role="operator")  # replaces the role
        assert accounts.role_in_store(session=s, user=viewer, store_id=a.id) == "operator"
        accounts.revoke_grant(session=s, user_id=viewer.id, store_id=a.id)
        assert accounts.role_in_store(session=s, user=viewer, store_id=a.id) is None
        with pytest.raises(accounts.AccountError):
            accounts.grant(session=s, user=viewer, store=a, role="owner")


@pytest.mark.parametrize(
    ("role", "read", "act", "manage"),
    [
        ("viewer", True, False, False),
        ("operator", True, True, False),
        ("manager", True, True, True),
        ("owner", True, True, True),
        (None, False, False, False),
    ],
)
def test_what_each_role_allows(role: str | None, read: bool, act: bool, manage: bool) -> None:
    assert accounts.allows(role, "read") is read
    assert accounts.allows(role, "act") is act
    assert accounts.allows(role, "manage") is manage


def test_api_token_is_shown_once_and_stored_as_a_digest(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        user = _user(s)
        new = tokens.create_api_token(session=s, user=user, name="sheets")
    assert new.secret.startswith("sot_") and len(new.secret) > 40
    with engine.connect() as conn:
        raw = " ".join(str(v) for v in conn.execute(text("select * from api_token")).one())
    assert new.secret not in raw and new.secret[:10] in raw  # prefix kept, to recognise it
    with unit_of_work(engine) as s:
        found = tokens.user_for_api_token(session=s, secret=new.secret)
        assert found is not None and found[0].email == "ann@example.com"
        assert found[1].last_used_at is not None
        assert tokens.user_for_api_token(session=s, secret=new.secret + "x") is None
        assert tokens.user_for_api_token(session=s, secret="garbage") is None


def test_revoked_tokens_and_tokens_of_disabled_users_stop_working(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        ann, bob = _user(s), _user(s, email="bob@example.com")
        first = tokens.create_api_token(session=s, user=ann, name="one")
        second = tokens.create_api_token(session=s, user=ann, name="two")
        assert not tokens.revoke_api_token(session=s, user_id=bob.id, token_id=first.token.id)
        assert tokens.revoke_api_token(session=s, user_id=ann.id, token_id=first.token.id)
        assert tokens.user_for_api_token(session=s, secret=first.secret) is None
        assert [t.name for t in tokens.list_api_tokens(session=s, user_id=ann.id)] == ["two"]
        ann.is_active = False
        assert tokens.user_for_api_token(session=s, secret=second.secret) is None


def test_a_token_can_only_be_limited_to_a_store_its_user_sees(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        ann = _user(s)
        with pytest.raises(accounts.AccountError):
            tokens.create_api_token(session=s, user=ann, name="x", store_id=store.id)
        accounts.grant(session=s, user=ann, store=store, role="viewer")
        new = tokens.create_api_token(session=s, user=ann, name="x", store_id=store.id)
        assert s.get(ApiToken, new.token.id).store_id == store.id  # type: ignore[union-attr]


def test_sessions_end_on_idle_and_absolute_timeouts(engine: Engine) -> None:
    policy = tokens.SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(hours=12))
    with unit_of_work(engine) as s:
        ann = _user(s)
        idle = tokens.start_session(session=s, user=ann)
        busy = tokens.start_session(session=s, user=ann)
        now = utcnow()
        assert tokens.load_session(session=s, secret=idle.secret, policy=policy, now=now)
        later = now + timedelta(minutes=61)
        assert tokens.load_session(session=s, secret=idle.secret, policy=policy, now=later) is None
        t = now
        while t < now + timedelta(hours=12):  # keeps being used, yet hits the absolute limit
            assert tokens.load_session(session=s, secret=busy.secret, policy=policy, now=t)
            t += timedelta(minutes=50)
        end = now + timedelta(hours=12, minutes=1)
        assert tokens.load_session(session=s, secret=busy.secret, policy=policy, now=end) is None


def test_logout_and_sign_out_everywhere_end_sessions_server_side(engine: Engine) -> None:
    policy = tokens.SessionPolicy()
    with unit_of_work(engine) as s:
        ann = _user(s)
        one, two, three = (tokens.start_session(session=s, user=ann) for _ in range(3))
        assert one.secret != two.secret and one.row.csrf_token != two.row.csrf_token
        tokens.end_session(session=s, row=one.row)
        assert tokens.load_session(session=s, secret=one.secret, policy=policy) is None
        tokens.end_all_sessions(session=s, user_id=ann.id)
        for new in (two, three):
            assert tokens.load_session(session=s, secret=new.secret, policy=policy) is None
        stored = s.scalars(select(WebSession.token_hash)).all()
    assert one.secret not in stored and tokens.digest(one.secret) in stored
