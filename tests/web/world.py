"""A small world for web tests: two stores with problems and one person per role.

Personas (CONVENTIONS 12): ``owner`` (sees every store), ``manager``, ``operator`` and
``viewer`` (granted store A), ``outsider`` (granted store B only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.accounts.models import User
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily import service as daily
from tests import factories as f
from tests.factories import AS_OF

PASSWORD = "correct horse battery"
PERSONAS = ("owner", "manager", "operator", "viewer", "outsider")


@dataclass
class World:
    store_a: int
    store_b: int
    users: dict[str, int] = field(default_factory=dict)
    findings: dict[int, list[int]] = field(default_factory=dict)  # store id -> finding ids
    products: dict[int, list[int]] = field(default_factory=dict)  # store id -> product ids

    @staticmethod
    def email(persona: str) -> str:
        return f"{persona}@example.com"


def problem_store(session: Session, name: str = "Acme US") -> Store:
    """The review-engine test's store: a Buy Box loss, a sales drop and a stock-out risk."""
    store = f.store(session, name=name)
    f.history(session, store, "B0HIJACK01", days=35, units=10)
    f.traffic(session, store, "B0HIJACK01", AS_OF, units=2, sessions=85, buy_box="0.30")
    f.history(session, store, "B0QUIET001", days=35, units=10)
    f.traffic(session, store, "B0QUIET001", AS_OF, units=1, sessions=3)
    f.orders(session, store, "SKU-FAST", per_day=10, days=28)
    f.snapshot(session, store, "SKU-FAST", AS_OF, fulfillable=100)
    session.flush()
    return store


PRODUCTS = (
    ("SKU-HIJACK", "B0HIJACK01", "Stainless steel water bottle 750 ml"),
    ("SKU-QUIET", "B0QUIET001", "Bamboo cutting board, large"),
    ("SKU-FAST", "B0FAST0001", "Ceramic coffee mug 350 ml"),
)


def add_products(session: Session, store: Store) -> list[int]:
    """The catalog rows of the problem store's three SKUs (added after its review ran)."""
    rows = [
        f.product(session, store, sku, asin, title=title, price=Decimal("20.00"))
        for sku, asin, title in PRODUCTS
    ]
    session.flush()
    return [p.id for p in rows]


def build_world(engine: Engine, *, run_reviews: bool = True) -> World:
    with unit_of_work(engine) as s:
        a = problem_store(s, "Acme US")
        b = problem_store(s, "Beta US")
        world = World(store_a=a.id, store_b=b.id)
        for store in (a, b):
            if run_reviews:
                review = daily.run_review(session=s, store=store, as_of=AS_OF)
                world.findings[store.id] = [i.id for i in review.items]
        for store in (a, b):
            world.products[store.id] = add_products(s, store)
        for persona in PERSONAS:
            user = accounts.create_user(
                session=s,
                email=World.email(persona),
                password=PASSWORD,
                display_name=persona.title(),
                is_owner=persona == "owner",
            )
            world.users[persona] = user.id
            if persona in ("manager", "operator", "viewer"):
                accounts.grant(session=s, user=user, store=a, role=persona)
            if persona == "outsider":
                accounts.grant(session=s, user=user, store=b, role="operator")
    return world


def new_session(engine: Engine, user_id: int) -> tokens.NewSession:
    with unit_of_work(engine) as s:
        user = s.get(User, user_id)
        assert user is not None
        return tokens.start_session(session=s, user=user)


def new_api_token(engine: Engine, user_id: int, store_id: int | None = None) -> str:
    with unit_of_work(engine) as s:
        user = s.get(User, user_id)
        assert user is not None
        return tokens.create_api_token(session=s, user=user, name="test", store_id=store_id).secret
