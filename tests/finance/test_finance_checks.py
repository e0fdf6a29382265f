"""Finance findings: SKUs losing money, margin erosion, FBA fee rises, reimbursements owed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import label, value_text
from sellerops.finance import checks
from sellerops.finance import service as finance
from sellerops.finance.models import ExchangeRate, FbaReimbursement, ProductCost
from sellerops.inventory.models import InventoryAdjustment
from tests import factories as f
from tests.factories import AS_OF

D = Decimal


def _settle(session: Session, store: Store, sales: list[tuple[int, str, int, str, str]]) -> None:
    """One settlement of order lines: (days before AS_OF, sku, units, unit price, FBA fee/unit),
    with a 15 % commission."""
    lines: list[dict[str, Any]] = []
    for back, sku, units, price, fee in sales:
        day = AS_OF - timedelta(days=back)
        principal = D(price) * units
        for kind, desc, amount in (("ItemPrice", "Principal", principal),
                                   ("ItemFees", "Commission", -principal * D("0.15")),
                                   ("ItemFees", "FBAPerUnitFulfillmentFee", -D(fee) * units)):  # fmt: skip
            lines.append({"store_id": store.id, "source_id": "S1", "line_no": len(lines) + 1,
                          "posted_day": day, "transaction_type": "Order", "sku": sku,
                          "quantity": units, "amount_type": kind, "amount_description": desc,
                          "amount": amount, "currency": "USD"})  # fmt: skip
    total = sum((line["amount"] for line in lines), D(0))
    finance.save_settlement(
        session=session,
        settlement={
            "store_id": store.id,
            "settlement_id": "S1",
            "total_amount": total,
            "currency": "USD",
        },
        lines=lines,
    )


def _ctx(session: Session, store: Store) -> ReviewContext:
    return ReviewContext(session=session, store=store, as_of=AS_OF)


def test_a_sku_whose_fees_and_costs_exceed_its_sales_is_losing_money(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "CHEAP-MUG", "B0MUG00001", unit_cost=D("4.00"), cost_currency="USD")
        _settle(s, store, [(3, "CHEAP-MUG", 10, "12.00", "7.50")])
        s.flush()
        found = checks.losing_money(_ctx(s, store))

    assert [x.entity for x in found] == ["CHEAP-MUG"]
    loss = found[0]
    # 120 sales - 18 commission - 75 FBA fees - 40 goods = -13
    assert loss.money_at_stake == D("13.00") and loss.money_period == "month"
    assert loss.evidence["pnl_cost_line"] == "fba_fee"
    assert (label("pnl_cost_line", "en"), value_text("pnl_cost_line", "fba_fee", "USD", "en")) == (
        "Biggest cost",
        "FBA fulfilment fees",
    )
    assert (label("pnl_cost_line", "zh"), value_text("pnl_cost_line", "fba_fee", "USD", "zh")) == (
        "最大成本项",
        "FBA 配送费",
    )
    assert loss.title("zh") == "CHEAP-MUG 近30天亏损 US$13.00（利润率 -10.8%）"
    assert loss.title("en").startswith("CHEAP-MUG lost $13.00")


def test_a_margin_that_fell_eight_points_is_erosion(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _settle(s, store, [(40, "HOSE", 10, "30.00", "3.00"), (5, "HOSE", 10, "24.00", "6.00")])
        s.flush()
        found = checks.margin_erosion(_ctx(s, store))

    assert [x.entity for x in found] == ["HOSE"]
    assert found[0].evidence["pnl_margin_before"] == 0.75 and found[0].evidence["pnl_margin"] == 0.6


def test_an_fba_fee_that_went_up_after_a_remeasurement_is_flagged(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _settle(s, store, [(30, "HOSE", 20, "30.00", "5.37"), (2, "HOSE", 14, "30.00", "6.92"),
                           (30, "NOZZLE", 20, "9.00", "3.06"), (2, "NOZZLE", 14, "9.00", "3.06")])  # fmt: skip
        s.flush()
        found = checks.fee_change(_ctx(s, store))

    assert [x.entity for x in found] == ["HOSE"]
    assert found[0].evidence == {"fba_fee_before": 5.37, "fba_fee_now": 6.92, "fba_fee_units": 14}
    assert found[0].money_at_stake == D("46.50")  # 1.55 x 14 units in 14 days, per 30 days


def test_units_lost_in_fba_and_not_reimbursed_are_owed(engine: Engine) -> None:
    lost_on = AS_OF - timedelta(days=45)
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "HOSE", "B0HOSE0001", unit_cost=D("9.00"), cost_currency="USD")
        s.add(InventoryAdjustment(store_id=store.id, transaction_item_id="T1", sku="HOSE",
                                  adjusted_at=datetime(2026, 10, 6, tzinfo=UTC),
                                  adjusted_day=lost_on, quantity=-3, reason="M"))  # fmt: skip
        s.add(FbaReimbursement(store_id=store.id, reimbursement_id="R1", sku="HOSE",
                               approved_at=datetime(2026, 11, 1, tzinfo=UTC),
                               approval_day=date(2026, 11, 1), currency="USD",
                               amount_total=D("9.00"), quantity_reimbursed_total=1))  # fmt: skip
        s.flush()
        found = checks.reimbursement_owed(_ctx(s, store))

    assert [(x.entity, x.params["owed"], x.money_at_stake) for x in found] == [
        ("HOSE", 2, D("18.00"))
    ]


def test_losses_in_the_inventory_ledger_count_on_days_no_adjustments_report_covers(
    engine: Engine,
) -> None:
    from sellerops.core.models import ImportBatch
    from sellerops.inventory.ledger_models import InventoryLedgerEvent

    covered, ledger_only = AS_OF - timedelta(days=60), AS_OF - timedelta(days=45)
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "HOSE", "B0HOSE0001", unit_cost=D("9.00"), cost_currency="USD")
        # the adjustments report covers day -61..-59 and reports a loss of 3
        s.add(ImportBatch(store_id=store.id, report_type="fba_adjustments", file_name="adj.txt",
                          file_sha256="a" * 64, file_size=1, status="ok",
                          data_start=covered - timedelta(days=1),
                          data_end=covered + timedelta(days=1)))  # fmt: skip
        s.add(InventoryAdjustment(store_id=store.id, transaction_item_id="T1", sku="HOSE",
                                  adjusted_at=datetime(2026, 9, 21, tzinfo=UTC),
                                  adjusted_day=covered, quantity=-3, reason="M"))  # fmt: skip
        # the ledger tells the same loss again, plus one damaged unit on a day of its own
        for day, qty, reason, ref in ((covered, -3, "M", "T1"), (ledger_only, -1, "E", "T2")):
            s.add(InventoryLedgerEvent(store_id=store.id, day=day, fnsku="X0HOSE", sku="HOSE",
                                       event_type="Adjustments", reference_id=ref,
                                       disposition="SELLABLE", reason=reason, quantity=qty))  # fmt: skip
        s.flush()
        found = checks.reimbursement_owed(_ctx(s, store))

    assert [(x.entity, x.params["owed"], x.money_at_stake) for x in found] == [
        ("HOSE", 4, D("36.00"))
    ]


def test_costs_in_a_currency_without_an_exchange_rate_are_a_finding_until_a_rate_arrives(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "MUG-CNY", "B0MUG00002")
        s.add(ProductCost(store_id=store.id, sku="MUG-CNY", effective_from=AS_OF - timedelta(days=90),
                          unit_cost=D("20"), currency="CNY"))  # fmt: skip
        _settle(s, store, [(3, "MUG-CNY", 10, "12.00", "3.00")])
        s.flush()
        found = checks.missing_exchange_rate(_ctx(s, store))
        s.add(ExchangeRate(store_id=store.id, day=AS_OF - timedelta(days=30), from_currency="CNY",
                           to_currency="USD", rate=D("0.14")))  # fmt: skip
        s.flush()
        after = checks.missing_exchange_rate(_ctx(s, store))

    (missing,) = found
    assert (missing.entity_type, missing.entity) == ("currency", "CNY")
    assert missing.money_at_stake == D("120.00")  # the sales whose profit cannot be trusted
    assert missing.evidence["skus_affected"] == "MUG-CNY"
    assert missing.title("en") == (
        "No CNY → USD exchange rate: the costs of 1 SKUs are left out of profit"
    )
    assert "缺少 CNY → USD 汇率" in missing.title("zh")
    assert after == []
