"""What to import: files, folders (recursively) and .zip archives, as a sorted list of units.

Every file, and every member of an archive, is one unit: imported, skipped or failed on its
own. Hidden files (``.DS_Store``), macOS resource forks (``__MACOSX/``), Windows'
``Thumbs.db`` and ``desktop.ini`` and Excel's lock files (``~$name.xlsx``) are passed over.

Limits keep a hostile or mistaken file from exhausting memory or disk: a file larger than
:data:`MAX_FILE_BYTES` is refused before it is read; an archive with more than
:data:`MAX_MEMBERS` files is refused whole; a member is inflated only up to
:data:`MAX_FILE_BYTES` and an archive's members together up to :data:`MAX_ARCHIVE_BYTES`:
a member declaring more is refused unread, and the others are inflated a chunk at a time and
dropped the moment they pass the limit (the sizes an archive declares can lie: zip bombs);
an archive inside an archive is not opened.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from sellerops.ingest import xlsx
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import reads_chinese, reads_japanese

#: The largest file (or archive member, once inflated) one import reads.
MAX_FILE_BYTES = 1024 * 1024 * 1024
#: What all the members of one archive may inflate to together.
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024
#: The most files one archive may hold.
MAX_MEMBERS = 1000
_ZIP_MAGIC = b"PK\x03\x04"
#: The kinds of file the import reads, by the names people know them by (the web's drop zone
#: lists them): CSV/TSV/text in any encoding, Excel workbooks (.xlsx, .xlsm, Excel 97-2003
#: .xls), JSON report documents, any of these gzip'd (.gz), and .zip archives of them. The
#: reader goes by the bytes, never by the name: this list is for people.
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".json", ".gz", ".zip")


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # as reported back: "dir/a.csv", or "dir/b.zip!a.csv" for an archive member
    label: str  # as named in messages: "a.csv", "b.zip!a.csv"
    names: tuple[str, ...]  # file names that may carry a marketplace or a date, best first
    read: Callable[[], bytes]


def file_source(path: Path, shown: str | None = None) -> Source:
    """One file; ``shown`` is the name to report and record instead of its path (an upload's
    own name, not the server's temporary folder)."""

    def read() -> bytes:
        try:
            _check_file_size(path)
            return path.read_bytes()
        except FileNotFoundError:
            raise FileError(path.name, "no such file") from None
        except IsADirectoryError:
            raise FileError(path.name, "is a folder; import it with import_paths") from None
        except OSError as exc:
            raise FileError(path.name, f"cannot be read: {exc.strerror or exc}") from None

    return Source(shown or str(path), path.name, (path.name,), read)


def _check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileError(
            path.name,
            f"is {_mb(size)}, more than the {_mb(MAX_FILE_BYTES)} one import reads; "
            "download it in parts (shorter date ranges) and import those",
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def expand(paths: list[Path], shown_as: Mapping[Path, str] | None = None) -> Iterator[Source]:
    """Folders become their files (recursively, sorted by path); archives their members.
    ``shown_as`` gives a file the name to report and record instead of its path."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            for file in files:
                yield from _expand_file(file)
        else:
            yield from _expand_file(path, (shown_as or {}).get(path))


def _expand_file(path: Path, shown: str | None = None) -> Iterator[Source]:
    if path.suffix.lower() != ".zip" or not path.is_file():
        yield file_source(path, shown)
        return
    where = shown or str(path)
    try:
        _check_file_size(path)
        with zipfile.ZipFile(path) as archive:
            members = sorted(
                (_member_name(info), info.filename)
                for info in archive.infolist()
                if not info.is_dir() and not _hidden_member(info.filename)
            )
    except (zipfile.BadZipFile, OSError) as exc:
        yield Source(where, path.name, (path.name,), _fail(path.name, exc))
        return
    except FileError as exc:
        yield Source(where, path.name, (path.name,), _raise(exc))
        return
    if len(members) > MAX_MEMBERS:
        problem = (
            f"holds {len(members):,} files, more than the {MAX_MEMBERS:,} one archive may hold; "
            "unpack it and import the folder, or import smaller archives"
        )
        yield Source(where, path.name, (path.name,), _raise(FileError(path.name, problem)))
        return
    budget = _Budget(MAX_ARCHIVE_BYTES)
    for shown_name, member in members:
        yield _member_source(path, member, budget, where, shown_name)


@dataclass(slots=True)
class _Budget:
    """What the rest of an archive's members may still inflate to."""

    left: int


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it. Without the UTF-8 flag, ``zipfile`` decodes a
    name as cp437, but Windows writes it in the system's code page: a Chinese Windows names
    ``业务报告_US.csv`` in GBK (shown as ``╥╡╬±▒¿╕µ_US.csv``), a Japanese one in cp932. The
    bytes are taken back and read as UTF-8 (some tools omit the flag), cp932 when that reads
    as Japanese, else GB18030; cp437 stays when none reads."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    with contextlib.suppress(UnicodeDecodeError):
        return raw.decode("utf-8")
    for codec, plausible in (("cp932", reads_japanese), ("gb18030", reads_chinese)):
        with contextlib.suppress(UnicodeDecodeError):
            decoded = raw.decode(codec)
            if plausible(decoded):
                return decoded
    return name


def _member_source(
    archive: Path, member: str, budget: _Budget, where: str, shown: str | None = None
) -> Source:
    """``member`` is the name ``zipfile`` knows it by; ``shown`` what messages call it."""
    shown = shown or member
    label = f"{archive.name}!{shown}"

    def read() -> bytes:
        limit = min(MAX_FILE_BYTES, budget.left)
        whole_archive = budget.left < MAX_FILE_BYTES  # the archive's budget is what binds
        what, bound = (
            ("the archive's files together expand", MAX_ARCHIVE_BYTES)
            if whole_archive
            else ("expands", limit)
        )
        too_large = FileError(
            label, f"{what} to more than {_mb(bound)}; refused (too large, or a zip bomb)"
        )
        try:
            with zipfile.ZipFile(archive) as opened:
                if opened.getinfo(member).file_size > limit:
                    raise too_large  # as declared: nothing is inflated
                with opened.open(member) as stream:
                    data = _inflate(stream, limit)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise FileError(label, f"cannot be read from the archive: {exc}") from None
        if data is None:
            budget.left -= limit
            raise too_large
        budget.left -= len(data)
        if data.startswith(_ZIP_MAGIC) and not xlsx.is_workbook(data):
            raise FileError(
                label, "is an archive inside an archive, which is not opened; unpack it first"
            )
        return data

    names = (PurePosixPath(shown).name, archive.name)
    return Source(f"{where}!{shown}", label, names, read)


#: How much of a member is inflated at a time.
_CHUNK = 8 * 1024 * 1024


def _inflate(stream: IO[bytes], limit: int) -> bytes | None:
    """A member's bytes, inflated a chunk at a time; None as soon as they pass ``limit``
    (what was inflated is dropped: never more than ``limit`` and a chunk is held). A member
    that inflates to more than it declares fails its size check in ``zipfile``.

    The chunks go into one growing buffer whose bytes are handed over as they are (not a
    list of chunks joined at the end: that held a large member twice, the peak of its
    import); ``ZipFile.read`` is not used, it has no limit."""
    buffer = io.BytesIO()
    total = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            return None
        buffer.write(chunk)
    return buffer.getvalue()


def _raise(exc: FileError) -> Callable[[], bytes]:
    def read() -> bytes:
        raise exc

    return read


def _fail(name: str, exc: Exception) -> Callable[[], bytes]:
    def read() -> bytes:
        raise FileError(name, f"is not a readable zip archive: {exc}")

    return read


#: Files a desktop leaves next to reports: Windows thumbnail caches and folder settings.
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}


def _skipped(part: str) -> bool:
    """Hidden files (``.DS_Store``), Windows' ``Thumbs.db`` / ``desktop.ini`` and Office's
    lock file of a workbook open in Excel (``~$costs.xlsx``, not the workbook itself)."""
    return part.startswith((".", "~$")) or part.lower() in _SYSTEM_FILES


def _hidden(path: Path, root: Path) -> bool:
    return any(_skipped(part) for part in path.relative_to(root).parts)


def _hidden_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return parts[0] == "__MACOSX" or any(_skipped(part) for part in parts)
