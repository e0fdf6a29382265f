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


# Words of the French, Italian and Spanish seller interfaces' report headers that English,
# German and each other's headers do not use (no column mapping is made of them: they only
# tell a header's language, for the message refusing a report whose language sellerops does
# not know yet). Shared words ("total", "sessions", "pages", "de") tell nothing and are left
# out; the first four of each are the words of the ASIN, title, sessions and page views
# columns of a Business Report.
_LANGUAGE_WORDS: dict[str, frozenset[str]] = {
    "French": frozenset(
        {
            "enfant",
            "titre",
            "vues",
            "unités",
            "commandées",
            "commandés",
            "chiffre",
            "affaires",
            "nombre",
            "pourcentage",
            "vedette",
            "offre",
            "produits",
            "taux",
            "navigateur",
            "appli",
            "unité",
            "séances",
            "séance",
            "ventes",
            "articles",
            "commandé",
            "achat",
            "d'affaires",
            "d'articles",
            "l'offre",
            "d'unités",
            "du",
            "moyen",
            "moyenne",
        }
    ),
    "Italian": frozenset(
        {
            "figlio",
            "padre",
            "titolo",
            "sessioni",
            "visualizzazioni",
            "pagina",
            "unità",
            "ordinate",
            "ordinati",
            "vendite",
            "prodotti",
            "totale",
            "percentuale",
            "offerta",
            "evidenza",
            "numero",
            "articoli",
            "della",
            "delle",
            "dei",
            "degli",
            "di",
            "sessione",
            "ordine",
        }
    ),
    "Spanish": frozenset(
        {
            "hijo",
            "título",
            "sesiones",
            "vistas",
            "página",
            "unidades",
            "encargadas",
            "pedidas",
            "ventas",
            "productos",
            "pedidos",
            "artículos",
            "porcentaje",
            "ofertas",
            "destacadas",
            "sesión",
            "encargados",
            "destacada",
            "oferta",
        }
    ),
}
#: Words of the sessions and page views columns of a Business Report, in the interface
#: languages above and English (``Sessions``, ``Sessioni``, ``Visualizzazioni di pagina``,
#: ``Pages vues``, ``Vistas de página``).
_TRAFFIC_WORDS = frozenset(
    {
        "sessions",
        "session",
        "sessioni",
        "sessione",
        "sesiones",
        "sesión",
        "séances",
        "séance",
        "visualizzazioni",
        "vues",
        "vistas",
        "views",
    }
)


def looks_like_business_report(header: list[str]) -> bool:
    """Whether a header has a Business Report's ASIN columns and its sessions or page views
    columns, in whichever language: what tells one whose language sellerops does not read
    from another report with an ASIN column."""
    words = set()
    for name in header:
        words |= set(_WORD.findall(unicodedata.normalize("NFKC", name).casefold()))
    return "asin" in words and bool(words & _TRAFFIC_WORDS)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def interface_language(header: list[str]) -> str | None:
    """The interface language a header row is in, when its words say French, Italian or
    Spanish (at least two header cells with words of that language, more than of the
    others); None otherwise (English, German, Chinese ... or too few words to tell)."""
    found = dict.fromkeys(_LANGUAGE_WORDS, 0)
    for name in header:
        words = set(_WORD.findall(unicodedata.normalize("NFKC", name).casefold()))
        words |= {w.split("'")[-1] for w in words if "'" in w}
        for language, vocabulary in _LANGUAGE_WORDS.items():
            found[language] += bool(words & vocabulary)
    ranked = sorted(found.items(), key=lambda item: item[1], reverse=True)
    (best, score), (_, second) = ranked[0], ranked[1]
    return best if score >= 2 and score > second else None
