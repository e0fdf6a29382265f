"""Moments and decimal marks as Seller Central writes them in each display language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from sellerops.ingest.localized import (
    MomentFormatError,
    parse_moment,
    sniff_day_first,
    sniff_decimal_comma,
)

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("Dec 1, 2017 12:38:23 AM PST", datetime(2017, 12, 1, 8, 38, 23)),  # US
        ("Dec 1, 2017 12:38:23 a.m. PST", datetime(2017, 12, 1, 8, 38, 23)),  # Canada
        ("Mar 3, 2021 1:02:03 p.m. PDT", datetime(2021, 3, 3, 20, 2, 3)),
        ("15 Mar 2026 3:22:08 PM UTC", datetime(2026, 3, 15, 15, 22, 8)),  # UK
        ("01.03.2026 00:15:04 UTC", datetime(2026, 3, 1, 0, 15, 4)),  # DE
        ("3 März 2021 01:02:03 MEZ", datetime(2021, 3, 3, 0, 2, 3)),
        ("1 déc. 2017 00:38:23 UTC", datetime(2017, 12, 1, 0, 38, 23)),  # FR
        ("1 de dic. de 2017 0:38:23 GMT+9", datetime(2017, 11, 30, 15, 38, 23)),  # ES
        ("2 mars 2021 23:10:00 GMT+01:00", datetime(2021, 3, 2, 22, 10)),
        ("2017/12/01 0:38:23JST", datetime(2017, 11, 30, 15, 38, 23)),  # JP
        ("2021年3月1日 下午3:22:08 PST", datetime(2021, 3, 1, 23, 22, 8)),  # Chinese UI
        ("2021/3/1 上午12:15:04 PST", datetime(2021, 3, 1, 8, 15, 4)),
        ("2026-09-01 07:00:00 UTC", datetime(2026, 9, 1, 7)),  # settlement, NA
        ("2015-12-02T03:27:08+00:00", datetime(2015, 12, 2, 3, 27, 8)),  # flat files
    ],
)
def test_moments_in_every_language_come_out_in_utc(text: str, utc: datetime) -> None:
    assert parse_moment(text).utc(LOS_ANGELES) == utc.replace(tzinfo=UTC)


def test_a_moment_without_a_zone_is_in_the_marketplace_s_time() -> None:
    moment = parse_moment("Nov 20, 2026 11:30:00 PM")
    assert moment.utc(LOS_ANGELES) == datetime(2026, 11, 21, 7, 30, tzinfo=UTC)
    assert moment.local_day(LOS_ANGELES) == date(2026, 11, 20)


def test_a_bare_date_is_a_day_without_a_moment() -> None:
    moment = parse_moment("05.03.2026")
    assert (moment.has_time, moment.utc(BERLIN), moment.local_day(BERLIN)) == (
        False, None, date(2026, 3, 5),
    )  # fmt: skip
    assert moment.instant(BERLIN) == datetime(2026, 3, 4, 23, tzinfo=UTC)


def test_the_day_order_of_slashed_dates_is_the_caller_s_unless_a_part_tells() -> None:
    assert parse_moment("09/06/25").local_day(UTC) == date(2025, 9, 6)
    assert parse_moment("09/06/25", day_first=True).local_day(UTC) == date(2025, 6, 9)
    assert parse_moment("25/06/2025").local_day(UTC) == date(2025, 6, 25)
    assert sniff_day_first(["01/02/2026", "25/06/2025"]) is True
    assert sniff_day_first(["06/25/2025"]) is False
    assert sniff_day_first(["01/02/2026"]) is None


@pytest.mark.parametrize(
    "text",
    ["abc", "Dec 1, 2017 25:00:00 PST", "Foo 1, 2017 1:00:00", "13/13/2020", "2017-12-01 12:00 XYZ",
     "Nov 31, 2026 8:00:00 AM PST", "Dec 1, 2017 13:00:00 PM"],
)  # fmt: skip
def test_what_is_not_a_moment_is_an_error_saying_what_was_expected(text: str) -> None:
    with pytest.raises(MomentFormatError, match="expected a date and time like"):
        parse_moment(text)


def test_a_file_s_decimal_mark_is_decided_by_the_values_that_tell() -> None:
    assert sniff_decimal_comma(["57.96", "-1,052.64", "0"]) is False
    assert sniff_decimal_comma(["5.255,61 €", "1234,56"]) is True
    assert sniff_decimal_comma(["1.234.567"]) is True
    assert sniff_decimal_comma(["1,234", "0", "12"]) is None
    assert sniff_decimal_comma(["1,50", "2.50"]) is None  # contradicting: the caller decides
