"""The Translate tab: translate pasted text, repair its names, review the changes, and check it by a
round trip (translate back and compare)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gradio as gr
import pandas as pd

from eval.roundtrip import RoundTrip
from glossary.entry import Glossary
from glossary.repair import RepairResult
from glossary.sharing import shared_repairer
from glossary.review import Review
from translate.pipeline import translate_texts

from .common import DIRECTIONS, MAX_TEXT_CHARS, MODEL, Outputs, examples, pasted, right_to_left, unchanged
from .models import DEFAULT_MODEL, model_list, model_note, translator
from .markup import escaped
from .notes import beside
from .review import Reviewed, ReviewPanel, reviewed

CHECK_COLUMNS = ["line", "chrF", "BLEU", "flagged", "why"]


@dataclass
class Translated(Outputs):
    review: Reviewed = field(default_factory=Reviewed)  # the translation, its changes and their review
    back: Any = unchanged()  # the back-translation
    checks: Any = unchanged()  # the round-trip check per line
    names: Any = unchanged()  # the names that did not survive the round trip
    models: Any = unchanged()  # the models used
    action_note: Any = ""  # a problem, under the Translate button


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


@beside(Translated)
def translate_text(direction: str, text: str, glossary: Glossary, use_glossary: bool = True, round_trip: bool = True,
                   model: str = DEFAULT_MODEL, back_model: str = DEFAULT_MODEL, progress=gr.Progress()):
    source_lang, target_lang = DIRECTIONS[direction]
    lines = pasted(text, "text to translate").split("\n")
    forward = translator(model, source_lang, target_lang)
    repairer = shared_repairer(glossary, source_lang, target_lang) if use_glossary else None
    count = _sentences(lines, source_lang)
    if not round_trip:
        return _one_way(lines, forward, source_lang, repairer, SentenceProgress(progress, count, "translating")).values()
    backward = translator(back_model, target_lang, source_lang)
    trip = RoundTrip(source_lang, target_lang, backward=backward, forward=forward, translate_texts=translate_texts,
                     glossary=glossary if use_glossary else None)
    # Forward, then back: about as many sentences again (the back-translation of each).
    report = trip.check(lines, on_batch=SentenceProgress(progress, 2 * count, "translating, then back-translating"))
    checks = pd.DataFrame(
        [(s.line, round(s.chrf, 1), round(s.bleu, 1), "yes" if s.flagged else "", "; ".join(s.reasons))
         for s in report.sentences],
        columns=CHECK_COLUMNS,
    )
    # The back-translation is of the translation as mtrepair repaired it; the review changes the
    # translation only.
    return Translated(reviewed(Review.of(report.sentences), "translation"),
                      "\n".join(s.back_translation for s in report.sentences), checks, _lost_names(report),
                      model_note(forward, backward)).values()


def _one_way(lines: list[str], forward, source_lang: str, repairer, on_batch: SentenceProgress) -> Translated:
    """Translate without the round trip (and repair, with a repairer)."""
    translations = [r.translation for r in translate_texts(lines, forward, source_lang, on_batch=on_batch)]
    results = [repairer.repair(t, s, line=n) if repairer else RepairResult(n, t, t, (), ())
               for n, (s, t) in enumerate(zip(lines, translations), start=1)]
    return Translated(reviewed(Review.of(results), "translation"), "", pd.DataFrame(columns=CHECK_COLUMNS),
                      "Round trip off: no back-translation.", model_note(forward, None))


def _lost_names(report) -> str:
    lost = [f"- line {s.line}: {escaped(n.source)} ({'missing in the translation' if not n.in_translation else 'not back-translated'})"
            for s in report.sentences for n in s.lost_names]
    if lost:
        return "**Names that did not survive the round trip:**\n" + "\n".join(lost)
    if any(s.names for s in report.sentences):
        return "Every glossary name survived the round trip."
    return "No glossary names in this text."


def build_translate_tab(glossary_state) -> tuple:
    """The Translate tab's widgets and events (inside ``gr.Tab``); returns its button and the note beside
    it (the page greys the button out when no model can translate)."""
    with gr.Row(elem_classes=["mt-options"]):
        direction = gr.Radio(list(DIRECTIONS), value="English → Arabic", label="Direction")
        use_glossary = gr.Checkbox(True, label="Repair names with the glossary")
        round_trip = gr.Checkbox(True, label="Round trip: translate back and compare")
    source = gr.Textbox(lines=6, label="Text (one paragraph or sentence per line)", elem_id="translate-source",
                        max_length=MAX_TEXT_CHARS)
    with gr.Accordion("Models", open=False):
        model = model_list("Forward model")
        back_model = model_list("Back-translation model")
    button = gr.Button("Translate", variant="primary", elem_id="translate-button")
    note = gr.Markdown(elem_id="translate-note", elem_classes=["mt-problem"], label="Problem")
    output = gr.HighlightedText(label="Translation", color_map={"glossary fix": "yellow"},
                                show_legend=True, elem_id="translate-output", rtl=True, elem_classes=["mt-highlight"])
    review = ReviewPanel("translate", "translation")
    back = gr.Textbox(label="Back-translation", lines=4, interactive=False, elem_id="translate-back")
    checks = gr.Dataframe(headers=CHECK_COLUMNS, label="Round-trip check", interactive=False,
                          elem_id="translate-checks")
    names = gr.Markdown(elem_id="translate-names", label="Names")
    models = gr.Markdown(label="Models used")
    gr.Examples([["English → Arabic", examples("mangled.en")], ["Arabic → English", examples("mangled.ar")]],
                [direction, source], label="Examples (FLORES-101 dev)")
    button.click(translate_text, [direction, source, glossary_state, use_glossary, round_trip, model, back_model],
                 Translated.components(review=review.outputs(output), back=back, checks=checks, names=names,
                                       models=models, action_note=note),
                 api_name="translate", **MODEL)
    review.wire(output, api_name="decide_translation_change")
    direction.change(_directed, direction, [source, output, review.text, back], api_visibility="private")
    return button, note


def _directed(direction: str):
    """The direction changed: (source, translation, text as decided, back-translation) right to left or not."""
    source_lang, target_lang = DIRECTIONS[direction]
    return (*right_to_left(direction), gr.update(rtl=target_lang == "ar"), gr.update(rtl=source_lang == "ar"))
