"""The Reports page: pick daily / weekly / monthly, the last day and a format; download the
report ``sellerops report`` writes (``finance.reports.build_report`` + ``reports.render``).

Everyone granted the store may read its reports ("read"). The download is a GET: it changes
nothing, and a browser can save the link.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from sellerops.catalog import performance
from sellerops.core import i18n
from sellerops.finance.reports import KINDS, build_report
from sellerops.web import module_messages  # noqa: F401  (registers the page texts)
from sellerops.web.deps import DB, SignedIn, store_access
from sellerops.web.rendering import render
from sellerops.web.today import currency_of
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

FORMATS = {
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@router.get("/stores/{store_id}/reports")
def reports_page(request: Request, session: DB, principal: SignedIn, store_id: int) -> Response:
    access = store_access(session, principal, store_id)
    lang = principal.user.lang
    latest = performance.latest_day(session=session, store_id=store_id)
    return render(
        request, "reports.html", lang=lang, latest=latest, kinds=KINDS, formats=tuple(FORMATS),
        kind_name=lambda k: i18n.t(f"web.reports.kinds.{k}", lang),
        format_name=lambda f: i18n.t(f"web.reports.formats.{f}", lang),
        store=access.store, role=access.role, **page_context(session, principal),
    )  # fmt: skip


@router.get("/stores/{store_id}/reports/download")
def download(
    session: DB,
    principal: SignedIn,
    store_id: int,
    kind: Annotated[str, Query(pattern="^(daily|weekly|monthly)$")] = "weekly",
    day: Annotated[str, Query(max_length=10)] = "",
    format: Annotated[str, Query(pattern="^(html|xlsx|pdf)$")] = "html",
) -> Response:
    access = store_access(session, principal, store_id)
    try:
        as_of = date.fromisoformat(day) if day else None
    except ValueError:
        as_of = None
    as_of = as_of or performance.latest_day(session=session, store_id=store_id) or date.today()
    data = build_report(session=session, store=access.store, kind=kind, day=as_of,
                        currency=currency_of(access.store))  # fmt: skip
    from sellerops.reports import render as report_render  # WeasyPrint loads on first use

    writer = {"html": report_render.write_html, "xlsx": report_render.write_xlsx,
              "pdf": report_render.write_pdf}[format]  # fmt: skip
    name = f"{kind}-report-{access.store.marketplace_code}-{as_of.isoformat()}.{format}"
    with tempfile.TemporaryDirectory(prefix="sellerops-report-") as tmp:
        try:
            path = writer(data, Path(tmp) / name, principal.user.lang)
        except report_render.MissingFontError as exc:
            return PlainTextResponse(str(exc), status_code=503)
        content = path.read_bytes()
    return Response(
        content,
        media_type=FORMATS[format],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
