"""Settlements and their lines, FBA reimbursements and storage fees, costs and exchange rates.

Amounts are exact NUMERIC and signed as Amazon gives them: negative is money to Amazon.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money, Rate

#: Volumes, sizes, weights and average quantities of the storage-fee reports.
Measure = Numeric(18, 6, asdecimal=True)


class Settlement(Base):
    __tablename__ = "settlement"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    settlement_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    start_at: Mapped[datetime | None]
    end_at: Mapped[datetime | None]
    deposit_at: Mapped[datetime | None]
    total_amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    #: What the settlement's lines add up to, how many there are, and whether that equals
    #: ``total_amount`` to the currency's minor unit (the cent): the import's reconciliation.
    lines_total: Mapped[Decimal | None] = mapped_column(Money)
    line_count: Mapped[int | None] = mapped_column(Integer)
    reconciled: Mapped[bool | None] = mapped_column(Boolean)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class FeeLine(Base):
    """One money line of a settlement or transaction report.

    ``line_no`` is the line's position within its source document: settlement and date-range
    reports never change once closed, so (store, source, line_no) is a stable identity.
    """

    __tablename__ = "fee_line"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # settlement id
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    posted_at: Mapped[datetime | None]
    posted_day: Mapped[date | None] = mapped_column(index=True)
    transaction_type: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[str | None] = mapped_column(String(32), index=True)
    sku: Mapped[str | None] = mapped_column(String(64), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    amount_type: Mapped[str | None] = mapped_column(String(64))
    amount_description: Mapped[str | None] = mapped_column(String(128))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    #: the settlement a Date Range line names (its ``settlement id`` column): whether an
    #: imported settlement already holds its money (None on settlement lines: ``source_id``)
    settlement_id: Mapped[str | None] = mapped_column(String(32))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class FbaReimbursement(Base):
    """One SKU line of an FBA reimbursement (lost, damaged, customer return not received ...).

    ``amount_total`` is in ``currency``; units paid back as stock are
    ``quantity_reimbursed_inventory``. ``approved_at`` is UTC (a date-only value is midnight
    in the marketplace's time zone), ``approval_day`` the marketplace-local date.
    """

    __tablename__ = "fba_reimbursement"
    __table_args__ = (UniqueConstraint("store_id", "reimbursement_id", "sku"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    reimbursement_id: Mapped[str] = mapped_column(String(32))
    sku: Mapped[str] = mapped_column(String(64), index=True)
    approved_at: Mapped[datetime]
    approval_day: Mapped[date] = mapped_column(index=True)
    case_id: Mapped[str | None] = mapped_column(String(32))
    amazon_order_id: Mapped[str | None] = mapped_column(String(32), index=True)
    reason: Mapped[str | None] = mapped_column(String(64))
    fnsku: Mapped[str | None] = mapped_column(String(16))
    asin: Mapped[str | None] = mapped_column(String(16))
    condition: Mapped[str | None] = mapped_column(String(32))
    currency: Mapped[str] = mapped_column(String(3))
    amount_per_unit: Mapped[Decimal | None] = mapped_column(Money)
    amount_total: Mapped[Decimal] = mapped_column(Money, default=0)
    quantity_reimbursed_cash: Mapped[int] = mapped_column(Integer, default=0)
    quantity_reimbursed_inventory: Mapped[int] = mapped_column(Integer, default=0)
    quantity_reimbursed_total: Mapped[int] = mapped_column(Integer, default=0)
    original_reimbursement_id: Mapped[str | None] = mapped_column(String(32))
    original_reimbursement_type: Mapped[str | None] = mapped_column(String(64))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class StorageFeeMonthly(Base):
    """Monthly storage fee of one ASIN / FNSKU at one fulfillment center for one month.

    ``month_of_charge`` is the first day of the month charged. ``estimated_monthly_storage_fee``
    is in ``currency``; ``storage_rate`` is per ``volume_units`` (cubic foot or metre);
    ``average_quantity_*`` are daily averages over the month, so fractions are real.
    """

    __tablename__ = "storage_fee_monthly"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    month_of_charge: Mapped[date] = mapped_column(primary_key=True)
    fnsku: Mapped[str] = mapped_column(String(16), primary_key=True)
    fulfillment_center: Mapped[str] = mapped_column(String(16), primary_key=True)
    asin: Mapped[str | None] = mapped_column(String(16), index=True)
    country_code: Mapped[str | None] = mapped_column(String(4))
    product_size_tier: Mapped[str | None] = mapped_column(String(64))
    longest_side: Mapped[Decimal | None] = mapped_column(Measure)
    median_side: Mapped[Decimal | None] = mapped_column(Measure)
    shortest_side: Mapped[Decimal | None] = mapped_column(Measure)
    measurement_units: Mapped[str | None] = mapped_column(String(32))
    weight: Mapped[Decimal | None] = mapped_column(Measure)
    weight_units: Mapped[str | None] = mapped_column(String(32))
    item_volume: Mapped[Decimal | None] = mapped_column(Measure)
    volume_units: Mapped[str | None] = mapped_column(String(32))
    average_quantity_on_hand: Mapped[Decimal | None] = mapped_column(Measure)
    average_quantity_pending_removal: Mapped[Decimal | None] = mapped_column(Measure)
    average_quantity_customer_orders: Mapped[Decimal | None] = mapped_column(Measure)
    estimated_total_item_volume: Mapped[Decimal | None] = mapped_column(Measure)
    storage_rate: Mapped[Decimal | None] = mapped_column(Money)
    base_rate: Mapped[Decimal | None] = mapped_column(Money)
    utilization_surcharge_rate: Mapped[Decimal | None] = mapped_column(Money)
    storage_utilization_ratio: Mapped[Decimal | None] = mapped_column(Measure)
    dangerous_goods_storage_type: Mapped[str | None] = mapped_column(String(64))
    estimated_monthly_storage_fee: Mapped[Decimal] = mapped_column(Money, default=0)
    total_incentive_fee_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class StorageFeeLongTerm(Base):
    """Long-term storage fee / Aged Inventory Surcharge charged for one SKU on one snapshot
    date, one row per age tier (``surcharge_age_tier`` as Amazon writes it, e.g. ``271-300``;
    the pre-2022 layout's two charges are stored as tiers ``6-mo`` and ``12-mo``).

    ``amount_charged`` is in ``currency``; ``rate_surcharge`` per ``volume_unit``.
    """

    __tablename__ = "storage_fee_long_term"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    snapshot_date: Mapped[date] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    surcharge_age_tier: Mapped[str] = mapped_column(String(32), primary_key=True)
    fnsku: Mapped[str | None] = mapped_column(String(16))
    asin: Mapped[str | None] = mapped_column(String(16))
    condition: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(4))
    per_unit_volume: Mapped[Decimal | None] = mapped_column(Measure)
    volume_unit: Mapped[str | None] = mapped_column(String(32))
    qty_charged: Mapped[int] = mapped_column(Integer, default=0)
    amount_charged: Mapped[Decimal] = mapped_column(Money, default=0)
    rate_surcharge: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ExchangeRate(Base):
    """Operator-kept rate: one ``from_currency`` buys ``rate`` ``to_currency`` on ``day``."""

    __tablename__ = "exchange_rate"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    from_currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    to_currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(18, 8, asdecimal=True))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ProductCost(Base):
    """A SKU's landed-cost inputs from ``effective_from`` on (the costs sheet), as history.

    ``unit_cost`` and ``first_leg_freight_per_unit`` are per unit in ``currency`` (the
    supplier's, often CNY); ``duty_rate`` a fraction of the customs value (0.25 = 25 %);
    ``lead_time_days`` order-to-sellable days, when the sheet gives it.
    """

    __tablename__ = "product_cost"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    effective_from: Mapped[date] = mapped_column(primary_key=True)
    unit_cost: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    first_leg_freight_per_unit: Mapped[Decimal | None] = mapped_column(Money)
    duty_rate: Mapped[Decimal | None] = mapped_column(Rate)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class InboundShipmentLine(Base):
    """One SKU of an inbound shipment to Amazon (the shipments sheet).

    ``units`` left the forwarder on ``shipped_on``; ``unit_weight_kg`` and ``unit_volume_m3``
    are per unit (from the sheet, or its carton size over units per carton) and weigh the
    shipment's freight; ``customs_value_per_unit`` (any currency, used only as a weight)
    splits its duties.
    """

    __tablename__ = "inbound_shipment_line"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    shipment_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    shipped_on: Mapped[date] = mapped_column(index=True)
    units: Mapped[int] = mapped_column(Integer)
    unit_weight_kg: Mapped[Decimal | None] = mapped_column(Measure)
    unit_volume_m3: Mapped[Decimal | None] = mapped_column(Measure)
    customs_value_per_unit: Mapped[Decimal | None] = mapped_column(Money)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class FreightInvoice(Base):
    """A first-leg freight invoice (or the forwarder's estimate) for one inbound shipment.

    ``amount`` is the freight and ``duties`` the duties and import taxes on it, both in
    ``currency``; ``basis`` (weight | volume) says how the freight splits over the shipment's
    units; ``status`` estimated | actual: actual invoices replace the estimates.
    """

    __tablename__ = "freight_invoice"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    shipment_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    invoice_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    invoice_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money)
    duties: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
