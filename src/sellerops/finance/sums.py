"""Exact sums of money columns on SQLite and PostgreSQL.

SQLite has no decimal type: a NUMERIC column holds an amount as a REAL (a binary float), and
``SUM`` adds those floats, so a sum of many lines carries the float's rounding error (0.1
added ten times is 0.9999999999999999). Each stored amount still reads back exactly (the
Money type keeps 4 places, and a float holds 15 significant digits), so the exact sum is
the sum of the amounts as whole ten-thousandths: ``SUM(CAST(ROUND(amount * 10000) AS
BIGINT))`` is an integer sum on both databases, exact up to 900 billion in the currency.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, cast, func
from sqlalchemy.sql.elements import ColumnElement

#: Money columns keep 4 places (``core.money.Money``).
SCALE = 4
_FACTOR = 10**SCALE


def money_sum(column: Any) -> ColumnElement[Any]:
    """``SUM(column)`` as an exact integer count of ten-thousandths: read it with
    :func:`from_sum`."""
    return func.sum(cast(func.round(column * _FACTOR), BigInteger))


def from_sum(value: Any) -> Decimal:
    """The Decimal amount of a :func:`money_sum` (None, for no rows, is zero)."""
    if value is None:
        return Decimal(0)
    return Decimal(int(value)).scaleb(-SCALE)
