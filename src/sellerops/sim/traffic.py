"""Sessions and page views per child ASIN and day, split by mobile app / browser and B2B.

Realised from the expected traffic after the store ran, because stock matters: an out-of-stock
page ("Currently unavailable") drops in search and gets fewer visits. Every order item needs a
session, so sessions are never fewer than order items (B2B likewise).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: Share of usual traffic an out-of-stock detail page still gets.
OUT_OF_STOCK_TRAFFIC = 0.6


@dataclass(slots=True)
class Traffic:
    sessions_app: NDArray[np.int32]
    sessions_browser: NDArray[np.int32]
    sessions_app_b2b: NDArray[np.int32]
    sessions_browser_b2b: NDArray[np.int32]
    page_views_app: NDArray[np.int32]
    page_views_browser: NDArray[np.int32]
    page_views_app_b2b: NDArray[np.int32]
    page_views_browser_b2b: NDArray[np.int32]

    @property
    def sessions(self) -> NDArray[np.int32]:
        return self.sessions_app + self.sessions_browser

    @property
    def sessions_b2b(self) -> NDArray[np.int32]:
        return self.sessions_app_b2b + self.sessions_browser_b2b

    @property
    def page_views(self) -> NDArray[np.int32]:
        return self.page_views_app + self.page_views_browser

    @property
    def page_views_b2b(self) -> NDArray[np.int32]:
        return self.page_views_app_b2b + self.page_views_browser_b2b


def make_traffic(
    expected: NDArray[np.float32],
    available: NDArray[np.int32],
    order_items: NDArray[np.int32],
    order_items_b2b: NDArray[np.int32],
    b2b_share: NDArray[np.float64],
    rng: np.random.Generator,
) -> Traffic:
    """``expected`` sessions [sku, day] -> realised sessions and page views."""
    n = expected.shape[0]
    lam = np.where(available > 0, expected, expected * np.float32(OUT_OF_STOCK_TRAFFIC))
    sessions = np.maximum(rng.poisson(lam), order_items).astype(np.int64)
    app = rng.binomial(sessions, rng.uniform(0.55, 0.72, size=(n, 1)))
    browser = sessions - app
    b2b = rng.binomial(sessions, np.minimum(b2b_share * 1.3, 0.5)[:, None])
    b2b = np.minimum(np.maximum(b2b, order_items_b2b), sessions)
    # B2B sessions are a subset of each channel's sessions, split like all sessions.
    b2b_app = np.clip(_share_of(b2b, app, sessions), np.maximum(b2b - browser, 0), app)
    b2b_browser = b2b - b2b_app
    extra = rng.poisson(sessions * np.float32(0.45))  # page views beyond the first per session
    extra_app = _share_of(extra, app, sessions)
    pv_app, pv_browser = app + extra_app, browser + extra - extra_app
    pv_app_b2b = b2b_app + _share_of(extra_app, b2b_app, app)
    pv_browser_b2b = b2b_browser + _share_of(extra - extra_app, b2b_browser, browser)
    i32 = np.int32
    return Traffic(
        sessions_app=app.astype(i32),
        sessions_browser=browser.astype(i32),
        sessions_app_b2b=b2b_app.astype(i32),
        sessions_browser_b2b=b2b_browser.astype(i32),
        page_views_app=pv_app.astype(i32),
        page_views_browser=pv_browser.astype(i32),
        page_views_app_b2b=pv_app_b2b.astype(i32),
        page_views_browser_b2b=pv_browser_b2b.astype(i32),
    )


def _share_of(
    extra: NDArray[np.int64], part: NDArray[np.int64], whole: NDArray[np.int64]
) -> NDArray[np.int64]:
    """``extra`` split in proportion part / whole, floored (no draw: it is bookkeeping)."""
    return extra * part // np.maximum(whole, 1)
