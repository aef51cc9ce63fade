"""The web page, driven in headless Chromium like a person would use it: each tab does its job and shows
it (Translate, Repair and its review, Score, Batch), errors come as messages, and Arabic is set right.

The glossary tab: tests/test_app_browser_glossary.py; the page without its models:
tests/test_app_browser_models.py; the server, Chromium and the shared gestures:
tests/browser_harness.py.
"""

from __future__ import annotations

import re

from browser_harness import EXAMPLES, click_example, open_tab, screenshot
from playwright.sync_api import expect


def test_repair_tab_highlights_repaired_names(page, tmp_path):
    open_tab(page, "Repair")
    click_example(page)  # real OPUS-MT output of FLORES dev lines, with the FLORES glossary
    page.wait_for_selector("#glossary-note :text('FLORES-101 example names')")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('4 names repaired in 4 of 4 lines (source-aware)')", timeout=30_000)
    highlighted = page.locator("#repair-output .highlighted").all_inner_texts()
    assert "إشبيلية" in highlighted and "بنك دويتشه" in highlighted  # "Sevilla" and "مصرف Deutsche Bank" repaired
    # «الغارديان» is another accepted spelling of the glossary's «الجارديان»: a house-style
    # suggestion, left as it is unless the editor asks for the house style.
    assert "الجارديان" not in highlighted
    fixes = page.locator("#repair-review").inner_text()
    assert "الغارديان" in fixes and "Sevilla" in fixes and "untranslated" in fixes
    # «بارسا» (the club's nickname) and «أوراق بنما» render the names in other words: left as they
    # are, and listed among the source's names still missing.
    assert "Barça" in page.locator("#repair-summary").inner_text()
    screenshot(page, "repair", tmp_path)
    page.locator("#repair-house-style input").check()
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('6 names repaired in 4 of 4 lines (source-aware)')", timeout=30_000)
    assert "الجارديان" in page.locator("#repair-output .highlighted").all_inner_texts()


def test_translate_tab_translates_round_trips_and_scores(page, tmp_path):
    page.wait_for_selector("#model-status :text('ready for both directions')", timeout=60_000)
    click_example(page)
    page.click("#translate-button")
    # One row per line of the example (row 1 is the header).
    page.locator("#translate-checks [role=row][aria-rowindex='5']").wait_for(timeout=90_000)
    assert page.locator("#translate-checks [role=row][aria-rowindex='6']").count() == 0
    assert "back-translation chrF" in page.locator("#translate-checks").inner_text()
    assert page.locator("#translate-back textarea").input_value().strip()
    assert page.locator("#translate-output .token").count() > 0
    assert page.locator("#translate-names").inner_text().strip()
    # The review: the translation as decided, to copy and to download (the tiny model's words are
    # nonsense, so there is rarely a name to repair).
    expect(page.locator("#translate-review-note")).to_have_text(re.compile(r"^\s*(No changes to review|\d+ changes? to review: )"))
    decided = page.locator("#translate-text textarea").input_value()
    assert decided.count("\n") == 3 and _download(page, "#translate-download") == decided + "\n"
    screenshot(page, "translate", tmp_path)


def test_score_tab_shows_scores_significance_and_names(page, tmp_path):
    open_tab(page, "Score")
    click_example(page)
    page.wait_for_selector("#glossary-note :text('FLORES-101 example names')")
    page.click("#score-button")
    page.wait_for_selector("#score-notes :text('signature')", timeout=60_000)
    table = page.locator("#score-table").inner_text()
    for expected in ("score.opusmt.ar (baseline)", "score.google.ar", "score.argos.ar", "p = ", "names exact"):
        assert expected in table
    assert "Best by BLEU: score.google.ar" in page.locator("#score-notes").inner_text()
    screenshot(page, "score", tmp_path)


def test_batch_tab_translates_a_file_for_download(page, tmp_path):
    open_tab(page, "Batch")
    upload = tmp_path / "news.txt"
    upload.write_text((EXAMPLES / "mangled.ar").read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("#batch-file input[type=file]", str(upload))
    # The page loads both translation models as it opens; an upload waits for that on a busy machine.
    page.wait_for_selector("#batch-file :text('news.txt')", timeout=60_000)
    page.click("#batch-button")
    page.wait_for_selector("#batch-summary :text('Translated 4 records')", timeout=60_000)
    link = page.locator("#batch-output a").first
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    translated = response.text().split("\n")[:-1]
    assert len(translated) == 4  # one translated line per input line
    # The preview: the first records, source beside translation, as in the file.
    first = (EXAMPLES / "mangled.ar").read_text(encoding="utf-8").split("\n")[0]
    preview = page.locator("#batch-preview")
    expect(preview).to_contain_text(first[:30])
    expect(preview).to_contain_text(translated[0][:20])
    screenshot(page, "batch", tmp_path)


def test_batch_tab_translates_a_jsonl_field_and_offers_the_report(page, tmp_path):
    import json

    open_tab(page, "Batch")
    upload = tmp_path / "articles.jsonl"
    rows = [{"id": n, "body": line, "keep": "x"}
            for n, line in enumerate((EXAMPLES / "mangled.ar").read_text(encoding="utf-8").splitlines())]
    upload.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    page.set_input_files("#batch-file input[type=file]", str(upload))
    page.wait_for_selector("#batch-file :text('articles.jsonl')", timeout=60_000)
    page.fill("#batch-field textarea", "body")
    page.click("#batch-button")
    page.wait_for_selector("#batch-summary :text('Translated 4 records')", timeout=90_000)
    output = page.request.get(page.locator("#batch-output a").first.get_attribute("href")).text()
    translated = [json.loads(line) for line in output.splitlines()]
    assert [r["id"] for r in translated] == [0, 1, 2, 3] and all(r["keep"] == "x" and r["body"] for r in translated)
    report = page.request.get(page.locator("#batch-report a").first.get_attribute("href")).text()
    assert len(report.splitlines()) >= 4 and '"raw_translation"' in report  # glossary repair ran


def _download(page, selector: str) -> str:
    response = page.request.get(page.locator(f"{selector} a").first.get_attribute("href"))
    assert response.ok
    return response.text()


def test_the_editor_accepts_and_rejects_each_change_and_the_text_and_downloads_follow(page, tmp_path):
    """A fix (Mosul) is applied and a suggestion (the acronym HTS, which writers often keep) is not;
    the editor takes the suggestion and refuses the fix, and everything the page gives follows."""
    import json

    open_tab(page, "Repair")
    page.fill("#repair-source textarea", "HTS fighters entered Mosul.")
    page.fill("#repair-mt textarea", "دخل مقاتلو HTS مدينة موسول.")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('1 name repaired')", timeout=30_000)
    assert "1 suggestion not applied" in page.locator("#repair-summary").inner_text()
    note = page.locator("#repair-review-note")
    expect(note).to_have_text("2 changes to review: 1 accepted, 1 rejected (as mtrepair decided).")
    rows = page.locator("#repair-review .virtual-row")
    expect(rows).to_have_count(2)
    hts, mosul = rows.nth(0), rows.nth(1)
    for expected in ("HTS", "هيئة تحرير الشام", "suggested", "untranslated", "writers often keep"):
        expect(hts).to_contain_text(expected)  # the evidence in words, and why it was not applied
    expect(mosul).to_contain_text("applied")
    expect(mosul).to_contain_text("sure (1.00)")  # confidence in words, then the number
    expect(hts).to_contain_text("likely (")  # held back: never "sure"
    # Only the ticks are for editing: no "add row" button or cell menu.
    expect(page.locator("#repair-review .add-row-button")).to_be_hidden()
    expect(page.locator("#repair-review .cell-menu-button").first).to_be_hidden()
    boxes = page.locator("#repair-review .virtual-row input[type=checkbox]")
    expect(boxes.nth(0)).not_to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    text = page.locator("#repair-text textarea")
    expect(text).to_have_value("دخل مقاتلو HTS مدينة الموصل.")
    assert page.locator("#repair-output .highlighted").all_inner_texts() == ["الموصل"]

    boxes.nth(0).click()  # take the suggestion
    expect(note).to_have_text("2 changes to review: 2 accepted, 0 rejected (1 by you).")
    expect(text).to_have_value("دخل مقاتلو هيئة تحرير الشام مدينة الموصل.")
    expect(page.locator("#repair-summary")).to_contain_text("2 names repaired")  # the summary follows
    boxes.nth(1).click()  # refuse the fix
    expect(note).to_have_text("2 changes to review: 1 accepted, 1 rejected (2 by you).")
    expect(text).to_have_value("دخل مقاتلو هيئة تحرير الشام مدينة موسول.")
    assert page.locator("#repair-output .highlighted").all_inner_texts() == ["هيئة تحرير الشام"]
    screenshot(page, "review", tmp_path)
    # The downloads follow the decisions, and the report says who decided what.
    assert _download(page, "#repair-download") == "دخل مقاتلو هيئة تحرير الشام مدينة موسول.\n"
    report = [json.loads(line) for line in _download(page, "#repair-report").splitlines()]
    decided = {(r["before"], r["kind"]): (r["decision"], r["by_editor"]) for r in report if r["kind"] != "missing"}
    assert decided == {("HTS", "suggestion"): ("accepted", True), ("موسول", "fix"): ("rejected", True)}
    assert {r["before"]: r["confidence_band"] for r in report if r["kind"] != "missing"} == {"HTS": "likely",
                                                                                           "موسول": "sure"}

    page.click("#repair-accept-sure")  # back to mtrepair's own decisions
    expect(note).to_have_text("2 changes to review: 1 accepted, 1 rejected (as mtrepair decided).")
    expect(text).to_have_value("دخل مقاتلو HTS مدينة الموصل.")
    page.click("#repair-reject-all")
    expect(note).to_have_text("2 changes to review: 0 accepted, 2 rejected (1 by you).")
    expect(page.locator("#repair-summary")).to_contain_text("0 names repaired")
    expect(text).to_have_value("دخل مقاتلو HTS مدينة موسول.")  # the translation as it came
    assert page.locator("#repair-output .highlighted").count() == 0


def test_errors_are_sentences_beside_their_control_not_tracebacks(page):
    open_tab(page, "Repair")
    page.click("#repair-button")
    expect(page.locator("#repair-text-note")).to_contain_text("Paste some machine translation first", timeout=15_000)
    assert page.locator(".toast-body").count() == 0  # no message box, no error badges (page/notes.py)
    assert "Traceback" not in page.content()


# Arabic typography (issue 15) ------------------------------------------------------------------

_CHARACTER_LINES = """(selector) => {
    // Each character of the highlighted text with the top of the line box it sits in.
    const root = document.querySelector(selector + ' .textfield');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const chars = [], blanks = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest('.text')) {  // Gradio's markup between tokens
            const range = document.createRange(); range.selectNodeContents(node);
            blanks.push(range.getBoundingClientRect().width);
            continue;
        }
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const rects = range.getClientRects();
            if (rects.length) chars.push([node.data[i], Math.round(rects[0].top)]);
        }
    }
    return {chars, blanks};
}"""


def test_arabic_output_breaks_lines_only_between_words_and_adds_no_spaces(browser, server):
    phone = browser.new_page(viewport={"width": 390, "height": 900})
    phone.goto(server)
    phone.wait_for_selector("#model-status")
    open_tab(phone, "Repair")
    phone.locator("#repair-source textarea").fill(
        "Forces operated in Mosul (Nineveh) on Monday, and the members of the council met in Mosul "
        "with the representatives of the province and members of parliament (Mosul).")
    phone.locator("#repair-mt textarea").fill(
        "نفذت القوات عمليات في موسول (نينوى) يوم الاثنين، واجتمع أعضاء المجلس بموسول في المساء مع ممثلين "
        "عن المحافظة وأعضاء البرلمان (موسول).")
    phone.click("#repair-button")
    phone.wait_for_selector("#repair-summary :text('names repaired')", timeout=30_000)
    found = phone.evaluate(_CHARACTER_LINES, "#repair-output")
    chars = found["chars"]
    text = "".join(c for c, _ in chars)
    assert "(الموصل)" in text and "بالموصل" in text  # the repaired text, clitic and brackets kept tight
    tops = sorted({top for _, top in chars})
    assert len(tops) >= 3, "the text should wrap at phone width"
    inside = [chars[i - 1][0] + chars[i][0] for i in range(1, len(chars))
              if chars[i][1] != chars[i - 1][1] and not chars[i - 1][0].isspace() and not chars[i][0].isspace()]
    assert inside == [], f"line breaks inside words: {inside}"
    assert max(found["blanks"], default=0) == 0, "the markup between tokens shows as spaces"
    copied = phone.locator("#repair-output .textfield").inner_text()
    assert "(الموصل)" in copied and "بالموصل" in copied, copied  # copying gives the text itself
    # Each line of the input is a line of the output.
    phone.locator("#repair-mt textarea").fill("نفذت القوات عمليات في موسول.\nوغادرت موسول.")
    phone.locator("#repair-source textarea").fill("Forces operated in Mosul.\nThey left Mosul.")
    phone.click("#repair-button")
    phone.wait_for_selector("#repair-summary :text('2 names repaired in 2 of 2 lines')", timeout=30_000)
    lines = phone.evaluate(_CHARACTER_LINES, "#repair-output")["chars"]
    assert len({top for _, top in lines}) == 2
    copied = phone.locator("#repair-output .textfield").inner_text()
    assert copied.split("\n") == ["نفذت القوات عمليات في الموصل.", "وغادرت الموصل."], copied
    # At phone width the review table shows what is decided on first: the tick, before and after.
    shown = phone.evaluate("""() => [...document.querySelectorAll('#repair-review th')]
        .filter(th => th.getBoundingClientRect().right <= window.innerWidth).map(th => th.title)""")
    assert shown[:3] == ["apply", "before", "after"], shown
    # Tables set Arabic in the page's proportional font, not the monospace one.
    fonts = phone.evaluate("""() => [...document.querySelectorAll('#repair-review .virtual-row *')]
        .filter(e => e.textContent.includes('الموصل')).map(e => getComputedStyle(e).fontFamily)""")
    assert fonts and not [f for f in fonts if "mono" in f.lower()], fonts
    phone.close()


def test_at_phone_width_every_tab_shows_and_option_labels_are_whole(browser, server):
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(server)
    phone.wait_for_selector("#model-status")
    for name in ("Translate", "Repair", "Score", "Batch", "Glossary"):
        expect(phone.get_by_role("tab", name=name)).to_be_visible()  # none behind a "..." menu
    clipped = phone.evaluate("""() => [...document.querySelectorAll('.mt-options label')]
        .filter(l => l.offsetParent !== null)
        .map(l => [l.innerText.trim(), l.scrollWidth - l.clientWidth, l.getBoundingClientRect().right])
        .filter(([text, over, right]) => text && (over > 1 || right > window.innerWidth))""")
    assert clipped == [], clipped
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing runs off the side
    phone.close()
