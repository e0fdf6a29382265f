"""A :class:`~sellerops.finance.reports.Report` as a page people forward: HTML (Jinja2), PDF
(WeasyPrint, Chinese in Noto Sans CJK), or an XLSX workbook with live formulas.

Every text that comes from outside (titles, SKUs, finding texts) is escaped in HTML and
written as a formula-safe string in XLSX; only the workbook's own formulas are formulas.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import jinja2
import xlsxwriter

from sellerops.core import i18n
from sellerops.core.xlsx import safe_text
from sellerops.daily import present
from sellerops.daily.finding import Finding
from sellerops.finance.messages import line_name
from sellerops.finance.reports import LOWER_IS_BETTER, Kpi, Period, Report
from sellerops.reports import charts
from sellerops.reports.messages import days_text, kpi_name, label, pnl_notes, points_change

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("sellerops.reports", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


#: A change smaller than this shows as 0 (0.0 % / 0.0 pp at one decimal): no arrow, "±0%".
FLAT = 0.0005


class Formatter:
    """Numbers as the report's language writes them."""

    def __init__(self, currency: str, lang: str) -> None:
        self.currency, self.lang = currency, lang

    def money(self, value: Decimal | float | None) -> str:
        return "–" if value is None else i18n.money(value, self.currency, self.lang)

    def kpi(self, kpi: Kpi, value: float | None) -> str:
        if value is None:
            return "–"
        if kpi.kind == "money":
            return self.money(value)
        if kpi.kind == "percent":
            return i18n.percent(value, self.lang)
        return i18n.number(value, self.lang, 0)

    def pct(self, value: float | None) -> str:
        if value is None:
            return "–"
        return i18n.percent(0.0 if abs(value) < 0.0005 else value, self.lang)

    def change(self, kpi: Kpi, before: float | None) -> str:
        """Relative change, or for rates (conversion, margin, ACoS) the change in points."""
        if kpi.kind == "percent":
            if kpi.now is None or before is None:
                return "–"
            if abs(kpi.now - before) < FLAT:  # no change: no arrow, "±0.0 pp"
                return "±" + points_change(0.0, 0.0, self.lang)[1:]
            text = points_change(kpi.now, before, self.lang)
            return ("▲ " if text.startswith("+") else "▼ ") + text
        change = Kpi.change(kpi.now, before)
        if change is None:
            return "–"
        if abs(change) < FLAT:  # no change: no arrow, "±0%"
            return "±" + i18n.percent(0.0, self.lang)
        return ("▲ +" if change > 0 else "▼ ") + i18n.percent(change, self.lang)

    def day(self, value: date) -> str:
        return i18n.day(value, self.lang)

    def period(self, p: Period) -> str:
        if p.start == p.end:
            return i18n.day(p.start, self.lang)
        return f"{i18n.day(p.start, self.lang)} – {i18n.day(p.end, self.lang)}"


#: P&L lines only a settlement gives (orders cannot estimate them): on days not settled yet
#: they are not known, so the report never shows them as a plain 0.
SETTLED_ONLY = ("shipping", "promotion", "refund", "reimbursement", "refund_commission")
#: Problems the HTML / PDF page lists (the totals count all of them; the XLSX lists all).
PAGE_PROBLEMS = 10


def settlement_cover(settled_through: date | None, p: Period) -> Literal["all", "part", "none"]:
    """How much of ``p`` settlements cover: every day, part of it, or no day."""
    if settled_through is None or settled_through < p.start:
        return "none"
    return "all" if settled_through >= p.end else "part"


def pending_lines(r: Report, p: Period) -> tuple[frozenset[str], frozenset[str]]:
    """(lines unknown over ``p``: shown empty, lines covering its settled days only: marked)."""
    cover = settlement_cover(r.settled_through, p)
    lines = frozenset(SETTLED_ONLY)
    return (
        (lines, frozenset())
        if cover == "none"
        else (frozenset(), lines if cover == "part" else frozenset())
    )


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def shorten(text: str, width: int = 48) -> str:
    """``text`` in at most ``width`` columns (a CJK character takes two), cut at a word
    boundary with an ellipsis; Chinese and Japanese, written without spaces, are cut
    between characters."""
    text = " ".join(text.split())
    if sum(_width(c) for c in text) <= width:
        return text
    used, cut = 1, 0  # the ellipsis takes one column
    for cut, char in enumerate(text):  # noqa: B007  (cut is used after the loop)
        used += _width(char)
        if used > width:
            break
    head = text[:cut]
    nxt = text[cut]
    if not nxt.isspace() and head and _width(head[-1]) != 2 and _width(nxt) != 2:
        space = head.rfind(" ")  # inside a word: back to the word's start, unless that
        if space > len(head) // 2:  # loses more than half the room (one very long word)
            head = head[:space]
    return head.rstrip(" ,;:-–—/·、，").rstrip() + "…"


def tone(kpi: Kpi, before: float | None) -> str:
    """CSS class of a change: good news green, bad news red."""
    if kpi.kind == "percent":
        change = None if kpi.now is None or before is None else kpi.now - before
    else:
        change = Kpi.change(kpi.now, before)
    if change is None or abs(change) < FLAT:
        return "flat"
    better = change > 0 if kpi.key not in LOWER_IS_BETTER else change < 0
    return "up" if better else "down"


def render_html(report: Report, lang: str) -> str:
    fmt = Formatter(report.currency, lang)
    last_year = charts.has_last_year(report.daily_sales)
    unknown, partial = pending_lines(report, report.period)
    unknown_prev, partial_prev = pending_lines(report, report.previous)
    return _ENV.get_template("reports/report.html").render(
        chart_title=label("chart_title" if last_year else "chart_title_no_last_year", lang),
        shorten=shorten, unknown=unknown, partial=partial, unknown_prev=unknown_prev,
        partial_prev=partial_prev, pending_note=bool(unknown | partial | unknown_prev | partial_prev),
        money_text=problem_money_text(report, lang), page_problems=report.problems[:PAGE_PROBLEMS],
        problem_row={f.key: n for n, f in enumerate(report.problems[:PAGE_PROBLEMS], start=1)},
        r=report, lang=lang, fmt=fmt, t=lambda key, **kw: label(key, lang, **kw),
        kpi_name=lambda key: kpi_name(key, lang), line_name=lambda key: line_name(key, lang),
        tone=tone, sev=lambda s: i18n.t(f"severity.{s}", lang),
        per=lambda p: i18n.t(f"review.per.{p}", lang), chart=charts.sales_svg(report.daily_sales, fmt.money, lang),
        lines=[x for x in report.lines if x in report.pnl.lines or x in report.pnl_previous.lines],
        pnl_notes=pnl_notes(report.pnl_missing, report.period.days, report.pnl_previous_missing,
                            report.previous.days, report.pnl_last_year_missing, lang),
    )  # fmt: skip


def write_html(report: Report, path: Path, lang: str) -> Path:
    path.write_text(render_html(report, lang), encoding="utf-8")
    return path


class MissingFontError(RuntimeError):
    """The PDF holds Chinese or Japanese text and no installed font has those characters: it
    would print empty boxes, so nothing is written."""


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")

i18n.register_messages(
    {
        "report.no_cjk_font": {
            "en": "The PDF has Chinese or Japanese text but no font with those characters is "
            "installed, so it would show empty boxes. Install one (Debian: apt-get install "
            "fonts-noto-cjk) or choose HTML or XLSX.",
            "zh": "PDF 含中文或日文，但系统没有包含这些字符的字体，生成的文字会显示为方框。"
            "请安装字体（Debian：apt-get install fonts-noto-cjk），或改用 HTML 或 XLSX 格式。",
        }
    }
)


def cjk_font_installed() -> bool | None:
    """Whether fontconfig (which WeasyPrint uses) knows a font covering Chinese; None when
    fontconfig's ``fc-list`` is not there to ask."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        found = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(found.stdout.strip())


def write_pdf(report: Report, path: Path, lang: str) -> Path:
    """A4 PDF of the HTML page (WeasyPrint: needs Pango and a CJK font such as Noto CJK).

    Raises MissingFontError, writing nothing, when the page holds CJK text (the Chinese
    interface, or Chinese product titles) and no font has it."""
    html = render_html(report, lang)
    if _CJK.search(html) and cjk_font_installed() is False:
        raise MissingFontError(i18n.t("report.no_cjk_font", lang))
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    HTML(string=html).write_pdf(str(path))
    return path


def write_xlsx(report: Report, path: Path, lang: str) -> Path:
    """Sheets: KPIs (changes as formulas), P&L (profit as a SUM), SKUs (margin as formulas),
    Problems."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    try:
        styles = _styles(book, report.currency)
        _kpi_sheet(book, styles, report, lang)
        _pnl_sheet(book, styles, report, lang)
        _sku_sheet(book, styles, report, lang)
        _problem_sheet(book, styles, report, lang)
    finally:
        book.close()
    return path


def _styles(book: Any, currency: str) -> dict[str, Any]:
    digits = 0 if currency in ("JPY",) else 2
    money = "#,##0" + ("." + "0" * digits if digits else "")
    return {
        "head": book.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF"}),
        "money": book.add_format({"num_format": money}),
        "pct": book.add_format({"num_format": "0.0%"}),
        "int": book.add_format({"num_format": "#,##0"}),
        "bold_money": book.add_format({"num_format": money, "bold": True, "top": 1}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True, "top": 1}),
    }


def _header(ws: Any, styles: dict[str, Any], row: int, names: list[str]) -> None:
    for col, name in enumerate(names):
        ws.write_string(row, col, safe_text(name), styles["head"])
        ws.set_column(col, col, 16 if col else 28)


def _kpi_sheet(book: Any, styles: dict[str, Any], r: Report, lang: str) -> None:
    ws = book.add_worksheet(label("sheet_kpis", lang))
    fmt = Formatter(r.currency, lang)
    title = f"{r.store} · {label(r.kind, lang)} · {fmt.period(r.period)}"
    ws.write_string(0, 0, safe_text(title), styles["title"])
    names = [label(k, lang) for k in ("kpi", "this_period", "previous", "last_year",
                                      "vs_previous", "vs_last_year")]  # fmt: skip
    _header(ws, styles, 2, names)
    unit = label("points", lang).replace('"', "")
    points = book.add_format({"num_format": f'+0.0"{unit}";-0.0"{unit}";0.0"{unit}"'})
    for i, k in enumerate(r.kpis, start=3):
        style = {"money": styles["money"], "percent": styles["pct"]}.get(k.kind, styles["int"])
        ws.write_string(i, 0, kpi_name(k.key, lang))
        for col, value in enumerate((k.now, k.previous, k.last_year), start=1):
            _number(ws, i, col, value, style)
        row = i + 1
        for col, other in ((4, "C"), (5, "D")):
            if k.kind == "percent":  # a rate changes by percentage points, as on the page
                ws.write_formula(i, col, f'=IF({other}{row}="","",(B{row}-{other}{row})*100)',
                                 points)  # fmt: skip
            else:
                ws.write_formula(i, col, f'=IF(OR({other}{row}="",{other}{row}=0),"",'
                                 f"B{row}/{other}{row}-1)", styles["pct"])  # fmt: skip


def _number(ws: Any, row: int, col: int, value: float | Decimal | None, style: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, style)
    else:
        ws.write_number(row, col, float(value), style)


def _pnl_sheet(book: Any, styles: dict[str, Any], r: Report, lang: str) -> None:
    """Each P&L line this period and the previous one, profit as a SUM. A period no day of
    which has order or settlement data shows "–" (its P&L is not known, not 0); the notes
    under the table name the days no data covers (``pnl_notes``, as the HTML report)."""
    ws = book.add_worksheet(label("sheet_pnl", lang))
    _header(ws, styles, 0, [label(k, lang) for k in ("line", "this_period", "previous")])
    lines = [x for x in r.lines if x in r.pnl.lines or x in r.pnl_previous.lines]
    unknown, partial = pending_lines(r, r.period)
    unknown_prev, partial_prev = pending_lines(r, r.previous)
    for i, line in enumerate(lines, start=1):
        mark = " †" if line in partial | partial_prev | unknown | unknown_prev else ""
        mark += " ‡" if line == "ads" and (r.pnl.ads_split or r.pnl_previous.ads_split) else ""
        ws.write_string(i, 0, line_name(line, lang) + mark)
        now = None if line in unknown else r.pnl.lines.get(line, Decimal(0))
        before = None if line in unknown_prev else r.pnl_previous.lines.get(line, Decimal(0))
        for col, value, known in ((1, now, r.pnl_known), (2, before, r.pnl_previous_known)):
            if known:
                _number(ws, i, col, value, styles["money"])  # blank: not known before settlement
            else:
                ws.write_string(i, col, "–")
    last = len(lines) + 1
    ws.write_string(last, 0, label("profit", lang))
    for col, known in ((1, r.pnl_known), (2, r.pnl_previous_known)):
        # no lines: =SUM(B2:B1) would take in its own cell (a circular reference)
        if lines and known:
            letter = "BC"[col - 1]
            ws.write_formula(last, col, f"=SUM({letter}2:{letter}{last})", styles["bold_money"])
        else:
            ws.write_string(last, col, "–")
    notes: list[str] = []
    if unknown | partial | unknown_prev | partial_prev:
        notes.append(label("pending_lines", lang))
    if r.pnl.ads_split or r.pnl_previous.ads_split:  # the ads line is partly a split by sales
        notes.append(label("ads_split", lang))
    notes += pnl_notes(r.pnl_missing, r.period.days, r.pnl_previous_missing, r.previous.days,
                       r.pnl_last_year_missing, lang)  # fmt: skip
    if not r.pnl_known and not r.pnl_previous_known:  # pnl_notes names this period's only
        notes.append(label("pnl_previous_missing_all", lang,
                           days=days_text(r.pnl_previous_missing, lang)))  # fmt: skip
    for k, note in enumerate(notes):
        ws.write_string(last + 2 + k, 0, note)


def _sku_sheet(book: Any, styles: dict[str, Any], r: Report, lang: str) -> None:
    ws = book.add_worksheet(label("sheet_skus", lang))
    heads = ["SKU", "ASIN", label("units", lang), label("sales", lang), label("profit", lang),
             label("margin", lang), label("biggest_cost", lang)]  # fmt: skip
    _header(ws, styles, 0, heads)
    seen = {p.sku: p for p in [*r.top_skus, *r.losers]}
    for i, p in enumerate(sorted(seen.values(), key=lambda p: p.profit, reverse=True), start=1):
        ws.write_string(i, 0, safe_text(p.sku))
        ws.write_string(i, 1, safe_text(p.asin or ""))
        _number(ws, i, 2, p.units, styles["int"])
        _number(ws, i, 3, p.sales, styles["money"])
        _number(ws, i, 4, p.profit, styles["money"])
        ws.write_formula(i, 5, f'=IF(D{i + 1}=0,"",E{i + 1}/D{i + 1})', styles["pct"])
        sink = p.sinking_line()
        ws.write_string(i, 6, line_name(sink[0], lang) if sink else "")
    if not seen:  # a day without orders: say so rather than leave a sheet of headers only
        ws.write_string(1, 0, label("none", lang))


def problem_money(report: Report) -> present.MoneyTotals:
    """The money at stake of all the report's problems, as the review and Today add it."""
    return present.money_totals((f, report.problem_overlaps.get(f.key)) for f in report.problems)


def problem_money_text(report: Report, lang: str) -> str:
    if not report.review_ran and not report.problems:  # not looked at: not "≈ $0.00 a month"
        return no_review_text(report, lang)
    return present.money_text(problem_money(report), report.currency, lang)


def no_review_text(report: Report, lang: str) -> str:
    """The daily review never ran for the report's period: its problems are not known, and
    the command that runs it (for the period's last day)."""
    day, store = report.period.end.isoformat(), shlex.quote(report.store)
    command = f"sellerops review --date {day} --store {store}"
    return label("no_review", lang, period=Formatter(report.currency, lang).period(report.period),
                 command=command)  # fmt: skip


def _per_month_and_once(f: Finding) -> tuple[Decimal | None, Decimal | None]:
    if f.money_period == "once":
        return None, f.money_at_stake
    return (f.money_at_stake * 30 if f.money_period == "day" else f.money_at_stake), None


def _problem_sheet(book: Any, styles: dict[str, Any], r: Report, lang: str) -> None:
    """Each problem's money with its period, its per-month (per day x 30) or one-off amount,
    and the totals as formulas: the same sums as the review (``present.money_totals``)."""
    ws = book.add_worksheet(label("sheet_problems", lang))
    keys = ("problem", "money", "period", "per_month", "one_off", "action")
    _header(ws, styles, 0, [label(k, lang) for k in keys])
    ws.set_column(0, 0, 70)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 12)
    ws.set_column(3, 4, 22)
    ws.set_column(5, 5, 90)
    row_of = {f.key: i for i, f in enumerate(r.problems, start=1)}
    for i, f in enumerate(r.problems, start=1):
        ws.write_string(i, 0, safe_text(f.title(lang)))
        _number(ws, i, 1, f.money_at_stake, styles["money"])
        ws.write_string(i, 2, label(f"period_{f.money_period}", lang))
        shared = r.problem_overlaps.get(f.key)
        if shared in row_of:  # the same money as another row: not added again
            ws.write_string(i, 3, label("same_money_as", lang, row=row_of[shared] + 1))
        else:
            monthly, once = _per_month_and_once(f)
            if monthly is not None:
                factor = "*30" if f.money_period == "day" else ""
                ws.write_formula(i, 3, f"=B{i + 1}{factor}", styles["money"], float(monthly))
            if once is not None:
                ws.write_formula(i, 4, f"=B{i + 1}", styles["money"], float(once))
        ws.write_string(i, 5, safe_text(f.action(lang)))
    last = len(r.problems) + 1
    totals = problem_money(r)
    ws.write_string(last, 0, label("problems_total", lang), styles["bold"])
    if r.problems:
        ws.write_formula(last, 3, f"=SUM(D2:D{last})", styles["bold_money"],
                         float(totals.monthly))  # fmt: skip
        ws.write_formula(last, 4, f"=SUM(E2:E{last})", styles["bold_money"], float(totals.once))
    else:  # =SUM(D2:D1) would be a circular reference
        ws.write_string(last, 3, "–")
        ws.write_string(last, 4, "–")
    ws.write_string(last + 1, 0, problem_money_text(r, lang))
