"""The inbound-shipments and freight-invoices sheets: carton sizes become per-unit volume and
weight, a re-imported shipment is the truth about its SKUs, and a bad word in a cell rejects
the file naming the line and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.core.db import unit_of_work
from sellerops.finance.models import FreightInvoice, InboundShipmentLine
from sellerops.ingest.service import import_file
from tests.ingest.helpers import DATA

D = Decimal
SHEETS = DATA / "sheets"


def _lines(engine: Engine) -> dict[tuple[str, str], InboundShipmentLine]:
    with unit_of_work(engine) as session:
        return {(x.shipment_id, x.sku): x for x in session.scalars(select(InboundShipmentLine))}


def test_a_carton_s_size_and_weight_become_each_unit_s_volume_and_weight(engine: Engine) -> None:
    outcome = import_file(engine=engine, path=SHEETS / "shipments.csv", marketplace="US")

    assert (outcome.status, outcome.report_type, outcome.rows_inserted) == (
        "imported", "inbound_shipment_sheet", 3)  # fmt: skip
    nozzle = _lines(engine)[("FBA1SEA0001", "NOZZLE-8")]
    # 50 x 40 x 30 cm = 0.06 m3 and 20 kg per carton of 40
    assert (nozzle.unit_volume_m3, nozzle.unit_weight_kg, nozzle.units) == (
        D("0.0015"), D("0.5"), 80)  # fmt: skip
    hose = _lines(engine)[("FBA1SEA0001", "HOSE-50-GRN")]
    assert (hose.unit_weight_kg, hose.customs_value_per_unit) == (D(2), D(10))


def test_a_shipment_imported_again_without_a_sku_loses_that_sku(
    engine: Engine, tmp_path: Path
) -> None:
    import_file(engine=engine, path=SHEETS / "shipments.csv", marketplace="US")
    fewer = tmp_path / "shipments_again.csv"
    kept = (SHEETS / "shipments.csv").read_text().splitlines()
    fewer.write_text("\n".join(line for line in kept if ",NOZZLE-8," not in line) + "\n")

    assert import_file(engine=engine, path=fewer, marketplace="US").status == "imported"

    assert sorted(_lines(engine)) == [
        ("FBA1AIR0002", "HOSE-50-GRN"),
        ("FBA1SEA0001", "HOSE-50-GRN"),
    ]


def test_chinese_words_give_the_basis_and_status_and_an_actual_invoice_keeps_the_estimate(
    engine: Engine,
) -> None:
    for name in ("freight_estimate_zh.csv", "freight_invoices.csv"):
        outcome = import_file(engine=engine, path=SHEETS / name, marketplace="US")
        assert outcome.status == "imported", outcome.error

    with unit_of_work(engine) as session:
        found = {(x.shipment_id, x.invoice_ref): (x.status, x.basis, x.currency, x.amount, x.duties)
                 for x in session.scalars(select(FreightInvoice))}  # fmt: skip
    assert found == {
        ("FBA1SEA0001", "(estimated)"): ("estimated", "weight", "USD", D(800), None),
        ("FBA1SEA0001", "INV-1"): ("actual", "weight", "USD", D(1000), D(300)),
        ("FBA1AIR0002", "(actual)"): ("actual", "volume", "USD", D(100), None),
    }


def test_an_unknown_basis_rejects_the_file_naming_line_and_column(
    engine: Engine, tmp_path: Path
) -> None:
    bad = tmp_path / "freight_bad.csv"
    bad.write_text("shipment_id,date,amount,currency,basis\nS1,2026-11-01,100,USD,pallets\n")

    outcome = import_file(engine=engine, path=bad, marketplace="US")

    assert outcome.status == "failed"
    assert outcome.error is not None
    assert outcome.error.startswith('freight_bad.csv, line 2, column "basis"')
    assert "weight or volume" in outcome.error
