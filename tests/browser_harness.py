"""What the browser tests share (tests/test_app_browser*.py): the page as a server, Chromium, and the
few gestures every test makes.

The page runs as ``python app.py`` in its own process, with the tiny
random-weight model as the translation model (its words are nonsense; the
tests check that each tab does its job and shows it).  Chromium comes from
Debian (``apt-get install chromium``); Playwright drives it through
``executable_path`` because browser downloads are impossible here.  Without
Chromium the tests are skipped, unless ``MTREPAIR_REQUIRE_BROWSER=1`` (set
by CI) makes that a failure.  ``MTREPAIR_SCREENSHOTS=DIR`` keeps a
screenshot of every tab.

The fixtures ``browser``, ``server`` (the page with the tiny model both ways)
and ``page`` (a fresh tab on it) are in tests/conftest.py, built from these
helpers; each test module gets its own browser and server.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

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


@contextmanager
def chromium_browser():
    """Headless Chromium for the block (the ``browser`` fixture); without it the test is skipped, or fails
    under CI."""
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
