"""What every panel of the page shares: its settings, errors shown as one sentence, pasted text
checked, highlighted text, folders for downloads, and :class:`Outputs`, the base of the dataclasses
that name a handler's outputs."""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import field, fields
from pathlib import Path

import gradio as gr

from eval.html_report import fixed_pieces
from glossary.files import DEFAULT_GLOSSARY
from translate.common.errors import MtrepairError

from .markup import escaped
from .notes import Problem, editors_words

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "app"
GLOSSARY_CHOICES = {
    "levant-news (built in: Iraq, Syria, Levant)": DEFAULT_GLOSSARY,
    "FLORES-101 example names": str(EXAMPLES / "flores-names.tsv"),
}
DIRECTIONS = {"English → Arabic": ("en", "ar"), "Arabic → English": ("ar", "en")}
MAX_TEXT_CHARS = 20_000  # pasted text: a few pages of news

# Concurrency, by the work an event does.  Gradio's queue keeps one line per concurrency id and starts
# the next event of a line as soon as that line has a free slot, whatever other lines are doing; so an
# event waits only behind events of its own group (and for a free worker thread, app.MAX_THREADS).
# - MODEL: translation holds the one shared model (two CPU cores: two at once would only halve each
#   one's speed and double the memory); Translate and Batch queue behind each other, nothing else does.
# - LIGHT: repair, the review's decisions and glossary edits take milliseconds of CPU each; sharing one
#   generous group lets a newsroom's burst (the 50 visitors x 2 repairs) drain in about a
#   second instead of waiting out per-event defaults, while bounding the threads they can take.
# - SCORE: a score with its bootstrap can take seconds; its own small group keeps it from filling the
#   light slots.
MODEL = {"concurrency_id": "model", "concurrency_limit": 1}
LIGHT = {"concurrency_id": "light", "concurrency_limit": 16}
SCORE = {"concurrency_id": "score", "concurrency_limit": 2}

log = logging.getLogger("mtrepair.app")


class Outputs:
    """Base of the dataclasses that name what a handler shows: one field per Gradio output, in the
    order of the event's outputs (a field that is itself ``Outputs`` stands for all of its own).

    The handler returns ``SomeOutputs(...).values()``; the layout wires the event with
    ``SomeOutputs.components(name=component, ...)``, so that each output is named once, by its field.
    """

    def values(self) -> tuple:
        """The tuple Gradio wants, in the order of the fields."""
        out = []
        for f in fields(self):
            value = getattr(self, f.name)
            out += value.values() if isinstance(value, Outputs) else (value,)
        return tuple(out)

    @classmethod
    def components(cls, **named) -> list:
        """The event's outputs in the order of the fields: one component per field (a list of them
        for a field that is itself ``Outputs``)."""
        names = [f.name for f in fields(cls)]
        if set(named) != set(names):
            raise TypeError(f"{cls.__name__} outputs are {names}, not {sorted(named)}")
        out = []
        for name in names:
            out += named[name] if isinstance(named[name], (list, tuple)) else [named[name]]
        return out


def unchanged():
    """A field's default: the component stays as it is."""
    return field(default_factory=gr.update)


def user_errors(handler):
    """Show problems as one sentence in a message box (for events that have no note beside their
    control, page.notes.beside): a user's mistake as itself, anything else briefly."""

    @functools.wraps(handler)
    def wrapped(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except gr.Error:
            raise
        except (Problem, MtrepairError) as error:
            raise gr.Error(_as_html(editors_words(error.message)), print_exception=False) from None
        except Exception as error:  # a bug: the log gets the traceback, the page one line
            log.exception("unexpected error in %s", handler.__name__)
            raise gr.Error(f"Something went wrong ({type(error).__name__}); the page's log says what.",
                           print_exception=False) from None

    return wrapped


def _as_html(message: str) -> str:
    """No ``<...>`` in a message box that the browser would take for an HTML tag."""
    return message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def for_the_page(message: str) -> str:
    """A message as the page shows it in Markdown: in an editor's words (uploads by their file name, not
    the server's temporary folder), escaped."""
    return escaped(editors_words(message))


def pasted(text: str, what: str, where: str = "action") -> str:
    """Text pasted into the page, checked: not empty, not longer than the page takes (a problem said
    under ``where``)."""
    text = (text or "").strip("\n")
    if not text.strip():
        raise Problem(f"Paste some {what} first.", where)
    if len(text) > MAX_TEXT_CHARS:
        raise Problem(f"The {what} has {len(text):,} characters; the page takes up to {MAX_TEXT_CHARS:,} "
                      "(use the Batch tab for long documents).", where)
    return text


def highlighted(lines) -> list[tuple[str, str | None]]:
    """(text, fixes) per line -> HighlightedText pieces, each fix marked, lines kept apart."""
    pieces: list[tuple[str, str | None]] = []
    for n, (text, fixes) in enumerate(lines):
        if n:
            pieces.append(("\n", None))
        pieces += [(p.text, "glossary fix" if p.kind else None) for p in fixed_pieces(text, fixes)]
    return pieces


def right_to_left(direction: str):
    """Arabic boxes read right to left: (source box, translation box) for ``direction``."""
    return tuple(gr.update(rtl=lang == "ar") for lang in DIRECTIONS[direction])


def examples(name: str) -> str:
    """The text of one of the page's examples."""
    return (EXAMPLES / name).read_text(encoding="utf-8").rstrip("\n")


SCRATCH = Path(tempfile.gettempdir()) / f"mtrepair-page-{os.getpid()}"
SCRATCH_KEPT_S = 3600  # files made for downloads are served from Gradio's cache; our copies go after an hour


def scratch_folder(kind: str) -> Path:
    """A new folder for the files of one answer (downloads); those of answers over an hour old are deleted."""
    SCRATCH.mkdir(exist_ok=True)
    for old in SCRATCH.iterdir():
        try:
            if time.time() - old.stat().st_mtime > SCRATCH_KEPT_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass  # another visitor's request removed it first
    return Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=SCRATCH))
