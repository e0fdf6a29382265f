"""Exact money: Decimal in Python, NUMERIC in the database, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision
from sqlalchemy import Numeric

#: Column type for amounts: 18 digits, 4 after the point (fees are quoted to 4 places).
Money = Numeric(18, 4, asdecimal=True)
#: Column type for rates and fractions (0.1234 = 12.34 %).
Rate = Numeric(12, 6, asdecimal=True)

ZERO = Decimal(0)


def to_decimal(value: object) -> Decimal:
    """Convert an int, str or Decimal exactly; floats go through their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit (2 places for USD, 0 for JPY), half up."""
    places = get_currency_precision(currency)
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
