"""The review's totals line (``sellerops review``) gives conversion and its change in percentage
points, as the Today page and the reports do, in both languages."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.daily import present
from sellerops.daily.service import Review
from tests import factories as f
from tests.factories import AS_OF


def test_the_totals_line_gives_conversion_changes_in_points(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        # 11 % today, 10 % the day before, 12.5 % the same weekday last week
        for back, units, sessions in ((0, 11, 100), (1, 10, 100), (7, 10, 80)):
            f.traffic(s, store, "B0CONV0001", AS_OF - timedelta(days=back), units=units,
                      sessions=sessions)  # fmt: skip
        s.flush()
        review = Review(store=store, as_of=AS_OF, items=[])
        en = present.totals_line(session=s, review=review, lang="en")
        zh = present.totals_line(session=s, review=review, lang="zh")
    assert en is not None and zh is not None
    assert "conversion 11% (+1 pp vs day before, -1.5 pp vs same weekday last week)" in en
    assert "转化率 11%（环比前一天 +1 个百分点，较上周同日 -1.5 个百分点）" in zh
