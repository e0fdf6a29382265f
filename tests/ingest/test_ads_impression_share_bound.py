"""An Ads console report's impression share given only as a bound ("<5%", a share below 5 %)
is read, not refused: stored as unknown (a bound stored as the share would overstate it),
with a note counting such cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.ads.models import AdCampaign, AdCampaignDaily, AdTargetDaily
from sellerops.core.db import unit_of_work
from sellerops.ingest.errors import localize_problem
from sellerops.ingest.service import import_file
from tests.ingest.ads_helpers import ADS


def _shares(engine: Engine, model: type) -> dict[str, Decimal | None]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(AdCampaign.name, model.top_of_search_share).join(
                AdCampaign, AdCampaign.id == model.campaign_id
            )
        )
        return {name: share for name, share in rows}


def _with_share(source: str, target: Path, old: str, new: str) -> Path:
    text = (ADS / source).read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_a_campaign_report_with_a_share_below_5_percent_is_imported(
    engine: Engine, tmp_path: Path
) -> None:
    # The auto campaign's share was empty; Amazon writes "<5%" for a share below 5 %.
    path = _with_share(
        "SP_Campaign_US_2026-11-25.csv",
        tmp_path / "SP_Campaign_US_2026-11-25.csv",
        '"1,100","","8"',
        '"1,100","<5%","8"',
    )

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert outcome.rows_read == 2
    shares = _shares(engine, AdCampaignDaily)
    assert shares == {
        "SP - Garden Hoses - Exact": Decimal("0.125"),
        "SP - Garden Hoses - Auto": None,
    }
    note = (
        '1 cell of "Top-of-search Impression Share" said "<5%" (a share below 5 %, not the '
        "share itself): stored as unknown"
    )
    assert list(outcome.notes) == [note]
    assert localize_problem(note, "zh") == (
        "“Top-of-search Impression Share”列中有 1 个单元格为“<5%”（份额低于 5%，并非份额本身）：已按未知保存"
    )


def test_a_targeting_report_counts_every_such_cell(engine: Engine, tmp_path: Path) -> None:
    source = (ADS / "SP_Targeting_US_2026-11-25.csv").read_text(encoding="utf-8")
    header, *rows = source.strip().splitlines()
    # the console's own header spelling, and "<5%" on two of the three rows
    header = header.replace("Top-of-search Impression Share", "Top-of-search impression share")
    bounded = [rows[0].replace('"12.50%"', '"< 5%"'), rows[1], rows[2].replace('"3.10%"', '"<5%"')]
    assert bounded[0] != rows[0] and bounded[2] != rows[2]
    path = tmp_path / "SP_Targeting_US_2026-11-25.csv"
    path.write_text("\n".join([header, *bounded]) + "\n", encoding="utf-8")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "imported", outcome.error
    assert list(outcome.notes) == [
        '2 cells of "Top-of-search impression share" said "<5%" (a share below 5 %, not the '
        "share itself): stored as unknown"
    ]
    with unit_of_work(engine) as session:
        shares = list(session.scalars(select(AdTargetDaily.top_of_search_share)))
    assert shares == [None, None, None]  # (the second row had no share)


def test_another_cell_is_still_refused(engine: Engine, tmp_path: Path) -> None:
    path = _with_share(
        "SP_Campaign_US_2026-11-25.csv",
        tmp_path / "SP_Campaign_US_2026-11-25.csv",
        '"1,100","","8"',
        '"1,100","about 5%","8"',
    )

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    assert 'column "Top-of-search Impression Share": expected a percentage' in (outcome.error or "")
