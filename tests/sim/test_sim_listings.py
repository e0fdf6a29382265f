"""The simulator's listings document: imports as a Listings Items search response and carries
the few defects it was given, which the listing-quality rules find."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from sellerops.catalog import listing_checks
from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.daily.context import ReviewContext
from sellerops.ingest.service import import_file
from sellerops.sim import SimTruth, write_reports
from sellerops.sim.writers.listings import choose_defects
from tests.sim.conftest import DEMO_END


def test_the_listings_document_imports_and_its_defects_are_found(
    small_truth: SimTruth, tmp_path: Path, engine: Engine
) -> None:
    (path,) = write_reports(small_truth, tmp_path, families=["listings"])
    assert path.name == "Listings_Items_US_2026-11-26.json"

    outcome = import_file(engine=engine, path=path, store="Sim US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted) == (
        "listings_search_json", len(small_truth.products),
    )  # fmt: skip
    defects = choose_defects(small_truth)
    expected = {
        "suppressed": "suppressed", "chinese": "content_chinese_text", "claim": "claim_ranking",
        "invalid": "amazon_issue", "few_images": "too_few_images",
        "few_bullets": "too_few_bullets",
    }  # fmt: skip
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Sim US")
        assert store is not None
        findings = listing_checks.listing_quality(ReviewContext(s, store, DEMO_END))
    broken = {
        x.entity: {x.evidence["rule"], *(r["code"] for r in x.evidence["other_rules"] or [])}
        for x in findings
    }  # fmt: skip
    skus = {p.index: p.sku for p in small_truth.products}
    for index, names in defects.items():
        assert {expected[n] for n in names} <= broken[skus[index]], skus[index]
    assert set(broken) == {skus[i] for i in defects}  # the other listings are clean
