"""mtrepair in the browser: translate, repair, score, batch and glossary tabs.

    python app.py                      # http://127.0.0.1:7860
    python app.py --port 8080 --host 0.0.0.0
    GRADIO_SERVER_PORT=8080 python app.py  # or MTREPAIR_PORT; GRADIO_SERVER_NAME / MTREPAIR_HOST for the host

The page only wires widgets to mtrepair's packages: translation and round
trips (``translate``, ``eval.roundtrip``), name repair (``glossary.repair``),
scores (``eval.scoring``), batch jobs (``translate.jobs``).  This file lays
the page out and serves it; each tab's handlers, the dataclass naming their
outputs and the function building the tab live in ``page/`` beside it.
Every problem a user can cause is one sentence beside the control that
caused it (page/notes.py), the last results left as they were; no
traceback, flag, variable or server path reaches the browser.  Models load on first use and are shared by
all visitors; without one (offline), the page says so and Repair and Score
keep working.
"""

from __future__ import annotations

import logging
import os

import gradio as gr

from page.address import server_address
from page.batch_panel import build_batch_tab
from page.glossary_panel import GlossaryTab, build_glossary_bar
from page.models import ModelStatus, model_status
from page.repair_panel import build_repair_tab
from page.score_panel import build_score_tab
from page.translate_panel import build_translate_tab

MAX_FILE_SIZE = "10mb"  # uploads: glossaries, files to score or translate
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
/* The review table is edited only by its ticks: no rows added or removed by hand (and no "tick all"
   box in the header: the buttons under the table do that, and the header keeps its width for its word). */
.mt-review .add-row-button, .mt-review .cell-menu-button, .mt-review .select-all-checkbox,
.mt-review .header-icons { display: none !important; }
.gradio-container table td, .gradio-container table th, .gradio-container table td *,
.gradio-container .virtual-row, .gradio-container .virtual-row * {
    font-family: var(--font); word-break: normal; overflow-wrap: break-word; unicode-bidi: plaintext; }
/* Its headers are one line each, and a name wraps only between its words (the columns are wide enough
   for a word, page/review.py); only "why", free text, may break a word too long for its column. */
.mt-review th, .mt-review th * { white-space: nowrap !important; overflow-wrap: normal !important; }
.mt-review .virtual-row [role=gridcell]:not([data-col="4"]) * { overflow-wrap: normal !important; }
/* A problem is said under the control that caused it (page/notes.py). */
.mt-problem p, .mt-paste-note { color: var(--error-text-color); font-weight: 600; }
.mt-hint p { font-size: var(--text-sm); color: var(--body-text-color-subdued); }
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
// A box with a limit (its maxlength: page/common.MAX_TEXT_CHARS) refuses a paste that would take it over,
// at once, and says so under it: the browser would otherwise take megabytes in (and truncate them
// silently) before the server could say no.
document.addEventListener('paste', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLTextAreaElement) || !(box.maxLength > 0)) return;
  const pasted = (event.clipboardData && event.clipboardData.getData('text')) || '';
  const after = box.value.length - (box.selectionEnd - box.selectionStart) + pasted.length;
  let said = box.parentElement.querySelector('.mt-paste-note');
  if (after <= box.maxLength) { if (said) said.remove(); return; }
  event.preventDefault();
  event.stopImmediatePropagation();
  if (!said) {
    said = document.createElement('p');
    said.className = 'mt-paste-note';
    said.setAttribute('role', 'alert');
    box.parentElement.appendChild(said);
  }
  said.textContent = `⚠ Not pasted: that text has ${pasted.length.toLocaleString('en')} characters and this box ` +
    `takes up to ${box.maxLength.toLocaleString('en')}. Use the Batch tab for long documents.`;
}, true);
</script>"""


def build() -> gr.Blocks:
    # Gradio's copies of the downloads are deleted after a day.
    with gr.Blocks(title="mtrepair", analytics_enabled=False, delete_cache=(3600, 86_400)) as blocks:
        gr.Markdown("# mtrepair\nArabic ↔ English machine translation with the names kept right.")
        # Above the tabs: what works on this server is news on every tab.
        status = gr.Markdown("Checking the translation models…", elem_id="model-status")
        bar = build_glossary_bar()
        with gr.Tabs() as tabs:
            with gr.Tab("Translate", id="translate"):
                translate, translate_note = build_translate_tab(bar.state)
            with gr.Tab("Repair", id="repair"):
                build_repair_tab(bar.state, bar.choice)
            with gr.Tab("Score", id="score"):
                build_score_tab(bar.state, bar.choice)
            with gr.Tab("Batch", id="batch"):
                batch, batch_note = build_batch_tab(bar.state)
            with gr.Tab("Glossary", id="glossary"):
                glossary = GlossaryTab(bar)
        gr.Markdown(f"<small>{ATTRIBUTION}</small>")
        glossary.wire(blocks)
        blocks.load(model_status, None, ModelStatus.components(status=status, tabs=tabs, translate=translate,
                                                               translate_note=translate_note, batch=batch,
                                                               batch_note=batch_note),
                    api_visibility="private")
    return blocks


# The queue (Gradio's: one line per concurrency group, page/common.py says which event is in which):
# - QUEUE_SIZE: events waiting at once, all groups together.  The busiest newsroom (100 visitors
#   at once, each with an event or two in flight) fits four times over; past it a visitor is told at once
#   that the page is busy rather than left waiting on a line that cannot drain in time.
# - DEFAULT_CONCURRENCY: events named in no group (the page's own steps: opening, switching a direction,
#   loading a glossary) each run two at a time; they take milliseconds.
# - MAX_THREADS: Gradio starts an event only when one of these workers is free, whatever its group.  The
#   groups' limits (light 16, score 2, model 1, the glossary table 1) and two for each of the page's
#   own steps (about 15 of them) stay below it, so no busy group can leave repair without a worker.
QUEUE_SIZE = 400
DEFAULT_CONCURRENCY = 2
MAX_THREADS = 64


def queued(page: gr.Blocks) -> gr.Blocks:
    """``page`` with its queue set up as above (also for tests that serve the page in their own process)."""
    return page.queue(default_concurrency_limit=DEFAULT_CONCURRENCY, max_size=QUEUE_SIZE)


def main() -> None:
    host, port = server_address(None, os.environ)  # --host/--port, else MTREPAIR_* or GRADIO_SERVER_* (page/address.py)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    page = queued(build())
    page.launch(server_name=host, server_port=port, max_file_size=MAX_FILE_SIZE, show_error=True,
                max_threads=MAX_THREADS,
                css=CSS, head=HEAD, theme=gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]),
                footer_links=["api"])


if __name__ == "__main__":
    main()
