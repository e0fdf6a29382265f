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
