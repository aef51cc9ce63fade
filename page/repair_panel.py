"""The Repair tab: repair names in machine translation made anywhere (no model needed), then review
each change."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

import gradio as gr

from glossary.confidence import load_calibration
from glossary.entry import Glossary
from glossary.repair import shared_repairer
from glossary.report import RepairSummary
from glossary.review import Review
from translate.arguments import fraction

from .common import DIRECTIONS, LIGHT, Outputs, examples, pasted, right_to_left, user_errors
from .review import Reviewed, ReviewPanel, reviewed


@dataclass
class Repaired(Outputs):
    review: Reviewed  # the repaired text, its changes and their review
    summary: Any  # what was repaired, suggested and is still missing
    counts: Any  # the RepairSummary itself, for the summary to follow the editor's decisions


@user_errors
def repair_text(direction: str, translation: str, source: str, glossary: Glossary, apply_threshold,
                house_style: bool = False):
    source_lang, target_lang = DIRECTIONS[direction]
    lines = pasted(translation, "machine translation").split("\n")
    sources = None
    if (source or "").strip():
        sources = pasted(source, "source text").split("\n")
        if len(sources) != len(lines):
            raise gr.Error(f"The source has {len(sources)} lines and the translation {len(lines)}; "
                           "they must match line by line (or leave the source empty).", print_exception=False)
    apply_threshold = _confidence(apply_threshold)
    repairer = shared_repairer(glossary, source_lang, target_lang, apply_threshold, bool(house_style))
    results = list(repairer.repair_lines(lines, sources))
    summary = RepairSummary.of(results, repairer.apply_threshold, source_aware=bool(sources))
    return Repaired(reviewed(Review.of(results), "repaired"), summary.paragraph(), summary).values()


def _confidence(text: str | None) -> float | None:
    if not (text or "").strip():
        return None
    try:
        return fraction(text)
    except argparse.ArgumentTypeError:
        raise gr.Error(f"The apply threshold must be a number from 0 to 1, not {text.strip()!r}.",
                       print_exception=False) from None


def build_repair_tab(glossary_state, glossary_choice) -> None:
    """The Repair tab's widgets and events (inside ``gr.Tab``); its examples choose the FLORES glossary."""
    gr.Markdown("Repair names in machine translation made anywhere. With the source text, every glossary name "
                "of the source must appear; without it, only clear near-misses of glossary names are replaced. "
                "No translation model needed.")
    direction = gr.Radio(list(DIRECTIONS), value="English → Arabic", label="Direction of the translation")
    with gr.Row(elem_classes=["mt-options"]):
        source = gr.Textbox("", lines=6, label="Source text (optional, line by line)", elem_id="repair-source")
        mt = gr.Textbox(lines=6, label="Machine translation to repair", elem_id="repair-mt", rtl=True)
    threshold = gr.Textbox("", label="Apply threshold 0-1: how likely right a fix must be to be applied "
                                     f"(blank: {load_calibration().apply_threshold:g}; less sure ones are suggested)",
                           max_length=10)
    house = gr.Checkbox(False, label="Also apply the glossary's spelling where the text spells a name "
                                     "another accepted way (house style; otherwise suggested)",
                        elem_id="repair-house-style")
    button = gr.Button("Repair", variant="primary", elem_id="repair-button")
    summary = gr.Markdown(elem_id="repair-summary", label="Summary")
    counts = gr.State(None)
    output = gr.HighlightedText(label="Repaired (accepted fixes highlighted)", color_map={"glossary fix": "yellow"},
                                show_legend=True, elem_id="repair-output", rtl=True, elem_classes=["mt-highlight"])
    review = ReviewPanel("repair", "repaired")
    gr.Examples(
        [["English → Arabic", examples("mangled.en"), examples("mangled.opusmt.ar"), "FLORES-101 example names"],
         ["Arabic → English", examples("mangled.ar"), examples("mangled.opusmt.en"), "FLORES-101 example names"]],
        [direction, source, mt, glossary_choice],
        label="Real OPUS-MT output of FLORES-101 dev lines, names mangled (choose the FLORES glossary)")
    button.click(repair_text, [direction, mt, source, glossary_state, threshold, house],
                 Repaired.components(review=review.outputs(output), summary=summary, counts=counts), api_name="repair",
                 **LIGHT)
    review.wire(output, summary=(counts, summary))
    internal = {"api_visibility": "private"}
    direction.change(right_to_left, direction, [source, mt], **internal).then(
        lambda d: (gr.update(rtl=DIRECTIONS[d][1] == "ar"),) * 2, direction, [output, review.text], **internal)
