"""Daily-review check of listing quality: every rule a listing breaks, and why.

Registered through :mod:`sellerops.catalog.checks`, which imports this module; the rules
are the pure functions of :mod:`sellerops.catalog.listing_quality`.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from sellerops.catalog import listing_quality as lq
from sellerops.catalog import performance
from sellerops.catalog.listing_models import ListingContent
from sellerops.catalog.models import Product
from sellerops.core import i18n
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import register_evidence
from sellerops.daily.finding import Finding
from sellerops.daily.registry import check

#: Share of daily sales at stake: suppression-grade rules can take the listing down (all
#: sales); the others cost conversion (a rough tenth, the usual gain from a fixed listing).
AT_STAKE_SUPPRESSION = Decimal(1)
AT_STAKE_QUALITY = Decimal("0.1")

#: rule -> (name en, name zh, why and fix en, why and fix zh)
RULES: dict[str, tuple[str, str, str, str]] = {
    "suppressed": ("listing suppressed", "商品被压制",
                   "A suppressed listing does not show in search. Fix the reason given on the "
                   "Fix Your Products page.",
                   "被压制的商品不出现在搜索结果中。按“修复商品”页面给出的原因修改。"),
    "title_too_long": ("title over 200 characters", "标题超过 200 字符",
                       "Amazon suppresses titles over 200 characters (spaces included). Cut it "
                       "to the brand, product type and the key attributes.",
                       "亚马逊会压制超过 200 字符（含空格）的标题。精简为品牌、品类和关键属性。"),
    "title_forbidden_chars": ("forbidden characters in the title", "标题含禁用字符",
                              "Titles may not contain ! $ ? _ { } ^ ¬ ¦ unless they are part of "
                              "the brand; such titles get suppressed. Remove them.",
                              "标题不得含 ! $ ? _ { } ^ ¬ ¦（品牌名除外），否则会被压制。请删除。"),
    "title_repeated_words": ("a word repeated more than twice", "标题单词重复超过两次",
                             "Amazon does not allow the same word more than twice in a title "
                             "(articles and prepositions excepted). Say it once.",
                             "亚马逊不允许同一单词在标题中出现两次以上（冠词、介词除外）。只写一次。"),
    "title_chinese_text": ("Chinese text or full-width punctuation", "含中文或全角标点",
                           "The marketplace's shoppers read the listing in its language; "
                           "Chinese characters and full-width punctuation (，【】) look broken "
                           "and hurt search. Translate and use half-width punctuation.",
                           "该站点买家使用当地语言，中文字符和全角标点（，【】）显示异常且影响搜索。请翻译并改用半角标点。"),
    "claim_ranking": ("ranking or subjective claim", "排名/主观宣传用语",
                      "Claims like \"best seller\", \"#1\" or \"best\" are not allowed in "
                      "listings (they cannot be verified and change daily). Remove them.",
                      "\"best seller\"、\"#1\"、\"最好\" 等无法核实的排名或主观用语不允许出现在商品页面。请删除。"),
    "claim_promotion": ("promotional wording", "促销用语",
                        "Price and promotion words (free shipping, sale, guarantee) are not "
                        "allowed in titles and bullets. Use a coupon or deal instead.",
                        "标题和五点描述中不允许出现包邮、促销、保证等促销用语。请改用优惠券或秒杀。"),
    "claim_fda": ("\"FDA approved\" claim", "\"FDA 认证\" 宣称",
                  "The FDA does not approve or certify most products, so \"FDA approved\" is "
                  "a false claim and gets the listing removed. Delete it.",
                  "FDA 不批准或认证大多数产品，\"FDA 认证\" 属虚假宣称，会导致商品被下架。请删除。"),
    "claim_medical": ("medical or disease claim", "医疗/疾病宣称",
                      "Claims that a product cures, treats or prevents a disease make it a "
                      "drug or medical device under Amazon's policy; the listing is removed. "
                      "Remove the claim.",
                      "宣称产品能治疗、治愈或预防疾病会被视为药品或医疗器械，商品会被下架。请删除该宣称。"),
    "claim_pesticide": ("pesticide claim", "杀虫/抗菌宣称",
                        "Antibacterial, antimicrobial, disinfecting or repellent claims make "
                        "the product a pesticide (EPA registration needed in the US); Amazon "
                        "removes such listings. Remove the claim unless it is registered.",
                        "抗菌、杀菌、消毒、驱虫等宣称会使产品被视为农药（美国需 EPA 注册），亚马逊会下架。未注册请删除。"),
    "too_few_bullets": ("fewer than five bullet points", "五点描述不足五条",
                        "Five bullet points are the standard; missing ones leave questions "
                        "unanswered and lower conversion. Write all five.",
                        "标准为五条要点描述；缺少会让买家疑问得不到解答，降低转化。请补全五条。"),
    "missing_main_image": ("no main image", "缺少主图",
                           "A listing without a main image is suppressed. Upload one on a pure "
                           "white background.",
                           "没有主图的商品会被压制。请上传白底主图。"),
    "too_few_images": ("fewer than six images", "图片少于六张",
                       "Listings with six or more images convert better. Add lifestyle, size "
                       "and detail images.",
                       "六张以上图片的商品转化更好。请补充场景图、尺寸图和细节图。"),
    "no_aplus": ("no A+ content", "没有 A+ 页面",
                 "A+ content usually lifts conversion for brand owners. Publish an A+ module.",
                 "A+ 页面通常能提升品牌卖家的转化率。请发布 A+ 内容。"),
    "content_chinese_text": ("Chinese text in the bullets or description", "五点描述或产品描述含中文",
                             "The bullets or the description still carry Chinese text or "
                             "full-width punctuation (，【】) in a marketplace whose shoppers "
                             "do not read it: it looks broken and the words are not indexed "
                             "for search. Translate it and use half-width punctuation.",
                             "五点描述或产品描述中仍有中文或全角标点（，【】），该站点买家看不懂，"
                             "显示异常且不会被搜索收录。请翻译并改用半角标点。"),
    "missing_attributes": ("key attributes missing", "缺少关键属性",
                           "Amazon builds search filters (brand, size, colour, department, "
                           "material) from these attributes; a listing without them drops out "
                           "of filtered searches, and one without a brand is search "
                           "suppressed. Fill them in (Edit listing, or a flat-file update).",
                           "亚马逊用这些属性（品牌、尺码、颜色、适用人群、材质）生成搜索筛选项；"
                           "缺少它们的商品在筛选搜索中不出现，缺品牌的会被搜索压制。请在编辑商品"
                           "或批量表格中补全。"),
    "amazon_issue": ("Amazon reports an error on the listing", "亚马逊报告商品有错误",
                     "Amazon found an error in the listing's data (an invalid or conflicting "
                     "attribute, an image it rejected); until it is fixed the listing may "
                     "not show as intended. Fix what the message names.",
                     "亚马逊发现商品数据有错误（属性无效或冲突、图片被拒等）；修复前商品可能无法"
                     "正常展示。请按提示修改。"),
}  # fmt: skip

register_evidence(
    {
        "rule": ("Rule", "规则", "plain"),
        "rule_detail": ("Found", "发现", "plain"),
        "other_rules": ("Other rules broken", "其他违反的规则", "plain"),
        "daily_sales": (
            "Daily sales (average of the days with data, at most 28)",
            "日均销售额（有数据日的平均，最多 28 天）",
            "money",
        ),
        "daily_sales_days": ("Days with sales data", "有销售数据的天数", "plain"),
        "review_day_sales": ("Sales on the review day", "复盘日销售额", "money"),
        "title_length": ("Title length", "标题长度", "plain"),
        "listing_source": ("Listing content from", "商品内容来源", "plain"),
        "amazon_issues": ("Amazon's messages", "亚马逊提示", "plain"),
    }
)
i18n.register_messages(
    {f"evidence.rule.{k}": {"en": v[0], "zh": v[1]} for k, v in RULES.items()}
    | {
        "catalog.listing_quality.title": {
            "en": "{entity}: {rule_en} ({detail}){more_en}",
            "zh": "{entity}：{rule_zh}（{detail}）{more_zh}",
        },
        "catalog.listing_quality.action": {"en": "{why_en}", "zh": "{why_zh}"},
    }
)


def _daily_sales(ctx: ReviewContext) -> tuple[dict[str, Decimal], int, dict[str, Decimal]]:
    """Average daily sales per child ASIN over the days with Business Report data among the
    28 up to the review day, that number of days (a store with one day of data is not
    averaged over 28), and each ASIN's sales on the review day."""
    start = ctx.as_of - timedelta(days=27)
    days = performance.asin_days(
        session=ctx.session, store_id=ctx.store.id, start=start, end=ctx.as_of
    )
    covered = len({day for rows in days.values() for day in rows})
    if not covered:
        return {}, 0, {}
    sales = {
        a: sum((s.sales for s in rows.values()), Decimal(0)) / covered for a, rows in days.items()
    }
    latest = {a: rows[ctx.as_of].sales for a, rows in days.items() if ctx.as_of in rows}
    return sales, covered, latest


@check("catalog", "listing_quality")
def listing_quality(ctx: ReviewContext) -> list[Finding]:
    """Listings that break Amazon's title, content or claims rules (one finding per SKU,
    titled by the most serious rule; the others listed in the evidence).

    Rules about bullets, description, images, A+, key attributes, suppression and Amazon's
    own issues run where the listing's content has been imported (``listing_content``: the
    Listings Items document, the ``listings`` sheet, the suppressed-listings report); titles
    otherwise come from the catalog. Money at stake: the SKU's average daily sales (over the
    days with Business Report data among the last 28): all of them for rules that get a
    listing suppressed or removed (the risk), for a listing Amazon reports suppressed less
    what it still sold on the review day (one selling as usual is not losing all its sales:
    the suppression began later, or the report is old) but never less than a tenth of them,
    as for the rules that cost conversion (per day).
    """
    sales, sales_days, latest = ctx.memo("catalog.daily_sales_28", lambda: _daily_sales(ctx))
    language = ctx.marketplace.language.split("_")[0].split("-")[0]
    products = ctx.session.scalars(select(Product).where(Product.store_id == ctx.store.id))
    contents = {
        c.sku: c
        for c in ctx.session.scalars(
            select(ListingContent).where(ListingContent.store_id == ctx.store.id)
        )
    }
    findings = []
    for p in products:
        content = contents.get(p.sku)
        broken = lq.check_listing(listing_of(p, content, language))
        if broken:
            asin = p.asin or (content.asin if content else None) or ""
            daily = sales.get(asin, Decimal(0))
            findings.append(_finding(ctx, p, content, broken, daily, sales_days, latest.get(asin)))
    return findings


def listing_of(p: Product, content: ListingContent | None, language: str) -> lq.Listing:
    """What the rules see of a SKU: its imported content, else the catalog's title."""
    if content is None:
        return lq.Listing(title=p.title, marketplace_language=language, brand=p.brand)
    issues = content.issues or []
    errors = [i for i in issues if str(i.get("severity", "")).upper() == "ERROR"]
    # why it is suppressed: the issue that enforces it, else Amazon's first error, else status
    enforcing = [i for i in errors if i.get("enforcements")] or (
        errors if content.suppressed else []
    )
    reason = str(enforcing[0].get("message") or "") if enforcing else ""
    if content.suppressed and not reason and content.status:
        reason = content.status
    other = tuple(
        dict.fromkeys(
            str(i.get("message") or i.get("code") or "")
            for i in errors
            if "MISSING_ATTRIBUTE" not in (i.get("categories") or [])
            and str(i.get("message") or "") != reason
        )
    )
    return lq.Listing(
        title=content.title if content.title is not None else p.title,
        marketplace_language=language,
        bullets=None if content.bullets is None else tuple(content.bullets),
        image_count=content.image_count,
        has_aplus=content.has_aplus,
        brand=p.brand,
        suppressed=content.suppressed,
        description=content.description,
        missing_attributes=tuple(content.missing_attributes or ()) or None,
        suppressed_reason=reason[:200] or None,
        amazon_errors=tuple(m for m in other if m) or None,
    )


_SOURCES = {
    "listings_api": "SP-API Listings Items",
    "listing_sheet": "listings sheet",
    "suppressed_report": "suppressed listings report",
}


def _finding(
    ctx: ReviewContext,
    p: Product,
    content: ListingContent | None,
    broken: list[lq.Violation],
    daily: Decimal,
    sales_days: int = 28,
    latest: Decimal | None = None,
) -> Finding:
    first, others = broken[0], broken[1:]
    share = AT_STAKE_SUPPRESSION if first.suppresses else AT_STAKE_QUALITY
    lost = daily * share
    if first.rule == "suppressed" and latest:
        # Still selling on the review day: what it no longer sells, at least what a listing
        # fault costs (it is still out of search)
        lost = max(daily - latest, daily * AT_STAKE_QUALITY)
    en, zh, why_en, why_zh = RULES[first.rule]
    more = len(others)
    return Finding(
        module="catalog",
        kind="listing_quality",
        severity="high" if first.suppresses else "low",
        entity_type="sku",
        entity=p.sku,
        money_at_stake=lost.quantize(Decimal("0.01")),
        money_period="day",
        currency=ctx.currency,
        urgency_days=None,
        params={
            "rule": first.rule,
            "rule_en": en,
            "rule_zh": zh,
            "detail": first.detail,
            "more_en": f", and {more} more" if more else "",
            "more_zh": f"，另有 {more} 项" if more else "",
            "why_en": why_en,
            "why_zh": why_zh,
        },
        evidence={
            "asin": p.asin or (content.asin if content else None),
            "rule": first.rule,
            "rule_detail": first.detail,
            "other_rules": [{"of": "rule", "code": v.rule, "detail": v.detail} for v in others]
            or None,
            "title_length": len((content.title if content else None) or p.title or ""),
            "daily_sales": float(round(daily, 2)),
            "daily_sales_days": sales_days,
            "review_day_sales": float(round(latest, 2)) if latest is not None else None,
            "listing_source": _SOURCES.get(content.source or "") if content else None,
            "amazon_issues": "; ".join(
                str(i.get("message")) for i in (content.issues or []) if i.get("message")
            )[:500]
            or None
            if content
            else None,
        },
    )
