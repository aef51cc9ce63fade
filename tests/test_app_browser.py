"""The web page, driven in headless Chromium like a person would use it.

The page runs as ``python app.py`` in its own process, with the tiny
random-weight model as the translation model (its words are nonsense; the
tests check that each tab does its job and shows it).  Chromium comes from
Debian (``apt-get install chromium``); Playwright drives it through
``executable_path`` because browser downloads are impossible here.  Without
Chromium the tests are skipped, unless ``MTREPAIR_REQUIRE_BROWSER=1`` (set
by CI) makes that a failure.  ``MTREPAIR_SCREENSHOTS=DIR`` keeps a
screenshot of every tab.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT

EXAMPLES = ROOT / "examples" / "app"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    return os.environ.get("MTREPAIR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(env: dict, log: Path):
    """``python app.py`` with ``env`` on a free port, for the duration of the block: yields its URL."""
    process, url = _serve(env, log)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _serve(env: dict, log: Path):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env={**os.environ, **env},
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app.py exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    pytest.fail(f"app.py did not answer within 120 s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def browser():
    chromium = _chromium()
    if not chromium:
        if os.environ.get("MTREPAIR_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (MTREPAIR_REQUIRE_BROWSER is set) but not installed: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tiny_model, tmp_path_factory):
    env = {"MTREPAIR_MODEL_AR_EN": str(tiny_model), "MTREPAIR_MODEL_EN_AR": str(tiny_model), "HF_HUB_OFFLINE": "1"}
    with serving(env, tmp_path_factory.mktemp("app") / "app.log") as url:
        yield url


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    page.wait_for_selector("#model-status")
    yield page
    page.close()


def screenshot(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("MTREPAIR_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let the last repaint land
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def choose_glossary(page, label: str) -> None:
    open_tab(page, "Glossary")  # where the glossary is chosen, uploaded and edited
    page.locator("#glossary-choice input").click()
    page.get_by_role("option", name=label).click()


def upload_glossary(page, path) -> None:
    """Upload a glossary file where the page takes it: the Glossary tab."""
    open_tab(page, "Glossary")
    page.set_input_files("#glossary-upload input[type=file]", str(path))


def click_example(page, row: int = 0) -> None:
    page.locator("tr.tr-body:visible").nth(row).click()


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


def test_glossary_tab_searches_and_edits(page, tmp_path):
    open_tab(page, "Glossary")
    page.fill("#glossary-search textarea", "الموصل")
    expect(page.locator("#glossary-table")).to_contain_text("Mosul")
    # Search first: saving switches the list to the edited glossary, which refreshes the table with
    # the search as it then stands; a search typed while that refresh runs can be overwritten by it.
    page.fill("#glossary-search textarea", "testville")
    page.get_by_text("Add or edit an entry").click()
    page.fill("#glossary-en textarea", "Testville | Test Ville")
    page.fill("#glossary-ar textarea", "تستفيل")
    page.click("#glossary-save")
    page.wait_for_selector("#glossary-note :text('edited in the page')")
    expect(page.locator("#glossary-table")).to_contain_text("Testville | Test Ville")
    expect(page.locator("#glossary-table")).not_to_contain_text("Mosul")
    screenshot(page, "glossary", tmp_path)
    # The edited glossary is the one the other tabs use.
    open_tab(page, "Repair")
    page.fill("#repair-source textarea", "Protesters marched in Testville.")
    page.fill("#repair-mt textarea", "تظاهر محتجون في طستفيل.")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('1 name repaired')", timeout=30_000)
    assert page.locator("#repair-output .highlighted").all_inner_texts() == ["تستفيل"]


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

    page.click("#repair-accept-sure")  # back to mtrepair's own decisions
    expect(note).to_have_text("2 changes to review: 1 accepted, 1 rejected (as mtrepair decided).")
    expect(text).to_have_value("دخل مقاتلو HTS مدينة الموصل.")
    page.click("#repair-reject-all")
    expect(note).to_have_text("2 changes to review: 0 accepted, 2 rejected (1 by you).")
    expect(text).to_have_value("دخل مقاتلو HTS مدينة موسول.")  # the translation as it came
    assert page.locator("#repair-output .highlighted").count() == 0


def test_errors_are_messages_not_tracebacks(page):
    open_tab(page, "Repair")
    page.click("#repair-button")
    toast = page.locator(".toast-body").first
    toast.wait_for(timeout=15_000)
    assert "Paste some machine translation first" in toast.inner_text()
    assert "Traceback" not in page.content()


@pytest.fixture(scope="module")
def offline_server(tmp_path_factory):
    missing = str(tmp_path_factory.mktemp("no-model") / "missing")
    env = {"MTREPAIR_MODEL_AR_EN": missing, "MTREPAIR_MODEL_EN_AR": missing, "HF_HUB_OFFLINE": "1"}
    with serving(env, tmp_path_factory.mktemp("app-offline") / "app.log") as url:
        yield url


def test_without_a_model_the_page_says_so_and_repair_still_works(browser, offline_server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(offline_server)
    page.wait_for_selector("#model-status :text('Translating is not available on this server')", timeout=60_000)
    banner = page.locator("#model-status").inner_text()
    assert "Repair" in banner and "MTREPAIR" not in banner and "--model" not in banner  # an editor's words
    # The page opens on what works: the Repair tab, without a click.
    expect(page.get_by_role("tab", name="Repair")).to_have_attribute("aria-selected", "true")
    click_example(page)
    page.wait_for_selector("#glossary-note :text('FLORES-101 example names')")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('names repaired')", timeout=30_000)
    page.close()


@pytest.fixture(scope="module")
def stand_in_server(tiny_model, tmp_path_factory):
    """No default model in either direction, but the operator listed the tiny ar->en model."""
    missing = str(tmp_path_factory.mktemp("no-default") / "missing")
    env = {"MTREPAIR_MODEL_AR_EN": missing, "MTREPAIR_MODEL_EN_AR": missing, "MTREPAIR_MODELS": str(tiny_model),
           "HF_HUB_OFFLINE": "1"}
    with serving(env, tmp_path_factory.mktemp("app-stand-in") / "app.log") as url:
        yield url


def test_a_listed_model_stands_in_for_a_missing_default_and_the_banner_says_so(browser, stand_in_server,
                                                                                  tiny_model):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(stand_in_server)
    page.wait_for_selector("#model-status :text('English → Arabic cannot be translated')", timeout=60_000)
    banner = page.locator("#model-status").inner_text()
    assert f"Arabic → English translates with {tiny_model}" in banner  # the tiny model says it is ar->en
    expect(page.get_by_role("tab", name="Translate")).to_have_attribute("aria-selected", "true")
    page.get_by_label("Arabic → English").first.check()
    page.get_by_label("Round trip: translate back and compare").uncheck()
    page.locator("#translate-source textarea").fill("هذا نص قصير.")
    page.click("#translate-button")
    page.wait_for_selector(f"text=forward: {tiny_model}", timeout=60_000)  # "default" meant the stand-in
    page.close()


def test_an_uploaded_glossary_is_used_until_the_list_is_changed(page, tmp_path):
    upload = tmp_path / "mine.csv"
    upload.write_text("id,en,ar,type\nt1,Testville,تستفيل,LOC\n", encoding="utf-8")
    upload_glossary(page, upload)
    page.wait_for_selector("#glossary-note :text('mine.csv — 1 entries')")
    expect(page.locator("#glossary-choice input")).to_have_value("uploaded: mine.csv")  # the list shows it
    choose_glossary(page, "levant-news (built in: Iraq, Syria, Levant)")  # and choosing the built-in one works
    page.wait_for_selector("#glossary-note :text('levant-news (built in')")
    open_tab(page, "Repair")
    click_example(page)  # the example switches the list to the FLORES glossary: the latest choice wins
    page.wait_for_selector("#glossary-note :text('FLORES-101 example names')")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('4 names repaired')", timeout=30_000)


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


def test_a_glossary_that_cannot_be_read_leaves_the_one_in_use_and_says_so_once(page, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    upload_glossary(page, bad)
    page.wait_for_selector("#glossary-note :text('broken.json was not loaded')")
    note = page.locator("#glossary-note").inner_text()
    assert "still levant-news (built in: Iraq, Syria, Levant)" in note
    expect(page.locator("#glossary-choice input")).to_have_value("levant-news (built in: Iraq, Syria, Levant)")
    page.wait_for_timeout(500)
    assert page.locator(".toast-body").count() == 0  # no error badge over the page
    page.fill("#glossary-search textarea", "الموصل")
    expect(page.locator("#glossary-table")).to_contain_text("Mosul")  # the built-in glossary, still in use


def _save_entry(page, english: str, arabic: str) -> None:
    open_tab(page, "Glossary")
    page.get_by_text("Add or edit an entry").click()
    page.fill("#glossary-en textarea", english)
    page.fill("#glossary-ar textarea", arabic)
    page.click("#glossary-save")
    page.wait_for_selector("#glossary-note :text('edited in the page')")


def test_edits_in_the_page_are_kept_until_the_editor_discards_them(page, tmp_path):
    _save_entry(page, "Testville", "تستفيل")
    expect(page.locator("#glossary-choice input")).to_have_value("edited in the page")  # the list says so
    choose_glossary(page, "FLORES-101 example names")
    warning = page.locator("#glossary-pending")
    expect(warning).to_contain_text("Your edits are kept for now")
    expect(page.locator("#glossary-choice input")).to_have_value("edited in the page")
    expect(page.locator("#glossary-note")).to_contain_text("edited in the page")
    page.click("#glossary-keep")
    expect(warning).to_be_hidden()
    # An example of another tab asks for its glossary: the warning shows there, above the tabs.
    open_tab(page, "Repair")
    click_example(page)
    expect(warning).to_contain_text("Using FLORES-101 example names would throw away")
    screenshot(page, "glossary-edits-kept", tmp_path)
    page.fill("#repair-source textarea", "Protesters marched in Testville.")
    page.fill("#repair-mt textarea", "تظاهر محتجون في طستفيل.")
    page.click("#repair-button")
    page.wait_for_selector("#repair-summary :text('1 name repaired')", timeout=30_000)  # the edits are in use
    page.click("#glossary-discard")
    expect(page.locator("#glossary-note")).to_contain_text("FLORES-101 example names")
    expect(warning).to_be_hidden()
    open_tab(page, "Glossary")
    expect(page.locator("#glossary-choice input")).to_have_value("FLORES-101 example names")
    # Discarding refreshes the table; a search typed while that refresh runs can be overwritten when
    # it lands (the page's race, noted in the issue log): search once the count shows no timer.
    expect(page.locator("#glossary-count")).not_to_contain_text(re.compile(r"\d\.\ds"), timeout=30_000)
    page.fill("#glossary-search textarea", "Testville")
    expect(page.locator("#glossary-count")).to_contain_text("0 of ")


def test_a_two_column_file_without_a_header_asks_which_language_is_in_which_column(page, tmp_path):
    upload = tmp_path / "pairs.tsv"
    upload.write_text("تستفيل\tTestville\nالموصل\tMosul\n", encoding="utf-8")
    upload_glossary(page, upload)
    question = page.locator("#glossary-columns")
    expect(question).to_contain_text("pairs.tsv has no header")
    # The page guesses from the scripts; the person confirms.
    expect(page.locator("#glossary-column-order input[value='Arabic, then English']")).to_be_checked()
    expect(page.locator("#glossary-note")).to_contain_text("levant-news")  # nothing changed yet
    page.click("#glossary-load-columns")
    expect(page.locator("#glossary-note")).to_contain_text("pairs.tsv — 2 entries")
    expect(question).to_be_hidden()
    expect(page.locator("#glossary-choice input")).to_have_value("uploaded: pairs.tsv")
    page.fill("#glossary-search textarea", "Testville")
    row = page.locator("#glossary-table .virtual-row").first
    expect(row).to_contain_text("Testville")
    expect(row).to_contain_text("تستفيل")


def test_clicking_an_entry_loads_it_into_the_form_with_its_alternatives(page):
    open_tab(page, "Glossary")
    page.fill("#glossary-search textarea", "Mawsil")  # one entry: Mosul, with its alternatives
    expect(page.locator("#glossary-count")).to_contain_text("1 of ")
    page.locator("#glossary-table .virtual-row .body-cell").nth(1).click()
    expect(page.locator("#glossary-en textarea")).to_have_value("Mosul | Al-Mosul | Mawsil")
    arabic = page.locator("#glossary-ar textarea").input_value()
    assert "الموصل" in arabic and arabic in page.locator("#glossary-table").inner_text()
    assert page.locator("#glossary-id textarea").input_value()  # the same id: saving replaces the entry


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
