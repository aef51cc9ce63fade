"""Problems found while reading a glossary file, each tied to a file and line."""

from __future__ import annotations

from dataclasses import dataclass

from translate.common.errors import InputError, where


class GlossaryError(InputError):
    """A glossary file that cannot be used (its message names file, line and reason)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a glossary file.

    ``fatal`` problems stop loading (the file cannot be used as it is);
    the others (a duplicate, an unknown language column) are reported by
    ``mtrepair glossary check`` as warnings but do not stop a repair.  A
    ``note`` is information, not a problem (two entries that are an acronym
    and its full form): listed, never counted.
    """

    path: str
    line: int | None
    reason: str
    fatal: bool = True
    note: bool = False

    def __str__(self) -> str:
        return f"{where(self.path, self.line)}: {self.reason}"

    def error(self) -> GlossaryError:
        return GlossaryError(str(self))


def raise_first_fatal(problems: list[Problem]) -> None:
    """Loading stops at the first fatal problem, in file order."""
    for problem in problems:
        if problem.fatal:
            raise problem.error()
