"""Users, passwords, sign-in with lock-out, and who may do what in which store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.accounts.models import ROLES, StoreGrant, User
from sellerops.core.models import Store, utcnow

#: Argon2id with the library's defaults (RFC 9106 low-memory profile). Tests swap in a
#: cheaper hasher; ``check_needs_rehash`` upgrades old hashes at the next sign-in.
hasher = PasswordHasher()

MIN_PASSWORD = 12
MAX_PASSWORD = 256
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)

#: A few of the most common long passwords; a full breached-password check is future work.
COMMON_PASSWORDS = frozenset(
    {
        "password1234",
        "123456789012",
        "1234567890123",
        "qwertyuiop12",
        "qwertyuiopas",
        "passwordpassword",
        "iloveyou1234",
        "administrator",
        "sellerops1234",
        "amazon123456",
        "aaaaaaaaaaaa",
        "000000000000",
        "111111111111",
    }
)

#: What each action needs, as the lowest role that may do it.
NEEDS = {"read": "viewer", "act": "operator", "manage": "manager"}


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


class WeakPasswordError(AccountError):
    pass


@dataclass(frozen=True, slots=True)
class LoginResult:
    user: User | None
    locked: bool = False


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_password_policy(password: str) -> None:
    """Length and a common-password check; no composition rules (ASVS 6.2.5)."""
    if len(password) < MIN_PASSWORD:
        raise WeakPasswordError(f"password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise WeakPasswordError(f"password must have at most {MAX_PASSWORD} characters")
    if password.lower() in COMMON_PASSWORDS:
        raise WeakPasswordError("this password is too common")


def create_user(
    *,
    session: Session,
    email: str,
    password: str,
    display_name: str | None = None,
    lang: str = "en",
    is_owner: bool = False,
) -> User:
    """Add a person; the email must be new and the password must pass the policy."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an email address")
    if find_user(session=session, email=email) is not None:
        raise AccountError(f"a user with the email {email} exists already")
    if lang not in ("en", "zh"):
        raise AccountError("language must be en or zh")
    check_password_policy(password)
    user = User(
        email=email,
        display_name=(display_name or email.split("@")[0])[:120],
        password_hash=hasher.hash(password),
        lang=lang,
        is_owner=is_owner,
        is_active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    return user


def find_user(*, session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def set_password(*, session: Session, user: User, password: str) -> None:
    check_password_policy(password)
    user.password_hash = hasher.hash(password)
    session.flush()


def authenticate(
    *, session: Session, email: str, password: str, now: datetime | None = None
) -> LoginResult:
    """Check a sign-in; five failures in a row lock the account for fifteen minutes.

    While locked, even the right password is refused (and not checked). An unknown email
    costs one hash too, so response time does not tell which accounts exist.
    """
    now = now or utcnow()
    user = find_user(session=session, email=email)
    if user is None or not user.is_active:
        _burn_time(password)
        return LoginResult(None)
    if user.locked_until is not None and user.locked_until > now:
        return LoginResult(None, locked=True)
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
        session.flush()
        return LoginResult(None, locked=user.locked_until is not None and user.locked_until > now)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    session.flush()
    return LoginResult(user)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY_HASH: str | None = None


def _burn_time(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hasher.hash("not a real password, only for timing")
    _verify(_DUMMY_HASH, password)


# --- grants and roles ------------------------------------------------------------------


def grant(*, session: Session, user: User, store: Store, role: str) -> StoreGrant:
    """Give ``user`` a role in ``store`` (replacing the one they had there)."""
    if role not in ROLES or role == "owner":
        raise AccountError(f"role must be one of {ROLES[:-1]}; owners see every store")
    row = session.get(StoreGrant, (user.id, store.id))
    if row is None:
        row = StoreGrant(user_id=user.id, store_id=store.id, role=role)
        session.add(row)
    row.role = role
    session.flush()
    return row


def revoke_grant(*, session: Session, user_id: int, store_id: int) -> None:
    row = session.get(StoreGrant, (user_id, store_id))
    if row is not None:
        session.delete(row)
        session.flush()


def role_in_store(*, session: Session, user: User, store_id: int) -> str | None:
    """The user's role in the store, or None when they may not see it (or it does not exist)."""
    if user.is_owner:
        return "owner" if session.get(Store, store_id) is not None else None
    row = session.get(StoreGrant, (user.id, store_id))
    return row.role if row is not None else None


def stores_of(*, session: Session, user: User) -> list[tuple[Store, str]]:
    """Every store the user may see, by name, with their role there."""
    if user.is_owner:
        return [(s, "owner") for s in session.scalars(select(Store).order_by(Store.name))]
    rows = session.execute(
        select(Store, StoreGrant.role)
        .join(StoreGrant, StoreGrant.store_id == Store.id)
        .where(StoreGrant.user_id == user.id)
        .order_by(Store.name)
    )
    return [(s, r) for s, r in rows]


def allows(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action`` (read, act, manage)."""
    if role is None:
        return False
    return ROLES.index(role) >= ROLES.index(NEEDS[action])
