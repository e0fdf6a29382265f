"""`sellerops forecast`: CSV in, CSV out, and errors that say where the input is wrong."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sellerops.cli.forecast_command import forecast

app = typer.Typer()
app.command()(forecast)
runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def history(days: int = 60) -> str:
    lines = ["series_id,date,units,price,in_stock,event"]
    for k in range(days):
        day = date(2024, 1, 1) + timedelta(days=k)
        lines.append(f"A,{day},{3 + k % 7},9.99,1,")
        lines.append(f"B,{day},{k % 3},,{0 if k > 50 else 1},{'Sale' if k == 20 else ''}")
    return "\n".join(lines) + "\n"


def test_round_trip_writes_every_series_and_day(tmp_path: Path) -> None:
    src = write(tmp_path / "in.csv", history())
    cal = write(tmp_path / "cal.csv", "date,event\n2024-03-05,Sale\n")
    out = tmp_path / "out.csv"
    args = ["--csv", str(src), "--out", str(out), "--horizon", "14", "--calendar", str(cal)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == ["series_id", "date", "mean", "p50", "p90"]
    assert len(rows) == 28 and {r["series_id"] for r in rows} == {"A", "B"}
    assert rows[0]["date"] == "2024-03-01"
    assert all(float(r["p90"]) >= float(r["p50"]) >= 0 for r in rows)
    assert "Wrote 28 rows for 2 series" in result.output
    assert "no day of the history is named" not in result.output  # "Sale" has a past day


def test_a_calendar_event_with_no_past_day_says_it_changes_nothing(tmp_path: Path) -> None:
    src = write(tmp_path / "in.csv", history())
    cal = write(tmp_path / "cal.csv", "date,event\n2024-03-05,Sale\n2024-03-08,Black Friday\n")
    args = ["--csv", str(src), "--out", str(tmp_path / "o.csv"), "--calendar", str(cal)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Note: no day of the history is named Black Friday," in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("content", "where", "expected"),
    [
        (
            "series_id,date,units\nA,2024-01-01,3\nA,2024-13-01,3\n",
            'line 3, column "date"',
            "a date",
        ),
        ("series_id,date,units\nA,2024-01-01,-2\n", 'line 2, column "units"', ">= 0"),
        ("series_id,date,units\nA,2024-01-01,lots\n", 'line 2, column "units"', "number"),
        ("series_id,date,units,in_stock\nA,2024-01-01,1,yes\n", 'line 2, column "in_stock"', "0"),
        ("series_id,date,units,price\nA,2024-01-01,1,-3\n", 'line 2, column "price"', "price > 0"),
        ("series_id,date,units\nA,2024-01-01,1\nA,2024-01-01,2\n", "line 3", "line 2"),
        ("series_id,date,units\nA,2024-01-01\n", "line 2", "3 fields"),
        ("series_id,day,units\nA,2024-01-01,1\n", "line 1", "date"),
        ("", "in.csv", "empty"),
    ],
)
def test_bad_input_names_the_file_line_and_column(
    tmp_path: Path, content: str, where: str, expected: str
) -> None:
    src = write(tmp_path / "in.csv", content)
    result = runner.invoke(app, ["--csv", str(src), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert f"in.csv, {where}" in result.output or where in result.output
    assert expected in result.output
    assert not (tmp_path / "o.csv").exists()


def test_a_bad_calendar_date_names_its_line(tmp_path: Path) -> None:
    src = write(tmp_path / "in.csv", history(10))
    cal = write(tmp_path / "cal.csv", "date,event\n2024-01-20,Sale\nsoon,Sale\n")
    result = runner.invoke(
        app, ["--csv", str(src), "--out", str(tmp_path / "o.csv"), "--calendar", str(cal)]
    )
    assert result.exit_code == 1
    assert 'cal.csv, line 3, column "date"' in result.output
