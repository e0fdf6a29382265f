"""Listing-quality rules as pure functions over a listing's text and counts.

Sources: Amazon's product title requirements (effective January 2025: at most 200
characters including spaces; none of ``! $ ? _ { } ^ ¬ ¦`` unless part of the brand; no word
more than twice, articles, prepositions and conjunctions excepted), the listing style
guides (five bullet points, at least six images, A+ content for brand owners), and the
restricted-claims policies (no medical/disease claims, no pesticide claims such as
"antibacterial" on non-registered products, no "FDA approved", no promotional or ranking
claims such as "best seller", "#1", "free shipping"). Chinese-authored listings are checked
for the same claims written in Chinese and for full-width punctuation or Chinese text left
in a listing for a non-Chinese marketplace (title, bullets and description alike).

Where the listing's content was imported (``listing_content``), Amazon's own verdicts count
too: a suppressed listing, key attributes it lacks, and the ERROR issues Amazon reports.

Each :class:`Violation` names its rule; the texts saying why live in the catalog checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

TITLE_MAX = 200
BULLETS_WANTED = 5
IMAGES_WANTED = 6
FORBIDDEN_TITLE_CHARS = frozenset("!$?_{}^¬¦")
#: Punctuation only a Chinese (or Japanese) keyboard types. Curly quotes are not in it: “ ” ‘ ’
#: and the German „ “ are ordinary typography in every Latin-script marketplace.
FULL_WIDTH_PUNCTUATION = frozenset("，。！？【】（）：；、《》「」『』～＂")
#: Words Amazon lets repeat: articles, prepositions, conjunctions.
REPEAT_OK = frozenset(
    ("a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by",
     "with", "from", "as", "into", "per", "vs", "x")
)  # fmt: skip
#: Claim rules: rule id -> patterns (case-insensitive; English word-bounded, Chinese plain).
CLAIMS: dict[str, tuple[str, ...]] = {
    "claim_ranking": (
        r"best[\s-]?sell(?:er|ing)", r"#\s?1\b", r"\bno\.?\s?1\b", r"\bnumber one\b",
        r"\btop[\s-]rated\b", r"\bhot sale\b", r"\bbest\b", "爆款", "热销", "销量第一",
        "第一名", "最好", "最佳",
    ),
    "claim_promotion": (
        r"\bfree shipping\b", r"\bsale\b", r"\bdiscount\b", r"\bguarantee[d]?\b",
        r"\b100% (?:quality|satisfaction)\b", "包邮", "促销", "打折",
    ),
    "claim_fda": (r"\bfda[\s-]*(?:approved|certified|registered|cleared)\b", "fda认证", "fda批准"),
    "claim_medical": (
        r"\bcures?\b", r"\btreats? (?:pain|acne|arthritis|anxiety|insomnia|infections?|disease)",
        r"\bheals?\b", r"\bprevents? (?:disease|cancer|covid)",
        r"\bcovid\b", r"\bcoronavirus\b", r"\bcancer\b", r"\bdiabetes\b", r"\banxiety relief\b",
        r"\bpain relief\b", "治疗", "治愈", "疗效", "抗癌", "消炎",
    ),
    "claim_pesticide": (
        r"\banti[\s-]?bacterial\b", r"\bantimicrobial\b", r"\bantiviral\b",
        r"\bkills? (?:\d+(?:\.\d+)?% of )?(?:germs|bacteria|viruses|bugs|mites)\b",
        r"\bdisinfect(?:s|ing|ant)?\b", r"\bmold[\s-]resistant\b",
        r"\bmildew[\s-]resistant\b", r"\binsect repellent\b", r"\bnon[\s-]toxic\b",
        "抗菌", "杀菌", "除菌", "消毒", "除螨", "防霉", "驱虫",
    ),
}  # fmt: skip
_CLAIM_RE = {rule: re.compile("|".join(p), re.IGNORECASE) for rule, p in CLAIMS.items()}
#: Rules whose breach gets a listing suppressed or removed, not merely sold less well.
SUPPRESSION_RULES = frozenset(
    {
        "title_too_long",
        "title_forbidden_chars",
        "title_repeated_words",
        "claim_fda",
        "claim_medical",
        "claim_pesticide",
        "missing_main_image",
        "suppressed",
    }
)
#: Key attributes by Amazon product type (as the Listings Items API names both). ``brand`` for
#: every type: a listing without one is search suppressed ("'[brand]' is required but not
#: supplied" in the suppressed-listings report). Apparel and shoes also need what Amazon's
#: search filters are built from (size, colour, department, material): a listing lacking them
#: drops out of filtered searches, and Amazon's apparel and shoe style guides require them.
#: Each entry is a tuple of alternatives (any one present is enough). Types not listed get
#: the common one only; Amazon's own MISSING_ATTRIBUTE issues add the rest.
_SIZE = ("size", "apparel_size", "shirt_size", "bottoms_size", "footwear_size")
_APPAREL = (("color",), _SIZE, ("department",), ("material", "fabric_type"))
KEY_ATTRIBUTES: dict[str, tuple[tuple[str, ...], ...]] = {
    "*": (("brand",),),
    "SHIRT": _APPAREL, "PANTS": _APPAREL, "DRESS": _APPAREL, "COAT": _APPAREL,
    "SWEATSHIRT": _APPAREL, "SHORTS": _APPAREL, "SKIRT": _APPAREL, "UNDERPANTS": _APPAREL,
    "SOCKS": _APPAREL, "SWIMWEAR": _APPAREL, "HAT": (("color",), _SIZE),
    "SHOES": (("color",), ("footwear_size", "size"), ("department",)),
    "BOOT": (("color",), ("footwear_size", "size"), ("department",)),
    "SANDAL": (("color",), ("footwear_size", "size"), ("department",)),
}  # fmt: skip


def missing_key_attributes(product_type: str | None, present: set[str]) -> list[str]:
    """Key attributes of the product type that ``present`` (attribute names) lacks; each
    named by its first spelling."""
    wanted = KEY_ATTRIBUTES["*"] + KEY_ATTRIBUTES.get((product_type or "").upper(), ())
    return [alts[0] for alts in wanted if not present.intersection(alts)]


_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Listing:
    """What sellerops knows of a listing; None means "not known" and skips those rules."""

    title: str | None
    marketplace_language: str = "en"  # the marketplace's language: en, de, ja, zh ...
    bullets: tuple[str, ...] | None = None
    image_count: int | None = None
    has_aplus: bool | None = None
    brand: str | None = None
    suppressed: bool | None = None
    description: str | None = None
    has_main_image: bool | None = None
    #: key attributes the listing lacks (names as Amazon spells them: brand, color ...)
    missing_attributes: tuple[str, ...] | None = None
    #: Amazon's reason for a suppression, when it gave one
    suppressed_reason: str | None = None
    #: messages of Amazon's ERROR issues other than missing attributes
    amazon_errors: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    detail: str  # the offending text, count or characters

    @property
    def suppresses(self) -> bool:
        return self.rule in SUPPRESSION_RULES


def check_listing(listing: Listing) -> list[Violation]:
    """Every rule the listing breaks, suppression-grade ones first."""
    found: list[Violation] = []
    if listing.suppressed:
        found.append(Violation("suppressed", listing.suppressed_reason or "listing suppressed"))
    if listing.title is not None:
        found += title_violations(listing.title, listing.brand, listing.marketplace_language)
    text = " ".join(t for t in (listing.title, *(listing.bullets or ()), listing.description) if t)
    if text:
        found += claim_violations(text)
    found += content_violations(listing)
    if listing.marketplace_language not in ("zh", "ja"):
        body = " ".join((*(listing.bullets or ()), listing.description or ""))
        chinese = chinese_text(body)
        if chinese:
            found.append(Violation("content_chinese_text", chinese))
    return sorted(found, key=lambda v: not v.suppresses)


def title_violations(title: str, brand: str | None = None, language: str = "en") -> list[Violation]:
    out = []
    text = unicodedata.normalize("NFC", title).strip()
    if len(text) > TITLE_MAX:
        out.append(Violation("title_too_long", f"{len(text)} > {TITLE_MAX}"))
    unbranded = text.replace(brand, "") if brand else text
    bad = sorted({c for c in unbranded if c in FORBIDDEN_TITLE_CHARS})
    if bad:
        out.append(Violation("title_forbidden_chars", " ".join(bad)))
    repeated = repeated_words(unbranded)
    if repeated:
        out.append(Violation("title_repeated_words", ", ".join(repeated)))
    if language not in ("zh", "ja"):
        chinese = chinese_text(text)
        if chinese:
            out.append(Violation("title_chinese_text", chinese))
    return out


def chinese_text(text: str) -> str | None:
    """The first run of Chinese characters in ``text`` (else its full-width punctuation)."""
    run = _CJK_RUN.search(text)
    if run:
        return run.group(0)[:20]
    wide = sorted({c for c in text if c in FULL_WIDTH_PUNCTUATION})
    return " ".join(wide) or None


def repeated_words(text: str) -> list[str]:
    """Words used more than twice (case-insensitive), articles and prepositions excepted."""
    counts = Counter(w.lower() for w in _WORD.findall(text))
    return sorted(w for w, n in counts.items() if n > 2 and w not in REPEAT_OK)


def claim_violations(text: str) -> list[Violation]:
    """Restricted claims anywhere in the title or bullets, one violation per rule."""
    out = []
    for rule, pattern in _CLAIM_RE.items():
        hits = sorted({m.group(0).strip() for m in pattern.finditer(text)})
        if hits:
            out.append(Violation(rule, ", ".join(hits)))
    return out


def content_violations(listing: Listing) -> list[Violation]:
    out = []
    if listing.bullets is not None and len(listing.bullets) < BULLETS_WANTED:
        out.append(Violation("too_few_bullets", f"{len(listing.bullets)} < {BULLETS_WANTED}"))
    if listing.image_count == 0 or listing.has_main_image is False:
        out.append(Violation("missing_main_image", f"{listing.image_count or 0} images"))
    elif listing.image_count is not None and listing.image_count < IMAGES_WANTED:
        out.append(Violation("too_few_images", f"{listing.image_count} < {IMAGES_WANTED}"))
    if listing.has_aplus is False:
        out.append(Violation("no_aplus", "no A+ content"))
    if listing.missing_attributes:
        out.append(Violation("missing_attributes", ", ".join(listing.missing_attributes)))
    if listing.amazon_errors:
        out.append(Violation("amazon_issue", "; ".join(listing.amazon_errors)[:300]))
    return out
