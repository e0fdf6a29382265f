"""The Imports page: several files at once, a summary per file, a refusal that names line and
column, the past batches, an upload size limit, and CSRF."""

from __future__ import annotations

from pathlib import Path
from typing import Any as Response  # httpx2 or httpx, whichever the test client uses

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sellerops.core.config import get_settings
from sellerops.web.app import create_app
from sellerops.web.imports_views import safe_name
from sellerops.web.settings import WebSettings
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World

DATA = Path(__file__).parents[1] / "data" / "ingest"
GOOD = "BusinessReport_US_2026-11-26.csv"
BAD = "BusinessReport_US_2026-11-27_bad_number.csv"


def _files(*names: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (n, (DATA / n).read_bytes(), "text/csv")) for n in names]


def _upload(
    client: TestClient, csrf: str, store_id: int, *names: str, headers: dict[str, str] | None = None
) -> Response:
    return client.post(
        f"/stores/{store_id}/imports",
        data={"csrf_token": csrf},
        files=_files(*names),
        headers=headers,
    )


def test_an_operator_uploads_two_files_and_sees_each_ones_summary_or_its_error(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    page = _upload(client, csrf, world.store_a, GOOD, BAD)
    assert page.status_code == 200
    html = page.text
    assert "Business Report" in html and "Imported" in html and "Refused" in html
    assert "line 17, column &#34;Units Ordered&#34;" in html  # the error names line and column
    assert "<dd>1,243</dd>" in html and "<dd>$23,636.69</dd>" in html  # the file's totals
    history = client.get(f"/stores/{world.store_a}/imports").text
    assert f"<code>{GOOD}</code>" in history and "Past imports" in history
    assert "sellerops-upload" not in history  # the server's temporary folder stays private


def test_the_same_file_again_is_reported_as_already_imported(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    _upload(client, csrf, world.store_a, GOOD)
    again = _upload(client, csrf, world.store_a, GOOD)
    assert "Already imported" in again.text


def test_a_script_upload_gets_the_results_and_the_history_with_the_new_batch(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    part = _upload(client, csrf, world.store_a, GOOD, headers={"X-Upload": "fetch"})
    assert part.status_code == 200
    assert "<html" not in part.text and "import-results" in part.text
    history = part.text[part.text.index('id="import-history"') :]
    assert 'class="batch status-ok"' in history and GOOD in history


def test_an_upload_without_the_csrf_token_is_refused(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    response = client.post(f"/stores/{world.store_a}/imports", files=_files(GOOD))
    assert response.status_code == 403


def test_a_file_over_the_size_limit_is_refused_and_the_others_still_import(
    seeded: Seeded, tmp_path: Path
) -> None:
    settings = WebSettings(secret_key="limit", upload_max_mb=1, upload_max_files=3)
    app = create_app(engine=seeded.engine, settings=get_settings(), web_settings=settings)
    with TestClient(app, follow_redirects=False) as client:
        csrf = sign_in(client, app, seeded.world.users["operator"])
        big = ("files", ("huge_US_2026-11-25.csv", b"x" * (1024 * 1024 + 1), "text/csv"))
        response = client.post(
            f"/stores/{seeded.world.store_a}/imports",
            data={"csrf_token": csrf},
            files=[big, *_files(GOOD)],
        )
        assert "larger than 1 MB" in response.text and "Imported" in response.text
        too_much = client.post(
            f"/stores/{seeded.world.store_a}/imports",
            data={"csrf_token": csrf},
            files=[("files", ("a.csv", b"x" * (5 * 1024 * 1024), "text/csv"))],
        )
        assert too_much.status_code == 413  # the whole request is over the limit


def test_uploaded_names_lose_any_folder() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\BusinessReport_US_2026-11-26.csv") == (
        "BusinessReport_US_2026-11-26.csv"
    )
    assert safe_name("..") == "upload" and safe_name(None) == "upload"


def test_the_page_is_in_chinese_for_a_chinese_user(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    html = _upload(client, csrf, world.store_a, GOOD, BAD).text
    assert "报告导入" in html and "已导入" in html and "已拒绝" in html and "读取行数" in html


def test_an_upload_imports_on_each_database(seeded_any: Seeded, web_settings: WebSettings) -> None:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    with TestClient(app, follow_redirects=False) as client:
        csrf = sign_in(client, app, seeded_any.world.users["owner"])
        html = _upload(client, csrf, seeded_any.world.store_a, GOOD).text
        history = client.get(f"/stores/{seeded_any.world.store_a}/imports").text
    assert "Imported" in html and GOOD in history
