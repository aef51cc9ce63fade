"""The web page without its default models, driven in headless Chromium: repair still works, and a
model the operator listed stands in (tests/browser_harness.py)."""

from __future__ import annotations

import pytest
from browser_harness import click_example, open_tab, serving
from playwright.sync_api import expect
from test_app_words import OPERATOR


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
    # Translate and Batch are visibly unavailable, each with one plain sentence beside its button.
    for tab, button, note in (("Translate", "#translate-button", "#translate-note"), ("Batch", "#batch-button", "#batch-note")):
        open_tab(page, tab)
        expect(page.locator(button)).to_be_disabled()
        said = page.locator(note).inner_text()
        assert "no translation model is installed here" in said and not OPERATOR.search(said), said
    open_tab(page, "Repair")
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
    # The tiny model says it is ar->en; the page names it by its folder's name, not the server's path.
    assert f"Arabic → English translates with {tiny_model.name}" in banner and str(tiny_model) not in banner
    expect(page.get_by_role("tab", name="Translate")).to_have_attribute("aria-selected", "true")
    page.get_by_label("Arabic → English").first.check()
    page.get_by_label("Round trip: translate back and compare").uncheck()
    page.locator("#translate-source textarea").fill("هذا نص قصير.")
    page.click("#translate-button")
    page.wait_for_selector(f"text=forward: {tiny_model.name}", timeout=60_000)  # "default" meant the stand-in
    # The direction without a model: one plain sentence under the button, nothing for the operator.
    page.get_by_label("English → Arabic").first.check()
    page.click("#translate-button")
    said = page.locator("#translate-note")
    expect(said).to_contain_text("English → Arabic cannot be translated on this server", timeout=60_000)
    assert not OPERATOR.search(said.inner_text()) and str(tiny_model) not in page.locator("body").inner_text()
    page.close()
