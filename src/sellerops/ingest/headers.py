"""Header normalisation: the spellings of one column in real files compare equal.

Real files disagree on case (``Mobile APP`` / ``Mobile App``, ``Units ordered``), dashes
(``Sessions – Total``), spaces, and full-width brackets (``（子）ASIN``). Headers are compared
only through :func:`normalize_header`, both the file's and the registry's.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_INVISIBLE = {ord(c): None for c in "\ufeff\u200b\u200c\u200d\u2060"}
_AROUND_PUNCT = re.compile(r"\s*([-()])\s*")


def normalize_header(name: str) -> str:
    """A comparison key: NFKC (full-width -> ASCII), dashes -> ``-``, case-folded, no
    spaces around ``-`` and brackets, inner runs of spaces collapsed, stray quotes dropped.

    ``"Page Views Percentage – Mobile APP - B2B "`` -> ``"page views percentage-mobile app-b2b"``.
    """
    text = unicodedata.normalize("NFKC", name.translate(_INVISIBLE))
    text = text.translate(_DASHES).casefold().strip().strip('"').strip()
    text = " ".join(text.split())
    return _AROUND_PUNCT.sub(r"\1", text)
