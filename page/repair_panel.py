"""The Repair tab: repair names in machine translation made anywhere (no model needed), then review
each change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from glossary.confidence import load_calibration
from glossary.entry import Glossary
from glossary.sharing import shared_repairer
from glossary.report import RepairSummary
from glossary.review import Review

from .common import DIRECTIONS, LIGHT, MAX_TEXT_CHARS, Outputs, examples, pasted, right_to_left, unchanged
from .notes import Problem, beside
from .review import Reviewed, ReviewPanel, reviewed, summary_text


@dataclass
class Repaired(Outputs):
    review: Reviewed = field(default_factory=Reviewed)  # the repaired text, its changes and their review
    summary: Any = unchanged()  # what was repaired, suggested and is still missing
    counts: Any = unchanged()  # the RepairSummary itself, for the summary to follow the editor's decisions
    text_note: Any = ""  # a problem with the pasted text, under the text boxes
    action_note: Any = ""  # any other problem, under the Repair button


@beside(Repaired)
def repair_text(direction: str, translation: str, source: str, glossary: Glossary, apply_threshold: float | None = None,
                house_style: bool = False):
    source_lang, target_lang = DIRECTIONS[direction]
    lines = pasted(translation, "machine translation", "text").split("\n")
    sources = None
    if (source or "").strip():
        sources = pasted(source, "source text", "text").split("\n")
        if len(sources) != len(lines):
            raise Problem(f"The source has {len(sources)} lines and the translation {len(lines)}; "
                          "they must match line by line (or leave the source empty).", "text")
    threshold = None if apply_threshold is None else float(apply_threshold)
    repairer = shared_repairer(glossary, source_lang, target_lang, threshold, bool(house_style))
    results = list(repairer.repair_lines(lines, sources))
    summary = RepairSummary.of(results, repairer.apply_threshold, source_aware=bool(sources))
    return Repaired(reviewed(Review.of(results), "repaired"), summary_text(summary), summary).values()


def build_repair_tab(glossary_state, glossary_choice) -> None:
    """The Repair tab's widgets and events (inside ``gr.Tab``); its examples choose the FLORES glossary."""
    gr.Markdown("Repair names in machine translation made anywhere. With the source text, every glossary name "
                "of the source must appear; without it, only clear near-misses of glossary names are replaced. "
                "No translation model needed.")
    direction = gr.Radio(list(DIRECTIONS), value="English → Arabic", label="Direction of the translation")
    with gr.Row(elem_classes=["mt-options"]):
        source = gr.Textbox("", lines=6, label="Source text (optional, line by line)", elem_id="repair-source",
                            max_length=MAX_TEXT_CHARS)
        mt = gr.Textbox(lines=6, label="Machine translation to repair", elem_id="repair-mt", max_length=MAX_TEXT_CHARS,
                        rtl=True)
    text_note = gr.Markdown(elem_id="repair-text-note", elem_classes=["mt-problem"], label="Text problem")
    # A slider: the browser keeps the number between 0 and 1 (a program's number out of range is refused
    # by Gradio in one line).
    threshold = gr.Slider(0, 1, value=load_calibration().apply_threshold, step=0.01, elem_id="repair-threshold",
                          label="Apply threshold: how likely right a fix must be to be applied (less sure ones are "
                                "suggested)")
    house = gr.Checkbox(False, label="Also apply the glossary's spelling where the text spells a name "
                                     "another accepted way (house style; otherwise suggested)",
                        elem_id="repair-house-style")
    button = gr.Button("Repair", variant="primary", elem_id="repair-button")
    action_note = gr.Markdown(elem_id="repair-note", elem_classes=["mt-problem"], label="Problem")
    summary = gr.Markdown(elem_id="repair-summary", label="Summary")
    counts = gr.State(None)
    output = gr.HighlightedText(label="Repaired", color_map={"glossary fix": "yellow"},
                                show_legend=True, elem_id="repair-output", rtl=True, elem_classes=["mt-highlight"])
    review = ReviewPanel("repair", "repaired")
    gr.Examples(
        [["English → Arabic", examples("mangled.en"), examples("mangled.opusmt.ar"), "FLORES-101 example names"],
         ["Arabic → English", examples("mangled.ar"), examples("mangled.opusmt.en"), "FLORES-101 example names"]],
        [direction, source, mt, glossary_choice],
        label="Real OPUS-MT output of FLORES-101 dev lines, names mangled (choose the FLORES glossary)")
    button.click(repair_text, [direction, mt, source, glossary_state, threshold, house],
                 Repaired.components(review=review.outputs(output), summary=summary, counts=counts,
                                     text_note=text_note, action_note=action_note),
                 api_name="repair", **LIGHT)
    review.wire(output, summary=(counts, summary), api_name="decide_change")
    internal = {"api_visibility": "private"}
    direction.change(right_to_left, direction, [source, mt], **internal).then(
        lambda d: (gr.update(rtl=DIRECTIONS[d][1] == "ar"),) * 2, direction, [output, review.text], **internal)
