"""What every check receives: the session, the store, its marketplace and the review date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from sellerops.core.marketplaces import Marketplace, get_marketplace
from sellerops.core.models import Store

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReviewContext:
    session: Session
    store: Store
    as_of: date  # the marketplace-local day under review (normally yesterday)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def marketplace(self) -> Marketplace:
        return get_marketplace(self.store.marketplace_code)

    @property
    def currency(self) -> str:
        return self.marketplace.currency

    def memo(self, name: str, load: Callable[[], T]) -> T:
        """Load data once per review when several checks read the same thing."""
        if name not in self._memo:
            self._memo[name] = load()
        return self._memo[name]
