"""mtrepair in the browser: translate, repair, score, batch and glossary tabs.

    python app.py                      # http://127.0.0.1:7860
    python app.py --port 8080 --host 0.0.0.0

The page only wires widgets to mtrepair's packages: translation and round
trips (``translate``, ``eval.roundtrip``), name repair (``glossary.repair``),
scores (``eval.scoring``), batch jobs (``translate.batch``).  Every error a
user can cause is shown in the page as one sentence; no traceback reaches
the browser.  Models load on first use and are shared by all visitors;
without one (offline), the page says so and Repair and Score keep working.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import gradio as gr
import pandas as pd

from eval.html_report import fixed_pieces
from eval.render import ranking, score_rows
from eval.roundtrip import RoundTrip
from eval.scoring import ScoreSettings, score_files
from eval.texts import read_lines
from glossary.entry import Glossary, GlossaryEntry
from glossary.tabular import two_columns_without_header
from glossary.files import DEFAULT_GLOSSARY, default_glossary_path, load_glossary, save_glossary
from glossary.confidence import load_calibration
from glossary.repair import RepairResult, shared_repairer
from glossary.review import Review
from translate.arguments import fraction
from translate.common.errors import MtrepairError
from translate.pool import TranslatorPool

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples" / "app"
GLOSSARY_CHOICES = {
    "levant-news (built in: Iraq, Syria, Levant)": DEFAULT_GLOSSARY,
    "FLORES-101 example names": str(EXAMPLES / "flores-names.tsv"),
}
DIRECTIONS = {"English → Arabic": ("en", "ar"), "Arabic → English": ("ar", "en")}
# Models visitors may choose: the default for the direction, plus what the
# server's operator lists (MTREPAIR_MODELS="id,/path/to/folder"); never a
# path or hub id typed into the page.
DEFAULT_MODEL = "default (OPUS-MT big for the direction)"
MODEL_CHOICES = [DEFAULT_MODEL] + [m.strip() for m in os.environ.get("MTREPAIR_MODELS", "").split(",") if m.strip()]
MAX_BATCH_RECORDS = 2_000  # one visitor's batch must not hold the translation queue for hours
MAX_FILE_SIZE = "10mb"  # uploads: glossaries, files to score or translate
MAX_TEXT_CHARS = 20_000  # pasted text: a few pages of news
ATTRIBUTION = ("Examples: FLORES-101 dev set (Goyal et al., 2021; CC BY-SA 4.0) and OPUS-MT / Google / Argos "
               "translations of it from Mozilla's firefox-translations-models evaluation (MPL-2.0).")
# Arabic typography (Gradio's defaults are for space-separated Latin tokens):
# - the highlighted text is laid out inline, not as a row of flex items, so a line breaks only where
#   the text allows it, never between a clitic and the name it is attached to («في|الموصل» stays whole);
# - Gradio's word-break: break-all, which splits words at any letter («ف|ي»), becomes normal;
# - the blanks Gradio's markup puts between tokens get no width (font-size 0 outside the text itself),
#   and a highlight is the text's own background (no padding), so nothing is added around punctuation:
#   «(الموصل)»;
# - tables use the page's proportional font (with Arabic glyphs) instead of the monospace one, and each
#   cell takes the direction of its own text (dir="auto").
CSS = """
#model-status p { font-weight: 600; }
.mt-highlight .textfield { display: block; font-size: 0; line-height: 0; word-break: normal; overflow-wrap: normal; }
.mt-highlight .token-container, .mt-highlight .token { display: inline; padding: 0; margin: 0; }
.mt-highlight .text { font-size: var(--text-lg); line-height: 2; word-break: normal; overflow-wrap: break-word;
                      white-space: pre-wrap; padding: 0; margin: 0; }
.mt-highlight .token.highlighted .text { background-color: inherit; border-radius: 2px; }
.mt-highlight .line-break { display: block; }
/* Phone width (390 px): option rows stack with their labels whole, and all five tabs fit in one row
   (Gradio hides tabs that do not fit behind a "..." menu). */
@media (max-width: 640px) {
  .mt-options, .mt-options .form { flex-wrap: wrap !important; flex-direction: column; }
  .mt-options > *, .mt-options .form > * { min-width: 100% !important; width: 100%; }
  .mt-options label span { white-space: normal; overflow: visible; text-overflow: clip; }
  .tab-container button, .tab-wrapper button[role="tab"] { padding-left: 6px !important; padding-right: 6px !important;
                                                           font-size: 14px; }
}
/* The review table is edited only by its ticks: no rows added or removed by hand. */
.mt-review .add-row-button, .mt-review .cell-menu-button { display: none !important; }
.gradio-container table td, .gradio-container table th, .gradio-container table td *,
.gradio-container .virtual-row, .gradio-container .virtual-row * {
    font-family: var(--font); word-break: normal; overflow-wrap: break-word; unicode-bidi: plaintext; }
"""
# The blanks of Gradio's markup between highlighted tokens are emptied, so that copied text is the
# text itself («(الموصل)», not «( الموصل )»); the CSS above already gives them no width.
HEAD = """<script>
new MutationObserver(() => {
  for (const root of document.querySelectorAll('.mt-highlight .textfield')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data && !node.data.trim() && !node.parentElement.closest('.text')) node.data = '';
    }
  }
}).observe(document.documentElement, {childList: true, subtree: true});
</script>"""

# The review table: what a person decides on first (phone width shows the first columns), the
# evidence in words last but one, and last the number that names the change (decisions are matched
# by it, so a table the person sorted still means the same changes).
REVIEW_COLUMNS = ["apply", "before", "after", "confidence", "mtrepair", "entry", "line", "method", "evidence", "#"]
REVIEW_WIDTHS = ["84px", "15%", "18%", "112px", "100px", "90px", "60px", "120px", "40%", "48px"]
REVIEW_TYPES = ["bool", "str", "str", "number", "str", "str", "number", "str", "str", "number"]
CHECK_COLUMNS = ["line", "chrF", "BLEU", "flagged", "why"]
MISSED_COLUMNS = ["system", "line", "source name", "expected", "entry", "type"]
ENTRY_COLUMNS = ["id", "en", "ar", "type", "note"]
PREVIEW_COLUMNS = ["line", "source", "translation"]
PREVIEW_RECORDS = 10

log = logging.getLogger("mtrepair.app")
# The engine is chosen as on the command line (translate.factory: auto is
# CTranslate2 on a CPU); MTREPAIR_ENGINE=transformers or ctranslate2 forces one.
pool = TranslatorPool(engine=os.environ.get("MTREPAIR_ENGINE", "auto"))


def user_errors(handler):
    """Show problems in the page as one sentence: a user's mistake as itself, anything else briefly."""

    @functools.wraps(handler)
    def wrapped(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except gr.Error:
            raise
        except MtrepairError as error:
            raise gr.Error(_for_the_page(error.message), print_exception=False) from None
        except Exception as error:  # a bug: the log gets the traceback, the page one line
            log.exception("unexpected error in %s", handler.__name__)
            raise gr.Error(_for_the_page(f"Something went wrong ({type(error).__name__}: {error})."),
                           print_exception=False) from None

    return wrapped


_UPLOAD_FOLDER = re.compile(r"\S*/gradio/[0-9a-f]{16,}/")


def _for_the_page(message: str) -> str:
    """A message as the page shows it: uploads by their file name, not the server's temporary
    folder; no ``<...>`` that the browser would take for an HTML tag."""
    return _UPLOAD_FOLDER.sub("", message).replace("<", "&lt;").replace(">", "&gt;")


def _text(text: str, what: str) -> str:
    text = (text or "").strip("\n")
    if not text.strip():
        raise gr.Error(f"Paste some {what} first.", print_exception=False)
    if len(text) > MAX_TEXT_CHARS:
        raise gr.Error(f"The {what} has {len(text):,} characters; the page takes up to {MAX_TEXT_CHARS:,} "
                       "(use the Batch tab or `mtrepair translate` for long documents).", print_exception=False)
    return text


def _highlighted(lines) -> list[tuple[str, str | None]]:
    """(text, fixes) per line -> HighlightedText pieces, each fix marked, lines kept apart."""
    pieces: list[tuple[str, str | None]] = []
    for n, (text, fixes) in enumerate(lines):
        if n:
            pieces.append(("\n", None))
        pieces += [(p.text, "glossary fix" if p.kind else None) for p in fixed_pieces(text, fixes)]
    return pieces


def _review_rows(review: Review) -> pd.DataFrame:
    rows = [(accept, c.before, c.after, c.confidence, "applied" if c.kind == "fix" else "suggested", c.entry_id, c.line,
             c.method, c.evidence + (f". Not applied: {c.reason}" if c.reason else ""), number)
            for number, (c, accept) in enumerate(zip(review.changes, review.accepted), start=1)]
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


SCRATCH = Path(tempfile.gettempdir()) / f"mtrepair-page-{os.getpid()}"
SCRATCH_KEPT_S = 3600  # files made for downloads are served from Gradio's cache; our copies go after an hour


def _scratch_folder(kind: str) -> Path:
    """A new folder for the files of one answer (downloads); those of answers over an hour old are deleted."""
    SCRATCH.mkdir(exist_ok=True)
    for old in SCRATCH.iterdir():
        try:
            if time.time() - old.stat().st_mtime > SCRATCH_KEPT_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass  # another visitor's request removed it first
    return Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=SCRATCH))


def _review_files(review: Review, stem: str) -> tuple[str, str]:
    """The text as decided and the report of the decisions (JSONL, as ``mtrepair repair --report``), to download."""
    folder = _scratch_folder("review")
    text, report = folder / f"{stem}.txt", folder / f"{stem}.report.jsonl"
    text.write_text("".join(line + "\n" for line in review.texts()), encoding="utf-8")
    report.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in review.records()), encoding="utf-8")
    return str(text), str(report)


def _review_note(review: Review, set_aside: list[int] = ()) -> str:
    if not review.changes:
        return "No changes to review."
    counts = review.counts()
    note = (f"{len(review.changes)} change{'s' if len(review.changes) != 1 else ''} to review: "
            f"{counts['accepted']} accepted, {counts['rejected']} rejected")
    note += f" ({counts['by_editor']} by you)." if counts["by_editor"] else " (as mtrepair decided)."
    if set_aside:
        note += (" Set aside, as it covers the same words as the one you accepted: change "
                 + ", ".join(f"#{n}" for n in set_aside) + ".")
    return note


def _reviewed(review: Review, stem: str, set_aside: list[int] = ()):
    """What the page shows of a review: the state, the text highlighted, the table, the text to
    copy, the two downloads and the note."""
    pieces = _highlighted((line.text, accepted) for line, accepted in review.per_line())
    text_file, report_file = _review_files(review, stem)
    return (review, pieces, _review_rows(review), "\n".join(review.texts()), text_file, report_file,
            _review_note(review, set_aside))


def decide(review: Review | None, table: pd.DataFrame, stem: str):
    """A box of the review table's "apply" column was ticked or cleared: the text follows."""
    if review is None:
        return (gr.update(),) * 7
    wanted = {}
    for number, accept in zip(table["#"], table["apply"]):
        try:
            number = int(number)
        except (TypeError, ValueError):
            continue  # a row the person added by hand: not a change
        if 1 <= number <= len(review.changes):
            wanted[number] = accept is True or str(accept).lower() == "true"
    review, set_aside = review.with_decisions(wanted)
    return _reviewed(review, stem, set_aside)


def _accept_where(review: Review | None, stem: str, keep):
    """One of the review's buttons: exactly the changes ``keep`` says yes to are accepted."""
    if review is None:
        return (gr.update(),) * 7
    return _reviewed(review.accept_where(keep), stem)


def accept_sure(review: Review | None, stem: str):
    """mtrepair's decisions again: its fixes accepted, its suggestions rejected."""
    return _accept_where(review, stem, lambda change: change.kind == "fix")


def accept_all(review: Review | None, stem: str):
    return _accept_where(review, stem, lambda change: True)


def reject_all(review: Review | None, stem: str):
    return _accept_where(review, stem, lambda change: False)


# -- glossary (shared by every tab) ------------------------------------------

def _active(glossary: Glossary, name: str) -> str:
    return f"**Active glossary:** {name} — {len(glossary)} entries ({', '.join(glossary.languages)})"


UPLOADED = "uploaded: "  # the dropdown's entry for an uploaded glossary, so that it shows what is active
EDITED = "edited in the page"  # ... and for the glossary once an entry is saved in the page
COLUMN_ORDERS = {"English, then Arabic": ("en", "ar"), "Arabic, then English": ("ar", "en")}


def _choices(uploaded: str | None = None, edited: bool = False) -> list[str]:
    return list(GLOSSARY_CHOICES) + ([UPLOADED + uploaded] if uploaded else []) + ([EDITED] if edited else [])


def _edited(glossary: Glossary) -> bool:
    return glossary.path.startswith("<")


def _name_of(glossary: Glossary) -> str:
    """How the page names a glossary: its entry in the list, the uploaded file, or "edited in the page"."""
    builtin = {os.path.realpath(default_glossary_path() if path == DEFAULT_GLOSSARY else path): label
               for label, path in GLOSSARY_CHOICES.items()}
    if not _edited(glossary) and os.path.realpath(glossary.path) in builtin:
        return builtin[os.path.realpath(glossary.path)]
    return EDITED if _edited(glossary) else Path(glossary.path).name


# Every change of glossary gives the same outputs (build: ``switched``): the glossary in use, the
# line naming it, the list, the uploaded glossary (to choose again), the glossary waiting for the edits
# to be discarded and the warning about it, the upload box, and the question about a header-less
# file (its row, then the question itself).
def _switch(current: Glossary, uploaded, new: Glossary, label: str):
    """``new`` becomes the glossary in use and the list shows ``label`` — unless entries were edited in
    the page: those are not thrown away without asking (the warning offers to discard them)."""
    upload_name = uploaded[0] if uploaded else None
    if _edited(current) and new is not current:
        warning = (f"**Your edits are kept for now.** Using **{label}** would throw away the entries saved in "
                   "this page (export them first in the Glossary tab to keep a copy).")
        return (current, gr.update(), gr.update(choices=_choices(upload_name, True), value=EDITED), uploaded,
                (label, new), gr.update(visible=True), warning, None, gr.update(visible=False), gr.update())
    value = label if label in GLOSSARY_CHOICES else UPLOADED + label
    return (new, _active(new, label), gr.update(choices=_choices(upload_name), value=value), uploaded, None,
            gr.update(visible=False), "", None, gr.update(visible=False), gr.update())


_UNCHANGED = (gr.update(),) * 10


@user_errors
def choose_glossary(choice: str, current: Glossary, uploaded=None):
    """The list was changed (by hand or by an example): the latest choice wins."""
    if choice in GLOSSARY_CHOICES:
        return _switch(current, uploaded, load_glossary(GLOSSARY_CHOICES[choice]), choice)
    if uploaded and choice == UPLOADED + uploaded[0]:
        return _switch(current, uploaded, uploaded[1], uploaded[0])
    return _UNCHANGED  # the entry of the glossary already in use (set by the page itself)


@user_errors
def upload_glossary(upload: str | None, current: Glossary, uploaded=None):
    """A file was uploaded: it becomes the glossary and the list says so.  A file that cannot be read
    leaves the glossary in use as it was, and the page says so once (no error badges).  A two-column
    file without a header waits for the person to say which language each column holds."""
    if not upload:
        return _UNCHANGED
    name = Path(upload).name
    try:
        rows = two_columns_without_header(upload) if upload.lower().endswith((".tsv", ".csv", ".txt")) else None
        if rows == []:
            return _not_loaded(upload, "its first row names no languages (a header such as 'en, ar' or 'English, "
                                       "Arabic'), and it is not a file of two columns", current, uploaded)
        if rows:
            arabic_first = sum(map(_arabic_letters, (r[0] for r in rows))) > sum(map(_arabic_letters, (r[1] for r in rows)))
            question = gr.update(value="Arabic, then English" if arabic_first else "English, then Arabic",
                                 label=f"{name} has no header: which language is in which column?")
            return (current, gr.update(), gr.update(), uploaded, None, gr.update(visible=False), "", gr.update(),
                    gr.update(visible=True), question)
        glossary = load_glossary(upload)
    except MtrepairError as error:
        return _not_loaded(upload, error.message, current, uploaded)
    return _switch(current, (name, glossary), glossary, name)


@user_errors
def load_columns(upload: str | None, order: str, current: Glossary, uploaded=None):
    """The person said which language each column of a header-less file holds: load it so."""
    if not upload:
        raise gr.Error("Upload the glossary file again.", print_exception=False)
    name = Path(upload).name
    try:
        glossary = load_glossary(upload, *COLUMN_ORDERS[order])
    except MtrepairError as error:
        return _not_loaded(upload, error.message, current, uploaded)
    return _switch(current, (name, glossary), glossary, name)


def _not_loaded(upload: str, reason: str, current: Glossary, uploaded):
    """A file that could not be loaded: said once; the glossary in use, and a warning about edits
    waiting for an answer, stay as they were."""
    name = Path(upload).name
    reason = _for_the_page(reason).replace(upload, name).rstrip(".") + "."
    return (current, f"**{name} was not loaded:** {reason} The glossary in use is still **{_name_of(current)}**.",
            gr.update(), uploaded, gr.update(), gr.update(), gr.update(), None, gr.update(visible=False), gr.update())


@user_errors
def discard_edits(current: Glossary, uploaded, pending):
    """The person chose to throw away the edits: the glossary they asked for is used."""
    if not pending:
        return _UNCHANGED
    label, new = pending
    return _switch(new, uploaded, new, label)


def forget_columns_question():
    """The upload's × was clicked while the page asked about a header-less file: the question goes."""
    return gr.update(visible=False)


def keep_edits():
    return (gr.update(),) * 4 + (None, gr.update(visible=False), "") + (gr.update(),) * 3


def _arabic_letters(text: str) -> int:
    return sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")


def load_entry(glossary: Glossary, query: str, event: gr.SelectData):
    """A row of the glossary table was clicked: its entry goes into the form, alternatives and all.
    The row is found again from the glossary and the search (the event's own copy of the row can
    be the table as it was before the search)."""
    index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
    rows = [e for e in glossary.search(query or "")]
    if not isinstance(index, int) or not 0 <= index < len(rows):
        return (gr.update(),) * 6
    entry = rows[index]
    return (entry.id, " | ".join(entry.forms("en")), " | ".join(entry.forms("ar")), entry.type or None, entry.note,
            gr.update(open=True))


def _glossary_table(glossary: Glossary, query: str = "") -> pd.DataFrame:
    rows = [(e.id, " | ".join(e.forms("en")), " | ".join(e.forms("ar")), e.type, e.note) for e in glossary.search(query)]
    return pd.DataFrame(rows, columns=ENTRY_COLUMNS)


@user_errors
def search_glossary(glossary: Glossary, query: str):
    table = _glossary_table(glossary, query or "")
    return table, f"{len(table)} of {len(glossary)} entries"


@user_errors
def save_entry(glossary: Glossary, entry_id: str, english: str, arabic: str, kind: str | None = None,
               note: str = "", query: str = "", uploaded=None):
    cells = {"id": entry_id, "English": english, "Arabic": arabic, "type": kind, "note": note}
    for label, cell in cells.items():
        if any(ch in (cell or "") for ch in "\t\n\r"):
            raise gr.Error(f"The {label} field holds a tab or a line break; glossary cells are one line.",
                           print_exception=False)
    split = lambda cell: tuple(part.strip() for part in (cell or "").split("|") if part.strip())  # noqa: E731
    forms = {"en": split(english), "ar": split(arabic)}
    if not forms["en"] or not forms["ar"]:
        raise gr.Error("An entry needs an English and an Arabic form (alternatives separated by ' | ').",
                       print_exception=False)
    entry_id = (entry_id or "").strip() or f"user-{len(glossary) + 1}"
    entry = GlossaryEntry(entry_id, forms, (kind or "").strip(), (note or "").strip())
    edited = glossary.with_entry(entry)
    glossary = Glossary(edited.entries, edited.languages, "<edited in the page>")
    table, count = search_glossary(glossary, query)
    return (glossary, table, count, f"**Active glossary:** {EDITED} — {len(glossary)} entries (saved {entry_id})",
            gr.update(choices=_choices(uploaded[0] if uploaded else None, True), value=EDITED))


@user_errors
def export_glossary(glossary: Glossary, format: str):
    folder = _scratch_folder("glossary")
    path = folder / f"glossary.{format}"
    save_glossary(glossary, str(path))
    return str(path)


# -- Translate ----------------------------------------------------------------

class SentenceProgress:
    """Real counts for the page's progress bar: sentences translated of those to translate."""

    def __init__(self, progress, total: int, what: str) -> None:
        self.progress, self.total, self.what, self.done = progress, max(total, 1), what, 0
        self.progress((0, self.total), desc=what, unit="sentences")

    def __call__(self, sentences: int) -> None:
        self.done = min(self.done + sentences, self.total)
        self.progress((self.done, self.total), desc=self.what, unit="sentences")


def _sentences(lines: list[str], lang: str) -> int:
    """Distinct sentences to translate in ``lines`` (the pipeline translates each once)."""
    from translate.segment import segment_text

    return len({s.text for line in lines for s in segment_text(line, lang) if s.needs_translation})


@user_errors
def translate_text(direction: str, text: str, glossary: Glossary, use_glossary: bool = True, round_trip: bool = True,
                   model: str = DEFAULT_MODEL, back_model: str = DEFAULT_MODEL, progress=gr.Progress()):
    source_lang, target_lang = DIRECTIONS[direction]
    lines = _text(text, "text to translate").split("\n")
    forward = pool.get(source_lang, target_lang, _model(model, source_lang, target_lang))
    repairer = shared_repairer(glossary, source_lang, target_lang) if use_glossary else None
    count = _sentences(lines, source_lang)
    if not round_trip:
        from translate.pipeline import translate_texts

        on_batch = SentenceProgress(progress, count, "translating")
        translations = [r.translation for r in translate_texts(lines, forward, source_lang, on_batch=on_batch)]
        results = [repairer.repair(t, s, line=n) if repairer else RepairResult(n, t, t, (), ())
                   for n, (s, t) in enumerate(zip(lines, translations), start=1)]
        return (*_reviewed(Review.of(results), "translation"), "", pd.DataFrame(columns=CHECK_COLUMNS),
                "Round trip off: no back-translation.", _model_note(forward, None))
    backward = pool.get(target_lang, source_lang, _model(back_model, target_lang, source_lang))
    trip = RoundTrip(source_lang, target_lang, backward=backward, forward=forward,
                     glossary=glossary if use_glossary else None)
    # Forward, then back: about as many sentences again (the back-translation of each).
    report = trip.check(lines, on_batch=SentenceProgress(progress, 2 * count, "translating, then back-translating"))
    back = "\n".join(s.back_translation for s in report.sentences)
    checks = pd.DataFrame(
        [(s.line, round(s.chrf, 1), round(s.bleu, 1), "yes" if s.flagged else "", "; ".join(s.reasons))
         for s in report.sentences],
        columns=CHECK_COLUMNS,
    )
    lost = [f"- line {s.line}: {n.source} ({'missing in the translation' if not n.in_translation else 'not back-translated'})"
            for s in report.sentences for n in s.lost_names]
    names = ("**Names that did not survive the round trip:**\n" + "\n".join(lost)) if lost else (
        "Every glossary name survived the round trip." if any(s.names for s in report.sentences)
        else "No glossary names in this text.")
    # The back-translation is of the translation as mtrepair repaired it; the review changes the
    # translation only.
    return (*_reviewed(Review.of(report.sentences), "translation"), back, checks, names, _model_note(forward, backward))


# A model of MTREPAIR_MODELS that stands in for a direction's default where the default cannot be
# had here (model_status finds it): "default" in the page then means that model.
STAND_INS: dict[tuple[str, str], str] = {}


def _model(choice: str | None, source_lang: str, target_lang: str) -> str | None:
    if not choice or choice == DEFAULT_MODEL:
        return STAND_INS.get((source_lang, target_lang))
    if choice not in MODEL_CHOICES:
        raise gr.Error("Choose a model from the list.", print_exception=False)
    return choice


def _serves(model: str, source_lang: str, target_lang: str) -> bool:
    """Whether a listed model can stand in for a direction: it says it translates that pair (an
    OPUS-MT tokenizer names its languages), or it names none (a multilingual model)."""
    from translate.models import local_model_folder, model_for_pair

    try:
        config = Path(local_model_folder(model_for_pair(source_lang, target_lang, model))) / "tokenizer_config.json"
        declared = json.loads(config.read_text(encoding="utf-8")) if config.is_file() else {}
    except (MtrepairError, OSError, ValueError):
        return False
    pair = (declared.get("source_lang"), declared.get("target_lang"))
    return pair == (None, None) or pair == (source_lang, target_lang)


def _model_note(forward, backward) -> str:
    used = f"forward: `{forward.model_id}`" + (f"; back: `{backward.model_id}`" if backward else "")
    return f"Models — {used}"


def model_status():
    """What the editor can do here, in plain words, and the tab to open on: Repair when nothing
    can be translated.  Loads the default models once; where one cannot be had, a model the
    operator listed in MTREPAIR_MODELS for that direction stands in.  What an operator can do
    about a missing model goes to the log (and the README), not to the page."""
    status = pool.status(DIRECTIONS.values())
    names = {pair: label for label, pair in DIRECTIONS.items()}
    stand_ins, missing = {}, {}
    for pair, reason in status.items():
        if reason is None:
            continue
        for listed in MODEL_CHOICES[1:]:
            if _serves(listed, *pair):
                try:
                    pool.get(*pair, listed)
                except MtrepairError:
                    continue
                stand_ins[pair] = listed
                break
        else:
            missing[pair] = reason
            log.warning("no translation model for %s -> %s: %s. Start the page once with internet access, or set "
                        "MTREPAIR_MODEL_%s_%s (or MTREPAIR_MODELS) to a model folder", *pair, reason,
                        pair[0].upper(), pair[1].upper())
    STAND_INS.clear()
    STAND_INS.update(stand_ins)
    notes = [f"{names[pair]} translates with `{model}` (the default model is not installed here)."
             for pair, model in stand_ins.items()]
    if not missing:
        return " ".join(["Translation models are ready for both directions.", *notes]), gr.update()
    if len(missing) == len(status):
        return ("**Translating is not available on this server**: no translation model is installed here. "
                "Everything else works: **Repair** names in translations made elsewhere, **Score** translations "
                "and manage the **Glossary**. Ask the person who runs this page to install the models.",
                gr.update(selected="repair"))
    unavailable = " and ".join(names[pair] for pair in missing)
    return (" ".join([f"**{unavailable} cannot be translated on this server** (no model for it is installed "
                      f"here); the other direction can, and Repair, Score and Glossary work fully.", *notes]),
            gr.update())


# -- Repair -------------------------------------------------------------------

@user_errors
def repair_text(direction: str, translation: str, source: str, glossary: Glossary, apply_threshold,
                house_style: bool = False):
    source_lang, target_lang = DIRECTIONS[direction]
    lines = _text(translation, "machine translation").split("\n")
    sources = None
    if (source or "").strip():
        sources = _text(source, "source text").split("\n")
        if len(sources) != len(lines):
            raise gr.Error(f"The source has {len(sources)} lines and the translation {len(lines)}; "
                           "they must match line by line (or leave the source empty).", print_exception=False)
    apply_threshold = _confidence(apply_threshold)
    repairer = shared_repairer(glossary, source_lang, target_lang, apply_threshold, bool(house_style))
    results = list(repairer.repair_lines(lines, sources))
    missing = [f"- line {r.line}: {n.source}" for r in results for n in r.names if n.status == "missing"]
    fixes = sum(len(r.fixes) for r in results)
    suggested = sum(len(r.suggestions) for r in results)
    summary = f"{fixes} name{'s' if fixes != 1 else ''} repaired in {sum(1 for r in results if r.fixes)} of {len(results)} lines"
    summary += " (source-aware)" if sources else " (target-only: no source given)"
    summary += (f"; {suggested} suggestion{'s' if suggested != 1 else ''} not applied (apply threshold "
                f"{repairer.apply_threshold:g}; tick one in the review to apply it)." if suggested else ".")
    if missing:
        summary += "\n\n**Names of the source still missing:**\n" + "\n".join(missing)
    return (*_reviewed(Review.of(results), "repaired"), summary)


def _confidence(text: str | None) -> float | None:
    if not (text or "").strip():
        return None
    try:
        return fraction(text)
    except argparse.ArgumentTypeError:
        raise gr.Error(f"The apply threshold must be a number from 0 to 1, not {text.strip()!r}.",
                       print_exception=False) from None


# -- Score --------------------------------------------------------------------

@user_errors
def score_uploads(reference: str | None, hypotheses: list[str] | None, source: str | None = None,
                  use_glossary: bool = True, glossary: Glossary | None = None, metrics: list[str] | None = None):
    if not reference or not hypotheses:
        raise gr.Error("Upload a reference and at least one translation to score.", print_exception=False)
    if not metrics:
        raise gr.Error("Choose at least one metric.", print_exception=False)
    from translate.common.languages import guess_language

    ref = read_lines(reference)
    hyps = [read_lines(h) for h in hypotheses]
    src = read_lines(source) if source else None
    kwargs = {}
    if use_glossary and src is not None:
        kwargs = dict(source=src, glossary=glossary, source_lang=guess_language(src.lines, src.path),
                      target_lang=guess_language(ref.lines, ref.path))
    report = score_files(ref, hyps, ScoreSettings(metrics=tuple(metrics)), **kwargs)
    # Show file names, not the temporary paths uploads get.
    header, rows = score_rows(report)
    for row, hypothesis in zip(rows, hypotheses):
        row[1] = row[1].replace(hypothesis, Path(hypothesis).name)
    table = pd.DataFrame(rows, columns=header)
    first = report.metrics[0]
    chart = pd.DataFrame({"system": [Path(h).name for h in hypotheses],
                          first: [s.score(first).score for s in report.systems]})
    notes = [f"- {m} signature: `{report.systems[0].score(m).signature}`" for m in report.metrics]
    if report.test:
        notes.append("- p: paired bootstrap against the first file; * marks p < 0.05; ± is half the 95 % interval")
    notes += [f"- warning: {w}" for w in report.warnings]
    names = pd.DataFrame(columns=MISSED_COLUMNS)
    if report.systems[0].names is not None:
        names = pd.DataFrame(
            [(Path(h).name, m.line, m.source, m.expected[0], m.entry_id, m.type)
             for h, s in zip(hypotheses, report.systems) for m in s.names.missed],
            columns=MISSED_COLUMNS)
    elif use_glossary:
        notes.append("- name accuracy needs the source file too")
    ranks = ranking(report)
    notes.insert(0, f"Best by {first}: **{Path(hypotheses[ranks.index(1)]).name}**")
    return table, gr.BarPlot(chart, x="system", y=first, title=f"{first} by system", sort="-y", y_lim=[0, None]), "\n".join(notes), names


# -- Batch --------------------------------------------------------------------

@user_errors
def batch_translate(upload: str | None, direction: str, field: str, column: str, use_glossary: bool,
                    glossary: Glossary, model: str, progress=gr.Progress(track_tqdm=True)):
    if not upload:
        raise gr.Error("Upload a .txt, .jsonl, .tsv or .csv file to translate.", print_exception=False)
    from translate.batch import JobSettings, run_job
    from translate.common.formats import read_document

    source_lang, target_lang = DIRECTIONS[direction]
    document = read_document(upload, field=(field or "").strip() or None, column=(column or "").strip() or None)
    if len(document.records) > MAX_BATCH_RECORDS:
        raise gr.Error(f"{Path(upload).name} has {len(document.records):,} records; the page translates up to "
                       f"{MAX_BATCH_RECORDS:,} at a time. Use `mtrepair translate` for bigger files.", print_exception=False)
    translator = pool.get(source_lang, target_lang, _model(model, source_lang, target_lang))
    folder = _scratch_folder("batch")
    name = Path(upload).name
    stem, suffix = (name.rsplit(".", 1) + [""])[:2]
    output = folder / f"{stem}.{target_lang}.{suffix or 'txt'}"
    report = folder / f"{stem}.report.jsonl"
    repairer = shared_repairer(glossary, source_lang, target_lang) if use_glossary else None
    summary = run_job(document, translator, JobSettings(source_lang, target_lang, output=str(output),
                                                        report=str(report), repairer=repairer))
    fixes = 0
    if repairer is not None:
        import json

        fixes = sum(len(json.loads(line).get("fixes", [])) for line in report.read_text(encoding="utf-8").splitlines())
    text = (f"Translated {summary.records} records ({summary.segments} sentences) of {name} with "
            f"`{translator.model_id}`" + (f"; {fixes} glossary fixes." if repairer else "."))
    # A look at the result before downloading it: the first records, read back from the output.
    written = read_document(str(output), document.format, field=(field or "").strip() or None,
                            column=(column or "").strip() or None)
    preview = pd.DataFrame([(r.line, r.text, t.text) for r, t in
                            zip(document.records[:PREVIEW_RECORDS], written.records[:PREVIEW_RECORDS])],
                           columns=PREVIEW_COLUMNS)
    return str(output), str(report), text, preview


# -- the page -----------------------------------------------------------------

def _examples(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8").rstrip("\n")


class _ReviewPanel:
    """The review of one tab: a table with a tick per change, buttons for all of them at once, the
    text as decided (to copy and to download) and the report of the decisions."""

    def __init__(self, prefix: str, stem: str) -> None:
        self.stem = stem
        self.state = gr.State(None)
        self.note = gr.Markdown(elem_id=f"{prefix}-review-note", label="Review")
        self.table = gr.Dataframe(
            headers=REVIEW_COLUMNS, datatype=REVIEW_TYPES, interactive=True, elem_id=f"{prefix}-review",
            elem_classes=["mt-review"],
            static_columns=list(range(1, len(REVIEW_COLUMNS))), wrap=True, column_widths=REVIEW_WIDTHS,
            label="Review: tick a change to apply it, clear the tick to leave the words as they were")
        with gr.Row(elem_classes=["mt-options"]):
            self.sure = gr.Button("Accept the sure ones (mtrepair's fixes)", size="sm", elem_id=f"{prefix}-accept-sure")
            self.all = gr.Button("Accept all", size="sm", elem_id=f"{prefix}-accept-all")
            self.none = gr.Button("Reject all", size="sm", elem_id=f"{prefix}-reject-all")
        self.text = gr.Textbox(label="Text as decided, to copy", lines=4, interactive=False, buttons=["copy"], rtl=True,
                               elem_id=f"{prefix}-text")
        with gr.Row():
            self.file = gr.File(label="Text as decided", interactive=False, elem_id=f"{prefix}-download")
            self.report = gr.File(label="Report of the decisions (JSONL)", interactive=False, elem_id=f"{prefix}-report")

    @property
    def shown(self) -> list:
        """The outputs of a review after the highlighted text, in the order _reviewed returns them."""
        return [self.table, self.text, self.file, self.report, self.note]

    def wire(self, highlighted) -> None:
        outputs = [self.state, highlighted, *self.shown]
        stem = self.stem
        private = {"api_visibility": "private", "concurrency_limit": 8}
        self.table.input(user_errors(lambda review, table: decide(review, table, stem)), [self.state, self.table],
                         outputs, **private)
        self.sure.click(user_errors(lambda review: accept_sure(review, stem)), self.state, outputs, **private)
        self.all.click(user_errors(lambda review: accept_all(review, stem)), self.state, outputs, **private)
        self.none.click(user_errors(lambda review: reject_all(review, stem)), self.state, outputs, **private)


def build() -> gr.Blocks:
    default_glossary = next(iter(GLOSSARY_CHOICES))
    # Gradio's copies of the downloads are deleted after a day.
    with gr.Blocks(title="mtrepair", analytics_enabled=False, delete_cache=(3600, 86_400)) as page:
        gr.Markdown("# mtrepair\nArabic ↔ English machine translation with the names kept right.")
        # Above the tabs: what works on this server is news on every tab.
        status = gr.Markdown("Checking the translation models…", elem_id="model-status")
        glossary_state = gr.State(load_glossary(GLOSSARY_CHOICES[default_glossary]))
        uploaded_state = gr.State(None)  # (file name, Glossary) of the latest upload, to choose it again
        pending_state = gr.State(None)  # (name, Glossary) asked for while the one in use has edits
        # Made here for the examples of other tabs to set; shown in the Glossary tab.
        glossary_choice = gr.Dropdown(list(GLOSSARY_CHOICES), value=default_glossary, label="Glossary in use", scale=2,
                                      elem_id="glossary-choice", render=False)
        # Every tab uses the glossary named here; it is chosen, uploaded and edited in the Glossary tab.
        glossary_note = gr.Markdown(_active(glossary_state.value, default_glossary), elem_id="glossary-note",
                                    label="Active glossary")
        with gr.Row(visible=False, elem_id="glossary-pending") as pending_row:
            pending_note = gr.Markdown(label="Edits in the page")
            discard = gr.Button("Discard my edits and switch", size="sm", variant="stop", elem_id="glossary-discard")
            keep = gr.Button("Keep my edits", size="sm", elem_id="glossary-keep")

        with gr.Tabs() as tabs:
            with gr.Tab("Translate", id="translate"):
                with gr.Row(elem_classes=["mt-options"]):
                    t_direction = gr.Radio(list(DIRECTIONS), value="English → Arabic", label="Direction")
                    t_glossary = gr.Checkbox(True, label="Repair names with the glossary")
                    t_round = gr.Checkbox(True, label="Round trip: translate back and compare")
                t_source = gr.Textbox(lines=6, label="Text (one paragraph or sentence per line)", elem_id="translate-source")
                with gr.Accordion("Models", open=False):
                    t_model = gr.Dropdown(MODEL_CHOICES, value=DEFAULT_MODEL, label="Forward model")
                    t_back = gr.Dropdown(MODEL_CHOICES, value=DEFAULT_MODEL, label="Back-translation model")
                t_button = gr.Button("Translate", variant="primary", elem_id="translate-button")
                t_output = gr.HighlightedText(label="Translation (glossary fixes highlighted)", color_map={"glossary fix": "yellow"},
                                              show_legend=True, elem_id="translate-output", rtl=True,
                                              elem_classes=["mt-highlight"])
                t_review = _ReviewPanel("translate", "translation")
                t_back_out = gr.Textbox(label="Back-translation", lines=4, interactive=False, elem_id="translate-back")
                t_checks = gr.Dataframe(headers=CHECK_COLUMNS, label="Round-trip check per line", interactive=False, elem_id="translate-checks")
                t_names = gr.Markdown(elem_id="translate-names", label="Names of the source")
                t_models = gr.Markdown(label="Models used")
                gr.Examples([["English → Arabic", _examples("mangled.en")], ["Arabic → English", _examples("mangled.ar")]],
                            [t_direction, t_source], label="Examples (FLORES-101 dev)")
                t_button.click(translate_text, [t_direction, t_source, glossary_state, t_glossary, t_round, t_model, t_back],
                               [t_review.state, t_output, *t_review.shown, t_back_out, t_checks, t_names, t_models],
                               concurrency_id="model", concurrency_limit=1, api_name="translate")
                t_review.wire(t_output)

            with gr.Tab("Repair", id="repair"):
                gr.Markdown("Repair names in machine translation made anywhere. With the source text, every glossary name "
                            "of the source must appear; without it, only clear near-misses of glossary names are replaced. "
                            "No translation model needed.")
                r_direction = gr.Radio(list(DIRECTIONS), value="English → Arabic", label="Direction of the translation")
                with gr.Row(elem_classes=["mt-options"]):
                    r_source = gr.Textbox("", lines=6, label="Source text (optional, line by line)", elem_id="repair-source")
                    r_mt = gr.Textbox(lines=6, label="Machine translation to repair", elem_id="repair-mt", rtl=True)
                r_conf = gr.Textbox("", label="Apply threshold 0-1: how likely right a fix must be to be applied "
                                          f"(blank: {load_calibration().apply_threshold:g}; less sure ones are suggested)",
                                    max_length=10)
                r_house = gr.Checkbox(False, label="Also apply the glossary's spelling where the text spells a name "
                                                   "another accepted way (house style; otherwise suggested)",
                                      elem_id="repair-house-style")
                r_button = gr.Button("Repair", variant="primary", elem_id="repair-button")
                r_summary = gr.Markdown(elem_id="repair-summary", label="Summary")
                r_output = gr.HighlightedText(label="Repaired (accepted fixes highlighted)", color_map={"glossary fix": "yellow"},
                                              show_legend=True, elem_id="repair-output", rtl=True,
                                              elem_classes=["mt-highlight"])
                r_review = _ReviewPanel("repair", "repaired")
                gr.Examples(
                    [["English → Arabic", _examples("mangled.en"), _examples("mangled.opusmt.ar"), "FLORES-101 example names"],
                     ["Arabic → English", _examples("mangled.ar"), _examples("mangled.opusmt.en"), "FLORES-101 example names"]],
                    [r_direction, r_source, r_mt, glossary_choice],
                    label="Real OPUS-MT output of FLORES-101 dev lines, names mangled (choose the FLORES glossary)")
                r_button.click(repair_text, [r_direction, r_mt, r_source, glossary_state, r_conf, r_house],
                               [r_review.state, r_output, *r_review.shown, r_summary], api_name="repair",
                               concurrency_limit=8)
                r_review.wire(r_output)

            with gr.Tab("Score", id="score"):
                gr.Markdown("Score translations against a human reference with sacrebleu (signatures, 95 % confidence "
                            "intervals, paired bootstrap against the first file). Add the source to measure name accuracy "
                            "with the active glossary.")
                with gr.Row():
                    s_ref = gr.File(label="Reference", elem_id="score-ref")
                    s_hyps = gr.File(label="Translations (one or more; the first is the baseline)", file_count="multiple",
                                     elem_id="score-hyps")
                    s_src = gr.File(label="Source (optional, for name accuracy)", elem_id="score-src")
                with gr.Row(elem_classes=["mt-options"]):
                    s_metrics = gr.CheckboxGroup(["bleu", "chrf", "chrf++", "ter"], value=["bleu", "chrf"], label="Metrics")
                    s_names = gr.Checkbox(True, label="Name accuracy with the active glossary")
                s_button = gr.Button("Score", variant="primary", elem_id="score-button")
                s_table = gr.Dataframe(headers=["rank", "system", "BLEU", "chrF2"], label="Scores", interactive=False, elem_id="score-table", wrap=True)
                s_chart = gr.BarPlot(label="Chart")
                s_notes = gr.Markdown(elem_id="score-notes", label="Notes")
                s_missed = gr.Dataframe(headers=MISSED_COLUMNS, label="Names missed", interactive=False)
                gr.Examples([[str(EXAMPLES / "score.ar"), [str(EXAMPLES / f"score.{s}.ar") for s in ("opusmt", "google", "argos")],
                              str(EXAMPLES / "score.en"), "FLORES-101 example names"]],
                            [s_ref, s_hyps, s_src, glossary_choice], label="FLORES-101 dev, first 20 lines, three systems")
                s_button.click(score_uploads, [s_ref, s_hyps, s_src, s_names, glossary_state, s_metrics],
                               [s_table, s_chart, s_notes, s_missed], concurrency_limit=2, api_name="score")

            with gr.Tab("Batch", id="batch"):
                gr.Markdown("Translate a whole file: every line (.txt), a JSON field (.jsonl) or a column (.tsv, .csv), "
                            "order and layout kept. Download the translation and a per-sentence report.")
                with gr.Row():
                    b_file = gr.File(label="File to translate", file_types=[".txt", ".jsonl", ".tsv", ".csv"], elem_id="batch-file")
                    with gr.Column():
                        b_direction = gr.Radio(list(DIRECTIONS), value="Arabic → English", label="Direction")
                        b_field = gr.Textbox("", label="JSONL field (default: text)", elem_id="batch-field")
                        b_column = gr.Textbox("", label="TSV/CSV column (needed with several columns)")
                        b_glossary = gr.Checkbox(True, label="Repair names with the glossary")
                        b_model = gr.Dropdown(MODEL_CHOICES, value=DEFAULT_MODEL, label="Model")
                b_button = gr.Button("Translate file", variant="primary", elem_id="batch-button")
                b_summary = gr.Markdown(elem_id="batch-summary", label="Summary")
                with gr.Row():
                    b_output = gr.File(label="Translated file", interactive=False, elem_id="batch-output")
                    b_report = gr.File(label="Report (JSONL)", interactive=False, elem_id="batch-report")
                b_preview = gr.Dataframe(headers=PREVIEW_COLUMNS, label=f"The first {PREVIEW_RECORDS} records",
                                         interactive=False, wrap=True, elem_id="batch-preview")
                b_button.click(batch_translate, [b_file, b_direction, b_field, b_column, b_glossary, glossary_state, b_model],
                               [b_output, b_report, b_summary, b_preview], concurrency_id="model", concurrency_limit=1,
                               api_name="batch_translate")

            with gr.Tab("Glossary", id="glossary"):
                with gr.Row():
                    glossary_choice.render()
                    glossary_upload = gr.File(label="…or upload one (.tsv .csv .tbx .json)", scale=2,
                                              file_types=[".tsv", ".csv", ".tbx", ".json", ".txt", ".xml"],
                                              elem_id="glossary-upload")
                with gr.Row(visible=False, elem_id="glossary-columns") as columns_row:
                    g_columns = gr.Radio(list(COLUMN_ORDERS), label="Which language is in which column?",
                                         elem_id="glossary-column-order")
                    g_load_columns = gr.Button("Load the glossary", elem_id="glossary-load-columns")
                with gr.Row():
                    g_query = gr.Textbox("", label="Search (any spelling, either language)", elem_id="glossary-search", scale=3)
                    g_count = gr.Markdown(label="Entries shown", elem_id="glossary-count")
                g_table = gr.Dataframe(headers=ENTRY_COLUMNS, label="Entries", interactive=False, elem_id="glossary-table", max_height=400, wrap=True)
                with gr.Accordion("Add or edit an entry (same id replaces; click a row above to edit it)",
                                  open=False) as g_form:
                    with gr.Row():
                        g_id = gr.Textbox("", label="id (blank: new)", elem_id="glossary-id")
                        g_en = gr.Textbox(label="English forms, preferred first, separated by ' | '", elem_id="glossary-en")
                        g_ar = gr.Textbox(label="Arabic forms, preferred first", elem_id="glossary-ar", rtl=True)
                        g_type = gr.Dropdown(["LOC", "ORG", "PER", "GRP", "EVT", "PROD", "OTHER"], value=None, label="type",
                                             allow_custom_value=True)
                        g_note = gr.Textbox("", label="note")
                    g_save = gr.Button("Save entry", elem_id="glossary-save")
                with gr.Row():
                    g_format = gr.Radio(["tsv", "csv", "tbx", "json"], value="tsv", label="Export as")
                    g_export = gr.Button("Export")
                    g_file = gr.File(label="Exported glossary", interactive=False)
                g_query.change(search_glossary, [glossary_state, g_query], [g_table, g_count], concurrency_limit=8,
                               api_name="search_glossary")
                g_save.click(save_entry, [glossary_state, g_id, g_en, g_ar, g_type, g_note, g_query, uploaded_state],
                             [glossary_state, g_table, g_count, glossary_note, glossary_choice], api_name="save_entry")
                g_export.click(export_glossary, [glossary_state, g_format], g_file, api_name="export_glossary")

        gr.Markdown(f"<small>{ATTRIBUTION}</small>")
        # Internal steps of the page (refreshing the table, right-to-left boxes) are not API endpoints.
        internal = {"api_visibility": "private"}
        switched = [glossary_state, glossary_note, glossary_choice, uploaded_state, pending_state, pending_row,
                    pending_note, glossary_upload, columns_row, g_columns]
        refresh = dict(fn=search_glossary, inputs=[glossary_state, g_query], outputs=[g_table, g_count], **internal)
        glossary_choice.change(choose_glossary, [glossary_choice, glossary_state, uploaded_state], switched,
                               api_name="choose_glossary").then(**refresh)
        glossary_upload.upload(upload_glossary, [glossary_upload, glossary_state, uploaded_state], switched,
                               api_name="upload_glossary").then(**refresh)
        g_load_columns.click(load_columns, [glossary_upload, g_columns, glossary_state, uploaded_state], switched,
                             api_name="load_glossary_columns").then(**refresh)
        glossary_upload.clear(forget_columns_question, None, columns_row, **internal)
        discard.click(discard_edits, [glossary_state, uploaded_state, pending_state], switched,
                      api_name="discard_edits").then(**refresh)
        keep.click(keep_edits, None, switched, **internal)
        g_table.select(load_entry, [glossary_state, g_query], [g_id, g_en, g_ar, g_type, g_note, g_form], **internal)
        t_direction.change(lambda d: (*_right_to_left(d), gr.update(rtl=DIRECTIONS[d][1] == "ar"),
                                      gr.update(rtl=DIRECTIONS[d][0] == "ar")), t_direction,
                           [t_source, t_output, t_review.text, t_back_out], **internal)
        r_direction.change(_right_to_left, r_direction, [r_source, r_mt], **internal).then(
            lambda d: (gr.update(rtl=DIRECTIONS[d][1] == "ar"),) * 2, r_direction, [r_output, r_review.text], **internal)
        page.load(search_glossary, [glossary_state, g_query], [g_table, g_count], **internal)
        page.load(model_status, None, [status, tabs], **internal)
    return page


def _right_to_left(direction: str):
    """Arabic boxes read right to left: (source box, translation box) for ``direction``."""
    return tuple(gr.update(rtl=lang == "ar") for lang in DIRECTIONS[direction])


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve mtrepair's web page.")
    parser.add_argument("--host", default=os.environ.get("MTREPAIR_HOST", "127.0.0.1"), help="default: 127.0.0.1 (this machine only)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("MTREPAIR_PORT", 7860)), help="default: 7860")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    page = build()
    # A queue keeps simultaneous visitors waiting in line instead of failing;
    # translation events share one slot (one model, two CPU cores).
    page.queue(default_concurrency_limit=4, max_size=256)
    page.launch(server_name=args.host, server_port=args.port, max_file_size=MAX_FILE_SIZE, show_error=True,
                css=CSS, head=HEAD, theme=gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]),
                footer_links=["api"])


if __name__ == "__main__":
    main()
