"""The Batch tab: translate a whole uploaded file (every line, a JSON field or a column), layout kept,
and download it with a per-sentence report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from glossary.entry import Glossary
from glossary.sharing import shared_repairer
from translate.common.errors import MtrepairError

from .common import DIRECTIONS, MODEL, Outputs, scratch_folder, unchanged
from .markup import escaped
from .models import model_list, model_name, translator
from .notes import Problem, beside, editors_words

MAX_BATCH_RECORDS = 2_000  # one visitor's batch must not hold the translation queue for hours
PREVIEW_COLUMNS = ["line", "source", "translation"]
PREVIEW_RECORDS = 10


@dataclass
class Batched(Outputs):
    output: Any = unchanged()  # the translated file
    report: Any = unchanged()  # its report (JSONL)
    summary: Any = unchanged()  # records, sentences, model and fixes
    preview: Any = unchanged()  # the first records beside their translations
    where_note: Any = ""  # a problem with the field or column named, under those boxes
    action_note: Any = ""  # any other problem, under the button


@beside(Batched)
def batch_translate(upload: str | None, direction: str, field: str, column: str, use_glossary: bool,
                    glossary: Glossary, model: str, progress=gr.Progress(track_tqdm=True)):
    if not upload:
        raise Problem("Upload a .txt, .jsonl, .tsv or .csv file to translate.")
    from translate.common.formats import read_document
    from translate.jobs.document import JobSettings, run_job

    source_lang, target_lang = DIRECTIONS[direction]
    where = dict(field=(field or "").strip() or None, column=(column or "").strip() or None)
    document = _read(upload, where)
    if len(document.records) > MAX_BATCH_RECORDS:
        raise Problem(f"{Path(upload).name} has {len(document.records):,} records; the page translates up to "
                      f"{MAX_BATCH_RECORDS:,} at a time. Split the file, or ask for it to be translated on the "
                      "command line.")
    forward = translator(model, source_lang, target_lang)
    folder = scratch_folder("batch")
    name = Path(upload).name
    stem, suffix = (name.rsplit(".", 1) + [""])[:2]
    output = folder / f"{stem}.{target_lang}.{suffix or 'txt'}"
    report = folder / f"{stem}.report.jsonl"
    repairer = shared_repairer(glossary, source_lang, target_lang) if use_glossary else None
    summary = run_job(document, forward, JobSettings(source_lang, target_lang, output=str(output),
                                                     report=str(report), repairer=repairer))
    text = escaped(f"Translated {summary.records} records ({summary.segments} sentences) of {name} with "
                   f"{model_name(forward.model_id)}" + (f"; {_fixes(report)} glossary fixes." if repairer else "."))
    # A look at the result before downloading it: the first records, read back from the output.
    written = read_document(str(output), document.format, **where)
    preview = pd.DataFrame([(r.line, r.text, t.text) for r, t in
                            zip(document.records[:PREVIEW_RECORDS], written.records[:PREVIEW_RECORDS])],
                           columns=PREVIEW_COLUMNS)
    return Batched(str(output), str(report), text, preview).values()


def _read(upload: str, where: dict):
    """The uploaded document, named by its file name in a problem; a field or column that is missing or
    needed is said under those boxes."""
    from translate.common.formats import read_document

    try:
        return read_document(upload, **where)
    except MtrepairError as error:
        message = editors_words(error.message.replace(upload, Path(upload).name))
        raise Problem(message, "where" if ("column" in message or "field" in message) else "action") from None


def _fixes(report: Path) -> int:
    """The glossary fixes a batch report lists."""
    return sum(len(json.loads(line).get("fixes", [])) for line in report.read_text(encoding="utf-8").splitlines())


def build_batch_tab(glossary_state) -> tuple:
    """The Batch tab's widgets and events (inside ``gr.Tab``); returns its button and the note beside it."""
    gr.Markdown("Translate a whole file: every line (.txt), a JSON field (.jsonl) or a column (.tsv, .csv), "
                "order and layout kept. Download the translation and a per-sentence report.")
    with gr.Row():
        upload = gr.File(label="File to translate", file_types=[".txt", ".jsonl", ".tsv", ".csv"], elem_id="batch-file")
        with gr.Column():
            direction = gr.Radio(list(DIRECTIONS), value="Arabic → English", label="Direction")
            field = gr.Textbox("", label="JSONL field (default: text)", elem_id="batch-field")
            column = gr.Textbox("", label="TSV/CSV column (needed with several columns)", elem_id="batch-column")
            where_note = gr.Markdown(elem_id="batch-where-note", elem_classes=["mt-problem"], label="Column problem")
            use_glossary = gr.Checkbox(True, label="Repair names with the glossary")
            model = model_list("Model")
    button = gr.Button("Translate file", variant="primary", elem_id="batch-button")
    note = gr.Markdown(elem_id="batch-note", elem_classes=["mt-problem"], label="Problem")
    summary = gr.Markdown(elem_id="batch-summary", label="Summary")
    with gr.Row():
        output = gr.File(label="Translated file", interactive=False, elem_id="batch-output")
        report = gr.File(label="Report (JSONL)", interactive=False, elem_id="batch-report")
    preview = gr.Dataframe(headers=PREVIEW_COLUMNS, label="Preview",
                           interactive=False, wrap=True, elem_id="batch-preview")
    button.click(batch_translate, [upload, direction, field, column, use_glossary, glossary_state, model],
                 Batched.components(output=output, report=report, summary=summary, preview=preview,
                                    where_note=where_note, action_note=note),
                 api_name="batch_translate", **MODEL)
    return button, note
