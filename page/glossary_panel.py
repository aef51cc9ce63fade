"""The glossary every tab uses: the line above the tabs that names it, and the Glossary tab where it
is chosen, uploaded, searched, edited and exported.

Entries saved in the page are not thrown away without asking: choosing another glossary keeps
them and shows a warning that offers to discard them.  Every change of glossary gives the same
outputs, :class:`Switched`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from glossary.entry import Glossary, GlossaryEntry
from glossary.files import DEFAULT_GLOSSARY, default_glossary_path, load_glossary, save_glossary
from glossary.tabular import two_columns_without_header
from translate.common.errors import MtrepairError
from translate.common.languages import arabic_letters

from .common import GLOSSARY_CHOICES, LIGHT, Outputs, for_the_page, scratch_folder, unchanged, user_errors
from .glossary_search import search
from .markup import escaped
from .notes import Problem, beside

UPLOADED = "uploaded: "  # the dropdown's entry for an uploaded glossary, so that it shows what is active
EDITED = "edited in the page"  # ... and for the glossary once an entry is saved in the page
COLUMN_ORDERS = {"English, then Arabic": ("en", "ar"), "Arabic, then English": ("ar", "en")}
ENTRY_COLUMNS = ["id", "en", "ar", "type", "note"]


@dataclass
class Switched(Outputs):
    """What a change of glossary shows."""

    glossary: Any = unchanged()  # the glossary in use (state)
    note: Any = unchanged()  # the line naming it
    choice: Any = unchanged()  # the list
    uploaded: Any = unchanged()  # the uploaded glossary, to choose again (state)
    pending: Any = unchanged()  # the glossary waiting for the edits to be discarded (state)
    pending_row: Any = unchanged()  # the warning about the edits, with its buttons ...
    pending_note: Any = unchanged()  # ... and its words
    upload: Any = unchanged()  # the upload box
    columns_row: Any = unchanged()  # the question about a header-less file: its row ...
    columns: Any = unchanged()  # ... and the question itself


def active(glossary: Glossary, name: str) -> str:
    return f"**Active glossary:** {escaped(name)} — {len(glossary)} entries ({escaped(', '.join(glossary.languages))})"


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


def _switch(current: Glossary, uploaded, new: Glossary, label: str) -> tuple:
    """``new`` becomes the glossary in use and the list shows ``label`` — unless entries were edited in
    the page: those are not thrown away without asking (the warning offers to discard them)."""
    upload_name = uploaded[0] if uploaded else None
    if _edited(current) and new is not current:
        warning = (f"**Your edits are kept for now.** Using **{escaped(label)}** would throw away the entries saved in "
                   "this page (export them first in the Glossary tab to keep a copy).")
        return Switched(current, choice=gr.update(choices=_choices(upload_name, True), value=EDITED),
                        uploaded=uploaded, pending=(label, new), pending_row=gr.update(visible=True),
                        pending_note=warning, upload=None, columns_row=gr.update(visible=False)).values()
    value = label if label in GLOSSARY_CHOICES else UPLOADED + label
    return Switched(new, active(new, label), gr.update(choices=_choices(upload_name), value=value), uploaded,
                    pending=None, pending_row=gr.update(visible=False), pending_note="", upload=None,
                    columns_row=gr.update(visible=False)).values()


@user_errors
def choose_glossary(choice: str, current: Glossary, uploaded=None):
    """The list was changed (by hand or by an example): the latest choice wins."""
    if choice in GLOSSARY_CHOICES:
        return _switch(current, uploaded, load_glossary(GLOSSARY_CHOICES[choice]), choice)
    if uploaded and choice == UPLOADED + uploaded[0]:
        return _switch(current, uploaded, uploaded[1], uploaded[0])
    return Switched().values()  # the entry of the glossary already in use (set by the page itself)


@user_errors
def upload_glossary(upload: str | None, current: Glossary, uploaded=None):
    """A file was uploaded: it becomes the glossary and the list says so.  A file that cannot be read
    leaves the glossary in use as it was, and the page says so once (no error badges).  A two-column
    file without a header waits for the person to say which language each column holds."""
    if not upload:
        return Switched().values()
    name = Path(upload).name
    try:
        rows = two_columns_without_header(upload) if upload.lower().endswith((".tsv", ".csv", ".txt")) else None
        if rows == []:
            return _not_loaded(upload, "its first row names no languages (a header such as 'en, ar' or 'English, "
                                       "Arabic'), and it is not a file of two columns", current, uploaded)
        if rows:
            arabic_first = sum(map(arabic_letters, (r[0] for r in rows))) > sum(map(arabic_letters, (r[1] for r in rows)))
            question = gr.update(value="Arabic, then English" if arabic_first else "English, then Arabic",
                                 label=f"{name} has no header: which language is in which column?")
            return Switched(current, uploaded=uploaded, pending=None, pending_row=gr.update(visible=False),
                            pending_note="", columns_row=gr.update(visible=True), columns=question).values()
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


def _not_loaded(upload: str, reason: str, current: Glossary, uploaded) -> tuple:
    """A file that could not be loaded: said once; the glossary in use, and a warning about edits
    waiting for an answer, stay as they were."""
    name = Path(upload).name
    reason = for_the_page(reason.replace(upload, name).rstrip(".") + ".")
    return Switched(current, f"**{escaped(name)} was not loaded:** {reason} The glossary in use is still "
                             f"**{escaped(_name_of(current))}**.",
                    uploaded=uploaded, upload=None, columns_row=gr.update(visible=False)).values()


@user_errors
def discard_edits(current: Glossary, uploaded, pending):
    """The person chose to throw away the edits: the glossary they asked for is used."""
    if not pending:
        return Switched().values()
    label, new = pending
    return _switch(new, uploaded, new, label)


def forget_columns_question():
    """The upload's × was clicked while the page asked about a header-less file: the question goes."""
    return gr.update(visible=False)


def keep_edits():
    """The person keeps the edits: the warning goes, and so does the glossary it offered."""
    return Switched(pending=None, pending_row=gr.update(visible=False), pending_note="").values()


@dataclass
class Found(Outputs):
    table: Any  # the entries that match the search
    count: Any  # how many of how many


def _glossary_table(glossary: Glossary, query: str = "") -> pd.DataFrame:
    rows = [(e.id, " | ".join(e.forms("en")), " | ".join(e.forms("ar")), e.type, e.note)
            for e in search(glossary, query)]
    return pd.DataFrame(rows, columns=ENTRY_COLUMNS)


@user_errors
def search_glossary(glossary: Glossary, query: str):
    table = _glossary_table(glossary, query or "")
    return Found(table, f"{len(table)} of {len(glossary)} entries").values()


@dataclass
class EntryForm(Outputs):
    id: Any = unchanged()
    en: Any = unchanged()  # English forms, preferred first, separated by " | "
    ar: Any = unchanged()  # Arabic forms
    type: Any = unchanged()
    note: Any = unchanged()
    form: Any = unchanged()  # the form's accordion


def load_entry(glossary: Glossary, query: str, event: gr.SelectData):
    """A row of the glossary table was clicked: its entry goes into the form, alternatives and all.
    The row is found again from the glossary and the search (the event's own copy of the row can
    be the table as it was before the search)."""
    index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
    rows = search(glossary, query or "")
    if not isinstance(index, int) or not 0 <= index < len(rows):
        return EntryForm().values()
    entry = rows[index]
    return EntryForm(entry.id, " | ".join(entry.forms("en")), " | ".join(entry.forms("ar")), entry.type or None,
                     entry.note, gr.update(open=True)).values()


@dataclass
class Saved(Outputs):
    glossary: Any = unchanged()  # the glossary with the entry (state)
    found: Found = field(default_factory=lambda: Found(gr.update(), gr.update()))  # the table, searched as it was
    note: Any = unchanged()  # the line naming the glossary in use
    choice: Any = unchanged()  # the list, at "edited in the page"
    action_note: Any = ""  # a problem with the entry, under the Save button


@beside(Saved)
def save_entry(glossary: Glossary, entry_id: str, english: str, arabic: str, kind: str | None = None,
               note: str = "", query: str = "", uploaded=None):
    cells = {"id": entry_id, "English": english, "Arabic": arabic, "type": kind, "note": note}
    for label, cell in cells.items():
        if any(ch in (cell or "") for ch in "\t\n\r"):
            raise Problem(f"The {label} field holds a tab or a line break; glossary cells are one line.")
    split = lambda cell: tuple(part.strip() for part in (cell or "").split("|") if part.strip())  # noqa: E731
    forms = {"en": split(english), "ar": split(arabic)}
    if not forms["en"] or not forms["ar"]:
        raise Problem("An entry needs an English and an Arabic form (alternatives separated by ' | ').")
    entry_id = (entry_id or "").strip() or f"user-{len(glossary) + 1}"
    entry = GlossaryEntry(entry_id, forms, (kind or "").strip(), (note or "").strip())
    edited = glossary.with_entry(entry)
    glossary = Glossary(edited.entries, edited.languages, "<edited in the page>")
    return Saved(glossary, Found(*search_glossary(glossary, query)),
                 f"**Active glossary:** {EDITED} — {len(glossary)} entries (saved {escaped(entry_id)})",
                 gr.update(choices=_choices(uploaded[0] if uploaded else None, True), value=EDITED)).values()


@user_errors
def export_glossary(glossary: Glossary, format: str):
    folder = scratch_folder("glossary")
    path = folder / f"glossary.{format}"
    save_glossary(glossary, str(path))
    return str(path)


@dataclass
class GlossaryBar:
    """Above the tabs: the glossary in use (state, and the line naming it), the list that chooses it
    (made here for the examples of other tabs to set, shown in the Glossary tab), and the warning
    about edits that another choice would throw away."""

    state: Any  # the Glossary in use
    uploaded: Any  # (file name, Glossary) of the latest upload, to choose it again
    pending: Any  # (name, Glossary) asked for while the one in use has edits
    choice: Any
    note: Any
    pending_row: Any
    pending_note: Any
    discard: Any
    keep: Any


def build_glossary_bar() -> GlossaryBar:
    default = next(iter(GLOSSARY_CHOICES))
    state = gr.State(load_glossary(GLOSSARY_CHOICES[default]))
    uploaded, pending = gr.State(None), gr.State(None)
    choice = gr.Dropdown(list(GLOSSARY_CHOICES), value=default, label="Glossary in use", scale=2,
                         elem_id="glossary-choice", render=False)
    # Every tab uses the glossary named here; it is chosen, uploaded and edited in the Glossary tab.
    note = gr.Markdown(active(state.value, default), elem_id="glossary-note", label="Active glossary")
    with gr.Row(visible=False, elem_id="glossary-pending") as pending_row:
        pending_note = gr.Markdown(label="Edits warning")
        discard = gr.Button("Discard my edits and switch", size="sm", variant="stop", elem_id="glossary-discard")
        keep = gr.Button("Keep my edits", size="sm", elem_id="glossary-keep")
    return GlossaryBar(state, uploaded, pending, choice, note, pending_row, pending_note, discard, keep)


class GlossaryTab:
    """The Glossary tab (inside ``gr.Tab``): choose or upload the glossary, search it, edit an entry,
    export it."""

    def __init__(self, bar: GlossaryBar) -> None:
        self.bar = bar
        with gr.Row():
            bar.choice.render()
            self.upload = gr.File(label="Upload a glossary", scale=2,
                                  file_types=[".tsv", ".csv", ".tbx", ".json", ".txt", ".xml"], elem_id="glossary-upload")
        with gr.Row(visible=False, elem_id="glossary-columns") as self.columns_row:
            self.columns = gr.Radio(list(COLUMN_ORDERS), label="Column order",
                                    elem_id="glossary-column-order")
            self.load_button = gr.Button("Load the glossary", elem_id="glossary-load-columns")
        with gr.Row():
            self.query = gr.Textbox("", label="Search (any spelling, either language)", elem_id="glossary-search", scale=3)
            self.count = gr.Markdown(label="Entries shown", elem_id="glossary-count")
        self.table = gr.Dataframe(headers=ENTRY_COLUMNS, label="Entries", interactive=False, elem_id="glossary-table",
                                  max_height=400, wrap=True)
        self._entry_form()
        with gr.Row():
            self.format = gr.Radio(["tsv", "csv", "tbx", "json"], value="tsv", label="Export as")
            self.export = gr.Button("Export")
            self.file = gr.File(label="Exported glossary", interactive=False)

    def _entry_form(self) -> None:
        with gr.Accordion("Add or edit an entry (same id replaces; click a row above to edit it)", open=False) as self.form:
            with gr.Row():
                self.id = gr.Textbox("", label="id (blank: new)", elem_id="glossary-id")
                self.en = gr.Textbox(label="English forms, preferred first, separated by ' | '", elem_id="glossary-en")
                self.ar = gr.Textbox(label="Arabic forms, preferred first", elem_id="glossary-ar", rtl=True)
                self.type = gr.Dropdown(["LOC", "ORG", "PER", "GRP", "EVT", "PROD", "OTHER"], value=None, label="type",
                                        allow_custom_value=True)
                self.note = gr.Textbox("", label="note")
            self.save = gr.Button("Save entry", elem_id="glossary-save")
            self.save_note = gr.Markdown(elem_id="glossary-save-note", elem_classes=["mt-problem"], label="Problem")

    def wire(self, blocks: gr.Blocks) -> None:
        """The tab's events, and those of the bar above the tabs: every event that changes the glossary
        in use is followed by the table searched again, as is the page's opening."""
        bar, found = self.bar, Found.components(table=self.table, count=self.count)
        # Internal steps of the page (refreshing the table) are not API endpoints.
        internal = {"api_visibility": "private"}
        # The searches and the table's refreshes (on opening the page, after a switch or an upload) answer
        # in the order they were asked, one at a time: run side by side, the opening's refresh of the
        # whole glossary could finish after a search typed meanwhile and show every entry again.  Each
        # takes milliseconds.
        ordered = {"concurrency_id": "glossary-table", "concurrency_limit": 1}
        self.query.change(search_glossary, [bar.state, self.query], found, api_name="search_glossary", **ordered)
        self.save.click(save_entry, [bar.state, self.id, self.en, self.ar, self.type, self.note, self.query, bar.uploaded],
                        Saved.components(glossary=bar.state, found=found, note=bar.note, choice=bar.choice,
                                         action_note=self.save_note),
                        api_name="save_entry", **LIGHT)
        self.export.click(export_glossary, [bar.state, self.format], self.file, api_name="export_glossary", **LIGHT)
        switched = Switched.components(glossary=bar.state, note=bar.note, choice=bar.choice, uploaded=bar.uploaded,
                                       pending=bar.pending, pending_row=bar.pending_row, pending_note=bar.pending_note,
                                       upload=self.upload, columns_row=self.columns_row, columns=self.columns)
        refresh = dict(fn=search_glossary, inputs=[bar.state, self.query], outputs=found, **internal, **ordered)
        bar.choice.change(choose_glossary, [bar.choice, bar.state, bar.uploaded], switched,
                          api_name="choose_glossary").then(**refresh)
        self.upload.upload(upload_glossary, [self.upload, bar.state, bar.uploaded], switched,
                           api_name="upload_glossary").then(**refresh)
        self.load_button.click(load_columns, [self.upload, self.columns, bar.state, bar.uploaded], switched,
                               api_name="load_glossary_columns").then(**refresh)
        self.upload.clear(forget_columns_question, None, self.columns_row, **internal)
        bar.discard.click(discard_edits, [bar.state, bar.uploaded, bar.pending], switched,
                          api_name="discard_edits").then(**refresh)
        bar.keep.click(keep_edits, None, switched, **internal)
        self.table.select(load_entry, [bar.state, self.query],
                          EntryForm.components(id=self.id, en=self.en, ar=self.ar, type=self.type, note=self.note,
                                               form=self.form), **internal)
        blocks.load(**refresh)
