"""Commands that bring data in: ``import`` and ``demo``."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sellerops.cli.common import Ctx, count, fail, open_engine, parse_day, state
from sellerops.core import i18n

if TYPE_CHECKING:  # the commands import them when they run (start-up time)
    from sqlalchemy import Engine

    from sellerops.ingest.service import ImportOutcome

DEMO_STORE = "Demo US"
#: The report families the importer reads so far; the simulator writes more.
DEMO_FAMILIES = (
    "business_report",
    "all_orders",
    "fba_inventory",
    "fba_returns",
    "search_terms",
    "ads_bulk",
    "fba_inventory_health",
    "settlement",
    "date_range",
    "cost_sheet",
    "listings",
)


def _progress(ctx: Ctx) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=ctx.err,
        transient=True,
    )


def import_reports(
    paths: Annotated[list[Path], typer.Argument(help="Report files, folders or .zip archives")],
    store: Annotated[
        str | None,
        typer.Option(
            help="Store name; a new one is created when the marketplace is known "
            "(from the file or --marketplace)"
        ),
    ] = None,
    marketplace: Annotated[
        str | None,
        typer.Option(help="Marketplace code (US, UK, DE, JP ...) when the file lacks it"),
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Day a dateless report covers, YYYY-MM-DD")
    ] = None,
    first: Annotated[
        str | None,
        typer.Option("--from", help="First day of a Business Report downloaded for a date range"),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option("--to", help="Last day of a Business Report downloaded for a date range"),
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-process files imported before")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array, one object per file")
    ] = False,
) -> None:
    """Import Seller Central / Ads console report files; detection is by headers."""
    from sellerops.ingest.history import outcome_to_dict
    from sellerops.ingest.service import import_paths

    ctx = state.ctx()
    for p in paths:
        if not p.exists() and not as_json:  # with --json the file's object says so
            from sellerops.ingest.errors import localize

            fail(ctx, localize(f"{p}: no such file or folder", ctx.lang))
    the_day, until = _days(ctx, day, first, last)
    engine, _ = open_engine(ctx)
    with _progress(ctx) as progress:
        task = progress.add_task(i18n.t("import.progress", ctx.lang), total=None)
        outcomes = import_paths(
            engine=engine,
            paths=paths,
            store=store,
            marketplace=marketplace,
            day=the_day,
            until=until,
            force=force,
            on_file=lambda o: progress.advance(task),
        )
    if as_json:
        records = [outcome_to_dict(o) for o in outcomes]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        _report_outcomes(ctx, outcomes)
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


def _days(
    ctx: Ctx, day: str | None, first: str | None, last: str | None
) -> tuple[date | None, date | None]:
    """``--date``, or ``--from`` and ``--to`` (both): the first and the last day."""
    if day is not None and (first is not None or last is not None):
        fail(ctx, i18n.t("import.date_or_range", ctx.lang))
    if (first is None) != (last is None):
        fail(ctx, i18n.t("import.range_needs_both", ctx.lang))
    if day is not None:
        the_day = parse_day(ctx, day)
        return the_day, the_day
    start, end = parse_day(ctx, first), parse_day(ctx, last)
    if start is not None and end is not None and end < start:
        fail(ctx, i18n.t("import.range_backwards", ctx.lang, first=start, last=end))
    return start, end


def _report_outcomes(ctx: Ctx, outcomes: list[ImportOutcome], quiet: bool = False) -> None:
    from sellerops.ingest.errors import localize as localize_error
    from sellerops.ingest.errors import localize_problem
    from sellerops.ingest.titles import report_title

    for o in outcomes:
        if o.status == "failed":
            error = localize_error(o.error or "", ctx.lang)
            ctx.err.print(f"[red]✗[/] {escape(error)}", highlight=False, soft_wrap=True)
        elif not quiet:
            rows = i18n.t("import.rows", ctx.lang, read=count(o.rows_read, ctx.lang),
                          inserted=count(o.rows_inserted, ctx.lang),
                          updated=count(o.rows_updated, ctx.lang))  # fmt: skip
            mark = "✓" if o.status == "imported" else "="
            where = _store_label(ctx, o)
            title = escape(report_title(o.report_type, ctx.lang))
            ctx.console.print(
                f"{mark} {escape(o.path)}  [dim]{title} · {rows}[/]{where}",
                highlight=False,
            )
            for note in o.notes:
                note_text = escape(localize_problem(note, ctx.lang))
                ctx.console.print(f"  [dim]{note_text}[/]", highlight=False)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("imported", "failed")}
    skipped = len(outcomes) - counts["imported"] - counts["failed"]
    ctx.console.print(
        i18n.t(
            "import.summary",
            ctx.lang,
            files=len(outcomes),
            imported=counts["imported"],
            skipped=skipped,
            failed=counts["failed"],
        )
    )
    created = {o.store: o.marketplace for o in outcomes if o.store_created and o.store}
    for name, code in created.items():
        text = i18n.t("import.created", ctx.lang, store=name, marketplace=code or "")
        ctx.console.print(escape(text), highlight=False)


def _store_label(ctx: Ctx, outcome: ImportOutcome) -> str:
    """`` → store US`` (``(new store, amazon.com)`` when this import created it)."""
    if not outcome.store:
        return ""
    key = "import.store_created" if outcome.store_created else "import.store"
    text = i18n.t(key, ctx.lang, store=outcome.store, marketplace=outcome.marketplace or "")
    return f"  {escape(text)}"


def demo(
    skus: Annotated[int, typer.Option(help="Number of SKUs")] = 40,
    days: Annotated[int, typer.Option(help="Days of history, ending yesterday")] = 180,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Seller Central language of the files: en or zh")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same store")] = 42,
    limit: Annotated[int, typer.Option(help="Show at most this many findings (0: all)")] = 15,
    reset: Annotated[
        bool, typer.Option("--reset", help="Rebuild the demo store even if it holds your work")
    ] = False,
) -> None:
    """Simulate a store, import its report files, and print today's review."""
    from sellerops.catalog import performance
    from sellerops.cli.render import print_review
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import find_store
    from sellerops.daily import service as daily
    from sellerops.ingest.service import import_paths
    from sellerops.sim import SimConfig, simulate, write_reports

    ctx = state.ctx()
    if lang is not None:
        state.lang_option = lang
        ctx = state.ctx()
    engine, _ = open_engine(ctx)
    if not reset:
        findings, recs = _demo_work(engine)
        if findings or recs:
            fail(ctx, i18n.t("demo.has_work", ctx.lang, store=DEMO_STORE, findings=findings,
                             recs=recs))  # fmt: skip
    end = date.today() - timedelta(days=1)
    out_dir = ctx.settings.data_dir / "demo" / f"seed{seed}-{ctx.lang}"
    with ctx.err.status(i18n.t("demo.simulating", ctx.lang)):
        truth = simulate(SimConfig(seed=seed, skus=skus, days=days, end_date=end, lang=ctx.lang))
        shutil.rmtree(out_dir, ignore_errors=True)
        files = write_reports(truth, out_dir, lang=ctx.lang, families=DEMO_FAMILIES)
    ctx.console.print(i18n.t("demo.files", ctx.lang, count=len(files), path=out_dir))
    _reset_demo_store(engine)
    with _progress(ctx) as progress:
        task = progress.add_task(i18n.t("import.progress", ctx.lang), total=len(files))
        outcomes = import_paths(
            engine=engine,
            paths=sorted(files),
            store=DEMO_STORE,
            marketplace="US",
            force=True,
            on_file=lambda o: progress.advance(task),
        )
    _report_outcomes(ctx, outcomes, quiet=True)
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)
    with unit_of_work(engine) as session:
        store = find_store(session=session, name=DEMO_STORE)
        assert store is not None
        as_of = performance.latest_day(session=session, store_id=store.id) or end
        result = daily.run_review(session=session, store=store, as_of=as_of)
        print_review(ctx, session, result, limit=limit)
    url = ctx.settings.masked_database_url
    ctx.console.print(i18n.t("demo.done", ctx.lang, store=DEMO_STORE, url=url), highlight=False)


def _demo_work(engine: Engine) -> tuple[int, int]:
    """What an operator did on the demo store that a rebuild would lose: findings worked on
    (acknowledged, done, snoozed or assigned) and ad recommendations decided."""
    from sqlalchemy import func, select

    from sellerops.ads.models import AdRecommendation
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import find_store
    from sellerops.daily.models import FindingRow

    with unit_of_work(engine) as session:
        store = find_store(session=session, name=DEMO_STORE)
        if store is None:
            return 0, 0
        f = FindingRow
        findings = session.scalar(
            select(func.count()).where(
                f.store_id == store.id, (f.status != "new") | f.assignee_id.is_not(None)
            )
        )
        a = AdRecommendation
        recs = session.scalar(
            select(func.count()).where(a.store_id == store.id, a.status != "proposed")
        )
    return int(findings or 0), int(recs or 0)


def _reset_demo_store(engine: Engine) -> None:
    """The demo store is disposable: each run starts it afresh; other stores are untouched."""
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import create_store, delete_store_data, find_store

    with unit_of_work(engine) as session:
        store = find_store(session=session, name=DEMO_STORE)
        if store is None:
            create_store(session=session, name=DEMO_STORE, marketplace="US")
        else:
            delete_store_data(session=session, store_id=store.id)
