"""The review and the page's problems in headless Chromium (issue 25): the review table reads at a
phone's width and a desktop's, a problem is said beside its control with the last results kept, and a
box refuses a paste over its limit (tests/browser_harness.py)."""

from __future__ import annotations

import pytest
from browser_harness import click_example, open_tab
from playwright.sync_api import expect

# Everything wrong with the review table's text, measured with the text's own rectangles: a header on
# more than one line or running out of its cell, a word of a name (before, after) broken across lines
# or running out of its cell, the "why" cut at the bottom of its cell or (``whole``) at the table's edge.
_TABLE_FAULTS = """([selector, whole]) => {
    const table = document.querySelector(selector), faults = [];
    const edge = table.getBoundingClientRect().right;
    const rects = (node, start, end) => {
        const range = document.createRange(); range.setStart(node, start); range.setEnd(node, end);
        return [...range.getClientRects()].filter(r => r.width > 0);
    };
    const words = (element) => {
        const out = [], walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/\\S+/g)) out.push([m[0], rects(node, m.index, m.index + m[0].length)]);
        }
        return out.filter(([, r]) => r.length);
    };
    const outside = (r, box) => r.left < box.left - 1 || r.right > box.right + 1;
    for (const th of table.querySelectorAll('th')) {
        const box = th.getBoundingClientRect(), found = words(th);
        if (new Set(found.flatMap(([, r]) => r.map(x => Math.round(x.top)))).size > 1) faults.push(['header on two lines', th.title]);
        for (const [word, r] of found) if (r.length > 1 || r.some(x => outside(x, box))) faults.push(['header cut', word]);
    }
    for (const cell of table.querySelectorAll('.virtual-row [data-col="1"], .virtual-row [data-col="2"]')) {
        const box = cell.getBoundingClientRect();
        for (const [word, r] of words(cell)) if (r.length > 1 || r.some(x => outside(x, box))) faults.push(['name broken', word]);
    }
    for (const cell of table.querySelectorAll('.virtual-row [data-col="4"]')) {
        const text = cell.querySelector('span');
        if (text.scrollHeight > cell.clientHeight + 1) faults.push(['why cut at the bottom', text.innerText.slice(0, 30)]);
        if (whole && cell.getBoundingClientRect().right > edge + 1) faults.push(['why past the edge', text.innerText.slice(0, 30)]);
    }
    return faults;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_review_table_reads_at_a_phones_and_a_desktops_width(browser, server, width, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(server)
    page.wait_for_selector("#model-status")
    open_tab(page, "Repair")
    click_example(page)  # FLORES lines whose names repair: «ديلوك ريت», «إشبيلية», «بنك دويتشه»...
    page.wait_for_selector("#glossary-note :text('FLORES-101 example names')")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('names repaired')", timeout=30_000)
    expect(page.locator("#repair-review .virtual-row")).not_to_have_count(0)
    page.wait_for_timeout(300)  # the rows' heights settle after their text wraps
    assert page.evaluate(_TABLE_FAULTS, ["#repair-review", width >= 1280]) == []
    shown = page.evaluate("""() => [...document.querySelectorAll('#repair-review th')]
        .filter(th => th.getBoundingClientRect().right <= window.innerWidth).map(th => th.innerText.trim())""")
    assert shown[:3] == ["apply", "before", "after"], shown  # what is decided on, first, at any width
    if width >= 1280:
        assert shown == ["apply", "before", "after", "confidence", "why", "line", "glossary entry", "#"]
    else:
        page.locator("#repair-review").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.locator("#repair-review").screenshot(path=str(_screenshots(tmp_path) / "review-phone.png"))
    page.close()


def _screenshots(tmp_path):
    """Where screenshots go (browser_harness.screenshot's folder)."""
    import os
    from pathlib import Path

    folder = Path(os.environ.get("MTREPAIR_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_problem_is_said_beside_its_control_and_the_last_results_stay(page):
    open_tab(page, "Repair")
    page.fill("#repair-source textarea", "HTS fighters entered Mosul.")
    page.fill("#repair-mt textarea", "دخل مقاتلو HTS مدينة موسول.")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('1 name repaired')", timeout=30_000)
    page.fill("#repair-source textarea", "HTS fighters entered Mosul.\nThey left.")  # two lines for one
    page.click("#repair-button")
    note = page.locator("#repair-text-note")
    expect(note).to_contain_text("The source has 2 lines and the translation 1", timeout=30_000)
    # Beside the boxes that caused it: just under them, above the Repair button.
    boxes, said, button = (page.locator(s).bounding_box() for s in ("#repair-mt", "#repair-text-note", "#repair-button"))
    assert 0 <= said["y"] - (boxes["y"] + boxes["height"]) < 60 and said["y"] < button["y"]
    # No message box, no error badge: the last results are as they were, and their downloads can be clicked.
    assert page.locator(".toast-body").count() == 0
    assert page.locator(".error:visible").count() == 0
    expect(page.locator("#repair-text textarea")).to_have_value("دخل مقاتلو HTS مدينة الموصل.")
    assert page.locator("#repair-output .highlighted").all_inner_texts() == ["الموصل"]
    expect(page.locator("#repair-summary")).to_contain_text("1 name repaired")
    link = page.locator("#repair-download a").first
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.href || ''",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top == link.evaluate("a => a.href")  # nothing covers it
    assert page.request.get(on_top).text() == "دخل مقاتلو HTS مدينة الموصل.\n"
    # Put right, the note goes.
    page.fill("#repair-source textarea", "HTS fighters entered Mosul.")
    page.click("#repair-button")
    expect(note).to_have_text("", timeout=30_000)


def test_a_paste_over_the_limit_is_refused_at_once(page):
    open_tab(page, "Repair")
    box = page.locator("#repair-mt textarea")
    box.fill("دخل مقاتلو HTS مدينة موسول.")
    assert box.get_attribute("maxlength") == "20000"  # typing stops there too
    paste = """([selector, text]) => {
        const box = document.querySelector(selector); box.focus();
        const data = new DataTransfer(); data.setData('text/plain', text);
        return box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }"""
    taken = page.evaluate(paste, ["#repair-mt textarea", "x" * 1_000_000])  # a megabyte, as in the issue
    assert taken is False  # refused: the browser does not paste it
    expect(box).to_have_value("دخل مقاتلو HTS مدينة موسول.")
    said = page.locator("#repair-mt .mt-paste-note")
    expect(said).to_contain_text("Not pasted: that text has 1,000,000 characters and this box takes up to 20,000")
    assert page.evaluate(paste, ["#repair-mt textarea", "short"]) is True  # a paste that fits goes in
    expect(said).to_have_count(0)
