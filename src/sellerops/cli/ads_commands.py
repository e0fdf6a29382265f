"""``sellerops ads recommendations | approve | bulkfile`` (alias ``export``): the optimizer's changes, carried out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import Ctx, acting_user, fail, open_engine, parse_day, state
from sellerops.core import i18n

if TYPE_CHECKING:  # the commands import the domain when they run (start-up time)
    from sellerops.ads import metrics as am

i18n.register_messages(
    {
        "ads.heading": {
            "en": "Ad recommendations · {store} · {day}",
            "zh": "广告优化建议 · {store} · {day}",
        },
        "ads.none": {"en": "No recommendations today.", "zh": "今天没有广告优化建议。"},
        "ads.tacos": {
            "en": "TACoS {start} – {end}: {tacos} (ad spend {spend} / total sales {sales} of the "
            "advertised products with a business report)",
            "zh": "TACoS {start} – {end}：{tacos}（有业务报告的推广商品：广告花费 {spend} / 总销售额 {sales}）",
        },
        "ads.tacos_unknown": {
            "en": "TACoS: unknown (no business report covers the advertised products)",
            "zh": "TACoS：未知（没有覆盖推广商品的业务报告）",
        },
        "ads.decided": {
            "en": "{count} recommendations {status} by {actor}.",
            "en_one": "1 recommendation {status} by {actor}.",
            "zh": "{actor} 已{status} {count} 条建议。",
        },
        "ads.exported": {
            "en": "{count} changes written to {out} (revert file: {revert}). Upload it in the "
            "Ads console: Bulk operations.",
            "en_one": "1 change written to {out} (revert file: {revert}). Upload it in the "
            "Ads console: Bulk operations.",
            "zh": "已将 {count} 项更改写入 {out}（回滚文件：{revert}）。请在广告控制台“批量操作”中上传。",
        },
        "ads.revert_needs_ids": {
            "en_one": "Note: 1 row of the revert file archives keywords or negatives this file "
            "creates; Amazon needs their ids, which exist only after the upload. To undo them, "
            "download a fresh bulk file after uploading, `sellerops import` it, and run "
            "`sellerops ads bulkfile` again for a complete revert file.",
            "en": "Note: {count} rows of the revert file archive keywords or negatives this file "
            "creates; Amazon needs their ids, which exist only after the upload. To undo them, "
            "download a fresh bulk file after uploading, `sellerops import` it, and run "
            "`sellerops ads bulkfile` again for a complete revert file.",
            "zh": "注意：回滚文件中有 {count} 行要归档本文件新建的关键词或否定词；亚马逊需要它们的 ID，"
            "而 ID 在上传后才会生成。如需撤销，请在上传后重新下载批量文件、用 `sellerops import` 导入，"
            "再运行 `sellerops ads bulkfile` 生成完整的回滚文件。",
        },
        "ads.nothing_approved": {
            "en": "Nothing approved to export.",
            "zh": "没有已批准待导出的更改。",
        },
        "ads.status.approved": {"en": "approved", "zh": "批准"},
        "ads.status.rejected": {"en": "rejected", "zh": "拒绝"},
        "ads.state.proposed": {"en": "proposed", "zh": "待处理"},
        "ads.more": {
            "en": "… {count} more recommendations not shown (--limit 0 shows all, --json lists "
            "every one)",
            "zh": "… 另有 {count} 条建议未显示（--limit 0 显示全部，--json 列出全部）",
        },
        "ads.state.approved": {"en": "approved", "zh": "已批准"},
        "ads.state.rejected": {"en": "rejected", "zh": "已拒绝"},
        "ads.state.exported": {"en": "exported", "zh": "已导出"},
        "ads.state.superseded": {"en": "superseded", "zh": "已被取代"},
        "ads.effect.spend": {"en": "spend", "zh": "花费"},
        "ads.effect.profit": {"en": "profit", "zh": "利润"},
        "ads.effect.sales": {"en": "sales", "zh": "销售额"},
        "ads.effect.orders": {"en": "orders", "zh": "订单"},
        "ads.col.id": {"en": "ID", "zh": "编号"},
        "ads.col.kind": {"en": "Change", "zh": "类型"},
        "ads.col.where": {"en": "Campaign / ad group", "zh": "广告活动 / 广告组"},
        "ads.col.target": {"en": "Target / term / SKU", "zh": "投放 / 搜索词 / SKU"},
        "ads.col.change": {"en": "Now → new", "zh": "当前 → 建议"},
        "ads.col.effect": {"en": "Expected effect", "zh": "预期影响"},
        "ads.col.reason": {"en": "Why", "zh": "原因"},
        "ads.col.status": {"en": "Status", "zh": "状态"},
    }
)

Store = Annotated[str | None, typer.Option(help="Store name")]
By = Annotated[
    str | None,
    typer.Option("--by", help="Who acts: a sellerops user's email (default: SELLEROPS_USER)"),
]


def _store(ctx: Ctx, session: Any, name: str | None) -> Any:
    from sellerops.core.stores import StoreNotFoundError, get_store

    try:
        return get_store(session=session, name=name)
    except StoreNotFoundError as exc:
        fail(ctx, exc.text(ctx.lang))


def ads_recommendations(
    store: Store = None,
    day: Annotated[str | None, typer.Option("--date", help="Review day, YYYY-MM-DD")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many")] = 40,
) -> None:
    """Run the ads optimizer for a day and list its recommendations, biggest effect first."""
    from sellerops.ads import metrics as am
    from sellerops.ads import recommendations as recs
    from sellerops.ads.present import to_dict
    from sellerops.catalog import performance
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        as_of = parse_day(ctx, day) or performance.latest_day(
            session=session, store_id=the_store.id
        )
        if as_of is None:
            fail(ctx, i18n.t("review.no_data", ctx.lang, store=the_store.name))
        # the review's positions: the day's stored restock plan's rate and cover
        positions = recs.day_positions(session=session, store=the_store, as_of=as_of)
        rows = recs.refresh(session=session, store_id=the_store.id, as_of=as_of,
                            currency=_currency(the_store), positions=positions)  # fmt: skip
        tacos = am.tacos_view(session=session, store_id=the_store.id, as_of=as_of)
        records = [to_dict(session, r, ctx.lang, tacos) for r in rows]
    if as_json:
        out = {"date": as_of.isoformat(), "store": the_store.name,
               "tacos": tacos.as_dict() if tacos.known else None,
               "recommendations": records}  # fmt: skip
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    shown = records if limit <= 0 else records[:limit]
    _print(ctx, shown, the_store.name, as_of.isoformat())
    if len(records) > len(shown):
        more = i18n.t("ads.more", ctx.lang, count=len(records) - len(shown))
        ctx.console.print(f"[dim]{escape(more)}[/]")
    _print_tacos(ctx, tacos, _currency(the_store))


def _print_tacos(ctx: Ctx, view: am.TacosView, currency: str) -> None:
    if not view.known or view.tacos is None:
        ctx.console.print(i18n.t("ads.tacos_unknown", ctx.lang), highlight=False)
        return
    ctx.console.print(
        i18n.t("ads.tacos", ctx.lang, start=view.start.isoformat(), end=view.end.isoformat(),
               tacos=i18n.percent(view.tacos, ctx.lang),
               spend=i18n.money(view.spend, currency, ctx.lang),
               sales=i18n.money(view.total_sales, currency, ctx.lang)),
        highlight=False,
    )  # fmt: skip


def _currency(store: Any) -> str:
    from sellerops.core.marketplaces import get_marketplace

    return get_marketplace(store.marketplace_code).currency


def _print(ctx: Ctx, records: list[dict[str, Any]], store: str, day: str) -> None:
    if not records:
        ctx.console.print(i18n.t("ads.none", ctx.lang))
        return
    from sellerops.ads import present

    cols = ("id", "kind", "where", "target", "change", "effect", "reason", "status")
    table = Table(title=i18n.t("ads.heading", ctx.lang, store=store, day=day))
    for c in cols:
        table.add_column(i18n.t(f"ads.col.{c}", ctx.lang), overflow="fold")
    for r in records:
        change = _change(r, ctx.lang)
        shown = r["expected_effect_text"]
        where = f"{r['campaign']} / {r['ad_group']}" if r["ad_group"] else str(r["campaign"])
        table.add_row(str(r["id"]), i18n.t(f"ads.kind.{r['kind']}", ctx.lang), escape(where),
                      escape(str(present.target_name(r["target"], ctx.lang) or "")), change,
                      shown, r["reason_text"],
                      _label(f"ads.state.{r['status']}", r["status"], ctx.lang))  # fmt: skip
    ctx.console.print(table)


def _label(key: str, fallback: str, lang: str) -> str:
    return i18n.t(key, lang) if i18n.has_message(key) else fallback


def _change(r: dict[str, Any], lang: str) -> str:
    """What the change does, in words for a state change and in money for a bid or budget."""
    from sellerops.ads import present

    return present.change_text(r["kind"], r["current"], r["proposed"], r["currency"], lang)


def ads_approve(
    ids: Annotated[list[int] | None, typer.Argument(help="Recommendation ids")] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every open recommendation of the newest day")
    ] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject instead of approve")] = False,
    by: By = None,
    store: Store = None,
) -> None:
    """Approve (or --reject) recommendations by id, or --all; each decision is logged."""
    from sellerops.ads import recommendations as recs
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    if not ids and not all_:
        fail(ctx, "give recommendation ids or --all")
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        actor = acting_user(session, by)
        try:
            rows = recs.decide(session=session, store_id=the_store.id,
                               ids=None if all_ else ids, actor=actor, approve=not reject)  # fmt: skip
        except recs.RecommendationError as exc:
            fail(ctx, str(exc))
    status = i18n.t(f"ads.status.{'rejected' if reject else 'approved'}", ctx.lang)
    ctx.console.print(i18n.t("ads.decided", ctx.lang, count=len(rows), status=status, actor=actor))


def ads_export(
    out: Annotated[Path, typer.Argument(help="Bulk operations file to write (.xlsx)")],
    revert_out: Annotated[
        Path | None, typer.Option("--revert", help="Revert file (default: OUT-revert.xlsx)")
    ] = None,
    by: By = None,
    store: Store = None,
) -> None:
    """Write approved changes as an Amazon bulk-operations file, and a file that reverts them."""
    from sellerops.ads import bulk_export
    from sellerops.core.db import unit_of_work

    ctx = state.ctx()
    revert = revert_out or out.with_name(f"{out.stem}-revert{out.suffix or '.xlsx'}")
    engine, _ = open_engine(ctx)
    with unit_of_work(engine) as session:
        the_store = _store(ctx, session, store)
        applier = bulk_export.BulkFileApplier(out, revert)
        result = bulk_export.export_approved(
            session=session, store_id=the_store.id, applier=applier,
            actor=acting_user(session, by),
        )  # fmt: skip
    if not result.count:
        ctx.console.print(i18n.t("ads.nothing_approved", ctx.lang))
        return
    ctx.console.print(
        i18n.t("ads.exported", ctx.lang, count=result.count, out=out, revert=revert),
        highlight=False,
    )
    if applier.revert_rows_without_id:
        ctx.console.print(
            i18n.t("ads.revert_needs_ids", ctx.lang, count=applier.revert_rows_without_id),
            highlight=False,
        )
