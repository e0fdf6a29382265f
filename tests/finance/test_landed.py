"""First-leg freight and duties split over a shipment's units, and sales drawing on
shipments first in, first out: pure arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sellerops.finance.landed import (
    ACTUAL,
    ESTIMATED,
    VOLUME,
    WEIGHT,
    Invoice,
    ShipmentLine,
    allocate_shipment,
    draw_fifo,
    lots_by_sku,
)

D = Decimal
OCT1, NOV1 = date(2026, 10, 1), date(2026, 11, 1)
HOSE = ShipmentLine("S1", "HOSE", OCT1, 20, unit_weight=D(2), unit_volume=D("0.02"),
                    customs_value=D(10))  # fmt: skip
NOZZLE = ShipmentLine("S1", "NOZZLE", OCT1, 80, unit_weight=D("0.5"), unit_volume=D("0.0015"),
                      customs_value=D(1))  # fmt: skip


def test_freight_splits_by_weight_or_by_volume_as_the_invoice_says() -> None:
    by_weight = allocate_shipment([HOSE, NOZZLE], [Invoice("S1", ACTUAL, WEIGHT, D(1000))])
    by_volume = allocate_shipment([HOSE, NOZZLE], [Invoice("S1", ACTUAL, VOLUME, D(1000))])

    # 40 kg each: half the freight each; 0.4 m3 against 0.12 m3: 10/13 to the hoses.
    assert [lot.freight_per_unit for lot in by_weight] == [D(25), D("6.25")]
    assert [round(lot.freight_per_unit * lot.units, 6) for lot in by_volume] == [  # type: ignore[operator]
        round(D(1000) * D("0.4") / D("0.52"), 6), round(D(1000) * D("0.12") / D("0.52"), 6)
    ]  # fmt: skip
    assert all(lot.duty_per_unit is None for lot in by_weight)  # no duties on the invoice


def test_duties_split_by_customs_value_and_the_parts_add_up_to_the_invoice() -> None:
    lots = allocate_shipment([HOSE, NOZZLE], [Invoice("S1", ACTUAL, WEIGHT, D(1000), D(300))])

    hose, nozzle = lots
    # customs value 200 against 80: 300 x 200 / 280 to the hoses
    assert round(hose.duty_per_unit * 20, 10) == round(D(300) * 200 / 280, 10)  # type: ignore[operator]
    assert round(hose.duty_per_unit * 20 + nozzle.duty_per_unit * 80, 20) == D(300)  # type: ignore[operator]


def test_a_line_without_the_basis_measure_makes_the_invoice_split_by_units() -> None:
    unknown = ShipmentLine("S1", "NOZZLE", OCT1, 80)
    lots = allocate_shipment([HOSE, unknown], [Invoice("S1", ACTUAL, WEIGHT, D(1000))])

    assert [lot.freight_per_unit for lot in lots] == [D(10), D(10)]


def test_an_actual_invoice_replaces_the_estimate_and_several_actual_ones_add_up() -> None:
    invoices = [Invoice("S1", ESTIMATED, WEIGHT, D(800)), Invoice("S1", ACTUAL, WEIGHT, D(900)),
                Invoice("S1", ACTUAL, WEIGHT, D(100))]  # fmt: skip
    estimate_only = lots_by_sku([HOSE, NOZZLE], invoices[:1])
    with_actual = lots_by_sku([HOSE, NOZZLE], invoices)

    assert (estimate_only["HOSE"][0].freight_per_unit, estimate_only["HOSE"][0].status) == (
        D(20), ESTIMATED)  # fmt: skip
    assert (with_actual["HOSE"][0].freight_per_unit, with_actual["HOSE"][0].status) == (
        D(25), ACTUAL)  # fmt: skip


def test_sales_draw_from_the_oldest_shipment_then_the_next_then_the_costs_sheet() -> None:
    later = ShipmentLine("S2", "HOSE", date(2026, 11, 22), 10, unit_weight=D(2))
    invoices = [Invoice("S1", ACTUAL, WEIGHT, D(1000)), Invoice("S2", ACTUAL, WEIGHT, D(100))]
    lots = lots_by_sku([later, HOSE, NOZZLE], invoices)["HOSE"]

    draws = draw_fifo(lots, [(date(2026, 11, 21), 2), (date(2026, 11, 25), 30)], before=1)

    assert [(d.day.day, d.units, d.lot.shipment_id if d.lot else None) for d in draws] == [
        (21, 2, "S1"), (25, 17, "S1"), (25, 10, "S2"), (25, 3, None),
    ]  # fmt: skip


def test_a_shipment_not_yet_sent_cannot_cover_an_earlier_sale() -> None:
    later = ShipmentLine("S2", "HOSE", date(2026, 11, 22), 10, unit_weight=D(2))
    lots = lots_by_sku([later], [Invoice("S2", ACTUAL, WEIGHT, D(100))])["HOSE"]

    draws = draw_fifo(lots, [(NOV1, 4), (date(2026, 11, 23), 4)])

    assert [(d.units, d.lot is None) for d in draws] == [(4, True), (4, False)]


def test_a_shipment_without_an_invoice_yet_is_drawn_but_costs_the_sheet_s_freight() -> None:
    lots = lots_by_sku([HOSE], [])["HOSE"]

    assert (lots[0].freight_per_unit, lots[0].duty_per_unit, lots[0].status) == (None, None, "none")
    assert [d.lot for d in draw_fifo(lots, [(NOV1, 5)])] == [lots[0]]
