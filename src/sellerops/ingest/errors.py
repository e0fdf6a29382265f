"""What can go wrong while importing a file, each error saying where and what was expected.

Every error a user can cause derives from :class:`IngestError`; its text is the message the
CLI prints, so it names the file (and, when there is one, the line and the column).
"""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be imported; ``str(error)`` is the message for the user."""


class FileError(IngestError):
    """``<file>[, line N][, column "X"]: <problem>``."""

    def __init__(
        self, file_name: str, problem: str, *, line: int | None = None, column: str | None = None
    ) -> None:
        self.file_name = file_name
        self.problem = problem
        self.line = line
        self.column = column
        where = file_name
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f', column "{column}"'
        super().__init__(f"{where}: {problem}")


class EmptyFileError(FileError):
    """The file has no bytes, or nothing but blank lines."""


class DecodeError(FileError):
    """The bytes are not text in any encoding Amazon files come in."""


class UnknownReportError(IngestError):
    """The header row matches no registered report family."""

    def __init__(self, file_name: str, closest: list[str], known: int, hint: str = "") -> None:
        self.file_name = file_name
        self.closest = closest
        super().__init__(
            f"{file_name} is not a report sellerops knows ({known} report types). "
            f"Closest known report types: {'; '.join(closest)}.{hint}"
        )


class ResolutionError(FileError):
    """The store or the day a file belongs to cannot be told; the message says which option."""


class CellError(FileError):
    """One cell does not hold what its column needs."""
