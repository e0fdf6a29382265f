"""The Restock page and its XLSX explain every line's numbers, in the reader's language."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient
from markupsafe import escape

from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.inventory import plan_store
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.factories import AS_OF
from tests.web.conftest import Seeded, sign_in


def test_the_restock_page_explains_each_line(seeded_any: Seeded, web_settings: WebSettings) -> None:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    world = seeded_any.world
    with TestClient(app, follow_redirects=False) as client:
        csrf = sign_in(client, app, world.users["viewer"])
        english = client.get(f"/stores/{world.store_a}/restock").text
        client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
        chinese = client.get(f"/stores/{world.store_a}/restock").text
        book = client.get(f"/stores/{world.store_a}/restock.xlsx").content
    with unit_of_work(seeded_any.engine) as s:
        store = s.get(Store, world.store_a)
        assert store is not None
        (row,) = plan_store.stored_plan(session=s, store=store, as_of=AS_OF).rows
    assert row.sku == "SKU-FAST" and row.notes
    assert "<summary>Explain</summary>" in english and str(escape(row.explain("en"))) in english
    assert "<summary>查看说明</summary>" in chinese and str(escape(row.explain("zh"))) in chinese
    assert "日均销量约" in chinese
    with zipfile.ZipFile(io.BytesIO(book)) as xlsx:
        strings = xlsx.read("xl/sharedStrings.xml").decode()
    assert "原因" in strings and "日均销量约" in strings


def test_a_losing_sku_wears_a_badge_and_a_plan_older_than_an_import_is_recomputed(
    seeded_any: Seeded, web_settings: WebSettings
) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from sqlalchemy import delete

    from sellerops.core.models import ImportBatch, utcnow
    from sellerops.finance.models import ProductCost

    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    world, url = seeded_any.world, f"/stores/{seeded_any.world.store_a}/restock"
    with unit_of_work(seeded_any.engine) as s:  # SKU-FAST costs more than it sells for
        s.add(ProductCost(store_id=world.store_a, sku="SKU-FAST", unit_cost=Decimal("900"),
                          effective_from=AS_OF - timedelta(days=400), currency="USD"))  # fmt: skip
        plan_store.forget(session=s, store_id=world.store_a)
    with TestClient(app, follow_redirects=False) as client:
        csrf = sign_in(client, app, world.users["viewer"])
        losing = client.get(url).text
        with unit_of_work(seeded_any.engine) as s:  # the cost was a typo; a file went in
            s.execute(delete(ProductCost).where(ProductCost.sku == "SKU-FAST"))
            s.add(ImportBatch(store_id=world.store_a, report_type="costs", file_name="c.csv",
                              file_sha256="0" * 64, file_size=1, status="ok",
                              finished_at=utcnow()))  # fmt: skip
        fresh = client.get(url).text
        client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
        with unit_of_work(seeded_any.engine) as s:
            s.add(
                ProductCost(
                    store_id=world.store_a,
                    sku="SKU-FAST",
                    unit_cost=Decimal("900"),
                    effective_from=AS_OF - timedelta(days=400),
                    currency="USD",
                )
            )
            plan_store.forget(session=s, store_id=world.store_a)
        chinese = client.get(url).text
    assert 'class="badge sev-high losing-money"' in losing and ">Losing money</span>" in losing
    assert "1 SKU on this page loses money" in losing
    # not the stored plan's stale caution: computed again from the import's data
    assert "losing-money" not in fresh and "Caution" not in fresh
    assert ">亏损</span>" in chinese and "本页有 1 个 SKU 亏损" in chinese
