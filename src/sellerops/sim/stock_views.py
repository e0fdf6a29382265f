"""Stock figures derived after the day loop: inbound stages, unfulfillable units, PO days."""

from __future__ import annotations

from datetime import date

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.orders import OrderTable
from sellerops.sim.returns import DISPOSITIONS, ReturnTable
from sellerops.sim.store import HORIZON, PurchaseOrders, StockTrace


def pipeline_stages(pos: PurchaseOrders, n: int, t_all: int) -> list[NDArray[np.int32]]:
    """Units per [sku, day] in production, inbound working, shipped and receiving."""
    out = []
    width = t_all + HORIZON + 1
    for start, end in (
        (pos.created, pos.working),
        (pos.working, pos.shipped),
        (pos.shipped, pos.arrived),
        (pos.arrived, pos.done),
    ):
        delta = np.zeros((n, width), dtype=np.int64)
        np.add.at(delta, (pos.sku, np.minimum(start, width - 1)), pos.qty)
        np.add.at(delta, (pos.sku, np.minimum(end, width - 1)), -pos.qty)
        out.append(np.cumsum(delta, axis=1)[:, :t_all].astype(np.int32))
    return out


def unfulfillable_units(
    stock: StockTrace,
    returns: ReturnTable,
    orders: OrderTable,
    dates: list[date],
    rng: np.random.Generator,
) -> NDArray[np.int32]:
    """Damaged-in-warehouse plus unsellable customer returns, minus removal orders.

    The operator removes all unfulfillable units of a SKU on the first of most months.
    """
    n, t_all = stock.damaged.shape
    added = stock.damaged.astype(np.int64)
    unsellable = returns.disposition != DISPOSITIONS.index("SELLABLE")
    window0 = t_all - len(dates)
    sku = orders.item_sku[returns.item]
    np.add.at(added, (sku[unsellable], returns.day[unsellable] + window0), returns.qty[unsellable])
    total = np.cumsum(added, axis=1)
    first_of_month = np.zeros(t_all, dtype=bool)
    first_of_month[window0:] = [d.day == 1 for d in dates]
    removal = first_of_month[None, :] & (rng.random((n, t_all)) < 0.6)
    t = np.arange(t_all)
    last = np.maximum.accumulate(np.where(removal, t, -1), axis=1)
    before = np.where(last >= 1, total[np.arange(n)[:, None], np.maximum(last - 1, 0)], 0)
    return (total - before).astype(np.int32)


def shift_days(pos: PurchaseOrders, days: int) -> PurchaseOrders:
    return PurchaseOrders(
        sku=pos.sku,
        created=pos.created + days,
        qty=pos.qty,
        received=pos.received,
        working=pos.working + days,
        shipped=pos.shipped + days,
        arrived=pos.arrived + days,
        done=pos.done + days,
    )
