"""Listing-quality rules as pure functions over a listing's text and counts.

Sources: Amazon's product title requirements (effective January 2025: at most 200
characters including spaces; none of ``! $ ? _ { } ^ ¬ ¦`` unless part of the brand; no word
more than twice, articles, prepositions and conjunctions excepted), the listing style
guides (five bullet points, at least six images, A+ content for brand owners), and the
restricted-claims policies (no medical/disease claims, no pesticide claims such as
"antibacterial" on non-registered products, no "FDA approved", no promotional or ranking
claims such as "best seller", "#1", "free shipping"). Chinese-authored listings are checked
for the same claims written in Chinese and for full-width punctuation or Chinese text left
in a listing for a non-Chinese marketplace.

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
FULL_WIDTH_PUNCTUATION = frozenset("，。！？【】（）：；、“”‘’《》")
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
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
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
        found.append(Violation("suppressed", "listing suppressed"))
    if listing.title is not None:
        found += title_violations(listing.title, listing.brand, listing.marketplace_language)
        text = " ".join((listing.title, *(listing.bullets or ())))
        found += claim_violations(text)
    found += content_violations(listing)
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
        wide = sorted({c for c in text if c in FULL_WIDTH_PUNCTUATION})
        if wide or _CJK.search(text):
            out.append(Violation("title_chinese_text", " ".join(wide) or _CJK.findall(text)[0]))
    return out


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
    if listing.image_count is not None:
        if listing.image_count == 0:
            out.append(Violation("missing_main_image", "0"))
        elif listing.image_count < IMAGES_WANTED:
            out.append(Violation("too_few_images", f"{listing.image_count} < {IMAGES_WANTED}"))
    if listing.has_aplus is False:
        out.append(Violation("no_aplus", "no A+ content"))
    return out
