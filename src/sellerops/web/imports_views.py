"""The Imports page: upload report files, see what each one held or why it was refused.

Each uploaded file is saved under its own name in a temporary folder (the name carries the
marketplace and the day of some reports) and imported by ``ingest.service.import_paths``:
one transaction per file, so one bad file never stops or half-writes the others.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sellerops.accounts.service import allows
from sellerops.core import i18n
from sellerops.core.marketplaces import MARKETPLACES
from sellerops.core.models import Store
from sellerops.ingest import history
from sellerops.ingest.errors import localize, localize_problem
from sellerops.ingest.service import ImportOutcome, import_paths
from sellerops.web.deps import DB, Principal, SignedIn, StoreAccess, store_access, web_settings
from sellerops.web.rendering import render
from sellerops.web.report_names import report_names
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

HISTORY_ROWS = 50
CHUNK = 1 << 20


def total_label(key: str, lang: str) -> str:
    """A report total's name (``registry.Family.totals`` keys); unknown keys as they are."""
    message = f"web.imports.total.{key}"
    return i18n.t(message, lang) if i18n.has_message(message) else key.replace("_", " ")


def is_money(key: str) -> bool:
    return key in ("sales", "spend", "total") or "amount" in key or "fee" in key


def _page(
    request: Request,
    session: Session,
    principal: Principal,
    access: StoreAccess,
    outcomes: list[ImportOutcome] | None = None,
    status_code: int = 200,
    received_by: Store | None = None,
) -> Response:
    """The Imports page of ``access``'s store (its history, whichever store the files just
    went to); ``received_by`` is the store that received ``outcomes``."""
    settings = web_settings(request)
    fragment = request.headers.get("x-upload") == "fetch"
    lang = principal.user.lang
    context: dict[str, Any] = {
        "outcomes": outcomes,
        "titles": report_names(lang),
        "store": access.store,
        "received_by": received_by or access.store,
        "total_label": lambda key: total_label(key, lang),
        "is_money": is_money,
        # the upload form's optional fields: stores the user may import into, marketplaces
        "target_stores": [s for s, role in principal.visible if allows(role, "act")],
        "marketplaces": sorted(MARKETPLACES),
    }
    batches = history.list_batches(session=session, store_id=access.store.id, limit=HISTORY_ROWS)
    if fragment:
        return render(request, "_import_upload.html", lang=lang, batches=batches, **context)
    return render(
        request,
        "imports.html",
        lang=principal.user.lang,
        status_code=status_code,
        batches=batches,
        role=access.role,
        max_mb=settings.upload_max_mb,
        max_files=settings.upload_max_files,
        **context,
        **page_context(session, principal),
    )


@router.get("/stores/{store_id}/imports")
def imports_page(request: Request, session: DB, principal: SignedIn, store_id: int) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    return _page(request, session, principal, access)


@router.post("/stores/{store_id}/imports")
async def upload(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    files: Annotated[list[UploadFile], File()],
    day: Annotated[str, Form()] = "",
    marketplace: Annotated[str, Form()] = "",
    target_store: Annotated[str, Form()] = "",
) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    settings = web_settings(request)
    # the form's optional fields, for files that do not say their day or marketplace
    # the page stays this store's (its history); the files may go to another one
    target = access
    if target_store.strip().isdigit() and int(target_store) != store_id:
        target = store_access(session, principal, int(target_store))
        target.require("act")
    store_name = target.store.name
    market = marketplace.strip().upper() or None  # the store, which exists, says its own
    the_day = _form_day(day)
    if isinstance(the_day, str):
        refused = [_localized(_refused(f, the_day), principal.user.lang) for f in files]
        return _page(
            request, session, principal, access, refused, status_code=400,
            received_by=target.store,
        )  # fmt: skip
    session.commit()  # the imports write through their own connections (SQLite: one writer)
    limit = settings.upload_max_mb * 1024 * 1024
    outcomes: list[ImportOutcome] = []
    with tempfile.TemporaryDirectory(prefix="sellerops-upload-") as tmp:
        for index, upload_file in enumerate(files[: settings.upload_max_files]):
            saved = await _save(upload_file, Path(tmp) / str(index), limit)
            if isinstance(saved, ImportOutcome):
                outcomes.append(saved)
                continue
            outcomes += import_paths(
                engine=request.app.state.engine,
                paths=[saved],
                store=store_name,
                marketplace=market,
                day=the_day,
                via="web",  # refusals say "choose the day in the form", not "--date"
                shown_as={saved: saved.name},  # recorded as its own name, not the temp path
            )
    for extra in files[settings.upload_max_files :]:
        outcomes.append(_refused(extra, f"more than {settings.upload_max_files} files at once"))
    lang = principal.user.lang
    shown = [_localized(o, lang) for o in outcomes]
    return _page(request, session, principal, access, shown, received_by=target.store)


def _form_day(text: str) -> date | str | None:
    """The form's day, or the refusal when it is not a date."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return f"the day in the form is not a date (YYYY-MM-DD): {text.strip()[:40]!r}"


def _localized(outcome: ImportOutcome, lang: str) -> ImportOutcome:
    """An outcome's refusal and notes in the reader's language (stored in English)."""
    error = None if outcome.error is None else localize(outcome.error, lang)
    notes = tuple(localize_problem(n, lang) for n in outcome.notes)
    return dataclasses.replace(outcome, error=error, notes=notes)


def safe_name(filename: str | None) -> str:
    """The file's own name without any folder a browser (or an attacker) put in front."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    return name if name not in ("", ".", "..") else "upload"


async def _save(upload_file: UploadFile, folder: Path, limit: int) -> Path | ImportOutcome:
    """Write the upload to ``folder/<its name>``; a refusal when it is larger than ``limit``."""
    folder.mkdir()
    target = folder / safe_name(upload_file.filename)
    written = 0
    with target.open("wb") as out:
        while chunk := await upload_file.read(CHUNK):
            written += len(chunk)
            if written > limit:
                return _refused(upload_file, f"larger than {limit // (1024 * 1024)} MB")
            out.write(chunk)
    return target


def _refused(upload_file: UploadFile, reason: str) -> ImportOutcome:
    name = safe_name(upload_file.filename)
    return ImportOutcome(name, "failed", error=f"{name}: {reason}; not imported")
