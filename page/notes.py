"""Problems said beside the control that caused them, in an editor's words.

A handler raises :class:`Problem` (or lets an ``MtrepairError`` through); :func:`beside` turns it into
a note under the control it names and leaves every other output as it was, so that the last good
results stay visible and their downloads clickable.  ``gr.Error`` would instead put a red "Error"
badge over every output of the event.

Messages of the command line name its flags (``--column``), environment variables and server paths;
:func:`editors_words` says them in the page's words, and sends what only the operator can act on to
the log instead.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import fields

from translate.common.errors import MtrepairError

from .markup import escaped

log = logging.getLogger("mtrepair.app")

NOTE = "_note"  # the fields of a handler's outputs that hold its notes end so: "threshold_note", "action_note"


class Problem(Exception):
    """A visitor's mistake, said under ``where`` (its note is the outputs' field ``where + "_note"``)."""

    def __init__(self, message: str, where: str = "action") -> None:
        super().__init__(message)
        self.message, self.where = message, where


# The command line's words for what the page has a box for.
PAGE_WORDS = {
    "choose the one to translate with --column": "name the one to translate in the column box",
    "choose one with --column": "name one in the column box",
    "with --column": "in the column box",
    "choose one with --field": "name one in the JSONL field box",
    "; for a two-column file give --from and --to": "",
    "pass --from and --to": "choose the direction",
}
# What only the person running the page can act on: a flag, an environment variable, a path on the server.
OPERATOR_WORDS = re.compile(r"(?<![\w-])--\w|\bHF_\w|\bMTREPAIR_|(?<![\w.])(?:~|\.{1,2})?/[\w.-]+/|\b[A-Z]:\\")
UNEXPLAINED = "This could not be done on this server; the person who runs the page can read why in its log."


_UPLOAD_FOLDER = re.compile(r"\S*/gradio/[0-9a-f]{16,}/")  # where Gradio keeps an upload: its name is enough


def editors_words(message: str) -> str:
    """``message`` with the command line's words put as the page says them and uploads named by their
    file name; a message that still names something only the operator can act on is logged and
    replaced by a sentence saying so."""
    message = _UPLOAD_FOLDER.sub("", message)
    for cli, page in PAGE_WORDS.items():
        message = message.replace(cli, page)
    if OPERATOR_WORDS.search(message):
        log.warning("shown in the page as a general message: %s", message)
        return UNEXPLAINED
    return message


def beside(outputs):
    """Decorator: a :class:`Problem` or ``MtrepairError`` of the handler becomes its note (``outputs`` is
    the handler's :class:`page.common.Outputs` class; every field not a note must default to unchanged).
    Anything else is a bug: its traceback goes to the log, one sentence to the action's note."""
    notes = [f.name for f in fields(outputs) if f.name.endswith(NOTE)]

    def decorate(handler):
        @functools.wraps(handler)
        def wrapped(*args, **kwargs):
            try:
                return handler(*args, **kwargs)
            except Problem as problem:
                message, where = problem.message, problem.where
            except MtrepairError as error:
                message, where = editors_words(error.message), "action"
            except Exception:
                log.exception("unexpected error in %s", handler.__name__)
                message, where = "Something went wrong here; the page's log says what.", "action"
            shown = {name: (note(message) if name == where + NOTE else "") for name in notes}
            return outputs(**shown).values()

        return wrapped

    return decorate


def note(message: str) -> str:
    """A problem as its note shows it (Markdown): the message, escaped, behind a warning sign."""
    return "⚠ " + escaped(message)
