"""Listing quality: title, content and claims rules, each finding naming its rule and why."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine

from sellerops.catalog import listing_checks
from sellerops.catalog.listing_quality import Listing, check_listing, repeated_words
from sellerops.core.db import unit_of_work
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import value_text
from tests import factories as f
from tests.factories import AS_OF

CLEAN = "Acme Stainless Steel Garlic Press, Easy to Clean, Black"


def _rules(title: str, **kw: object) -> list[str]:
    return [v.rule for v in check_listing(Listing(title=title, **kw))]  # type: ignore[arg-type]


def test_a_plain_descriptive_title_breaks_no_rule() -> None:
    assert _rules(CLEAN) == []


def test_titles_over_200_characters_are_flagged_before_style_issues() -> None:
    title = CLEAN + ", " + "Extra Long Description Words " * 7 + "Gift Box"
    assert len(title) > 200
    assert _rules(title)[0] == "title_too_long"


def test_forbidden_characters_are_named_unless_part_of_the_brand() -> None:
    (violation,) = check_listing(Listing(title=CLEAN + " {Gift} $"))
    assert violation.rule == "title_forbidden_chars"
    assert violation.detail == "$ { }"
    assert _rules("Yahoo! Stainless Garlic Press for Kitchen", brand="Yahoo!") == []


def test_words_used_more_than_twice_are_found_but_articles_may_repeat() -> None:
    assert repeated_words("Press Garlic Press Steel Press for the a the of the") == ["press"]
    assert "title_repeated_words" in _rules("Garlic Press Press Press Stainless Steel Tool")


def test_ranking_medical_fda_and_pesticide_claims_each_name_their_rule() -> None:
    rules = _rules("Best Seller #1 Antibacterial Cutting Board FDA Approved, Cures Arthritis")
    assert set(rules) >= {"claim_ranking", "claim_pesticide", "claim_fda", "claim_medical"}
    # suppression-grade claims come first
    assert rules.index("claim_fda") < rules.index("claim_ranking")


def test_dog_treats_are_not_a_medical_claim() -> None:
    assert _rules("Acme Natural Dog Treats for Small Dogs, Chicken Flavor") == []


def test_chinese_authored_claims_and_leftover_chinese_text_are_caught() -> None:
    rules = _rules("Acme 抗菌 Cutting Board【Upgraded】爆款 Kitchen Tool")
    assert {"claim_pesticide", "claim_ranking", "title_chinese_text"} <= set(rules)
    # on a Chinese-language marketplace Chinese text itself is fine, the claims are not
    zh = _rules("Acme 抗菌砧板 厨房用品 竹制 大号 家用切菜板 菜板", marketplace_language="zh")
    assert zh == ["claim_pesticide"]


def test_typographic_quotes_are_not_mistaken_for_chinese_punctuation() -> None:
    # German „…“ and English “…” / ‘…’ are ordinary typography on Latin-script marketplaces
    assert _rules("Acme Schneidebrett „Profi“ aus Bambus, 45 x 30 cm") == []
    assert _rules("Acme “Chef’s Choice” Garlic Press, Stainless Steel") == []
    (violation,) = check_listing(Listing(title="Acme Garlic Press（Stainless Steel）"))
    assert (violation.rule, violation.detail) == ("title_chinese_text", "（ ）")


def test_other_broken_rules_are_named_in_the_readers_language() -> None:
    others = [{"of": "rule", "code": "too_few_images", "detail": "5 < 6"},
              {"of": "rule", "code": "missing_attributes", "detail": "brand"}]  # fmt: skip
    assert value_text("other_rules", others, "USD", "en") == (
        "fewer than six images (5 < 6); key attributes missing (brand)"
    )
    zh = value_text("other_rules", others, "USD", "zh")
    assert "too_few_images" not in zh and "图片少于六张（5 < 6）；" in zh


def test_bullets_images_and_a_plus_are_checked_only_when_known() -> None:
    assert _rules(CLEAN, bullets=None, image_count=None, has_aplus=None) == []
    rules = _rules(CLEAN, bullets=("One", "Two"), image_count=3, has_aplus=False)
    assert rules == ["too_few_bullets", "too_few_images", "no_aplus"]
    assert _rules(CLEAN, image_count=0) == ["missing_main_image"]
    assert _rules(CLEAN, bullets=("Kills 99.9% of germs",) * 5) == ["claim_pesticide"]


def test_the_finding_says_which_rule_and_why_in_both_languages(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-CLAIM", "B0CLAIM001", title="Acme FDA Approved Bamboo Board")
        f.product(s, store, "SKU-CLEAN", "B0CLEAN001", title=CLEAN)
        for k in range(28):
            f.traffic(s, store, "B0CLAIM001", AS_OF - timedelta(days=k), units=2, price="15.00")
        s.flush()
        (finding,) = listing_checks.listing_quality(ReviewContext(s, store, AS_OF))
    assert finding.entity == "SKU-CLAIM"
    assert finding.evidence["rule"] == "claim_fda"
    assert finding.severity == "high"
    assert finding.money_at_stake == Decimal("30.00")  # the whole day's sales: removal risk
    assert "FDA approved" in finding.title("en")
    assert "FDA" in finding.action("en") and "FDA" in finding.action("zh")
    assert "认证" in finding.title("zh")
