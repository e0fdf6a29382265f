"""The review in the terminal: ranked, one block per finding, evidence and action."""

from __future__ import annotations

from rich.markup import escape
from sqlalchemy.orm import Session

from sellerops.cli.common import Ctx
from sellerops.core import i18n
from sellerops.daily import present
from sellerops.daily.evidence import evidence_items
from sellerops.daily.finding import Finding
from sellerops.daily.service import Review

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "dim",
}


def print_review(ctx: Ctx, session: Session, review: Review, *, limit: int) -> None:
    """Print the review; ``limit`` findings at most, 0 for all of them."""
    out, lang = ctx.console, ctx.lang
    limit = limit if limit > 0 else len(review.items)
    heading = i18n.t("review.heading", lang, store=review.store.name, day=review.as_of.isoformat())
    out.rule(f"[bold]{escape(heading)}")
    totals = present.totals_line(session=session, review=review, lang=lang)
    if totals:
        out.print(totals, highlight=False)
    for note in present.data_notes(review, lang):
        out.print(f"[yellow]! {escape(note)}[/]", highlight=False)
    if not review.items:
        out.print(i18n.t("review.none", lang))
        return
    currency = review.items[0].finding.currency
    money = present.money_text(present.review_money(review), currency, lang)
    out.print(present.count_text(review, money, lang), highlight=False)
    out.print()
    id_of = {i.finding.key: i.id for i in review.items}
    for rank, item in enumerate(review.items[:limit], start=1):
        f = item.finding
        sev = i18n.t(f"severity.{f.severity}", lang)
        badge = f" [bold cyan]{i18n.t('review.new', lang)}[/]" if item.is_new(review.as_of) else ""
        status = (
            "" if item.status == "new" else f" [dim]({i18n.t(f'status.{item.status}', lang)})[/]"
        )
        if item.assignee:
            who = i18n.t("review.assignee", lang, user=item.assignee)
            status += f" [magenta]{escape(who)}[/]"
        out.print(
            f"[bold]{rank:>2}.[/] [{SEVERITY_STYLE[f.severity]}] {sev} [/] "
            f"[dim]{i18n.t('module.' + f.module, lang)}[/] #{item.id}{badge}{status}  "
            f"[bold green]{escape(present.money_label(item, lang))}[/]",
            highlight=False,
        )
        if item.overlaps in id_of:
            shared = i18n.t("review.overlaps", lang, id=id_of[item.overlaps])
            out.print(f"    [dim]{escape(shared)}[/]", highlight=False)
        out.print(f"    {escape(f.title(lang))}", highlight=False)
        out.print(f"    [dim]{escape(_evidence(f, lang))}[/]", highlight=False)
        out.print(f"    → {escape(f.action(lang))}", highlight=False)
    if len(review.items) > limit:
        more = i18n.t(
            "review.more",
            lang,
            count=len(review.items) - limit,
            command=_all_command(session, review),
        )
        out.print(f"[dim]{escape(more)}[/]", highlight=False)
    for name, error in review.errors.items():
        ctx.err.print(f"[red]check {name} failed:[/] {escape(error)}")


def _all_command(session: Session, review: Review) -> str:
    """The command that lists every finding of this review (store and day named when needed)."""
    from sellerops.catalog import performance
    from sellerops.core.stores import list_stores

    command = "sellerops review --limit 0"
    if len(list_stores(session=session)) > 1:
        command += f' --store "{review.store.name}"'
    if review.as_of != performance.latest_day(session=session, store_id=review.store.id):
        command += f" --date {review.as_of.isoformat()}"
    return command


def _evidence(finding: Finding, lang: str) -> str:
    sep = "：" if lang == "zh" else ": "
    return " · ".join(f"{k}{sep}{v}" for k, v in evidence_items(finding, lang))
