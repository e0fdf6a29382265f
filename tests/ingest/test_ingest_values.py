"""The number, date and flag parsers: exact values, typed errors, and round trips."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerops.ingest import values as v


@pytest.mark.parametrize(
    ("text", "value", "symbol"),
    [
        ("US$1,234.56", "1234.56", "US$"),
        ("$1,234.56", "1234.56", "$"),
        ("1.234,56 €", "1234.56", "€"),
        ("5.255,61 €", "5255.61", "€"),
        ("￥1,234", "1234", "￥"),
        ("₹12,345.00", "12345.00", "₹"),
        ("₹1,23,456.00", "123456.00", "₹"),
        ("£3.50", "3.50", "£"),
        ("-1,052.64", "-1052.64", None),
        ("$-39.99", "-39.99", "$"),
        ("-$39.99", "-39.99", "$"),
        ("$ 0.35", "0.35", "$"),
        ("1 234,56 €", "1234.56", "€"),
        ("1.234 €", "1234", "€"),
        ("14.0", "14.0", None),
        ("0.125", "0.125", None),
        ("1,234 USD", "1234", "USD"),
    ],
)
def test_amounts_are_read_exactly_with_their_currency_mark(
    text: str, value: str, symbol: str | None
) -> None:
    assert v.parse_amount(text) == v.Amount(Decimal(value), symbol)


def test_a_lone_separator_before_three_digits_follows_the_documented_convention() -> None:
    assert v.parse_decimal("1,234") == Decimal("1234")
    assert v.parse_decimal("1.234") == Decimal("1.234")
    assert v.parse_decimal("1,234", decimal_comma=True) == Decimal("1.234")
    assert v.parse_decimal("12,34") == Decimal("12.34")
    assert v.parse_decimal("0,125") == Decimal("0.125")


@pytest.mark.parametrize(
    "text", ["abc", "1.2.3", "12,34,5", "$$1", "1e5", "NaN", "1,2345.00", "XX 1"]
)
def test_what_is_not_an_amount_raises_a_typed_error(text: str) -> None:
    with pytest.raises(v.AmountFormatError, match="expected an amount"):
        v.parse_amount(text)


def test_percentages_become_fractions_and_plain_numbers_already_are() -> None:
    assert v.parse_percent("12.34%") == Decimal("0.1234")
    assert v.parse_percent("12,5 %") == Decimal("0.125")
    assert v.parse_percent("0.0935%") == Decimal("0.000935")
    assert v.parse_percent("0.125") == Decimal("0.125")
    with pytest.raises(v.PercentFormatError):
        v.parse_percent("$12.34")


def test_whole_numbers_accept_thousands_separators_only() -> None:
    assert v.parse_int("1,234") == 1234
    assert v.parse_int("1.234") == 1234
    assert v.parse_int("1 234 567") == 1234567
    assert v.parse_int("-5") == -5
    for bad in ("1.5", "abc", "$3", "12%"):
        expected = re.escape(f'expected a whole number, got "{bad}"')
        with pytest.raises(v.WholeNumberError, match=expected):
            v.parse_int(bad)


def test_dates_in_the_four_unambiguous_forms() -> None:
    for text in ("2026-11-26", "11/26/2026", "26.11.2026", "2026/11/26"):
        assert v.parse_date(text) == date(2026, 11, 26)
    for bad in ("13/01/2026", "2026-02-30", "Nov 26, 2026", "26/11/26"):
        with pytest.raises(v.DateFormatError):
            v.parse_date(bad)


def test_timestamps_need_a_utc_offset() -> None:
    assert v.parse_timestamp("2022-07-18T18:52:47+00:00") == datetime(
        2022, 7, 18, 18, 52, 47, tzinfo=UTC
    )
    assert v.parse_timestamp("2017-12-01T00:38:23-08:00").utcoffset() == timedelta(hours=-8)
    assert v.parse_timestamp("2026-11-26T08:15:00Z").tzinfo is not None
    for bad in ("2026-11-26T08:15:00", "Dec 1, 2017 12:38:23 AM PST", "2026-11-26"):
        with pytest.raises(v.TimestampFormatError):
            v.parse_timestamp(bad)


def test_flags_and_asins() -> None:
    assert v.parse_flag("Yes") is True
    assert v.parse_flag("false") is False
    with pytest.raises(v.FlagFormatError, match="expected Yes or No"):
        v.parse_flag("Maybe")
    assert v.parse_asin("b0child001") == "B0CHILD001"
    assert v.parse_asin("123456789") == "0123456789"  # a spreadsheet dropped the leading zero
    with pytest.raises(v.AsinFormatError):
        v.parse_asin("1.23457E+09")


def test_currency_marks_resolve_against_the_store_marketplace() -> None:
    assert v.currency_for("US$", "USD") == "USD"
    assert v.currency_for("$", "USD") == "USD"
    assert v.currency_for("$", "CAD") == "CAD"
    assert v.currency_for("US$", "CAD") == "USD"
    assert v.currency_for(None, "EUR") == "EUR"
    assert v.currency_for("€", "EUR") == "EUR"
    assert v.currency_for("￥", "JPY") == "JPY"


# Round trips: whatever a seller file could print, parsing gives the number back.

cents = st.decimals(
    min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2
).filter(lambda d: d.is_finite())


def _group(digits: str, sep: str, indian: bool = False) -> str:
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if indian else 3
    groups = []
    while head:
        groups.insert(0, head[-size:])
        head = head[:-size]
    return sep.join([*groups, tail])


def _format(amount: Decimal, style: str) -> str:
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):.2f}".partition(".")
    if style == "us":
        return f"{sign}${_group(whole, ',')}.{frac}"
    if style == "cn":
        return f"{sign}US${_group(whole, ',')}.{frac}"
    if style == "de":
        return f"{sign}{_group(whole, '.')},{frac} €"
    if style == "fr":
        return f"{sign}{_group(whole, chr(0x202F))},{frac} €"
    if style == "in":
        return f"{sign}₹{_group(whole, ',', indian=True)}.{frac}"
    return f"{sign}{whole}.{frac}"  # flat file


@given(cents, st.sampled_from(["us", "cn", "de", "fr", "in", "flat"]))
def test_any_formatted_amount_parses_back_to_itself(amount: Decimal, style: str) -> None:
    assert v.parse_amount(_format(amount, style)).value == amount


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from([",", ".", " ", ""]))
def test_any_grouped_whole_number_parses_back_to_itself(number: int, sep: str) -> None:
    text = ("-" if number < 0 else "") + _group(str(abs(number)), sep)
    assert v.parse_int(text) == number


@given(st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000"), places=2))
def test_any_printed_percentage_parses_back_to_its_fraction(pct: Decimal) -> None:
    assert v.parse_percent(f"{pct}%") == pct / 100


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_any_date_parses_back_in_every_form(day: date) -> None:
    for text in (day.isoformat(), day.strftime("%m/%d/%Y"), day.strftime("%d.%m.%Y")):
        assert v.parse_date(text) == day


@given(st.datetimes(timezones=st.just(timezone(timedelta(hours=-7)))))
def test_any_iso_timestamp_parses_back(moment: datetime) -> None:
    assert v.parse_timestamp(moment.isoformat()) == moment
