"""An Ads report downloaded as XLSX after the same report as CSV: typed cells (whole numbers,
money as binary floats such as 0.30000000000000004, rates as fractions, dates as date cells)
store the same values, and the import counts its rows as a second CSV of the same rows does
(every row it gives that is already stored counts as updated, in both)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from sellerops.ads.models import (
    AdCampaign,
    AdCampaignDaily,
    AdGroup,
    AdPlacementDaily,
    AdProductDaily,
    AdSearchTermDaily,
    AdTarget,
    AdTargetDaily,
)
from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import ADS
from tests.ingest.helpers import rows_of
from tests.ingest.workbooks import workbook

_MODELS = (AdCampaign, AdGroup, AdTarget, AdSearchTermDaily, AdTargetDaily, AdCampaignDaily,
           AdProductDaily, AdPlacementDaily)  # fmt: skip


def _typed(text: str) -> Any:
    """A CSV cell as the XLSX download holds it."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return date.fromisoformat(text)
    plain = text.replace("$", "").replace(",", "")
    if re.fullmatch(r"-?\d+", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d+", plain):
        # as Excel may store it: the nearest double, written with 17 digits
        return float(f"{float(plain) + 1e-14:.17g}") if float(plain) else 0.0
    if re.fullmatch(r"-?\d+(?:\.\d+)?%", plain):
        return float(plain[:-1]) / 100
    return text or None


def _as_xlsx(source: Path, target: Path) -> Path:
    table = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    rows = [table[0], *([_typed(c) for c in row] for row in table[1:])]
    target.write_bytes(workbook({"Sheet1": rows}))
    return target


@pytest.mark.parametrize(
    "name",
    [
        "SP_Campaign_US_2026-11-25.csv",
        "SP_Targeting_US_2026-11-25.csv",
        "SP_Advertised_Product_US_2026-11-25.csv",
        "SP_Placement_US_2026-11-25.csv",
        "SP_Search_Term_US_2026-11-24_25.csv",
    ],
)
def test_xlsx_after_csv_counts_as_csv_after_csv(engine: Engine, tmp_path: Path, name: str) -> None:
    source = ADS / name
    first = import_file(engine=engine, path=source)
    assert first.status == "imported", first.error
    stored = [rows_of(engine, m) for m in _MODELS]
    again = import_file(engine=engine, path=source, force=True)

    outcome = import_file(engine=engine, path=_as_xlsx(source, tmp_path / f"{name[:-4]}.xlsx"))

    assert outcome.status == "imported", outcome.error
    counts = (outcome.rows_read, outcome.rows_inserted, outcome.rows_updated)
    assert counts == (again.rows_read, again.rows_inserted, again.rows_updated)
    assert counts == (first.rows_read, 0, first.rows_inserted)
    assert [rows_of(engine, m) for m in _MODELS] == stored
