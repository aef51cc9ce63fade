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
from glossary.repair import shared_repairer

from .common import DIRECTIONS, MODEL, Outputs, scratch_folder, user_errors
from .models import DEFAULT_MODEL, MODEL_CHOICES, translator

MAX_BATCH_RECORDS = 2_000  # one visitor's batch must not hold the translation queue for hours
PREVIEW_COLUMNS = ["line", "source", "translation"]
PREVIEW_RECORDS = 10


@dataclass
class Batched(Outputs):
    output: Any  # the translated file
    report: Any  # its report (JSONL)
    summary: Any  # records, sentences, model and fixes
    preview: Any  # the first records beside their translations


@user_errors
def batch_translate(upload: str | None, direction: str, field: str, column: str, use_glossary: bool,
                    glossary: Glossary, model: str, progress=gr.Progress(track_tqdm=True)):
    if not upload:
        raise gr.Error("Upload a .txt, .jsonl, .tsv or .csv file to translate.", print_exception=False)
    from translate.common.formats import read_document
    from translate.jobs.document import JobSettings, run_job

    source_lang, target_lang = DIRECTIONS[direction]
    where = dict(field=(field or "").strip() or None, column=(column or "").strip() or None)
    document = read_document(upload, **where)
    if len(document.records) > MAX_BATCH_RECORDS:
        raise gr.Error(f"{Path(upload).name} has {len(document.records):,} records; the page translates up to "
                       f"{MAX_BATCH_RECORDS:,} at a time. Use `mtrepair translate` for bigger files.", print_exception=False)
    forward = translator(model, source_lang, target_lang)
    folder = scratch_folder("batch")
    name = Path(upload).name
    stem, suffix = (name.rsplit(".", 1) + [""])[:2]
    output = folder / f"{stem}.{target_lang}.{suffix or 'txt'}"
    report = folder / f"{stem}.report.jsonl"
    repairer = shared_repairer(glossary, source_lang, target_lang) if use_glossary else None
    summary = run_job(document, forward, JobSettings(source_lang, target_lang, output=str(output),
                                                     report=str(report), repairer=repairer))
    text = (f"Translated {summary.records} records ({summary.segments} sentences) of {name} with "
            f"`{forward.model_id}`" + (f"; {_fixes(report)} glossary fixes." if repairer else "."))
    # A look at the result before downloading it: the first records, read back from the output.
    written = read_document(str(output), document.format, **where)
    preview = pd.DataFrame([(r.line, r.text, t.text) for r, t in
                            zip(document.records[:PREVIEW_RECORDS], written.records[:PREVIEW_RECORDS])],
                           columns=PREVIEW_COLUMNS)
    return Batched(str(output), str(report), text, preview).values()


def _fixes(report: Path) -> int:
    """The glossary fixes a batch report lists."""
    return sum(len(json.loads(line).get("fixes", [])) for line in report.read_text(encoding="utf-8").splitlines())


def build_batch_tab(glossary_state) -> None:
    """The Batch tab's widgets and events (inside ``gr.Tab``)."""
    gr.Markdown("Translate a whole file: every line (.txt), a JSON field (.jsonl) or a column (.tsv, .csv), "
                "order and layout kept. Download the translation and a per-sentence report.")
    with gr.Row():
        upload = gr.File(label="File to translate", file_types=[".txt", ".jsonl", ".tsv", ".csv"], elem_id="batch-file")
        with gr.Column():
            direction = gr.Radio(list(DIRECTIONS), value="Arabic → English", label="Direction")
            field = gr.Textbox("", label="JSONL field (default: text)", elem_id="batch-field")
            column = gr.Textbox("", label="TSV/CSV column (needed with several columns)")
            use_glossary = gr.Checkbox(True, label="Repair names with the glossary")
            model = gr.Dropdown(MODEL_CHOICES, value=DEFAULT_MODEL, label="Model")
    button = gr.Button("Translate file", variant="primary", elem_id="batch-button")
    summary = gr.Markdown(elem_id="batch-summary", label="Summary")
    with gr.Row():
        output = gr.File(label="Translated file", interactive=False, elem_id="batch-output")
        report = gr.File(label="Report (JSONL)", interactive=False, elem_id="batch-report")
    preview = gr.Dataframe(headers=PREVIEW_COLUMNS, label=f"The first {PREVIEW_RECORDS} records",
                           interactive=False, wrap=True, elem_id="batch-preview")
    button.click(batch_translate, [upload, direction, field, column, use_glossary, glossary_state, model],
                 Batched.components(output=output, report=report, summary=summary, preview=preview),
                 api_name="batch_translate", **MODEL)
