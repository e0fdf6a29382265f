"""``sellerops forecast``: daily demand forecasts from a long-format CSV file.

IN.csv has a header row with ``series_id,date,units`` and, optionally, ``price``,
``in_stock`` (1 = could be bought that day, 0 = out of stock: that day's sales are
censored), ``event`` (a name for a past promotion or holiday, empty for none; when the
column is there, it alone names the past days) and ``group`` (category or parent, for
pooling). Other columns are ignored. A day missing between a series' first and last row
counts as zero units. CAL.csv (``date,event``) names event days, future ones to plan for
and past ones to learn from. OUT.csv gets ``series_id,date,mean,p50,p90`` in units per
day, for ``--horizon`` days after each series' last row.
"""

from __future__ import annotations

import csv as csvlib
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from sellerops.cli.common import fail, state
from sellerops.core import i18n

Columns = dict[str, list[Any]]

i18n.register_messages(
    {
        "forecast.unlearned": {
            "en": "Note: no day of the history is named {events}, so the forecast has no effect "
            "to learn for these events and leaves their days as without the calendar. Name past "
            "occurrences (last year's dates) in the calendar or in the history's event column.",
            "zh": "注意：{events} 在历史数据中从未出现，预测无法学习其影响，这些日期的预测与不带日历时相同。"
            "请在日历或历史数据的 event 列中标出以往的同名日期（如去年的日期）。",
        },
        "forecast.wrote": {
            "en": "Wrote {rows} rows for {series} series to {path}",
            "zh": "已将 {series} 个序列的 {rows} 行预测写入 {path}",
        },
    }
)


class InputError(Exception):
    """``<file>[, line N][, column "X"]: <problem>``: what the user has to fix."""

    def __init__(
        self, path: Path, problem: str, *, line: int | None = None, column: str | None = None
    ) -> None:
        where = path.name
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f', column "{column}"'
        super().__init__(f"{where}: {problem}")


def forecast(
    csv: Annotated[
        Path,
        typer.Option(
            "--csv",
            help="Daily history: series_id,date,units[,price,in_stock,event,group]",
            exists=True,
            dir_okay=False,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Where to write series_id,date,mean,p50,p90")],
    horizon: Annotated[
        int, typer.Option("--horizon", min=1, help="Days to forecast after each series' last day")
    ] = 28,
    calendar: Annotated[
        Path | None,
        typer.Option(
            "--calendar", help="Future event days: date,event", exists=True, dir_okay=False
        ),
    ] = None,
) -> None:
    """Forecast daily units per series: mean, median (p50) and 90th percentile (p90)."""
    from sellerops.inventory.forecast import forecast_frame  # numpy, polars: only to run

    try:
        columns = read_history(csv)
        named_days = read_calendar(calendar) if calendar is not None else None
        with _progress() as report:
            result = forecast_frame(columns, horizon, named_days, progress=report)
    except InputError as exc:
        ctx = state.ctx()
        fail(ctx, str(exc))
    write_forecast(out, result)
    ctx = state.ctx()
    unlearned = _events_without_history(columns, named_days or {})
    if unlearned:
        typer.echo(i18n.t("forecast.unlearned", ctx.lang, events=", ".join(unlearned)))
    n_series = len(set(result["series_id"]))
    typer.echo(i18n.t("forecast.wrote", ctx.lang, rows=i18n.number(len(result["date"]), ctx.lang, 0),
                      series=i18n.number(n_series, ctx.lang, 0), path=out))  # fmt: skip


def read_history(path: Path) -> Columns:
    """The history file as columns, every cell checked; InputError names line and column."""
    from sellerops.inventory.forecast.frame import OPTIONAL, REQUIRED

    rows = _rows(path)
    header = _header(path, next(rows, None), REQUIRED, REQUIRED + OPTIONAL)
    columns: Columns = {c: [] for c in header if c in REQUIRED + OPTIONAL}
    seen: dict[tuple[str, date], int] = {}
    for line, cells in rows:
        record = _record(path, line, header, cells)
        key = (record["series_id"], record["date"])
        if key in seen:
            raise InputError(
                path,
                f"series {key[0]!r} already has a row for {key[1]} on line {seen[key]}; expected one row per series and day",
                line=line,
            )
        seen[key] = line
        for name, value in record.items():
            columns[name].append(value)
    if not seen:
        raise InputError(path, "no data rows after the header")
    return columns


def read_calendar(path: Path) -> dict[date, str]:
    """``date,event`` rows as a calendar; blank event names are skipped."""
    rows = _rows(path)
    header = _header(path, next(rows, None), ("date", "event"), ("date", "event"))
    named: dict[date, str] = {}
    where: dict[date, int] = {}
    for line, cells in rows:
        values = dict(zip(header, _cells(path, line, header, cells), strict=True))
        day = _parse_date(path, line, values["date"])
        name = values["event"].strip()
        if day in named and name:
            raise InputError(
                path,
                f"{day} is already named {named[day]!r} on line {where[day]}; expected one event per day",
                line=line,
                column="date",
            )
        if name:
            named[day], where[day] = name, line
    return named


def _events_without_history(columns: Columns, named: dict[date, str]) -> list[str]:
    """Future calendar events no past day of the history names: there is nothing to learn
    their effect from, so they leave the forecast as it would be without them."""
    if not named or not columns.get("date"):
        return []
    last = max(columns["date"])
    if "event" in columns:  # the history's own column alone names the past days
        past = {str(e).strip() for e in columns["event"] if e and str(e).strip()}
    else:
        past = {name for day, name in named.items() if day <= last}
    return sorted({name for day, name in named.items() if day > last} - past)


def write_forecast(path: Path, result: Columns) -> None:
    from sellerops.inventory.forecast.frame import OUTPUT

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csvlib.writer(fh)
        writer.writerow(OUTPUT)
        for sid, day, mean, p50, p90 in zip(*(result[c] for c in OUTPUT), strict=True):
            writer.writerow([sid, day.isoformat(), _number(mean), _number(p50), _number(p90)])


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csvlib.reader(fh)
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield reader.line_num, cells
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csvlib.Error as exc:
        raise InputError(path, f"not a readable CSV file ({exc})") from None


def _header(
    path: Path,
    first: tuple[int, list[str]] | None,
    required: tuple[str, ...],
    known: tuple[str, ...],
) -> list[str]:
    expected = ",".join(required)
    if first is None:
        raise InputError(path, f"the file is empty; expected a header row starting {expected}")
    line, cells = first
    header = [c.strip().lower() for c in cells]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            path,
            f"missing column(s) {', '.join(missing)}; expected a header with {expected} (optional: {','.join(c for c in known if c not in required)})",
            line=line,
        )
    doubled = sorted({c for c in header if c in known and header.count(c) > 1})
    if doubled:
        raise InputError(path, f"column(s) {', '.join(doubled)} appear more than once", line=line)
    return header


def _cells(path: Path, line: int, header: list[str], cells: list[str]) -> list[str]:
    if len(cells) != len(header):
        raise InputError(
            path, f"expected {len(header)} fields like the header, found {len(cells)}", line=line
        )
    return cells


def _record(path: Path, line: int, header: list[str], cells: list[str]) -> dict[str, Any]:
    values = dict(zip(header, _cells(path, line, header, cells), strict=True))
    sid = values["series_id"].strip()
    if not sid:
        raise InputError(
            path, "expected a series id, found an empty cell", line=line, column="series_id"
        )
    record: dict[str, Any] = {"series_id": sid, "date": _parse_date(path, line, values["date"])}
    for name in header:
        if name in _CHECKS:
            record[name] = _CHECKS[name](path, line, values[name].strip())
        elif name in ("event", "group"):
            record[name] = values[name].strip()
    return record


def _parse_date(path: Path, line: int, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            path, f"expected a date like 2024-01-31, found {text!r}", line=line, column="date"
        ) from None


def _units(path: Path, line: int, text: str) -> float:
    value = _float(text)
    if value is None or value < 0:
        raise InputError(
            path,
            f"expected a number of units >= 0 (returns are not demand), found {text!r}",
            line=line,
            column="units",
        )
    return value


def _price(path: Path, line: int, text: str) -> float | None:
    if not text:
        return None
    value = _float(text)
    if value is None or value <= 0:
        raise InputError(
            path,
            f"expected a price > 0 or an empty cell, found {text!r}",
            line=line,
            column="price",
        )
    return value


def _in_stock(path: Path, line: int, text: str) -> int:
    if text in ("", "1"):
        return 1
    if text == "0":
        return 0
    raise InputError(
        path,
        f"expected 1 (in stock), 0 (out of stock) or an empty cell, found {text!r}",
        line=line,
        column="in_stock",
    )


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_CHECKS: dict[str, Callable[[Path, int, str], Any]] = {
    "units": _units,
    "price": _price,
    "in_stock": _in_stock,
}


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (hidden when it is not a terminal)."""
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Forecasting", total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report
