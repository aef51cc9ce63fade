"""Errors that mtrepair reports to a person as one line, without a traceback.

Every stage raises a subclass of :class:`MtrepairError` with a message that
already names the file, line and problem; the command line prints it as
``mtrepair: error: <message>`` and exits with :attr:`exit_code`.
"""

from __future__ import annotations


class MtrepairError(Exception):
    """A problem the user can fix: bad input, a missing model, a wrong option."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(MtrepairError):
    """An input file that cannot be read as asked (missing, not UTF-8, wrong column ...)."""


class ModelUnavailableError(MtrepairError):
    """The translation model cannot be loaded (offline, missing folder, not seq2seq)."""

    exit_code = 3


class ConversionError(ModelUnavailableError):
    """The model is there but CTranslate2 cannot convert it (an architecture it does not support)."""


class OutputError(MtrepairError):
    """An output that cannot be written, or that would destroy an input or another output."""


class RecordsFailed(MtrepairError):
    """A batch job finished, but some records could not be translated (they are listed)."""

    exit_code = 1


class ResumeError(MtrepairError):
    """A progress file that does not belong to this run or is damaged."""


def first_line(error: BaseException) -> str:
    """An unexpected exception in one line: its type and the first line of its message."""
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0]}" if text else type(error).__name__


def where(path: str, line: int | None = None) -> str:
    """``path:line`` as used at the start of every error message."""
    return f"{path}:{line}" if line is not None else path
