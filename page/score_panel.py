"""The Score tab: sacrebleu scores of uploaded translations against a reference, paired significance
against the first one, and name accuracy with the active glossary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from eval.render import ranking, score_rows
from eval.scoring import ScoreSettings, score_files
from eval.texts import read_lines
from glossary.entry import Glossary

from .common import EXAMPLES, SCORE, Outputs, unchanged
from .markup import escaped
from .notes import Problem, beside, editors_words

MISSED_COLUMNS = ["system", "line", "source name", "expected", "entry", "type"]


@dataclass
class Scored(Outputs):
    table: Any = unchanged()  # a row per system
    chart: Any = unchanged()  # the first metric by system
    notes: Any = unchanged()  # the best system, signatures, warnings
    missed: Any = unchanged()  # the names each system missed
    action_note: Any = ""  # a problem, under the Score button


@beside(Scored)
def score_uploads(reference: str | None, hypotheses: list[str] | None, source: str | None = None,
                  use_glossary: bool = True, glossary: Glossary | None = None, metrics: list[str] | None = None):
    if not reference or not hypotheses:
        raise Problem("Upload a reference and at least one translation to score.")
    if not metrics:
        raise Problem("Choose at least one metric.")
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
    first = report.metrics[0]
    chart = pd.DataFrame({"system": [Path(h).name for h in hypotheses],
                          first: [s.score(first).score for s in report.systems]})
    return Scored(pd.DataFrame(rows, columns=header),
                  gr.BarPlot(chart, x="system", y=first, title=f"{first} by system", sort="-y", y_lim=[0, None]),
                  _notes(report, hypotheses, use_glossary), _missed(report, hypotheses)).values()


def _notes(report, hypotheses: list[str], use_glossary: bool) -> str:
    first = report.metrics[0]
    notes = [f"- {m} signature: `{report.systems[0].score(m).signature}`" for m in report.metrics]
    if report.test:
        notes.append("- p: paired bootstrap against the first file; * marks p < 0.05; ± is half the 95 % interval")
    notes += [f"- warning: {escaped(editors_words(w))}" for w in report.warnings]
    if report.systems[0].names is None and use_glossary:
        notes.append("- name accuracy needs the source file too")
    notes.insert(0, f"Best by {first}: **{escaped(Path(hypotheses[ranking(report).index(1)]).name)}**")
    return "\n".join(notes)


def _missed(report, hypotheses: list[str]) -> pd.DataFrame:
    if report.systems[0].names is None:
        return pd.DataFrame(columns=MISSED_COLUMNS)
    return pd.DataFrame([(Path(h).name, m.line, m.source, m.expected[0], m.entry_id, m.type)
                         for h, s in zip(hypotheses, report.systems) for m in s.names.missed],
                        columns=MISSED_COLUMNS)


def build_score_tab(glossary_state, glossary_choice) -> None:
    """The Score tab's widgets and events (inside ``gr.Tab``); its example chooses the FLORES glossary."""
    gr.Markdown("Score translations against a human reference with sacrebleu (signatures, 95 % confidence "
                "intervals, paired bootstrap against the first file). Add the source to measure name accuracy "
                "with the active glossary.")
    with gr.Row():
        reference = gr.File(label="Reference", elem_id="score-ref")
        hypotheses = gr.File(label="Translations (one or more; the first is the baseline)", file_count="multiple",
                             elem_id="score-hyps")
        source = gr.File(label="Source (optional, for name accuracy)", elem_id="score-src")
    with gr.Row(elem_classes=["mt-options"]):
        metrics = gr.CheckboxGroup(["bleu", "chrf", "chrf++", "ter"], value=["bleu", "chrf"], label="Metrics")
        use_glossary = gr.Checkbox(True, label="Name accuracy with the active glossary")
    button = gr.Button("Score", variant="primary", elem_id="score-button")
    note = gr.Markdown(elem_id="score-note", elem_classes=["mt-problem"], label="Problem")
    table = gr.Dataframe(headers=["rank", "system", "BLEU", "chrF2"], label="Scores", interactive=False,
                         elem_id="score-table", wrap=True)
    chart = gr.BarPlot(label="Chart")
    notes = gr.Markdown(elem_id="score-notes", label="Notes")
    missed = gr.Dataframe(headers=MISSED_COLUMNS, label="Names missed", interactive=False)
    gr.Examples([[str(EXAMPLES / "score.ar"), [str(EXAMPLES / f"score.{s}.ar") for s in ("opusmt", "google", "argos")],
                  str(EXAMPLES / "score.en"), "FLORES-101 example names"]],
                [reference, hypotheses, source, glossary_choice], label="FLORES-101 dev, first 20 lines, three systems")
    button.click(score_uploads, [reference, hypotheses, source, use_glossary, glossary_state, metrics],
                 Scored.components(table=table, chart=chart, notes=notes, missed=missed, action_note=note),
                 api_name="score",
                 **SCORE)
