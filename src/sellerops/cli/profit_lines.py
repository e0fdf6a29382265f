"""The tables under ``sellerops profit --sku X --lines``: the settlement or transaction lines,
the landed-cost lines and the shares of account-level amounts behind one SKU's P&L."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from sellerops.cli.common import Ctx, count
from sellerops.core import i18n
from sellerops.finance.ledger import DrillDown
from sellerops.finance.messages import LINE_NAMES, line_name


def _line(name: str, lang: str) -> str:
    return line_name(name, lang) if name in LINE_NAMES else name


def print_lines(ctx: Ctx, d: DrillDown) -> None:
    lang = ctx.lang
    fees = Table(title=i18n.t("pnl.lines.fee", lang), title_justify="left")
    for name in ("day", "source", "type", "order", "description", "line", "amount"):
        fees.add_column(i18n.t(f"profit.col.{name}", lang),
                        justify="right" if name == "amount" else "left")  # fmt: skip
    for x in d.fee_lines:
        fees.add_row(x.day.isoformat(), escape(x.source_id), escape(x.transaction_type or ""),
                     escape(x.order_id or ""), escape(x.amount_description or ""),
                     _line(x.line, lang), i18n.money(x.amount, x.currency, lang))  # fmt: skip
    if d.fee_lines:
        ctx.console.print(fees)
    costs = Table(title=i18n.t("pnl.lines.cost", lang), title_justify="left")
    for label in ("profit.col.day", "profit.col.line", "pnl.col.units", "pnl.col.per_unit",
                  "profit.col.amount", "pnl.col.from"):  # fmt: skip
        right = label in ("pnl.col.units", "pnl.col.per_unit", "profit.col.amount")
        costs.add_column(i18n.t(label, lang), justify="right" if right else "left")
    for c in d.cost_lines:
        source = i18n.t(f"pnl.source.{c.source}", lang, ref=c.ref or "-",
                        status=i18n.t(f"pnl.status.{c.status or 'none'}", lang))  # fmt: skip
        costs.add_row(c.day.isoformat(), _line(c.line, lang), count(c.units, lang),
                      i18n.money(c.per_unit, d.currency, lang),
                      i18n.money(c.amount, d.currency, lang), escape(source))  # fmt: skip
    if d.cost_lines:
        ctx.console.print(costs)
    if d.order_lines:
        orders = Table(title=i18n.t("pnl.lines.orders", lang), title_justify="left")
        for label in ("profit.col.day", "profit.col.order", "pnl.col.units", "profit.col.amount"):
            orders.add_column(i18n.t(label, lang),
                              justify="right" if label.endswith(("units", "amount")) else "left")  # fmt: skip
        for o in d.order_lines:
            orders.add_row(o.day.isoformat(), escape(o.order_id), count(o.units, lang),
                           i18n.money(o.item_price, o.currency, lang))  # fmt: skip
        ctx.console.print(orders)
    if d.allocations:
        shares = Table(title=i18n.t("pnl.lines.allocation", lang), title_justify="left")
        for label in ("profit.col.line", "profit.col.amount", "pnl.col.rule"):
            shares.add_column(i18n.t(label, lang),
                              justify="right" if label == "profit.col.amount" else "left")  # fmt: skip
        for a in d.allocations:
            shares.add_row(_line(a.line, lang), i18n.money(a.amount, d.currency, lang),
                           i18n.t(f"pnl.rule.{a.rule}", lang))  # fmt: skip
        ctx.console.print(shares)
