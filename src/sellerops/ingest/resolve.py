"""Which store and which day a file belongs to: from its data, its name, or the options.

Priority, for the marketplace: what the rows say (All Orders ``sales-channel``), then a
marketplace code token in the file name (``BusinessReport_US_2026-11-26.csv``), then
``--marketplace``. For the day of a report without a date column: an unambiguous date in the
file name (``2026-11-26``, ``20261126``), then ``--date``. The options are fallbacks, so one
``--date`` can serve a folder of files: when the file overrules one, a note says so. A named
store on another marketplace than the file's is an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.core.marketplaces import (
    MARKETPLACES,
    Marketplace,
    UnknownMarketplaceError,
    get_marketplace,
)
from sellerops.core.models import Store
from sellerops.core.stores import create_store, find_store, list_stores
from sellerops.ingest.errors import ResolutionError

_STORE_NAME_MAX = 120  # store.name is VARCHAR(120)
_NAME_TOKENS = re.compile(r"[^A-Za-z0-9]+")
_NAME_DATE = re.compile(r"(?<!\d)(20\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class StoreChoice:
    store: Store
    marketplace: Marketplace
    created: bool


def marketplace_in_name(name: str) -> Marketplace | None:
    """The one upper-case marketplace code token in a file name (``_US_``, ``-DE.``), if any."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    codes = {
        get_marketplace(t).code
        for t in _NAME_TOKENS.split(stem)
        if len(t) == 2 and t.isupper() and (t in MARKETPLACES or t == "GB")
    }
    return MARKETPLACES[codes.pop()] if len(codes) == 1 else None


def dates_in_name(name: str) -> list[date]:
    """Distinct unambiguous dates in a file name: ``2026-11-26``, ``2026_11_26``, ``20261126``."""
    found: list[date] = []
    for match in _NAME_DATE.finditer(PurePosixPath(name.replace("\\", "/")).name):
        try:
            day = date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
        if day not in found:
            found.append(day)
    return found


def resolve_day(
    *, label: str, names: Sequence[str], day: date | None, title: str, notes: list[str]
) -> date:
    """The day a report without a date column covers (see the module docstring)."""
    named: list[date] = next((d for d in map(dates_in_name, names) if d), [])
    if len(named) > 1:
        raise ResolutionError(
            label,
            f"the file name carries several dates ({', '.join(map(str, named))}); "
            f"a {title} covering a date range is not supported: download one report per day",
        )
    if named and day is not None and named[0] != day:
        notes.append(f"the file name says {named[0]}, so --date {day} was not used")
    if named:
        return named[0]
    if day is None:
        raise ResolutionError(
            label,
            f"a {title} has no date column and the file name carries no date: "
            "pass --date YYYY-MM-DD",
        )
    return day


def resolve_store(
    session: Session,
    *,
    label: str,
    names: Sequence[str],
    in_file: Mapping[str, int],
    store: str | None,
    marketplace: str | None,
    notes: list[str],
) -> StoreChoice:
    """The store a file's rows belong to; created when missing and its marketplace is known.

    Without ``store``: the only store of the marketplace, else a new one named after the
    marketplace code (``US``); with no marketplace known, the only store there is.
    """
    known = _known_marketplace(label, names, sorted(in_file), marketplace, notes)
    if store:
        return _named_store(session, label, store, known)
    if known is not None:
        return _store_of_marketplace(session, label, known)
    stores = list_stores(session=session)
    if len(in_file) > 1:
        return _store_for_mixed_file(label, stores, sorted(in_file))
    if len(stores) == 1:
        return StoreChoice(stores[0], get_marketplace(stores[0].marketplace_code), False)
    missing = "--marketplace (e.g. --marketplace US)" if not stores else "--store"
    raise ResolutionError(
        label,
        f"the file does not say which marketplace it is for and there "
        f"{'is no store yet' if not stores else f'are {len(stores)} stores'}: pass {missing}",
    )


def _store_for_mixed_file(label: str, stores: list[Store], in_file: list[str]) -> StoreChoice:
    """Rows from several marketplaces (a unified account): the one store on one of them."""
    candidates = [s for s in stores if s.marketplace_code in in_file]
    if len(candidates) == 1:
        store = candidates[0]
        return StoreChoice(store, get_marketplace(store.marketplace_code), False)
    raise ResolutionError(
        label,
        f"the file has orders from several marketplaces ({', '.join(in_file)}): "
        "pass --marketplace or --store to say which to import",
    )


def _known_marketplace(
    label: str, names: Sequence[str], in_file: list[str], option: str | None, notes: list[str]
) -> Marketplace | None:
    given = _option_marketplace(label, option)
    named = next((m for m in map(marketplace_in_name, names) if m), None)
    chosen = _pick_marketplace(label, in_file, named, given)
    if chosen is not None and given is not None and given != chosen:
        notes.append(f"the file is for {chosen.code}, so --marketplace {given.code} was not used")
    return chosen


def _pick_marketplace(
    label: str, in_file: list[str], named: Marketplace | None, given: Marketplace | None
) -> Marketplace | None:
    if len(in_file) == 1:
        return MARKETPLACES[in_file[0]]
    if not in_file:
        return named or given
    # Rows from several marketplaces (a unified account): the name or the option picks one.
    for candidate in (named, given):
        if candidate is not None and candidate.code in in_file:
            return candidate
    if given is not None:
        raise ResolutionError(
            label, f"the file has orders from {', '.join(in_file)}, not from {given.code}"
        )
    return None


def _option_marketplace(label: str, option: str | None) -> Marketplace | None:
    if not option:
        return None
    try:
        return get_marketplace(option)
    except UnknownMarketplaceError as exc:
        raise ResolutionError(label, str(exc)) from None


def _named_store(session: Session, label: str, name: str, known: Marketplace | None) -> StoreChoice:
    if len(name) > _STORE_NAME_MAX:
        raise ResolutionError(label, f"a store name has at most {_STORE_NAME_MAX} characters")
    existing = find_store(session=session, name=name)
    if existing is None:
        if known is None:
            raise ResolutionError(
                label, f"store {name!r} does not exist yet: pass --marketplace to create it"
            )
        return _create(session, name, known)
    own = get_marketplace(existing.marketplace_code)
    if known is not None and known != own:
        raise ResolutionError(
            label,
            f"store {name!r} sells on {own.domain} ({own.code}) "
            f"but the file is for {known.domain} ({known.code})",
        )
    return StoreChoice(existing, own, False)


def _store_of_marketplace(session: Session, label: str, market: Marketplace) -> StoreChoice:
    stores = list(
        session.scalars(
            select(Store).where(Store.marketplace_code == market.code).order_by(Store.name)
        )
    )
    if len(stores) == 1:
        return StoreChoice(stores[0], market, False)
    if stores:
        names = ", ".join(s.name for s in stores)
        raise ResolutionError(
            label, f"several stores sell on {market.domain} ({names}): pass --store"
        )
    if find_store(session=session, name=market.code) is not None:
        raise ResolutionError(
            label, f"a store named {market.code!r} sells on another marketplace: pass --store"
        )
    return _create(session, market.code, market)


def _create(session: Session, name: str, market: Marketplace) -> StoreChoice:
    return StoreChoice(
        create_store(session=session, name=name, marketplace=market.code), market, True
    )
