"""The page's queue: light work (repair) never waits behind translation, which holds the one model.

The page is served in this process with the Translate handler replaced by one that holds the model's
slot until the test lets it go, so that "a slow translation is running" is certain, not a race with a
real model.  Calls go through gradio_client, as a program or the browser's queue makes them.
"""

from __future__ import annotations

import socket
import sys
import threading

import pytest

from conftest import ROOT

gradio_client = pytest.importorskip("gradio_client")

HOLD_S = 60  # the longest the fake translation holds the model (the test lets it go long before)


class HeldModel:
    """A Translate handler that holds the model until released, counting the translations started."""

    def __init__(self) -> None:
        self.started, self.release, self.count = threading.Event(), threading.Event(), 0

    def __call__(self, direction, text, glossary, use_glossary=True, round_trip=True, model="", back_model=""):
        import gradio as gr

        self.count += 1
        self.started.set()
        self.release.wait(HOLD_S)
        raise gr.Error("translation stopped by the test", print_exception=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served():
    """(client, held model): app.py's page and queue, served here, with a translation that waits."""
    sys.path.insert(0, str(ROOT))
    import app
    from page import translate_panel

    held = HeldModel()
    real, translate_panel.translate_text = translate_panel.translate_text, held
    try:
        page = app.queued(app.build())
    finally:
        translate_panel.translate_text = real
    page.launch(server_port=_free_port(), prevent_thread_lock=True, quiet=True, max_threads=app.MAX_THREADS)
    try:
        yield gradio_client.Client(page.local_url, verbose=False), held
    finally:
        held.release.set()
        page.close()
        sys.path.remove(str(ROOT))


def test_a_repair_is_answered_while_a_translation_holds_the_model(served):
    client, held = served
    first = client.submit("English → Arabic", "Forces operated in Mosul", api_name="/translate")
    assert held.started.wait(30), "the translation did not start"
    second = client.submit("English → Arabic", "Forces operated in Mosul", api_name="/translate")
    repair = client.submit(direction="English → Arabic", translation="نفذت القوات عمليات في موسول",
                           source="Forces operated in Mosul", api_name="/repair")
    outputs = repair.result(timeout=20)  # long before the translation is let go
    assert outputs[2] == "نفذت القوات عمليات في الموصل"
    assert not first.done() and held.count == 1  # the second translation waits for the model
    held.release.set()
    for job in (first, second):
        with pytest.raises(Exception, match="stopped by the test"):
            job.result(timeout=30)
    assert held.count == 2
