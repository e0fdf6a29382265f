"""What to import: files, folders (recursively) and .zip archives, as a sorted list of units.

Every file, and every member of an archive, is one unit: imported, skipped or failed on its
own. Hidden files (``.DS_Store``) and macOS resource forks (``__MACOSX/``) are passed over.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sellerops.ingest.errors import FileError


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # as reported back: "dir/a.csv", or "dir/b.zip!a.csv" for an archive member
    label: str  # as named in messages: "a.csv", "b.zip!a.csv"
    names: tuple[str, ...]  # file names that may carry a marketplace or a date, best first
    read: Callable[[], bytes]


def file_source(path: Path) -> Source:
    def read() -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise FileError(path.name, "no such file") from None
        except IsADirectoryError:
            raise FileError(path.name, "is a folder; import it with import_paths") from None
        except OSError as exc:
            raise FileError(path.name, f"cannot be read: {exc.strerror or exc}") from None

    return Source(str(path), path.name, (path.name,), read)


def expand(paths: list[Path]) -> Iterator[Source]:
    """Folders become their files (recursively, sorted by path); archives their members."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            for file in files:
                yield from _expand_file(file)
        else:
            yield from _expand_file(path)


def _expand_file(path: Path) -> Iterator[Source]:
    if path.suffix.lower() != ".zip" or not path.is_file():
        yield file_source(path)
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and not _hidden_member(info.filename)
            )
    except (zipfile.BadZipFile, OSError) as exc:
        yield Source(str(path), path.name, (path.name,), _fail(path.name, exc))
        return
    for member in members:
        yield _member_source(path, member)


def _member_source(archive: Path, member: str) -> Source:
    def read() -> bytes:
        with zipfile.ZipFile(archive) as opened:
            return opened.read(member)

    label = f"{archive.name}!{member}"
    names = (PurePosixPath(member).name, archive.name)
    return Source(f"{archive}!{member}", label, names, read)


def _fail(name: str, exc: Exception) -> Callable[[], bytes]:
    def read() -> bytes:
        raise FileError(name, f"is not a readable zip archive: {exc}")

    return read


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _hidden_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)
