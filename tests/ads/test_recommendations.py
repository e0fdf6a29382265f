"""The optimizer on a stored account: what it proposes, and carrying it out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine

from sellerops.ads import bulk_export
from sellerops.ads import recommendations as recs
from sellerops.ads.models import AdProductAd, AdRecommendation
from sellerops.core.db import unit_of_work
from sellerops.inventory import service as inventory
from tests.ads import world
from tests.factories import AS_OF


def _refresh(s, store) -> list[AdRecommendation]:  # type: ignore[no-untyped-def]
    positions = inventory.stock_positions(
        session=s, store_id=store.id, as_of=AS_OF, default_lead_time=45
    )
    return recs.refresh(
        session=s, store_id=store.id, as_of=AS_OF, currency="USD", positions=positions
    )


def _by_kind(rows: list[AdRecommendation]) -> dict[str, list[AdRecommendation]]:
    out: dict[str, list[AdRecommendation]] = {}
    for r in rows:
        out.setdefault(r.kind, []).append(r)
    return out


def test_optimizer_cuts_the_expensive_bid_negates_harvests_and_raises_the_capped_budget(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        kinds = _by_kind(_refresh(s, store))
    bids = {r.params["target"]: r for r in kinds["bid"]}
    bid = bids["yoga mat"]
    assert bids["close-match"].reason == "below_target"  # ACoS 15 %: buy more clicks
    assert bid.current == Decimal("1.50") and bid.proposed == Decimal("1.13")  # -25 % at most
    assert bid.reason == "above_target"
    assert bid.evidence["target_acos"] == pytest.approx(0.225)
    assert bid.evidence["cost_source"] == "unit_cost"
    assert bid.effect["profit"] > 0
    (negative,) = kinds["negative"]
    assert negative.term == "yoga ball" and negative.match_type == "negative exact"
    assert negative.evidence["probability_reaching_target"] < 0.1
    (harvest,) = kinds["harvest"]
    assert harvest.term == "yoga mat thick" and harvest.match_type == "exact"
    assert harvest.proposed is not None and harvest.proposed > 0
    (budget,) = kinds["budget"]
    assert budget.current == Decimal("3.00") and budget.proposed == Decimal("3.75")
    assert budget.reason == "budget_limited_profitable"
    assert "pause" not in kinds


def test_the_attribution_windows_last_days_never_trigger_cuts(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, days=7)  # only the incomplete week: conversions still coming
        kinds = _by_kind(_refresh(s, store))
    assert "bid" not in kinds and "negative" not in kinds


def test_a_sku_about_to_run_out_gets_its_product_ads_paused_then_back(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=40)  # 4 days of cover, lead time 45
        kinds = _by_kind(_refresh(s, store))
        pauses = kinds["pause"]
        assert {p.sku for p in pauses} == {world.SKU} and len(pauses) == 2
        assert all(p.effect["spend"] < 0 for p in pauses)
        assert "bid" not in kinds  # no bid pushes into a stock-out
        recs.decide(session=s, store_id=store.id, ids=[p.id for p in pauses], actor="ana",
                    approve=True)  # fmt: skip
        for p in pauses:
            p.status = "exported"
        for ad in s.query(AdProductAd):
            ad.state = "paused"  # the next bulk download shows them paused
        world.f.snapshot(s, store, world.SKU, world.AS_OF.replace(day=21), fulfillable=2000)
        s.flush()
        positions = inventory.stock_positions(
            session=s, store_id=store.id, as_of=AS_OF.replace(day=21), default_lead_time=45
        )
        later = recs.refresh(session=s, store_id=store.id, as_of=AS_OF.replace(day=21),
                             currency="USD", positions=positions)  # fmt: skip
    assert {r.kind for r in later} >= {"enable"}


def test_rerunning_a_day_keeps_decisions_and_approved_changes_export_with_a_revert_file(
    engine: Engine, tmp_path: Path
) -> None:
    out, back = tmp_path / "new" / "bulk.xlsx", tmp_path / "bulk-revert.xlsx"
    with unit_of_work(engine) as s:
        store = world.account(s)
        rows = _refresh(s, store)
        chosen = [r.id for r in rows if r.kind in ("bid", "negative", "harvest")]
        recs.decide(session=s, store_id=store.id, ids=chosen, actor="ana", approve=True)
        again = _refresh(s, store)
        assert {r.id: r.status for r in again if r.id in chosen} == dict.fromkeys(
            chosen, "approved"
        )
        with pytest.raises(recs.RecommendationError, match="already decided"):
            recs.decide(session=s, store_id=store.id, ids=chosen[:1], actor="bo", approve=False)
        result = bulk_export.export_approved(
            session=s, store_id=store.id, applier=bulk_export.BulkFileApplier(out, back),
            actor="ana",
        )  # fmt: skip
        log = [(e.actor, e.action) for e in recs.change_log(session=s, store_id=store.id)]
    assert result.count == 4  # two bids, a negative, a harvest
    assert log.count(("ana", "approved")) == 4 and log.count(("ana", "exported")) == 4
    forward, revert = _sheet(out), _sheet(back)
    assert [(r["Entity"], r["Operation"]) for r in forward] == [
        ("Product targeting", "Update"), ("Keyword", "Update"), ("Negative keyword", "Create"),
        ("Keyword", "Create"), ("Negative keyword", "Create"),
    ]  # fmt: skip
    assert forward[0]["Product Targeting ID"] == "411"
    assert forward[1]["Keyword ID"] == "422" and forward[1]["Bid"] == 1.13
    assert forward[2]["Match Type"] == "negativeExact" and forward[2]["Ad Group ID"] == "311"
    assert forward[3]["Ad Group ID"] == "322" and forward[3]["Keyword Text"] == "yoga mat thick"
    assert forward[4]["Ad Group ID"] == "311" and forward[4]["Keyword Text"] == "yoga mat thick"
    assert revert[1]["Bid"] == 1.5 and revert[0]["Bid"] == 1.0
    assert {r["Operation"] for r in revert[2:]} == {"Archive"}


def _sheet(path: Path) -> list[dict[str, object]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(bulk_export.SHEET).to_python()
    header = [str(h) for h in rows[0]]
    assert header == bulk_export.HEADER
    return [{h: v for h, v in zip(header, row, strict=True) if v != ""} for row in rows[1:]]


def test_brands_and_display_changes_go_to_their_own_sheets(engine: Engine, tmp_path: Path) -> None:
    from datetime import date

    from sellerops.ads import service as ads

    with unit_of_work(engine) as s:
        store = world.account(s)
        st = ads.Structure(s, store.id, None)
        sb = st.campaign(ads.CampaignInfo("SB", "Brand", amazon_id="901", state="enabled",
                                          daily_budget=Decimal("20")))  # fmt: skip
        sb_group = st.group(sb, ads.GroupInfo("Brand group", amazon_id="902", state="enabled"))
        sb_kw = st.target(sb_group, ads.TargetInfo("yoga mat", "exact", amazon_id="903",
                                                   state="enabled", bid=Decimal("2.00")))  # fmt: skip
        sd = st.campaign(ads.CampaignInfo("SD", "Display", amazon_id="911", state="enabled",
                                          daily_budget=Decimal("10")))  # fmt: skip
        s.flush()

        def rec(kind: str, campaign: int, **kw: object) -> AdRecommendation:
            row = AdRecommendation(store_id=store.id, review_date=date(2026, 11, 20),
                                   rec_key=f"{kind}:{campaign}", kind=kind, campaign_id=campaign,
                                   currency="USD", reason="below_target", params={},
                                   evidence={}, effect={}, status="approved", **kw)  # fmt: skip
            s.add(row)
            return row

        rec("bid", sb.id, ad_group_id=sb_group.id, target_id=sb_kw.id,
            current=Decimal("2.00"), proposed=Decimal("2.40"))  # fmt: skip
        rec("budget", sd.id, current=Decimal("10"), proposed=Decimal("12.50"))
        rec("negative", sb.id, ad_group_id=sb_group.id, term="yoga ball",
            match_type="negative exact")  # fmt: skip
        s.flush()
        out, back = tmp_path / "b.xlsx", tmp_path / "r.xlsx"
        done = bulk_export.export_approved(session=s, store_id=store.id, actor="ana",
                                           applier=bulk_export.BulkFileApplier(out, back))  # fmt: skip
        left = [r.kind for r in recs.approved(session=s, store_id=store.id)]
    assert done.count == 2 and left == ["negative"]  # SB negatives are not in the bulk file
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == [bulk_export.SHEET, "Sponsored Brands Campaigns",
                                "Sponsored Display Campaigns"]  # fmt: skip
    brands = book.get_sheet_by_name("Sponsored Brands Campaigns").to_python()
    row = dict(zip(brands[0], brands[1], strict=True))
    assert row["Product"] == "Sponsored Brands" and row["Entity"] == "Keyword"
    assert row["Keyword ID"] == "903" and float(row["Bid"]) == 2.4
    display = book.get_sheet_by_name("Sponsored Display Campaigns").to_python()
    row = dict(zip(display[0], display[1], strict=True))
    assert row["Entity"] == "Campaign" and float(row["Budget"]) == 12.5
    assert row["Budget Type"] == "daily"
    reverted = CalamineWorkbook.from_path(str(back)).get_sheet_by_name(
        "Sponsored Display Campaigns").to_python()  # fmt: skip
    assert float(dict(zip(reverted[0], reverted[1], strict=True))["Budget"]) == 10
