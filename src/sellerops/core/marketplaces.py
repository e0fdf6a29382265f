"""Amazon marketplaces: id, country, currency, time zone and default language.

Marketplace ids are Amazon's public identifiers (SP-API "Marketplace IDs" table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Marketplace:
    code: str
    marketplace_id: str
    country: str
    currency: str
    time_zone: str
    language: str
    domain: str

    @property
    def sales_channel(self) -> str:
        """The value of ``sales-channel`` in order reports, e.g. ``Amazon.com``."""
        return "Amazon." + self.domain.removeprefix("amazon.")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local_date(self, moment: datetime) -> date:
        """The marketplace-local calendar date of a timezone-aware moment."""
        return moment.astimezone(self.tz).date()


MARKETPLACES: dict[str, Marketplace] = {
    m.code: m
    for m in (
        Marketplace(
            "US",
            "ATVPDKIKX0DER",
            "United States",
            "USD",
            "America/Los_Angeles",
            "en_US",
            "amazon.com",
        ),
        Marketplace(
            "CA", "A2EUQ1WTGCTBG2", "Canada", "CAD", "America/Los_Angeles", "en_CA", "amazon.ca"
        ),
        Marketplace(
            "MX", "A1AM78C64UM0Y8", "Mexico", "MXN", "America/Los_Angeles", "es_MX", "amazon.com.mx"
        ),
        Marketplace(
            "BR", "A2Q3Y263D00KWC", "Brazil", "BRL", "America/Sao_Paulo", "pt_BR", "amazon.com.br"
        ),
        Marketplace(
            "UK",
            "A1F83G8C2ARO7P",
            "United Kingdom",
            "GBP",
            "Europe/London",
            "en_GB",
            "amazon.co.uk",
        ),
        Marketplace(
            "DE", "A1PA6795UKMFR9", "Germany", "EUR", "Europe/Berlin", "de_DE", "amazon.de"
        ),
        Marketplace("FR", "A13V1IB3VIYZZH", "France", "EUR", "Europe/Paris", "fr_FR", "amazon.fr"),
        Marketplace("IT", "APJ6JRA9NG5V4", "Italy", "EUR", "Europe/Rome", "it_IT", "amazon.it"),
        Marketplace("ES", "A1RKKUPIHCS9HS", "Spain", "EUR", "Europe/Madrid", "es_ES", "amazon.es"),
        Marketplace(
            "NL", "A1805IZSGTT6HS", "Netherlands", "EUR", "Europe/Amsterdam", "nl_NL", "amazon.nl"
        ),
        Marketplace(
            "SE", "A2NODRKZP88ZB9", "Sweden", "SEK", "Europe/Stockholm", "sv_SE", "amazon.se"
        ),
        Marketplace("PL", "A1C3SOZRARQ6R3", "Poland", "PLN", "Europe/Warsaw", "pl_PL", "amazon.pl"),
        Marketplace(
            "BE", "AMEN7PMS3EDWL", "Belgium", "EUR", "Europe/Brussels", "fr_BE", "amazon.com.be"
        ),
        Marketplace("JP", "A1VC38T7YXB528", "Japan", "JPY", "Asia/Tokyo", "ja_JP", "amazon.co.jp"),
        Marketplace(
            "AU", "A39IBJ37TRP1C6", "Australia", "AUD", "Australia/Sydney", "en_AU", "amazon.com.au"
        ),
        Marketplace("IN", "A21TJRUUN4KGV", "India", "INR", "Asia/Kolkata", "en_IN", "amazon.in"),
        Marketplace(
            "AE",
            "A2VIGQ35RCS4UG",
            "United Arab Emirates",
            "AED",
            "Asia/Dubai",
            "en_AE",
            "amazon.ae",
        ),
        Marketplace(
            "SA", "A17E79C6D8DWNP", "Saudi Arabia", "SAR", "Asia/Riyadh", "ar_SA", "amazon.sa"
        ),
        Marketplace(
            "SG", "A19VAU5U5O7RUS", "Singapore", "SGD", "Asia/Singapore", "en_SG", "amazon.sg"
        ),
        Marketplace(
            "TR", "A33AVAJ2PDY3EV", "Turkey", "TRY", "Europe/Istanbul", "tr_TR", "amazon.com.tr"
        ),
        Marketplace("EG", "ARBP9OOSHTCHU", "Egypt", "EGP", "Africa/Cairo", "ar_EG", "amazon.eg"),
        Marketplace(
            "ZA",
            "AE08WJ6YKNBMC",
            "South Africa",
            "ZAR",
            "Africa/Johannesburg",
            "en_ZA",
            "amazon.co.za",
        ),
        Marketplace(
            "IE", "A28R8C7NBKEWEA", "Ireland", "EUR", "Europe/Dublin", "en_IE", "amazon.ie"
        ),
    )
}

_BY_CHANNEL = {m.sales_channel.lower(): m for m in MARKETPLACES.values()}
_BY_ID = {m.marketplace_id: m for m in MARKETPLACES.values()}
_ALIASES = {"GB": "UK"}


class UnknownMarketplaceError(ValueError):
    pass


def get_marketplace(code: str) -> Marketplace:
    """Look a marketplace up by code (``US``, ``UK``/``GB``), Amazon id or sales channel."""
    key = code.strip()
    upper = _ALIASES.get(key.upper(), key.upper())
    if upper in MARKETPLACES:
        return MARKETPLACES[upper]
    if key in _BY_ID:
        return _BY_ID[key]
    if key.lower() in _BY_CHANNEL:
        return _BY_CHANNEL[key.lower()]
    known = ", ".join(MARKETPLACES)
    raise UnknownMarketplaceError(f"unknown marketplace {code!r}; known codes: {known}")


def by_sales_channel(channel: str) -> Marketplace | None:
    """``Amazon.com`` -> US; ``Non-Amazon`` and other channels -> None."""
    return _BY_CHANNEL.get(channel.strip().lower())
