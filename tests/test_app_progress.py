"""The page's progress bar counts real sentences (Translate with and without the round trip)."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT
from glossary.files import DEFAULT_GLOSSARY, load_glossary


class Recorded:
    """A stand-in for gr.Progress that keeps what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, progress, desc=None, unit=None, **_):
        self.calls.append(progress)


@pytest.fixture(scope="module")
def page(tiny_model, tiny_model_en_ar, ct2_cache):
    os.environ["MTREPAIR_MODEL_AR_EN"], os.environ["MTREPAIR_MODEL_EN_AR"] = str(tiny_model), str(tiny_model_en_ar)
    sys.path.insert(0, str(ROOT))
    from page import translate_panel

    yield translate_panel
    sys.path.remove(str(ROOT))
    for name in ("MTREPAIR_MODEL_AR_EN", "MTREPAIR_MODEL_EN_AR"):
        os.environ.pop(name, None)


TEXT = "هذا نص أول. وهذه جملة ثانية.\n\nهذا نص أول.\nجملة ثالثة هنا."  # 3 distinct sentences, one twice


def test_translating_counts_each_distinct_sentence_up_to_all_of_them(page):
    progress = Recorded()
    glossary = load_glossary(DEFAULT_GLOSSARY)
    page.translate_text("Arabic → English", TEXT, glossary, True, False, progress=progress)
    assert progress.calls[0] == (0, 3)
    assert progress.calls[-1] == (3, 3)
    done = [d for d, _ in progress.calls]
    assert done == sorted(done) and len(progress.calls) >= 2


def test_the_round_trip_counts_both_directions(page):
    progress = Recorded()
    glossary = load_glossary(DEFAULT_GLOSSARY)
    page.translate_text("Arabic → English", TEXT, glossary, True, True, progress=progress)
    assert progress.calls[0] == (0, 6)
    done = [d for d, _ in progress.calls]
    assert done == sorted(done) and 3 < done[-1] <= 6
