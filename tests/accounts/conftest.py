from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from sellerops.accounts import service as accounts


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)
