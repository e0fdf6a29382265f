"""Settings, the upsert helper, money and marketplaces."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sellerops.core.config import Settings, get_settings
from sellerops.core.db import unit_of_work, upsert
from sellerops.core.marketplaces import MARKETPLACES, by_sales_channel, get_marketplace
from sellerops.core.models import Store
from sellerops.core.money import quantize, to_decimal
from sellerops.core.stores import create_store
from sellerops.inventory.models import InventorySnapshot


def test_zero_configuration_means_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    settings = get_settings()
    assert settings.data_dir == tmp_path / "data"
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'data' / 'sellerops.db'}"


def test_database_url_password_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELLEROPS_DATABASE_URL", "postgresql://ops:s3cret@db/sellerops")
    get_settings.cache_clear()
    assert "s3cret" not in get_settings().masked_database_url
    assert "***" in get_settings().masked_database_url


def test_secrets_can_come_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "url"
    secret.write_text("sqlite:////tmp/x.db\n")
    monkeypatch.setenv("SELLEROPS_DATABASE_URL_FILE", str(secret))
    get_settings.cache_clear()
    assert get_settings().database_url == "sqlite:////tmp/x.db"


def test_language_setting_accepts_locale_forms() -> None:
    assert Settings(lang="zh_CN").lang == "zh"
    with pytest.raises(ValueError):
        Settings(lang="fr")


def test_every_required_marketplace_is_known_with_its_currency() -> None:
    required = [
        "US",
        "CA",
        "MX",
        "BR",
        "UK",
        "DE",
        "FR",
        "IT",
        "ES",
        "NL",
        "SE",
        "PL",
        "BE",
        "JP",
        "AU",
        "IN",
        "AE",
        "SA",
        "SG",
        "TR",
    ]
    assert set(required) <= set(MARKETPLACES)
    assert get_marketplace("GB").code == "UK"
    assert get_marketplace("A1VC38T7YXB528").currency == "JPY"
    assert by_sales_channel("Amazon.co.uk") == MARKETPLACES["UK"]
    assert by_sales_channel("Non-Amazon") is None
    with pytest.raises(ValueError, match="unknown marketplace"):
        get_marketplace("XX")


def test_money_is_exact_and_rounds_to_the_currency_minor_unit() -> None:
    assert to_decimal(0.1) + to_decimal(0.2) == Decimal("0.3")
    assert quantize(Decimal("1234.565"), "USD") == Decimal("1234.57")
    assert quantize(Decimal("1234.5"), "JPY") == Decimal("1235")


def _snap(store_id: int, sku: str, qty: int) -> dict[str, object]:
    from datetime import date

    return {
        "store_id": store_id,
        "snapshot_date": date(2026, 11, 1),
        "sku": sku,
        "fulfillable": qty,
        "inbound_working": 0,
        "inbound_shipped": 0,
        "inbound_receiving": 0,
        "reserved": 0,
        "unfulfillable": 0,
    }


def test_upsert_inserts_then_updates_and_counts_both(engine: Engine) -> None:
    table = InventorySnapshot.__table__
    key = ["store_id", "snapshot_date", "sku"]
    with unit_of_work(engine) as s:
        store = create_store(session=s, name="A", marketplace="US")
        first = upsert(s, table, [_snap(store.id, "A", 1), _snap(store.id, "B", 2)], key=key)  # type: ignore[arg-type]
        again = upsert(s, table, [_snap(store.id, "B", 5), _snap(store.id, "C", 3)], key=key)  # type: ignore[arg-type]
        rows = dict(s.execute(select(InventorySnapshot.sku, InventorySnapshot.fulfillable)).all())
    assert (first.inserted, first.updated) == (2, 0)
    assert (again.inserted, again.updated) == (1, 1)
    assert rows == {"A": 1, "B": 5, "C": 3}


def test_upsert_handles_more_rows_than_one_statement_can_bind(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = create_store(session=s, name="A", marketplace="US")
        rows = [_snap(store.id, f"SKU-{i}", i) for i in range(5000)]
        result = upsert(
            s, InventorySnapshot.__table__, rows, key=["store_id", "snapshot_date", "sku"]
        )  # type: ignore[arg-type]
        count = s.scalar(select(func.count()).select_from(InventorySnapshot))
        assert s.scalar(select(func.count()).select_from(Store)) == 1
    assert result.inserted == 5000 and count == 5000


def test_upsert_of_an_iterator_fills_python_defaults_and_keeps_values(engine: Engine) -> None:
    """The staged way (a batch at a time, bound as SQLAlchemy binds): omitted columns get
    their Python-side default, a timestamp its UTC value, money its exact decimal, and the
    counts hold across batches; a batch repeating a key takes the plain way."""
    from datetime import UTC, date, datetime, timedelta, timezone

    from sellerops.finance.models import FeeLine

    key = ["store_id", "snapshot_date", "sku"]
    lines = FeeLine.__table__
    east = timezone(timedelta(hours=-5))
    with unit_of_work(engine) as s:
        store = create_store(session=s, name="A", marketplace="US")
        upsert(s, InventorySnapshot.__table__, [_snap(store.id, "SKU-3", 9)], key=key)  # type: ignore[arg-type]
        rows = (
            {"store_id": store.id, "snapshot_date": date(2026, 11, 1), "sku": f"SKU-{i}",
             "fulfillable": i}
            for i in range(6000)
        )  # fmt: skip
        counted = upsert(s, InventorySnapshot.__table__, rows, key=key)  # type: ignore[arg-type]
        got = s.execute(
            select(InventorySnapshot.fulfillable, InventorySnapshot.reserved).where(
                InventorySnapshot.sku.in_(["SKU-3", "SKU-5999"])
            )
        ).all()
        fee = {"store_id": store.id, "source_id": "S1", "line_no": 1, "amount": Decimal("-1.2345"),
               "currency": "USD", "posted_at": datetime(2026, 11, 1, 23, 30, tzinfo=east)}  # fmt: skip
        first = upsert(s, lines, [fee], key=["store_id", "source_id", "line_no"])  # type: ignore[arg-type]
        twice = upsert(s, lines, [fee, {**fee, "amount": Decimal(2)}],  # type: ignore[arg-type]
                       key=["store_id", "source_id", "line_no"])  # fmt: skip
        stored = s.execute(select(FeeLine.amount, FeeLine.posted_at)).one()
    assert (counted.inserted, counted.updated) == (5999, 1)
    assert sorted(got) == [(3, 0), (5999, 0)]
    # (the plain way counts as it always did: the repeated key once existing, once new)
    assert (first.inserted, twice.inserted, twice.updated) == (1, 1, 1)
    assert stored == (Decimal(2), datetime(2026, 11, 2, 4, 30, tzinfo=UTC))
