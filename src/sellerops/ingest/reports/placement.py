"""Which store each line of a unified account's money report goes to.

A settlement or Date Range transaction report of a unified (pan-European, North American)
account lists the lines of several marketplaces (``marketplace-name`` ``Amazon.de``,
``Amazon.fr``) and account-level lines that name none (a storage fee, an ad charge). Each
import places every line the same way, whichever store or ``--marketplace`` it was asked
for, so importing the file again with any option changes no number and no line is counted
in two stores:

* a marketplace's lines go to the store the import is for when that store sells there, else
  to the only store that sells there; when no store (or several) sells there, or a web
  upload's uploader may not import into that store, they are not imported and a note says
  so, with their amount (and such an upload is refused when it would move or delete what that
  store already holds of the file);
* the lines with no marketplace go, once, to the store of the file's *home* marketplace:
  of the marketplaces whose lines have a store, the one that sells in the file's currency
  with the most lines (ties: the first in the file); a file with no marketplace at all keeps
  them in the store the import is for.

Not a report family (no ``FAMILY``): shared by ``settlement`` and ``date_range``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from sellerops.core.marketplaces import MARKETPLACES, Marketplace
from sellerops.core.models import Store
from sellerops.ingest.errors import FileError
from sellerops.ingest.registry import LoadContext


@dataclass(slots=True)
class Placement:
    """Where lines go: ``stores`` per marketplace code; ``home`` takes those of none."""

    asked: Store  # the store the import is for
    home: Store
    home_market: Marketplace
    stores: dict[str, Store]
    #: marketplace code -> why its lines have no store
    unplaced: dict[str, str]
    #: what was placed where, for the note: store name -> lines; and the lines left out
    placed: Counter[str] = field(default_factory=Counter)
    account_level: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    left_out_amount: dict[str, Decimal] = field(default_factory=dict)

    def store_of(self, market: str | None) -> Store | None:
        return self.home if market is None else self.stores.get(market)

    def market_of(self, market: str | None) -> Marketplace:
        """The marketplace whose time zone reads a line's moments."""
        return self.home_market if market is None else MARKETPLACES[market]

    def count(self, market: str | None, amount: Decimal) -> bool:
        """Count one line; False when it has no store (it is left out)."""
        store = self.store_of(market)
        if store is None:
            assert market is not None
            self.left_out[market] += 1
            self.left_out_amount[market] = self.left_out_amount.get(market, Decimal(0)) + amount
            return False
        if market is None:
            self.account_level += 1
        else:
            self.placed[store.name] += 1
        return True

    def notes(self, what: str, currency: str) -> list[str]:
        """What the import says about where the lines went (nothing for a file of one store)."""
        notes = []
        went = set(self.placed) | ({self.home.name} if self.account_level else set())
        if len(self.stores) + len(self.unplaced) > 1 or went - {self.asked.name}:
            parts = ", ".join(
                f"{_count(n, what)} to store {name!r}" for name, n in self.placed.items()
            )
            note = f"{what}s of several marketplaces went to their stores: {parts or 'none'}"
            if self.account_level:
                note += (
                    f"; the {_count(self.account_level, what)} with no marketplace "
                    f"(account-level) to store {self.home.name!r}, the store of the marketplace "
                    f"with the most {what}s"
                )
            notes.append(note)
        for code, n in self.left_out.items():
            market = MARKETPLACES[code]
            why = self.unplaced[code]
            fix = (
                "ask an owner of that store to import this file"
                if why.startswith("you may not")
                else f"import the file again with --marketplace {code} (or --store) to add them"
            )
            notes.append(
                f"{_count(n, what)} of {market.domain} ({code}), "
                f"{self.left_out_amount[code]} {currency}, not imported: {why}; {fix}"
            )
        return notes


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


#: The families whose lines are placed so (``ingest.resolve`` imports such a file with no
#: option when every marketplace of it has one store: the result is the same either way).
PLACED = frozenset({"settlement", "settlement_v2", "date_range"})


def place(ctx: LoadContext, in_file: Mapping[str, int], currency: str | None) -> Placement:
    """The stores of the marketplaces ``in_file`` names (code -> lines, in file order)."""
    stores: dict[str, Store] = {}
    unplaced: dict[str, str] = {}
    for code in in_file:
        if code == ctx.marketplace.code:
            stores[code] = ctx.store
            continue
        market = MARKETPLACES[code]
        found = list(
            ctx.session.scalars(
                select(Store).where(Store.marketplace_code == code).order_by(Store.name)
            )
        )
        if len(found) == 1 and ctx.may_write is not None and not ctx.may_write(found[0].id):
            unplaced[code] = f"you may not import into store {found[0].name!r}"
        elif len(found) == 1:
            stores[code] = found[0]
        elif found:
            names = ", ".join(s.name for s in found)
            unplaced[code] = f"several stores sell on {market.domain} ({names})"
        else:
            unplaced[code] = f"no store sells on {market.domain}"
    home = home_market(in_file, stores, currency)
    if home is None:
        return Placement(ctx.store, ctx.store, ctx.marketplace, stores, unplaced)
    return Placement(ctx.store, stores[home], MARKETPLACES[home], stores, unplaced)


def home_market(
    in_file: Mapping[str, int], placed: Iterable[str], currency: str | None
) -> str | None:
    """The home marketplace of a file (``in_file``: code -> lines, in file order) among the
    ``placed`` ones (those whose lines have a store): the one selling in the file's currency
    with the most lines, ties to the first in the file; None when none is placed."""
    order = list(in_file)
    ranked = sorted(
        placed,
        key=lambda c: (MARKETPLACES[c].currency != currency, -in_file[c], order.index(c)),
    )
    return ranked[0] if ranked else None


def refuse_others_copies(ctx: LoadContext, holders: set[int], what: str) -> None:
    """A web upload may not move or delete what a store its uploader may not import into
    holds (an earlier import of the same settlement or account-level lines there): refused,
    nothing written."""
    if ctx.may_write is None:
        return
    barred = sorted(i for i in holders if i != ctx.store.id and not ctx.may_write(i))
    if barred:
        names = ", ".join(
            repr(name)
            for name in ctx.session.scalars(
                select(Store.name).where(Store.id.in_(barred)).order_by(Store.name)
            )
        )
        raise FileError(
            ctx.file_name,
            f"{what} is already imported into store {names}, which you may not import into: "
            "ask an owner of that store to import this file",
        )
