"""The import API the CLI, web and jobs call: one file (or archive member), one transaction.

For each file: read the bytes, recognise the report by its header, parse and validate every
row, pick the store (and the day, for reports without a date column), then write everything
and one ``import_batch`` row in a single unit of work. Any error rolls the whole file back;
a ``failed`` import_batch row carrying the message is then written on its own.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sellerops.core.db import unit_of_work
from sellerops.core.marketplaces import Marketplace, UnknownMarketplaceError, get_marketplace
from sellerops.core.models import ImportBatch, utcnow
from sellerops.ingest import (
    all_orders,
    business_report,
    business_report_more,
    columnar,
    day_order,
    derived,
    fba_inventory,
    registry,
    sources,
    xlsx,
)
from sellerops.ingest.errors import DecodeError, EmptyFileError, IngestError, ResolutionError
from sellerops.ingest.reader import read_table
from sellerops.ingest.reports import discovered
from sellerops.ingest.resolve import (
    CLI,
    WEB,
    FileCurrency,
    Period,
    StoreChoice,
    Wording,
    resolve_period,
    resolve_store,
)

log = logging.getLogger(__name__)

for _family in (
    business_report.FAMILY,
    business_report_more.PARENT,
    business_report_more.BY_DATE,
    all_orders.FAMILY,
    fba_inventory.FAMILY,
    *discovered(),
):
    registry.register(_family)

Status = Literal["imported", "skipped_duplicate", "failed"]
#: Where the import was asked for: its refusals say what to supply in that place's words
#: (``--date`` on the command line, the day field of the web form).
Via = Literal["cli", "web"]
_WORDING: dict[str, Wording] = {"cli": CLI, "web": WEB}


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file. Row counts are of the report's main table (sales & traffic
    rows, order items, inventory snapshots); ``rows_rejected`` were read but not stored."""

    path: str
    status: Status
    report_type: str | None = None
    store: str | None = None
    rows_read: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_rejected: int = 0
    data_start: date | None = None
    data_end: date | None = None
    error: str | None = None
    batch_id: int | None = None
    notes: tuple[str, ...] = ()
    marketplace: str | None = None  # code of the store's marketplace, once known
    #: what the file adds up to (``Family.totals``), in ``currency``; None if not reported
    totals: dict[str, Decimal] | None = None
    currency: str | None = None
    store_created: bool = False  # this import created the store
    #: when the batch ``batch_id`` was recorded (for a skipped file: the earlier import)
    imported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class _Options:
    store: str | None
    marketplace: str | None
    day: date | None
    force: bool
    wording: Wording = CLI
    until: date | None = None  # with ``day``: the last day of a report over several days
    user_id: int | None = None  # who uploaded it (the web form)
    #: a new store for the file's marketplace (the web form's owner choice): the marketplace
    #: must be known, and "the only store there is" is no answer
    new_store: bool = False


@dataclass(slots=True)
class _Attempt:
    """What is known about a file so far, for the failed import_batch row."""

    source: sources.Source
    data: bytes
    digest: str
    report_type: str | None = None
    store_id: int | None = None  # only a store that exists whatever happens to this file
    store_name: str | None = None
    store_created: bool = False
    marketplace: str | None = None
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)


def import_file(
    *,
    engine: Engine,
    path: Path,
    store: str | None = None,
    marketplace: str | None = None,
    day: date | None = None,
    force: bool = False,
    via: Via = "cli",
    until: date | None = None,
    user_id: int | None = None,
    new_store: bool = False,
) -> ImportOutcome:
    """Import one report file; see :func:`import_paths` for the options."""
    options = _Options(store, marketplace, day, force, _WORDING[via], until or day, user_id,
                       new_store)  # fmt: skip
    outcome = _import_source(engine, sources.file_source(Path(path)), options)
    derived.refresh_changed(engine)
    return outcome


def import_paths(
    *,
    engine: Engine,
    paths: list[Path],
    store: str | None = None,
    marketplace: str | None = None,
    day: date | None = None,
    force: bool = False,
    on_file: Callable[[ImportOutcome], None] | None = None,
    via: Via = "cli",
    shown_as: Mapping[Path, str] | None = None,
    until: date | None = None,
    user_id: int | None = None,
    new_store: bool = False,
) -> list[ImportOutcome]:
    """Import files, folders (recursively, sorted) and .zip archives (members sorted).

    ``store`` names the store (created when missing and the marketplace is known);
    ``marketplace`` is used when neither the file's rows nor its name say it; ``day`` is the
    date of reports without a date column whose name carries none (``day`` .. ``until``: the
    days a Business Report downloaded for a date range covers). A file already imported
    for the store (same SHA-256, same days) is skipped unless ``force``; importing it again
    changes no number. One file's failure never stops the others; ``on_file`` hears about
    each file. ``via`` words the refusals for the CLI or the web form; ``shown_as`` names a
    file (an upload) by its own name instead of its path in what is reported and recorded;
    ``user_id`` is who uploaded it; ``new_store``: a store for the file's marketplace, made
    when it has none (the marketplace must be known: from the file, its name or the option).
    """
    options = _Options(store, marketplace, day, force, _WORDING[via], until or day, user_id,
                       new_store)  # fmt: skip
    outcomes: list[ImportOutcome] = []
    for source in _expanded([Path(p) for p in paths], shown_as):
        outcome = _import_source(engine, source, options)
        outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome)
    derived.refresh_changed(engine)
    return outcomes


def _expanded(paths: list[Path], shown_as: Mapping[Path, str] | None) -> Iterator[sources.Source]:
    """``sources.expand``, a folder's files named in messages by their path in the folder
    (``fba/ledger.csv``, not ``ledger.csv``: two subfolders may hold files of one name)."""
    for path in paths:
        for source in sources.expand([path], shown_as):
            if path.is_dir():
                inside = _inside(source.path, path)
                if inside:
                    source = replace(source, label=inside)
            yield source


def _inside(shown: str, folder: Path) -> str | None:
    """``shown`` (a file's path, or ``archive!member``) relative to ``folder``, with ``/``."""
    file_part, bang, member = shown.partition("!")
    try:
        relative = Path(file_part).relative_to(folder).as_posix()
    except ValueError:
        return None
    return f"{relative}{bang}{member}"


def record_refusal(
    engine: Engine, name: str, message: str, user_id: int | None = None
) -> ImportOutcome:
    """Record a file refused before it was read (an upload too large, one too many), so the
    import history shows it like any other failed import."""
    attempt = _Attempt(sources.Source(name, name, (name,), lambda: b""), b"", "")
    return _failed(engine, attempt, message, user_id)


def _import_source(engine: Engine, source: sources.Source, options: _Options) -> ImportOutcome:
    try:
        data = source.read()
    except IngestError as exc:  # unreadable, too large, a zip bomb
        if options.user_id is None:  # on the command line the message is all one needs
            return ImportOutcome(source.path, "failed", error=str(exc))
        # an upload: its uploader finds it in the history, with the others
        return _failed(engine, _Attempt(source, b"", ""), str(exc), options.user_id)
    attempt = _Attempt(source, data, hashlib.sha256(data).hexdigest())
    try:
        return _import_bytes(engine, attempt, options)
    except Exception as exc:
        return _failed(engine, attempt, _message(source, exc), options.user_id)


def _message(source: sources.Source, exc: Exception) -> str:
    if isinstance(exc, IngestError):
        return str(exc)
    # A bug or a database failure: contained to this file, the traceback goes to the log.
    # A driver error's own text, without the SQL and parameters SQLAlchemy appends.
    log.exception("importing %s failed", source.path)
    detail = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
    first_line = (detail.strip().splitlines() or [""])[0]
    return f"{source.label}: {type(exc).__name__}: {first_line}"


def _import_bytes(engine: Engine, attempt: _Attempt, options: _Options) -> ImportOutcome:
    """The bulk path where the family has one; whatever it cannot read exactly, and it may
    only find out mid-file, is rolled back and read row by row."""
    try:
        return _import_once(engine, attempt, options, bulk=True)
    except columnar.Unsupported as exc:
        log.info("%s: read row by row (%s)", attempt.source.label, exc)
        attempt.notes.clear()
        return _import_once(engine, attempt, options, bulk=False)


def _import_once(
    engine: Engine, attempt: _Attempt, options: _Options, *, bulk: bool
) -> ImportOutcome:
    workbook = xlsx.is_workbook(attempt.data)
    likely = _likely_market(options)
    with day_order.first_reading(workbook=workbook, likely=likely) as undecided:
        family, parsed = _parse(attempt, bulk=bulk)
    with unit_of_work(engine) as session:
        choice = _store(session, attempt, family, parsed, options)
        by_custom = None
        if undecided:  # dates the file leaves open: read in the store marketplace's custom
            with day_order.market_reading(choice.marketplace, workbook=workbook):
                family, parsed = _parse(attempt, bulk=bulk)
            by_custom = day_order.custom_note(undecided, choice.marketplace)
        attempt.store_name = choice.store.name
        attempt.store_created = choice.created
        attempt.marketplace = choice.marketplace.code
        attempt.store_id = None if choice.created else choice.store.id
        needs_day = family.needs_day and not parsed.dated_rows
        period = _period(attempt, family, options, choice.marketplace) if needs_day else None
        previous = None if options.force else _previous_batch(session, choice, attempt, period)
        if previous is not None:
            return _outcome(attempt, "skipped_duplicate", previous)
        batch = _open_batch(session, choice.store.id, attempt, options.user_id)
        day = None if period is None else period.first
        until = None if period is None or period.one_day else period.last
        ctx = registry.LoadContext(
            session,
            choice.store,
            choice.marketplace,
            day,
            batch.id,
            attempt.source.label,
            until,
            _may_write(session, options.user_id),
        )
        result = family.load(ctx, parsed)
        if by_custom:
            result.notes.append(by_custom)
        if period is not None and family.forget is not None:
            moved = _move_earlier(session, choice.store.id, attempt, family, period, batch.id)
            if moved:
                result.notes.append(moved)
        batch.rows_read = attempt.rows_read = parsed.rows_read
        _close_batch(batch, result)
        derived.mark_changed(session=session, store_id=choice.store.id)  # rollups, plans
        if family.totals is not None:
            totals = family.totals(parsed, choice.marketplace)
            batch.totals = registry.totals_text(totals)
            batch.currency = (
                parsed.currencies.get(choice.marketplace.code)
                or parsed.currency
                or choice.marketplace.currency
            )
        session.flush()
        attempt.notes.extend(result.notes)
        if parsed.examples:
            attempt.notes.append(example_note(parsed.examples, parsed.rows_read))
        batch.notes = list(attempt.notes)  # ``imports`` lists them as ``import`` printed them
        batch.store_created = choice.created
        return _outcome(attempt, "imported", batch)


def _likely_market(options: _Options) -> Marketplace | None:
    """The marketplace asked for (``--marketplace``), for the date forms an error names."""
    try:
        return get_marketplace(options.marketplace) if options.marketplace else None
    except UnknownMarketplaceError:
        return None


def _move_earlier(
    session: Session,
    store_id: int,
    attempt: _Attempt,
    family: registry.Family,
    period: Period,
    batch_id: int,
) -> str | None:
    """The same file (same name and same bytes) imported before for other days (its day taken
    from its name, or a ``--date`` since corrected): its rows there are removed, in this
    transaction,
    so the file counts once, on the days it is imported for now. The earlier batches keep
    their history, with no days and a note that their rows moved. Returns the note of this
    import, or None when there was nothing to move."""
    assert family.forget is not None
    query = select(ImportBatch).where(
        ImportBatch.store_id == store_id,
        ImportBatch.file_sha256 == attempt.digest,
        # another name with the same bytes is another day's report that happens to read the
        # same (a listing without traffic writes the same all-zero row every day)
        ImportBatch.file_name == attempt.source.path[-500:],
        ImportBatch.status == "ok",
        ImportBatch.report_type == family.name,
        ImportBatch.id != batch_id,
        ImportBatch.data_start.is_not(None),
    )
    earlier = [
        b
        for b in session.scalars(query.order_by(ImportBatch.id))
        if b.data_start is not None
        and (b.data_start, b.data_end or b.data_start) != (period.first, period.last)
    ]
    if not earlier:
        return None
    removed = sum(family.forget(session, store_id, b.id) for b in earlier)
    days = ", ".join(
        dict.fromkeys(
            str(Period(b.data_start, b.data_end or b.data_start)) for b in earlier if b.data_start
        )
    )
    for b in earlier:  # (a later file of those days may have replaced all their rows)
        b.notes = [
            *(b.notes or []),
            f"its rows were moved to {period} by a later import of the same file",
        ]
        b.data_start = b.data_end = None
    if not removed:
        return None
    return (
        f"the same file was imported before for {days}: its {removed} "
        f"{'row' if removed == 1 else 'rows'} there {'was' if removed == 1 else 'were'} removed, so it counts for {period} only"
    )


def example_note(examples: int, rows: int) -> str:
    """What an import says about the template example rows it skipped."""
    if rows == 0:
        return (
            f"the file holds only the template's example row ({examples} skipped, marked "
            '"# example"): put your own rows in its place and import it again'
        )
    what = "example row" if examples == 1 else "example rows"
    return f'{examples} {what} of the template skipped (marked "# example"), not imported'


def _parse(attempt: _Attempt, *, bulk: bool) -> tuple[registry.Family, registry.Parsed]:
    """Recognise and parse the whole file before any writing starts (the bulk path only
    looks it through: it types and validates while it loads, in the same transaction)."""
    label = attempt.source.label
    if not attempt.data or attempt.data.isspace():  # (no copy of a large file)
        raise EmptyFileError(label, "the file is empty")
    try:
        table = read_table(attempt.data, label)
    except DecodeError:
        if _workbook_name(label) and attempt.data.startswith((b"PK\x03\x04", _OLE2)):
            raise DecodeError(label, DAMAGED_WORKBOOK) from None
        raise
    family, header_map = registry.detect(table.header, label, document=table.delimiter == "json")
    attempt.report_type = family.name
    if bulk and family.columnar_parse is not None and columnar.usable(table):
        parsed = family.columnar_parse(table, header_map)
    else:
        parsed = family.parse(table, header_map)
    attempt.rows_read = parsed.rows_read
    return family, parsed


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A file named as a workbook whose bytes start as one but cannot be read as one.
DAMAGED_WORKBOOK = (
    "is not a readable Excel workbook (damaged, or not .xlsx): open it in Excel and save it "
    "again as .xlsx, or as CSV (UTF-8), and import that"
)


def _workbook_name(label: str) -> bool:
    return label.lower().rsplit("!", 1)[-1].endswith((".xlsx", ".xlsm", ".xls"))


def _store(
    session: Session,
    attempt: _Attempt,
    family: registry.Family,
    parsed: registry.Parsed,
    options: _Options,
) -> StoreChoice:
    """The file's store. When it cannot be told and the day cannot either, one refusal says
    everything that is missing (not one option at a time)."""
    try:
        return resolve_store(
            session,
            label=attempt.source.label,
            names=attempt.source.names,
            in_file=parsed.marketplaces,
            store=options.store,
            marketplace=options.marketplace,
            notes=attempt.notes,
            currency=FileCurrency.of(parsed.currency, parsed.currency_mark, parsed.currencies),
            wording=options.wording,
            new_store=options.new_store,
            family=family.name,
        )
    except ResolutionError as exc:
        if not family.needs_day or parsed.dated_rows:
            raise
        try:
            _period(attempt, family, options, None, notes=[])
        except ResolutionError as day_exc:
            raise ResolutionError.joined(exc, day_exc) from None
        raise


def _period(
    attempt: _Attempt,
    family: registry.Family,
    options: _Options,
    market: Marketplace | None,
    notes: list[str] | None = None,
) -> Period:
    return resolve_period(
        label=attempt.source.label,
        names=attempt.source.names,
        first=options.day,
        last=options.until,
        title=family.title,
        notes=attempt.notes if notes is None else notes,
        market=market,
        wording=options.wording,
        ranges=family.ranges,
    )


def _previous_batch(
    session: Session, choice: StoreChoice, attempt: _Attempt, period: Period | None
) -> ImportBatch | None:
    """The last successful import of the same bytes for the store (and the same days, for
    reports without a date column: a quiet store's inventory can be identical two days)."""
    query = (
        select(ImportBatch)
        .where(
            ImportBatch.store_id == choice.store.id,
            ImportBatch.file_sha256 == attempt.digest,
            ImportBatch.status == "ok",
        )
        .order_by(ImportBatch.id.desc())
        .limit(1)
    )
    if period is not None:
        query = query.where(
            ImportBatch.data_start == period.first, ImportBatch.data_end == period.last
        )
    return session.scalar(query)


def _open_batch(
    session: Session, store_id: int, attempt: _Attempt, user_id: int | None
) -> ImportBatch:
    batch = ImportBatch(
        store_id=store_id,
        user_id=user_id,
        report_type=attempt.report_type,
        file_name=attempt.source.path[-500:],
        file_sha256=attempt.digest,
        file_size=len(attempt.data),
        status="ok",
        rows_read=attempt.rows_read,
    )
    session.add(batch)
    session.flush()
    return batch


def _close_batch(batch: ImportBatch, result: registry.LoadResult) -> None:
    batch.rows_inserted = result.inserted
    batch.rows_updated = result.updated
    batch.rows_rejected = result.rejected
    batch.data_start, batch.data_end = result.data_start, result.data_end
    batch.finished_at = utcnow()


def _outcome(attempt: _Attempt, status: Status, batch: ImportBatch) -> ImportOutcome:
    return ImportOutcome(
        path=attempt.source.path,
        status=status,
        report_type=batch.report_type,
        store=attempt.store_name,
        rows_read=batch.rows_read,
        rows_inserted=batch.rows_inserted if status == "imported" else 0,
        rows_updated=batch.rows_updated if status == "imported" else 0,
        rows_rejected=batch.rows_rejected if status == "imported" else 0,
        data_start=batch.data_start,
        data_end=batch.data_end,
        batch_id=batch.id,
        notes=tuple(attempt.notes),
        marketplace=attempt.marketplace,
        totals=decimal_totals(batch.totals),
        currency=batch.currency,
        store_created=attempt.store_created and status == "imported",
        imported_at=batch.finished_at,
    )


def decimal_totals(stored: dict[str, Any] | None) -> dict[str, Decimal] | None:
    """``import_batch.totals`` (decimal strings) -> exact numbers."""
    return None if stored is None else {key: Decimal(value) for key, value in stored.items()}


def _failed(
    engine: Engine, attempt: _Attempt, message: str, user_id: int | None = None
) -> ImportOutcome:
    """Record the failure in its own small transaction (the import itself was rolled back)."""
    batch_id = finished = None
    try:
        with unit_of_work(engine) as session:
            batch = ImportBatch(
                store_id=attempt.store_id,
                user_id=user_id,
                report_type=attempt.report_type,
                file_name=attempt.source.path[-500:],
                file_sha256=attempt.digest,
                file_size=len(attempt.data),
                status="failed",
                rows_read=attempt.rows_read,
                error=message,
                finished_at=utcnow(),
                notes=[],  # as the outcome below: a refused file's notes would mislead
            )
            session.add(batch)
            session.flush()
            batch_id, finished = batch.id, batch.finished_at
    except Exception:  # the database itself may be what failed; the message still goes back
        log.exception("could not record the failed import of %s", attempt.source.path)
    return ImportOutcome(
        path=attempt.source.path,
        status="failed",
        report_type=attempt.report_type,
        store=attempt.store_name,
        rows_read=attempt.rows_read,
        error=message,
        batch_id=batch_id,
        marketplace=attempt.marketplace,
        imported_at=finished,
    )


def _may_write(session: Session, user_id: int | None) -> Callable[[int], bool] | None:
    """For a web upload: whether its uploader may import into a store (act there); None on
    the command line, where every store may be written."""
    if user_id is None:
        return None
    from sellerops.accounts.models import User
    from sellerops.accounts.service import allows, role_in_store

    user = session.get(User, user_id)

    def may(store_id: int) -> bool:
        return user is not None and allows(role_in_store(session=session, user=user,
                                                         store_id=store_id), "act")  # fmt: skip

    return may
