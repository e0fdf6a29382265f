"""The Imports page: upload report files, see what each one held or why it was refused.

Each uploaded file is saved under its own name in a temporary folder (the name carries the
marketplace and the day of some reports) and imported by ``ingest.service.import_paths``:
one transaction per file, so one bad file never stops or half-writes the others.

Every upload is recorded with its uploader, refused ones too: a file refused before its store
was known (unreadable, unknown, too large) has no store, and the history shows it to the
person who uploaded it and to owners, with its error. A file for a marketplace none of the
stores sells on needs a new store: an owner may choose "New store for the file's
marketplace" in the form (the result names the store made); anyone else is told to ask one.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.accounts.service import allows
from sellerops.core import i18n
from sellerops.core.marketplaces import MARKETPLACES
from sellerops.core.models import Store
from sellerops.core.stores import find_store
from sellerops.ingest.errors import SUPPORTED_LIST, SUPPORTED_LIST_ZH, localize, localize_problem
from sellerops.ingest.service import ImportOutcome, import_paths, record_refusal
from sellerops.ingest.sources import SUFFIXES
from sellerops.ingest.titles import is_money, total_name
from sellerops.web.deps import DB, Principal, SignedIn, StoreAccess, store_access, web_settings
from sellerops.web.import_history import PER_PAGE, UNKNOWN_TYPE, HistoryFilter, history_page
from sellerops.web.rendering import render
from sellerops.web.report_names import report_names
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

#: A refusal's reason in the history is cut to this many characters (the whole on demand).
SHORT_REASON = 90
CHUNK = 1 << 20
#: The store field's value for "a new store for the file's marketplace" (owners only).
NEW_STORE = "new"
OWNER_ONLY = (
    "only an owner can add a store for a marketplace none of the stores sells on: ask an "
    "owner (Settings → Stores), or choose one of your stores"
)


def total_label(key: str, lang: str) -> str:
    """A report total's name (``registry.Family.totals`` keys), as the CLI names it."""
    return total_name(key, lang)


def on_web(text: str, lang: str) -> str:
    """A refusal (localized) as the Imports page shows it: the pointer to the list of report
    types the message carries for every reader ("listed on the web Imports page") points
    the reader of this very page to its own list instead."""
    here = i18n.t("web.imports.types_here", lang)
    return text.replace(SUPPORTED_LIST, here).replace(SUPPORTED_LIST_ZH, here)


def short_reason(text: str, limit: int = SHORT_REASON) -> str:
    """The start of a refusal's reason, cut at a word near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:，；：") + "…"


def _page(
    request: Request,
    session: Session,
    principal: Principal,
    access: StoreAccess,
    outcomes: list[ImportOutcome] | None = None,
    status_code: int = 200,
    received_by: Store | None = None,
    wanted: HistoryFilter | None = None,
) -> Response:
    """The Imports page of ``access``'s store (its history, whichever store the files just
    went to); ``received_by`` is the store that received ``outcomes``; ``wanted``: the page
    and filter of the history (after an upload: its first page, unfiltered)."""
    settings = web_settings(request)
    fragment = request.headers.get("x-upload") == "fetch"
    lang = principal.user.lang
    owner = principal.user.is_owner
    context: dict[str, Any] = {
        "outcomes": outcomes,
        "titles": report_names(lang),
        "store": access.store,
        "received_by": received_by or access.store,
        "total_label": lambda key: total_label(key, lang),
        "is_money": is_money,
        # under the file's name: the reason without the name again
        "error_text": lambda text: on_web(localize(text or "", lang, with_file=False), lang),
        "short_reason": short_reason,
        "suffixes": "、".join(SUFFIXES) if lang == "zh" else ", ".join(SUFFIXES),
        "report_types": sorted(report_names(lang).values()),
        "markets": MARKETPLACES,
        # the upload form's optional fields: stores the user may import into, marketplaces
        "target_stores": [s for s, role in principal.visible if allows(role, "act")],
        "marketplaces": sorted(MARKETPLACES),
        "may_add_store": owner,
        "new_store": NEW_STORE,
    }
    shown = history_page(
        session=session,
        store_id=access.store.id,
        wanted=wanted or HistoryFilter(),
        storeless_of=principal.user.id,
        every_storeless=owner,
    )
    context["history"] = shown
    context["per_page"] = PER_PAGE
    context["history_types"] = _type_options(shown.types, context["titles"], lang)
    batches = shown.rows
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


def _type_options(
    types: list[tuple[str | None, int]], titles: dict[str, str], lang: str
) -> list[tuple[str, str, int]]:
    """The history filter's report types: (value, name, number of files), by name; files
    refused before their type was known last."""
    named = sorted(
        ((kind, titles.get(kind, kind), count) for kind, count in types if kind),
        key=lambda option: option[1].casefold(),
    )
    unknown = sum(count for kind, count in types if not kind)
    if unknown:
        named.append((UNKNOWN_TYPE, i18n.t("web.imports.filter.type_unknown", lang), unknown))
    return named


@router.get("/stores/{store_id}/imports")
def imports_page(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    report_type: Annotated[str, Query(alias="type")] = "",
    outcome: str = "",
    page: str = "",
) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    wanted = HistoryFilter.parse(report_type, outcome, page)
    return _page(request, session, principal, access, wanted=wanted)


@router.post("/stores/{store_id}/imports")
async def upload(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    files: Annotated[list[UploadFile], File()],
    day: Annotated[str, Form()] = "",
    day_to: Annotated[str, Form()] = "",
    marketplace: Annotated[str, Form()] = "",
    target_store: Annotated[str, Form()] = "",
    new_store_name: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    settings = web_settings(request)
    engine = request.app.state.engine
    lang, user_id = principal.user.lang, principal.user.id
    # the form's optional fields, for files that do not say their day or marketplace
    # the page stays this store's (its history); the files may go to another one
    new_store = target_store.strip() == NEW_STORE
    target = access
    if not new_store and target_store.strip().isdigit() and int(target_store) != store_id:
        target = store_access(session, principal, int(target_store))
        target.require("act")
    market = marketplace.strip().upper() or None  # the store, which exists, says its own
    days = _form_days(day, day_to)
    refusal, status = (days, 400) if isinstance(days, str) else (None, 200)
    if new_store and not principal.user.is_owner:
        refusal, status = OWNER_ONLY, 403
    session.commit()  # the imports write through their own connections (SQLite: one writer)
    if refusal is not None:  # recorded, so the history shows it too
        refused = [_record(engine, _refused(f, refusal), user_id) for f in files]
        return _page(request, session, principal, access, [_localized(o, lang) for o in refused],
                     status_code=status, received_by=target.store)  # fmt: skip
    assert not isinstance(days, str)
    limit = settings.upload_max_mb * 1024 * 1024
    outcomes: list[ImportOutcome] = []
    with tempfile.TemporaryDirectory(prefix="sellerops-upload-") as tmp:
        for index, upload_file in enumerate(files[: settings.upload_max_files]):
            saved = await _save(upload_file, Path(tmp) / str(index), limit)
            if isinstance(saved, ImportOutcome):
                outcomes.append(_record(engine, saved, user_id))
                continue
            outcomes += import_paths(
                engine=engine,
                paths=[saved],
                # a new store: the one named in the form, else the file marketplace's
                store=(new_store_name.strip() or None) if new_store else target.store.name,
                marketplace=market,
                day=days[0],
                until=days[1],
                via="web",  # refusals say "choose the day in the form", not "--date"
                shown_as={saved: saved.name},  # recorded as its own name, not the temp path
                user_id=user_id,
                new_store=new_store,
            )
    for extra in files[settings.upload_max_files :]:
        reason = f"more than {settings.upload_max_files} files at once"
        outcomes.append(_record(engine, _refused(extra, reason), user_id))
    shown = [_localized(o, lang) for o in outcomes]
    received_by = _received_by(session, outcomes) if new_store else target.store
    return _page(request, session, principal, access, shown, received_by=received_by)


def _record(engine: Engine, refused: ImportOutcome, user_id: int) -> ImportOutcome:
    """A file refused before it was read (:func:`_refused`), recorded for the history."""
    return record_refusal(engine, refused.path, refused.error or "", user_id)


def _received_by(session: Session, outcomes: list[ImportOutcome]) -> Store | None:
    """The store the files went to, when they all went to one (a new store's upload)."""
    names = {o.store for o in outcomes if o.store and o.status != "failed"}
    return find_store(session=session, name=names.pop()) if len(names) == 1 else None


def _form_days(first: str, last: str) -> tuple[date | None, date | None] | str:
    """The form's day (and last day, for a report over several days), or the refusal."""
    start, end = _form_day(first), _form_day(last)
    if isinstance(start, str):
        return start
    if isinstance(end, str):
        return end
    if end is not None and start is None:
        return "the form has a last day but no first day: choose both, or only the day"
    if start is not None and end is not None and end < start:
        return f"the last day in the form ({end}) is before the first ({start})"
    return start, end


def _form_day(text: str) -> date | str | None:
    """The form's day, or the refusal when it is not a date."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return f"the day in the form is not a date (YYYY-MM-DD): {text.strip()[:40]!r}"


def _localized(outcome: ImportOutcome, lang: str) -> ImportOutcome:
    """An outcome's refusal and notes in the reader's language (stored in English); the
    refusal without the file's name, which the result shows above it."""
    error = (None if outcome.error is None
             else on_web(localize(outcome.error, lang, with_file=False), lang))  # fmt: skip
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
