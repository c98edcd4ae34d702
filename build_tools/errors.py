"""The one error type the pipeline raises for problems an editor can fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EditionError(Exception):
    """A problem in the edition's inputs, told as ``path:line:column: message``.

    Raised for anything an editor can fix (a bad anchor, an unknown id, a source that is not
    UTF-8); the command line prints it without a traceback and exits non-zero.
    """

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


# Problems told in full in one report; the rest are counted. A file gone wrong throughout
# (tens of thousands of errors) is fixed from its first errors, not read to its end.
REPORTED = 100


class EditionErrors(EditionError):
    """Several problems found in one pass, reported together so the editor fixes them at once
    (the first ``REPORTED`` of them in full, and how many more there are)."""

    def __init__(self, errors: list[EditionError]):
        self.errors = sorted(errors, key=lambda e: (e.path or "", e.line or 0, e.column or 0))
        super().__init__(self._report())

    def __str__(self) -> str:
        return self._report()

    def _report(self) -> str:
        told = "\n".join(str(e) for e in self.errors[:REPORTED])
        untold = len(self.errors) - REPORTED
        if untold <= 0:
            return told
        return (f"{told}\n… and {untold:,} more problems ({len(self.errors):,} in all; "
                f"the first {REPORTED} are told)")

    def __reduce__(self):
        # Sent back from a worker process whole, not rebuilt from its message.
        return EditionErrors, (self.errors,)


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file (1-based line and column), for error messages."""

    path: str
    line: int
    column: int

    def error(self, message: str) -> EditionError:
        return EditionError(message, self.path, self.line, self.column)
