"""Profit arithmetic: which P&L line an amount belongs to, exact allocation, landed cost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sellerops.finance.profit import SkuPnl, allocate, classify, landed_unit_cost, rate_on, totals

D = Decimal


def test_settlement_amounts_land_on_their_profit_lines() -> None:
    assert classify("Order", "ItemPrice", "Principal") == "principal"
    assert classify("Order", "ItemPrice", "Tax") == "tax"
    assert classify("Order", "ItemFees", "Commission") == "referral_fee"
    assert classify("Order", "ItemFees", "FBAPerUnitFulfillmentFee") == "fba_fee"
    assert classify("Order", "Promotion", "Principal") == "promotion"
    assert classify("Refund", "ItemPrice", "Principal") == "refund"
    assert classify("Refund", "ItemFees", "RefundCommission") == "refund_commission"
    assert classify("other-transaction", "other-transaction", "Storage Fee") == "storage"
    assert classify("other-transaction", "other-transaction", "Subscription Fee") == "other_fee"
    assert classify("other-transaction", "FBA Inventory Reimbursement", "WAREHOUSE_LOST") == (
        "reimbursement"
    )


def test_date_range_columns_land_on_the_same_lines_and_transfers_are_not_profit() -> None:
    assert classify("Order", "product_sales", None) == "principal"
    assert classify("Refund", "product_sales", None) == "refund"
    assert classify("Order", "selling_fees", None) == "referral_fee"
    assert classify("Order", "fba_fees", None) == "fba_fee"
    assert classify("Order", "marketplace_withheld_tax", None) == "tax"
    assert classify("Service Fee", "other", "Werbekosten") == "ads"
    assert classify("Transfer", "other", "To account ending in 123") == "transfer"


def test_allocation_keeps_the_total_to_the_cent() -> None:
    shares = allocate(D("-100.00"), {"A": 1, "B": 1, "C": 1})

    assert sum(shares.values()) == D("-100.00")
    assert sorted(shares.values()) == [D("-33.34"), D("-33.33"), D("-33.33")]
    assert allocate(D("10"), {"A": 0}) == {}


def test_landed_cost_converts_currency_and_charges_duty_on_the_goods() -> None:
    cogs, freight, duty = landed_unit_cost(D("70"), D("7"), D("0.25"), D("0.14"))

    assert (cogs, freight, duty) == (D("9.80"), D("0.98"), D("2.4500"))


def test_the_rate_in_force_is_the_latest_one_at_or_before_the_day() -> None:
    rates = [(date(2026, 1, 1), D("7.1")), (date(2026, 6, 1), D("7.2"))]

    assert rate_on(rates, date(2026, 5, 31)) == D("7.1")
    assert rate_on(rates, date(2026, 7, 1)) == D("7.2")
    assert rate_on(rates, date(2025, 12, 1)) == D("7.1")  # before any rate: the earliest


def test_a_sku_losing_money_names_the_cost_line_that_sinks_it() -> None:
    p = SkuPnl("S", units=10)
    for line, amount in (("principal", "200"), ("referral_fee", "-30"), ("fba_fee", "-90"),
                         ("cogs", "-60"), ("ads", "-45")):  # fmt: skip
        p.add(line, D(amount))
    p.add("tax", D("16"))  # passes through

    assert p.profit == D("-25")
    assert p.margin == -0.125
    assert p.sinking_line() == ("fba_fee", D("-90"))
    assert totals([p, p]).profit == D("-50")


def test_a_loss_within_a_percent_of_sales_is_break_even_not_losing_money() -> None:
    # a best seller at -0.2 % (fees still estimated) must not be put on hold and run out
    near = SkuPnl("BEST", units=498)
    near.add("principal", D("12246.96"))
    near.add("fba_fee", D("-12273.40"))
    assert near.profit == D("-26.44") and not near.loses_money
    clear = SkuPnl("LOSER", units=50)
    clear.add("principal", D("1000"))
    clear.add("fba_fee", D("-1020"))
    assert clear.margin == -0.02 and clear.loses_money
