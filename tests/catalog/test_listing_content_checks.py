"""The listing-quality check on imported listing content: every rule runs (bullets, images,
A+, description, key attributes, suppression, Amazon's own errors), each finding names its
rule and why in English and Chinese; Chinese text is a finding in a US listing only."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from sellerops.catalog import listing_checks
from sellerops.catalog.listing_models import ListingContent
from sellerops.catalog.listing_quality import Listing, check_listing, missing_key_attributes
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.daily.context import ReviewContext
from sellerops.daily.finding import Finding
from sellerops.ingest.service import import_file
from tests import factories as f
from tests.factories import AS_OF

LISTINGS = Path(__file__).resolve().parent.parent / "data" / "listings"
CLEAN = "Acme Stainless Steel Garlic Press, Easy to Clean, Black"
FIVE = ("Solid steel", "Easy to clean", "Crushes unpeeled", "Soft grip", "Lifetime parts")


def _rules(**kw: object) -> list[str]:
    listing = Listing(**({"title": CLEAN} | kw))  # type: ignore[arg-type]
    return [v.rule for v in check_listing(listing)]


def test_chinese_text_in_bullets_or_description_is_flagged_outside_chinese_marketplaces() -> None:
    bullets = ("100% 纯棉，柔软透气", *FIVE[1:])
    assert _rules(bullets=bullets) == ["content_chinese_text"]
    assert _rules(bullets=FIVE, description="一款压蒜器。") == ["content_chinese_text"]
    # the same copy on a Chinese- or Japanese-language marketplace is the listing's language
    assert _rules(bullets=bullets, marketplace_language="zh") == []
    assert _rules(bullets=bullets, marketplace_language="ja") == []


def test_claims_in_the_description_count_like_claims_in_the_title() -> None:
    assert _rules(description="Cures arthritis pain.") == ["claim_medical"]
    assert _rules(description="抗菌材质，杀菌率高", marketplace_language="zh") == [
        "claim_pesticide"
    ]


def test_amazons_verdicts_are_rules_too() -> None:
    rules = _rules(suppressed=True, suppressed_reason="'brand' is required but not supplied.",
                   missing_attributes=("brand",), amazon_errors=("'x' is not valid",))  # fmt: skip
    assert rules == ["suppressed", "missing_attributes", "amazon_issue"]
    (first,) = [v for v in check_listing(Listing(CLEAN, suppressed=True, suppressed_reason="R"))]
    assert (first.rule, first.detail, first.suppresses) == ("suppressed", "R", True)
    assert _rules(has_main_image=False, image_count=None) == ["missing_main_image"]


def test_key_attributes_depend_on_the_product_type() -> None:
    assert missing_key_attributes("HOSE", {"color"}) == ["brand"]
    assert missing_key_attributes("SHIRT", {"brand", "color", "apparel_size"}) == [
        "department", "material",
    ]  # fmt: skip
    assert missing_key_attributes("shoes", {"brand", "footwear_size", "color", "department"}) == []
    assert missing_key_attributes(None, set()) == ["brand"]


def _review(engine: Engine, *paths: str, sales_asin: str | None = None) -> list[Finding]:
    for name in paths:
        outcome = import_file(engine=engine, path=LISTINGS / name, store="Acme US",
                              marketplace="US")  # fmt: skip
        assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        if sales_asin:
            for k in range(1, 29):  # nothing sold on the review day: it is suppressed
                f.traffic(s, store, sales_asin, AS_OF - timedelta(days=k), units=1, price="29.99")
            s.flush()
        return listing_checks.listing_quality(ReviewContext(s, store, AS_OF))


def test_a_suppressed_listing_is_high_and_puts_the_days_sales_at_stake(engine: Engine) -> None:
    findings = {x.entity: x for x in _review(engine, "listings_item_suppressed.json",
                                              sales_asin="B0CHOSE050")}  # fmt: skip
    hose = findings["ACME-HOSE-50"]
    assert hose.evidence["rule"] == "suppressed"
    assert hose.evidence["rule_detail"] == "'brand' is required but not supplied."
    assert hose.severity == "high"
    assert hose.money_at_stake == Decimal("29.99")
    others = " ".join(f"{r['code']} {r['detail']}" for r in hose.evidence["other_rules"] or [])
    for rule in ("claim_ranking", "claim_pesticide", "too_few_bullets", "too_few_images",
                 "missing_attributes", "amazon_issue"):  # fmt: skip
        assert rule in others, rule
    assert "item_type_keyword" in others  # Amazon's INVALID_ATTRIBUTE error, by its message
    assert hose.evidence["listing_source"] == "SP-API Listings Items"
    assert "suppressed" in hose.title("en") and "压制" in hose.title("zh")
    assert "Fix Your Products" in hose.action("en") and "修复" in hose.action("zh")


def test_a_suppressed_listing_still_selling_on_the_review_day_puts_the_shortfall_at_stake(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-SUP01", "B0SUP00001", title="Acme Widget")
        s.add(ListingContent(store_id=store.id, sku="SKU-SUP01", asin="B0SUP00001",
                             title="Acme Widget", suppressed=True, status="Suppressed",
                             source="suppressed_report"))  # fmt: skip
        for k in range(1, 28):
            f.traffic(s, store, "B0SUP00001", AS_OF - timedelta(days=k), units=4, price="10.00")
        f.traffic(s, store, "B0SUP00001", AS_OF, units=1, price="10.00")
        s.flush()
        (finding,) = listing_checks.listing_quality(ReviewContext(s, store, AS_OF))
        # usual (27 x $40 + $10) / 28 = $38.93 a day; $10 still sold on the review day
        assert finding.money_at_stake == Decimal("28.93")
        assert finding.evidence["review_day_sales"] == pytest.approx(10.0)
        s.execute(  # selling as usual on the review day
            update(SalesTrafficDaily)
            .where(SalesTrafficDaily.day == AS_OF)
            .values(units_ordered=4, ordered_sales=Decimal("40.00"))
        )
        (finding,) = listing_checks.listing_quality(ReviewContext(s, store, AS_OF))
    assert finding.money_at_stake == Decimal("4.00")  # a tenth of the usual $40.00, as a fault
    assert finding.severity == "high"  # still a suppressed listing to fix


def test_each_listing_gets_the_rule_that_matters_most(engine: Engine) -> None:
    findings = {x.entity: x for x in _review(engine, "listings_search.json", "listings_en.csv",
                                              "listings_zh.csv")}  # fmt: skip
    assert "ACME-NOZZLE-8" not in findings  # five bullets, six images, brand: clean
    tee = findings["ACME-TEE-BLK-M"]
    assert tee.evidence["rule"] == "claim_pesticide"  # "Antibacterial fabric" in a bullet
    tee_others = {r["code"]: r["detail"] for r in tee.evidence["other_rules"] or []}
    assert "content_chinese_text" in tee_others
    assert tee_others["missing_attributes"] == "size, material, apparel_size"
    bottle = findings["ACME-BOTTLE-1"]
    assert bottle.evidence["rule"] in ("title_forbidden_chars", "claim_fda", "claim_medical")
    rules = {
        bottle.evidence["rule"],
        *(r["code"] for r in bottle.evidence["other_rules"] or []),
    }
    assert {
        "title_forbidden_chars",
        "claim_fda",
        "claim_medical",
        "claim_ranking",
        "too_few_bullets",
        "too_few_images",
        "no_aplus",
        "missing_attributes",
    } <= rules
    assert "ACME-MAT-60" not in findings
    # Chinese title in a US listing; the translated one is only suppressed (Amazon's reason)
    lamp = findings["ACME-LAMP-1"]
    assert lamp.evidence["rule"] == "title_chinese_text"
    assert "中文" in lamp.title("zh") and "Chinese" in lamp.title("en")
    removed = findings["ACME-LAMP-2"]
    assert removed.evidence["rule"] == "suppressed"
    assert "power_source_type" in removed.evidence["rule_detail"]


def test_a_product_without_imported_content_is_still_checked_on_its_title(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-OLD", "B0OLD00001", title="Acme Bamboo Board #1 Best Seller")
        s.flush()
        (finding,) = listing_checks.listing_quality(ReviewContext(s, store, AS_OF))
    assert finding.evidence["rule"] == "claim_ranking"
    assert finding.evidence["listing_source"] is None


def test_chinese_copy_is_no_finding_on_a_cjk_marketplace(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=LISTINGS / "listings_zh.csv", store="Acme JP",
                          marketplace="JP")  # fmt: skip
    assert outcome.status == "imported", outcome.error
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme JP")
        assert store is not None
        findings = {x.entity: x for x in listing_checks.listing_quality(
            ReviewContext(s, store, AS_OF))}  # fmt: skip
    # the Chinese-authored lamp listing is clean there; the suppressed one is still suppressed
    assert "ACME-LAMP-1" not in findings
    assert findings["ACME-LAMP-2"].evidence["rule"] == "suppressed"
