"""Which store and which day a file belongs to: from its data, its name, or the options.

Priority, for the marketplace: what the rows say (All Orders ``sales-channel``), then a
marketplace code in the file name, then ``--marketplace``. A name's code counts only where
Amazon's and our own names put it, after the report's name between delimiters
(``BusinessReport_US_2026-11-26.csv``, ``Inventory-DE.txt``), never as the first word (``BR``
is as often "Business Report" as Brazil), and only when the file's money agrees with it.

The currency a file's money cells carry (``€``, ``£``, ``US$``; a bare ``$`` is any dollar)
must be the store's: a euro Business Report is never counted in dollars.

For the day of a report without a date column: a date in the file name (``2026-11-26``,
``20261126``, Amazon's own ``BusinessReport-8-04-26`` and the day-first ``20.11.26`` Amazon
DE writes; a month-first or day-first name is read by the marketplace's custom when both
readings are dates), then ``--date``. Amazon's own name (``BusinessReport-<date>.csv``, as
the browser saves it) may carry the day the report was *made* rather than the day it covers
(a report of yesterday downloaded this morning): an explicit ``--date`` (or range) wins over
it, with a note, and a day taken from it says so in a note. A Business Report may cover several days
(:class:`Period`): two dates in its name (``BusinessReport_2026-11-01_2026-11-07.csv``,
``BusinessReport-11-1-26_to_11-7-26.csv``) or ``--from``/``--to`` say which; a snapshot
(inventory) is always of one day. The options are fallbacks, so one ``--date`` can serve a
folder of files: when the file overrules one, a note says so.

Messages tell the person how to supply what is missing in the words of where they are: the
CLI's options (:data:`CLI`) or the web upload form's fields (:data:`WEB`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Literal

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
from sellerops.ingest.reports import placement

_STORE_NAME_MAX = 120  # store.name is VARCHAR(120)
#: The words of a file name: runs of letters and digits, of any script (``业务报告_US_…``,
#: ``ビジネスレポート-JP-…``: a first word in another script is a word too, so the code after it
#: counts as it does after ``BusinessReport``).
_NAME_WORDS = re.compile(r"[^\W_]+")
_ISO_DATE = re.compile(r"(?<!\d)(20\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")
#: ``20.11.26`` (Amazon DE), ``11-26-2026``, ``8-4-26`` (Amazon's ``BusinessReport-8-04-26``):
#: day and month in an order the name does not say
#: (not a run of more numbers: ``BusinessReport_3-10-20-2-22_`` says no date we can read;
#: two dates joined by another mark are two: ``BusinessReport_11-01-2026_11-30-2026``). A
#: match right after a digit and its own separator is part of such a run (:func:`_in_run`).
_LOCAL_DATE = re.compile(r"(?<![\d.])(\d\d?)([-_.])(\d\d?)\2((?:20)?\d\d)(?!\d|\2\d)")
#: Marketplaces whose people write the month first (``11/26/2026``) ...
_MONTH_FIRST = frozenset({"US"})
#: ... and the day first (``26.11.2026``, ``26/11/2026``); the others (CA, JP, SE, ZA ...)
#: mix or write the year first, so only an unambiguous name date counts there.
_DAY_FIRST = frozenset(
    {"UK", "DE", "FR", "IT", "ES", "NL", "BE", "IE", "PL", "TR", "MX", "BR", "AU", "IN",
     "AE", "SA", "EG", "SG"}
)  # fmt: skip
#: The currencies a bare ``$`` can be.
DOLLARS = frozenset({"USD", "CAD", "AUD", "MXN", "SGD"})

Source = Literal["rows", "name", "option"]


@dataclass(frozen=True, slots=True)
class Wording:
    """How a refusal says what to supply: the CLI's options or the web form's fields."""

    day: str  # the fix for a missing day
    day_or_range: str  # ... for a report that may also cover several days
    marketplace: str  # ... for a missing marketplace ({example}: a marketplace code)
    store: str  # ... for a missing store
    marketplace_or_store: str
    currency: str  # ... for money in another currency ({example}, {currency})
    given_marketplace: str  # a marketplace the person gave ({code})
    given_day: str  # a day the person gave ({day})
    given_range: str  # days the person gave ({first}, {last})


CLI = Wording(
    day="pass --date YYYY-MM-DD",
    day_or_range="pass --date YYYY-MM-DD, or --from and --to for a report over several days",
    marketplace="pass --marketplace (e.g. --marketplace {example})",
    store="pass --store",
    marketplace_or_store="pass --marketplace or --store",
    currency=(
        "pass --marketplace (e.g. --marketplace {example}) or --store "
        "to import it into a store that sells in {currency}"
    ),
    given_marketplace="--marketplace {code}",
    given_day="--date {day}",
    given_range="--from {first} --to {last}",
)
WEB = Wording(
    day="choose the day in the form",
    day_or_range=(
        "choose the day in the form, or the first and the last day for a report over several days"
    ),
    marketplace="choose the marketplace in the form",
    store="choose the store in the form",
    marketplace_or_store="choose the marketplace or the store in the form",
    currency="choose a store that sells in {currency}, or its marketplace, in the form",
    given_marketplace="the marketplace chosen in the form ({code})",
    given_day="the day chosen in the form ({day})",
    given_range="the days chosen in the form ({first} to {last})",
)


@dataclass(frozen=True, slots=True)
class StoreChoice:
    store: Store
    marketplace: Marketplace
    created: bool


@dataclass(frozen=True, slots=True)
class FileCurrency:
    """What a file's money cells say about its currency: one code, or any dollar (``$``)."""

    codes: frozenset[str]
    shown: str  # "EUR", "dollars ($)"
    #: marketplace code -> the currency of that marketplace's rows, for files whose rows say
    #: both (a unified account's All Orders: DE and FR rows in EUR, UK rows in GBP)
    by_market: Mapping[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(
        cls, currency: str | None, mark: str | None, by_market: Mapping[str, str] | None = None
    ) -> FileCurrency | None:
        if currency:
            return cls(frozenset({currency}), currency, dict(by_market or {}))
        if mark == "$":
            return cls(DOLLARS, "dollars ($)", dict(by_market or {}))
        return None

    def at(self, market: Marketplace) -> FileCurrency:
        """The currency of the rows of ``market`` (the file's, when its rows do not say)."""
        own = self.by_market.get(market.code)
        return FileCurrency(frozenset({own}), own) if own else self

    def allows(self, market: Marketplace) -> bool:
        """Whether the rows of ``market`` are in its currency."""
        return market.currency in self.at(market).codes

    @property
    def example(self) -> str:
        """A marketplace that sells in this currency, for the messages."""
        if "USD" in self.codes:
            return "US"
        return next((m.code for m in MARKETPLACES.values() if m.currency in self.codes), "US")

    @property
    def wanted(self) -> str:
        return "dollars" if len(self.codes) > 1 else self.shown


@dataclass(frozen=True, slots=True)
class _Known:
    market: Marketplace
    source: Source


def marketplace_in_name(name: str) -> Marketplace | None:
    """The one marketplace code of a file name, where report names put it: an upper-case
    token after the first word (``BusinessReport_US_...``, ``Inventory-DE.txt``)."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    tokens = _NAME_WORDS.findall(stem)
    codes = {
        get_marketplace(t).code
        for t in tokens[1:]
        if len(t) == 2 and t.isupper() and (t in MARKETPLACES or t == "GB")
    }
    return MARKETPLACES[codes.pop()] if len(codes) == 1 else None


@dataclass(frozen=True, slots=True)
class NameDate:
    """A date written in a file name: ``day`` when it reads one way only."""

    text: str
    day: date | None
    readings: tuple[date, ...]


def dates_in_name(name: str, market: Marketplace | None = None) -> list[NameDate]:
    """The distinct dates in a file name: ``2026-11-26``, ``2026_11_26``, ``20261126``, and
    ``20.11.26`` / ``11-26-2026`` read by ``market``'s custom (see the module docstring)."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    found: list[NameDate] = []
    for match in _ISO_DATE.finditer(stem):
        day = _date(int(match[1]), int(match[3]), int(match[4]))
        if day is not None:
            found.append(NameDate(match[0], day, (day,)))
    local = [
        m
        for m in _LOCAL_DATE.finditer(stem)
        if not _in_run(stem, m) and not any(m[0] in f.text or f.text in m[0] for f in found)
    ]
    # The dates of one name are written alike: one that reads one way only (11-30-2026 is
    # month first) says how to read the others (11-01-2026 in the same name).
    orders = {_one_order(m) for m in local} - {None}
    hint = orders.pop() if len(orders) == 1 else None
    found.extend(_local_date(m, market, hint) for m in local)
    unique: list[NameDate] = []
    for item in found:
        if item.readings and item not in unique:
            unique.append(item)
    return unique


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _in_run(stem: str, match: re.Match[str]) -> bool:
    """Whether a date-like match continues a run of numbers joined by its own separator
    (``3-10-20-2-22``), rather than following another date after another mark."""
    before = stem[max(0, match.start() - 2) : match.start()]
    return len(before) == 2 and before[0].isdigit() and before[1] == match[2]


def _readings(match: re.Match[str]) -> tuple[date | None, date | None]:
    """A name date read day first and month first (None where that reading is no date)."""
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    year += 2000 if year < 100 else 0
    return _date(year, second, first), _date(year, first, second)


def _one_order(match: re.Match[str]) -> str | None:
    """``day`` or ``month`` for a name date only one order reads, else None."""
    day_first, month_first = _readings(match)
    if (day_first is None) == (month_first is None) or day_first == month_first:
        return None
    return "day" if day_first is not None else "month"


def _local_date(
    match: re.Match[str], market: Marketplace | None, hint: str | None = None
) -> NameDate:
    day_first, month_first = _readings(match)
    readings = tuple(d for d in dict.fromkeys((day_first, month_first)) if d is not None)
    if len(readings) != 1:
        order = hint or _order(match[2], market)
        chosen = {"day": day_first, "month": month_first}.get(order or "")
        return NameDate(match[0], chosen, readings)
    return NameDate(match[0], readings[0], readings)


def _order(separator: str, market: Marketplace | None) -> str | None:
    """Whether ``01.02.26`` is the 1st of February ("day") or January 2nd ("month")."""
    custom = None
    if market is not None:
        custom = "month" if market.code in _MONTH_FIRST else None
        custom = "day" if market.code in _DAY_FIRST else custom
    if separator == ".":  # only day-first custom writes dots
        return "day" if custom in (None, "day") else None
    return custom


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report without a date column covers: one day, or ``first`` .. ``last``."""

    first: date
    last: date

    @property
    def one_day(self) -> bool:
        return self.first == self.last

    def __str__(self) -> str:
        return str(self.first) if self.one_day else f"{self.first} to {self.last}"


def resolve_day(
    *,
    label: str,
    names: Sequence[str],
    day: date | None,
    title: str,
    notes: list[str],
    market: Marketplace | None = None,
    wording: Wording = CLI,
) -> date:
    """The day a report without a date column covers (see the module docstring)."""
    period = resolve_period(label=label, names=names, first=day, last=day, title=title,
                            notes=notes, market=market, wording=wording)  # fmt: skip
    return period.first


def resolve_period(
    *,
    label: str,
    names: Sequence[str],
    first: date | None,
    last: date | None,
    title: str,
    notes: list[str],
    market: Marketplace | None = None,
    wording: Wording = CLI,
    ranges: bool = False,
) -> Period:
    """The days a report without a date column covers: from its name, else the options
    (``first``/``last``: ``--date`` gives both the same day, ``--from``/``--to`` a range).
    Only a family that ``ranges`` (the Business Report) may cover several days."""
    fix = wording.day_or_range if ranges else wording.day
    source, found = next(
        ((n, d) for n, d in ((n, dates_in_name(n, market)) for n in names) if d), ("", [])
    )
    amazon_made = _amazon_made(source)  # the name the dates come from
    sure = sorted(dict.fromkeys(f.day for f in found if f.day is not None))
    given = _given_days(first, last, wording)
    if len(sure) > 1 and (not ranges or len(sure) > 2):
        covering = "a date range" if len(sure) == 2 else "several dates"
        raise ResolutionError(
            label,
            f"the file name carries several dates ({', '.join(map(str, sure))}); "
            f"a {title} covering {covering} is not supported: download one report per day"
            if not ranges
            else f"the file name carries {len(sure)} dates ({', '.join(map(str, sure))}): "
            f"name one day, or the first and the last day of the report, or {fix}",
        )
    if sure and given is not None and amazon_made:
        named = Period(sure[0], sure[-1])
        if (first, last) != (named.first, named.last):
            notes.append(f"the file name's {named} may be the day Amazon made the file: {given} "
                         "was used")  # fmt: skip
        sure = []
        found = []
    if sure:
        named = Period(sure[0], sure[-1])
        if given is not None and (first, last) != (named.first, named.last):
            notes.append(f"the file name says {named}, so {given} was not used")
        elif given is None and amazon_made:
            notes.append(f"the day {named} was taken from the file name, which may be the day "
                         f"Amazon made the file: if the report covers another day, {fix}")  # fmt: skip
        return named
    unsure = [f for f in found if f.day is None]
    if unsure and first is None:
        what = unsure[0]
        readings = " or ".join(map(str, what.readings))
        several = ranges and len({u.text for u in unsure}) > 1  # a range's two ends
        raise ResolutionError(
            label,
            f"the date in the file name ({what.text}) could be {readings}: "
            f"{fix if several else wording.day}",
        )
    if first is None or last is None:
        raise ResolutionError(
            label, f"a {title} has no date column and the file name carries no date: {fix}"
        )
    if last < first:
        raise ResolutionError(label, f"the last day ({last}) is before the first ({first})")
    if first != last and not ranges:
        raise ResolutionError(label, f"a {title} is of one day, not of {given}: {wording.day}")
    return Period(first, last)


#: Amazon's own name of a downloaded Business Report: ``BusinessReport-8-04-26.csv``,
#: ``BusinessReport-20.11.26.csv``, ``BusinessReport-7-10-26 (2).csv`` (a second download).
_AMAZON_MADE = re.compile(r"businessreport-\d\d?([-.])\d\d?\1\d\d(?:\d\d)?(?: ?\(\d+\))?\.\w+")


def _amazon_made(name: str) -> bool:
    """Whether ``name`` is Amazon's own name of a downloaded Business Report."""
    return bool(_AMAZON_MADE.fullmatch(PurePosixPath(name.replace("\\", "/")).name.lower()))


def _given_days(first: date | None, last: date | None, wording: Wording) -> str | None:
    if first is None:
        return None
    if last is None or last == first:
        return wording.given_day.format(day=first)
    return wording.given_range.format(first=first, last=last)


def resolve_store(
    session: Session,
    *,
    label: str,
    names: Sequence[str],
    in_file: Mapping[str, int],
    store: str | None,
    marketplace: str | None,
    notes: list[str],
    currency: FileCurrency | None = None,
    wording: Wording = CLI,
    new_store: bool = False,
    family: str | None = None,
) -> StoreChoice:
    """The store a file's rows belong to; created when missing and its marketplace is known.

    Without ``store``: the only store of the marketplace, else a new one named after the
    marketplace code (``US``); with no marketplace known, the only store there is (not with
    ``new_store``: the store of the file's marketplace was asked for, so the marketplace must
    be known). Money in another currency than the store's is refused, whichever way the
    store was chosen. A unified account's settlement or Date Range report (``family``, one
    of ``placement.PLACED``) with lines of several marketplaces each sold on by one store
    is for the store of its home marketplace: its lines go to their stores whichever it is.
    """
    known = _known_marketplace(label, names, sorted(in_file), marketplace, notes, currency, wording)
    if new_store and known is None:
        raise ResolutionError(
            label,
            "the file does not say which marketplace it is for, so no store can be made "
            f"for it: {wording.marketplace.format(example='US')}",
        )
    if known is not None and currency is not None and not currency.allows(known.market):
        theirs = currency.at(known.market)
        raise ResolutionError(
            label,
            f"the amounts are in {theirs.shown}, but {_said(known, wording)}, which sells "
            f"in {known.market.currency}: {_currency_fix(theirs, wording)}",
        )
    if store:
        choice = _named_store(session, label, store, known, wording)
    elif known is not None:
        choice = _store_of_marketplace(session, label, known.market, wording)
    else:
        placed = family in placement.PLACED
        money = sorted(currency.codes)[0] if currency and len(currency.codes) == 1 else None
        choice = _store_without_marketplace(
            session, label, in_file, wording, placed=placed, currency=money
        )
    if currency is not None and not currency.allows(choice.marketplace):
        theirs = currency.at(choice.marketplace)
        raise ResolutionError(
            label,
            f"the amounts are in {theirs.shown}, but store {choice.store.name!r} sells on "
            f"{choice.marketplace.domain} in {choice.marketplace.currency}: "
            f"{_currency_fix(theirs, wording)}",
        )
    return choice


def _currency_fix(currency: FileCurrency, wording: Wording) -> str:
    return wording.currency.format(example=currency.example, currency=currency.wanted)


def _said(known: _Known, wording: Wording) -> str:
    """Where a marketplace came from, in a message: the file, its name, or the person."""
    m = known.market
    if known.source == "option":
        return f"{wording.given_marketplace.format(code=m.code)} is {m.domain}"
    if known.source == "name":
        return f"the file name says {m.domain} ({m.code})"
    return f"the file is for {m.domain} ({m.code})"


def _store_without_marketplace(
    session: Session,
    label: str,
    in_file: Mapping[str, int],
    wording: Wording,
    *,
    placed: bool = False,
    currency: str | None = None,
) -> StoreChoice:
    stores = list_stores(session=session)
    if len(in_file) > 1:
        if placed and (home := _placed_home(stores, in_file, currency)) is not None:
            return StoreChoice(home, get_marketplace(home.marketplace_code), False)
        return _store_for_mixed_file(label, stores, sorted(in_file), wording)
    if len(stores) == 1:
        return StoreChoice(stores[0], get_marketplace(stores[0].marketplace_code), False)
    missing = wording.marketplace.format(example="US") if not stores else wording.store
    raise ResolutionError(
        label,
        f"the file does not say which marketplace it is for and there "
        f"{'is no store yet' if not stores else f'are {len(stores)} stores'}: {missing}",
    )


def _placed_home(
    stores: list[Store], in_file: Mapping[str, int], currency: str | None
) -> Store | None:
    """The store of a placed file's home marketplace (``placement.home_market``) when each
    marketplace of the file has exactly one store, else None."""
    found = {code: [s for s in stores if s.marketplace_code == code] for code in in_file}
    if any(len(own) != 1 for own in found.values()):
        return None
    home = placement.home_market(in_file, in_file, currency)
    return None if home is None else found[home][0]


def _store_for_mixed_file(
    label: str, stores: list[Store], in_file: list[str], wording: Wording
) -> StoreChoice:
    """Rows from several marketplaces (a unified account): the one store on one of them."""
    candidates = [s for s in stores if s.marketplace_code in in_file]
    if len(candidates) == 1:
        store = candidates[0]
        return StoreChoice(store, get_marketplace(store.marketplace_code), False)
    raise ResolutionError(
        label,
        f"the file has orders from several marketplaces ({', '.join(in_file)}): "
        f"{wording.marketplace_or_store} to say which to import",
    )


def _known_marketplace(
    label: str,
    names: Sequence[str],
    in_file: list[str],
    option: str | None,
    notes: list[str],
    currency: FileCurrency | None,
    wording: Wording,
) -> _Known | None:
    given = _option_marketplace(label, option)
    named = next((m for m in map(marketplace_in_name, names) if m), None)
    refused = None
    if named is not None and currency is not None and not currency.allows(named):
        named, refused = None, named  # the name's code is not the money's: not a marketplace
    chosen = _pick_marketplace(label, in_file, named, given, wording)
    if refused is not None and not in_file:
        if chosen is None:
            raise ResolutionError(
                label,
                f"the file name says {refused.domain} ({refused.code}) but the amounts are in "
                f"{currency.shown if currency else '?'}, not {refused.currency}: "
                f"{wording.marketplace.format(example=currency.example if currency else 'US')}",
            )
        notes.append(
            f"the file name's {refused.code} was not used: the amounts are not in "
            f"{refused.currency}"
        )
    if chosen is not None and given is not None and given != chosen.market:
        option = wording.given_marketplace.format(code=given.code)
        if chosen.source == "name":
            market = chosen.market
            notes.append(f"the file name says {market.domain} ({market.code}), so {option} "
                         "was not used")  # fmt: skip
        else:
            notes.append(f"the file is for {chosen.market.code}, so {option} was not used")
    return chosen


def _pick_marketplace(
    label: str,
    in_file: list[str],
    named: Marketplace | None,
    given: Marketplace | None,
    wording: Wording,
) -> _Known | None:
    if len(in_file) == 1:
        return _Known(MARKETPLACES[in_file[0]], "rows")
    if not in_file:
        if named is not None:
            return _Known(named, "name")
        return None if given is None else _Known(given, "option")
    # Rows from several marketplaces (a unified account): the name or the option picks one.
    pairs: tuple[tuple[Marketplace | None, Source], ...] = ((named, "name"), (given, "option"))
    for candidate, source in pairs:
        if candidate is not None and candidate.code in in_file:
            return _Known(candidate, source)
    if given is not None:
        option = wording.given_marketplace.format(code=given.code)
        raise ResolutionError(
            label, f"the file has orders from {', '.join(in_file)}, not from {option}"
        )
    return None


def _option_marketplace(label: str, option: str | None) -> Marketplace | None:
    if not option:
        return None
    try:
        return get_marketplace(option)
    except UnknownMarketplaceError as exc:
        raise ResolutionError(label, str(exc)) from None


def _named_store(
    session: Session, label: str, name: str, known: _Known | None, wording: Wording
) -> StoreChoice:
    if len(name) > _STORE_NAME_MAX:
        raise ResolutionError(label, f"a store name has at most {_STORE_NAME_MAX} characters")
    existing = find_store(session=session, name=name)
    if existing is None:
        if known is None:
            fix = wording.marketplace.format(example="US")
            raise ResolutionError(
                label,
                f"store {name!r} does not exist yet: {fix} to create it "
                "(the file does not say its marketplace)",
            )
        return _create(session, name, known.market)
    own = get_marketplace(existing.marketplace_code)
    if known is not None and known.market != own:
        raise ResolutionError(
            label,
            f"store {name!r} sells on {own.domain} ({own.code}) but {_said(known, wording)}",
        )
    return StoreChoice(existing, own, False)


def _store_of_marketplace(
    session: Session, label: str, market: Marketplace, wording: Wording
) -> StoreChoice:
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
            label, f"several stores sell on {market.domain} ({names}): {wording.store}"
        )
    if find_store(session=session, name=market.code) is not None:
        raise ResolutionError(
            label, f"a store named {market.code!r} sells on another marketplace: {wording.store}"
        )
    return _create(session, market.code, market)


def _create(session: Session, name: str, market: Marketplace) -> StoreChoice:
    return StoreChoice(
        create_store(session=session, name=name, marketplace=market.code), market, True
    )
