"""Where simulated orders ship to, and how order ids look, per marketplace.

Cities are real places with plausible postal codes; no person is named anywhere (the order
reports the simulator writes carry no buyer names, as Amazon's own flat files no longer do).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    city: str
    state: str
    postal: str  # full code, or the US ZIP5 to which a +4 may be appended
    weight: float  # relative share of orders
    tax_rate: float  # US sales tax collected by Amazon; 0 elsewhere (VAT is in the price)


_US = (
    Place("NEW YORK", "NY", "10025", 8, 0.08875),
    Place("BROOKLYN", "NY", "11215", 6, 0.08875),
    Place("LOS ANGELES", "CA", "90019", 8, 0.095),
    Place("SAN DIEGO", "CA", "92115", 4, 0.0775),
    Place("SAN JOSE", "CA", "95123", 3, 0.09375),
    Place("CHICAGO", "IL", "60614", 6, 0.1025),
    Place("HOUSTON", "TX", "77024", 6, 0.0825),
    Place("AUSTIN", "TX", "78745", 3, 0.0825),
    Place("KERRVILLE", "TX", "78028", 1, 0.0825),
    Place("PHOENIX", "AZ", "85032", 4, 0.086),
    Place("PHILADELPHIA", "PA", "19103", 4, 0.08),
    Place("JACKSONVILLE", "FL", "32210", 3, 0.075),
    Place("MIAMI", "FL", "33165", 4, 0.07),
    Place("COLUMBUS", "OH", "43215", 3, 0.075),
    Place("CHARLOTTE", "NC", "28205", 3, 0.0725),
    Place("INDIANAPOLIS", "IN", "46220", 2, 0.07),
    Place("SEATTLE", "WA", "98103", 3, 0.1025),
    Place("DENVER", "CO", "80209", 3, 0.0881),
    Place("BOSTON", "MA", "02130", 3, 0.0625),
    Place("NASHVILLE", "TN", "37206", 2, 0.0925),
    Place("PORTLAND", "OR", "97202", 2, 0.0),
    Place("ATLANTA", "GA", "30306", 3, 0.089),
    Place("MINNEAPOLIS", "MN", "55408", 2, 0.08025),
    Place("BURBANK", "IL", "60459", 1, 0.1025),
    Place("SALT LAKE CITY", "UT", "84105", 1, 0.0775),
    Place("ANCHORAGE", "AK", "99504", 0.5, 0.0),
)
_CA = (
    Place("TORONTO", "ON", "M5V 2T6", 5, 0),
    Place("MONTREAL", "QC", "H2X 1Y4", 3, 0),
    Place("VANCOUVER", "BC", "V6B 1A1", 3, 0),
    Place("CALGARY", "AB", "T2P 1J9", 2, 0),
)
_UK = (
    Place("LONDON", "", "SW1A 1AA", 6, 0),
    Place("MANCHESTER", "", "M1 1AE", 3, 0),
    Place("BIRMINGHAM", "", "B1 1BB", 3, 0),
    Place("GLASGOW", "", "G1 1XQ", 2, 0),
    Place("LEEDS", "", "LS1 4DY", 2, 0),
)
_DE = (
    Place("Berlin", "Berlin", "10115", 5, 0),
    Place("Hamburg", "Hamburg", "20095", 3, 0),
    Place("München", "Bayern", "80331", 3, 0),
    Place("Köln", "Nordrhein-Westfalen", "50667", 3, 0),
    Place("Frankfurt am Main", "Hessen", "60311", 2, 0),
)
_FR = (
    Place("Paris", "", "75011", 5, 0),
    Place("Lyon", "", "69003", 2, 0),
    Place("Marseille", "", "13001", 2, 0),
)
_IT = (Place("Milano", "MI", "20121", 4, 0), Place("Roma", "RM", "00184", 4, 0))
_ES = (Place("Madrid", "Madrid", "28013", 4, 0), Place("Barcelona", "Barcelona", "08001", 3, 0))
_JP = (
    Place("Shinjuku-ku", "Tokyo", "160-0022", 5, 0),
    Place("Osaka-shi", "Osaka", "530-0001", 3, 0),
    Place("Yokohama-shi", "Kanagawa", "220-0011", 3, 0),
)

PLACES: dict[str, tuple[Place, ...]] = {
    "US": _US,
    "CA": _CA,
    "UK": _UK,
    "DE": _DE,
    "FR": _FR,
    "IT": _IT,
    "ES": _ES,
    "JP": _JP,
}

#: First group of amazon-order-id by marketplace (US ids start 111-114, EU 302-306 or 028...).
ORDER_PREFIXES: dict[str, tuple[int, ...]] = {
    "US": (111, 112, 113, 114),
    "CA": (701, 702),
    "MX": (701, 702),
    "BR": (701, 702),
    "UK": (202, 203, 204, 205, 206),
    "JP": (249, 250, 503),
    "AU": (249, 250, 503),
    "IN": (402, 403, 404, 405, 406, 407, 408),
}
EU_PREFIXES = (302, 303, 304, 305, 306, 28)


_UNKNOWN = (Place("", "", "", 1.0, 0.0),)


def places_for(code: str) -> tuple[Place, ...]:
    """Ship-to places of a marketplace; empty fields where the simulator has no list."""
    return PLACES.get(code, _UNKNOWN)


def ship_country(code: str) -> str:
    """ISO country code used in ``ship-country`` (the UK marketplace ships to GB)."""
    return "GB" if code == "UK" else code


def prefixes_for(code: str) -> tuple[int, ...]:
    return ORDER_PREFIXES.get(code, EU_PREFIXES)
