"""What the ads import tests look at: campaigns, targets and the daily facts, by name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from sellerops.ads.models import AdCampaign, AdGroup, AdSearchTermDaily, AdTarget
from sellerops.core.db import unit_of_work
from tests.ingest.helpers import DATA

ADS = DATA / "ads"
Sample = Callable[..., Path]


def campaigns(engine: Engine) -> dict[str, AdCampaign]:
    with unit_of_work(engine) as session:
        return {c.name: c for c in session.scalars(select(AdCampaign))}


def targets(engine: Engine) -> dict[tuple[str, str, str, str], AdTarget]:
    """(campaign, ad group, match type, text) -> target."""
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(AdCampaign.name, AdGroup.name, AdTarget)
            .join(AdGroup, AdGroup.id == AdTarget.ad_group_id)
            .join(AdCampaign, AdCampaign.id == AdTarget.campaign_id)
        )
        return {(c, g, t.match_type, t.text): t for c, g, t in rows}


def search_terms(engine: Engine) -> dict[tuple[date, str, str], AdSearchTermDaily]:
    """(day, target text, term) -> fact."""
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(AdTarget.text, AdSearchTermDaily).join(
                AdTarget, AdTarget.id == AdSearchTermDaily.target_id
            )
        )
        return {(f.day, text, f.term): f for text, f in rows}


def total(engine: Engine, model: Any, column: str) -> Decimal:
    with unit_of_work(engine) as session:
        value = session.scalar(select(func.sum(getattr(model, column))))
    return Decimal(value or 0)


def rewrite_header(path: Path, change: Callable[[list[str]], list[str]]) -> Path:
    """A copy of a CSV sample whose header row went through ``change`` (data untouched)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = [h.strip('"') for h in lines[0].split('","')]
    lines[0] = ",".join(f'"{h}"' for h in change(header))
    target = path.with_name("rewritten_" + path.name)
    target.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return target
