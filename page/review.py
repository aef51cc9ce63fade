"""The review under Translate and Repair: a table with a tick per change, buttons for all of them at
once, the text as decided (to copy and to download) and the report of the decisions."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import gradio as gr
import pandas as pd

from glossary.confidence import load_calibration
from glossary.report import RepairSummary
from glossary.review import Review

from .common import LIGHT, Outputs, highlighted, scratch_folder, unchanged, user_errors
from .markup import escaped
from .notes import Problem

# The review table: what a person decides on first (phone width shows the tick, before and after),
# then how sure mtrepair is and why, in words; last the line, the glossary entry and the number that
# names the change (decisions are matched by it, so a table the person sorted still means the same
# changes; the API decides by it too).  Widths in pixels hold each column's longest word and header
# at any page width; "why" takes what is left of a desktop's width and wraps.
REVIEW_COLUMNS = ["apply", "before", "after", "confidence", "why", "line", "glossary entry", "#"]
REVIEW_WIDTHS = ["60px", "112px", "140px", "104px", "45%", "52px", "140px", "44px"]
REVIEW_TYPES = ["bool", "str", "str", "str", "str", "number", "str", "number"]
# How repair found a change (glossary.stages.evidence's methods), as an editor says it.
HOW_FOUND = {"near-miss": "misspelt", "transliteration": "sounded out", "untranslated": "left untranslated",
             "completion": "name incomplete", "spelling": "another accepted spelling"}

# Confidence in words an editor acts on, with the number beside it.  The edges are in this one place:
# - "sure" from the shipped apply threshold (glossary/data/confidence.json): where fitted fixes were at
#   least 99 % right, so mtrepair applies them by default.  A suggestion is never "sure", however high
#   its number: mtrepair held it back for a reason the evidence gives (an acronym writers keep, say);
# - "likely" from 0.8: mostly right, worth a glance;
# - "check" below: the evidence is weak, read the line before accepting.
# The words sort in the same order as the numbers (check < likely < sure), so sorting the column still
# ranks the changes.
SURE_FROM = load_calibration().apply_threshold
LIKELY_FROM = 0.8


def confidence_band(confidence: float, suggested: bool = False) -> str:
    """"sure", "likely" or "check" for a change's confidence (the probability it is right)."""
    if confidence >= SURE_FROM and not suggested:
        return "sure"
    return "likely" if confidence >= LIKELY_FROM else "check"


def confidence_words(confidence: float, suggested: bool = False) -> str:
    """The table's cell: the band, then the number (two decimals are all an editor can use)."""
    return f"{confidence_band(confidence, suggested)} ({confidence:.2f})"


@dataclass
class Reviewed(Outputs):
    """What the page shows of a review."""

    state: Any = unchanged()  # the Review itself
    highlighted: Any = unchanged()  # the text as decided, accepted changes highlighted
    table: Any = unchanged()  # a row per change
    text: Any = unchanged()  # the text as decided, to copy
    file: Any = unchanged()  # ... and to download
    report: Any = unchanged()  # the report of the decisions (JSONL)
    note: Any = unchanged()  # how many changes are accepted, and by whom


def review_rows(review: Review) -> pd.DataFrame:
    rows = [(accept, c.before, c.after, confidence_words(c.confidence, c.kind != "fix"), why(c), c.line,
             c.entry_id, number)
            for number, (c, accept) in enumerate(zip(review.changes, review.accepted), start=1)]
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def why(change) -> str:
    """The table's "why": what mtrepair did, how it found the change, its evidence and (a suggestion)
    why it was not applied."""
    did = "applied" if change.kind == "fix" else "suggested"
    text = f"{did} ({HOW_FOUND.get(change.method, change.method)}): {change.evidence}"
    return text + (f". Not applied: {change.reason}" if change.reason else "")


def review_files(review: Review, stem: str) -> tuple[str, str]:
    """The text as decided and the report of the decisions (JSONL, as ``mtrepair repair --report``), to download."""
    folder = scratch_folder("review")
    text, report = folder / f"{stem}.txt", folder / f"{stem}.report.jsonl"
    text.write_text("".join(line + "\n" for line in review.texts()), encoding="utf-8")
    report.write_text("".join(json.dumps(_banded(r), ensure_ascii=False) + "\n" for r in review.records()),
                      encoding="utf-8")
    return str(text), str(report)


def _banded(record: dict) -> dict:
    """A report record with the confidence in words beside the number (the records of missing names have none)."""
    if "confidence" not in record:
        return record
    return {**record, "confidence_band": confidence_band(record["confidence"], record.get("kind") != "fix")}


def summary_as_decided(summary: RepairSummary, review: Review) -> str:
    """The tab's summary once the editor decided: what is applied is what is accepted now, whoever decided
    it (mtrepair's counts at first; after an untick, one name fewer)."""
    accepted = review.counts()["accepted"]
    changed = sum(1 for _, fixes in review.per_line() if fixes)
    return summary_text(replace(summary, fixes=accepted, changed=changed, suggested=len(review.changes) - accepted))


def summary_text(summary: RepairSummary) -> str:
    """The summary's paragraph (Markdown), the source's names in it escaped: they are the visitor's text."""
    return replace(summary, missing=tuple((line, escaped(name)) for line, name in summary.missing)).paragraph()


def review_note(review: Review, set_aside: list[int] = ()) -> str:
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


def reviewed(review: Review, stem: str, set_aside: list[int] = ()) -> Reviewed:
    """What the page shows of ``review``; its files are named after ``stem``."""
    text_file, report_file = review_files(review, stem)
    return Reviewed(review, highlighted((line.text, accepted) for line, accepted in review.per_line()),
                    review_rows(review), "\n".join(review.texts()), text_file, report_file,
                    review_note(review, set_aside))


def decide(review: Review | None, table: pd.DataFrame, stem: str):
    """A box of the review table's "apply" column was ticked or cleared: the text follows."""
    if review is None:
        return Reviewed().values()
    wanted = {}
    for number, accept in zip(table["#"], table["apply"]):
        try:
            number = int(number)
        except (TypeError, ValueError):
            continue  # a row the person added by hand: not a change
        if 1 <= number <= len(review.changes):
            wanted[number] = accept is True or str(accept).lower() == "true"
    review, set_aside = review.with_decisions(wanted)
    return reviewed(review, stem, set_aside).values()


def decide_one(review: Review | None, number, accept, stem: str):
    """Change ``number`` accepted (``accept``) or rejected, as a program asks by the API."""
    if review is None:
        raise Problem("There is nothing to review yet: repair or translate a text first.")
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Problem(f"A change is named by its number (the table's #), not {number!r}.") from None
    if not 1 <= number <= len(review.changes):
        raise Problem(f"There is no change {number}: the review has {len(review.changes)}.")
    review, set_aside = review.decide(number, bool(accept))
    return reviewed(review, stem, set_aside).values()


def _accept_where(review: Review | None, stem: str, keep):
    """One of the review's buttons: exactly the changes ``keep`` says yes to are accepted."""
    if review is None:
        return Reviewed().values()
    return reviewed(review.accept_where(keep), stem).values()


def accept_sure(review: Review | None, stem: str):
    """mtrepair's decisions again: its fixes accepted, its suggestions rejected."""
    return _accept_where(review, stem, lambda change: change.kind == "fix")


def accept_all(review: Review | None, stem: str):
    return _accept_where(review, stem, lambda change: True)


def reject_all(review: Review | None, stem: str):
    return _accept_where(review, stem, lambda change: False)


class ReviewPanel:
    """The review of one tab, under its highlighted text (``prefix`` names its elements; ``stem``
    its downloads).  Labels are short: a program gets each output by its label (gradio_client)."""

    def __init__(self, prefix: str, stem: str) -> None:
        self.stem = stem
        self.state = gr.State(None)
        self.note = gr.Markdown(elem_id=f"{prefix}-review-note", label="Review")
        gr.Markdown("Tick a change to apply it; clear the tick to leave the words as they were.",
                    elem_classes=["mt-hint"])
        self.table = gr.Dataframe(
            headers=REVIEW_COLUMNS, datatype=REVIEW_TYPES, interactive=True, elem_id=f"{prefix}-review",
            elem_classes=["mt-review"], static_columns=list(range(1, len(REVIEW_COLUMNS))), wrap=True,
            column_widths=REVIEW_WIDTHS, label="Changes")
        with gr.Row(elem_classes=["mt-options"]):
            self.sure = gr.Button("Accept the sure ones (mtrepair's fixes)", size="sm", elem_id=f"{prefix}-accept-sure")
            self.all = gr.Button("Accept all", size="sm", elem_id=f"{prefix}-accept-all")
            self.none = gr.Button("Reject all", size="sm", elem_id=f"{prefix}-reject-all")
        self.text = gr.Textbox(label="Text to copy", lines=4, interactive=False, buttons=["copy"], rtl=True,
                               elem_id=f"{prefix}-text")
        with gr.Row():
            self.file = gr.File(label="Text file", interactive=False, elem_id=f"{prefix}-download")
            self.report = gr.File(label="Report (JSONL)", interactive=False, elem_id=f"{prefix}-report")
        # A program decides one change by its number (the API only: the page has the ticks).
        with gr.Row(visible=False):
            self.number = gr.Number(None, precision=0, label="Change number")
            self.accept = gr.Checkbox(True, label="Accept")
            self.decide = gr.Button("Decide", elem_id=f"{prefix}-decide")

    def outputs(self, shown) -> list:
        """The components of :class:`Reviewed`, with ``shown`` the tab's highlighted text."""
        return Reviewed.components(state=self.state, highlighted=shown, table=self.table, text=self.text,
                                   file=self.file, report=self.report, note=self.note)

    def wire(self, shown, summary: tuple | None = None, api_name: str | None = None) -> None:
        """The decisions' events; with ``summary`` = (the State of the tab's RepairSummary, its Markdown),
        the tab's summary follows the decisions too; ``api_name`` names the endpoint deciding one change."""
        outputs = self.outputs(shown) + ([summary[1]] if summary else [])
        extra = [summary[0]] if summary else []
        stem = self.stem
        private = {"api_visibility": "private", **LIGHT}

        def event(handler):
            return user_errors(_following(handler, bool(summary)))

        self.table.input(event(lambda review, table: decide(review, table, stem)), [self.state, self.table, *extra],
                         outputs, **private)
        self.sure.click(event(lambda review: accept_sure(review, stem)), [self.state, *extra], outputs, **private)
        self.all.click(event(lambda review: accept_all(review, stem)), [self.state, *extra], outputs, **private)
        self.none.click(event(lambda review: reject_all(review, stem)), [self.state, *extra], outputs, **private)

        one = event(lambda review, number, accept: decide_one(review, number, accept, stem))
        if summary:  # the parameters a program sees are these functions' (the states are not shown)
            def decide_change(review, number: int, accept: bool = True, counts=None):
                return one(review, number, accept, counts)
        else:
            def decide_change(review, number: int, accept: bool = True):
                return one(review, number, accept)

        self.decide.click(decide_change, [self.state, self.number, self.accept, *extra], outputs,
                          api_name=api_name, api_visibility="public" if api_name else "private", **LIGHT)


def _following(handler, summarised: bool):
    """``handler``'s outputs, then (when ``summarised``: its last input is the tab's RepairSummary) the
    summary as decided."""
    if not summarised:
        return handler

    def run(*args):
        *inputs, summary = args
        values = handler(*inputs)
        review = values[0]
        if summary is None or not isinstance(review, Review):
            return (*values, gr.update())
        return (*values, summary_as_decided(summary, review))

    return run
