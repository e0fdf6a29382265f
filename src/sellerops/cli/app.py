"""Commands: init, import, review, finding, stores, demo."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from sellerops import __version__
from sellerops.cli import (
    ads_commands,
    data_commands,
    deals_command,
    finance_commands,
    finding_assign_command,
    forecast_command,
    pricing_command,
    profit_command,
    report_command,
    restock_command,
    restock_settings_command,
    template_command,
    web_commands,
)
from sellerops.cli import messages as _messages  # noqa: F401  (registers CLI texts)
from sellerops.cli.common import fail, open_engine, parse_day, state
from sellerops.cli.localized import LocalizedGroup, check_lang, help_lang
from sellerops.core import i18n

# The command modules import what a command needs (the database, the domain modules) inside
# the command: ``sellerops --help`` and light commands start without loading them.

app = typer.Typer(
    name="sellerops",
    cls=LocalizedGroup,  # help texts in the language of the run (sellerops.cli.localized)
    help="Self-hosted operations desk for Amazon sellers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
finding_app = typer.Typer(help="Work through findings: acknowledge, assign, snooze, done, reopen.")
app.add_typer(finding_app, name="finding")
user_app = typer.Typer(help="Users of the web app.")
app.add_typer(user_app, name="user")
ads_app = typer.Typer(help="Advertising: optimizer recommendations, approvals, bulk files.")
app.add_typer(ads_app, name="ads")


def _version(value: bool) -> None:
    if value:
        Console().print(f"sellerops {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: SELLEROPS_LANG, then locale)")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    check_lang(lang, help_lang([]))  # --lang fr: refused, with the languages there are
    state.lang_option = lang


@app.command()
def init() -> None:
    """Create the database (or bring it to the newest schema)."""
    ctx = state.ctx()
    _engine, applied = open_engine(ctx)
    key = "init.migrated" if applied else "init.current"
    ctx.console.print(i18n.t(key, ctx.lang, url=ctx.settings.masked_database_url))


@app.command()
def stores() -> None:
    """List the stores in the database."""
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import list_stores

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        for s in list_stores(session=session):
            ctx.console.print(f"{s.id:>3}  {s.name}  ({s.marketplace_code})")


@app.command()
def review(
    day: Annotated[str | None, typer.Option("--date", help="Day to review, YYYY-MM-DD")] = None,
    store: Annotated[str | None, typer.Option("--store", help="Store name")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many findings (0: all)")] = 25,
) -> None:
    """Run today's daily review and print the ranked findings."""
    from sellerops.catalog import performance
    from sellerops.cli.render import print_review
    from sellerops.core.db import unit_of_work
    from sellerops.core.stores import StoreNotFoundError, get_store
    from sellerops.daily import present
    from sellerops.daily import service as daily

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        try:
            the_store = get_store(session=session, name=store)
        except StoreNotFoundError as exc:
            fail(ctx, exc.text(ctx.lang))
        as_of = parse_day(ctx, day) or performance.latest_day(
            session=session, store_id=the_store.id
        )
        if as_of is None:
            fail(ctx, i18n.t("review.no_data", ctx.lang, store=the_store.name))
        result = daily.run_review(session=session, store=the_store, as_of=as_of)
        if as_json:
            typer.echo(json.dumps(present.review_to_dict(result, ctx.lang), ensure_ascii=False))
        else:
            print_review(ctx, session, result, limit=limit)


def _set_status(finding_id: int, status: str, until: date | None = None) -> None:
    from sellerops.core.db import unit_of_work
    from sellerops.daily import present as _status_words  # noqa: F401  (registers status.*)
    from sellerops.daily import service as daily

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    try:
        with unit_of_work(engine) as session:
            daily.set_status(
                session=session, finding_id=finding_id, status=status, snoozed_until=until
            )
    except daily.ReviewActionError as exc:
        fail(ctx, exc.text(ctx.lang))
    if status == "snoozed" and until is not None:  # the day it comes back, said
        text = i18n.t(
            "finding.snoozed", ctx.lang, id=finding_id, day=until.isoformat(),
            weekday=i18n.t(f"cli.weekday.{until.weekday()}", ctx.lang),
        )  # fmt: skip
    else:
        status_text = i18n.t(f"status.{status}", ctx.lang)
        text = i18n.t("finding.set", ctx.lang, id=finding_id, status=status_text)
    ctx.console.print(text, highlight=False)


FindingId = finding_assign_command.FindingId


@finding_app.command("ack")
def finding_ack(finding_id: FindingId) -> None:
    """Acknowledge a finding: seen, being handled."""
    _set_status(finding_id, "acknowledged")


@finding_app.command("done")
def finding_done(finding_id: FindingId) -> None:
    """Mark a finding done; it comes back as new if the problem shows up again later."""
    _set_status(finding_id, "done")


@finding_app.command("reopen")
def finding_reopen(finding_id: FindingId) -> None:
    """Put a finding back to new."""
    _set_status(finding_id, "new")


@finding_app.command("snooze")
def finding_snooze(
    finding_id: FindingId,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Wake up on this day, YYYY-MM-DD (default: a week after the later of today "
            "and the review day that last saw the finding)",
        ),
    ] = None,
) -> None:
    """Hide a finding until a day."""
    ctx = state.ctx()
    _set_status(finding_id, "snoozed", parse_day(ctx, until) if until else _wake_day(finding_id))


def _wake_day(finding_id: int) -> date:
    """The default snooze end of a finding: a week after the later of today and the last
    review that saw it."""
    from sellerops.core.db import unit_of_work
    from sellerops.daily import service as daily
    from sellerops.daily.models import FindingRow

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        row = session.get(FindingRow, finding_id)
        if row is None:
            fail(ctx, daily.UnknownFindingError(finding_id).text(ctx.lang))
        return daily.snooze_default(row.last_seen)


finding_app.command("assign")(finding_assign_command.finding_assign)
app.command("import")(data_commands.import_reports)
app.command("demo")(data_commands.demo)
app.command("serve")(web_commands.serve)
app.command("restock")(restock_command.restock)
app.command("forecast")(forecast_command.forecast)
app.command("template")(template_command.template)
app.command("report")(report_command.report)
app.command("profit")(profit_command.profit)
app.command("prices")(pricing_command.prices)
app.command("price-rule")(pricing_command.price_rule)
ads_app.command("recommendations")(ads_commands.ads_recommendations)
ads_app.command("approve")(ads_commands.ads_approve)
ads_app.command("bulkfile")(ads_commands.ads_export)
ads_app.command("export", help="Same as bulkfile.")(ads_commands.ads_export)
app.command("fba-capacity")(restock_settings_command.fba_capacity)
app.command("warehouse-stock")(restock_settings_command.warehouse_stock)
deals_app = typer.Typer(
    help="Deals and promotions calendar: fees, stock readiness, measured effect."
)
ads_app.add_typer(deals_app, name="deals")
deals_app.command("add")(deals_command.deals_add)
deals_app.command("list")(deals_command.deals_list)
deals_app.command("report")(deals_command.deals_report)
app.command("imports")(finance_commands.imports)
app.command("reconcile")(finance_commands.reconcile_command)
user_app.command("add")(web_commands.user_add)


def main() -> None:
    app()
